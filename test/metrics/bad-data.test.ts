import { describe, expect, it } from 'vitest';
import { csv, metricsOf } from './metrics-helpers.js';

const journey = (source: string, kpi = 'measures share(U within J+1 of T) target >= 90%') => `
${source}
journey A {
  stage S { touchpoint T touchpoint U }
  kpi K { ${kpi} data E }
}`;

describe('bad data is reported with file, line and what to do, never as 0', () => {
    it('a missing file', async () => {
        const { byId } = await metricsOf({ 'a.journey': journey('source E events "data/nowhere.csv"') });
        expect(byId.K).toMatchObject({ status: 'no-data', points: [], rowsUsed: 0 });
        expect(byId.K.latest).toBeUndefined();
        expect(byId.K.problems).toEqual([expect.objectContaining({ file: 'a.journey', line: 2, severity: 'error', code: 'missing-file' })]);
        expect(byId.K.problems[0].message).toContain('add the file or fix the path');
    });

    it('wrong columns: names the columns the file has and the line to fix', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('source E events "data/e.csv" {\n  column case "dossier"\n}'),
            'data/e.csv': csv('id,event,timestamp', [['1', 'T', '2026-01-01']])
        });
        expect(byId.K.status).toBe('no-data');
        const problem = byId.K.problems.find(p => p.code === 'missing-column')!;
        expect(problem).toMatchObject({ file: 'data/e.csv', line: 1, severity: 'error' });
        expect(problem.message).toBe("The file has no column 'dossier' for the case; its columns are 'id', 'event', 'timestamp': fix the line `column case \"dossier\"` of the source 'E' (a.journey:2).");
    });

    it('unparsable numbers and dates, empty cells: rows left out and counted, with their lines', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('source E events "data/e.csv"'),
            'data/e.csv': csv('case,event,timestamp', [
                ['1', 'T', '2026-01-05 09:00'], ['1', 'U', '2026-01-06 09:00'],
                ['2', 'T', '2026-13-45'], ['', 'U', '2026-01-06'], ['3', 'T', '05/01/2026 10:30'], ['3', 'U', '06/01/2026']
            ])
        });
        expect(byId.K.points).toMatchObject([{ period: '2026-01', value: 100 }]);
        expect(byId.K.rowsRejected).toBe(2);
        expect(byId.K.problems.map(p => [p.code, p.line])).toEqual([['missing-value', 5], ['unparsable-date', 4]]);
        expect(byId.K.problems[1].message).toContain("e.g. '2026-13-45'");
    });

    it('with event lines: rows without an event are rejected, other events counted as not used', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('source E events "data/e.csv" {\n  event "DEBUT" is T\n  event "FIN" is U\n}'),
            'data/e.csv': csv('case,event,timestamp', [['1', 'DEBUT', '2026-01-05'], ['1', '', '2026-01-05'], ['1', 'FIN', '2026-01-06'], ['1', 'AUTRE', 'jamais']])
        });
        expect(byId.K.points).toMatchObject([{ period: '2026-01', value: 100 }]);
        expect(byId.K).toMatchObject({ rowsUsed: 2, rowsRejected: 1 });
        expect(byId.K.problems.map(p => [p.code, p.line])).toEqual([['unmapped-event', undefined], ['missing-value', 3]]);
    });

    it('a truncated or malformed file', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('source E events "data/e.jsonl"'),
            'data/e.jsonl': '{"case": "1", "event": "T", "timestamp": "2026-01-05"}\n{"case": "1", "event": "U", "times'
        });
        expect(byId.K.status).toBe('no-data');
        expect(byId.K.problems[0]).toMatchObject({ file: 'data/e.jsonl', severity: 'error', code: 'unreadable-file' });
        expect(byId.K.problems[0].message).toMatch(/^Cannot read 'data\/e.jsonl'/);
    });

    it('an unknown file type, a file outside the workspace, a kind the source cannot give', async () => {
        const xlsx = await metricsOf({ 'a.journey': journey('source E events "data/e.xlsx"'), 'data/e.xlsx': 'PK' });
        expect(xlsx.byId.K.problems[0]).toMatchObject({ code: 'unknown-format', file: 'a.journey', line: 2 });
        const outside = await metricsOf({ 'sub/a.journey': journey('source E events "../../e.csv"') });
        expect(outside.byId.K.problems[0]).toMatchObject({ code: 'outside-workspace', file: 'sub/a.journey' });
        const survey = await metricsOf({
            'a.journey': journey('source E survey "data/s.csv"'),
            'data/s.csv': csv('respondent,score', [['a', 9]])
        });
        expect(survey.byId.K.problems[0]).toMatchObject({ code: 'unsuitable-source', file: 'a.journey', line: 5 });
        expect(survey.byId.K.problems[0].message).toContain('bind an `events` source (case, event, timestamp)');
    });

    it('a header without rows, or rows without any usable value: no data, not 0', async () => {
        const empty = await metricsOf({ 'a.journey': journey('source E survey "data/s.csv"', 'measures nps target >= 30'), 'data/s.csv': 'respondent,score\n' });
        expect(empty.byId.K).toMatchObject({ status: 'no-data', points: [], rowsUsed: 0, rowsRejected: 0 });
        expect(empty.byId.K.problems.map(p => p.code)).toEqual(['no-data']);
        const unusable = await metricsOf({
            'a.journey': journey('source E survey "data/s.csv"', 'measures nps target >= 30'),
            'data/s.csv': csv('respondent,score', [['a', 'onze'], ['b', 11]])
        });
        expect(unusable.byId.K).toMatchObject({ status: 'no-data', points: [], rowsRejected: 2 });
        expect(unusable.byId.K.problems.map(p => p.code).sort()).toEqual(['no-data', 'score-out-of-range', 'unparsable-number']);
    });

    it('a period,value series is read by the series reader shared with the preview', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('source E series "data/s.csv" {\n  column period "mois"\n  column value "taux"\n}', 'measures rate target >= 90%'),
            'data/s.csv': 'mois;taux\n2026-01;91,5\n2026-02;88\n2026-02;87\nfévrier;80\n'
        });
        expect(byId.K.points).toMatchObject([{ period: '2026-01', value: 91.5 }, { period: '2026-02', value: 88 }]);
        expect(byId.K).toMatchObject({ status: 'missed', trend: 'worsening', rowsUsed: 2, rowsRejected: 2 });
        expect(byId.K.problems.map(p => [p.code, p.line])).toEqual([['series-duplicate', 4], ['series-period', 5]]);
    });

    it('survives hostile cell contents: quotes and SQL in values and names stay data', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey(`source E events "data/e'; DROP TABLE x; --.csv" {\n  event "T'); DROP TABLE x; --" is T\n  event "U" is U\n}`),
            "data/e'; DROP TABLE x; --.csv": csv('case,event,timestamp', [["c'1", "T'); DROP TABLE x; --", '2026-02-02'], ["c'1", 'U', '2026-02-02']])
        });
        expect(byId.K.points).toMatchObject([{ period: '2026-02', value: 100 }]);
    });
});
