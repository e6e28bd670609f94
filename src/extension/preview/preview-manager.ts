/**
 * The journey map preview in VS Code, after the Markdown preview: "Open Preview" and "Open
 * Preview to the Side", one panel following the active journey editor, models from the
 * language server (`journey/previewModel`) posted as messages, throttled while typing with
 * stale answers dropped, click → reveal source line, cursor → highlight, theme-aware,
 * restored after a reload, "Export Map…" to HTML or SVG.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { webviewHtml } from '../../render/page.js';
import type { PreviewPayload } from '../../render/preview-data.js';
import { KPI_RESULTS_CHANGED, PREVIEW_MODEL_METHOD, type PreviewModelParams, type PreviewModelResult } from '../../server/protocol.js';
import { DEFAULT_LOCALE, messages } from '../../language/i18n/i18n.js';
import { extensionMessages } from '../extension-locale.js';
import { newNonce, previewScriptUri } from './page-assets.js';

export const PREVIEW_VIEW_TYPE = 'journey.preview';
const THROTTLE_MS = 300;

export function isJourney(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
    return !!document && (document.languageId === 'journey' || document.uri.path.endsWith('.journey'));
}

export class JourneyPreview implements vscode.Disposable {
    private document?: vscode.Uri;
    private sent = 0;
    private posted = 0;
    private timer?: ReturnType<typeof setTimeout>;
    private readonly disposables: vscode.Disposable[] = [];
    private lastPayload?: PreviewPayload;

    constructor(readonly panel: vscode.WebviewPanel, private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient, document: vscode.Uri, private readonly onDispose: () => void) {
        const webview = panel.webview;
        webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
        webview.html = this.html();
        this.disposables.push(
            webview.onDidReceiveMessage(message => this.onMessage(message)),
            panel.onDidDispose(() => this.dispose()),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (isJourney(event.document)) this.schedule();
            }),
            vscode.workspace.onDidSaveTextDocument(document => { if (isJourney(document)) this.schedule(); }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (editor && isJourney(editor.document) && editor.document.uri.toString() !== this.document?.toString()) this.show(editor.document.uri);
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor.document.uri.toString() !== this.document?.toString()) return;
                void webview.postMessage({ type: 'highlight', file: this.lastPayload?.file, line: event.selections[0].active.line + 1 });
            }),
            vscode.window.onDidChangeActiveColorTheme(() => this.schedule(0))
        );
        // The server computes KPIs again after a journey or data file changed, then says so.
        this.disposables.push(client.onNotification(KPI_RESULTS_CHANGED, () => this.schedule(0)));
        this.show(document);
    }

    get uri(): vscode.Uri | undefined {
        return this.document;
    }

    show(document: vscode.Uri): void {
        this.document = document;
        this.panel.title = extensionMessages().t('ext.preview.panelTitle', { file: document.path.split('/').pop() });
        this.schedule(0);
    }

    /** Throttles model requests while typing; the latest edit always gets a request. */
    private schedule(delay = THROTTLE_MS): void {
        if (this.timer) {
            if (delay > 0) return;
            clearTimeout(this.timer);
        }
        this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, delay);
    }

    private async refresh(): Promise<void> {
        const document = this.document;
        if (!document) return;
        const ticket = ++this.sent;
        const folder = vscode.workspace.getWorkspaceFolder(document);
        const params: PreviewModelParams = { uri: document.toString(), ...(folder ? { root: folder.uri.toString() } : {}) };
        let result: PreviewModelResult;
        try {
            result = await this.client.sendRequest<PreviewModelResult>(PREVIEW_MODEL_METHOD, params);
        } catch (error) {
            void vscode.window.showWarningMessage(extensionMessages().t('ext.preview.noAnswer', { error: (error as Error).message }));
            return;
        }
        // A newer request was answered first: this answer is stale.
        if (ticket < this.posted || document !== this.document) return;
        this.posted = ticket;
        this.lastPayload = result.payload;
        // The tab's title in the language the map is drawn in (it follows journey.locale).
        this.panel.title = messages(result.payload.locale ?? DEFAULT_LOCALE).t('ext.preview.panelTitle', { file: document.path.split('/').pop() });
        await this.panel.webview.postMessage({ type: 'update', payload: result.payload, version: ticket, uri: document.toString() });
        // Show where the cursor is from the first update on (not only after it moves).
        const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === document.toString());
        if (editor) await this.panel.webview.postMessage({ type: 'highlight', file: result.payload.file, line: editor.selection.active.line + 1 });
    }

    private async onMessage(message: { type: string; file?: string; line?: number }): Promise<void> {
        if (message.type === 'ready') this.schedule(0);
        if (message.type === 'reveal' && message.file && message.line) {
            const folder = this.document ? vscode.workspace.getWorkspaceFolder(this.document) : undefined;
            const base = folder?.uri ?? (this.document ? vscode.Uri.joinPath(this.document, '..') : undefined);
            if (!base) return;
            const target = vscode.Uri.joinPath(base, message.file);
            const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === target.toString());
            const shown = await vscode.window.showTextDocument(target, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
            const position = new vscode.Position(message.line - 1, 0);
            shown.selection = new vscode.Selection(position, position);
            shown.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        }
    }

    private html(): string {
        const webview = this.panel.webview;
        const script = webview.asWebviewUri(previewScriptUri(this.context));
        return webviewHtml({ nonce: newNonce(), scriptUri: script.toString(), cspSource: webview.cspSource, locale: extensionMessages().locale });
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.disposables.forEach(d => d.dispose());
        this.disposables.length = 0;
        this.onDispose();
    }
}
