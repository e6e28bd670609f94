// The journey map preview in a real VS Code: code-server 4.100.3 with the packaged .vsix,
// driven by Playwright in Debian's Chromium (set-up by test/e2e/code-server.ts). Opens a journey, runs "Journey: Open
// Preview to the Side", checks the map and charts in the webview, types a new title and
// waits for the preview to show it. Screenshot: test-artifacts/preview/vscode-preview.png.
// Then "Journey: Overview" (screenshot: test-artifacts/overview/vscode-overview.png).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFile, prepare, ROOT, runCommand, startCodeServer, waitForLanguage, type CodeServer } from '../e2e/code-server.js';
import { MUTUELLE } from '../render/render-helpers.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/preview');

let codeServer: CodeServer | undefined;
let page: Page;
let workspace: string;

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    prepare();
    codeServer = await startCodeServer(MUTUELLE, { viewport: { width: 1600, height: 1000 } });
    page = codeServer.page;
    workspace = codeServer.workspace;
}, 600_000);

afterAll(async () => {
    await codeServer?.stop();
});

describe('the journey map preview in code-server', () => {
    it('opens to the side, shows the map and charts, and follows typing', async () => {
        await openFile(page, 'adhesion.journey');
        await waitForLanguage(page, 'Journey');
        await runCommand(page, 'Journey: Open Preview to the Side');

        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await map.locator('.jm-title', { hasText: 'Adhésion à la mutuelle santé' }).first().waitFor({ timeout: 120_000 });
        await map.locator('.jm-chart svg.marks').first().waitFor({ timeout: 60_000 });
        await expect(map.locator('.jm-kpi-card.jm-status-no-data').count()).resolves.toBeGreaterThan(0);
        await expect(map.locator('.jm-tp-title', { hasText: 'Envoi de la carte tiers payant' }).count()).resolves.toBe(1);

        // Type in the editor: the preview shows the new title without saving.
        const editor = page.locator('.editor-instance .monaco-editor').first();
        await editor.click();
        await page.keyboard.press('Control+F');
        await page.keyboard.type('Publicité TV');
        await page.keyboard.press('Escape');
        await page.keyboard.type('Publicité radio');
        await map.locator('.jm-tp-title', { hasText: 'Publicité radio' }).first().waitFor({ timeout: 60_000 });
        // The cursor is on that touchpoint's line: its card is highlighted in the preview.
        await map.locator('.jm-touchpoint.jm-active', { hasText: 'Publicité radio' }).waitFor({ timeout: 30_000 });
        // Clicking a card in the preview moves the cursor to its line (the touchpoint EnvoiCarte is on line 39).
        await map.locator('.jm-tp-title', { hasText: 'Envoi de la carte tiers payant' }).click();
        await page.locator('.statusbar-item', { hasText: 'Ln 39,' }).first().waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'vscode-preview.png') });
    }, 300_000);

    it('exports the map to HTML through the save dialog', async () => {
        await page.locator('.editor-instance .monaco-editor').first().click();
        await runCommand(page, 'Journey: Export Map');
        // code-server's save dialog is a quick input holding the proposed path (adhesion.html).
        await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('adhesion.html'), null, { timeout: 60_000 });
        await page.keyboard.press('Enter');
        const out = join(workspace, 'adhesion.html');
        const end = Date.now() + 60_000;
        while (!existsSync(out) && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 250));
        const html = readFileSync(out, 'utf8');
        expect(html).toContain('Publicité radio'); // the unsaved edit, from the language server's model
        expect(html).toContain("default-src 'none'");
    }, 180_000);

    // "Developer: Reload Window", not a browser reload: VS Code then shuts the window down
    // properly and saves the panel's state, which a browser reload loses when the machine is busy.
    it('comes back after a window reload (serializer)', { timeout: 300_000 }, async () => {
        await Promise.all([page.waitForEvent('load', { timeout: 120_000 }), runCommand(page, 'Developer: Reload Window')]);
        await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await map.locator('.jm-title', { hasText: 'Adhésion à la mutuelle santé' }).first().waitFor({ timeout: 120_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'vscode-preview-restored.png') });
    });

    it('shows every journey of the folder in Journey: Overview, and a title opens its file', { timeout: 240_000 }, async () => {
        await runCommand(page, 'View: Close All Editors');
        await runCommand(page, 'Journey: Overview');
        const overview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const journeys = overview.locator('.ov-journey h2 a');
        await journeys.filter({ hasText: 'Adhésion cible 2027' }).first().waitFor({ timeout: 120_000 });
        // The current journey and the target journey that improves it, side by side in one row.
        await expect(overview.locator('.ov-row', { hasText: 'Adhésion à la mutuelle santé' }).locator('.ov-journey').count()).resolves.toBe(2);
        await expect(overview.locator('.ov-chip').count()).resolves.toBeGreaterThan(0);
        mkdirSync(join(ROOT, 'test-artifacts/overview'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'test-artifacts/overview/vscode-overview.png') });
        await journeys.filter({ hasText: 'Adhésion cible 2027' }).first().click();
        await page.locator('.tab.active', { hasText: 'adhesion-cible.journey' }).waitFor({ timeout: 60_000 });
    });
});
