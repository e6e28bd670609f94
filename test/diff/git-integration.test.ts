/**
 * The documented git set-up, with real git and the real `journey` binary (built to out/ by
 * `npm run build`, which `npm test` runs first): a textconv driver for `git diff` / `git log -p`
 * and an external diff driver that prints the semantic diff.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, git, newRepository, pullRequestRepository, write } from './git-fixture.js';
import { ADHESION, CATALOG } from './fixtures.js';

const BIN = path.resolve(__dirname, '../../bin/journey.js');
const JOURNEY = `"${process.execPath}" "${BIN}"`;

describe('git integration (.gitattributes diff driver)', () => {
    let repo: string;
    beforeAll(() => {
        if (!existsSync(path.resolve(__dirname, '../../out/cli/commands/diff.js'))) {
            throw new Error('out/ is not built: run `npm run build` (npm test does it) before this test.');
        }
        repo = pullRequestRepository();
        write(repo, { '.gitattributes': '*.journey diff=journey\n' });
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('textconv: git log -p shows one fact per line, and hides reformatting', () => {
        git(repo, 'config', 'diff.journey.textconv', `${JOURNEY} diff --textconv`);
        const log = git(repo, 'log', '-p', '-1', '--format=%s', 'revue', '--', 'journeys/parcours-adhesion.journey', 'journeys/adhesion.journey');
        expect(log).toContain('-    target ≥ 90 %');
        expect(log).toContain('+    target ≥ 95 %');
        expect(log).toContain('-      via Courrier');
        expect(log).toContain('+      via Email');
        // A pure reformatting (indentation, a comment) leaves the outline unchanged: git diff is empty.
        git(repo, 'checkout', '-q', 'revue');
        const file = path.join(repo, 'journeys/cible.journey');
        const text = execFileSync('cat', [file], { encoding: 'utf8' });
        write(repo, { 'journeys/cible.journey': `// Reformatted\n${text.replace(/^ {2}/gm, '    ')}` });
        expect(git(repo, 'diff', '--', 'journeys/cible.journey')).toBe('');
        expect(git(repo, 'diff', '--no-textconv', '--stat', '--', 'journeys/cible.journey')).toContain('cible.journey');
        git(repo, 'checkout', '-q', '--', 'journeys/cible.journey');
        git(repo, 'checkout', '-q', 'main');
        git(repo, 'config', '--unset', 'diff.journey.textconv');
    });

    it('external driver: git diff prints the semantic diff of each journey file', () => {
        git(repo, 'config', 'diff.journey.command', `${JOURNEY} diff --git-external`);
        // -M40%: the moved file changed enough for git's default rename threshold to miss it.
        const out = git(repo, 'diff', '-M40%', 'main', 'revue', '--', 'journeys/');
        expect(out).toContain('journey diff a/journeys/adhesion.journey → b/journeys/parcours-adhesion.journey');
        expect(out).toContain('target of KPI "Cartes envoyées à J+1" tightened from ≥ 90% to ≥ 95%');
        expect(out).toContain('channel "Fax" removed');
        // An added file (compared with /dev/null) and the binary one do not break the driver.
        expect(out).toContain('journey "Adhésion — parcours cible" added with 1 stage and 1 touchpoint');
        const log = git(repo, 'log', '-p', '--ext-diff', '-1', '--format=%s', 'revue', '--', 'journeys/catalog.journey');
        expect(log).toContain('team "Support client" removed');
        git(repo, 'config', '--unset', 'diff.journey.command');
    });
});

describe('journey diff on a larger repository (the base built by updating the head)', () => {
    it('gives the same answer as for a small one', () => {
        const repo = newRepository();
        try {
            const files: Record<string, string> = { 'catalog.journey': CATALOG };
            for (let i = 0; i < 45; i++) files[`j${i}.journey`] = ADHESION.replace(/Adhesion/g, `Adhesion${i}`);
            commit(repo, files, 'many');
            commit(repo, { 'j7.journey': files['j7.journey'].replace('target >= 90%', 'target >= 99%') }, 'one target');
            const out = execFileSync(process.execPath, [BIN, 'diff', 'HEAD~1', 'HEAD', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
            const diff = JSON.parse(out) as { base: { files: number }; changes: { message: string }[] };
            expect(diff.base.files).toBe(46);
            expect(diff.changes.map(c => c.message)).toEqual(['target of KPI "Cartes envoyées à J+1" tightened from ≥ 90% to ≥ 99%']);
        } finally {
            rmSync(repo, { recursive: true, force: true });
        }
    });
});
