/**
 * The lines a change touches, from real git: added, modified and deleted lines, new files,
 * names git quotes (quotes, backslashes, tabs) or not (accents), and a user's diff driver
 * configured for journeys, which must not change what the review reads.
 */
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles, parseUnifiedDiff, touches } from '../../src/cli/review/changed-lines.js';
import { commit, git, newRepository } from '../diff/git-fixture.js';

const lines = (n: number, word = 'ligne') => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`).join('\n') + '\n';
const repos: string[] = [];
afterAll(() => { for (const repo of repos) rmSync(repo, { recursive: true, force: true }); });

describe('changedFiles', () => {
    it('gives the head lines each hunk adds or changes, for every journey file whatever its name', async () => {
        const root = newRepository();
        repos.push(root);
        const odd = ['a "cité".journey', 'tab\there.journey', 'back\\slash.journey', 'parcours/réception.journey'];
        commit(root, Object.fromEntries([...odd.map(name => [name, lines(10)]), ['data/series.csv', 'a;1\n']]), 'base');
        const edited = lines(10).replace('ligne 3\n', 'ligne trois\n').replace('ligne 8\n', '');
        commit(root, { ...Object.fromEntries(odd.map(name => [name, edited])), 'nouveau.journey': lines(4), 'data/series.csv': 'a;2\n' }, 'head');
        // A textconv driver must not reshape the diff the review reads.
        writeFileSync(path.join(root, '.gitattributes'), '*.journey diff=journey\n');
        git(root, 'config', 'diff.journey.textconv', 'tr a-z A-Z <');
        const changed = await changedFiles('HEAD~1', root, file => file.endsWith('.journey'));
        expect([...changed.files].sort()).toEqual([...odd, 'data/series.csv', 'nouveau.journey'].sort());
        for (const name of odd) expect(changed.lines.get(name), name).toEqual([{ start: 3, end: 3 }]);
        expect(changed.lines.get('nouveau.journey')).toEqual([{ start: 1, end: 4 }]);
        expect(changed.lines.has('data/series.csv')).toBe(false);
    });

    it('reads paths relative to a subfolder', async () => {
        const root = newRepository();
        repos.push(root);
        commit(root, { 'journeys/a.journey': lines(3), 'other/b.journey': lines(3) }, 'base');
        commit(root, { 'journeys/a.journey': lines(4), 'other/b.journey': lines(4) }, 'head');
        const changed = await changedFiles('HEAD~1', path.join(root, 'journeys'), file => file.endsWith('.journey'));
        expect([...changed.lines.keys()]).toEqual(['a.journey']);
        expect(changed.lines.get('a.journey')).toEqual([{ start: 4, end: 4 }]);
    });
});

describe('parseUnifiedDiff and touches', () => {
    it('counts a hunk without a count as one line and a pure deletion as none', () => {
        const ranges = parseUnifiedDiff('+++ b/x.journey\n@@ -2 +2 @@\n-a\n+b\n@@ -5,2 +4,0 @@\n-c\n-d\n@@ -9,0 +8,3 @@\n+e\n+f\n+g\n');
        expect(ranges.get('x.journey')).toEqual([{ start: 2, end: 2 }, { start: 8, end: 10 }]);
        expect(touches(ranges.get('x.journey'), 10, 12)).toBe(true);
        expect(touches(ranges.get('x.journey'), 3, 7)).toBe(false);
    });
});
