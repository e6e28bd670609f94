// VS Code for the Web, offline: the static web workbench of VS Code 1.100.3 (the build that
// code-server ships in lib/vscode, installed by scripts/setup/ensure-code-server.sh; no
// code-server process runs) served on loopback with the web extension loaded from a loopback
// URL (`additionalBuiltinExtensions`, as vscode.dev loads extensions from a CDN), a workspace
// in memory (a helper extension's `memfs:` file system, as github.dev's repositories are
// virtual), driven by Playwright in Debian's Chromium. The extension runs in the browser's
// web-worker extension host and starts its language server in a web worker: no Node anywhere.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { homedir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '../..');
const CACHE = process.env.JOURNEY_CACHE ?? join(homedir(), '.cache/journey-as-code');
/** VS Code's web build inside code-server's package. */
export const VSCODE_WEB = join(CACHE, 'code-server/node_modules/code-server/lib/vscode');

const TYPES: Record<string, string> = {
    '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.css': 'text/css',
    '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
    '.map': 'application/json', '.ico': 'image/x-icon'
};

/**
 * code-server's workbench script always connects to a code-server backend (it forces
 * `remoteAuthority` to the page's host); without it, this is VS Code's own web workbench, as
 * vscode.dev runs it. The one edit, checked to apply once.
 */
function workbenchScript(): Buffer {
    const text = readFileSync(join(VSCODE_WEB, 'out/vs/code/browser/workbench/workbench.js'), 'utf8');
    const forced = ',remoteAuthority:location.host}';
    if (text.split(forced).length !== 2) throw new Error(`code-server's workbench.js changed: '${forced}' not found once`);
    return Buffer.from(text.replace(forced, '}'));
}

/** The files of the extension's package: what .vscodeignore lets into the .vsix (`!path` lines). */
function extensionFiles(): Set<string> {
    const kept = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map(line => /^!(.+)$/.exec(line.trim())?.[1]).filter(Boolean) as string[];
    return new Set(kept.filter(path => !path.includes('*')));
}

function filesOf(folder: string, base = folder): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) Object.assign(files, filesOf(path, base));
        else files['/' + relative(base, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
    return files;
}

export interface WebWorkbench {
    page: Page;
    origin: string;
    /** The page's console (the extension host's and the workers' logs and errors). */
    console: string[];
    /** Paths the page asked for that the server does not have. */
    missing: string[];
    stop(): Promise<void>;
}

function escapeAttribute(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface WorkbenchOptions {
    viewport?: { width: number; height: number };
    settings?: Record<string, unknown>;
    /** Files of the in-memory file system outside the workspace folder, by absolute path (`/base/…`). */
    outside?: Record<string, string>;
    /** Folders whose files are added to the workspace's, at the same relative paths. */
    also?: string[];
}

/** Serves the workbench with `workspace` (a folder on disk, copied in memory as `memfs:/workspace`) and opens it in Chromium. */
export async function startWebWorkbench(workspace: string, options: WorkbenchOptions = {}): Promise<WebWorkbench> {
    const script = workbenchScript();
    const packaged = extensionFiles();
    const files: Record<string, string> = { ...options.outside };
    for (const folder of [workspace, ...options.also ?? []]) {
        for (const [path, text] of Object.entries(filesOf(folder))) files[`/workspace${path}`] = text;
    }
    let origin = '';
    const page = (): string => {
        const authority = origin.replace(/^http:\/\//, '');
        const configuration = {
            folderUri: { scheme: 'memfs', path: '/workspace' },
            // Options code-server's workbench requires (it keeps user data on its server: here
            // none is kept, settings are the defaults below).
            userDataPath: '/user-data', isEnabledFileDownloads: true, isEnabledFileUploads: true, isEnabledCoderGettingStarted: false,
            additionalBuiltinExtensions: [
                { scheme: 'http', authority, path: '/memfs' },
                { scheme: 'http', authority, path: '/extension' }
            ],
            productConfiguration: {
                nameShort: 'VS Code Web (test)', nameLong: 'VS Code Web (test)',
                // Webviews from this server, not from a CDN.
                webviewContentExternalBaseUrlTemplate: `${origin}/vscode/out/vs/workbench/contrib/webview/browser/pre/`
            },
            configurationDefaults: {
                'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false,
                'editor.hover.delay': 100, 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, ...options.settings
            }
        };
        return readFileSync(join(VSCODE_WEB, 'out/vs/code/browser/workbench/workbench.html'), 'utf8')
            .replace('{{WORKBENCH_WEB_CONFIGURATION}}', escapeAttribute(JSON.stringify(configuration)))
            .replace('{{WORKBENCH_AUTH_SESSION}}', '')
            .replaceAll('{{WORKBENCH_WEB_BASE_URL}}', '/vscode')
            .replaceAll('{{WORKBENCH_NLS_FALLBACK_URL}}', '/vscode/out/nls.messages.js')
            .replaceAll('{{WORKBENCH_NLS_URL}}', '/vscode/out/nls.messages.js')
            .replaceAll('{{BASE}}', '/vscode').replaceAll('{{VS_BASE}}', '/vscode');
    };
    const memfsManifest = JSON.stringify({
        name: 'memfs', publisher: 'journey-tests', version: '0.0.0', engines: { vscode: '^1.100.0' },
        browser: './extension.js', activationEvents: ['onFileSystem:memfs'],
        contributes: { commands: [{ command: 'memfs.openBaseDiff', title: 'Test: Open the Base Diff' }] }
    });

    const missing: string[] = [];
    const server: Server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const send = (status: number, body: string | Buffer, type = 'text/plain') => {
            response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
            response.end(body);
        };
        try {
            if (url.pathname === '/') return send(200, page(), 'text/html');
            if (url.pathname === '/memfs/package.json') return send(200, memfsManifest, TYPES['.json']);
            if (url.pathname === '/memfs/extension.js') return send(200, readFileSync(join(import.meta.dirname, 'memfs-extension.js')), TYPES['.js']);
            if (url.pathname === '/memfs/files.json') return send(200, JSON.stringify(files), TYPES['.json']);
            if (url.pathname === '/vscode/out/vs/code/browser/workbench/workbench.js') return send(200, script, TYPES['.js']);
            if (url.pathname.startsWith('/extension/')) {
                const path = decodeURIComponent(url.pathname.slice('/extension/'.length));
                if (!packaged.has(path)) return send(404, `not in the extension's package: ${path}`);
                return send(200, readFileSync(join(ROOT, path)), TYPES[extname(path)] ?? 'application/octet-stream');
            }
            if (url.pathname.startsWith('/vscode/')) {
                const path = normalize(decodeURIComponent(url.pathname.slice('/vscode/'.length)));
                if (path.startsWith('..')) return send(403, 'outside');
                const body = readFileSync(join(VSCODE_WEB, path));
                if (path.endsWith('service-worker.js')) response.setHeader('Service-Worker-Allowed', '/');
                return send(200, body, TYPES[extname(path)] ?? 'application/octet-stream');
            }
            missing.push(url.pathname);
            return send(404, 'not found');
        } catch {
            missing.push(url.pathname);
            return send(404, 'not found');
        }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    let browser: Browser | undefined;
    const stop = async () => {
        await browser?.close();
        await new Promise(resolve => server.close(resolve));
    };
    const console: string[] = [];
    try {
        browser = await chromium.launch({
            executablePath: '/usr/bin/chromium',
            args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
        });
        const tab = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
        tab.on('console', message => console.push(`[${message.type()}] ${message.text()}`));
        tab.on('pageerror', error => console.push(`[pageerror] ${error.message}`));
        await tab.goto(`${origin}/`);
        await tab.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
        return { page: tab, origin, console, missing, stop };
    } catch (error) {
        await stop();
        throw new Error(`${(error as Error).message}\nThe page's console:\n${console.join('\n')}\nNot found: ${missing.join(', ')}`);
    }
}
