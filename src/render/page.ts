/**
 * A complete HTML page holding a journey map: the map pre-rendered (readable without
 * scripts), the payload as JSON, the stylesheet and the preview script inlined. Used by
 * `journey render --format html` (self-contained, no network) and by `journey serve`.
 */
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { escapeHtml as e, jsonForScript } from './escape.js';
import { MAP_CSS } from './map-css.js';
import { renderPreviewHtml } from './map-html.js';
import { payloadMessages, type PreviewPayload } from './preview-data.js';

export interface PageOptions {
    payload: PreviewPayload;
    /** The preview bundle (dist/webview/preview.js), inlined. */
    script: string;
    /** A fresh random value per page, for the CSP. */
    nonce: string;
    /** `static` for a file; `serve` connects back to the server for live reload. */
    mode: 'static' | 'serve';
    /** Link back to the index (serve). */
    indexHref?: string;
}

export function pageCsp(nonce: string, mode: PageOptions['mode']): string {
    return [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        // Vega's SVG renderer and the map's grid positions use style attributes.
        "style-src 'unsafe-inline'",
        'img-src data:',
        'font-src data:',
        mode === 'serve' ? "connect-src 'self'" : undefined,
        "base-uri 'none'",
        "form-action 'none'"
    ].filter(Boolean).join('; ');
}

export function renderPage(options: PageOptions): string {
    const { payload, nonce, mode } = options;
    const m = payloadMessages(payload);
    const title = payload.title ?? payload.file ?? m.t('page.defaultTitle');
    // The journey's heading is the map's own (one title each): the bar has the way back and the live state.
    const nav = options.indexHref ? `<nav class="jm-page-head"><a href="${e(options.indexHref)}">${e(m.t('page.allJourneys'))}</a><span class="jm-live">${e(m.t('page.live'))}</span></nav>` : '';
    return `<!DOCTYPE html>
<html lang="${m.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${pageCsp(nonce, mode).replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="journey-as-code">
<title>${e(title)}</title>
<style>${MAP_CSS}</style>
</head>
<body data-mode="${mode}" data-file="${e(payload.file ?? '')}">
${nav}<main id="journey-preview">
${renderPreviewHtml(payload)}
</main>
<script type="application/json" id="journey-preview-data">${jsonForScript(payload)}</script>
<script nonce="${e(nonce)}">${options.script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

/**
 * The VS Code webview's page: an empty preview filled by posted models. `default-src 'none'`,
 * the script only by nonce, no eval, nothing remote; styles inline (the map's grid positions).
 */
export function webviewHtml(options: { nonce: string; scriptUri: string; cspSource: string; locale?: Locale }): string {
    const { nonce, scriptUri, cspSource } = options;
    const locale = options.locale ?? DEFAULT_LOCALE;
    const csp = [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src ${cspSource} 'unsafe-inline'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${MAP_CSS}</style>
</head><body data-mode="vscode"><main id="journey-preview"><p class="jm-empty">${e(messages(locale).t('page.loading'))}</p></main>
<script nonce="${e(nonce)}" src="${e(scriptUri)}"></script></body></html>`;
}
