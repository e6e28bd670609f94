/**
 * The few SQL spellings that differ between engines. The KPI compiler writes portable SQL and
 * asks the dialect for dates, periods, percentiles and quoting. DuckDB and PostgreSQL are
 * tested by running the SQL; BigQuery, Snowflake and Trino follow their documentation, and
 * test/metrics/warehouse-dialects.test.ts parses their SQL with sqlglot and runs it, transpiled,
 * on DuckDB (their functions emulated from that documentation).
 */
import type { Frequency } from '../language/model/periods.js';

export type DialectName = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'trino';
export const DIALECTS: readonly DialectName[] = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'trino'];


export interface Dialect {
    name: DialectName;
    /** A quoted identifier. */
    id(name: string): string;
    /** A string literal. */
    str(value: string): string;
    /** The type of text columns. */
    text: string;
    /** The type of floating-point numbers. */
    double: string;
    /** The type of timestamps without time zone. */
    timestamp: string;
    /** The period a timestamp falls in, as text: `2026-03`, `2026-W12`, `2026-Q1`, `2026-03-15`, `2026`. */
    period(ts: string, frequency: Frequency): string;
    /** Whole calendar days from the date of `start` to the date of `end`. */
    dayDiff(start: string, end: string): string;
    /** Days from 1900-01-01 (a Monday) to the date of `ts`. */
    dayNumber(ts: string): string;
    /** Seconds from `start` to `end`, as a floating-point number. */
    secondsDiff(start: string, end: string): string;
    /** An aggregate: the continuous percentile `fraction` of `expr` within the group. */
    percentile(expr: string, fraction: number): string;
    /** Approximate percentiles (noted in the SQL, message `sql.approximate-percentiles`) where exact ones are not an aggregate. */
    approximatePercentiles?: { engine: string; function: string };
    /** The wall time in `zone` of `ts`, a timestamp without time zone holding a UTC instant. */
    local(ts: string, zone: string): string;
    /** The UTC instant (a timestamp without time zone) of `ts`, a wall time in `zone`; DST gaps and overlaps as PostgreSQL resolves them. */
    utcOfLocal(ts: string, zone: string): string;
    /** The UTC instant (a timestamp without time zone) of `ts`, a timestamp with time zone. */
    utcOfInstant(ts: string): string;
}

const quoteId = (quote: string) => (name: string) => quote + name.split(quote).join(quote + quote) + quote;
const sqlString = (value: string) => `'${value.split("'").join("''")}'`;

const bigqueryString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const pad2 = (expr: string) => `LPAD(CAST(${expr} AS VARCHAR), 2, '0')`;

const duckdb: Dialect = {
    name: 'duckdb',
    id: quoteId('"'),
    str: sqlString,
    text: 'VARCHAR',
    double: 'DOUBLE',
    timestamp: 'TIMESTAMP',
    period(ts, frequency) {
        switch (frequency) {
            case 'daily': return `strftime(${ts}, '%Y-%m-%d')`;
            case 'weekly': return `strftime(${ts}, '%G-W%V')`;
            case 'monthly': return `strftime(${ts}, '%Y-%m')`;
            case 'quarterly': return `(CAST(year(${ts}) AS VARCHAR) || '-Q' || CAST(quarter(${ts}) AS VARCHAR))`;
            case 'yearly': return `CAST(year(${ts}) AS VARCHAR)`;
        }
    },
    dayDiff: (start, end) => `(CAST(${end} AS DATE) - CAST(${start} AS DATE))`,
    dayNumber: ts => `(CAST(${ts} AS DATE) - DATE '1900-01-01')`,
    secondsDiff: (start, end) => `(epoch(${end}) - epoch(${start}))`,
    percentile: (expr, fraction) => `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${expr})`,
    // timezone(zone, timestamp) reads a wall time in zone; timezone(zone, timestamptz) gives the wall time
    // in zone: neither depends on the session's TimeZone (the machine's by default).
    local: (ts, zone) => `timezone(${sqlString(zone)}, timezone('UTC', ${ts}))`,
    utcOfLocal: (ts, zone) => `timezone('UTC', timezone(${sqlString(zone)}, ${ts}))`,
    utcOfInstant: ts => `timezone('UTC', ${ts})`
};

const postgres: Dialect = {
    name: 'postgres',
    id: quoteId('"'),
    str: sqlString,
    text: 'TEXT',
    double: 'DOUBLE PRECISION',
    timestamp: 'TIMESTAMP',
    period(ts, frequency) {
        switch (frequency) {
            case 'daily': return `to_char(${ts}, 'YYYY-MM-DD')`;
            case 'weekly': return `to_char(${ts}, 'IYYY-"W"IW')`;
            case 'monthly': return `to_char(${ts}, 'YYYY-MM')`;
            case 'quarterly': return `to_char(${ts}, 'YYYY-"Q"Q')`;
            case 'yearly': return `to_char(${ts}, 'YYYY')`;
        }
    },
    dayDiff: (start, end) => `(CAST(${end} AS DATE) - CAST(${start} AS DATE))`,
    dayNumber: ts => `(CAST(${ts} AS DATE) - DATE '1900-01-01')`,
    secondsDiff: (start, end) => `CAST(EXTRACT(EPOCH FROM (${end} - ${start})) AS DOUBLE PRECISION)`,
    percentile: (expr, fraction) => `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${expr})`,
    local: (ts, zone) => `((${ts}) AT TIME ZONE 'UTC' AT TIME ZONE ${sqlString(zone)})`,
    utcOfLocal: (ts, zone) => `((${ts}) AT TIME ZONE ${sqlString(zone)} AT TIME ZONE 'UTC')`,
    utcOfInstant: ts => `((${ts}) AT TIME ZONE 'UTC')`
};

const bigquery: Dialect = {
    name: 'bigquery',
    id: quoteId('`'),
    str: bigqueryString,
    text: 'STRING',
    double: 'FLOAT64',
    timestamp: 'DATETIME',
    period(ts, frequency) {
        switch (frequency) {
            case 'daily': return `FORMAT_DATETIME('%Y-%m-%d', ${ts})`;
            case 'weekly': return `FORMAT_DATETIME('%G-W%V', ${ts})`;
            case 'monthly': return `FORMAT_DATETIME('%Y-%m', ${ts})`;
            case 'quarterly': return `FORMAT_DATETIME('%Y-Q%Q', ${ts})`;
            case 'yearly': return `FORMAT_DATETIME('%Y', ${ts})`;
        }
    },
    dayDiff: (start, end) => `DATE_DIFF(DATE(${end}), DATE(${start}), DAY)`,
    dayNumber: ts => `DATE_DIFF(DATE(${ts}), DATE '1900-01-01', DAY)`,
    secondsDiff: (start, end) => `CAST(DATETIME_DIFF(${end}, ${start}, MICROSECOND) AS FLOAT64) / 1e6`,
    // Exact percentiles are only an analytic function in BigQuery; APPROX_QUANTILES is an aggregate.
    percentile: (expr, fraction) => `APPROX_QUANTILES(${expr}, 100)[OFFSET(${Math.round(fraction * 100)})]`,
    approximatePercentiles: { engine: 'BigQuery', function: 'APPROX_QUANTILES' },
    local: (ts, zone) => `DATETIME(TIMESTAMP(${ts}), ${bigqueryString(zone)})`,
    utcOfLocal: (ts, zone) => `DATETIME(TIMESTAMP(${ts}, ${bigqueryString(zone)}))`,
    utcOfInstant: ts => `DATETIME(${ts})`
};

const snowflake: Dialect = {
    name: 'snowflake',
    id: quoteId('"'),
    str: value => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
    text: 'VARCHAR',
    double: 'DOUBLE',
    timestamp: 'TIMESTAMP_NTZ',
    period(ts, frequency) {
        switch (frequency) {
            case 'daily': return `TO_CHAR(${ts}, 'YYYY-MM-DD')`;
            case 'weekly': return `(CAST(YEAROFWEEKISO(${ts}) AS VARCHAR) || '-W' || ${pad2(`WEEKISO(${ts})`)})`;
            case 'monthly': return `TO_CHAR(${ts}, 'YYYY-MM')`;
            case 'quarterly': return `(CAST(YEAR(${ts}) AS VARCHAR) || '-Q' || CAST(QUARTER(${ts}) AS VARCHAR))`;
            case 'yearly': return `CAST(YEAR(${ts}) AS VARCHAR)`;
        }
    },
    dayDiff: (start, end) => `DATEDIFF(day, CAST(${start} AS DATE), CAST(${end} AS DATE))`,
    dayNumber: ts => `DATEDIFF(day, DATE '1900-01-01', CAST(${ts} AS DATE))`,
    secondsDiff: (start, end) => `CAST(DATEDIFF(microsecond, ${start}, ${end}) AS DOUBLE) / 1e6`,
    percentile: (expr, fraction) => `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${expr})`,
    local: (ts, zone) => `CONVERT_TIMEZONE('UTC', ${sqlString(zone)}, ${ts})`,
    utcOfLocal: (ts, zone) => `CONVERT_TIMEZONE(${sqlString(zone)}, 'UTC', ${ts})`,
    utcOfInstant: ts => `CAST(CONVERT_TIMEZONE('UTC', ${ts}) AS TIMESTAMP_NTZ)`
};

const trino: Dialect = {
    name: 'trino',
    id: quoteId('"'),
    str: sqlString,
    text: 'VARCHAR',
    double: 'DOUBLE',
    timestamp: 'TIMESTAMP(3)',
    period(ts, frequency) {
        switch (frequency) {
            case 'daily': return `format_datetime(${ts}, 'yyyy-MM-dd')`;
            case 'weekly': return `format('%d-W%02d', year_of_week(${ts}), week(${ts}))`;
            case 'monthly': return `format_datetime(${ts}, 'yyyy-MM')`;
            case 'quarterly': return `format('%d-Q%d', year(${ts}), quarter(${ts}))`;
            case 'yearly': return `format('%d', year(${ts}))`;
        }
    },
    dayDiff: (start, end) => `date_diff('day', CAST(${start} AS DATE), CAST(${end} AS DATE))`,
    dayNumber: ts => `date_diff('day', DATE '1900-01-01', CAST(${ts} AS DATE))`,
    secondsDiff: (start, end) => `CAST(date_diff('millisecond', ${start}, ${end}) AS DOUBLE) / 1e3`,
    percentile: (expr, fraction) => `approx_percentile(${expr}, ${fraction})`,
    approximatePercentiles: { engine: 'Trino', function: 'approx_percentile' },
    local: (ts, zone) => `CAST(with_timezone(${ts}, 'UTC') AT TIME ZONE ${sqlString(zone)} AS TIMESTAMP(3))`,
    utcOfLocal: (ts, zone) => `CAST(with_timezone(${ts}, ${sqlString(zone)}) AT TIME ZONE 'UTC' AS TIMESTAMP(3))`,
    utcOfInstant: ts => `CAST(${ts} AT TIME ZONE 'UTC' AS TIMESTAMP(3))`
};

const ALL: Record<DialectName, Dialect> = { duckdb, postgres, bigquery, snowflake, trino };

export function dialect(name: DialectName): Dialect {
    return ALL[name];
}
