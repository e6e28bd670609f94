/**
 * Every sentence a person reads, in English and French. The words live in the message
 * catalogues beside this file (`en.json`, `fr.json`: one key per message, ICU MessageFormat
 * with named placeholders and plurals, see README.md here); numbers, dates and periods are
 * formatted by the platform's `Intl` for the locale. Codes and JSON fields never go through here.
 *
 * The lowest layer: no `node:` import, so the same messages serve the CLI, the language server
 * in Node or in a web worker, the webview and the VS Code extension.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** A message key: the English catalogue lists them all (the tests hold French to the same keys). */
export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };

/**
 * The first supported locale among `candidates`, most preferred first: `fr`, `fr-FR`,
 * `fr_CA.UTF-8` (POSIX) all give `fr`; `C`, `POSIX`, empty and unknown languages are skipped.
 */
export function resolveLocale(...candidates: Array<string | undefined>): Locale {
    for (const candidate of candidates) {
        const language = candidate?.trim().split(/[-_.@]/)[0].toLowerCase();
        if (language && (LOCALES as readonly string[]).includes(language)) return language as Locale;
    }
    return DEFAULT_LOCALE;
}

/** The messages and formats of one locale. Get one with `messages(locale)`. */
export class Messages {
    private readonly compiled = new Map<MessageKey, IntlMessageFormat>();
    private readonly numberFormats = new Map<string, Intl.NumberFormat>();

    constructor(readonly locale: Locale) {}

    /** The message `key` with its placeholders filled: `t('count.stages', { count: 2 })` → "2 stages". */
    t(key: MessageKey, values?: MessageValues): string {
        let format = this.compiled.get(key);
        if (!format) {
            format = new IntlMessageFormat(CATALOGUES[this.locale][key] ?? CATALOGUES[DEFAULT_LOCALE][key], this.locale, undefined, { ignoreTag: true });
            this.compiled.set(key, format);
        }
        return String(format.format(values as Record<string, string | number | boolean | Date | null | undefined>));
    }

    /** A cached `Intl.NumberFormat` of this locale. */
    numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
        const key = JSON.stringify(options);
        let format = this.numberFormats.get(key);
        if (!format) {
            format = new Intl.NumberFormat(this.locale, options);
            this.numberFormats.set(key, format);
        }
        return format;
    }
}

const byLocale = new Map<Locale, Messages>();

/** The messages of `locale` (one instance per locale: compiled messages are cached in it). */
export function messages(locale: Locale): Messages {
    let found = byLocale.get(locale);
    if (!found) {
        found = new Messages(locale);
        byLocale.set(locale, found);
    }
    return found;
}

/** The catalogues, for the tests that hold them to each other and to the code. */
export function catalogue(locale: Locale): Readonly<Record<string, string>> {
    return CATALOGUES[locale];
}

/**
 * An error a person reads, worded where it is printed: the thrower may not know the reader's
 * locale. `message` is the English text; made with `keyed`, `say(m)` gives it in the locale of `m`.
 */
export class WordedError extends Error {
    key?: MessageKey;
    values?: MessageValues;

    static keyed<T extends WordedError>(this: new (message: string) => T, key: MessageKey, values?: MessageValues): T {
        const error = new this(messages(DEFAULT_LOCALE).t(key, values));
        error.key = key;
        error.values = values;
        return error;
    }

    /** The message in the language of `m`. */
    say(m: Messages): string {
        return this.key ? m.t(this.key, this.values) : this.message;
    }
}
