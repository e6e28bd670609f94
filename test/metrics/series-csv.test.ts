import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceModel } from '../../src/language/model/journey-model.js';
import { MAX_SERIES_BYTES, parseSeriesCsv, readSeriesSource, seriesResults } from '../../src/metrics/series-csv.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';

describe('series CSV (period,value[,segment])', () => {
    it('reads periods, values and segments', () => {
        const read = parseSeriesCsv('\uFEFFperiod,value,segment\r\n2026-01,82.5\r\n2026-Q1,10,Web\n2026-W12,3\n2026-03-15,-4\n', 'data/s.csv');
        expect(read.points).toEqual([
            { period: '2026-01', value: 82.5 }, { period: '2026-Q1', value: 10, segment: 'Web' },
            { period: '2026-W12', value: 3 }, { period: '2026-03-15', value: -4 }
        ]);
        expect(read.problems).toEqual([]);
        expect(read.rowsUsed).toBe(4);
    });

    it('reports each bad row with file and line, and keeps the good ones', () => {
        const text = ['period,value', '2026-01,80', '2026-13,81', 'janvier,82', '2026-03,', '2026-04,abc', '2026-01,85', '"2026-05,86', '2026-06,87 %'].join('\n');
        const read = parseSeriesCsv(text, 'data/s.csv');
        expect(read.points.map(p => p.period)).toEqual(['2026-01', '2026-06']);
        expect(read.problems.map(p => [p.line, p.code, p.severity])).toEqual([
            [3, 'series-period', 'error'], [4, 'series-period', 'error'], [5, 'series-value', 'error'],
            [6, 'series-value', 'error'], [7, 'series-duplicate', 'warning'], [8, 'series-quote', 'error']
        ]);
        expect(read.problems.every(p => p.file === 'data/s.csv')).toBe(true);
        expect(read.problems[5].message).toMatch(/quote/);
        expect(read.rowsRejected).toBe(6);
    });

    it('explains a wrong header, an empty file and a header without rows', () => {
        const header = parseSeriesCsv('month,amount\n2026-01,1\n', 'a.csv');
        expect(header.problems[0]).toMatchObject({ line: 1, code: 'series-header' });
        expect(header.problems[0].message).toContain('period and value');
        expect(parseSeriesCsv('', 'a.csv').problems[0].code).toBe('series-empty');
        expect(parseSeriesCsv('period,value\n', 'a.csv').problems[0].code).toBe('series-no-rows');
    });

    it('accepts semicolons with decimal commas, and renamed columns', () => {
        expect(parseSeriesCsv('period;value\n2026-01;92,5\n', 'a.csv').points).toEqual([{ period: '2026-01', value: 92.5 }]);
        expect(parseSeriesCsv('Mois,Taux\n2026-01,92.5\n', 'a.csv', { period: 'mois', value: 'taux' }).points).toEqual([{ period: '2026-01', value: 92.5 }]);
    });

    it('survives hostile and huge input', () => {
        const hostile = parseSeriesCsv('period,value\n<script>alert(1)</script>,1\n' + 'x'.repeat(100_000) + '\n', 'a.csv');
        expect(hostile.points).toEqual([]);
        expect(hostile.problems).toHaveLength(2);
        expect(hostile.problems[1].message.length).toBeLessThan(200);
        const rows = Array.from({ length: 50_000 }, (_, i) => `${2000 + Math.floor(i / 12) % 1000}-${String(i % 12 + 1).padStart(2, '0')},${i}`);
        const big = parseSeriesCsv(`period,value\n${rows.join('\n')}`, 'a.csv');
        expect(big.rowsUsed + big.rowsRejected).toBe(50_000);
    });
});

describe('series files bound to KPIs', () => {
    let root: string;
    const source = (p: string, file = 'j.journey'): SourceModel => ({ id: 'S', title: 'S', file, line: 3, format: 'series', path: p, columns: {}, events: {} });

    beforeAll(async () => {
        root = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-series-'));
        await fs.mkdir(path.join(root, 'ws/data'), { recursive: true });
        await fs.mkdir(path.join(root, 'ws/sub'), { recursive: true });
        await fs.writeFile(path.join(root, 'ws/data/ok.csv'), 'period,value\n2026-01,90\n2026-02,96\n');
        await fs.writeFile(path.join(root, 'secret.csv'), 'period,value\n2026-01,1\n');
        await fs.symlink(path.join(root, 'secret.csv'), path.join(root, 'ws/data/link.csv'));
    });
    afterAll(() => fs.rm(root, { recursive: true, force: true }));

    it('resolves the path against the file the source is written in', async () => {
        const read = await readSeriesSource(path.join(root, 'ws'), source('../data/ok.csv', 'sub/j.journey'));
        expect(read.points).toHaveLength(2);
    });

    it('refuses paths leaving the workspace, absolute paths and links out', async () => {
        const ws = path.join(root, 'ws');
        for (const p of ['../secret.csv', '../../secret.csv', path.join(root, 'secret.csv'), 'data/link.csv']) {
            const read = await readSeriesSource(ws, source(p));
            expect(read.points).toEqual([]);
            expect(read.problems[0]).toMatchObject({ file: 'j.journey', line: 3, code: 'series-outside' });
        }
        const missing = await readSeriesSource(ws, source('data/none.csv'));
        expect(missing.problems[0].code).toBe('series-missing');
        expect(missing.problems[0].message).toContain('data/none.csv');
    });

    it('refuses a file too large to be a series', async () => {
        const ws = path.join(root, 'ws');
        const handle = await fs.open(path.join(ws, 'data/huge.csv'), 'w');
        await handle.truncate(MAX_SERIES_BYTES + 1);
        await handle.close();
        expect((await readSeriesSource(ws, source('data/huge.csv'))).problems[0].code).toBe('series-too-large');
    });

    it('gives each bound KPI its points and target status', async () => {
        const ws = path.join(root, 'ws');
        const text = 'source S "S" series "data/ok.csv"\njourney J {\n  kpi K {\n    measures csat\n    target >= 95%\n    data S\n  }\n  kpi L {\n    measures csat\n  }\n}\n';
        const { model } = await buildWorkspace([{ path: 'j.journey', text }], ws);
        const { results, problems } = await seriesResults(model, ws);
        expect(problems).toEqual([]);
        expect(results).toHaveLength(1);
        expect(results[0]).toMatchObject({ journey: 'J', kpi: 'K', status: 'met', rowsUsed: 2, latest: { period: '2026-02', value: 96 } });
    });
});
