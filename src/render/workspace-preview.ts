/**
 * Node side of the preview: loads a folder of journeys (the one loader, `loadWorkspace`),
 * computes the KPIs bound to data (series, surveys, event logs: the metrics engine), and makes
 * the payload of each journey file. Shared by `journey render` and `journey serve`.
 */
import { randomBytes } from 'node:crypto';
import { loadWorkspace, type JourneyWorkspace } from '../node/journey-workspace.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { distinctProblems, type DataProblem, type KpiResult } from '../language/model/kpi-results.js';
import { readPreviewBundle } from './bundle-file.js';
import { renderPage } from './page.js';
import type { PreviewPayload } from './preview-data.js';

export interface PreviewWorkspace {
    workspace: JourneyWorkspace;
    results: KpiResult[];
    problems: DataProblem[];
    /** Workspace-relative files that hold at least one journey, in order. */
    journeyFiles: string[];
}

export async function loadPreviewWorkspace(root: string, today?: string): Promise<PreviewWorkspace> {
    const workspace = await loadWorkspace(['.'], { cwd: root });
    const { results } = await computeMetrics(workspace.model, root, { today: today ? new Date(`${today}T12:00:00Z`) : new Date() });
    const problems = distinctProblems(results.flatMap(result => result.problems));
    const journeyFiles = [...new Set(workspace.model.journeys.map(j => j.file))];
    return { workspace, results, problems, journeyFiles };
}

/** The payload of one journey file: the whole model (for references), its journeys shown. */
export function payloadFor(preview: PreviewWorkspace, file: string, today?: string): PreviewPayload {
    const problems = preview.problems.filter(p => preview.results.some(r => r.problems.includes(p) && preview.workspace.model.journeys.some(j => j.file === file && j.id === r.journey)) || p.file === file);
    const journeys = preview.workspace.model.journeys.filter(j => j.file === file);
    return {
        model: preview.workspace.model,
        results: preview.results,
        file,
        ...(problems.length ? { problems } : {}),
        ...(today ? { today } : {}),
        title: journeys.map(j => j.title).join(' · ') || file
    };
}

export function newNonce(): string {
    return randomBytes(16).toString('base64');
}

export async function htmlPage(payload: PreviewPayload, mode: 'static' | 'serve', indexHref?: string): Promise<string> {
    return renderPage({ payload, script: await readPreviewBundle(), nonce: newNonce(), mode, ...(indexHref ? { indexHref } : {}) });
}
