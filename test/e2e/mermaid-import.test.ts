// End to end in a real VS Code for `Journey: Import Mermaid Journey` (journey.importMermaid):
// code-server 4.100.3 (VS Code 1.100 in the browser) with the packaged .vsix installed, driven
// by Playwright in Debian's Chromium. Screenshots go to test-artifacts/e2e/mermaid-*.png.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');
const CACHE = process.env.JOURNEY_CACHE ?? join(homedir(), '.cache/journey-as-code');
const CODE_SERVER = join(CACHE, 'code-server/node_modules/.bin/code-server');

const MMD = `journey
  title Returning a parcel
  section Online
    Fill the form: 2: Customer
    Print the label: 9: Customer
  section At the shop
    Drop it: 4: Customer, Clerk
`;

/** The journey's lines are 5–9; line 9 has a malformed line. */
const PAGE = `# Journeys

Prose before the diagram.

journey
  title Selected journey
  section Only
    Pick up: 5: Courier
    this line is not a task
`;

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let home: string;
const serverLog: string[] = [];

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
        if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`code-server exited:\n${serverLog.join('')}`);
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer at ${url}:\n${serverLog.join('')}`);
}

async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
}

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('bash', [join(ROOT, 'scripts/setup/ensure-code-server.sh')], { stdio: 'inherit' });
    home = mkdtempSync(join(tmpdir(), 'journey-mermaid-e2e-'));
    const vsix = join(home, 'journey-as-code.vsix');
    execFileSync('node', ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'pipe' });
    execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: ROOT, stdio: 'pipe' });
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    const workspace = join(home, 'workspace');
    mkdirSync(join(workspace, 'docs'), { recursive: true });
    writeFileSync(join(workspace, 'docs/return.mmd'), MMD);
    writeFileSync(join(workspace, 'docs/page.md'), PAGE);
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off'
    }));
    execFileSync(CODE_SERVER, ['--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', userData], { stdio: 'pipe' });
    const port = await freePort();
    server = spawn(CODE_SERVER, [
        '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--user-data-dir', userData, '--extensions-dir', extensions, workspace
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', chunk => serverLog.push(String(chunk)));
    server.stderr!.on('data', chunk => serverLog.push(String(chunk)));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await openFile('return.mmd');
}, 600_000);

async function openFile(name: string): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().waitFor();
}

afterAll(async () => {
    await browser?.close();
    server?.kill();
    if (home) rmSync(home, { recursive: true, force: true });
});

describe('Journey: Import Mermaid Journey in code-server (VS Code 1.100)', () => {
    it('opens the imported journey in a new journey editor and lists the bad score in Problems', async () => {
        await runCommand('Journey: Import Mermaid Journey');
        const editor = page.locator('.monaco-editor .view-lines', { hasText: 'ReturningAParcel' });
        await editor.first().waitFor({ timeout: 60_000 });
        const text = await editor.first().innerText();
        expect(text.replace(/\u00a0/g, ' ')).toContain('journey ReturningAParcel "Returning a parcel" {');
        await expect(page.locator('.tab.active').textContent()).resolves.toMatch(/Untitled/);
        await page.screenshot({ path: join(ARTIFACTS, 'mermaid-1-imported.png') });
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: "The score '9' of 'Print the label'" });
        await row.first().waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'mermaid-2-problems.png') });
    }, 180_000);

    it('imports only the selected text of a Markdown page, problems at the page\'s lines', async () => {
        await openFile('page.md');
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+G');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await input.fill(':5:1');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
        for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown');
        await runCommand('Journey: Import Mermaid Journey');
        const editor = page.locator('.monaco-editor .view-lines', { hasText: 'SelectedJourney' });
        await editor.first().waitFor({ timeout: 60_000 });
        expect((await editor.first().innerText()).replace(/\u00a0/g, ' ')).toContain('persona Courier');
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Not a Mermaid journey statement' });
        await row.first().waitFor({ timeout: 30_000 });
        await expect(row.first().textContent()).resolves.toContain('[Ln 9, Col 1]');
        await page.screenshot({ path: join(ARTIFACTS, 'mermaid-3-selection.png') });
    }, 180_000);
});
