import '../polyfills.js';
import { DocumentState, type URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import {
    createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection
} from 'vscode-languageserver/node';
import { createJourneyServices } from '../language/journey-module.js';
import type { JourneyDocumentBuilder } from '../language/lsp/journey-document-builder.js';
import type { JourneyDocumentUpdateHandler } from '../language/lsp/journey-document-update-handler.js';
import { IncomingMessages } from './incoming-messages.js';
import type { WorkspaceDiff } from '../diff/diff-types.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import type { Locale } from '../language/i18n/i18n.js';
import { SERVER_STATS_METHOD, type CompareModelParams, type ServerStats, type ServerStatsParams } from './protocol.js';
import { nodeKpiEngine } from './kpi-engine-node.js';
import { KpiStatusService } from './kpi-status-service.js';
import { registerMermaidRequests } from './mermaid-request.js';
import { registerPreviewRequests } from './preview-request.js';
import { registerOverviewRequest } from './overview-request.js';
import { JourneyNodeFileSystemProvider, ServerWorkspaceManager } from './server-workspace.js';

/** Starts the journey language server on the process's stdio (or the transport given on the command line). */
export function startNodeServer(): void {
    const incoming = new IncomingMessages();
    const connection = createJourneyConnection(incoming);
    const { shared, Journey } = createJourneyServices({ connection, fileSystemProvider: () => new JourneyNodeFileSystemProvider() }, {
        shared: { workspace: { WorkspaceManager: services => new ServerWorkspaceManager(services) } }
    });
    (shared.workspace.DocumentBuilder as JourneyDocumentBuilder).backlog = incoming;

    // Count validations, so that benchmarks can check that an edit re-validates only what it affects.
    const validationsByUri: Record<string, number> = {};
    let validations = 0;
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
        validations++;
        const uri = document.uri.toString();
        validationsByUri[uri] = (validationsByUri[uri] ?? 0) + 1;
    });
    const kpiStatuses = new KpiStatusService(connection, shared, Journey, nodeKpiEngine(connection));
    const updates = shared.lsp.DocumentUpdateHandler as JourneyDocumentUpdateHandler;
    connection.onRequest(SERVER_STATS_METHOD, async (params?: ServerStatsParams): Promise<ServerStats> => {
        await updates.settled();
        // A full collection first, when asked and allowed (`node --expose-gc`): what the server retains.
        if (params?.gc) (globalThis as { gc?: () => void }).gc?.();
        const memory = process.memoryUsage();
        return {
            validations, validationsByUri, documents: shared.workspace.LangiumDocuments.all.count(), rss: memory.rss, heapUsed: memory.heapUsed,
            kpiPasses: kpiStatuses.counts.passes, kpiEngineRuns: kpiStatuses.counts.engineRuns
        };
    });

    // ---- Other server features register here (one import and one call each). ----
    registerPreviewRequests(connection, shared, Journey, compareWithRevisionOrPath);
    registerMermaidRequests(connection, Journey.JourneySettings);
    registerOverviewRequest(connection, shared, Journey);

    startLanguageServer(shared);
}

/** Compare with… a git revision or a path, read by the diff engine (git runs here, files are read from disk). */
async function compareWithRevisionOrPath(params: CompareModelParams, root: URI, model: WorkspaceModel, locale: Locale): Promise<WorkspaceDiff> {
    // Loaded on first use: most sessions never compare.
    const { diffAgainst } = await import('../diff/diff-sources.js');
    return diffAgainst(params.base, root.fsPath, model, locale);
}

/**
 * The connection over the transport the command line names (`--stdio`, `--node-ipc`), reading
 * through `incoming` (incoming-messages.ts); vscode-languageserver opens the others
 * (`--socket`, `--pipe`) itself, and only counts their messages.
 */
function createJourneyConnection(incoming: IncomingMessages): Connection {
    const options = { messageStrategy: incoming.strategy };
    if (process.argv.includes('--node-ipc')) {
        return createConnection(ProposedFeatures.all, incoming.reader(new IPCMessageReader(process)), new IPCMessageWriter(process), options);
    }
    if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all, options);
    // What vscode-languageserver does for `--stdio` and skips for a reader it did not make:
    // stdout carries the protocol, so console output goes to stderr; the server ends with its input.
    for (const method of ['log', 'info', 'debug', 'trace', 'dir'] as const) console[method] = console.error;
    for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(0));
    return createConnection(ProposedFeatures.all, incoming.reader(new StreamMessageReader(process.stdin)), new StreamMessageWriter(process.stdout), options);
}
