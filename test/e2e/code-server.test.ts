// End to end in a real VS Code: code-server 4.100.3 (VS Code 1.100 in the browser) with the
// packaged .vsix installed, driven by Playwright in Debian's Chromium. Screenshots go to
// test-artifacts/e2e/. Setup (code-server install, .vsix build) happens in beforeAll, so the
// test passes on a fresh clone.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');
const CACHE = process.env.JOURNEY_CACHE ?? join(homedir(), '.cache/journey-as-code');
const CODE_SERVER = join(CACHE, 'code-server/node_modules/.bin/code-server');
const VSIX = join(ROOT, 'dist/journey-as-code.vsix');

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace: string;
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

async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** 1-based line and column of `needle` (plus `delta`) in a fixture file. */
function lineColumn(file: string, needle: string, delta = 0): string {
    const text = readFileSync(join(workspace, file), 'utf8');
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in ${file}`);
    const before = text.slice(0, index + delta).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G). */
async function goTo(position: string): Promise<void> {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${position}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

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

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('bash', [join(ROOT, 'scripts/setup/ensure-code-server.sh')], { stdio: 'inherit' });
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'pipe' });

    const home = mkdtempSync(join(tmpdir(), 'journey-code-server-'));
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    workspace = join(home, 'workspace');
    cpSync(join(ROOT, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'editor.hover.delay': 100,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off'
    }));
    execFileSync(CODE_SERVER, ['--install-extension', VSIX, '--extensions-dir', extensions, '--user-data-dir', userData], { stdio: 'pipe' });

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
    await openFile('adhesion.journey');
}, 600_000);

afterAll(async () => {
    await browser?.close();
    server?.kill();
    if (workspace) rmSync(join(workspace, '..'), { recursive: true, force: true });
});

describe('the extension in code-server (VS Code 1.100)', () => {
    it('lists the diagnostics of the journey in the Problems panel', async () => {
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Pigeon'" });
        await row.first().waitFor({ timeout: 90_000 });
        const text = await row.first().textContent();
        expect(text).toContain('declare it in a catalog file');
        expect(text).toContain('unresolved-reference');
        await screenshot('1-problems');
    }, 120_000);

    it('colours the file with the TextMate grammar and squiggles the error', async () => {
        await expect(page.locator('.monaco-editor .squiggly-error').count()).resolves.toBeGreaterThan(0);
        await expect(page.locator('.monaco-editor .view-line span', { hasText: 'touchpoint' }).count()).resolves.toBeGreaterThan(0);
    });

    it('completes channel ids after "via"', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'via Web {', 4));
        await page.keyboard.press('Control+Space');
        const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Courrier' });
        await suggestion.first().waitFor({ timeout: 30_000 });
        await screenshot('2-completion');
        await page.keyboard.press('Escape');
    }, 60_000);

    it('hovers a touchpoint: channel, owner, emotion, pain points', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'Devis "', 2));
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover', { hasText: 'Formulaire de 40 champs' });
        await hover.first().waitFor({ timeout: 30_000 });
        const text = await hover.first().textContent();
        expect(text).toContain('Touchpoint');
        expect(text).toContain('Site web');
        await screenshot('3-hover');
        await page.keyboard.press('Escape');
    }, 60_000);

    it('goes to the definition of a channel in the catalog file', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'via Web {', 5));
        await page.keyboard.press('F12');
        await page.locator('.tab.active', { hasText: 'catalog.journey' }).waitFor({ timeout: 30_000 });
        await screenshot('4-definition');
    }, 60_000);
});
