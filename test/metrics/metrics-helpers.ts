import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { computeMetrics, type MetricsOptions } from '../../src/metrics/compute-metrics.js';
import type { KpiResult } from '../../src/language/model/kpi-results.js';

export const TODAY = new Date('2026-06-15T12:00:00Z');

/** Writes `files` into a fresh temporary folder and returns it. */
export function tempWorkspace(files: Record<string, string | Buffer>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'journey-metrics-'));
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), content);
    }
    return root;
}

export function removeWorkspace(root: string): void {
    rmSync(root, { recursive: true, force: true });
}

/** Loads the workspace, fails on journey errors, computes its KPIs. */
export async function metricsOf(files: Record<string, string | Buffer>, options: MetricsOptions = {}): Promise<{ results: KpiResult[]; byId: Record<string, KpiResult> }> {
    const root = tempWorkspace(files);
    try {
        const workspace = await loadWorkspace(['.'], { cwd: root });
        const errors = workspace.diagnostics.filter(d => d.severity === 'error');
        if (errors.length) throw new Error(`journey errors: ${JSON.stringify(errors)}`);
        const { results } = await computeMetrics(workspace.model, root, { today: TODAY, ...options });
        return { results, byId: Object.fromEntries(results.map(r => [r.kpi, r])) };
    } finally {
        removeWorkspace(root);
    }
}

/** CSV text from a header and rows. */
export function csv(header: string, rows: Array<Array<string | number>>): string {
    return [header, ...rows.map(r => r.join(','))].join('\n') + '\n';
}
