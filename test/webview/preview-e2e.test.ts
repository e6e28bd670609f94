// The journey map preview in a real VS Code: code-server 4.100.3 with the packaged .vsix,
// driven by Playwright in Debian's Chromium (set-up as in test/diff/compare-with-e2e.test.ts:
// scripts/setup/ensure-code-server.sh, npm run package). Opens a journey, runs "Journey: Open
// Preview to the Side", checks the map and charts in the webview, types a new title and
// waits for the preview to show it. Screenshot: test-artifacts/preview/vscode-preview.png.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTUELLE } from '../render/render-helpers.js';

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts/preview');
const CODE_SERVER = join(process.env.JOURNEY_CACHE ?? join(homedir(), '.cache/journey-as-code'), 'code-server/node_modules/.bin/code-server');
const VSIX = join(ROOT, 'dist/journey-as-code.vsix');

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let home: string;
let workspace: string;
const log: string[] = [];

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
            const port = (probe.address() as { port: number }).port;
            probe.close(() => resolve(port));
        }).on('error', reject);
    });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        try {
            if ((await fetch(url)).ok) return;
        } catch {
            // not listening yet
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer at ${url}:\n${log.join('')}`);
}

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('bash', [join(ROOT, 'scripts/setup/ensure-code-server.sh')], { stdio: 'inherit' });
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'pipe' });
    home = mkdtempSync(join(tmpdir(), 'journey-preview-e2e-'));
    workspace = join(home, 'mutuelle');
    cpSync(MUTUELLE, workspace, { recursive: true });
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off'
    }));
    execFileSync(CODE_SERVER, ['--install-extension', VSIX, '--extensions-dir', extensions, '--user-data-dir', userData], { stdio: 'pipe' });
    const port = await freePort();
    server = spawn(CODE_SERVER, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', chunk => log.push(String(chunk)));
    server.stderr!.on('data', chunk => log.push(String(chunk)));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
}, 600_000);

afterAll(async () => {
    await browser?.close();
    server?.kill();
    if (home) rmSync(home, { recursive: true, force: true });
});

describe('the journey map preview in code-server', () => {
    it('opens to the side, shows the map and charts, and follows typing', async () => {
        await page.keyboard.press('Control+P');
        const quick = page.locator('.quick-input-widget input');
        await quick.waitFor({ state: 'visible' });
        await quick.fill('adhesion.journey');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'adhesion.journey' }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: 'adhesion.journey' }).waitFor();

        await page.keyboard.press('F1');
        await quick.waitFor({ state: 'visible' });
        await quick.fill('>Journey: Open Preview to the Side');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Preview to the Side' }).first().waitFor({ timeout: 60_000 });
        await page.keyboard.press('Enter');

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
        await page.keyboard.press('F1');
        const quick = page.locator('.quick-input-widget input');
        await quick.waitFor({ state: 'visible' });
        await quick.fill('>Journey: Export Map');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Export Map' }).first().waitFor({ timeout: 60_000 });
        await page.keyboard.press('Enter');
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

    it('comes back after a window reload (serializer)', async () => {
        await page.reload();
        await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await map.locator('.jm-title', { hasText: 'Adhésion à la mutuelle santé' }).first().waitFor({ timeout: 120_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'vscode-preview-restored.png') });
    }, 300_000);
});
