// What the desktop extension (extension.ts) and the web extension (extension-browser.ts) share:
// the client's options and the editor features. Only the way the server is started differs.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DATA_FILES_CHANGED } from '../server/protocol.js';
import { registerCompareWith } from './compare-with.js';
import { registerImportMermaid } from './import-mermaid.js';
import { registerPreview } from './preview/register-preview.js';

export function clientOptions(): LanguageClientOptions {
    return {
        documentSelector: [{ language: 'journey' }],
        synchronize: {
            // Journeys refer to each other across files: keep the server told of files changed on disk.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.journey'),
            configurationSection: 'journey'
        },
        outputChannelName: 'Journey Language Server'
    };
}

/** Registers the editor features on a started client. */
export function registerFeatures(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
    watchDataFiles(context, client);
    // ---- Features of the extension register here, each with one import and one call: ----
    registerImportMermaid(context, client);
    registerPreview(context, client);
    registerCompareWith(context, client);
    // ---- end of feature registrations ----
}

/** KPIs are computed from data files: the server hears of their changes to compute them again. */
function watchDataFiles(context: vscode.ExtensionContext, languageClient: BaseLanguageClient): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,jsonl,ndjson,json,parquet}');
    const changed = () => void languageClient.sendNotification(DATA_FILES_CHANGED);
    context.subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
}
