/**
 * Serves `journey/previewModel`: waits until pending edits are built (the workspace lock's
 * read queue runs after queued writes), then turns the server's documents into the journey
 * model and reads the series files the KPIs are bound to.
 */
import * as path from 'node:path';
import type { LangiumSharedServices } from 'langium/lsp';
import type { AstNode } from 'langium';
import { URI } from 'vscode-uri';
import type { Connection } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import { buildWorkspaceModel } from '../language/model/build-model.js';
import { seriesResults } from '../metrics/series-csv.js';
import { PREVIEW_MODEL_METHOD, type PreviewModelParams, type PreviewModelResult } from './preview-protocol.js';

export function registerPreviewRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(PREVIEW_MODEL_METHOD, (params: PreviewModelParams) => previewModel(shared, params));
}

export async function previewModel(shared: LangiumSharedServices, params: PreviewModelParams): Promise<PreviewModelResult> {
    const uri = URI.parse(params.uri);
    const root = params.root ? URI.parse(params.root).fsPath : path.dirname(uri.fsPath);
    return shared.workspace.WorkspaceLock.read(async () => {
        const documents = shared.workspace.LangiumDocuments.all.filter(d => d.uri.path.endsWith('.journey')).toArray();
        // The previewed file first would change element order; keep a stable order by URI.
        documents.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
        const relative = (u: URI) => path.relative(root, u.fsPath).split(path.sep).join('/');
        const model = buildWorkspaceModel(documents.map(d => d.parseResult.value as Model), (node: AstNode) => {
            let top = node;
            while (top.$container) top = top.$container;
            return relative(top.$document!.uri);
        });
        const { results, problems } = await seriesResults(model, root);
        const file = relative(uri);
        const version = shared.workspace.TextDocuments?.get(uri.toString())?.version;
        const journeys = model.journeys.filter(j => j.file === file);
        return {
            payload: { model, results, file, ...(problems.length ? { problems } : {}), title: journeys.map(j => j.title).join(' · ') || path.basename(uri.fsPath) },
            ...(version !== undefined ? { version } : {})
        };
    });
}
