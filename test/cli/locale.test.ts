import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLocale } from '../../src/cli/cli-locale.js';

const BIN = resolve('bin/journey.js');
/** The environment without any locale variable: each test says which one it sets. */
const BARE_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LC_ALL|LC_MESSAGES|LANG|LANGUAGE)$/.test(name)));

function journey(args: string[], cwd: string, env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...BARE_ENV, ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A journey of its own, in two versions, for the diff. */
const VERSION = `journey Adhesion "Adhésion" {
  stage Souscription "Souscription" {
    touchpoint Devis "Devis en ligne" via Web { emotion 2 }
  }
  kpi Delai "Délai" {
    measures count(Devis)
    target >= 120
  }
}
channel Web "Site web" online
`;

const FILES: Record<string, string> = {
    'catalog.journey': 'channel Web "Site web" online\nchannel Courrier "Courrier postal" offline\n',
    'adhesion.journey': `journey Adhesion "Adhésion" {
  stage Souscription "Souscription" {
    touchpoint Devis "Devis en ligne" via Web { emotion 3 }
    touchpoint Carte "Envoi de la carte" via Courier
  }
  stage Vide "Étape vide" {
  }
  kpi Delai "Délai" {
    measures share(Carte within J+1 of Devis)
    target >= 120%
  }
}
`
};

let root: string;
beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'journey-locale-cli-'));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(root, name), text);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the CLI’s language', () => {
    it('is --lang, else LC_ALL, LC_MESSAGES or LANG (the first one set), else English', () => {
        expect(chooseLocale(['check', '--lang', 'fr', '.'], {})).toEqual({ args: ['check', '.'], lang: 'fr', locale: 'fr' });
        expect(chooseLocale(['check', '--lang=en'], { LANG: 'fr_FR.UTF-8' })).toMatchObject({ args: ['check'], locale: 'en' });
        expect(chooseLocale(['check'], { LANG: 'fr_FR.UTF-8' }).locale).toBe('fr');
        expect(chooseLocale(['check'], { LC_MESSAGES: 'fr_CA', LANG: 'en_US' }).locale).toBe('fr');
        // LC_ALL wins, even when it names a locale we do not speak (C: English).
        expect(chooseLocale(['check'], { LC_ALL: 'C', LANG: 'fr_FR.UTF-8' }).locale).toBe('en');
        expect(chooseLocale(['check'], { LC_ALL: '', LANG: 'fr_FR.UTF-8' }).locale).toBe('fr');
        expect(chooseLocale(['check'], {}).locale).toBe('en');
        expect(chooseLocale(['diff', '--', '--lang'], {}).args).toEqual(['diff', '--', '--lang']);
    });

    it('lists the same problems in French and in English, with the same codes, lines and JSON', () => {
        const french = journey(['check', '--lang', 'fr'], root);
        const english = journey(['check'], root);
        expect(french.code).toBe(1);
        expect(english.code).toBe(1);
        expect(french.stdout.split('\n')).toEqual([
            'adhesion.journey:3:57: error: L\'émotion +3 sort de l\'échelle d\'émotions (-2 à +2) : choisissez une valeur dans cet intervalle, ou élargissez l\'échelle du parcours avec « emotion scale -2 to +3 ». [emotion-out-of-scale]',
            'adhesion.journey:4:46: error: Canal inconnu « Courier » : vouliez-vous dire « Courrier » ? Sinon, déclarez-le dans un fichier de catalogue : channel Courier "…" online. [unresolved-reference]',
            'adhesion.journey:6:9: warning: L\'étape « Vide » n\'a aucun point de contact : ajoutez les interactions du client à cette étape. [empty-stage]',
            'adhesion.journey:10:15: error: Une part ne peut pas dépasser 100 % : 120 % est impossible. [impossible-value]',
            '2 fichiers vérifiés\u202f: 3 erreurs, 1 avertissement.',
            ''
        ]);
        expect(english.stdout).toContain('adhesion.journey:4:46: error: Unknown channel \'Courier\': did you mean \'Courrier\'?');
        expect(english.stdout).toContain('2 files checked: 3 errors, 1 warning.');
        // Codes, positions and the JSON are the same in every language.
        const positions = (text: string) => text.split('\n').map(line => /^(\S+: \w+:)/.exec(line)?.[1] ?? '').join('\n');
        expect(positions(french.stdout)).toBe(positions(english.stdout));
        const json = (env: Record<string, string>) => JSON.parse(journey(['check', '--format', 'json'], root, env).stdout) as { diagnostics: Array<{ code: string; line: number; message: string }> };
        const frenchJson = json({ LANG: 'fr_FR.UTF-8' });
        const englishJson = json({});
        expect(frenchJson.diagnostics.map(d => [d.code, d.line])).toEqual(englishJson.diagnostics.map(d => [d.code, d.line]));
        expect(frenchJson.diagnostics[0].message).toMatch(/^L'émotion/);
    });

    it('refuses a language it does not speak, in the words of the environment', () => {
        const result = journey(['check', '--lang', 'de'], root, { LANG: 'fr_FR.UTF-8' });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('journey: --lang doit valoir fr ou en (reçu « de »).\n');
    });

    it('gives the help, the usage errors and the diff in French, and the same in English', () => {
        const help = journey(['--help', '--lang', 'fr'], root);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('Usage\u202f: journey <commande> [options]');
        expect(help.stdout).toMatch(/^ {2}check {4}Vérifier les fichiers de parcours et signaler les problèmes/m);
        expect(help.stdout).toMatch(/^ {2}diff {5}Montrer ce qui a changé dans les parcours/m);
        const checkHelp = journey(['check', '--help'], root, { LANG: 'fr_FR.UTF-8' });
        expect(checkHelp.stdout).toContain('Vérifie chaque fichier .journey sous les fichiers et dossiers donnés');
        expect(journey(['check', '--help'], root).stdout).toContain('Checks every .journey file under the given files and folders');
        const unknown = journey(['check', '--frmat', 'json', '--lang', 'fr'], root);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/^journey check: option inconnue «\u00a0--frmat\u00a0»\u202f: vouliez-vous dire «\u00a0--format\u00a0»\u202f\? Les options de la commande sont ci-dessous\./);
        expect(unknown.stderr).toContain('Usage\u202f: journey check [chemins…]');
        expect(journey(['check', '--frmat', 'json'], root).stderr).toMatch(/^journey check: unknown option '--frmat': did you mean '--format'\? The options of the command are below\./);
        const badFormat = journey(['check', '--format', 'xml', '--lang', 'fr'], root);
        expect(badFormat.stderr).toContain('--format doit valoir l\'une de ces valeurs\u202f: text, json, sarif (reçu «\u00a0xml\u00a0»).');
        expect(journey(['render', '.', '--scale', '0', '--lang', 'fr'], root).stderr).toMatch(/^journey render: --scale doit être un nombre au-dessus de 0, au plus 8 \(reçu «\u00a00\u00a0»\)\./);
        expect(journey(['sql', '--lang', 'fr'], root).stderr).toMatch(/^journey sql: --dialect est obligatoire \(l'une de ces valeurs\u202f: duckdb, /);
        const missing = journey(['diff', 'absent.journey', 'adhesion.journey', '--lang', 'fr'], root);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('absent.journey\u202f: ni fichier ni dossier de ce nom');
        // The same diff of two versions, in both languages.
        for (const version of ['v1', 'v2']) mkdirSync(join(root, version));
        writeFileSync(join(root, 'v1/a.journey'), VERSION);
        writeFileSync(join(root, 'v2/a.journey'), VERSION.replace('emotion 2', 'emotion -1').replace('target >= 120', 'target >= 100'));
        expect(journey(['diff', 'v1', 'v2', '--lang', 'fr'], root).stdout.split('\n')).toEqual([
            'journey diff v1 → v2',
            'De v1 à v2\u202f: modification de «\u00a0Adhésion\u00a0». Points de contact\u202f: 1 modification\u202f; KPI\u202f: 1 modification. 1 cible assouplie.',
            '',
            'parcours «\u00a0Adhésion\u00a0» · a.journey',
            '  ~ émotion au point de contact «\u00a0Devis en ligne\u00a0» dégradée de +2 à -1',
            '  ~ cible du KPI «\u00a0Délai\u00a0» assouplie de ≥ 120 à ≥ 100',
            ''
        ]);
        expect(journey(['diff', 'v1', 'v2'], root).stdout).toContain('From v1 to v2: changed "Adhésion". Touchpoints: 1 changed; KPIs: 1 changed. 1 target loosened.');
    });

    it('says file problems in French: a missing file, a broken link, a file not formatted', () => {
        const missing = journey(['check', 'absent.journey', '--lang', 'fr'], root);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toBe('journey check: absent.journey\u202f: ni fichier ni dossier de ce nom.\n');
        expect(journey(['check', 'absent.journey'], root).stderr).toBe('journey check: absent.journey: no such file or folder.\n');
        const folder = mkdtempSync(join(tmpdir(), 'journey-locale-links-'));
        try {
            writeFileSync(join(folder, 'a.journey'), 'channel Web "Site web" online\n');
            symlinkSync(join(folder, 'nowhere.journey'), join(folder, 'perdu.journey'));
            const french = journey(['check', '--lang', 'fr'], folder);
            expect(french.stdout).toMatch(/^perdu\.journey:1:1: warning: Non lu\u202f: ce lien symbolique mène à .*nowhere\.journey, qui n'existe pas\. Corrigez ou supprimez le lien\. \[[\w-]+\]$/m);
            const english = journey(['check'], folder);
            expect(english.stdout).toMatch(/^perdu\.journey:1:1: warning: Not read: this symbolic link leads to .*nowhere\.journey, which does not exist\./m);
            writeFileSync(join(folder, 'b.journey'), 'channel   Mail "Courrier" offline\n');
            expect(journey(['fmt', '--check', '--lang', 'fr'], folder).stdout).toBe('b.journey\u202f: pas mis en forme\n');
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
