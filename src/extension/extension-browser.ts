// The web extension (github.dev, vscode.dev: package.json's `browser`): the same features as the
// desktop one, with the language server in a web worker (dist/web/server.js). The worker has no
// disk: it reads the workspace's files through this client (workspace-files.ts).
import '../polyfills.js';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, registerFeatures } from './client-features.js';
import { answerFileRequests } from './workspace-files.js';

export let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
    const worker = new Worker(serverMain.toString(true));
    client = new LanguageClient('journey', 'Journey Language Server', worker, clientOptions('web'));
    // Before start: the server walks the workspace folders as soon as it is initialized.
    context.subscriptions.push(...answerFileRequests(client));
    await client.start();
    registerFeatures(context, client, 'texts');
    return { client };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
