#!/usr/bin/env node
// The `journey` command. It runs the bundle of out/cli-bundle/ (npm run build,
// scripts/build-cli.mjs: one file per command instead of ~380 modules to resolve at start-up).
//
// It no longer runs itself a second time with `--max-semi-space-size=32` (added on 2026-11-23,
// when 32 MB semi-spaces took ~10 % of the CPU off a 1,000-file `journey check`): measured again
// on 2026-12-06 with the lean parser, the flag gained nothing on that check (1.42–1.45 s without,
// 1.45–1.61 s with it, +40 MB peak RSS) nor on `journey metrics`, while the second start cost
// ~80 ms on every command. NODE_OPTIONS=--max-semi-space-size=32 still sets it.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../out/cli-bundle/main.js', import.meta.url))) {
    process.stderr.write(`journey: ${notBuiltMessages()[bundleLessLocale(process.argv.slice(2), process.env)]}\n`);
    process.exit(2);
}
await import('../out/cli-bundle/polyfills.js');
const { main, internalError } = await import('../out/cli-bundle/main.js');
main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => {
        process.stderr.write(internalError(error));
        process.exitCode = 2;
    }
);

/**
 * The one message said before the bundle exists: it cannot come from the message catalogues,
 * which reach the command only inside the bundle (src/language/i18n/*.json are not shipped, and
 * reading them here would cost every command a file read and a parse). So it is kept here in both
 * languages; test/cli/bin-locale.test.ts runs it in both, and holds the choice of language below
 * to `chooseLocale` (src/cli/cli-locale.ts) over a table of command lines and environments.
 */
function notBuiltMessages() {
    return {
        en: 'the command is not built (out/cli-bundle/ is missing): run `npm run build`.',
        fr: "la commande n'est pas construite (out/cli-bundle/ est absent)\u202f: lancez `npm run build`."
    };
}

/** src/cli/cli-locale.ts's rules, without the catalogues: `--lang fr|en`, else LC_ALL, LC_MESSAGES, LANG (the first set), else English. */
function bundleLessLocale(argv, env) {
    const language = value => (value ?? '').trim().split(/[-_.@]/)[0].toLowerCase();
    let lang;
    for (let index = 0; index < argv.length && argv[index] !== '--'; index++) {
        if (argv[index] === '--lang') lang = argv[++index] ?? '';
        else if (argv[index].startsWith('--lang=')) lang = argv[index].slice('--lang='.length);
    }
    if (lang !== undefined && (language(lang) === 'fr' || language(lang) === 'en')) return language(lang);
    const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find(value => value !== undefined && value !== '');
    return language(posix) === 'fr' ? 'fr' : 'en';
}
