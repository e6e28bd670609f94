/**
 * The SQL that `journey sql` writes for BigQuery, Snowflake and Trino, warehouses that cannot
 * run here, checked with sqlglot (Debian's python3-sqlglot 10.6, a SQL parser and transpiler
 * that knows the three dialects; installed by scripts/setup/ensure-sqlglot.sh):
 * 1. sqlglot parses each statement in its dialect and raises on any error (a wrong quote, an
 *    unknown type such as TIMESTAMP_NTZ in Trino, a string escape the dialect does not have…);
 * 2. the parsed statement is transpiled to DuckDB (sqlglot-transpile.py) and run on the same
 *    tables as the DuckDB dialect's statement: the rows (period, segment, counts) and the values
 *    must be the same (approximate percentiles: the nearest-rank percentile). The vendor functions sqlglot does not translate are DuckDB macros below,
 *    each written from that vendor's documentation: a function the SQL uses that is neither
 *    translated nor defined here (a misspelt name, a wrong number of arguments) fails the test.
 * What this cannot see: a vendor function whose real behaviour differs from its documentation
 * as the macros read it, and the warehouse's own typing rules (Trino, for one, keeps the scale
 * of a decimal literal through a division: `100.0 * 2 / 3` is 66.7 there, 66.66… on DuckDB;
 * kpi-sql.ts divides percentages by a double for that reason, which no test here can confirm).
 * Parser limits of sqlglot 10.6, found while writing this test: it reads any function name as
 * a call (hence the macros), accepts most type names in every dialect (STRING passes in
 * Trino), and knows no Snowflake backslash escape but \\ and \'.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceModel } from '../../src/language/model/journey-model.js';
import { dialect } from '../../src/metrics/sql-dialect.js';
import { fileKind, parsedExpr, readFunction, resolveColumns } from '../../src/metrics/source-input.js';
import { localColumns, warehouseQueries, type WarehouseQuery } from '../../src/metrics/warehouse-sql.js';
import { buildWorkspace, loadWorkspace } from '../../src/node/journey-workspace.js';
import { removeWorkspace, tempWorkspace } from './metrics-helpers.js';

const root = path.resolve(__dirname, '../..');
const PYTHON = '/usr/bin/python3'; // Debian's Python, which sees Debian's python3-sqlglot
const TRANSPILER = path.join(__dirname, 'sqlglot-transpile.py');
const WAREHOUSES = ['bigquery', 'snowflake', 'trino'] as const;
type Warehouse = typeof WAREHOUSES[number];

interface Checked { ok: boolean; duckdb?: string; error?: string }

/** Parses each statement with sqlglot in its dialect; the DuckDB text when it parses. */
function sqlglot(items: Array<{ sql: string; dialect: Warehouse }>): Checked[] {
    const run = spawnSync(PYTHON, [TRANSPILER], { input: JSON.stringify(items), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`sqlglot-transpile.py failed (run scripts/setup/ensure-sqlglot.sh): ${run.stderr || run.error}`);
    return JSON.parse(run.stdout) as Checked[];
}

/**
 * The vendor functions that sqlglot 10.6 leaves as they are, as DuckDB macros. Names
 * `<dialect>_<function>` are functions sqlglot does not know (sqlglot-transpile.py prefixes
 * them); DATETIME_DIFF is known to sqlglot but written unchanged for DuckDB.
 */
const VENDOR_FUNCTIONS = [
    // BigQuery FORMAT_DATETIME(format, datetime): %Y %m %d %G %V as strftime; %Q is the quarter (1-4).
    `CREATE MACRO bigquery_format_datetime(fmt, ts) AS replace(strftime(ts, replace(fmt, '%Q', '{Q}')), '{Q}', CAST(quarter(ts) AS VARCHAR))`,
    // BigQuery DATE(datetime): the date part.
    `CREATE MACRO bigquery_date(ts) AS CAST(ts AS DATE)`,
    // BigQuery DATETIME_DIFF(a, b, part): whole parts from b to a.
    `CREATE MACRO datetime_diff(a, b, part) AS date_diff(part, b, a)`,
    // BigQuery APPROX_QUANTILES(x, n): the n + 1 approximate quantile boundaries, minimum first and
    // maximum last; here exact (nearest rank, DuckDB's quantile_disc).
    `CREATE MACRO bigquery_approx_quantiles(x, n) AS quantile_disc(x, [i / n for i in range(0, n + 1)])`,
    // Snowflake TO_CHAR(timestamp, format) with the format elements YYYY, MM, DD.
    `CREATE MACRO snowflake_to_char(ts, fmt) AS strftime(ts, replace(replace(replace(fmt, 'YYYY', '%Y'), 'MM', '%m'), 'DD', '%d'))`,
    // Snowflake YEAROFWEEKISO and WEEKISO: ISO-8601 week-numbering year and week.
    `CREATE MACRO snowflake_yearofweekiso(ts) AS isoyear(ts)`,
    `CREATE MACRO snowflake_weekiso(ts) AS week(ts)`,
    `CREATE MACRO snowflake_lpad(s, n, fill) AS lpad(s, n, fill)`,
    `CREATE MACRO snowflake_quarter(ts) AS quarter(ts)`,
    // Snowflake DATEDIFF(part, a, b): part boundaries crossed from a to b.
    `CREATE MACRO snowflake_datediff(part, a, b) AS date_diff(part, a, b)`,
    // Trino format(format, args…): Java's String.format, here printf (same %d and %02d).
    `CREATE MACRO trino_format(fmt, a) AS printf(fmt, a), (fmt, a, b) AS printf(fmt, a, b)`,
    // Trino format_datetime(timestamp, format): Joda-Time patterns yyyy, MM, dd.
    `CREATE MACRO trino_format_datetime(ts, fmt) AS strftime(ts, replace(replace(replace(fmt, 'yyyy', '%Y'), 'MM', '%m'), 'dd', '%d'))`,
    // Trino year_of_week(timestamp): the ISO week-numbering year.
    `CREATE MACRO trino_year_of_week(ts) AS isoyear(ts)`,
    `CREATE MACRO trino_quarter(ts) AS quarter(ts)`,
    // Trino approx_percentile(x, fraction): approximate; here exact (nearest rank, as BigQuery's).
    `CREATE MACRO trino_approx_percentile(x, fraction) AS quantile_disc(x, fraction)`
];

/** Dialects whose percentiles are approximate aggregates (their `approximatePercentiles`), not interpolated. */
const APPROXIMATE: ReadonlySet<Warehouse> = new Set(WAREHOUSES.filter(w => dialect(w).approximatePercentiles));

type Row = Record<string, unknown>;

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Row[]> {
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
    const key = (r: Row) => `${r.period}|${r.segment ?? ''}`;
    return rows.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])))
        .sort((a, b) => key(a).localeCompare(key(b)));
}

/** The same rows: every column equal, `value` and `sd` within 1e-9 (relative: sums in another order differ in the last bits). */
function expectSameRows(actual: Row[], wanted: Row[], label: string): void {
    const strip = (rows: Row[]) => rows.map(({ value, sd, ...rest }) => ({ ...rest, sd: sd === null || sd === undefined ? sd : 'number' }));
    expect(strip(actual), label).toEqual(strip(wanted));
    actual.forEach((row, i) => {
        for (const column of ['value', 'sd']) {
            const a = row[column] as number | null | undefined;
            const w = wanted[i][column] as number | null | undefined;
            if (w === null || a === null || w === undefined || a === undefined) {
                expect(a, `${label} ${column} ${row.period} ${row.segment ?? ''}`).toBe(w);
                continue;
            }
            expect(Math.abs(a - w), `${label} ${column} ${row.period} ${row.segment ?? ''}: ${a} vs ${w}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(w)));
        }
    });
}

let duck: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
    duck = await DuckDBInstance.create(':memory:');
    connection = await duck.connect();
    for (const macro of VENDOR_FUNCTIONS) await connection.run(macro);
});

afterAll(() => {
    connection?.closeSync();
    duck?.closeSync();
});

/**
 * For every KPI with SQL: the DuckDB dialect's statement is run as the reference, then each
 * warehouse's statement is parsed by sqlglot, transpiled and run on the same tables.
 */
async function checkWarehouses(model: WorkspaceModel, options: Parameters<typeof warehouseQueries>[2], percentileKpis: ReadonlySet<string>): Promise<number> {
    const reference = warehouseQueries(model, 'duckdb', options);
    expect(reference.filter(q => q.error)).toEqual([]);
    const perDialect = Object.fromEntries(WAREHOUSES.map(w => [w, warehouseQueries(model, w, options)])) as Record<Warehouse, WarehouseQuery[]>;
    const items = WAREHOUSES.flatMap(w => perDialect[w].map(q => ({ sql: q.sql ?? '', dialect: w, kpi: `${q.journey ?? ''}.${q.kpi}` })));
    const checked = sqlglot(items.map(({ sql, dialect }) => ({ sql, dialect })));
    // Every statement parses in its own dialect: report all failures at once.
    const rejected = items.map((item, i) => ({ ...item, ...checked[i] })).filter(c => !c.ok).map(c => `${c.dialect} ${c.kpi}: ${c.error}`);
    expect(rejected).toEqual([]);
    let compared = 0;
    for (const [i, query] of reference.entries()) {
        const wanted = await rowsOf(connection, query.sql!);
        expect(wanted.length, `${query.kpi} has rows on DuckDB`).toBeGreaterThan(0);
        // Approximate percentiles against the nearest-rank percentile (DuckDB's quantile_disc),
        // which the BigQuery and Trino macros compute.
        const nearestRank = percentileKpis.has(query.kpi)
            ? await rowsOf(connection, query.sql!.replace(/percentile_cont\(([\d.]+)\) WITHIN GROUP \(ORDER BY (\w+)\)/g, 'quantile_disc($2, $1)'))
            : wanted;
        for (const [w, warehouse] of WAREHOUSES.entries()) {
            const label = `${warehouse} ${query.journey ?? ''}.${query.kpi}`;
            const index = w * reference.length + i;
            expect(items[index].kpi, label).toBe(`${query.journey ?? ''}.${query.kpi}`);
            let actual: Row[];
            try {
                actual = await rowsOf(connection, checked[index].duckdb!);
            } catch (error) {
                throw new Error(`${label}: the statement transpiled to DuckDB does not run: ${(error as Error).message}\n${checked[index].duckdb}`);
            }
            expectSameRows(actual, APPROXIMATE.has(warehouse) ? nearestRank : wanted, label);
            compared++;
        }
    }
    return compared;
}

// ------------------------------------------------------------------ hand-built KPIs

/** Every kind of event and survey KPI, at every frequency, with quotes and backslashes in an event value. */
const JOURNEY = `
source Journal events "data/journal.csv" {
  column case "dossier"
  column event "evenement"
  column timestamp "horodatage"
  column channel "canal"
  event "START" is Start
  event "MID" is Middle
  event "END \\\\'o'clock \\\\ done" is End
}
source Avis survey "data/avis.csv" { column channel "canal" column touchpoint "point" }
journey J {
  stage Debut { touchpoint Start touchpoint Middle }
  stage Fin { touchpoint End }
  kpi ShareJ1 { measures share(End within J+1 of Start) frequency daily data Journal }
  kpi ShareBusiness { measures share(End within 2 business days of Start) data Journal }
  kpi Share36h { measures share(End within 36 h of Start) frequency quarterly data Journal }
  kpi Median { measures duration(Start to End) median frequency yearly data Journal }
  kpi P90 { measures duration(Start to End) p90 data Journal }
  kpi Mean { measures duration(Start to End) mean unit days frequency weekly data Journal }
  kpi Conversion { measures conversion(Debut to Fin) frequency weekly data Journal }
  kpi Abandon { measures abandonment(Start to End) data Journal }
  kpi Ends { measures count(End) per channel frequency daily data Journal }
  kpi Events { measures count frequency yearly data Journal }
  kpi Resolution { measures resolution unit hours data Journal }
  kpi Nps { measures nps frequency quarterly data Avis }
  kpi Csat { measures csat scope touchpoint End data Avis }
  kpi Ces { measures ces frequency weekly data Avis }
  kpi Loyalty { measures loyalty frequency yearly data Avis }
}`;

const PERCENTILE_KPIS = new Set(['Median', 'P90']);

/** A small deterministic generator (no Math.random: failures must be reproducible). */
function generator(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state / 2_147_483_648;
    };
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const quote = (v: string | null) => v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`;

describe('hand-built KPIs of every kind and frequency', () => {
    let workspace: string;
    let model: WorkspaceModel;

    beforeAll(async () => {
        workspace = tempWorkspace({ 'j.journey': JOURNEY });
        const built = await buildWorkspace([{ path: 'j.journey', text: JOURNEY }], workspace);
        expect(built.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        model = built.model;
        // Events over 14 months across a year end (ISO weeks of 2026-W53 and 2027-W01), and answers.
        // The end event's value as the journey file gives it, \'o'clock \ (quotes and backslashes: string escapes).
        const endValue = Object.entries(model.sources.find(s => s.id === 'Journal')!.events).find(([, t]) => t === 'End')![0];
        expect(endValue).toMatch(/\\'.*'.*\\/);
        const random = generator(20261123);
        const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
        const channels = ['Web', 'Agence', "Courrier d'été", null];
        const base = Date.UTC(2026, 0, 1);
        const events: string[] = [];
        for (let c = 1; c <= 300; c++) {
            const start = base + Math.floor(random() * 420 * 24 * 6) * 600_000;
            const channel = pick(channels);
            if (random() < 0.9) events.push(`('C${c}', 'START', TIMESTAMP '${stamp(start)}', ${quote(channel)})`);
            if (random() < 0.5) events.push(`('C${c}', 'MID', TIMESTAMP '${stamp(start + Math.floor(random() * 24) * 3_600_000)}', ${quote(channel)})`);
            if (random() < 0.8) {
                const end = start + Math.floor((random() - 0.1) * 5 * 24 * 6) * 600_000;
                events.push(`('C${c}', ${quote(endValue)}, TIMESTAMP '${stamp(end)}', ${quote(pick(channels))})`);
            }
        }
        const answers: string[] = [];
        for (let a = 1; a <= 400; a++) {
            const day = base + Math.floor(random() * 420) * 86_400_000;
            answers.push(`('R${a}', ${Math.floor(random() * 11)}, TIMESTAMP '${stamp(day)}', ${quote(pick(channels))}, ${quote(pick(['End', 'Start', null]))})`);
        }
        for (const statement of [
            'CREATE TABLE "Journal" (dossier VARCHAR, evenement VARCHAR, horodatage TIMESTAMP, canal VARCHAR)',
            'CREATE TABLE "Avis" (respondent VARCHAR, score DOUBLE, date TIMESTAMP, canal VARCHAR, point VARCHAR)',
            `INSERT INTO "Journal" VALUES ${events.join(', ')}`,
            `INSERT INTO "Avis" VALUES ${answers.join(', ')}`
        ]) await connection.run(statement);
    });

    afterAll(async () => {
        if (workspace) removeWorkspace(workspace);
        await connection?.run('DROP TABLE IF EXISTS "Journal"; DROP TABLE IF EXISTS "Avis"');
    });

    it('parse in each dialect, and transpiled to DuckDB give the DuckDB dialect\'s rows and values', async () => {
        const columns = {
            Journal: ['dossier', 'evenement', 'horodatage', 'canal'].map(name => ({ name, type: 'VARCHAR' })),
            Avis: ['respondent', 'score', 'date', 'canal', 'point'].map(name => ({ name, type: 'VARCHAR' }))
        };
        const compared = await checkWarehouses(model, { columns }, PERCENTILE_KPIS);
        expect(compared).toBe(15 * WAREHOUSES.length);
    }, 120_000);

    it('fails on a statement that a dialect cannot read or that does not compute the same thing', async () => {
        const query = warehouseQueries(model, 'trino', { only: ['ShareJ1'] })[0].sql!;
        const [backticks, misspelt, unknownType] = sqlglot([
            { sql: query.replace(/"dossier"/g, '`dossier`'), dialect: 'trino' },
            { sql: query.replace('date_diff(', 'date_dif('), dialect: 'trino' },
            { sql: query.replace(/TIMESTAMP\(3\)/g, 'TIMESTAMP_NTZ'), dialect: 'trino' }
        ]);
        expect(backticks.ok).toBe(false);
        expect(unknownType.ok).toBe(false);
        // A misspelt function parses (any name is a function call) but no DuckDB macro defines it.
        expect(misspelt.ok).toBe(true);
        await expect(rowsOf(connection, misspelt.duckdb!)).rejects.toThrow(/trino_date_dif/i);
    });
});

// ------------------------------------------------------------------ the examples

describe.each(['mutuelle-sante', 'ecommerce', 'maison-neuve'])('the %s example', name => {
    it('every KPI parses in each dialect, and transpiled to DuckDB gives the DuckDB dialect\'s rows and values on its data files', async () => {
        const loaded = await loadWorkspace([`examples/${name}`], { cwd: root });
        const model = loaded.model;
        const columns = await localColumns(model, root);
        // Each source's data file as a table of the same name, as a warehouse would hold it once
        // loaded: the mapped columns typed (French decimals and dates read as \`journey metrics\` reads them).
        const duckdb = dialect('duckdb');
        const tables: string[] = [];
        for (const source of model.sources) {
            const file = path.resolve(root, path.dirname(source.file), source.path);
            const kind = fileKind(file);
            if (!kind || !existsSync(file) || !columns[source.id]) continue;
            const { bindings } = resolveColumns(source, columns[source.id]);
            const select = bindings.map(b => `${parsedExpr(duckdb, b, "UTC")} AS ${duckdb.id(b.column)}`).join(', ');
            await connection.run(`CREATE OR REPLACE TABLE ${duckdb.id(source.id)} AS SELECT ${select} FROM ${readFunction(kind, file)} AS src`);
            tables.push(source.id);
        }
        try {
            const percentiles = new Set(model.journeys.flatMap(j => j.kpis).concat(model.kpis)
                .filter(k => k.measure?.kind === 'duration' && k.measure.statistic !== 'mean').map(k => k.id));
            const compared = await checkWarehouses(model, { columns }, percentiles);
            expect(compared).toBeGreaterThanOrEqual(3 * WAREHOUSES.length);
        } finally {
            for (const table of tables) await connection.run(`DROP TABLE ${duckdb.id(table)}`);
        }
    }, 120_000);
});
