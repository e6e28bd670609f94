// What the desktop extension (extension.ts) and the web extension (extension-browser.ts) share:
// the client's options and the editor features. Only the way the server is started differs.
import * as vscode from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { DATA_FILES_CHANGED } from '../server/protocol.js';
import { registerCompareWith, type OtherVersionSource } from './compare-with.js';
import { registerImportMermaid } from './import-mermaid.js';
import { registerOverview } from './overview.js';
import { registerPreview } from './preview/register-preview.js';

/**
 * The journey documents the server is told of: those of the workspace, not the other versions
 * the editor shows beside them (the original side of a diff: git's `git:` documents on the
 * desktop, a pull request's base in github.dev), whose journeys would clash with the
 * workspace's own (duplicate ids) and be checked as if they were part of it.
 * `desktop`: files on disk and untitled documents; `web`: the workspace folders' files and
 * untitled documents (any journey document when no folder is open).
 */
export function journeyDocuments(host: 'desktop' | 'web'): DocumentSelector {
    if (host === 'desktop') return [{ language: 'journey', scheme: 'file' }, { language: 'journey', scheme: 'untitled' }];
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) return [{ language: 'journey' }];
    return [
        ...folders.map(folder => ({ language: 'journey', pattern: { baseUri: folder.uri.toString(), pattern: '**/*' } })),
        { language: 'journey', scheme: 'untitled' }
    ];
}

export function clientOptions(host: 'desktop' | 'web'): LanguageClientOptions {
    return {
        documentSelector: journeyDocuments(host),
        synchronize: {
            // Journeys refer to each other across files: keep the server told of files changed on disk.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.journey'),
            configurationSection: 'journey'
        },
        outputChannelName: 'Journey Language Server'
    };
}

/** Registers the editor features on a started client; `otherVersions`: where Compare with… finds the other version. */
export function registerFeatures(context: vscode.ExtensionContext, client: BaseLanguageClient, otherVersions: OtherVersionSource): void {
    watchDataFiles(context, client);
    // ---- Features of the extension register here, each with one import and one call: ----
    registerImportMermaid(context, client);
    registerPreview(context, client);
    registerCompareWith(context, client, otherVersions);
    registerOverview(context, client);
    // ---- end of feature registrations ----
}

/** KPIs are computed from data files: the server hears of their changes to compute them again. */
function watchDataFiles(context: vscode.ExtensionContext, languageClient: BaseLanguageClient): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,jsonl,ndjson,json,parquet}');
    const changed = () => void languageClient.sendNotification(DATA_FILES_CHANGED);
    context.subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
}
