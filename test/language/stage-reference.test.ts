import { describe, expect, it } from 'vitest';
import { diagnosticsOf, editorDiagnosticsOf, positionOf } from './helpers.js';

const text = `journey J "J" {
  stage S1 "Un" {
    touchpoint A "A" via Web
  }
  stage S2 "Deux" {
    touchpoint B "B" via Web
  }
  kpi D { measures duration(S1 to B) target <= 3 days }
}
`;

describe('a stage named where a touchpoint is expected', () => {
    it('says it is a stage and what the measure takes, in the editor as in journey check', async () => {
        const errors = (await diagnosticsOf(text)).filter(d => d.file === 'test.journey' && d.severity === 'error');
        expect(errors.map(d => [d.line, d.column, d.message])).toEqual([[positionOf(text, 'S1 to').line, positionOf(text, 'S1 to').column,
            "'S1' is a stage, and this measure goes from one touchpoint to another: name the touchpoints where the stage begins and ends (conversion and abandonment take stages)."]]);
        expect((await editorDiagnosticsOf(text)).filter(d => d.file === 'test.journey' && d.severity === 'error')).toEqual(errors);
    });
});
