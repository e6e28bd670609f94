import { LOCALES, resolveLocale, type Locale } from '../language/i18n/i18n.js';

/** The command line without its `--lang` option, and the language it asks for. */
export interface LocaleChoice {
    args: string[];
    /** The value of `--lang`, as written; undefined when absent. */
    lang?: string;
    locale: Locale;
}

/**
 * The CLI's language: `--lang fr|en` (anywhere on the command line), else the POSIX locale of the
 * environment as programs read it (`LC_ALL`, else `LC_MESSAGES`, else `LANG`: the first one
 * set wins, so `LC_ALL=C` means English even when `LANG` is French), else English.
 */
export function chooseLocale(argv: string[], env: Record<string, string | undefined>): LocaleChoice {
    const args: string[] = [];
    let lang: string | undefined;
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index];
        if (arg === '--') {
            args.push(...argv.slice(index));
            break;
        }
        if (arg === '--lang') {
            lang = argv[++index] ?? '';
        } else if (arg.startsWith('--lang=')) {
            lang = arg.slice('--lang='.length);
        } else {
            args.push(arg);
        }
    }
    const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(value => value !== undefined && value !== '');
    // A language we do not speak is refused in the environment's language.
    const locale = lang !== undefined && isSupportedLang(lang) ? resolveLocale(lang) : resolveLocale(posix);
    return { args, ...(lang !== undefined ? { lang } : {}), locale };
}

/** Whether `--lang`'s value names a language the CLI speaks. */
export function isSupportedLang(lang: string): boolean {
    return (LOCALES as readonly string[]).includes(lang.trim().split(/[-_.@]/)[0].toLowerCase());
}
