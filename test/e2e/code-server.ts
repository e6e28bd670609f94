// Starts code-server 4.100.3 (VS Code 1.100 in the browser) with the packaged .vsix installed,
// on a copy of a fixture workspace, and opens it in Debian's Chromium with playwright-core.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '../..');
const CACHE = process.env.JOURNEY_CACHE ?? join(homedir(), '.cache/journey-as-code');
const CODE_SERVER = join(CACHE, 'code-server/node_modules/.bin/code-server');
const VSIX = join(ROOT, 'dist/journey-as-code.vsix');

export interface CodeServer {
    page: Page;
    port: number;
    /** The copy of the fixture workspace that code-server opened. */
    workspace: string;
    log: string[];
    stop(): Promise<void>;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
            const port = (probe.address() as { port: number }).port;
            probe.close(() => resolve(port));
        }).on('error', reject);
    });
}

async function waitForHttp(url: string, server: ChildProcess, log: string[], timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        try {
            if ((await fetch(url)).ok) return;
        } catch {
            // not listening yet
        }
        if (server.exitCode !== null) throw new Error(`code-server exited:\n${log.join('')}`);
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer at ${url}:\n${log.join('')}`);
}

/**
 * Installs code-server (cached outside the repo) and builds the .vsix: what a fresh clone needs.
 * Test files run in parallel worker processes of one vitest run (their parent): the first one
 * builds under a lock, the others wait for it and reuse the .vsix, so that no build rewrites it
 * while another test installs it.
 */
export function prepare(): void {
    execFileSync('bash', [join(ROOT, 'scripts/setup/ensure-code-server.sh')], { stdio: 'inherit' });
    const built = join(tmpdir(), `journey-vsix-built-${process.ppid}`);
    const script = `[ -e "${built}" ] || { npm run package && touch "${built}"; }`;
    execFileSync('flock', [join(tmpdir(), 'journey-vsix.lock'), 'bash', '-c', script], { cwd: ROOT, stdio: 'pipe' });
}

/** Bundles the extension test suite (dist/test/extension-tests.cjs), under the same lock. */
export function buildExtensionTests(): void {
    execFileSync('flock', [join(tmpdir(), 'journey-vsix.lock'), process.execPath, join(ROOT, 'esbuild.mjs'), '--only-tests'], { cwd: ROOT, stdio: 'pipe' });
}

/** Starts code-server on a copy of `fixture` (a git repository is copied with its history). */
export interface StartOptions {
    /** Entries of the workbench's `payload` query parameter (e.g. `extensionTestsPath`). */
    payload?: (port: number) => Array<[string, string]>;
    /** Receives the page's console, where the extension host's output is forwarded. */
    onConsole?: (text: string) => void;
    /** User settings added to the ones every test needs. */
    settings?: Record<string, unknown>;
    viewport?: { width: number; height: number };
    /** Added to code-server's environment, which its extension host and our language server inherit (JOURNEY_TODAY). */
    env?: Record<string, string>;
}

/**
 * One code-server test at a time, across vitest's worker processes: several VS Code instances
 * with their language servers and browsers at once overload a 2-core machine until commands
 * take minutes to appear. `flock` holds the lock while its `cat` reads our stdin; closing
 * stdin releases it.
 */
async function exclusive(): Promise<() => void> {
    const holder = spawn('flock', [join(tmpdir(), 'journey-code-server.lock'), '-c', 'echo locked; cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
        holder.stdout!.once('data', () => resolve());
        holder.once('exit', code => reject(new Error(`flock exited with ${code}`)));
    });
    return () => holder.stdin!.end();
}

export async function startCodeServer(fixture: string, options: StartOptions = {}): Promise<CodeServer> {
    const release = await exclusive();
    const home = mkdtempSync(join(tmpdir(), 'journey-code-server-'));
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    const workspace = join(home, 'workspace');
    cpSync(fixture, workspace, { recursive: true });
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'editor.hover.delay': 100,
        'extensions.autoCheckUpdates': false,
        'telemetry.telemetryLevel': 'off',
        ...options.settings
    }));
    execFileSync(CODE_SERVER, ['--install-extension', VSIX, '--extensions-dir', extensions, '--user-data-dir', userData], { stdio: 'pipe' });

    const port = await freePort();
    const log: string[] = [];
    const server = spawn(CODE_SERVER, [
        '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--user-data-dir', userData, '--extensions-dir', extensions, workspace
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    server.stdout!.on('data', chunk => log.push(String(chunk)));
    server.stderr!.on('data', chunk => log.push(String(chunk)));
    let browser: Browser | undefined;
    const stop = async () => {
        await browser?.close();
        server.kill();
        rmSync(home, { recursive: true, force: true });
        release();
    };
    try {
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, server, log, 60_000);
        browser = await chromium.launch({
            executablePath: '/usr/bin/chromium',
            args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
        });
        const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
        if (options.onConsole) page.on('console', message => options.onConsole!(message.text()));
        const payload = options.payload?.(port);
        const query = `folder=${encodeURIComponent(workspace)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
        await page.goto(`http://127.0.0.1:${port}/?${query}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
        return { page, port, workspace, log, stop };
    } catch (error) {
        await stop();
        throw error;
    }
}

/** Opens a workspace file through Quick Open and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G) to `line` or `line:column`. */
export async function goTo(page: Page, position: string): Promise<void> {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${position}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Waits until the active editor's language mode, in the status bar, is `language`. */
export async function waitForLanguage(page: Page, language: string): Promise<void> {
    await page.locator('[id="status.editor.mode"]', { hasText: language }).waitFor({ timeout: 60_000 });
}

/**
 * Runs a command by its title from the command palette. A command whose `when` clause needs
 * the editor (`editorLangId == journey`) is hidden while focus is elsewhere, which a busy
 * machine sometimes leaves it: then close the palette, focus the editor and try again.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+Shift+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await input.fill(`>${title}`);
        try {
            await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
            await page.keyboard.press('Enter');
            return;
        } catch (error) {
            if (attempt === 3) throw error;
            await page.keyboard.press('Escape');
            const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
            if (await editor.count()) await editor.first().click();
        }
    }
}
