// "Did you mean …" (issue 15): bounded suggestions, the same as an unbounded search wherever a
// suggestion is close enough to be made, and linear in practice on hostile ids.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, closestName } from '../../src/language/journey-diagnostics.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';

/** The textbook Levenshtein distance, the reference for the bounded one. */
function editDistance(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        row = next;
    }
    return row[b.length];
}

/** The suggestion without bounds: the closest candidate within a third of the id's length, the first in code-unit order of equals. */
function unboundedClosest(wanted: string, candidates: string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
    for (const candidate of candidates) {
        const distance = editDistance(wanted.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance || (distance === bestDistance && candidate < best!)) [best, bestDistance] = [candidate, distance];
    }
    return best;
}

const word = fc.string({ unit: fc.constantFrom(...'abcdeABCé_1'), maxLength: 14 });

describe('did you mean', () => {
    it('computes the distance exactly up to the bound, and says "further" beyond it', () => {
        fc.assert(fc.property(word, word, fc.nat({ max: 12 }), (a, b, bound) => {
            expect(boundedEditDistance(a, b, bound)).toBe(Math.min(editDistance(a, b), bound + 1));
        }), { numRuns: 3000 });
    });

    it('suggests what the unbounded search suggested, for ids of up to 30 characters', () => {
        fc.assert(fc.property(word, fc.array(word, { maxLength: 12 }), (wanted, candidates) => {
            expect(closestName(wanted, candidates)).toBe(unboundedClosest(wanted, candidates));
        }), { numRuns: 3000 });
        expect(closestName('Wbe', ['Courrier', 'Web', 'Webinaire'])).toBe('Web');
        expect(closestName('LoveTeamm', ['LoveTeam', 'LoveTeams'])).toBe('LoveTeam');
        expect(closestName('Zzz', ['Web', 'Courrier'])).toBeUndefined();
        // Equally close: the same answer whatever order the scope lists them in (it changes with edits).
        expect(closestName('Wex', ['Web', 'Wea'])).toBe('Wea');
        expect(closestName('Wex', ['Wea', 'Web'])).toBe('Wea');
    });

    it('stays linear on a 50,000-character id misspelt three times (journey check took a minute)', async () => {
        const id = `Canal${'Tres'.repeat(12_500)}Long`;
        const typo = (at: number) => `${id.slice(0, at)}x${id.slice(at + 1)}`;
        const text = `channel ${id} "Canal" online\n` +
            `journey J "J" {\n  stage S "S" {\n${[10, 25_000, 49_990].map((at, i) => `    touchpoint T${i} "T" via ${typo(at)}\n`).join('')}  }\n}\n`;
        const workspace = await buildWorkspace([{ path: 'long.journey', text }], '/ws');
        const unresolved = workspace.diagnostics.filter(d => d.code === 'unresolved-reference');
        expect(unresolved).toHaveLength(3);
        for (const diagnostic of unresolved) expect(diagnostic.message).toContain(`did you mean '${id}'?`);
    }, 20_000);
});
