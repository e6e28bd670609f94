// "Journey: Compare with…" in a real VS Code: code-server 4.100.3 with the packaged .vsix,
// driven by Playwright in Debian's Chromium, on a git repository built by the test. The
// command picks `main` through the git extension's quick pick and opens the head map with the
// visual diff. Screenshot: test-artifacts/e2e/diff-compare-with.png. Same set-up recipe as
// test/e2e/code-server.test.ts (ensure-code-server.sh, npm run package).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, pullRequestRepository } from './git-fixture.js';

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');
const CACHE = process.env.JOURNEY_CACHE ?? join(homedir(), '.cache/journey-as-code');
const CODE_SERVER = join(CACHE, 'code-server/node_modules/.bin/code-server');
const VSIX = join(ROOT, 'dist/journey-as-code.vsix');

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let repo: string;
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

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('bash', [join(ROOT, 'scripts/setup/ensure-code-server.sh')], { stdio: 'inherit' });
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'pipe' });
    repo = pullRequestRepository();
    git(repo, 'checkout', '-q', 'revue');
    home = mkdtempSync(join(tmpdir(), 'journey-compare-'));
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false, 'telemetry.telemetryLevel': 'off', 'git.openRepositoryInParentFolders': 'always'
    }));
    execFileSync(CODE_SERVER, ['--install-extension', VSIX, '--extensions-dir', extensions, '--user-data-dir', userData], { stdio: 'pipe' });
    const port = await freePort();
    server = spawn(CODE_SERVER, [
        '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--user-data-dir', userData, '--extensions-dir', extensions, repo
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', chunk => serverLog.push(String(chunk)));
    server.stderr!.on('data', chunk => serverLog.push(String(chunk)));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(repo)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
}, 600_000);

afterAll(async () => {
    await browser?.close();
    server?.kill();
    if (repo) rmSync(repo, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
});

describe('Journey: Compare with… in code-server', () => {
    it('picks main from the git quick pick and shows the map with what changed marked', async () => {
        await page.keyboard.press('Control+P');
        const open = page.locator('.quick-input-widget input');
        await open.waitFor({ state: 'visible' });
        await open.fill('parcours-adhesion.journey');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'parcours-adhesion.journey' }).first().waitFor();
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: 'parcours-adhesion.journey' }).waitFor();

        await page.keyboard.press('F1');
        const palette = page.locator('.quick-input-widget input');
        await palette.waitFor({ state: 'visible' });
        await palette.fill('>Journey: Compare with');
        await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Compare with' }).first().waitFor({ timeout: 60_000 });
        await page.keyboard.press('Enter');
        // The git extension's branches: pick `main`.
        const branch = page.locator('.quick-input-widget .monaco-list-row', { hasText: /^main/ });
        await branch.first().waitFor({ timeout: 60_000 });
        await page.locator('.quick-input-widget input').fill('main');
        await page.keyboard.press('Enter');

        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const banner = map.locator('.jm-diff-banner', { hasText: 'Compared with main' }).first();
        await banner.waitFor({ timeout: 90_000 });
        await expect(map.locator('.jm-touchpoint.jm-diff-changed', { hasText: 'Envoi de la carte' }).count()).resolves.toBe(1);
        await expect(map.locator('.jm-diff-removed', { hasText: 'Support' }).count()).resolves.toBeGreaterThan(0);
        await page.screenshot({ path: join(ARTIFACTS, 'diff-compare-with.png') });
    }, 300_000);
});
