/**
 * The preview of a folder for `journey render` and `journey serve`: loads the journeys (the
 * one loader, `loadWorkspace`), computes the KPIs bound to data (series, surveys, event logs:
 * the metrics engine), and gives each journey file its payload through the one payload
 * builder, `previewPayload`. The language server makes its payloads from its own documents
 * (src/server/preview-request.ts).
 */
import { randomBytes } from 'node:crypto';
import type { DiffMarks } from '../diff/diff-marks.js';
import type { DataProblem, KpiResult } from '../language/model/kpi-results.js';
import { distinctProblems } from '../language/model/kpi-results.js';
import { currentDay, dateOfDay, dayOf } from '../language/model/today.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { loadWorkspace, type JourneyWorkspace } from '../node/journey-workspace.js';
import { renderPage } from '../render/page.js';
import { portfolio } from '../language/model/portfolio.js';
import { DEFAULT_LOCALE, type Locale } from '../language/i18n/i18n.js';
import { overviewTitles, renderOverviewPage, type OverviewFilters } from '../render/overview-html.js';
import { previewPayload, type LastValidMaps, type PreviewPayload } from '../render/preview-data.js';
import { readPreviewBundle } from './preview-bundle.js';

export interface PreviewWorkspace {
    workspace: JourneyWorkspace;
    results: KpiResult[];
    /** Every data problem of the folder, for the command's own report. */
    problems: DataProblem[];
    /** Workspace-relative files that hold at least one journey, in order. */
    journeyFiles: string[];
    /** `YYYY-MM-DD` the statuses were judged on: the page judges edits on the same day. */
    today: string;
    /** The language of the pages (the CLI's). */
    locale: Locale;
}

export async function loadPreviewWorkspace(root: string, today = dayOf(currentDay()), locale: Locale = DEFAULT_LOCALE): Promise<PreviewWorkspace> {
    const workspace = await loadWorkspace(['.'], { cwd: root, locale });
    const { results } = await computeMetrics(workspace.model, root, { today: dateOfDay(today), locale });
    const problems = distinctProblems(results.flatMap(result => result.problems));
    const journeyFiles = [...new Set(workspace.model.journeys.map(j => j.file))];
    return { workspace, results, problems, journeyFiles, today, locale };
}

/**
 * The payload of one journey file: the whole model (for references), its journeys shown, and the
 * file's first error for the banner; through `lastValid` (serve), the file's last map without errors.
 */
export function payloadFor(preview: PreviewWorkspace, file: string, marks?: DiffMarks, lastValid?: LastValidMaps): PreviewPayload {
    const errors = preview.workspace.diagnostics.filter(d => d.file === file && d.severity === 'error');
    const first = errors[0];
    const payload = previewPayload({
        model: preview.workspace.model, results: preview.results, file, today: preview.today, marks, locale: preview.locale,
        ...(first ? { errors: { line: first.line, message: first.message, count: errors.length } } : {})
    });
    return lastValid ? lastValid.show(payload) : payload;
}

export function newNonce(): string {
    return randomBytes(16).toString('base64');
}

/** A page with the preview script inlined: `static` for a file, `serve` for `journey serve`. */
export async function htmlPage(payload: PreviewPayload, mode: 'static' | 'serve', indexHref?: string): Promise<string> {
    return renderPage({ payload, script: await readPreviewBundle(payload.locale), nonce: newNonce(), mode, ...(indexHref ? { indexHref } : {}) });
}

/**
 * The portfolio overview of the folder as a page (serve's index, render's index.html): every
 * journey's health, worst first, linked to its map by `hrefFor`.
 */
export function overviewPage(preview: PreviewWorkspace, options: { folder: string; hrefFor: (file: string) => string; filters?: OverviewFilters; nonce?: string; csp?: string; live?: boolean }): string {
    const data = portfolio(preview.workspace.model, preview.results, dateOfDay(preview.today));
    const errors = preview.workspace.diagnostics.filter(d => d.severity === 'error').map(d => `${d.file}:${d.line}: ${d.message}`);
    return renderOverviewPage(data, {
        ...overviewTitles(options.folder, preview.today, preview.locale),
        hrefFor: file => options.hrefFor(file),
        locale: preview.locale,
        problems: errors,
        ...(options.filters ? { filters: options.filters } : {}),
        ...(options.nonce ? { nonce: options.nonce } : {}),
        ...(options.csp ? { csp: options.csp } : {}),
        ...(options.live ? { live: true } : {})
    });
}
