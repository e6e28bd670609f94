/**
 * `journey sql`: the KPI queries for a warehouse, where each source is a table with the
 * same columns as its data file. One statement per KPI, in the chosen dialect.
 */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { KpiModel, SourceModel, WorkspaceModel } from '../language/model/journey-model.js';
import { kpisOf } from './compute-metrics.js';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { ORDER_FIELD } from '../language/model/source-fields.js';
import { BindingError, Said, compileKpi, frequencyOf, type KpiContext } from './kpi-sql.js';
import { fileKind, readFunction, relationOf, resolveColumns, warehouseInput, withInput, type ColumnInfo } from './source-input.js';
import { dialect, type Dialect, type DialectName } from './sql-dialect.js';

export interface WarehouseQuery {
    journey?: string;
    kpi: string;
    title: string;
    source?: string;
    sql?: string;
    /** What a reader of the SQL must know (approximate percentiles). */
    notes?: string[];
    /** Why no SQL could be written. */
    error?: string;
}

export interface WarehouseOptions {
    /** Source id → table name as written in SQL (default: the source id, quoted). */
    tables?: Record<string, string>;
    only?: string[];
    /** Columns of each source's table, when known (`journey sql` reads them from the local data file). */
    columns?: Record<string, ColumnInfo[] | undefined>;
    /** The language of the notes and errors (English by default). */
    locale?: Locale;
    /** Sources whose local data file exists but cannot be read (`localFiles`): their SQL says so in a note. */
    unreadable?: Record<string, UnreadableFile | undefined>;
}

/** A local data file that exists but does not read: its workspace-relative path and the reader's reason. */
export interface UnreadableFile {
    file: string;
    reason: string;
}

/** The SQL of one KPI for a table holding its source's rows. */
export function kpiSql(kpi: KpiModel, context: KpiContext, source: SourceModel, d: Dialect, table: string, columns?: ColumnInfo[]): string {
    return kpiStatement(kpi, context, source, d, table, columns).sql;
}

/** The SQL of one KPI and its notes, worded in `locale`. */
export function kpiStatement(kpi: KpiModel, context: KpiContext, source: SourceModel, d: Dialect, table: string, columns?: ColumnInfo[], locale: Locale = DEFAULT_LOCALE): { sql: string; notes: string[] } {
    const { bindings, missing } = resolveColumns(source, columns);
    if (missing.length) {
        throw new BindingError('binding.table-columns', { source: source.id, count: missing.length, columns: missing.map(m => new Said('binding.table-column', { column: m.column, field: m.field })) });
    }
    // The order column is the table's (a load sequence), even when the local file has no such column.
    const order = source.columns[ORDER_FIELD];
    if (order !== undefined && !bindings.some(b => b.field === ORDER_FIELD)) bindings.push({ field: ORDER_FIELD, column: order });
    const query = compileKpi(kpi, context, relationOf(source, bindings), d);
    const notes = [...query.notes, ...(source.format === 'survey' && order === undefined ? [new Said('sql.repeats-unordered', { source: source.id })] : [])]
        .map(note => note.text(locale));
    return { sql: withInput(warehouseInput(source, bindings, d, table, query.events), query.body), notes };
}

export function warehouseQueries(model: WorkspaceModel, dialectName: DialectName, options: WarehouseOptions = {}): WarehouseQuery[] {
    const d = dialect(dialectName);
    const queries: WarehouseQuery[] = [];
    for (const { kpi, journey } of kpisOf(model)) {
        const key = journey ? `${journey.id}.${kpi.id}` : kpi.id;
        if (options.only && !options.only.includes(kpi.id) && !options.only.includes(key)) continue;
        if (!kpi.data) continue;
        const base = { ...(journey ? { journey: journey.id } : {}), kpi: kpi.id, title: kpi.title, source: kpi.data };
        const source = model.sources.find(s => s.id === kpi.data);
        if (!source) {
            queries.push({ ...base, error: messages(options.locale ?? DEFAULT_LOCALE).t('sql.unknown-source', { source: kpi.data }) });
            continue;
        }
        const table = options.tables?.[source.id] ?? d.id(source.id);
        try {
            const { sql, notes } = kpiStatement(kpi, { workspace: model, journey }, source, d, table, options.columns?.[source.id], options.locale);
            const unreadable = options.unreadable?.[source.id];
            if (unreadable) notes.unshift(new Said('sql.local-file-unreadable', { ...unreadable, source: source.id }).text(options.locale));
            queries.push({ ...base, sql, ...(notes.length ? { notes } : {}) });
        } catch (error) {
            if (!(error instanceof BindingError)) throw error;
            queries.push({ ...base, error: error.text(options.locale) });
        }
    }
    return queries;
}

/** The columns of each source's local data file, when it exists and can be read. */
export async function localColumns(model: WorkspaceModel, root: string): Promise<Record<string, ColumnInfo[] | undefined>> {
    return (await localFiles(model, root)).columns;
}

/**
 * The columns of each source's local data file, when it exists and can be read, and the files
 * that exist but cannot be read, with DuckDB's reason (a missing file is normal: the data is in
 * the warehouse).
 */
export async function localFiles(model: WorkspaceModel, root: string): Promise<{ columns: Record<string, ColumnInfo[] | undefined>; unreadable: Record<string, UnreadableFile | undefined> }> {
    const found: Record<string, ColumnInfo[] | undefined> = {};
    const unreadable: Record<string, UnreadableFile | undefined> = {};
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
        for (const source of model.sources) {
            const absolute = path.resolve(root, path.dirname(source.file), source.path);
            const kind = fileKind(absolute);
            if (!kind || !(await fs.stat(absolute).then(s => s.isFile(), () => false))) continue;
            try {
                const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${readFunction(kind, absolute)}`);
                found[source.id] = reader.getRowObjectsJS().map(r => ({ name: String(r.column_name), type: String(r.column_type) }));
            } catch (error) {
                // The SQL is then written from the source's declaration alone, and says so.
                unreadable[source.id] = {
                    file: path.relative(root, absolute).split(path.sep).join('/'),
                    reason: String((error as Error).message ?? error).split('\n')[0].replace(/\.$/, '')
                };
            }
        }
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
    return { columns: found, unreadable };
}

/** A `-- comment` header and the statement, for a file of queries; the comments in `locale`. */
export function formatQueries(queries: WarehouseQuery[], model: WorkspaceModel, d: DialectName, locale: Locale = DEFAULT_LOCALE): string {
    const m = messages(locale);
    const parts = [m.t('sql.header', { dialect: d })];
    for (const q of queries) {
        const kpi = model.journeys.find(j => j.id === q.journey)?.kpis.find(k => k.id === q.kpi) ?? model.kpis.find(k => k.id === q.kpi);
        const name = q.journey ? `${q.journey}.${q.kpi}` : q.kpi;
        const head = m.t('sql.query', {
            name, title: q.title, source: q.source, known: kpi ? 'yes' : 'no', frequency: kpi ? m.t('hover.frequency', { frequency: frequencyOf(kpi) }) : '',
            hasTarget: kpi?.target ? 'yes' : 'no', target: kpi?.target?.text ?? ''
        });
        const notes = (q.notes ?? []).map(note => `\n${m.t('sql.note', { note })}`).join('');
        parts.push(q.sql ? `${head}${notes}\n${q.sql};` : `${head}\n${m.t('sql.not-generated', { error: q.error })}`);
    }
    return parts.join('\n\n') + '\n';
}
