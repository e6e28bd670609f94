/**
 * Disagreements that the property tests (`kpi-properties.test.ts`) found between the engine and
 * the independent computation, each as its smallest reproduction.
 */
import { describe, expect, it } from 'vitest';
import { csv, metricsOf } from './metrics-helpers.js';

const survey = (file: string) => `source A survey "${file}"\njourney J {\n  stage S { touchpoint T }\n  kpi N { measures nps data A }\n}\n`;
const pv = ({ period, value }: { period: string; value: number }) => ({ period, value });

describe('found by the property tests', () => {
    it('a log whose cases all lack their start (or all end before it) still says so, though no value can be computed', async () => {
        const workspace = (kpi: string) => `source E events "data/e.csv" {\n  event "SIGN" is Signature\n  event "SENT" is Envoi\n}\njourney J {\n  stage S { touchpoint Signature touchpoint Envoi }\n  kpi K { measures ${kpi} data E }\n}\n`;
        // Only end events: the share has no case, and the export lacks the starts.
        const onlyEnds = (await metricsOf({ 'a.journey': workspace('share(Envoi within J+1 of Signature)'), 'data/e.csv': csv('case,event,timestamp', [['k', 'SENT', '2026-04-01 10:00']]) })).byId.K;
        expect(onlyEnds.points).toEqual([]);
        expect(onlyEnds.problems.map(p => p.code)).toContain('missing-start');
        // A duration whose only case ends before it starts: no duration, and the case is out of order.
        const reversed = (await metricsOf({ 'a.journey': workspace('duration(Signature to Envoi) median'), 'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '2026-04-02 10:00'], ['k', 'SENT', '2026-04-01 10:00']]) })).byId.K;
        expect(reversed.points).toEqual([]);
        expect(reversed.problems.map(p => p.code)).toContain('events-out-of-order');
    });

    it('an event row repeated with another channel is one event in a count, as the repeated-rows warning says', async () => {
        // Case k's card logged twice at the same time (channel filled in later): one row rejected as a repeat, and counted once.
        const rows = [['k', 'SENT', '2026-04-01 10:00', 'Web'], ['k', 'SENT', '2026-04-01 10:00', 'Agence'], ['m', 'SENT', '2026-04-01 11:00', 'Web']];
        const { byId } = await metricsOf({
            'a.journey': 'source E events "data/e.csv" {\n  event "SENT" is Envoi\n}\njourney J {\n  stage S { touchpoint Envoi }\n  kpi C { measures count(Envoi) data E }\n}\n',
            'data/e.csv': csv('case,event,timestamp,channel', rows)
        });
        expect(byId.C.rowsRejected).toBe(1);
        expect(byId.C.problems.map(p => p.code)).toContain('duplicate-rows');
        // Overall 2 events; the repeated one in the first channel by name (as a case's channel is).
        expect(byId.C.points.map(p => ({ segment: p.segment, value: p.value }))).toEqual([{ segment: undefined, value: 2 }, { segment: 'Agence', value: 1 }, { segment: 'Web', value: 1 }]);
    });

    it('a JSON-lines column mixing numbers and text (`0`, `"7,0"`) is read as the CSV reads it, not with JSON quotes', async () => {
        // DuckDB types such a column JSON, whose text is `"7,0"` with its quotes: the 7 was rejected as not a number.
        const answers = [['R1', '7,0', '2026-03-02'], ['R2', 0, '2026-03-02'], ['R3', '9', '2026-03-02']] as const;
        const jsonl = answers.map(([respondent, score, date]) => JSON.stringify({ respondent, score, date })).join('\n') + '\n';
        const fromJson = (await metricsOf({ 'a.journey': survey('data/a.jsonl'), 'data/a.jsonl': jsonl })).byId.N;
        const fromCsv = (await metricsOf({ 'a.journey': survey('data/a.csv'), 'data/a.csv': csv('respondent,score,date', answers.map(([r, s, d]) => [r, `"${s}"`, d])) })).byId.N;
        // One passive (7), one detractor (0), one promoter (9): NPS 0.
        expect(fromCsv.points.map(pv)).toEqual([{ period: '2026-03', value: 0 }]);
        expect(fromJson.points.map(pv)).toEqual(fromCsv.points.map(pv));
        expect([fromJson.rowsUsed, fromJson.rowsRejected]).toEqual([3, 0]);
    });
});
