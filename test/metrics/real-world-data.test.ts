/**
 * Issue 14: real exports are not clean. Each reproduction of the issue, as its smallest
 * workspace (`event "SIGN" is Signature`, `event "SENT" is Envoi`), with what a CX person
 * expects: impossible dates rejected, empty dates rejected, one count per rejected row, one
 * bad row never losing the file, offsets kept as instants, the same rows giving the same
 * results whatever the file format and the machine's time zone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { csv, metricsOf, removeWorkspace, tempWorkspace } from './metrics-helpers.js';

/** A point's period and value (the engine also gives sample sizes). */
const pv = ({ period, value }: { period: string; value: number }) => ({ period, value });

const REPO = path.resolve(import.meta.dirname, '../..');

/** A workspace journey with the issue's mappings; `options` go inside the source's braces. */
const journey = (file: string, kpi: string, options = '') => `
source E events "${file}" {
  event "SIGN" is Signature
  event "SENT" is Envoi
${options}}
journey A {
  stage S { touchpoint Signature touchpoint Envoi }
  kpi K { ${kpi} data E }
}`;
const survey = (file: string, kpi = 'measures nps target >= 30', options = '') => `
source R survey "${file}" {
${options}}
journey A {
  stage S { touchpoint T }
  kpi K { ${kpi} data R }
}`;
const J1 = 'measures share(Envoi within J+1 of Signature) target >= 90%';

/** Parquet bytes of `sql` (a SELECT), written by DuckDB. */
async function parquetOf(sql: string): Promise<Buffer> {
    const root = tempWorkspace({});
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        const file = path.join(root, 'x.parquet');
        await connection.run(`COPY (${sql}) TO '${file}' (FORMAT parquet)`);
        return (await import('node:fs')).readFileSync(file);
    } finally {
        connection.closeSync();
        instance.closeSync();
        removeWorkspace(root);
    }
}

describe('issue 14 reproductions', () => {
    it('1. an impossible dd/mm/yyyy date is a rejected row with its line, never rolled over', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('data/e.csv', J1),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '30/04/2026 10:00'], ['k', 'SENT', '31/04/2026 10:00']])
        });
        expect(byId.K.points.map(pv)).toEqual([{ period: '2026-04', value: 0 }]);
        expect(byId.K).toMatchObject({ rowsUsed: 1, rowsRejected: 1 });
        expect(byId.K.problems.find(p => p.code === 'unparsable-date')).toMatchObject({ file: 'data/e.csv', line: 3 });
        for (const impossible of ['30/02/2028', '29/02/2027', '31/06/2026 08:00', '00/01/2026', '15/13/2026']) {
            const one = await metricsOf({
                'a.journey': journey('data/e.csv', J1),
                'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '01/01/2026'], ['k', 'SENT', impossible]])
            });
            expect(one.byId.K.rowsRejected, impossible).toBe(1);
        }
        // 29/02 of a leap year is a date.
        const leap = await metricsOf({
            'a.journey': journey('data/e.csv', J1),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '28/02/2028 10:00'], ['k', 'SENT', '29/02/2028 09:00']])
        });
        expect(leap.byId.K).toMatchObject({ rowsRejected: 0, points: [{ period: '2028-02', value: 100 }] });
    });

    it('2. an empty survey date is a rejected row, never the period "null"', async () => {
        const { byId } = await metricsOf({
            'a.journey': survey('data/s.csv', 'measures nps target >= 30', '  column date "date"\n'),
            'data/s.csv': csv('respondent,score,date', [['r1', 9, '2026-03-02'], ['r2', 3, '']])
        });
        expect(byId.K.points.map(pv)).toEqual([{ period: '2026-03', value: 100 }]);
        expect(byId.K).toMatchObject({ status: 'met', rowsUsed: 1, rowsRejected: 1 });
        expect(byId.K.problems.find(p => p.code === 'missing-value')).toMatchObject({ file: 'data/s.csv', line: 3 });
    });

    it('2b. a date column found by its name is required the same way', async () => {
        const { byId } = await metricsOf({
            'a.journey': survey('data/s.jsonl'),
            'data/s.jsonl': '{"respondent":"r1","score":9,"date":"2026-03-02"}\n{"respondent":"r2","score":3,"date":null}\n'
        });
        expect(byId.K.points.map(pv)).toEqual([{ period: '2026-03', value: 100 }]);
        expect(byId.K).toMatchObject({ rowsUsed: 1, rowsRejected: 1 });
    });

    it('3. a row wrong in two ways counts once: rows used + rejected = rows read', async () => {
        const { byId } = await metricsOf({
            'a.journey': survey('data/s.csv'),
            'data/s.csv': csv('respondent,score,date', [['r1', 9, '2026-03-02'], ['', 12, '2026-03-03'], ['r3', 'x', '2026-03-03'], ['r4', 11, '2026-03-04'], ['r5', 0, '2026-03-05']])
        });
        expect(byId.K).toMatchObject({ rowsUsed: 2, rowsRejected: 3 });
        expect(byId.K.points.map(pv)).toEqual([{ period: '2026-03', value: 0 }]);
        // Each reason is still told, with its lines.
        expect(byId.K.problems.map(p => [p.code, p.line]).sort()).toEqual([['missing-value', 3], ['score-out-of-range', 3], ['unparsable-number', 4]].sort());
    });

    it('4. one row with the wrong separator is one rejected row, not a lost file', async () => {
        const { byId } = await metricsOf({
            'a.journey': survey('data/s.csv'),
            'data/s.csv': 'respondent,score,date\nr1,9,2026-03-02\nr2;8;2026-03-03\nr3,10,2026-03-04\n'
        });
        expect(byId.K.points.map(pv)).toEqual([{ period: '2026-03', value: 100 }]);
        expect(byId.K).toMatchObject({ rowsUsed: 2, rowsRejected: 1 });
        expect(byId.K.problems.find(p => p.severity === 'error')).toMatchObject({ file: 'data/s.csv', line: 3 });
        // A semicolon file stays a semicolon file.
        const semicolons = await metricsOf({ 'a.journey': survey('data/s.csv'), 'data/s.csv': 'respondent;score;date\nr1;9;2026-03-02\nr2;7,5;2026-03-03\n' });
        expect(semicolons.byId.K).toMatchObject({ rowsUsed: 2, rowsRejected: 0, points: [{ period: '2026-03', value: 50 }] });
    });

    it('5. UTC offsets are kept: elapsed time, and order of instants', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('data/e.csv', 'measures duration(Signature to Envoi) mean unit hours'),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '2026-03-28T12:00:00+01:00'], ['k', 'SENT', '2026-03-29T11:30:00+02:00']])
        });
        expect(byId.K.points.map(pv)).toEqual([{ period: '2026-03', value: 22.5 }]);
        const zones = await metricsOf({
            'a.journey': journey('data/e.csv', 'measures duration(Signature to Envoi) mean unit minutes'),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '2026-03-28T10:30:00+00:00'], ['k', 'SENT', '2026-03-28T10:00:00-01:00']])
        });
        expect(zones.byId.K.points.map(pv)).toEqual([{ period: '2026-03', value: 30 }]);
        expect(zones.byId.K.problems.map(p => p.code)).not.toContain('events-out-of-order');
    });

    it('6. CSV, JSON-lines and Parquet agree on the same rows with offsets', async () => {
        const rows: Array<[string, string, string]> = [['k', 'SIGN', '2026-07-01T00:30:00+02:00'], ['k', 'SENT', '2026-07-02T23:30:00+02:00']];
        const parquet = await parquetOf(`SELECT * FROM (VALUES ${rows.map(r => `('${r[0]}', '${r[1]}', CAST('${r[2]}' AS TIMESTAMPTZ))`).join(', ')}) AS t("case", event, "timestamp")`);
        const files = (zone: string) => ({
            csv: { 'a.journey': journey('data/e.csv', J1, zone), 'data/e.csv': csv('case,event,timestamp', rows) },
            json: { 'a.journey': journey('data/e.jsonl', J1, zone), 'data/e.jsonl': rows.map(([c, e, t]) => JSON.stringify({ case: c, event: e, timestamp: t })).join('\n') + '\n' },
            parquet: { 'a.journey': journey('data/e.parquet', J1, zone), 'data/e.parquet': parquet }
        });
        // Default UTC: signed 30 June 22:30, sent 2 July 21:30, two days later.
        for (const [format, workspace] of Object.entries(files(''))) {
            expect((await metricsOf(workspace)).byId.K.points.map(pv), format).toEqual([{ period: '2026-06', value: 0 }]);
        }
        // In Paris: signed 1 July, sent 2 July, J+1.
        for (const [format, workspace] of Object.entries(files('  timezone "Europe/Paris"\n'))) {
            expect((await metricsOf(workspace)).byId.K.points.map(pv), format).toEqual([{ period: '2026-07', value: 100 }]);
        }
    });

    it('7. the machine’s time zone changes nothing (CLI run under TZ=UTC and TZ=Europe/Paris)', () => {
        const root = tempWorkspace({
            'a.journey': journey('data/e.csv', 'measures duration(Signature to Envoi) mean unit minutes')
                + '\njourney B {\n  stage S { touchpoint Signature touchpoint Envoi }\n  kpi P { measures duration(Signature to Envoi) mean unit minutes data Paris }\n}\n'
                + 'source Paris events "data/e.csv" {\n  timezone "Europe/Paris"\n  event "SIGN" is Signature\n  event "SENT" is Envoi\n}\n',
            // A DST gap in Paris: 02:00 → 03:00 on 29 March 2026.
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '29/03/2026 01:30'], ['k', 'SENT', '29/03/2026 02:30']])
        });
        try {
            const run = (tz: string) => JSON.parse(execFileSync(process.execPath, [path.join(REPO, 'bin/journey.js'), 'metrics', '--format', 'json', '--today', '2026-06-01'], {
                cwd: root, env: { ...process.env, TZ: tz }, encoding: 'utf8'
            })).kpis.map((k: { kpi: string; value: number }) => [k.kpi, k.value]);
            const utc = run('UTC');
            // As naive UTC: 60 minutes; in Paris, 02:30 does not exist and is read as 03:30 summer time: 60 minutes too.
            expect(utc).toEqual([['K', 60], ['P', 60]]);
            expect(run('Europe/Paris')).toEqual(utc);
            expect(run('America/New_York')).toEqual(utc);
        } finally {
            removeWorkspace(root);
        }
    });

    it('8. series paths are read from the declaring file whatever the current folder, for every command', async () => {
        const elsewhere = tempWorkspace({});
        const root = tempWorkspace({
            'j/a.journey': 'source Churn series "../data/churn.csv"\njourney A {\n  stage S { touchpoint T }\n  kpi C { measures churn target <= 5% data Churn }\n}\n',
            'data/churn.csv': 'period,customers,lost\n2026-01,2500,20\n'
        });
        mkdirSync(path.join(elsewhere, 'sub'));
        try {
            const run = async (cwd: string, ...args: string[]) => {
                let out = '';
                let err = '';
                const code = await main(args, { out: t => { out += t; }, err: t => { err += t; }, cwd });
                return { code, out, err };
            };
            const inside = JSON.parse((await run(root, 'metrics', '.', '--format', 'json')).out).kpis[0];
            expect(inside).toMatchObject({ value: 0.8, status: 'met' });
            for (const cwd of [elsewhere, path.join(elsewhere, 'sub')]) {
                for (const given of [root, path.relative(cwd, root)]) {
                    const metrics = await run(cwd, 'metrics', given, '--format', 'json');
                    expect(metrics.code, `${cwd} ${given}: ${metrics.err}`).toBe(0);
                    expect(JSON.parse(metrics.out).kpis[0]).toMatchObject({ value: 0.8, status: 'met', problems: [] });
                    const check = await run(cwd, 'check', given);
                    expect(check.code, check.out + check.err).toBe(0);
                    const sql = await run(cwd, 'sql', given, '--dialect', 'postgres');
                    expect(sql.code, sql.err).toBe(0);
                    expect(sql.out).toContain('A.C');
                }
            }
        } finally {
            removeWorkspace(root);
            removeWorkspace(elsewhere);
        }
    });
});

describe('issue 14: silent wrong results', () => {
    const check = async (files: Record<string, string>, ...args: string[]) => {
        const root = tempWorkspace(files);
        try {
            let out = '';
            let err = '';
            const code = await main(args, { out: t => { out += t; }, err: t => { err += t; }, cwd: root });
            return { code, out, err };
        } finally {
            removeWorkspace(root);
        }
    };

    it('a misspelt touchpoint in an event mapping is an error at its line, in check and metrics', async () => {
        const files = {
            'a.journey': journey('data/e.csv', J1).replace('event "SENT" is Envoi', 'event "SENT" is Envoii'),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '2026-04-01 10:00'], ['k', 'SENT', '2026-04-02 10:00']])
        };
        const checked = await check(files, 'check', '.');
        expect(checked.code).toBe(1);
        expect(checked.out + checked.err).toMatch(/a\.journey:4:\d+: error: .*Envoii.*\[unknown-touchpoint\]/);
        const metrics = await check(files, 'metrics', '.');
        expect(metrics.code).toBe(1);
        expect(metrics.err).toMatch(/a\.journey:4:\d+: error: .*Envoii/);
    });

    it('a column mapping of a field the source does not have is an error at its line', async () => {
        const files = {
            'a.journey': journey('data/e.csv', J1, '  column chanel "x"\n'),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '2026-04-01 10:00']])
        };
        const checked = await check(files, 'check', '.');
        expect(checked.code).toBe(1);
        expect(checked.out + checked.err).toMatch(/a\.journey:5:\d+: error: .*chanel.*did you mean.*channel.*\[unknown-field\]/);
        // A column of the source's own (a breakdown field, issue 16) is no error.
        const ok = await check({ ...files, 'a.journey': journey('data/e.csv', J1, '  column channel "x"\n  column persona "y"\n  column device "z"\n') }, 'check', '.');
        expect(ok.out + ok.err).not.toContain('unknown-field');
    });

    it('`--kpi NoSuchKpi` is a usage error, not a passing gate', async () => {
        const files = { 'a.journey': survey('data/s.csv'), 'data/s.csv': csv('respondent,score', [['r1', 1]]) };
        const typo = await check(files, 'metrics', '--kpi', 'NoSuchKpi', '--fail-on', 'missed');
        expect(typo.code).toBe(2);
        expect(typo.err).toContain('NoSuchKpi');
        expect((await check(files, 'metrics', '--kpi', 'A.K', '--fail-on', 'missed')).code).toBe(1);
        expect((await check(files, 'sql', '--dialect', 'postgres', '--kpi', 'Nope')).code).toBe(2);
    });

    it('a target in $ on a KPI in € is a unit mismatch', async () => {
        const files = { 'a.journey': 'journey A {\n  stage S { touchpoint T }\n  kpi Cac { measures average unit € target <= 5 $ }\n}\n' };
        const checked = await check(files, 'check', '.');
        expect(checked.out + checked.err).toMatch(/a\.journey:3:\d+: error: .*\[unit-mismatch\]/);
    });

    it('journey sql says that BigQuery and Trino percentiles are approximate', async () => {
        const files = {
            'a.journey': journey('data/e.csv', 'measures duration(Signature to Envoi) median'),
            'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', '2026-04-01 10:00']])
        };
        for (const dialect of ['bigquery', 'trino']) {
            const out = await check(files, 'sql', '--dialect', dialect);
            expect(out.code).toBe(0);
            expect(out.out).toMatch(/-- note: .*approximate/i);
        }
        expect((await check(files, 'sql', '--dialect', 'postgres')).out).not.toMatch(/approximate/i);
    });

    it('journey sql says when a survey table has no `line` column to tell the first of repeated answers', async () => {
        const files = { 'a.journey': survey('data/s.csv'), 'data/s.csv': csv('respondent,score', [['r1', 1]]) };
        const without = await check(files, 'sql', '--dialect', 'postgres');
        expect(without.code).toBe(0);
        expect(without.out).toMatch(/-- note: the survey ‘R’ maps no `line` column/);
        // Mapped, the table's column orders the answers although the local file has no such column.
        const mapped = await check({ ...files, 'a.journey': survey('data/s.csv', undefined, '  column line "loaded_no"\n') }, 'sql', '--dialect', 'postgres');
        expect(mapped.code).toBe(0);
        expect(mapped.out).not.toContain('-- note:');
        expect(mapped.out).toContain('CAST(src."loaded_no" AS DOUBLE PRECISION) AS row_order');
        expect(mapped.out).toContain('ORDER BY row_order)');
    });
});

afterAll(() => undefined);
