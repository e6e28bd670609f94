// The VS Code extension: starts the bundled journey language server and wires editor features.
// It parses nothing itself: every feature asks the server (src/server/protocol.ts).
// The web extension (github.dev, vscode.dev) is extension-browser.ts.
import '../polyfills.js';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, registerFeatures } from './client-features.js';

/** The running language client, for the other modules of the extension (preview, commands). */
export let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
    client = startLanguageClient(context);
    await client.start();
    registerFeatures(context, client, 'git');
    return { client };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
    const serverModule = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    return new LanguageClient('journey', 'Journey Language Server', serverOptions, clientOptions('desktop'));
}
