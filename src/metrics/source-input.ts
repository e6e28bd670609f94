/**
 * The input relation of a KPI query: a source's columns renamed to the standard fields,
 * typed, and event values mapped to touchpoints. Two flavours of the same projection:
 * - warehouse: a table, plain casts (`journey sql`);
 * - file: a CSV, JSON-lines or Parquet file read by DuckDB, with tolerant parsing (French
 *   decimals, `dd/mm/yyyy` dates) and rows that do not parse left out (and counted).
 */
import type { SourceModel } from '../language/model/journey-model.js';
import { DEFAULT_TIME_ZONE, ORDER_FIELD, SOURCE_FIELDS, acceptsOwnFields, timeZoneOf } from '../language/model/source-fields.js';
import { FIELD_COLUMNS, fieldColumn, type FieldType, type InputRelation } from './kpi-sql.js';
import type { Dialect } from './sql-dialect.js';

export const INPUT_NAME = 'input_rows';

/** A standard field and the column that holds it, with the column's DuckDB type when known. */
export interface FieldBinding {
    field: string;
    column: string;
    type?: string;
    /** CSV cells: trim spaces before reading the value. */
    trim?: boolean;
}

export interface ColumnInfo {
    name: string;
    type: string;
}

export interface ResolvedColumns {
    bindings: FieldBinding[];
    /** Required fields with no column, and mapped columns the file does not have. */
    missing: Array<{ field: string; column: string; mapped: boolean }>;
}

/**
 * Matches a source's fields with the columns available (from the file's header, or unknown
 * for a warehouse table): a `column` mapping wins; otherwise a column named like the field
 * (case-insensitive) is used. Unknown columns: required and mapped fields are assumed present.
 */
export function resolveColumns(source: SourceModel, available?: ColumnInfo[]): ResolvedColumns {
    const fields = SOURCE_FIELDS[source.format];
    const bindings: FieldBinding[] = [];
    const missing: ResolvedColumns['missing'] = [];
    // Stryker disable next-line OptionalChaining: equivalent, find is called only when the columns are known
    const find = (name: string) => available?.find(c => c.name === name) ?? available?.find(c => c.name.toLowerCase() === name.toLowerCase());
    const standard = [...fields.required, ...fields.optional] as string[];
    // A source's own columns (`column device "appareil"`), which KPIs can be broken down by.
    const own = acceptsOwnFields(source.format) ? Object.keys(source.columns).filter(field => !standard.includes(field)) : [];
    for (const field of [...standard, ...own]) {
        const mapped = source.columns[field];
        const required = (fields.required as readonly string[]).includes(field);
        if (!available) {
            if (mapped !== undefined || required) bindings.push({ field, column: mapped ?? field });
            continue;
        }
        const column = find(mapped ?? field);
        if (column) bindings.push({ field, column: column.name, type: column.type });
        // A file without the order column has its lines' order, which is what the column stands for.
        else if (field === ORDER_FIELD) continue;
        else if (mapped !== undefined || required) missing.push({ field, column: mapped ?? field, mapped: mapped !== undefined });
    }
    return { bindings, missing };
}

export function relationOf(source: SourceModel, bindings: FieldBinding[]): InputRelation {
    return { name: INPUT_NAME, format: source.format, fields: new Set(bindings.map(b => b.field)), timezone: timeZoneOf(source) };
}

/** The fields a row cannot do without: the format's required ones, and a survey's date when it has one (an answer without a date has no period). */
export function requiredFields(source: SourceModel, bindings: FieldBinding[]): string[] {
    const required: string[] = [...SOURCE_FIELDS[source.format].required];
    if (source.format === 'survey' && bindings.some(b => b.field === 'date')) required.push('date');
    return required;
}

// Stryker disable all: SQL of whole queries, judged by the engine's tests on DuckDB and PostgreSQL (seconds per mutant); README, mutation testing
/** Raw column reference. */
function raw(d: Dialect, binding: FieldBinding): string {
    return `src.${d.id(binding.column)}`;
}

/** Event values → touchpoint ids, as written in the source's `event` lines (identity without any). */
function mapEvents(d: Dialect, source: SourceModel, text: string): string {
    const entries = Object.entries(source.events);
    if (entries.length === 0) return text;
    return `CASE ${text} ${entries.map(([value, touchpoint]) => `WHEN ${d.str(value)} THEN ${d.str(touchpoint)}`).join(' ')} ELSE NULL END`;
}

/**
 * Warehouse flavour: `input_rows AS (SELECT CAST(...) AS case_id, ... FROM table AS src WHERE ...)`,
 * with the engine's rules: rows without a required value left out, timestamps read as instants
 * (a column with time zone) or as wall times of the source's time zone, and a survey's repeated
 * answers (same respondent, touchpoint and date) counted once.
 */
export function warehouseInput(source: SourceModel, bindings: FieldBinding[], d: Dialect, table: string, events?: string[]): string {
    const zone = timeZoneOf(source);
    const columns = bindings.map(binding => {
        const { column, type } = fieldColumn(binding.field);
        const value = type === 'timestamp' ? warehouseTimestamp(d, binding, zone) : `CAST(${raw(d, binding)} AS ${sqlType(d, type)})`;
        return `${binding.field === 'event' ? mapEvents(d, source, value) : value} AS ${column}`;
    });
    const eventBinding = bindings.find(b => b.field === 'event');
    const filter = eventBinding ? eventFilter(d, source, `CAST(${raw(d, eventBinding)} AS ${d.text})`, events) : [];
    const required = requiredFields(source, bindings);
    const present = bindings.filter(b => required.includes(b.field)).map(b => fieldColumn(b.field).type === 'text'
        ? `NULLIF(TRIM(CAST(${raw(d, b)} AS ${d.text})), '') IS NOT NULL` : `${raw(d, b)} IS NOT NULL`);
    const conditions = [...filter, ...present];
    const select = `SELECT ${columns.join(', ')} FROM ${table} AS src${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
    if (source.format !== 'survey') return `${INPUT_NAME} AS (${select})`;
    // A table has no line order: the first answer is the one with the lowest `line` (the file's
    // first line when the table keeps its load order there). Without it, exact repeats still count
    // once, but among repeats with different scores the warehouse picks one (the SQL says so).
    const key = surveyKey(bindings);
    const order = bindings.some(b => b.field === ORDER_FIELD) ? FIELD_COLUMNS[ORDER_FIELD].column : key[key.length - 1];
    const names = [...new Set(bindings.map(b => fieldColumn(b.field).column))];
    return `${INPUT_NAME} AS (SELECT ${names.join(', ')} FROM (SELECT answers.*, ROW_NUMBER() OVER (PARTITION BY ${key.join(', ')} ORDER BY ${order}) AS answer_no FROM (${select}) AS answers) AS numbered WHERE answer_no = 1)`;
}

/** A table's timestamp as a UTC instant: a column with time zone is one; a plain one is a wall time in `zone`. */
function warehouseTimestamp(d: Dialect, binding: FieldBinding, zone: string): string {
    if (binding.type !== undefined && WITH_TIME_ZONE.test(binding.type)) return d.utcOfInstant(raw(d, binding));
    const cast = `CAST(${raw(d, binding)} AS ${d.timestamp})`;
    return zone === DEFAULT_TIME_ZONE ? cast : d.utcOfLocal(cast, zone);
}

const WITH_TIME_ZONE = /^(TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ|TIMESTAMP_TZ)$/i;

function sqlType(d: Dialect, type: FieldType): string {
    return type === 'text' ? d.text : type === 'number' ? d.double : d.timestamp;
}

// Stryker restore all
// ------------------------------------------------------------------ DuckDB over files

export type FileKind = 'csv' | 'json' | 'parquet';

export function fileKind(file: string): FileKind | undefined {
    const lower = file.toLowerCase().replace(/\.(gz|zst)$/, '');
    if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
    if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'json';
    if (/\.parquet$/.test(lower)) return 'parquet';
    return undefined;
}

// Stryker disable all: SQL of whole queries, judged by the engine's tests on DuckDB and PostgreSQL (seconds per mutant); README, mutation testing
export interface ReadOptions {
    /** CSV: the separator, taken from the header line (so that one bad row cannot change it). */
    delimiter?: string;
    /** JSON-lines: every column with its type, to read some as text (timestamps, whose offsets DuckDB would drop). */
    columns?: ColumnInfo[];
}

/**
 * The DuckDB table function reading a data file; CSV cells are read as text and parsed here.
 * CSV rows with missing cells are padded with NULLs, so that a malformed row is one rejected row.
 */
export function readFunction(kind: FileKind, absolute: string, options: ReadOptions = {}): string {
    const path = `'${absolute.split("'").join("''")}'`;
    switch (kind) {
        case 'csv': return `read_csv(${path}, all_varchar = true, header = true${options.delimiter ? `, delim = ${duckString(options.delimiter)}, null_padding = true, strict_mode = false` : ''})`;
        case 'json': return `read_json(${path}, format = 'newline_delimited'${options.columns ? `, columns = {${options.columns.map(c => `${duckString(c.name)}: ${duckString(c.type)}`).join(', ')}}` : ''})`;
        case 'parquet': return `read_parquet(${path})`;
    }
}

const duckString = (value: string) => `'${value.split("'").join("''")}'`;

// Stryker restore all
/** The separator of a CSV header line: the most frequent of , ; tab | outside quotes (a comma on a tie). */
export function csvDelimiter(header: string): string {
    const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
    let quoted = false;
    for (const char of header) {
        if (char === '"') quoted = !quoted;
        else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
    }
    let best = ',';
    for (const [char, count] of counts) if (count > counts.get(best)!) best = char;
    return best;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;
/** A time of day followed by an offset: `2026-03-28T12:00:00+01:00`, `… 12:00Z`, `… 12:00:00.5 -0500`. */
const WITH_OFFSET = "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)? ?([Zz]|[+-]\\d{2}(:?\\d{2})?)$";
/** `dd/mm/yyyy`, with an optional `HH:MM[:SS]`: parsed one format at a time (DuckDB rolls 31/04 over to 1 May with a list of formats). */
const DAY_FIRST = ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y'];

/** The parsed value of a field in a file, NULL when empty or unparsable. Timestamps become UTC instants (see the README's time policy). */
export function parsedExpr(d: Dialect, binding: FieldBinding, zone: string): string {
    const column = raw(d, binding);
    // Stryker disable next-line StringLiteral: equivalent, an empty type takes the text path as VARCHAR does
    const type = binding.type ?? 'VARCHAR';
    switch (fieldColumn(binding.field).type) {
        case 'text':
            return `NULLIF(${rawText(d, binding)}, '')`;
        case 'number':
            // Stryker disable next-line ConditionalExpression: equivalent, the text path reads a number column to the same value (this is the fast path)
            if (NUMERIC.test(type)) return `CAST(${column} AS DOUBLE)`;
            // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the text path reads true and false as 1 and 0 too (this is the fast path)
            if (type === 'BOOLEAN') return `CAST(CAST(${column} AS INTEGER) AS DOUBLE)`;
            return `CASE LOWER(TRIM(CAST(${column} AS VARCHAR))) WHEN 'true' THEN 1.0 WHEN 'yes' THEN 1.0 WHEN 'oui' THEN 1.0 WHEN 'false' THEN 0.0 WHEN 'no' THEN 0.0 WHEN 'non' THEN 0.0 ELSE TRY_CAST(REPLACE(TRIM(CAST(${column} AS VARCHAR)), ',', '.') AS DOUBLE) END`;
        case 'timestamp': {
            // Stryker disable next-line ConditionalExpression: equivalent, converting from UTC to UTC changes nothing (the SQL of a UTC source stays plain)
            const wall = (expr: string) => zone === DEFAULT_TIME_ZONE ? expr : d.utcOfLocal(expr, zone);
            if (WITH_TIME_ZONE.test(type)) return d.utcOfInstant(column);
            // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral,MethodExpression: equivalent, the text path reads a typed date or timestamp's text to the same instant (this is the fast path)
            if (type === 'DATE' || type.startsWith('TIMESTAMP')) return wall(`CAST(${column} AS TIMESTAMP)`);
            const text = `TRIM(CAST(${column} AS VARCHAR))`;
            return `CASE WHEN contains(${text}, '/') THEN ${wall(`COALESCE(${DAY_FIRST.map(f => `TRY_STRPTIME(${text}, '${f}')`).join(', ')})`)}`
                + ` WHEN length(${text}) > 16 AND regexp_matches(${text}, '${WITH_OFFSET}') THEN ${d.utcOfInstant(`TRY_CAST(${offsetForDuckdb(text)} AS TIMESTAMPTZ)`)}`
                + ` ELSE ${wall(`TRY_CAST(${text} AS TIMESTAMP)`)} END`;
        }
    }
}

/**
 * An ISO time with an offset as DuckDB's cast reads it: DuckDB refuses `12:00+01:00`, `12:00Z`
 * (no seconds) and `12:00:00 -0500` (a space before the offset), which ISO 8601 and the README
 * allow; they became rejected rows. Seconds are added and the space removed.
 */
function offsetForDuckdb(text: string): string {
    return `regexp_replace(regexp_replace(${text}, ' ?([Zz]|[+-]\\d{2}(:?\\d{2})?)$', '\\1'), '^(\\d{4}-\\d{2}-\\d{2}[T ]\\d{1,2}:\\d{2})([Zz+-])', '\\1:00\\2')`;
}

/** A file cell as text (trimmed in CSV files); typed Parquet and JSON text columns are used as they are. */
export function rawText(d: Dialect, binding: FieldBinding): string {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, casting text to VARCHAR changes nothing (the plain column is the fast path)
    const text = binding.type === 'VARCHAR' ? raw(d, binding) : `CAST(${raw(d, binding)} AS VARCHAR)`;
    return binding.trim ? `TRIM(${text})` : text;
}

/** Whether a field's raw cell is empty. */
export function emptyExpr(d: Dialect, binding: FieldBinding): string {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent, a typed or JSON cell's text is never empty (an empty JSON string reads '""')
    if (binding.type !== undefined && binding.type !== 'VARCHAR' && binding.type !== 'JSON') return `(${raw(d, binding)} IS NULL)`;
    return `(${raw(d, binding)} IS NULL OR ${rawText(d, binding)} = '')`;
}

// Stryker disable all: SQL of whole queries, judged by the engine's tests on DuckDB and PostgreSQL (seconds per mutant); README, mutation testing
/**
 * Only the rows of the events a KPI reads, tested on the raw column so that engines can skip
 * data (Parquet row groups, warehouse partitions). Empty when the KPI reads every event.
 */
function eventFilter(d: Dialect, source: SourceModel, text: string, events: string[] | undefined): string[] {
    if (!events) return [];
    const entries = Object.entries(source.events);
    const values = entries.length ? entries.filter(([, touchpoint]) => events.includes(touchpoint)).map(([value]) => value) : events;
    return [values.length ? `${text} IN (${values.map(v => d.str(v)).join(', ')})` : '1 = 0'];
}

// Stryker restore all
/** Why a row is left out: one condition per (field, reason). Optional fields only when not empty and unparsable. */
export interface RowCheck {
    code: 'missing-value' | 'unparsable-number' | 'unparsable-date';
    field: string;
    column: string;
    /** SQL condition on `src` that is true for a rejected row. */
    condition: string;
    rejects: boolean;
}

export function rowChecks(source: SourceModel, bindings: FieldBinding[], d: Dialect): RowCheck[] {
    const required = requiredFields(source, bindings);
    const checks: RowCheck[] = [];
    for (const binding of bindings) {
        const type = fieldColumn(binding.field).type;
        const parsed = parsedExpr(d, binding, timeZoneOf(source));
        if (required.includes(binding.field)) {
            checks.push({ code: 'missing-value', field: binding.field, column: binding.column, condition: emptyExpr(d, binding), rejects: true });
        }
        if (type !== 'text') {
            checks.push({
                code: type === 'number' ? 'unparsable-number' : 'unparsable-date', field: binding.field, column: binding.column,
                condition: `(NOT ${emptyExpr(d, binding)} AND ${parsed} IS NULL)`, rejects: true
            });
        }
    }
    return checks;
}

// Stryker disable all: SQL of whole queries, judged by the engine's tests on DuckDB and PostgreSQL (seconds per mutant); README, mutation testing
/**
 * File flavour: `input_rows AS (SELECT <parsed fields> FROM read_x(...) AS src WHERE <row is valid>)`.
 * Surveys keep the first answer of a respondent per touchpoint and date (later ones are duplicates).
 */
export function fileInput(source: SourceModel, bindings: FieldBinding[], d: Dialect, from: string, events?: string[]): string {
    const rejecting = rowChecks(source, bindings, d).filter(c => c.rejects).map(c => c.condition);
    const eventBinding = bindings.find(b => b.field === 'event');
    const only = eventBinding ? eventFilter(d, source, rawText(d, eventBinding), events) : [];
    const columns = bindings.map(binding => {
        const parsed = parsedExpr(d, binding, timeZoneOf(source));
        return `${binding.field === 'event' ? mapEvents(d, source, parsed) : parsed} AS ${fieldColumn(binding.field).column}`;
    });
    const conditions = [...only, ...(rejecting.length ? [`NOT (${rejecting.join(' OR ')})`] : [])];
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    if (source.format === 'survey') {
        const key = surveyKey(bindings);
        return `${INPUT_NAME} AS (SELECT * EXCLUDE (line_no) FROM (SELECT ${columns.join(', ')}, row_number() OVER () AS line_no FROM ${from} AS src${where}) AS parsed ` +
            `QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY ${answerOrder(bindings, 'line_no')}) = 1)`;
    }
    return `${INPUT_NAME} AS (SELECT ${columns.join(', ')} FROM ${from} AS src${where})`;
}

/** Which of repeated answers comes first: the lowest `line` when the file has that column, then the line in the file (`position`). */
export function answerOrder(bindings: FieldBinding[], position: string): string {
    return bindings.some(b => b.field === ORDER_FIELD) ? `${FIELD_COLUMNS[ORDER_FIELD].column} NULLS LAST, ${position}` : position;
}

// Stryker restore all
/** What makes two survey answers the same answer: respondent, and touchpoint and date when present. */
export function surveyKey(bindings: FieldBinding[]): string[] {
    const has = (field: string) => bindings.some(b => b.field === field);
    return ['respondent', ...(has('touchpoint') ? ['touchpoint'] : []), ...(has('date') ? ['ts'] : [])];
}

/** `WITH input, <kpi CTEs> <select>`: the KPI body may start with its own WITH. */
export function withInput(input: string, body: string): string {
    return body.startsWith('WITH\n') ? `WITH ${input},\n${body.slice(5)}` : `WITH ${input}\n${body}`;
}
