/**
 * The input relation of a KPI query: a source's columns renamed to the standard fields,
 * typed, and event values mapped to touchpoints. Two flavours of the same projection:
 * - warehouse: a table, plain casts (`journey sql`);
 * - file: a CSV, JSON-lines or Parquet file read by DuckDB, with tolerant parsing (French
 *   decimals, `dd/mm/yyyy` dates) and rows that do not parse left out (and counted).
 */
import type { SourceModel } from '../language/model/journey-model.js';
import { FIELD_COLUMNS, SOURCE_FIELDS, type FieldType, type InputRelation } from './kpi-sql.js';
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
    const find = (name: string) => available?.find(c => c.name === name) ?? available?.find(c => c.name.toLowerCase() === name.toLowerCase());
    for (const field of [...fields.required, ...fields.optional] as string[]) {
        const mapped = source.columns[field];
        const required = (fields.required as readonly string[]).includes(field);
        if (!available) {
            if (mapped !== undefined || required) bindings.push({ field, column: mapped ?? field });
            continue;
        }
        const column = find(mapped ?? field);
        if (column) bindings.push({ field, column: column.name, type: column.type });
        else if (mapped !== undefined || required) missing.push({ field, column: mapped ?? field, mapped: mapped !== undefined });
    }
    return { bindings, missing };
}

export function relationOf(source: SourceModel, bindings: FieldBinding[]): InputRelation {
    return { name: INPUT_NAME, format: source.format, fields: new Set(bindings.map(b => b.field)) };
}

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

/** Warehouse flavour: `input_rows AS (SELECT CAST(...) AS case_id, ... FROM table AS src)`. */
export function warehouseInput(source: SourceModel, bindings: FieldBinding[], d: Dialect, table: string, events?: string[]): string {
    const columns = bindings.map(binding => {
        const { column, type } = FIELD_COLUMNS[binding.field];
        const cast = `CAST(${raw(d, binding)} AS ${sqlType(d, type)})`;
        return `${binding.field === 'event' ? mapEvents(d, source, cast) : cast} AS ${column}`;
    });
    const eventBinding = bindings.find(b => b.field === 'event');
    const filter = eventBinding ? eventFilter(d, source, `CAST(${raw(d, eventBinding)} AS ${d.text})`, events) : [];
    return `${INPUT_NAME} AS (SELECT ${columns.join(', ')} FROM ${table} AS src${filter.length ? ` WHERE ${filter[0]}` : ''})`;
}

function sqlType(d: Dialect, type: FieldType): string {
    return type === 'text' ? d.text : type === 'number' ? d.double : d.timestamp;
}

// ------------------------------------------------------------------ DuckDB over files

export type FileKind = 'csv' | 'json' | 'parquet';

export function fileKind(file: string): FileKind | undefined {
    const lower = file.toLowerCase().replace(/\.(gz|zst)$/, '');
    if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
    if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'json';
    if (/\.parquet$/.test(lower)) return 'parquet';
    return undefined;
}

/** The DuckDB table function reading a data file; CSV cells are read as text and parsed here. */
export function readFunction(kind: FileKind, absolute: string): string {
    const path = `'${absolute.split("'").join("''")}'`;
    switch (kind) {
        case 'csv': return `read_csv(${path}, all_varchar = true, header = true)`;
        case 'json': return `read_json(${path}, format = 'newline_delimited')`;
        case 'parquet': return `read_parquet(${path})`;
    }
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const DATE_FORMATS = ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%dT%H:%M:%S%z'];

/** The parsed value of a field in a file, NULL when empty or unparsable. */
export function parsedExpr(d: Dialect, binding: FieldBinding): string {
    const column = raw(d, binding);
    const type = binding.type ?? 'VARCHAR';
    switch (FIELD_COLUMNS[binding.field].type) {
        case 'text':
            return `NULLIF(${rawText(d, binding)}, '')`;
        case 'number':
            if (NUMERIC.test(type)) return `CAST(${column} AS DOUBLE)`;
            if (type === 'BOOLEAN') return `CAST(CAST(${column} AS INTEGER) AS DOUBLE)`;
            return `CASE LOWER(TRIM(CAST(${column} AS VARCHAR))) WHEN 'true' THEN 1.0 WHEN 'yes' THEN 1.0 WHEN 'oui' THEN 1.0 WHEN 'false' THEN 0.0 WHEN 'no' THEN 0.0 WHEN 'non' THEN 0.0 ELSE TRY_CAST(REPLACE(TRIM(CAST(${column} AS VARCHAR)), ',', '.') AS DOUBLE) END`;
        case 'timestamp':
            if (type === 'TIMESTAMP' || type.startsWith('TIMESTAMP_')) return `CAST(${column} AS TIMESTAMP)`;
            if (type === 'DATE' || type.startsWith('TIMESTAMP')) return `CAST(${column} AS TIMESTAMP)`;
            return `COALESCE(TRY_CAST(TRIM(CAST(${column} AS VARCHAR)) AS TIMESTAMP), CAST(TRY_STRPTIME(TRIM(CAST(${column} AS VARCHAR)), [${DATE_FORMATS.map(f => `'${f}'`).join(', ')}]) AS TIMESTAMP))`;
    }
}

/** A file cell as text (trimmed in CSV files); typed Parquet and JSON text columns are used as they are. */
export function rawText(d: Dialect, binding: FieldBinding): string {
    const text = binding.type === 'VARCHAR' ? raw(d, binding) : `CAST(${raw(d, binding)} AS VARCHAR)`;
    return binding.trim ? `TRIM(${text})` : text;
}

/** Whether a field's raw cell is empty. */
export function emptyExpr(d: Dialect, binding: FieldBinding): string {
    if (binding.type !== undefined && binding.type !== 'VARCHAR' && binding.type !== 'JSON') return `(${raw(d, binding)} IS NULL)`;
    return `(${raw(d, binding)} IS NULL OR ${rawText(d, binding)} = '')`;
}

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
    const required = SOURCE_FIELDS[source.format].required as readonly string[];
    const checks: RowCheck[] = [];
    for (const binding of bindings) {
        const type = FIELD_COLUMNS[binding.field].type;
        const parsed = parsedExpr(d, binding);
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

/**
 * File flavour: `input_rows AS (SELECT <parsed fields> FROM read_x(...) AS src WHERE <row is valid>)`.
 * Surveys keep the first answer of a respondent per touchpoint and date (later ones are duplicates).
 */
export function fileInput(source: SourceModel, bindings: FieldBinding[], d: Dialect, from: string, events?: string[]): string {
    const rejecting = rowChecks(source, bindings, d).filter(c => c.rejects).map(c => c.condition);
    const eventBinding = bindings.find(b => b.field === 'event');
    const only = eventBinding ? eventFilter(d, source, rawText(d, eventBinding), events) : [];
    const columns = bindings.map(binding => {
        const parsed = parsedExpr(d, binding);
        return `${binding.field === 'event' ? mapEvents(d, source, parsed) : parsed} AS ${FIELD_COLUMNS[binding.field].column}`;
    });
    const conditions = [...only, ...(rejecting.length ? [`NOT (${rejecting.join(' OR ')})`] : [])];
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    if (source.format === 'survey') {
        const key = surveyKey(bindings);
        return `${INPUT_NAME} AS (SELECT * EXCLUDE (line_no) FROM (SELECT ${columns.join(', ')}, row_number() OVER () AS line_no FROM ${from} AS src${where}) AS parsed ` +
            `QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY line_no) = 1)`;
    }
    return `${INPUT_NAME} AS (SELECT ${columns.join(', ')} FROM ${from} AS src${where})`;
}

/** What makes two survey answers the same answer: respondent, and touchpoint and date when present. */
export function surveyKey(bindings: FieldBinding[]): string[] {
    const has = (field: string) => bindings.some(b => b.field === field);
    return ['respondent', ...(has('touchpoint') ? ['touchpoint'] : []), ...(has('date') ? ['ts'] : [])];
}

/** `WITH input, <kpi CTEs> <select>`: the KPI body may start with its own WITH. */
export function withInput(input: string, body: string): string {
    return body.startsWith('WITH\n') ? `WITH ${input},\n${body.slice(5)}` : `WITH ${input}\n${body}`;
}
