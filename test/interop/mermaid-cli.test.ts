import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readMermaidJourney } from '../../src/interop/mermaid-reader.js';
import { expectCleanJourney } from './helpers.js';

/** Runs `journey <args>` in-process in `cwd`, capturing its output. */
async function journey(args: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { out: t => { stdout += t; }, err: t => { stderr += t; }, cwd });
    return { code, stdout, stderr };
}

function folder(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'journey-mermaid-'));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

const MMD = 'journey\n  title Returning a parcel\n  section Online\n    Fill the form: 2: Customer\n    Print the label: 1: Customer\n  section At the shop\n    Drop it: 4: Customer, Clerk\n';

describe('journey import mermaid', () => {
    it('prints the journey on stdout, which checks clean', async () => {
        const root = folder({ 'return.mmd': MMD });
        const result = await journey(['import', 'mermaid', 'return.mmd'], root);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout).toContain('journey ReturningAParcel "Returning a parcel" {');
        await expectCleanJourney(result.stdout);
    });

    it('writes -o, refuses to replace it without --force, and checks clean with journey check', async () => {
        const root = folder({ 'return.mmd': MMD });
        const first = await journey(['import', 'mermaid', 'return.mmd', '-o', 'journeys/return.journey'], root);
        expect(first.code).toBe(0);
        expect(first.stderr).toContain('1 journey, 3 touchpoints imported');
        const written = readFileSync(join(root, 'journeys/return.journey'), 'utf8');
        expect(written).toContain('touchpoint DropIt "Drop it"');
        const again = await journey(['import', 'mermaid', 'return.mmd', '-o', 'journeys/return.journey'], root);
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('--force');
        expect((await journey(['import', 'mermaid', 'return.mmd', '-o', 'journeys/return.journey', '--force'], root)).code).toBe(0);
        const check = await journey(['check', 'journeys'], root);
        expect(check.code).toBe(0);
        expect(check.stdout).toContain('0 errors, 0 warnings');
        const fmt = await journey(['fmt', '--check', 'journeys'], root);
        expect(fmt).toMatchObject({ code: 0, stdout: '' });
    });

    it('reports problems with file and line, imports the rest, exits 1', async () => {
        const root = folder({ 'bad.mmd': 'journey\nsection S\n  Good: 4: Me\n  Bad: 7: Me\n  nonsense\n' });
        const result = await journey(['import', 'mermaid', 'bad.mmd'], root);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain("bad.mmd:4: error: The score '7' of 'Bad' is not a whole number from 1 to 5");
        expect(result.stderr).toContain('bad.mmd:5: error: Not a Mermaid journey statement');
        expect(result.stdout).toContain('touchpoint Good');
        expect(result.stdout).toContain('touchpoint Bad');
    });

    it('imports every journey block of a Markdown file, with Markdown line numbers', async () => {
        const page = '# Journeys\n\n```mermaid\njourney\n  title One\n  section S\n    A: 5: Me\n```\n\n```mermaid\njourney\n  title Two\n  section S\n    B: 0: Me\n```\n';
        const root = folder({ 'docs/page.md': page });
        const result = await journey(['import', 'mermaid', 'docs/page.md'], root);
        expect(result.stderr).toBe("docs/page.md:14: error: The score '0' of 'B' is not a whole number from 1 to 5. Imported without emotion.\n");
        const workspace = await expectCleanJourney(result.stdout);
        expect(workspace.model.journeys.map(j => j.title)).toEqual(['One', 'Two']);
    });

    it('with --workspace, refers to the personas and teams already declared and avoids their ids', async () => {
        const root = folder({
            'catalog.journey': 'persona Customer "Client"\nteam Clerk "Shop clerk"\nchannel ReturningAParcel "A channel with a clashing id" online\n',
            'return.mmd': MMD.replace('Customer, Clerk', 'Client, Shop clerk, Clerk, Visitor')
        });
        const result = await journey(['import', 'mermaid', 'return.mmd', '--workspace', '.', '-o', 'return.journey'], root);
        expect(result.code).toBe(0);
        const written = readFileSync(join(root, 'return.journey'), 'utf8');
        expect(written.match(/^persona .*$/gm)).toEqual(['persona Visitor']);
        expect(written).toContain('journey ReturningAParcel2 "Returning a parcel" {');
        expect(written).toContain('actors Customer, Clerk, Visitor');
        const check = await journey(['check', '.'], root);
        expect(check.stdout).toContain('0 errors, 0 warnings');
    });

    it('explains usage and input errors', async () => {
        const root = folder({ 'flow.mmd': 'flowchart LR\n  A --> B\n' });
        expect((await journey(['import'], root)).code).toBe(2);
        expect((await journey(['import', 'plantuml', 'x'], root)).stderr).toContain("unknown format 'plantuml'");
        expect((await journey(['import', 'mermaid', 'missing.mmd'], root)).stderr).toContain('missing.mmd: cannot read this file (no such file)');
        const flow = await journey(['import', 'mermaid', 'flow.mmd'], root);
        expect(flow).toMatchObject({ code: 1, stdout: '' });
        expect(flow.stderr).toContain("flow.mmd:1: error: This is not a Mermaid journey: it starts with 'flowchart'");
    });
});

describe('journey export mermaid', () => {
    const CATALOG = 'persona Client "Client final"\nteam Support "Support client"\n';
    const JOURNEYS = `journey Retour "Retour d'un colis" {
  stage EnLigne "En ligne" {
    touchpoint Formulaire "Formulaire: étape 1" {
      actors Client
      emotion -1
    }
  }
  stage Boutique "En boutique" {
    touchpoint Depot "Dépôt" {
      actors Client, Support
      emotion +2
    }
    touchpoint Remboursement
  }
}

journey Achat "Achat" {
  stage S {
    touchpoint T {
      emotion 0
    }
  }
}
`;

    it('writes one journey as a diagram Mermaid reads, with actor titles from the catalog', async () => {
        const root = folder({ 'catalog.journey': CATALOG, 'journeys.journey': JOURNEYS });
        const result = await journey(['export', 'mermaid', '.', '--journey', 'Retour'], root);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe(`journey
    title Retour d'un colis
    section En ligne
      Formulaire#58; étape 1: 2: Client final
    section En boutique
      Dépôt: 5: Client final, Support client
      Remboursement: 3
`);
        expect(result.stderr).toBe('journeys.journey: note: Retour.Boutique.Remboursement: no emotion: written with the neutral score 3.\n');
        expect(readMermaidJourney(result.stdout).journey?.sections[0].tasks[0].title).toBe('Formulaire: étape 1');
    });

    it('asks which journey when there are several, or writes them all as Markdown', async () => {
        const root = folder({ 'catalog.journey': CATALOG, 'journeys.journey': JOURNEYS });
        const several = await journey(['export', 'mermaid', '.'], root);
        expect(several.code).toBe(2);
        expect(several.stderr).toContain('2 journeys found (Retour, Achat)');
        const markdown = await journey(['export', 'mermaid', '.', '--markdown', '-o', 'docs/journeys.md'], root);
        expect(markdown.code).toBe(0);
        const page = readFileSync(join(root, 'docs/journeys.md'), 'utf8');
        expect(page).toMatch(/^## Retour d'un colis\n\n```mermaid\njourney\n/);
        expect(page).toContain('## Achat\n\n```mermaid\njourney\n    title Achat\n    section S\n      T: 3\n```\n');
        const unknown = await journey(['export', 'mermaid', '.', '--journey', 'Nope'], root);
        expect(unknown.stderr).toContain("no journey 'Nope' in the given files (journeys: Retour, Achat)");
    });

    it('round trip through the CLI: Mermaid → journey → Mermaid keeps title, sections, tasks, scores, actors', async () => {
        const root = folder({ 'in.mmd': MMD });
        expect((await journey(['import', 'mermaid', 'in.mmd', '-o', 'in.journey'], root)).code).toBe(0);
        const back = await journey(['export', 'mermaid', 'in.journey'], root);
        expect(back.code).toBe(0);
        const [before, after] = [MMD, back.stdout].map(text => readMermaidJourney(text).journey);
        expect(after).toEqual({ ...before, sections: after?.sections, line: after?.line });
        const strip = (j: typeof before) => j?.sections.map(s => [s.title, s.tasks.map(t => [t.title, t.score, t.actors])]);
        expect(strip(after)).toEqual(strip(before));
    });
});

describe('the real journey command', () => {
    it('imports and exports Mermaid as a separate process (needs npm run build)', () => {
        const bin = resolve('bin/journey.js');
        expect(existsSync(resolve('out/interop/mermaid-import.js')), 'run `npm run build` first').toBe(true);
        const root = folder({ 'in.mmd': MMD.replace(/\n/g, '\r\n') });
        const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
        const imported = run(['import', 'mermaid', 'in.mmd', '-o', 'in.journey']);
        expect(imported.stderr).toContain('1 journey, 3 touchpoints imported');
        expect(imported.status).toBe(0);
        const exported = run(['export', 'mermaid', 'in.journey']);
        expect(exported.status).toBe(0);
        expect(exported.stdout).toContain('    section At the shop\n      Drop it: 4: Customer, Clerk\n');
    });
});
