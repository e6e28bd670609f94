/**
 * How the engine reads one cell of a data file (src/metrics/source-input.ts: parsedExpr, rawText,
 * emptyExpr, rowChecks), run on DuckDB over a table of cells in memory: strict dates (never
 * rolled over), day-first dates, offsets, the source's time zone with its DST gap, French
 * decimals and yes/no answers, typed columns, and the reasons a row is rejected. One DuckDB for
 * the file, one query per case group: fast enough for the mutation tests (stryker.config.json).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceModel } from '../../src/language/model/journey-model.js';
import { emptyExpr, parsedExpr, rawText, rowChecks, type FieldBinding } from '../../src/metrics/source-input.js';
import { dialect } from '../../src/metrics/sql-dialect.js';

const d = dialect('duckdb');
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
});

afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
});

const literal = (value: string | null) => value === null ? 'NULL' : d.str(value);

/** `expr` (over `src.c`, a column of `type`) for each cell, as JavaScript values (timestamps as ISO text in UTC). */
async function evaluate(cells: (string | null)[], expr: string, type = 'VARCHAR'): Promise<unknown[]> {
    const rows = cells.map((cell, i) => `(${i}, CAST(${literal(cell)} AS ${type}))`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT (${expr}) AS v FROM (VALUES ${rows}) AS src(i, c) ORDER BY i`);
    return reader.getRowObjectsJS().map(row => {
        const v = row.v as unknown;
        return v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v;
    });
}

const binding = (field: string, extra: Partial<FieldBinding> = {}): FieldBinding => ({ field, column: 'c', trim: true, ...extra });
const at = (iso: string) => new Date(iso).toISOString();

describe('dates and times', () => {
    it('reads ISO and day-first dates, with or without a time, and rejects the days a month lacks', async () => {
        const cells = ['2026-03-28 12:00', '2026-03-28T12:00:30', '2026-03-28', '28/03/2026 12:00', '28/03/2026 12:00:30', '28/03/2026', ' 05/01/2026 ',
            '31/04/2026', '30/02/2028', '29/02/2027', '29/02/2028', '31/04/2026 10:00', '2026-04-31', '32/01/2026', '28/13/2026', 'demain', '', null];
        expect(await evaluate(cells, parsedExpr(d, binding('timestamp'), 'UTC'))).toEqual([
            at('2026-03-28T12:00:00Z'), at('2026-03-28T12:00:30Z'), at('2026-03-28T00:00:00Z'), at('2026-03-28T12:00:00Z'), at('2026-03-28T12:00:30Z'), at('2026-03-28T00:00:00Z'), at('2026-01-05T00:00:00Z'),
            null, null, null, at('2028-02-29T00:00:00Z'), null, null, null, null, null, null, null
        ]);
    });

    it('reads a time with an offset as an instant, whatever the source’s time zone', async () => {
        const cells = ['2026-03-28T12:00:00+01:00', '2026-03-28 12:00Z', '2026-03-28T12:00:00.5 -0500', '2026-03-29T11:30:00+02:00', '2026-03-28T12:00:00+01'];
        const expected = [at('2026-03-28T11:00:00Z'), at('2026-03-28T12:00:00Z'), at('2026-03-28T17:00:00.500Z'), at('2026-03-29T09:30:00Z'), at('2026-03-28T11:00:00Z')];
        expect(await evaluate(cells, parsedExpr(d, binding('timestamp'), 'UTC'))).toEqual(expected);
        expect(await evaluate(cells, parsedExpr(d, binding('timestamp'), 'Europe/Paris'))).toEqual(expected);
    });

    it('reads a time without an offset in the source’s time zone, a skipped wall time with the offset before the change', async () => {
        const cells = ['28/03/2026 12:00', '2026-07-01 00:30', '29/03/2026 02:30', '25/10/2026 02:30', '2026-07-01'];
        expect(await evaluate(cells, parsedExpr(d, binding('timestamp'), 'Europe/Paris'))).toEqual([
            at('2026-03-28T11:00:00Z'), at('2026-06-30T22:30:00Z'), at('2026-03-29T01:30:00Z'), at('2026-10-25T01:30:00Z'), at('2026-06-30T22:00:00Z')
        ]);
    });

    it('takes typed columns as they are: a timestamp with time zone is an instant, a plain one or a date a wall time', async () => {
        expect(await evaluate(['2026-03-28 12:00:00+01'], parsedExpr(d, binding('timestamp', { type: 'TIMESTAMP WITH TIME ZONE' }), 'Europe/Paris'), 'TIMESTAMPTZ')).toEqual([at('2026-03-28T11:00:00Z')]);
        expect(await evaluate(['2026-03-28 12:00:00'], parsedExpr(d, binding('timestamp', { type: 'TIMESTAMP' }), 'Europe/Paris'), 'TIMESTAMP')).toEqual([at('2026-03-28T11:00:00Z')]);
        expect(await evaluate(['2026-03-28 12:00:00'], parsedExpr(d, binding('timestamp', { type: 'TIMESTAMP_NS' }), 'UTC'), 'TIMESTAMP_NS')).toEqual([at('2026-03-28T12:00:00Z')]);
        expect(await evaluate(['2026-07-01'], parsedExpr(d, binding('date', { type: 'DATE' }), 'Europe/Paris'), 'DATE')).toEqual([at('2026-06-30T22:00:00Z')]);
    });
});

describe('numbers', () => {
    it('reads decimal commas, spaces around, yes/no answers in English and French, and nothing else', async () => {
        const cells = ['7,5', ' 8 ', '-3', '1e2', 'oui', 'NON', 'Yes', 'no', 'true', 'FALSE', 'abc', '', '7,5,1', null];
        expect(await evaluate(cells, parsedExpr(d, binding('score'), 'UTC'))).toEqual([7.5, 8, -3, 100, 1, 0, 1, 0, 1, 0, null, null, null, null]);
    });

    it('takes numeric and boolean columns as they are', async () => {
        expect(await evaluate(['9', '10'], parsedExpr(d, binding('score', { type: 'BIGINT' }), 'UTC'), 'BIGINT')).toEqual([9, 10]);
        expect(await evaluate(['4.5'], parsedExpr(d, binding('score', { type: 'DECIMAL(4,1)' }), 'UTC'), 'DECIMAL(4,1)')).toEqual([4.5]);
        expect(await evaluate(['true', 'false'], parsedExpr(d, binding('satisfied', { type: 'BOOLEAN' }), 'UTC'), 'BOOLEAN')).toEqual([1, 0]);
    });
});

describe('text', () => {
    it('trims CSV cells, keeps typed text as it is, and takes an empty cell as no value', async () => {
        expect(await evaluate([' Web ', '', '   ', null], parsedExpr(d, binding('channel'), 'UTC'))).toEqual(['Web', null, null, null]);
        expect(await evaluate([' Web '], parsedExpr(d, binding('channel', { trim: false, type: 'VARCHAR' }), 'UTC'))).toEqual([' Web ']);
        expect(await evaluate(['12'], rawText(d, binding('case', { trim: false, type: 'BIGINT' })), 'BIGINT')).toEqual(['12']);
    });

    it('says a cell is empty when it is NULL, or empty text in a text or JSON column; a typed cell only when NULL', async () => {
        expect(await evaluate(['', 'x', null, ' '], emptyExpr(d, binding('case')))).toEqual([true, false, true, true]);
        expect(await evaluate(['', 'x', null], emptyExpr(d, binding('case', { type: 'VARCHAR', trim: false })))).toEqual([true, false, true]);
        expect(await evaluate(['""', null], emptyExpr(d, binding('case', { type: 'JSON', trim: false })), 'JSON')).toEqual([false, true]);
        expect(await evaluate(['0', null], emptyExpr(d, binding('score', { type: 'BIGINT' })), 'BIGINT')).toEqual([false, true]);
    });
});

describe('why a row is rejected', () => {
    const survey = { id: 'Avis', format: 'survey', columns: {}, events: {} } as unknown as SourceModel;

    it('one check per required field left empty and per value that does not parse; optional fields only when they do not parse', async () => {
        const bindings = [binding('respondent'), binding('score'), binding('date'), binding('channel')];
        const checks = rowChecks(survey, bindings, d);
        expect(checks.map(c => [c.code, c.field, c.rejects])).toEqual([
            ['missing-value', 'respondent', true], ['missing-value', 'score', true], ['unparsable-number', 'score', true],
            ['missing-value', 'date', true], ['unparsable-date', 'date', true]
        ]);
        const byCode = (code: string, field: string) => checks.find(c => c.code === code && c.field === field)!.condition;
        expect(await evaluate(['', '12', 'abc', ' '], byCode('missing-value', 'score'))).toEqual([true, false, false, true]);
        expect(await evaluate(['', '12', 'abc', '7,5'], byCode('unparsable-number', 'score'))).toEqual([false, false, true, false]);
        expect(await evaluate(['', '2026-03-02', '31/04/2026', '02/03/2026'], byCode('unparsable-date', 'date'))).toEqual([false, false, true, false]);
        // Without a date column, the survey's date is not required.
        expect(rowChecks(survey, [binding('respondent'), binding('score')], d).map(c => c.field)).toEqual(['respondent', 'score', 'score']);
    });

    it('checks an events source’s time in its time zone', async () => {
        const events = { id: 'E', format: 'events', columns: {}, events: {}, timezone: 'Europe/Paris' } as unknown as SourceModel;
        const checks = rowChecks(events, [binding('case'), binding('event'), binding('timestamp'), binding('persona')], d);
        expect(checks.map(c => `${c.code} ${c.field}`)).toEqual(['missing-value case', 'missing-value event', 'missing-value timestamp', 'unparsable-date timestamp']);
        expect(await evaluate(['29/03/2026 02:30', '30/02/2026 10:00'], checks[3].condition)).toEqual([false, true]);
    });
});
