/** Commands, serializer and export of the journey map preview: one call from the extension. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderMapSvg } from '../../render/map-svg.js';
import { renderPage } from '../../render/page.js';
import { PREVIEW_MODEL_METHOD, type PreviewModelResult } from '../../server/preview-protocol.js';
import { JourneyPreview, PREVIEW_VIEW_TYPE, isJourney } from './preview-manager.js';

export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
    let preview: JourneyPreview | undefined;

    const panelOptions = (): vscode.WebviewPanelOptions & vscode.WebviewOptions => ({
        enableScripts: true,
        retainContextWhenHidden: false,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')]
    });

    const open = (uri: vscode.Uri | undefined, toSide: boolean) => {
        const document = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!document || !document.path.endsWith('.journey')) {
            void vscode.window.showInformationMessage('Open a .journey file to preview its journey map.');
            return;
        }
        const column = toSide ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
        if (preview) {
            preview.panel.reveal(column, toSide);
            preview.show(document);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Journey preview', { viewColumn: column, preserveFocus: toSide }, panelOptions());
        preview = new JourneyPreview(panel, context, client, document, () => { preview = undefined; });
    };

    context.subscriptions.push(
        vscode.commands.registerCommand('journey.showPreview', (uri?: vscode.Uri) => open(uri, false)),
        vscode.commands.registerCommand('journey.showPreviewToSide', (uri?: vscode.Uri) => open(uri, true)),
        vscode.commands.registerCommand('journey.exportMap', (uri?: vscode.Uri) => exportMap(context, client, uri ?? preview?.uri ?? activeJourney())),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { uri?: string } | undefined) {
                const uri = state?.uri ? vscode.Uri.parse(state.uri) : activeJourney();
                if (!uri) { panel.dispose(); return; }
                preview?.panel.dispose();
                preview = new JourneyPreview(panel, context, client, uri, () => { preview = undefined; });
            }
        }),
        { dispose: () => preview?.panel.dispose() }
    );
}

function activeJourney(): vscode.Uri | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return isJourney(document) ? document.uri : undefined;
}

/** "Journey: Export Map…": the same map as the preview, to a self-contained HTML file or an SVG file. */
async function exportMap(context: vscode.ExtensionContext, client: LanguageClient, uri: vscode.Uri | undefined): Promise<void> {
    if (!uri) {
        void vscode.window.showInformationMessage('Open a .journey file to export its journey map.');
        return;
    }
    const target = await vscode.window.showSaveDialog({
        defaultUri: uri.with({ path: uri.path.replace(/\.journey$/, '.html') }),
        filters: { 'HTML page': ['html'], 'SVG image': ['svg'] },
        title: 'Export the journey map'
    });
    if (!target) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const result = await client.sendRequest<PreviewModelResult>(PREVIEW_MODEL_METHOD, { uri: uri.toString(), ...(folder ? { root: folder.uri.toString() } : {}) });
    let text: string;
    if (target.path.toLowerCase().endsWith('.svg')) {
        text = await renderMapSvg(result.payload);
    } else {
        const script = await fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', 'preview.js').fsPath, 'utf8');
        text = renderPage({ payload: result.payload, script, nonce: randomBytes(16).toString('base64'), mode: 'static' });
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    const choice = await vscode.window.showInformationMessage(`Journey map exported to ${vscode.workspace.asRelativePath(target)}.`, 'Reveal');
    if (choice === 'Reveal') void vscode.commands.executeCommand('revealFileInOS', target);
}
