// What the commands print besides diagnostics, in both languages, by running the real `journey`
// command (bin/journey.js and its bundle): Mermaid import and export (problems, notes, summary,
// errors), render's, report's and serve's errors, serve's start line. Severity words and the
// `file:line:` shape stay the same in every language; the sentences are the reader's.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/journey.js');
const BARE_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LC_ALL|LC_MESSAGES|LANG|LANGUAGE)$/.test(name)));

function journey(args: string[], cwd: string, env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...BARE_ENV, ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** French typography's no-break spaces as plain ones, to compare sentences (their presence is checked apart). */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const MERMAID = 'journey\ntitle Déménagement\nsection Préparer\n  Faire les cartons: 2: Paul\n  Réserver: 9: Paul\nsection Arriver\n  Ouvrir: 5: Paul\n';

const JOURNEYS = `team Gestion "Service gestion"
journey Retour "Retour d'un colis" {
  stage Boutique "En boutique" {
    touchpoint Depot "Dépôt" by Gestion { emotion +1 }
    touchpoint Remboursement "Remboursement"
  }
}
journey Achat "Achat" {
  stage S "Commande" {
    touchpoint Panier "Panier" { emotion 0 }
  }
}
`;

let root: string;
beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'journey-messages-cli-'));
    writeFileSync(join(root, 'move.mmd'), MERMAID);
    mkdirSync(join(root, 'ws'));
    writeFileSync(join(root, 'ws', 'journeys.journey'), JOURNEYS);
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'empty', 'catalog.journey'), 'channel Web "Site web" online\n');
    writeFileSync(join(root, 'notes.txt'), 'not a folder\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('journey import mermaid speaks the reader\'s language', () => {
    it('reports problems, writes its comment and prints its summary in French, the same journey as in English', () => {
        const french = journey(['import', 'mermaid', 'move.mmd', '-o', 'fr/move.journey', '--lang', 'fr'], root);
        expect(french.code).toBe(1);
        expect(plain(french.stderr)).toBe(
            'move.mmd:5: error: Le score « 9 » de la tâche « Réserver » n\'est pas un nombre entier de 1 à 5. Tâche importée sans émotion.\n' +
            'fr/move.journey : 1 parcours et 3 points de contact importés.\n'
        );
        expect(french.stderr).toContain('fr/move.journey\u202f: 1 parcours');
        const english = journey(['import', 'mermaid', 'move.mmd', '-o', 'en/move.journey'], root, { LANG: 'en_US.UTF-8' });
        expect(english.stderr).toBe(
            'move.mmd:5: error: The score \'9\' of \'Réserver\' is not a whole number from 1 to 5. Imported without emotion.\n' +
            'en/move.journey: 1 journey, 3 touchpoints imported.\n'
        );
        const frenchText = readFileSync(join(root, 'fr/move.journey'), 'utf8');
        const englishText = readFileSync(join(root, 'en/move.journey'), 'utf8');
        expect(frenchText.split('\n')[0]).toBe('// Importé depuis Mermaid\u202f: move.mmd');
        expect(englishText.split('\n')[0]).toBe('// Imported from Mermaid: move.mmd');
        expect(frenchText.split('\n').slice(1)).toEqual(englishText.split('\n').slice(1));
    });

    it('says its errors in French, chosen by LANG too', () => {
        const exists = journey(['import', 'mermaid', 'move.mmd', '-o', 'fr/move.journey'], root, { LANG: 'fr_FR.UTF-8' });
        expect(exists.code).toBe(2);
        expect(plain(exists.stderr)).toContain('journey import: fr/move.journey existe déjà : choisissez un autre fichier, ou ajoutez --force pour le remplacer.\n');
        expect(plain(journey(['import', 'mermaid', 'absent.mmd', '--lang', 'fr'], root).stderr)).toBe('journey import: absent.mmd : impossible de lire ce fichier (fichier introuvable).\n');
        expect(journey(['import', 'mermaid', 'absent.mmd'], root).stderr).toBe('journey import: absent.mmd: cannot read this file (no such file).\n');
        const format = journey(['import', 'plantuml', 'x.puml', '--lang', 'fr'], root);
        expect(format.code).toBe(2);
        expect(plain(format.stderr.split('\n')[0])).toBe('journey import: format inconnu « plantuml » : le format qui peut être importé est « mermaid ».');
        expect(plain(journey(['import', '--lang', 'fr'], root).stderr.split('\n')[0])).toBe('journey import: dites quoi importer : journey import mermaid <fichier>.');
        expect(plain(journey(['import', 'mermaid', 'a.md', 'b.md', '--lang', 'fr'], root).stderr.split('\n')[0]))
            .toBe('journey import: un fichier à la fois (reçu aussi b.md) : importez chaque page Markdown dans son propre fichier de parcours.');
        const flow = 'flow.mmd';
        writeFileSync(join(root, flow), 'flowchart LR\n  a --> b\n');
        expect(plain(journey(['import', 'mermaid', flow, '--lang', 'fr'], root).stderr))
            .toBe('flow.mmd:1: error: Ce n\'est pas un parcours Mermaid : le texte commence par « flowchart » au lieu de « journey ».\n');
    });
});

describe('journey export mermaid speaks the reader\'s language', () => {
    it('notes what Mermaid cannot say in French, and writes the same diagram', () => {
        const french = journey(['export', 'mermaid', 'ws', '--journey', 'Retour', '--lang', 'fr'], root);
        const english = journey(['export', 'mermaid', 'ws', '--journey', 'Retour', '--lang', 'en'], root);
        expect(french.code).toBe(0);
        expect(french.stdout).toBe(english.stdout);
        expect(plain(french.stderr)).toBe('ws/journeys.journey: note: Retour.Boutique.Remboursement: pas d\'émotion : écrit avec le score neutre 3.\n' +
            'ws/journeys.journey: note: Retour: non écrits, un parcours Mermaid n\'a pas de place pour eux : responsable (1 point de contact).\n');
        expect(english.stderr).toBe('ws/journeys.journey: note: Retour.Boutique.Remboursement: no emotion: written with the neutral score 3.\n' +
            'ws/journeys.journey: note: Retour: not written, Mermaid journeys have no place for them: owner (1 touchpoint).\n');
    });

    it('says in French which journey to choose, and when there is none', () => {
        const several = journey(['export', 'mermaid', 'ws', '--lang', 'fr'], root);
        expect(several.code).toBe(2);
        expect(plain(several.stderr.split('\n')[0])).toBe('journey export: 2 parcours trouvés (Retour, Achat) : un diagramme Mermaid n\'en contient qu\'un. Ajoutez --journey <id>, ou --markdown pour les avoir tous.');
        expect(plain(journey(['export', 'mermaid', 'ws', '--journey', 'Nope', '--lang', 'fr'], root).stderr))
            .toBe('journey export: aucun parcours « Nope » dans les fichiers donnés (parcours : Retour, Achat).\n');
        expect(plain(journey(['export', 'mermaid', 'empty', '--journey', 'Nope', '--lang', 'fr'], root).stderr))
            .toBe('journey export: aucun parcours « Nope » dans les fichiers donnés (ils n\'en contiennent aucun).\n');
        expect(plain(journey(['export', 'mermaid', 'empty', '--lang', 'fr'], root).stderr)).toBe('journey export: aucun parcours dans les fichiers donnés : rien à exporter.\n');
        expect(journey(['export', 'mermaid', 'empty'], root).stderr).toBe('journey export: no journey in the given files: nothing to export.\n');
    });

    it('prints the workspace\'s errors in French, as check does', () => {
        const folder = join(root, 'broken');
        mkdirSync(folder, { recursive: true });
        writeFileSync(join(folder, 'b.journey'), 'journey B "B" {\n  stage S "S" {\n    touchpoint T "T" via Nowhere\n  }\n}\n');
        const french = journey(['export', 'broken', '--lang', 'fr'], root);
        expect(french.code).toBe(1);
        expect(plain(french.stderr)).toMatch(/^broken\/b\.journey:3:\d+: error: Canal inconnu « Nowhere »/);
        expect(plain(journey(['export', 'mermaid', 'broken', '--lang', 'fr'], root).stderr)).toMatch(/broken\/b\.journey:3:\d+: error: Canal inconnu « Nowhere »/);
    });
});

describe('render, report and serve say their errors in the reader\'s language', () => {
    it('render: no such path, no journey in the folder or the file', () => {
        expect(plain(journey(['render', 'absent', '-o', 'out', '--lang', 'fr'], root).stderr)).toBe('journey render: absent : ni fichier ni dossier de ce nom.\n');
        expect(plain(journey(['render', 'empty', '-o', 'out', '--lang', 'fr'], root).stderr)).toBe('journey render: empty : aucun parcours trouvé dans ce dossier.\n');
        expect(journey(['render', 'empty', '-o', 'out'], root).stderr).toBe('journey render: empty: no journey found in this folder.\n');
        expect(plain(journey(['render', 'empty/catalog.journey', '--lang', 'fr'], root).stderr))
            .toBe('journey render: empty/catalog.journey : ce fichier n\'a aucun parcours à dessiner (écrivez `journey Id "Titre" { … }`).\n');
        expect(journey(['render', 'empty/catalog.journey'], root).stderr)
            .toBe('journey render: empty/catalog.journey: this file has no journey to draw (write `journey Id "Title" { … }`).\n');
    });

    it('report: no such path, no journey to report on', () => {
        expect(plain(journey(['report', 'absent', '--lang', 'fr'], root).stderr)).toBe('journey report: absent : ni fichier ni dossier de ce nom.\n');
        const none = journey(['report', 'empty', '--format', 'html', '-o', 'r.html', '--lang', 'fr'], root);
        expect(none.code).toBe(2);
        expect(plain(none.stderr)).toBe('journey report: empty : aucun parcours trouvé pour le rapport.\n');
        expect(journey(['report', 'empty', '--format', 'html', '-o', 'r.html'], root).stderr).toBe('journey report: empty: no journey found to report on.\n');
    });

    it('serve: not a folder, a port in use', async () => {
        expect(plain(journey(['serve', 'notes.txt', '--lang', 'fr'], root).stderr)).toBe('journey serve: notes.txt : ce n\'est pas un dossier.\n');
        expect(journey(['serve', 'notes.txt'], root).stderr).toBe('journey serve: notes.txt: not a folder.\n');
        const taken: Server = createServer();
        await new Promise<void>(done => taken.listen(0, '127.0.0.1', done));
        const port = String((taken.address() as AddressInfo).port);
        try {
            const french = journey(['serve', 'ws', '--port', port, '--lang', 'fr'], root);
            expect(french.code).toBe(2);
            expect(plain(french.stderr)).toBe(`journey serve: le port ${port} est déjà utilisé : choisissez-en un autre avec --port.\n`);
            expect(journey(['serve', 'ws', '--port', port], root).stderr).toBe(`journey serve: port ${port} is in use: choose another with --port.\n`);
        } finally {
            await new Promise(done => taken.close(done));
        }
    });

    it('serve: the start line', async () => {
        const startLine = async (env: Record<string, string>) => {
            const child = spawn(process.execPath, [BIN, 'serve', 'ws', '--port', '0'], { cwd: root, env: { ...BARE_ENV, ...env } });
            try {
                let out = '';
                await new Promise<void>((done, fail) => {
                    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); if (out.includes('\n')) done(); });
                    child.on('exit', code => fail(new Error(`serve ended (${code}) before its start line`)));
                });
                return out.split('\n')[0];
            } finally {
                child.kill('SIGTERM');
            }
        };
        const folder = join(root, 'ws');
        expect(plain(await startLine({ LC_ALL: 'fr_FR.UTF-8' }))).toMatch(new RegExp(`^Parcours de ${folder} servis sur http://127\\.0\\.0\\.1:\\d+/ \\(Ctrl\\+C pour arrêter\\)$`));
        expect(await startLine({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toMatch(new RegExp(`^Serving the journeys of ${folder} on http://127\\.0\\.0\\.1:\\d+/ \\(Ctrl\\+C to stop\\)$`));
    });
});

describe('journey diff\'s and JOURNEY_TODAY\'s errors speak the reader\'s language', () => {
    it('says a path that does not exist in French, the same exit code as in English', () => {
        const french = journey(['diff', 'absent-a', 'absent-b', '--lang', 'fr'], root);
        const english = journey(['diff', 'absent-a', 'absent-b'], root, { LANG: 'en_US.UTF-8' });
        expect(french.code).toBe(2);
        expect(english.code).toBe(2);
        expect(english.stderr).toContain('absent-a: no such file or folder, and');
        expect(plain(french.stderr)).toContain('absent-a : ni fichier ni dossier de ce nom, et');
    });

    it('says a JOURNEY_TODAY that is no date in French', () => {
        const french = journey(['metrics', 'ws', '--lang', 'fr'], root, { JOURNEY_TODAY: '2026-13-40' });
        expect(french.code).toBe(2);
        expect(plain(french.stderr)).toContain('JOURNEY_TODAY doit être une date du calendrier AAAA-MM-JJ (reçu « 2026-13-40 »)');
        const english = journey(['metrics', 'ws'], root, { JOURNEY_TODAY: '2026-13-40', LANG: 'en_US.UTF-8' });
        expect(english.stderr).toContain("JOURNEY_TODAY must be a calendar date YYYY-MM-DD (got ‘2026-13-40’)");
    });
});
