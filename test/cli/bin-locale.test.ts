// bin/journey.js speaks before the bundle exists (its one message: build the command first), so
// it cannot use the message catalogues, which live inside the bundle: it carries that message in
// both languages and chooses between them by the CLI's rules. Run here as a checkout without
// out/cli-bundle/ runs it, its choice held to `chooseLocale` (src/cli/cli-locale.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLocale } from '../../src/cli/cli-locale.js';
import { internalError } from '../../src/cli/main.js';

const BARE_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LC_ALL|LC_MESSAGES|LANG|LANGUAGE)$/.test(name)));
const ENGLISH = 'journey: the command is not built (out/cli-bundle/ is missing): run `npm run build`.\n';
const FRENCH = "journey: la commande n'est pas construite (out/cli-bundle/ est absent)\u202f: lancez `npm run build`.\n";

let checkout: string;
beforeAll(() => {
    checkout = mkdtempSync(join(tmpdir(), 'journey-unbuilt-'));
    mkdirSync(join(checkout, 'bin'));
    copyFileSync(resolve('bin/journey.js'), join(checkout, 'bin/journey.js'));
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

function unbuilt(args: string[], env: Record<string, string>) {
    const result = spawnSync(process.execPath, [join(checkout, 'bin/journey.js'), ...args], { encoding: 'utf8', env: { ...BARE_ENV, ...env } });
    return { code: result.status, stderr: result.stderr };
}

describe('bin/journey.js without the bundle', () => {
    it('says to build the command, in English or in French', () => {
        expect(unbuilt(['check'], {})).toEqual({ code: 2, stderr: ENGLISH });
        expect(unbuilt(['check', '--lang', 'fr'], {})).toEqual({ code: 2, stderr: FRENCH });
    });

    it('chooses its language as the command does, over command lines and environments', () => {
        const cases: Array<[string[], Record<string, string>]> = [
            [['check'], {}],
            [['check'], { LANG: 'fr_FR.UTF-8' }],
            [['check'], { LANG: 'fr' }],
            [['check'], { LC_ALL: 'C', LANG: 'fr_FR.UTF-8' }],
            [['check'], { LC_ALL: '', LC_MESSAGES: 'fr_CA.UTF-8', LANG: 'en_US' }],
            [['check'], { LC_MESSAGES: 'en_GB', LANG: 'fr_FR' }],
            [['check'], { LANG: 'de_DE.UTF-8' }],
            [['check', '--lang', 'fr'], { LANG: 'en_US' }],
            [['check', '--lang=fr-CA'], {}],
            [['check', '--lang', 'en'], { LC_ALL: 'fr_FR.UTF-8' }],
            [['check', '--lang', 'de'], { LANG: 'fr_FR' }],
            [['check', '--lang'], { LANG: 'fr_FR' }],
            [['check', '--', '--lang', 'fr'], {}]
        ];
        for (const [args, env] of cases) {
            const expected = chooseLocale(args, env).locale === 'fr' ? FRENCH : ENGLISH;
            expect(unbuilt(args, env).stderr, `${args.join(' ')} ${JSON.stringify(env)}`).toBe(expected);
        }
    });
});

describe('an internal error (a bug), once the bundle runs', () => {
    it('is introduced in the language the command line chooses, the stack kept as it is', () => {
        const error = new Error('boom');
        expect(internalError(error, ['check', '--lang', 'fr'], {})).toBe(`journey: erreur interne\u202f: ${error.stack}\n`);
        expect(internalError(error, ['check'], { LANG: 'fr_FR.UTF-8' })).toBe(`journey: erreur interne\u202f: ${error.stack}\n`);
        expect(internalError('not an Error', ['check'], {})).toBe('journey: internal error: not an Error\n');
    });
});
