/**
 * Series files at their edges (src/metrics/series-parse.ts, which the editor's web worker runs
 * too): quoting, number spellings, separators, comments, what each problem says and where, and
 * which KPIs get a series' values. No disk, fast: the mutation tests (stryker.config.json) run
 * this file for every mutant.
 */
import { describe, expect, it } from 'vitest';
import type { SourceModel, WorkspaceModel } from '../../src/language/model/journey-model.js';
import { MAX_SERIES_BYTES, parseSeriesCsv, seriesFileProblems, seriesResultsFrom, type SeriesRead } from '../../src/metrics/series-parse.js';

const values = (text: string) => parseSeriesCsv(text, 'data/s.csv').points.map(p => p.value);

describe('cells', () => {
    it('reads quoted cells, doubled quotes inside them and separators inside quotes', () => {
        const read = parseSeriesCsv('period,value,segment\n"2026-01","82.5","Web, mobile"\n2026-02,  7 ,"Le ""Club"""\n', 'a.csv');
        expect(read.points).toEqual([{ period: '2026-01', value: 82.5, segment: 'Web, mobile' }, { period: '2026-02', value: 7, segment: 'Le "Club"' }]);
        // A quote inside an unquoted cell is text; a quote after spaces opens a quoted cell.
        expect(parseSeriesCsv('period,value,segment\n2026-01,1,a"b\n2026-02,2, "c,d"\n', 'a.csv').points.map(p => p.segment)).toEqual(['a"b', 'c,d']);
    });

    it('reads the number spellings of a spreadsheet, and refuses the rest', () => {
        expect(values('period,value\n2026-01,+3\n2026-02,-3\n2026-03,.5\n2026-04,5.\n2026-05,1e2\n2026-06,2E-1\n2026-07,9 5\n2026-08,12 %\n2026-09,12%')).toEqual([3, -3, 0.5, 5, 100, 0.2, 95, 12, 12]);
        for (const bad of ['1,5', '1.2.3', '--1', 'e5', '1e', '0x10', 'Infinity', '1e999', '%', '5%%', '.', '-']) {
            expect(values(`period,value\n2026-01,"${bad}"`), bad).toEqual([]);
        }
    });

    it('reads decimal commas with ; and tab separators only, where a comma cannot separate', () => {
        expect(values('period;value\n2026-01;92,5\n2026-02;1 234,5')).toEqual([92.5, 1234.5]);
        expect(values('period\tvalue\n2026-01\t92,5')).toEqual([92.5]);
        expect(parseSeriesCsv('period\tvalue\tsegment\n2026-01\t3\tWeb', 'a.csv').points).toEqual([{ period: '2026-01', value: 3, segment: 'Web' }]);
        // A header with commas is comma-separated even if it also has semicolons.
        expect(values('period,value,note;x\n2026-01,4')).toEqual([4]);
    });
});

describe('more edges', () => {
    it('trims every cell, the last one too', () => {
        expect(parseSeriesCsv('segment,period,value\n Web ,2026-01,1\n', 'a.csv').points).toStrictEqual([{ period: '2026-01', value: 1, segment: 'Web' }]);
        expect(parseSeriesCsv('period,value,segment\n2026-01,1, Store \n', 'a.csv').points).toStrictEqual([{ period: '2026-01', value: 1, segment: 'Store' }]);
        // A value of the whole population has no segment at all.
        expect(parseSeriesCsv('period,value\n2026-01,1\n', 'a.csv').points).toStrictEqual([{ period: '2026-01', value: 1 }]);
    });

    it('reads a percent sign after the number only, short decimals and long exponents', () => {
        expect(values('period,value\n2026-01,%5\n2026-02,.25\n2026-03,1e10\n2026-04,5e-12')).toEqual([0.25, 1e10, 5e-12]);
    });

    it('takes a byte-order mark off the start of the file only', () => {
        expect(parseSeriesCsv('period,value,segment\n2026-01,1,x\uFEFFy\n', 'a.csv').points[0].segment).toBe('x\uFEFFy');
    });

    it('keeps commas as the separator when the header also holds a tab', () => {
        expect(values('period,value,note\twith a tab\n2026-01,4')).toEqual([4]);
    });

    it('finds a value column that comes first, and says which column is missing then', () => {
        expect(parseSeriesCsv('value,period\n5,2026-01\n', 'a.csv').points).toEqual([{ period: '2026-01', value: 5 }]);
        expect(parseSeriesCsv('value,month\n5,2026-01\n', 'a.csv').problems[0].message).toContain('no column period (found: value, month)');
        // A row shorter than the header has an empty period.
        expect(parseSeriesCsv('value,period\n5\n', 'a.csv').problems.map(p => [p.line, p.code, p.message])).toEqual([[2, 'series-period', 'The period is empty: write it as 2026-03, 2026-03-15, 2026-Q1 or 2026-W12.']]);
    });

    it('skips lines of spaces, and does not count them as rows it could not read', () => {
        const read = parseSeriesCsv('period,value\n   \n2026-01,1\n\t\n', 'a.csv');
        expect(read).toMatchObject({ problems: [], rowsUsed: 1, rowsRejected: 0 });
        expect(parseSeriesCsv('period,amount\n2026-01,1\n   \n', 'a.csv').rowsRejected).toBe(1);
    });

    it('keeps the same period of two segments', () => {
        const read = parseSeriesCsv('period,value,segment\n2026-01,1,Web\n2026-01,2,Store\n', 'a.csv');
        expect(read.points.map(p => p.segment)).toEqual(['Web', 'Store']);
        expect(read.problems).toEqual([]);
    });
});

describe('lines', () => {
    it('skips blank lines before the header, blank lines and comments after it, and counts lines as the file does', () => {
        const read = parseSeriesCsv('\n\nperiod,value\n\n   # comment\n2026-01,1\n2026-13,2\n', 'a.csv');
        expect(read.points).toEqual([{ period: '2026-01', value: 1 }]);
        expect(read.problems).toEqual([{ file: 'a.csv', line: 7, severity: 'error', code: 'series-period', message: expect.stringContaining("'2026-13' is not a period") }]);
        expect(read).toMatchObject({ rowsUsed: 1, rowsRejected: 1 });
    });

    it('reads Windows and old Mac line ends, and a byte-order mark', () => {
        expect(values('\uFEFFperiod,value\r\n2026-01,1\r\n2026-02,2\r2026-03,3')).toEqual([1, 2, 3]);
    });

    it('takes an empty segment as the whole population', () => {
        const read = parseSeriesCsv('period,value,segment\n2026-01,1,\n2026-01,2,Web\n', 'a.csv');
        expect(read.points).toEqual([{ period: '2026-01', value: 1 }, { period: '2026-01', value: 2, segment: 'Web' }]);
        expect(read.problems).toEqual([]);
    });

    it('says which line gave a period first, with its segment', () => {
        const read = parseSeriesCsv('period,value,segment\n2026-01,1,Web\n2026-01,2,Web\n2026-01,3\n2026-01,4\n', 'a.csv');
        expect(read.problems.map(p => [p.line, p.severity, p.message])).toEqual([
            [3, 'warning', '2026-01 (Web) is already given on line 2: keep one line per period; this one is ignored.'],
            [5, 'warning', '2026-01 is already given on line 4: keep one line per period; this one is ignored.']
        ]);
        expect(read.points.map(p => p.value)).toEqual([1, 3]);
        expect(read.rowsRejected).toBe(2);
    });

    it('names the empty period, the missing value and the bad number with the line', () => {
        const read = parseSeriesCsv('period,value\n,1\n2026-02,\n2026-03,abc\n2026-04', 'a.csv');
        expect(read.problems.map(p => [p.line, p.code, p.message])).toEqual([
            [2, 'series-period', 'The period is empty: write it as 2026-03, 2026-03-15, 2026-Q1 or 2026-W12.'],
            [3, 'series-value', 'No value for 2026-02: write a number, or remove the line if it was not measured.'],
            [4, 'series-value', "'abc' is not a number (period 2026-03): write digits with a dot for decimals, such as 92.5."],
            [5, 'series-value', 'No value for 2026-04: write a number, or remove the line if it was not measured.']
        ]);
        expect(read.rowsRejected).toBe(4);
    });
});

describe('headers', () => {
    it('finds the columns in any case and order, renamed or not', () => {
        expect(parseSeriesCsv('Segment,VALUE,Period\nWeb,5,2026-01\n', 'a.csv').points).toEqual([{ period: '2026-01', value: 5, segment: 'Web' }]);
        expect(parseSeriesCsv('mois,taux,canal\n2026-01,5,Web\n', 'a.csv', { period: 'Mois', value: 'TAUX', segment: 'canal' }).points).toEqual([{ period: '2026-01', value: 5, segment: 'Web' }]);
    });

    it('says which column is missing, with the columns found, and counts the rows it could not read', () => {
        const noValue = parseSeriesCsv('period,amount\n2026-01,1\n\n2026-02,2\n', 'a.csv');
        expect(noValue.problems).toEqual([{ file: 'a.csv', line: 1, severity: 'error', code: 'series-header', message: expect.stringContaining('The header has no column value (found: period, amount).') }]);
        expect(noValue).toMatchObject({ rowsUsed: 0, rowsRejected: 2, points: [] });
        const noPeriod = parseSeriesCsv('\nmonth,value\n2026-01,1\n', 'a.csv', { value: 'Value' });
        expect(noPeriod.problems[0]).toMatchObject({ line: 2, message: expect.stringContaining("no column period (found: month, value). Write 'period,value[,segment]'") });
        expect(parseSeriesCsv('"\n2026-01,1\n', 'a.csv').problems[0].message).toContain('(found: nothing)');
    });

    it('says an empty file is empty, and a header without rows has no values (a warning)', () => {
        expect(parseSeriesCsv('\n \n', 'a.csv')).toEqual({ points: [], rowsUsed: 0, rowsRejected: 0, problems: [{ file: 'a.csv', severity: 'error', code: 'series-empty', message: "The file is empty: write a header line 'period,value' then one line per period." }] });
        expect(parseSeriesCsv('', 'a.csv', { period: 'mois' }).problems[0].message).toContain("'mois,value'");
        expect(parseSeriesCsv('period,value\n# nothing yet\n', 'a.csv').problems).toEqual([{ file: 'a.csv', line: 1, severity: 'warning', code: 'series-no-rows', message: 'The file has a header but no values: add one line per period, such as 2026-03,92.5.' }]);
        // Rows that were all rejected are not "no rows".
        expect(parseSeriesCsv('period,value\n2026-13,1\n', 'a.csv').problems.map(p => p.code)).toEqual(['series-period']);
    });

    it('cuts long bad cells in messages', () => {
        const long = 'x'.repeat(100);
        expect(parseSeriesCsv(`period,value\n${long},1\n`, 'a.csv').problems[0].message).toBe(`'${'x'.repeat(40)}' is not a period: write it as 2026-03, 2026-03-15, 2026-Q1 or 2026-W12.`);
        expect(parseSeriesCsv(`period,value\n2026-01,${long}\n`, 'a.csv').problems[0].message).toContain(`'${'x'.repeat(40)}' is not a number`);
    });
});

describe('series files that cannot be read', () => {
    const source = { id: 'Taux', file: 'sources.journey', line: 4, path: '../data/t.csv' } as SourceModel;

    it('are one error at the source’s line, saying what to do', () => {
        expect(seriesFileProblems.outside(source)).toEqual({ points: [], rowsUsed: 0, rowsRejected: 0, problems: [{ file: 'sources.journey', line: 4, severity: 'error', code: 'series-outside', message: "The data file '../data/t.csv' of source Taux is outside the workspace: put it in the workspace and write its path relative to sources.journey." }] });
        expect(seriesFileProblems.outsideThroughLink(source).problems[0]).toMatchObject({ code: 'series-outside', message: expect.stringContaining('through a link') });
        expect(seriesFileProblems.missing(source, '/ws/data/t.csv').problems[0]).toMatchObject({ code: 'series-missing', message: expect.stringContaining('looked for /ws/data/t.csv') });
        expect(seriesFileProblems.notAFile(source).problems[0]).toMatchObject({ code: 'series-missing', message: "'../data/t.csv' of source Taux is not a file." });
        expect(seriesFileProblems.tooLarge(source, 31 * 1048576).problems[0]).toMatchObject({ code: 'series-too-large', message: expect.stringContaining('is 31 MB') });
        expect(MAX_SERIES_BYTES).toBe(20 * 1024 * 1024);
    });
});

describe('the KPIs a series gives values to', () => {
    const series = (id: string) => ({ id, format: 'series', file: 's.journey', line: 1, path: `${id}.csv`, columns: {}, events: {} });
    const model = {
        sources: [series('A'), series('B'), { ...series('E'), format: 'events' }],
        journeys: [
            { id: 'J', kpis: [
                { id: 'K1', data: 'A', target: { comparator: '>=', value: 90, text: '>= 90' } },
                { id: 'K2', data: 'A' },
                { id: 'Shared', data: 'B', shared: true },
                { id: 'Events', data: 'E' },
                { id: 'Unbound' },
                { id: 'Nowhere', data: 'Missing' }
            ] }
        ],
        kpis: [{ id: 'Catalog', data: 'B', direction: 'lower', target: { comparator: '<=', value: 5, text: '<= 5' } }]
    } as unknown as WorkspaceModel;
    const reads: Record<string, SeriesRead> = {
        A: { points: [{ period: '2026-01', value: 80 }, { period: '2026-02', value: 95 }], problems: [{ file: 'A.csv', line: 3, severity: 'warning', code: 'series-duplicate', message: 'd' }], rowsUsed: 2, rowsRejected: 1 },
        B: { points: [{ period: '2026-02', value: 7 }], problems: [], rowsUsed: 1, rowsRejected: 0 }
    };

    it('are the journeys’ own KPIs and the catalog’s bound to a series source, each file read once', async () => {
        const asked: string[] = [];
        const { results, problems } = await seriesResultsFrom(model, async source => { asked.push(source.id); return reads[source.id]; }, new Date('2026-03-10T00:00:00Z'));
        expect(asked).toEqual(['A', 'B']);
        expect(results.map(r => [r.journey, r.kpi, r.status])).toEqual([['J', 'K1', 'met'], ['J', 'K2', 'no-data'], [undefined, 'Catalog', 'missed']]);
        expect(results[0]).toMatchObject({ points: reads.A.points, rowsUsed: 2, rowsRejected: 1, problems: reads.A.problems, latest: { period: '2026-02', value: 95 }, trend: 'improving' });
        expect('journey' in results[2]).toBe(false);
        expect(results[2].trend).toBeUndefined();
        // Each file's problems once, however many KPIs read it.
        expect(problems).toEqual(reads.A.problems);
    });
});
