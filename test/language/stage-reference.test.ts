import { describe, expect, it } from 'vitest';
import { diagnosticsOf, editorDiagnosticsOf, positionOf } from './helpers.js';

const text = `journey J "J" {
  stage S1 "Un" {
    touchpoint A "A" via Web
  }
  stage S2 "Deux" {
    touchpoint B "B" via Web
  }
  kpi D { measures share(B within J+3 of S1) target >= 90% }
  kpi Ok { measures duration(S1 to B) target <= 3 days }
}
`;

describe('a stage named where a touchpoint is expected', () => {
    it('says it is a stage and what the measure takes, in the editor as in journey check', async () => {
        const errors = (await diagnosticsOf(text)).filter(d => d.file === 'test.journey' && d.severity === 'error');
        // share() goes from touchpoint to touchpoint; duration(S1 to B) takes stages (issue 16) and is no error.
        expect(errors.map(d => [d.line, d.column, d.message])).toEqual([[positionOf(text, 'S1)').line, positionOf(text, 'S1)').column,
            "'S1' is a stage, and this measure goes from one touchpoint to another: name the touchpoints where the stage begins and ends (duration, conversion and abandonment take stages)."]]);
        expect((await editorDiagnosticsOf(text)).filter(d => d.file === 'test.journey' && d.severity === 'error')).toEqual(errors);
    });
});
