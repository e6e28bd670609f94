/**
 * Serves `journey/previewModel`: waits until pending edits are built (the workspace lock's
 * read queue runs after queued writes), then turns the server's documents into the journey
 * model, with the latest KPI results of the metrics engine (kpi-status-service.ts).
 */
import * as path from 'node:path';
import type { LangiumSharedServices } from 'langium/lsp';
import { URI } from 'vscode-uri';
import type { Connection } from 'vscode-languageserver';
import type { JourneyServices } from '../language/journey-module.js';
import { PREVIEW_MODEL_METHOD, type PreviewModelParams, type PreviewModelResult } from './preview-protocol.js';
import { distinctProblems } from '../language/model/kpi-results.js';
import { relativeTo } from '../node/journey-workspace.js';
import { serverWorkspaceModel } from './server-model.js';

export function registerPreviewRequests(connection: Connection, shared: LangiumSharedServices, journey: JourneyServices): void {
    connection.onRequest(PREVIEW_MODEL_METHOD, (params: PreviewModelParams) => previewModel(shared, journey, params));
}

export async function previewModel(shared: LangiumSharedServices, journey: JourneyServices, params: PreviewModelParams): Promise<PreviewModelResult> {
    const uri = URI.parse(params.uri);
    const root = params.root ? URI.parse(params.root).fsPath : path.dirname(uri.fsPath);
    return shared.workspace.WorkspaceLock.read(async () => {
        const model = serverWorkspaceModel(shared, root);
        // Data problems are the metrics engine's: `journey metrics` lists them with file and line.
        const results = journey.KpiStatuses.all(model);
        const problems = distinctProblems(results.flatMap(r => r.problems));
        const file = relativeTo(root, uri.fsPath);
        const version = shared.workspace.TextDocuments?.get(uri.toString())?.version;
        const journeys = model.journeys.filter(j => j.file === file);
        return {
            payload: { model, results, file, ...(problems.length ? { problems } : {}), title: journeys.map(j => j.title).join(' · ') || path.basename(uri.fsPath) },
            ...(version !== undefined ? { version } : {})
        };
    });
}
