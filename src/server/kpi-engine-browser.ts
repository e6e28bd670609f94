/**
 * The KPI engine of the language server in a web worker: no DuckDB there, so KPIs bound to
 * series files get their status from those files, read through the client as the journey files
 * are (client-file-system.ts), with the checks `journey metrics` makes of them (inside the
 * workspace, size, UTF-8); KPIs bound to other sources (events, surveys) are left to
 * `journey metrics`, and the preview's cards say so.
 */
import { UriUtils, type FileSystemProvider, type URI } from 'langium';
import type { SourceModel } from '../language/model/journey-model.js';
import type { Locale } from '../language/i18n/i18n.js';
import { notUtf8Message } from '../language/model/kpi-results.js';
import { MAX_SERIES_BYTES, parseSeriesCsv, seriesFileProblems, seriesResultsFrom, type SeriesRead } from '../metrics/series-parse.js';
import type { KpiEngine } from './kpi-status-service.js';

export function seriesKpiEngine(files: FileSystemProvider): KpiEngine {
    return async (model, root, locale) => (await seriesResultsFrom(model, source => readSeries(files, root, source, locale))).results;
}

async function readSeries(files: FileSystemProvider, root: URI, source: SourceModel, locale: Locale): Promise<SeriesRead> {
    if (/^([/\\]|[a-zA-Z]:)/.test(source.path)) return seriesFileProblems.outside(source, locale);
    const folder = UriUtils.dirname(UriUtils.joinPath(root, source.file));
    const file = UriUtils.resolvePath(folder, source.path);
    const name = UriUtils.relative(root, file);
    if (name.startsWith('../') || !UriUtils.contains(root, file)) return seriesFileProblems.outside(source, locale);
    let text: string;
    try {
        text = await files.readFile(file);
    } catch {
        return seriesFileProblems.missing(source, name, locale);
    }
    if (text.length > MAX_SERIES_BYTES) return seriesFileProblems.tooLarge(source, text.length, locale);
    // The client decodes UTF-8 and puts U+FFFD where bytes are not: the line of the first one.
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
        const line = text.slice(0, bad).split('\n').length;
        return { points: [], rowsUsed: 0, rowsRejected: 0, problems: [{ file: name, line, severity: 'error', code: 'not-utf8', message: notUtf8Message(name, line, locale) }] };
    }
    return parseSeriesCsv(text, name, source.columns, locale);
}
