/**
 * Series files without a disk: the parser of a series CSV and the results of the KPIs bound to
 * series sources, from a reader the caller gives (series-csv.ts reads the disk; the language
 * server in a web worker asks its client). No Node here: it also runs in the browser.
 */
import type { KpiModel, SourceModel, WorkspaceModel } from '../language/model/journey-model.js';
import { parsePeriod } from '../language/model/periods.js';
import { evaluateTarget, type DataProblem, type KpiPoint, type KpiResult } from '../language/model/kpi-results.js';
import { currentDay } from '../language/model/today.js';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';

/** Files above this size are refused: a series of periods is small. */
export const MAX_SERIES_BYTES = 20 * 1024 * 1024;

export interface SeriesRead {
    points: KpiPoint[];
    problems: DataProblem[];
    rowsUsed: number;
    rowsRejected: number;
}

/** Column names (lower case) of the standard fields; a source may rename them with `column period "mois"`. */
export interface SeriesColumns {
    period: string;
    value: string;
    segment: string;
}

const DEFAULT_COLUMNS: SeriesColumns = { period: 'period', value: 'value', segment: 'segment' };

/** Splits one CSV line (RFC 4180 quotes, `""` inside quotes). Returns undefined on an unclosed quote. */
function splitLine(line: string, separator: string): string[] | undefined {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
            if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
            else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"' && field.trim() === '') { quoted = true; field = ''; }
        else if (c === separator) { fields.push(field.trim()); field = ''; }
        else field += c;
    }
    if (quoted) return undefined;
    fields.push(field.trim());
    return fields;
}

/** `82.5`, `82,5` (with `;` separators), `82.5 %`, `-3`. */
function parseNumber(text: string, decimalComma: boolean): number | undefined {
    // Stryker disable next-line Regex: equivalent, /\s/g removes the same spaces one by one
    let t = text.replace(/\s+/g, '').replace(/%$/, '');
    if (decimalComma) t = t.replace(',', '.');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
    const value = Number(t);
    return Number.isFinite(value) ? value : undefined;
}

/** The problems of a series file that cannot be read, the same whoever reads it (disk or editor), in `locale`. */
export const seriesFileProblems = {
    outside: (source: SourceModel, locale: Locale = DEFAULT_LOCALE) => problemAt(source, 'series-outside',
        messages(locale).t('series.outside', { path: source.path, source: source.id, file: source.file })),
    outsideThroughLink: (source: SourceModel, locale: Locale = DEFAULT_LOCALE) => problemAt(source, 'series-outside',
        messages(locale).t('series.outside-link', { path: source.path, source: source.id })),
    missing: (source: SourceModel, lookedFor: string, locale: Locale = DEFAULT_LOCALE) => problemAt(source, 'series-missing',
        messages(locale).t('series.missing', { path: source.path, source: source.id, lookedFor, file: source.file })),
    notAFile: (source: SourceModel, locale: Locale = DEFAULT_LOCALE) => problemAt(source, 'series-missing',
        messages(locale).t('series.not-a-file', { path: source.path, source: source.id })),
    tooLarge: (source: SourceModel, bytes: number, locale: Locale = DEFAULT_LOCALE) => problemAt(source, 'series-too-large',
        messages(locale).t('series.too-large', { path: source.path, megabytes: Math.round(bytes / 1048576) }))
};

function problemAt(source: SourceModel, code: string, message: string): SeriesRead {
    return { points: [], rowsUsed: 0, rowsRejected: 0, problems: [{ file: source.file, line: source.line, severity: 'error', code, message }] };
}

/** Parses the text of a series file; `file` is the workspace-relative name used in problems, worded in `locale`. */
export function parseSeriesCsv(text: string, file: string, columns: Partial<SeriesColumns> = {}, locale: Locale = DEFAULT_LOCALE): SeriesRead {
    const m = messages(locale);
    const names = { ...DEFAULT_COLUMNS, ...Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v!.toLowerCase()])) };
    const problems: DataProblem[] = [];
    const problem = (line: number | undefined, code: string, message: string, severity: DataProblem['severity'] = 'error') =>
        problems.push({ file, ...(line ? { line } : {}), severity, code, message });
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    const headerIndex = lines.findIndex(l => l.trim() !== '');
    if (headerIndex < 0) {
        problem(undefined, 'series-empty', m.t('series.empty', { header: `${names.period},${names.value}` }));
        return { points: [], problems, rowsUsed: 0, rowsRejected: 0 };
    }
    const headerLine = lines[headerIndex];
    // Stryker disable next-line StringLiteral: equivalent, a header without , ; or tab is one column, which lacks period or value whatever the separator
    const separator = !headerLine.includes(',') && headerLine.includes(';') ? ';' : !headerLine.includes(',') && headerLine.includes('\t') ? '\t' : ',';
    const decimalComma = separator !== ',';
    const header = (splitLine(headerLine, separator) ?? []).map(h => h.toLowerCase());
    const periodAt = header.indexOf(names.period);
    const valueAt = header.indexOf(names.value);
    const segmentAt = header.indexOf(names.segment);
    if (periodAt < 0 || valueAt < 0) {
        const missing = periodAt < 0 && valueAt < 0 ? 'both' : periodAt < 0 ? 'period' : 'value';
        const found = header.join(', ');
        problem(headerIndex + 1, 'series-header', m.t('series.header', { missing, ...names, count: found ? header.length : 0, found }));
        return { points: [], problems, rowsUsed: 0, rowsRejected: lines.slice(headerIndex + 1).filter(l => l.trim()).length };
    }
    const points: KpiPoint[] = [];
    const seen = new Map<string, number>();
    let rejected = 0;
    for (let i = headerIndex + 1; i < lines.length; i++) {
        const raw = lines[i];
        if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
        const line = i + 1;
        const fields = splitLine(raw, separator);
        if (!fields) { problem(line, 'series-quote', m.t('series.quote')); rejected++; continue; }
        const period = fields[periodAt] ?? '';
        const valueText = fields[valueAt] ?? '';
        // Stryker disable next-line ConditionalExpression: equivalent, without a segment column fields[-1] is undefined
        const segment = segmentAt >= 0 && fields[segmentAt] ? fields[segmentAt] : undefined;
        if (!period) { problem(line, 'series-period', m.t('series.period-empty')); rejected++; continue; }
        if (!parsePeriod(period)) {
            problem(line, 'series-period', m.t('series.period-invalid', { text: period.slice(0, 40) })); rejected++; continue;
        }
        if (valueText === '') { problem(line, 'series-value', m.t('series.value-empty', { period })); rejected++; continue; }
        const value = parseNumber(valueText, decimalComma);
        if (value === undefined) { problem(line, 'series-value', m.t('series.value-invalid', { text: valueText.slice(0, 40), period })); rejected++; continue; }
        // Stryker disable next-line StringLiteral: equivalent, any constant tells the whole population's key from a segment's
        const key = `${period}\u0000${segment ?? ''}`;
        const first = seen.get(key);
        if (first !== undefined) {
            problem(line, 'series-duplicate', m.t('series.duplicate', { period, hasSegment: segment ? 'yes' : 'no', segment: segment ?? '', first: String(first) }), 'warning');
            rejected++; continue;
        }
        seen.set(key, line);
        points.push({ period, value, ...(segment !== undefined ? { segment } : {}) });
    }
    if (points.length === 0 && rejected === 0) problem(headerIndex + 1, 'series-no-rows', m.t('series.no-rows'), 'warning');
    return { points, problems, rowsUsed: points.length, rowsRejected: rejected };
}

/**
 * The results of every KPI bound to a `series` source: the journeys' KPIs and the catalog's.
 * Sources of other formats (survey, events) are left to the metrics engine. `readSource` reads
 * a source's file (once per source), in the locale its problems are worded in.
 */
export async function seriesResultsFrom(model: WorkspaceModel, readSource: (source: SourceModel) => Promise<SeriesRead>, today = currentDay()): Promise<{ results: KpiResult[]; problems: DataProblem[] }> {
    const reads = new Map<string, Promise<SeriesRead>>();
    const results: KpiResult[] = [];
    const problems: DataProblem[] = [];
    const bound: { kpi: KpiModel; journey?: string }[] = [
        ...model.journeys.flatMap(j => j.kpis.filter(k => k.data && !k.shared).map(kpi => ({ kpi, journey: j.id }))),
        // Stryker disable next-line MethodExpression: equivalent, a KPI without data finds no source below and is skipped
        ...model.kpis.filter(k => k.data).map(kpi => ({ kpi }))
    ];
    for (const { kpi, journey } of bound) {
        const source = model.sources.find(s => s.id === kpi.data);
        if (!source || source.format !== 'series') continue;
        let read = reads.get(source.id);
        if (!read) {
            read = readSource(source);
            reads.set(source.id, read);
            problems.push(...(await read).problems);
        }
        const { points, rowsUsed, rowsRejected, problems: own } = await read;
        results.push({
            ...(journey ? { journey } : {}), kpi: kpi.id, points, rowsUsed, rowsRejected, problems: own,
            ...evaluateTarget(kpi.target, points, kpi.direction, today, kpi.unit)
        });
    }
    return { results, problems };
}
