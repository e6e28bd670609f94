/**
 * The simplest measured data a KPI can be bound to: a CSV of `period,value[,segment]`, as BI
 * tools export it, declared with `source X series "data/file.csv"` and bound with `data X`
 * in the KPI. The path is relative to the file the source is written in and must stay inside
 * the workspace. Every rejected row becomes a `DataProblem` with the file and line.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SourceModel, WorkspaceModel } from '../language/model/journey-model.js';
import type { DataProblem, KpiResult } from '../language/model/kpi-results.js';
import { currentDay } from '../language/model/today.js';
import { DEFAULT_LOCALE, type Locale } from '../language/i18n/i18n.js';
import { notUtf8Problem } from '../node/text-encoding.js';
import { MAX_SERIES_BYTES, parseSeriesCsv, seriesFileProblems, seriesResultsFrom, type SeriesRead } from './series-parse.js';

export { MAX_SERIES_BYTES, parseSeriesCsv, type SeriesColumns, type SeriesRead } from './series-parse.js';

/**
 * Reads the series file of `source`: resolves its path against the file the source is written
 * in (`source.file`, relative to `root`), refuses paths leaving the workspace. Problems are worded in `locale`.
 */
export async function readSeriesSource(root: string, source: SourceModel, locale: Locale = DEFAULT_LOCALE): Promise<SeriesRead> {
    const rootReal = await fs.realpath(root).catch(() => path.resolve(root));
    const absolute = path.resolve(root, path.dirname(source.file), source.path);
    if (path.isAbsolute(source.path) || !inside(path.resolve(root), absolute)) return seriesFileProblems.outside(source, locale);
    const real = await fs.realpath(absolute).catch(() => undefined);
    if (!real) return seriesFileProblems.missing(source, relative(root, absolute), locale);
    if (!inside(rootReal, real)) return seriesFileProblems.outsideThroughLink(source, locale);
    const stat = await fs.stat(real);
    if (!stat.isFile()) return seriesFileProblems.notAFile(source, locale);
    if (stat.size > MAX_SERIES_BYTES) return seriesFileProblems.tooLarge(source, stat.size, locale);
    const encoding = await notUtf8Problem(real, relative(root, absolute), locale);
    if (encoding) return { points: [], rowsUsed: 0, rowsRejected: 0, problems: [{ file: relative(root, absolute), severity: 'error', ...encoding }] };
    const text = await fs.readFile(real, 'utf8');
    return parseSeriesCsv(text, relative(root, absolute), source.columns, locale);
}

function inside(root: string, file: string): boolean {
    const rel = path.relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function relative(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}

/**
 * The results of every KPI bound to a `series` source, its files read from disk under `root`.
 * Sources of other formats (survey, events) are left to the metrics engine.
 */
export async function seriesResults(model: WorkspaceModel, root: string, today = currentDay(), locale: Locale = DEFAULT_LOCALE): Promise<{ results: KpiResult[]; problems: DataProblem[] }> {
    return seriesResultsFrom(model, source => readSeriesSource(root, source, locale), today);
}
