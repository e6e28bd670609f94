/**
 * The preview as VS Code runs it: the webview page (same HTML and CSP as the panel) with a
 * stand-in for `acquireVsCodeApi`, models posted as messages, in Debian's Chromium.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW_BUNDLE } from '../../src/cli/preview-bundle.js';
import { webviewHtml } from '../../src/render/page.js';
import { journeyOf, mutuellePayload } from '../render/render-helpers.js';
import { ARTIFACTS, launchChromium, waitRendered, watchPage } from './chromium.js';

const HOST_STUB = `
window.__posted = []; window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: m => window.__posted.push(m),
  getState: () => window.__state,
  setState: s => { window.__state = s; }
});`;

const DARK = `--vscode-editor-foreground: #d4d4d4; --vscode-editor-background: #1e1e1e; --vscode-descriptionForeground: #a0a0a0; --vscode-panel-border: #444444; --vscode-editorWidget-background: #252526; --vscode-textLink-foreground: #3794ff;`;

describe('the preview inside the VS Code webview (host simulated, real Chromium)', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
        await fs.mkdir(ARTIFACTS, { recursive: true });
        browser = await launchChromium({ width: 1200, height: 800 });
    });
    afterAll(() => browser?.close());

    async function openWebview(theme: 'light' | 'dark') {
        const html = webviewHtml({ nonce: 'n0nce', scriptUri: `file://${PREVIEW_BUNDLE}`, cspSource: 'file:' })
            .replace('<html lang="en">', `<html lang="en"${theme === 'dark' ? ` style="${DARK}"` : ''}>`) // VS Code puts its theme variables on <html>
            .replace('<body data-mode="vscode">', `<body data-mode="vscode" class="vscode-${theme}">`)
            .replace('<script nonce="n0nce"', `<script nonce="n0nce">${HOST_STUB}</script><script nonce="n0nce"`);
        const file = path.join(ARTIFACTS, `webview-${theme}.html`);
        await fs.writeFile(file, html);
        const page = await browser.context.newPage();
        const seen = watchPage(page);
        await page.goto(`file://${file}`);
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'ready'));
        return { page, seen };
    }

    it('renders posted models, drops stale ones, reveals lines on click, highlights the cursor line, keeps the state', async () => {
        const { page, seen } = await openWebview('light');
        const payload = await mutuellePayload('adhesion.journey');
        const renamed = JSON.parse(JSON.stringify(payload).replace('"Publicité TV"', '"Publicité radio"'));
        await page.evaluate(p => window.postMessage({ type: 'update', payload: p, version: 2, uri: 'file:///ws/adhesion.journey' }, '*'), renamed);
        await waitRendered(page, 1);
        // An older answer arriving late is dropped.
        await page.evaluate(p => window.postMessage({ type: 'update', payload: p, version: 1, uri: 'file:///ws/adhesion.journey' }, '*'), payload);
        await page.waitForTimeout(300);
        expect(await page.locator('.jm-tp-title', { hasText: 'Publicité radio' }).count()).toBe(1);
        expect(await page.locator('.jm-tp-title', { hasText: 'Publicité TV' }).count()).toBe(0);
        expect(await page.evaluate(() => (window as unknown as { __state: unknown }).__state)).toEqual({ uri: 'file:///ws/adhesion.journey' });
        // Click → reveal the source line.
        const envoi = journeyOf(payload.model, 'Adhesion').stages[2].touchpoints[0];
        await page.locator(`.jm-touchpoint[data-line="${envoi.line}"]`).click();
        const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
        expect(posted).toContainEqual({ type: 'reveal', file: 'adhesion.journey', line: envoi.line });
        // Cursor inside the touchpoint (two lines below its first line) → its card is highlighted.
        await page.evaluate(line => window.postMessage({ type: 'highlight', file: 'adhesion.journey', line }, '*'), envoi.line + 2);
        await page.waitForSelector('.jm-active');
        expect(await page.locator('.jm-active').getAttribute('data-line')).toBe(String(envoi.line));
        expect(await page.locator('.jm-active').getAttribute('class')).toContain('jm-touchpoint');
        expect(await page.locator('.jm-chart svg.marks').count()).toBeGreaterThanOrEqual(3);
        expect(seen.errors).toEqual([]);
        await page.screenshot({ path: path.join(ARTIFACTS, 'webview-light.png'), fullPage: true });
        await page.close();
    });

    it('follows the VS Code theme colours (dark)', async () => {
        const { page, seen } = await openWebview('dark');
        await page.evaluate(async p => window.postMessage({ type: 'update', payload: p, version: 1 }, '*'), await mutuellePayload('adhesion.journey'));
        await waitRendered(page, 1);
        const colors = await page.evaluate(() => ({
            text: getComputedStyle(document.querySelector('.jm-title')!).color,
            background: getComputedStyle(document.body).backgroundColor,
            axisLabel: document.querySelector('.jm-chart svg .role-axis-label text')?.getAttribute('fill')
        }));
        expect(colors.text).toBe('rgb(212, 212, 212)');
        expect(colors.background).toBe('rgb(30, 30, 30)');
        expect(colors.axisLabel).toBe('#a0a0a0');
        expect(seen.errors).toEqual([]);
        await page.screenshot({ path: path.join(ARTIFACTS, 'webview-dark.png'), fullPage: true });
        await page.close();
    });
});
