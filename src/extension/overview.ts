/**
 * "Journey: Overview" (`journey.overview`): every journey of the workspace folder with its
 * health, worst first, filterable (src/render/overview-html.ts). The language server builds the
 * portfolio (`journey/overview`); a journey's title opens its file.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { overviewTitles, renderOverviewPage } from '../render/overview-html.js';
import { OVERVIEW_METHOD, type OverviewParams, type OverviewResult } from '../server/protocol.js';
import { newNonce } from './preview/page-assets.js';

export function registerOverview(context: vscode.ExtensionContext, client: LanguageClient): void {
    let panel: vscode.WebviewPanel | undefined;
    context.subscriptions.push(vscode.commands.registerCommand('journey.overview', async () => {
        const folders = vscode.workspace.workspaceFolders ?? [];
        const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick() : folders[0];
        if (folders.length > 1 && !folder) return;
        const params: OverviewParams = folder ? { root: folder.uri.toString() } : {};
        const result = await client.sendRequest<OverviewResult>(OVERVIEW_METHOD, params);
        // The server's locale, so that journey.locale applies here as in diagnostics and the preview.
        const locale = result.locale;
        const { title, subtitle } = overviewTitles(folder?.name ?? 'Journey', result.today, locale);
        if (!panel) {
            // Links open the journey's file, and only that: vscode.open is the one command a link may run.
            panel = vscode.window.createWebviewPanel('journey.overview', title, vscode.ViewColumn.Active,
                { enableScripts: true, enableCommandUris: ['vscode.open'], enableFindWidget: true, localResourceRoots: [] });
            panel.onDidDispose(() => { panel = undefined; }, undefined, context.subscriptions);
        }
        panel.title = title;
        const nonce = newNonce();
        const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:`;
        panel.webview.html = renderOverviewPage(result.portfolio, {
            title, locale, nonce, csp,
            subtitle,
            hrefFor: file => {
                const uri = folder ? vscode.Uri.joinPath(folder.uri, ...file.split('/')) : vscode.Uri.file(file);
                return `command:vscode.open?${encodeURIComponent(JSON.stringify([uri]))}`;
            }
        });
        panel.reveal();
    }));
}
