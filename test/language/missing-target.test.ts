import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './helpers.js';

const journey = (kpi: string) => `journey J "J" {
  state current
  stage S1 "Un" {
    touchpoint A "A" via Web
    touchpoint B "B" via Web
  }
  kpi K "K" {
    ${kpi}
  }
}
`;

describe('missing-target suggests a target in the KPI\'s unit and direction, or none', () => {
    it.each([
        ['measures share(B within J+1 of A)', 'target >= 90%'],
        ['measures nps', 'target >= 30'],
        ['measures duration(A to B)', 'target <= 48 h'],
        ['measures duration(A to B)\n    unit days', 'target <= 5 days'],
        ['measures churn', 'target <= 10%'],
        ['measures average\n    unit €\n    lower is better', 'target <= 100 €'],
        ['measures average\n    unit €', undefined],
        ['measures ces', undefined],
        ['measures count', undefined]
    ])('%s → %s, and the suggestion followed gives no error', async (kpi, example) => {
        const diagnostics = (await diagnosticsOf(journey(kpi))).filter(d => d.file === 'test.journey');
        const note = diagnostics.find(d => d.code === 'missing-target')!;
        expect(note.message).not.toContain('95%');
        if (example === undefined) {
            expect(note.message).toBe("The KPI 'K' has no target: add one ('target', a comparator, and a value in the KPI's unit) so its status can be tracked.");
            return;
        }
        expect(note.message).toBe(`The KPI 'K' has no target: add one such as '${example}' so its status can be tracked.`);
        const followed = (await diagnosticsOf(journey(`${kpi}\n    ${example}`))).filter(d => d.file === 'test.journey');
        expect(followed.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        expect(followed.map(d => d.code)).not.toContain('missing-target');
    });
});
