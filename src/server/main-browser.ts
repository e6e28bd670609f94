/**
 * The journey language server in a web worker (the web extension: github.dev, vscode.dev).
 * The same language services as the Node server (src/server/main-node.ts); what differs is
 * what a worker lacks: no disk (the client reads the workspace for it, client-file-system.ts),
 * no git (Compare with… gets the other version's texts from the client, compare-texts.ts), no
 * DuckDB (KPI statuses from series files only, read through the client: kpi-engine-browser.ts).
 */
import '../polyfills.js';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { createJourneyServices } from '../language/journey-module.js';
import { ClientFileSystemProvider } from './client-file-system.js';
import { diffFromTexts } from './compare-texts.js';
import { seriesKpiEngine } from './kpi-engine-browser.js';
import { KpiStatusService } from './kpi-status-service.js';
import { registerMermaidRequests } from './mermaid-request.js';
import { registerPreviewRequests } from './preview-request.js';
import { registerOverviewRequest } from './overview-request.js';

type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];

/** Starts the server on the worker's messages (`scope`: the worker's global object). */
export function startBrowserServer(scope: WorkerScope): void {
    const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
    const files = new ClientFileSystemProvider(connection);
    const { shared, Journey } = createJourneyServices({ connection, fileSystemProvider: () => files });
    new KpiStatusService(connection, shared, Journey, seriesKpiEngine(files));
    registerPreviewRequests(connection, shared, Journey, (params, root, model, locale) => diffFromTexts(shared, params, root, model, locale), { seriesOnly: true });
    registerMermaidRequests(connection, Journey.JourneySettings);
    registerOverviewRequest(connection, shared, Journey);
    startLanguageServer(shared);
}
