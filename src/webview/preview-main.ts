/**
 * Entry point of the preview bundle, in three hosts:
 * - the VS Code webview (`acquireVsCodeApi` exists): models arrive as messages, clicks reveal
 *   source lines, the cursor highlights elements, the state is saved for the serializer;
 * - a page from `journey serve` (`data-mode="serve"`): reloads the payload on server-sent events;
 * - a file from `journey render`: the payload is embedded in the page.
 */
import type { PreviewPayload } from '../render/preview-data.js';
import { PreviewApp } from './preview-app.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export type HostMessage =
    | { type: 'update'; payload: PreviewPayload; version: number; uri?: string }
    | { type: 'highlight'; file?: string; line: number };

function embeddedPayload(): PreviewPayload | undefined {
    const data = document.getElementById('journey-preview-data');
    return data?.textContent ? JSON.parse(data.textContent) as PreviewPayload : undefined;
}

function start(): void {
    const root = document.getElementById('journey-preview');
    if (!root) return;
    const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
    const app = new PreviewApp(root, {
        onReveal: vscode ? (file, line) => vscode.postMessage({ type: 'reveal', file, line }) : undefined,
        onRendered: () => {
            document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
            window.dispatchEvent(new CustomEvent('journey-preview-rendered'));
        }
    });
    (window as unknown as { journeyPreview: PreviewApp }).journeyPreview = app;
    const initial = embeddedPayload();
    if (initial) void app.update(initial);
    if (vscode) {
        let latest = -1;
        window.addEventListener('message', event => {
            const message = event.data as HostMessage;
            if (message.type === 'update') {
                if (message.version < latest) return; // a stale model: a newer one was shown
                latest = message.version;
                if (message.uri) vscode.setState({ uri: message.uri }); // read back by the panel serializer after a reload
                void app.update(message.payload);
            } else if (message.type === 'highlight') {
                app.highlight(message.line, message.file);
            }
        });
        vscode.postMessage({ type: 'ready' });
    } else if (document.body.dataset.mode === 'serve') {
        const file = document.body.dataset.file ?? '';
        const query = `?file=${encodeURIComponent(file)}`;
        const events = new EventSource(`/events${query}`);
        let loading = Promise.resolve();
        events.addEventListener('change', () => {
            loading = loading.then(async () => {
                const response = await fetch(`/api/preview${query}`);
                if (response.ok) await app.update(await response.json() as PreviewPayload);
            }).catch(() => undefined);
        });
    }
}

start();
