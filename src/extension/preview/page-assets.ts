/**
 * What the extension's webviews are made of: a nonce for their CSP, the preview script of the
 * package (dist/webview/preview.js, read through vscode.workspace.fs so that a web extension can
 * reuse this), and a self-contained page (Compare with…, Export Map… as HTML).
 */
import * as vscode from 'vscode';
import { renderPage } from '../../render/page.js';
import type { PreviewPayload } from '../../render/preview-data.js';

/** A fresh random value for a page's CSP (Web Crypto: the same in Node and in a browser). */
export function newNonce(): string {
    return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function previewScriptUri(context: vscode.ExtensionContext): vscode.Uri {
    return vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', 'preview.js');
}

/** The journey map as a page holding its payload and the preview script: it needs nothing else. */
export async function selfContainedPage(context: vscode.ExtensionContext, payload: PreviewPayload): Promise<string> {
    const script = new TextDecoder().decode(await vscode.workspace.fs.readFile(previewScriptUri(context)));
    return renderPage({ payload, script, nonce: newNonce(), mode: 'static' });
}
