// The VS Code extension: starts the bundled journey language server and wires editor features.
// It parses nothing itself: every feature asks the server (src/server/protocol.ts).
import '../polyfills.js';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DATA_FILES_CHANGED } from '../server/protocol.js';
import { registerCompareWith } from './compare-with.js';
import { registerImportMermaid } from './import-mermaid.js';
import { registerPreview } from './preview/register-preview.js';

/** The running language client, for the other modules of the extension (preview, commands). */
export let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
    client = startLanguageClient(context);
    await client.start();
    watchDataFiles(context, client);

    // ---- Features of the extension register here, each with one import and one call: ----
    // e.g. registerPreview(context, client);
    registerImportMermaid(context, client);
    registerPreview(context, client);
    registerCompareWith(context, client);
    // ---- end of feature registrations ----

    return { client };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

/** KPIs are computed from data files: the server hears of their changes to compute them again. */
function watchDataFiles(context: vscode.ExtensionContext, languageClient: LanguageClient): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,jsonl,ndjson,json,parquet}');
    const changed = () => void languageClient.sendNotification(DATA_FILES_CHANGED);
    context.subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
}

function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
    const serverModule = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'journey' }],
        synchronize: {
            // Journeys refer to each other across files: keep the server told of files changed on disk.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.journey'),
            configurationSection: 'journey'
        },
        outputChannelName: 'Journey Language Server'
    };
    return new LanguageClient('journey', 'Journey Language Server', serverOptions, clientOptions);
}
