import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { WorkspaceDiff } from '../../src/diff/diff-types.js';
import type { SourceFile } from '../../src/node/journey-workspace.js';
import { ADHESION, CATALOG } from './fixtures.js';
import { commit, git, newRepository, pullRequestRepository, write } from './git-fixture.js';

const GOLDEN = path.join(__dirname, 'golden');

async function journey(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { cwd, out: text => { out += text; }, err: text => { err += text; } });
    return { code, out, err };
}

/** Compares with test/diff/golden/<name>; UPDATE_GOLDEN=1 rewrites the file. */
function expectGolden(name: string, actual: string): void {
    const file = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, actual);
        if (!process.env.UPDATE_GOLDEN) throw new Error(`golden file ${name} was missing: written, check it and run again`);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('journey diff on a pull request repository', () => {
    let repo: string;
    beforeAll(() => { repo = pullRequestRepository(); });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('prints the text golden', async () => {
        const result = await journey(repo, 'diff', 'main', 'revue');
        expect(result.err).toBe('');
        expect(result.code).toBe(0);
        expectGolden('pull-request.txt', result.out);
    });

    it('prints the Markdown golden for a pull-request comment', async () => {
        const result = await journey(repo, 'diff', 'main...revue', '--format', 'markdown');
        expect(result.code).toBe(0);
        expectGolden('pull-request.md', result.out);
        expect(result.out).toContain('<details><summary>');
        expect(result.out).toContain('target of KPI *Cartes envoyées à J+1* tightened from **≥ 90%** to **≥ 95%**');
    });

    it('prints the JSON golden, with the file move and the skipped binary file', async () => {
        const result = await journey(repo, 'diff', 'main', 'revue', '--format', 'json');
        expectGolden('pull-request.json', result.out);
        const diff = JSON.parse(result.out) as WorkspaceDiff;
        expect(diff.head.skipped).toEqual(['journeys/logo.journey']);
        expect(diff.changes.filter(c => c.element.kind === 'journey').map(c => c.type).sort()).toEqual(['added', 'file-moved']);
        expect(diff.changes.find(c => c.type === 'removed' && c.element.kind === 'stage')?.message)
            .toBe('stage "Support" removed with its 2 touchpoints and 1 KPI');
    });

    it('compares the same revision with itself as empty, and exits 1 with --exit-code on changes', async () => {
        const same = await journey(repo, 'diff', 'main', 'main', '--format', 'json');
        expect((JSON.parse(same.out) as WorkspaceDiff).changes).toEqual([]);
        expect((await journey(repo, 'diff', 'main', 'revue', '--exit-code')).code).toBe(1);
        expect((await journey(repo, 'diff', 'main', 'main', '--exit-code')).code).toBe(0);
    });

    it('compares HEAD with the working tree by default, and only the current folder', async () => {
        git(repo, 'checkout', '-q', 'revue');
        write(repo, { 'journeys/cible.journey': readFileSync(path.join(repo, 'journeys/cible.journey'), 'utf8').replace('emotion +1', 'emotion +2') });
        const result = await journey(repo, 'diff');
        expect(result.out).toContain('journey diff HEAD → working tree');
        expect(result.out).toContain('emotion at touchpoint "Devis en 5 questions" improved from +1 to +2');
        const sub = await journey(path.join(repo, 'journeys'), 'diff', 'main', '--format', 'json');
        expect((JSON.parse(sub.out) as WorkspaceDiff).head.files).toBe(3);
        git(repo, 'checkout', '-q', '--', 'journeys/cible.journey');
        git(repo, 'checkout', '-q', 'main');
    });

    it('refuses what is neither a path nor a revision, with a clear message', async () => {
        const result = await journey(repo, 'diff', 'nonexistent-branch');
        expect(result.code).toBe(2);
        expect(result.err).toContain('nonexistent-branch: neither a file or folder nor a git revision');
    });
});

describe('journey diff edge cases', () => {
    let repo: string;
    beforeAll(() => { repo = newRepository(); });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('diffs what parses when one version has a syntax error, and says what did not', async () => {
        commit(repo, { 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION, 'other.journey': 'journey Autre "Autre" {\n  stage A "A"\n}\n' }, 'one');
        commit(repo, {
            'adhesion.journey': ADHESION.replace('target >= 90%', 'target >= 95%').replace('stage Carte "Réception de la carte" {', 'stage Carte "Réception de la carte" {{'),
            'other.journey': 'journey Autre "Autre" {\n  stage A "A"\n  stage B "B"\n}\n'
        }, 'broken');
        const result = await journey(repo, 'diff', 'HEAD~1', 'HEAD', '--format', 'json');
        const diff = JSON.parse(result.out) as WorkspaceDiff;
        expect(diff.head.unreadable.map(p => p.file)).toEqual(['adhesion.journey']);
        expect(diff.head.unreadable[0].line).toBe(12);
        expect(diff.changes.map(c => c.message)).toEqual(['stage "B" added']);
        const text = await journey(repo, 'diff', 'HEAD~1', 'HEAD');
        expect(text.out).toContain('1 file could not be read and was left out: adhesion.journey.');
        expect(text.out).toMatch(/HEAD: adhesion\.journey:12 does not parse/);
    });

    it('reports a journey split into two files as file moves, not removals', async () => {
        const both = ADHESION + '\n' + 'journey Autre "Autre" {\n  stage A "A"\n}\n';
        commit(repo, { 'adhesion.journey': both, 'other.journey': null }, 'together');
        commit(repo, { 'adhesion.journey': ADHESION, 'split/autre.journey': 'journey Autre "Autre" {\n  stage A "A"\n}\n' }, 'split');
        const result = await journey(repo, 'diff', 'HEAD~1', 'HEAD', '--format', 'json');
        const diff = JSON.parse(result.out) as WorkspaceDiff;
        expect(diff.changes.map(c => c.message)).toEqual(['journey "Autre" moved from file adhesion.journey to split/autre.journey']);
    });

    it('compares two folders and two files given as paths', async () => {
        const a = path.join(repo, 'v1');
        const b = path.join(repo, 'v2');
        write(repo, { 'v1/c.journey': CATALOG, 'v1/a.journey': ADHESION, 'v2/c.journey': CATALOG, 'v2/a.journey': ADHESION.replace('emotion +2', 'emotion 0'), 'v2/notes.txt': 'not a journey' });
        const folders = await journey(repo, 'diff', a, b);
        expect(folders.out).toContain('emotion at touchpoint "Envoi de la carte" worsened from +2 to 0');
        const files = await journey(repo, 'diff', 'v1/a.journey', 'v2/a.journey', '--format', 'json');
        const diff = JSON.parse(files.out) as WorkspaceDiff;
        expect(diff.changes.map(c => c.type)).toEqual(['changed']);
        const mixed = await journey(repo, 'diff', 'v1', 'HEAD');
        expect(mixed.code).toBe(2);
    });
});

describe('building a version whose model builder fails', () => {
    it('builds again without the files that do not parse, and lists them', async () => {
        const { buildVersion } = await import('../../src/diff/diff-sources.js');
        const { buildWorkspace } = await import('../../src/node/journey-workspace.js');
        // A builder that fails like a model builder meeting a half-parsed KPI would.
        const failing = async (sources: SourceFile[]) => {
            if (sources.some(source => source.text.includes('{{'))) throw new TypeError("Cannot read properties of undefined (reading 'ref')");
            return buildWorkspace(sources, '/ws');
        };
        const built = await buildVersion({
            label: 'head', root: '/ws', skipped: [],
            sources: [{ path: 'c.journey', text: CATALOG }, { path: 'a.journey', text: ADHESION.replace('stage Carte "Réception de la carte" {', 'stage Carte "Réception de la carte" {{') }]
        }, 'head', failing);
        expect(built.unreadable.map(p => [p.file, p.line])).toEqual([['a.journey', 12]]);
        expect(built.model.channels.map(c => c.id)).toContain('Courrier');
        expect(built.model.journeys).toEqual([]);
    });
});
