import '../polyfills.js';
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createJourneyServices } from '../language/journey-module.js';
import { SERVER_STATS_METHOD, type ServerStats } from './protocol.js';
import { KpiStatusService } from './kpi-status-service.js';
import { registerMermaidRequests } from './mermaid-request.js';
import { registerPreviewRequests } from './preview-request.js';

/** Starts the journey language server on the process's stdio (or the transport given on the command line). */
export function startNodeServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Journey } = createJourneyServices({ connection, ...NodeFileSystem });

    // Count validations, so that benchmarks can check that an edit re-validates only what it affects.
    const validationsByUri: Record<string, number> = {};
    let validations = 0;
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
        validations++;
        const uri = document.uri.toString();
        validationsByUri[uri] = (validationsByUri[uri] ?? 0) + 1;
    });
    const kpiStatuses = new KpiStatusService(connection, shared, Journey);
    connection.onRequest(SERVER_STATS_METHOD, (): ServerStats => {
        const memory = process.memoryUsage();
        return {
            validations, validationsByUri, documents: shared.workspace.LangiumDocuments.all.count(), rss: memory.rss, heapUsed: memory.heapUsed,
            kpiPasses: kpiStatuses.counts.passes, kpiEngineRuns: kpiStatuses.counts.engineRuns
        };
    });

    // ---- Other server features register here (one import and one call each). ----
    registerPreviewRequests(connection, shared, Journey);
    registerMermaidRequests(connection);

    startLanguageServer(shared);
}
