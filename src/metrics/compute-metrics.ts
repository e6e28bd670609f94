/**
 * The metrics engine: computes every KPI bound to data (`data <Source>`) with an embedded
 * DuckDB, reading the workspace's CSV, JSON-lines and Parquet files where they are (nothing
 * is loaded into JavaScript: DuckDB streams the files, and stages an event log's mapped rows
 * in its own memory-limited storage; only the per-period results come back), then evaluates
 * each target. Problems in the data are reported with file, line and a fix.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { JourneyModel, KpiModel, SourceModel, WorkspaceModel } from '../language/model/journey-model.js';
import { readableTextDataFile } from '../node/text-encoding.js';
import { evaluateTarget, type DataProblem, type KpiPoint, type KpiResult } from '../language/model/kpi-results.js';
import { BindingError, SCORE_RANGES, fieldColumn, compileKpi, frequencyOf, type InputRelation, type KpiQuery } from './kpi-sql.js';
import { missingPeriods } from '../language/model/periods.js';
import { readSeriesSource, type SeriesRead } from './series-csv.js';
import {
    answerOrder, csvDelimiter, fileInput, fileKind, parsedExpr, rawText, readFunction, relationOf, resolveColumns, rowChecks, surveyKey, withInput, INPUT_NAME,
    type FieldBinding, type FileKind, type RowCheck
} from './source-input.js';
import { dialect } from './sql-dialect.js';
import { currentDay } from '../language/model/today.js';
import { timeZoneOf } from '../language/model/source-fields.js';
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';
import { periodLabel } from '../language/model/kpi-format.js';

const duck = dialect('duckdb');

export interface MetricsOptions {
    /** "Today" for deadlines; tests pin it. */
    today?: Date;
    /** Only these KPI ids (plain or `Journey.Kpi`). */
    only?: string[];
    /** The language of the problems' messages (English by default); their codes are the same in every language. */
    locale?: Locale;
}

export interface MetricsReport {
    results: KpiResult[];
}

/** What the engine learned about one source, shared by the KPIs bound to it. */
interface PreparedSource {
    source: SourceModel;
    /** Workspace-relative path of the data file. */
    file: string;
    kind?: FileKind;
    /** The table function reading the file (for line numbers). */
    from?: string;
    /** What the checks and the KPI queries read: `from`, or the rows staged from it. */
    rows?: string;
    bindings?: FieldBinding[];
    relation?: InputRelation;
    problems: DataProblem[];
    rowsRejected: number;
    /** Valid rows per touchpoint id (events), or in total under ''. */
    validRows: Map<string, number>;
    /** Whether KPIs can run on it. */
    usable: boolean;
}

/** Computes the KPIs of a workspace whose files are under `root`. */
export async function computeMetrics(model: WorkspaceModel, root: string, options: MetricsOptions = {}): Promise<MetricsReport> {
    // Bounded memory whatever the data size: DuckDB spills to a temporary folder beyond the limit.
    const instance = await DuckDBInstance.create(':memory:', {
        memory_limit: process.env.JOURNEY_METRICS_MEMORY ?? '2GB',
        temp_directory: path.join(os.tmpdir(), `journey-metrics-${process.pid}`)
    });
    const connection = await instance.connect();
    const m = messages(options.locale ?? DEFAULT_LOCALE);
    try {
        // Nothing may depend on the machine's time zone (DuckDB's default session zone): every
        // conversion names its zone, and this one is for what DuckDB converts by itself.
        await connection.run(`SET TimeZone = 'UTC'`);
        const prepared = new Map<string, Promise<PreparedSource>>();
        // Repeated event rows change counts only: first events, durations and reach ignore them.
        const counted = new Set(kpisOf(model).filter(({ kpi }) => kpi.measure?.kind === 'count' && kpi.data).map(({ kpi }) => kpi.data!));
        const prepare = (source: SourceModel) => {
            let done = prepared.get(source.id);
            if (!done) prepared.set(source.id, done = prepareSource(connection, source, root, counted.has(source.id), m));
            return done;
        };
        // `period,value[,segment]` CSV series are read by the preview's series reader, the same
        // numbers the preview charts; other series (counts for churn, JSON, Parquet) go through DuckDB.
        const series = new Map<string, Promise<SeriesRead>>();
        const readSeries = (source: SourceModel) => {
            let read = series.get(source.id);
            if (!read) series.set(source.id, read = readSeriesSource(root, source, m.locale));
            return read;
        };
        const results: KpiResult[] = [];
        for (const { kpi, journey } of kpisOf(model)) {
            const key = journey ? `${journey.id}.${kpi.id}` : kpi.id;
            if (options.only && !options.only.includes(kpi.id) && !options.only.includes(key)) continue;
            results.push(await computeKpi(connection, model, kpi, journey, prepare, options.today ?? currentDay(), readSeries, m));
        }
        return { results };
    } finally {
        connection.closeSync();
        instance.closeSync();
    }
}

/** Every journey's own KPIs, then the catalog KPIs (tracked copies are the catalog's result). */
export function kpisOf(model: WorkspaceModel): Array<{ kpi: KpiModel; journey?: JourneyModel }> {
    return [
        ...model.journeys.flatMap(journey => journey.kpis.filter(kpi => !kpi.shared).map(kpi => ({ kpi, journey }))),
        ...model.kpis.map(kpi => ({ kpi }))
    ];
}

async function computeKpi(
    connection: DuckDBConnection, model: WorkspaceModel, kpi: KpiModel, journey: JourneyModel | undefined,
    prepare: (source: SourceModel) => Promise<PreparedSource>, today: Date, readSeries: (source: SourceModel) => Promise<SeriesRead>, m: Messages
): Promise<KpiResult> {
    const base = { ...(journey ? { journey: journey.id } : {}), kpi: kpi.id };
    const empty = (problems: DataProblem[], rowsRejected = 0): KpiResult => ({
        ...base, ...evaluateTarget(kpi.target, [], kpi.direction, today), points: [], rowsUsed: 0, rowsRejected, problems
    });
    if (!kpi.data) return empty([]);
    const source = model.sources.find(s => s.id === kpi.data);
    if (!source) {
        return empty([{ file: kpi.file, line: kpi.line, severity: 'error', code: 'unknown-source', message: m.t('data.unknown-source', { kpi: kpi.id, source: kpi.data }) }]);
    }
    if (source.format === 'series' && fileKind(source.path) === 'csv') {
        const read = await readSeries(source);
        if (!read.problems.some(p => p.code === 'series-header')) {
            const problems = [...read.problems];
            if (read.points.length === 0 && !problems.some(p => p.severity === 'error')) {
                problems.push({ file: source.file, line: source.line, severity: 'warning', code: 'no-data', message: m.t('data.no-usable-series', { source: source.id, kpi: kpi.id }) });
            }
            return { ...base, ...evaluateTarget(kpi.target, read.points, kpi.direction, today, kpi.unit), points: read.points, rowsUsed: read.rowsUsed, rowsRejected: read.rowsRejected, problems };
        }
    }
    const prepared = await prepare(source);
    if (!prepared.usable) return empty(prepared.problems, prepared.rowsRejected);
    let query: KpiQuery;
    try {
        query = compileKpi(kpi, { workspace: model, journey }, prepared.relation!, duck);
    } catch (error) {
        if (!(error instanceof BindingError)) throw error;
        return empty([...prepared.problems, { file: kpi.file, line: kpi.line, severity: 'error', code: 'unsuitable-source', message: error.text(m.locale) }], prepared.rowsRejected);
    }
    const problems = [...prepared.problems];
    let rowsRejected = prepared.rowsRejected;
    const input = fileInput(source, prepared.bindings!, duck, prepared.rows!, query.events);
    const rows = await all(connection, withInput(input, query.body));
    const points: KpiPoint[] = [];
    for (const row of rows) {
        if (row.value === null || row.value === undefined || !Number.isFinite(Number(row.value))) continue;
        const sample = row.n === null || row.n === undefined ? {} : { n: Number(row.n) };
        const spread = row.sd === null || row.sd === undefined || !Number.isFinite(Number(row.sd)) ? {} : { sd: Number(row.sd) };
        points.push({ period: String(row.period), value: Number(row.value), ...(row.segment === null || row.segment === undefined ? {} : { segment: String(row.segment) }), ...sample, ...spread });
    }
    const overall = rows.filter(r => r.segment === null || r.segment === undefined);
    let rowsUsed: number;
    if (source.format === 'events') {
        const events = query.events ?? [...prepared.validRows.keys()].filter(k => k !== '');
        rowsUsed = events.reduce((sum, e) => sum + (prepared.validRows.get(e) ?? 0), 0);
        // Without any value (no case, or no case reaching its end) the checks still tell why.
        const checks = rows.length ? rows[0] : query.checks ? (await all(connection, withInput(input, query.checks)))[0] : undefined;
        if (query.starts && query.ends && checks) problems.push(...caseProblems(checks, kpi, query, prepared.file, m));
    } else {
        rowsUsed = overall.reduce((sum, r) => sum + Number(r.n), 0);
    }
    if (source.format === 'survey') {
        const outOfRange = await rangeCheck(connection, source, prepared, kpi, m);
        if (outOfRange) {
            rowsRejected += outOfRange.count;
            problems.push(outOfRange.problem);
        }
    }
    const missing = missingPeriods(overall.map(r => String(r.period)), frequencyOf(kpi));
    // A period with the KPI's events but no value (no round started, or none finished yet) is no gap in the file.
    const held = missing.length && query.periods ? new Set((await all(connection, withInput(input, query.periods))).map(r => String(r.period))) : undefined;
    for (const period of missing.filter(p => !held?.has(p))) {
        problems.push({ file: prepared.file, severity: 'warning', code: 'empty-period', message: m.t('data.empty-period', { period: periodLabel(period, m.locale), kpi: kpi.id }) });
    }
    for (const note of query.notes) problems.push({ file: prepared.file, severity: 'warning', code: 'approximate', message: note.text(m.locale) });
    if (points.length === 0) {
        problems.push({ file: prepared.file, severity: 'warning', code: 'no-data', message: m.t('data.no-usable-rows', { file: prepared.file, kpi: kpi.id, source: source.id }) });
    }
    return { ...base, ...evaluateTarget(kpi.target, points, kpi.direction, today, kpi.unit), points, rowsUsed, rowsRejected, problems };
}

/** Runs a query and returns plain rows (BigInts as numbers). */
async function all(connection: DuckDBConnection, sql: string): Promise<Array<Record<string, unknown>>> {
    const started = performance.now();
    const reader = await connection.runAndReadAll(sql);
    if (process.env.JOURNEY_METRICS_TRACE) process.stderr.write(`[metrics] ${(performance.now() - started).toFixed(0)} ms ${sql.replace(/\s+/g, ' ').slice(0, 140)}\n`);
    return reader.getRowObjectsJS().map(row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

async function prepareSource(connection: DuckDBConnection, source: SourceModel, root: string, findDuplicates: boolean, m: Messages): Promise<PreparedSource> {
    const absolute = path.resolve(root, path.dirname(source.file), source.path);
    const file = path.relative(root, absolute).split(path.sep).join('/');
    const prepared: PreparedSource = { source, file, problems: [], rowsRejected: 0, validRows: new Map(), usable: false };
    const fail = (code: string, message: string, where: { file: string; line?: number } = { file: source.file, line: source.line }) => {
        prepared.problems.push({ ...where, severity: 'error', code, message });
        return prepared;
    };
    const inside = (folder: string) => {
        const relative = path.relative(folder, absolute);
        return !relative.startsWith('..') && !path.isAbsolute(relative);
    };
    // Inside the workspace, or at least beside or below the journey file that declares it.
    if (!inside(root) && !inside(path.resolve(root, path.dirname(source.file)))) {
        return fail('outside-workspace', m.t('data.outside-workspace', { path: source.path, source: source.id }));
    }
    const kind = fileKind(absolute);
    if (!kind) return fail('unknown-format', m.t('data.unknown-format', { path: source.path, source: source.id }));
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat?.isFile()) return fail('missing-file', m.t('data.missing-file', { path: source.path, source: source.id, lookedFor: file, file: source.file }));
    const readable = kind === 'parquet' ? { path: absolute } : await readableTextDataFile(absolute, file, kind, m.locale);
    if ('problem' in readable) return fail(readable.problem.code, readable.problem.message, { file, line: readable.problem.line });
    prepared.kind = kind;
    let from = readFunction(kind, readable.path, kind === 'csv' ? { delimiter: csvDelimiter(await firstLine(readable.path)) } : {});
    let columns: Array<{ name: string; type: string }>;
    try {
        columns = (await all(connection, `DESCRIBE SELECT * FROM ${from}`)).map(r => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (error) {
        return fail('unreadable-file', m.t('data.unreadable', { file, kind: kind.toUpperCase(), reason: firstLineOf(error) }), { file, line: lineIn(error) });
    }
    let { bindings, missing } = resolveColumns(source, columns);
    // JSON-lines: DuckDB reads ISO timestamps as TIMESTAMP, converting offsets to UTC and leaving
    // naive ones as they are, so that the two can no longer be told apart: read them as text.
    // A column mixing numbers and text (`0`, `"7,0"`) is typed JSON, whose text keeps its quotes: read it as text too.
    const timestamps = new Set(bindings.filter(b => (fieldColumn(b.field).type === 'timestamp' && b.type !== 'VARCHAR') || b.type === 'JSON').map(b => b.column));
    if (kind === 'json' && timestamps.size > 0) {
        columns = columns.map(c => timestamps.has(c.name) ? { ...c, type: 'VARCHAR' } : c);
        from = readFunction(kind, readable.path, { columns });
        ({ bindings, missing } = resolveColumns(source, columns));
    }
    prepared.from = from;
    if (kind === 'csv') bindings.forEach(binding => { binding.trim = true; });
    for (const gap of missing) {
        fail('missing-column', m.t('data.missing-column', {
            column: gap.column, field: gap.field, columns: columns.map(c => m.t('data.quoted', { name: c.name })).join(', '),
            mapped: gap.mapped ? 'yes' : 'no', source: source.id, at: `${source.file}:${source.line}`
        }), { file, line: kind === 'csv' ? 1 : undefined });
    }
    if (missing.length) return prepared;
    prepared.bindings = bindings;
    prepared.relation = relationOf(source, bindings);
    try {
        prepared.rows = await stageRows(connection, source, bindings, from);
        await checkRows(connection, prepared, kind, findDuplicates, m);
    } catch (error) {
        return fail('unreadable-file', m.t('data.unreadable', { file, kind: 'none', reason: firstLineOf(error) }), { file, line: lineIn(error) });
    }
    prepared.usable = true;
    return prepared;
}

/**
 * The rows of an event log whose event is mapped to a touchpoint, copied once into a DuckDB
 * table with only the bound columns: the checks and every KPI of the source read them there
 * instead of decoding the file again (bench/metrics.bench.mjs, 10 million Parquet events, two
 * KPIs: 1.97 → 1.58 s, for ~120 MB more memory). DuckDB keeps the table within its memory
 * limit and spills beyond it. Logs without event lines are read from the file.
 */
async function stageRows(connection: DuckDBConnection, source: SourceModel, bindings: FieldBinding[], from: string): Promise<string> {
    const mapping = Object.keys(source.events);
    const eventBinding = bindings.find(b => b.field === 'event');
    if (source.format !== 'events' || !eventBinding || mapping.length === 0) return from;
    const table = duck.id(`staged ${source.id}`);
    const columns = [...new Set(bindings.map(b => `src.${duck.id(b.column)}`))].join(', ');
    await all(connection, `CREATE TEMP TABLE ${table} AS SELECT ${columns} FROM ${from} AS src WHERE NULLIF(${rawText(duck, eventBinding)}, '') IN (${mapping.map(value => duck.str(value)).join(', ')})`);
    return table;
}

/**
 * One pass over the file: rows per touchpoint, rows failing each check, and (when a count reads
 * the source) repeated rows; then where the first failures are.
 */
async function checkRows(connection: DuckDBConnection, prepared: PreparedSource, kind: FileKind, findDuplicates: boolean, m: Messages): Promise<void> {
    const { source, bindings, from, rows: staged, file } = prepared as Required<PreparedSource>;
    const checks = rowChecks(source, bindings, duck);
    const rejecting = checks.filter(c => c.rejects).map(c => c.condition);
    const valid = rejecting.length ? `NOT (${rejecting.join(' OR ')})` : 'TRUE';
    // Grouped by the raw event value (few distinct values), mapped to touchpoints here.
    const eventBinding = bindings.find(b => b.field === 'event');
    const key = eventBinding ? `NULLIF(${rawText(duck, eventBinding)}, '')` : 'NULL';
    const mapping = Object.entries(source.events);
    const touchpointOf = (value: string) => mapping.length === 0 ? value : source.events[value];
    // Identical rows of mapped events (same case, event and time): the distinct count tells how many.
    const identity = source.format === 'events' && findDuplicates ? bindings.filter(b => b.field === 'case' || b.field === 'timestamp').map(b => parsedExpr(duck, b, timeZoneOf(source))) : [];
    const mapped = mapping.length ? ` AND ${key} IN (${mapping.map(([value]) => duck.str(value)).join(', ')})` : '';
    const distinct = identity.length ? `, COUNT(DISTINCT hash(${identity.join(', ')})) FILTER (WHERE ${valid}${mapped}) AS distinct_valid` : '';
    // With event lines, only the mapped events' rows are checked in full (the engine can skip the
    // others' cells); the other rows are only counted per event value, as not used.
    const onlyMapped = eventBinding && mapping.length ? ` WHERE ${key} IN (${mapping.map(([value]) => duck.str(value)).join(', ')})` : '';
    const sql = `SELECT ${key} AS raw_event, COUNT(*) AS total, COUNT(*) FILTER (WHERE ${valid}) AS valid${distinct}${checks.map((c, i) => `, COUNT(*) FILTER (WHERE ${c.condition}) AS c${i}`).join('')} FROM ${staged} AS src${onlyMapped} GROUP BY 1`;
    const rows = await all(connection, sql);
    const unmapped: Array<{ value: string; rows: number }> = [];
    let withoutEvent = 0;
    if (onlyMapped) {
        for (const row of await all(connection, `SELECT ${key} AS raw_event, COUNT(*) AS total FROM ${from} AS src GROUP BY 1`)) {
            if (row.raw_event === null) withoutEvent = Number(row.total);
            else if (touchpointOf(String(row.raw_event)) === undefined) unmapped.push({ value: String(row.raw_event), rows: Number(row.total) });
        }
    }
    for (const row of rows) {
        const touchpoint = row.raw_event === null ? undefined : touchpointOf(String(row.raw_event));
        if (row.raw_event !== null && touchpoint === undefined) unmapped.push({ value: String(row.raw_event), rows: Number(row.valid) });
        const id = touchpoint ?? '';
        prepared.validRows.set(id, (prepared.validRows.get(id) ?? 0) + Number(row.valid));
    }
    const totals = checks.map((check, i) => rows.reduce((sum, r) => sum + Number(r[`c${i}`]), 0) + (check.field === 'event' && check.code === 'missing-value' ? withoutEvent : 0));
    const total = rows.reduce((sum, r) => sum + Number(r.valid), 0);
    prepared.rowsRejected = rows.reduce((sum, r) => sum + Number(r.total) - Number(r.valid), 0) + withoutEvent;
    const unmappedRows = unmapped.reduce((sum, u) => sum + u.rows, 0);
    if (unmappedRows > 0) {
        unmapped.sort((a, b) => b.rows - a.rows);
        prepared.problems.push({
            file, severity: 'warning', code: 'unmapped-event', message: m.t('data.unmapped-event', {
                count: unmappedRows, source: source.id, examples: unmapped.slice(0, 3).map(u => m.t('data.quoted', { name: u.value })).join(', '),
                more: Math.max(0, unmapped.length - 3), first: unmapped[0].value, at: `${source.file}:${source.line}`
            })
        });
    }
    for (const [i, check] of checks.entries()) {
        if (totals[i] === 0) continue;
        const examples = await locate(connection, from, kind, check.condition, check.column);
        prepared.problems.push(checkProblem(check, totals[i], examples, file, m));
    }
    const extra = rows.reduce((sum, r) => sum + (r.raw_event === null || r.distinct_valid === undefined || (mapping.length > 0 && touchpointOf(String(r.raw_event)) === undefined) ? 0 : Number(r.valid) - Number(r.distinct_valid)), 0);
    if (source.format === 'events' && extra > 0) {
        const input = fileInput(source, bindings, duck, staged);
        const dup = await all(connection, withInput(input, `SELECT MIN(case_id) AS example FROM (SELECT case_id FROM ${INPUT_NAME} WHERE event IS NOT NULL GROUP BY case_id, event, ts HAVING COUNT(*) > 1) AS d`));
        {
            prepared.rowsRejected += extra;
            prepared.problems.push({ file, severity: 'warning', code: 'duplicate-rows', message: m.t('data.duplicate-rows', { count: extra, example: String(dup[0].example) }) });
        }
    }
    if (source.format === 'survey' && total > 0) {
        const parsed = bindings.map(b => `${parsedExpr(duck, b, timeZoneOf(source))} AS ${fieldColumn(b.field).column}`).join(', ');
        const keys = surveyKey(bindings);
        const numbered = `SELECT ${parsed}, row_number() OVER () AS line, ${valid} AS ok FROM ${from} AS src`;
        const dup = await all(connection, `SELECT line FROM (${numbered}) AS numbered WHERE ok QUALIFY row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${answerOrder(bindings, 'line')}) > 1 ORDER BY line`);
        if (dup.length > 0) {
            prepared.rowsRejected += dup.length;
            const lines = dup.slice(0, 3).map(r => Number(r.line) + (kind === 'csv' ? 1 : 0));
            prepared.problems.push({
                file, line: lines[0], severity: 'warning', code: 'duplicate-answers', message: m.t('data.duplicate-answers', {
                    count: dup.length, dated: keys.includes('ts') ? 'yes' : 'no', touchpoint: keys.includes('touchpoint') ? 'yes' : 'no',
                    rows: kind === 'parquet' ? 'yes' : 'no', where: `${lines.join(', ')}${dup.length > 3 ? '…' : ''}`
                })
            });
        }
    }
}

/** The first lines (CSV: header is line 1) or rows where a condition holds, with the cell's text. */
async function locate(connection: DuckDBConnection, from: string, kind: FileKind, condition: string, column: string): Promise<Array<{ line: number; text: string }>> {
    const rows = await all(connection, `SELECT line, CAST(${'src.' + duck.id(column)} AS VARCHAR) AS text FROM (SELECT *, row_number() OVER () AS line FROM ${from} AS src0) AS src WHERE ${condition} ORDER BY line LIMIT 3`);
    return rows.map(r => ({ line: Number(r.line) + (kind === 'csv' ? 1 : 0), text: r.text === null ? '' : String(r.text) }));
}

function checkProblem(check: RowCheck, count: number, examples: Array<{ line: number; text: string }>, file: string, m: Messages): DataProblem {
    const sample = examples.find(e => e.text !== '')?.text;
    const values = {
        count, field: check.field, column: check.column, places: examples.length, where: `${examples.map(e => e.line).join(', ')}${count > examples.length ? '…' : ''}`,
        hasSample: sample ? 'yes' : 'no', sample: sample ?? ''
    };
    const line = examples[0]?.line;
    switch (check.code) {
        case 'missing-value':
            return { file, line, severity: 'error', code: 'missing-value', message: m.t('data.missing-value', values) };
        case 'unparsable-number':
            return { file, line, severity: 'error', code: 'unparsable-number', message: m.t('data.unparsable-number', values) };
        case 'unparsable-date':
            return { file, line, severity: 'error', code: 'unparsable-date', message: m.t('data.unparsable-date', values) };
    }
}

/** Answers outside the KPI kind's scale. */
async function rangeCheck(connection: DuckDBConnection, source: SourceModel, prepared: PreparedSource, kpi: KpiModel, m: Messages): Promise<{ count: number; problem: DataProblem } | undefined> {
    const kind = kpi.measure?.kind ?? kpi.kind;
    const range = kind === 'csat' && prepared.relation!.fields.has('satisfied') ? undefined : SCORE_RANGES[kind];
    if (!range) return undefined;
    const score = prepared.bindings!.find(b => b.field === 'score')!;
    const condition = `(${parsedExpr(duck, score, timeZoneOf(source))} NOT BETWEEN ${range.min} AND ${range.max})`;
    const count = Number((await all(connection, `SELECT COUNT(*) AS n FROM ${prepared.from} AS src WHERE ${condition}`))[0].n);
    if (count === 0) return undefined;
    // Rejected for this reason: the answers no other reason rejects already (one count per row).
    const input = fileInput(source, prepared.bindings!, duck, prepared.rows!);
    const rejected = Number((await all(connection, withInput(input, `SELECT COUNT(*) AS n FROM ${INPUT_NAME} WHERE score NOT BETWEEN ${range.min} AND ${range.max}`)))[0].n);
    const examples = await locate(connection, prepared.from!, prepared.kind!, condition, score.column);
    return {
        count: rejected,
        problem: {
            file: prepared.file, line: examples[0]?.line, severity: 'error', code: 'score-out-of-range',
            message: m.t('data.out-of-scale', {
                count, kpi: kpi.id, where: `${examples.map(e => e.line).join(', ')}${count > examples.length ? '…' : ''}`, sample: examples[0]?.text ?? '', scale: kind
            })
        }
    };
}

/** Cases with the end but no start, and cases whose end only comes before the start (counted by the query). */
function caseProblems(row: Record<string, unknown>, kpi: KpiModel, query: KpiQuery, file: string, m: Messages): DataProblem[] {
    const problems: DataProblem[] = [];
    const missing = Number(row.cases_without_start ?? 0);
    const disorder = Number(row.cases_out_of_order ?? 0);
    if (missing > 0) {
        problems.push({ file, severity: 'warning', code: 'missing-start', message: m.t('data.missing-start', { count: missing, kpi: kpi.id, example: String(row.cases_without_start_example), starts: query.starts!.join(', ') }) });
    }
    if (disorder > 0) {
        problems.push({ file, severity: 'warning', code: 'events-out-of-order', message: m.t('data.events-out-of-order', { count: disorder, example: String(row.cases_out_of_order_example) }) });
    }
    return problems;
}

/** The first line of a text file (its header), read without the rest. */
async function firstLine(file: string): Promise<string> {
    const handle = await fs.open(file, 'r');
    try {
        const buffer = Buffer.alloc(65_536);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    } finally {
        await handle.close();
    }
}

function firstLineOf(error: unknown): string {
    return String((error as Error).message ?? error).split('\n')[0].replace(/\.$/, '');
}

function lineIn(error: unknown): number | undefined {
    const match = /\bline:? (\d+)/.exec(String((error as Error).message ?? ''));
    return match ? Number(match[1]) : undefined;
}
