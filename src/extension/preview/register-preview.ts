/** Commands, serializer and export of the journey map preview: one call from the extension. */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { PREVIEW_MODEL_METHOD, RENDER_MAP_SVG_METHOD, type PreviewModelParams, type PreviewModelResult, type RenderMapSvgResult } from '../../server/protocol.js';
import { extensionMessages } from '../extension-locale.js';
import { selfContainedPage } from './page-assets.js';
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
            void vscode.window.showInformationMessage(extensionMessages().t('ext.preview.openJourney'));
            return;
        }
        const column = toSide ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
        if (preview) {
            preview.panel.reveal(column, toSide);
            preview.show(document);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, extensionMessages().t('ext.preview.title'), { viewColumn: column, preserveFocus: toSide }, panelOptions());
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
    const m = extensionMessages();
    if (!uri) {
        void vscode.window.showInformationMessage(m.t('ext.export.openJourney'));
        return;
    }
    const target = await vscode.window.showSaveDialog({
        defaultUri: uri.with({ path: uri.path.replace(/\.journey$/, '.html') }),
        filters: { [m.t('ext.export.html')]: ['html'], [m.t('ext.export.svg')]: ['svg'] },
        title: m.t('ext.export.title')
    });
    if (!target) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const params: PreviewModelParams = { uri: uri.toString(), ...(folder ? { root: folder.uri.toString() } : {}) };
    // The SVG's charts are drawn by Vega in the language server; the HTML page inlines the preview script.
    const text = target.path.toLowerCase().endsWith('.svg')
        ? (await client.sendRequest<RenderMapSvgResult>(RENDER_MAP_SVG_METHOD, params)).svg
        : await selfContainedPage(context, (await client.sendRequest<PreviewModelResult>(PREVIEW_MODEL_METHOD, params)).payload);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const reveal = m.t('ext.export.reveal');
    const choice = await vscode.window.showInformationMessage(m.t('ext.export.done', { file: vscode.workspace.asRelativePath(target) }), reveal);
    if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', target);
}
