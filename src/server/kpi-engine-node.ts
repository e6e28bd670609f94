/**
 * The KPI engine of the Node language server: the metrics engine of `journey metrics` (DuckDB,
 * loaded on first use). Where DuckDB cannot load (a platform without its binary), KPIs bound to
 * series files are still read, and the server's log says why the others are not computed.
 */
import type { Connection } from 'vscode-languageserver';
import { seriesResults } from '../metrics/series-csv.js';
import type { KpiEngine } from './kpi-status-service.js';

export function nodeKpiEngine(connection: Connection): KpiEngine {
    let engine: Promise<KpiEngine> | undefined;
    return async (model, root, locale) => (await (engine ??= load(connection)))(model, root, locale);
}

function load(connection: Connection): Promise<KpiEngine> {
    return import('../metrics/compute-metrics.js').then(
        ({ computeMetrics }): KpiEngine => async (model, root, locale) => (await computeMetrics(model, root.fsPath, { locale })).results,
        (error: Error): KpiEngine => {
            connection.console.warn(`KPI statuses: the metrics engine (DuckDB) cannot load here (${error.message}); ` +
                'KPIs bound to series files are shown, the others are computed by `journey metrics`.');
            return async (model, root, locale) => (await seriesResults(model, root.fsPath, undefined, locale)).results;
        });
}
