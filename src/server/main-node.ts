import '../polyfills.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createJourneyServices } from '../language/journey-module.js';
import { registerPreviewRequests } from './preview-request.js';

/** Starts the journey language server on the process's stdio (or the transport given on the command line). */
export function startNodeServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createJourneyServices({ connection, ...NodeFileSystem });
    registerPreviewRequests(connection, shared);
    startLanguageServer(shared);
}
