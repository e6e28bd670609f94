import { promises as fs } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fileKind } from '../../metrics/source-input.js';
import { pageCsp } from '../../render/page.js';
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../../language/i18n/i18n.js';
import { Exit, InputError, UsageError, localeOf, messagesOf, parseCommandLine, type CliIo } from '../cli-io.js';
import { LastValidMaps } from '../../render/preview-data.js';
import { htmlPage, loadPreviewWorkspace, newNonce, overviewPage, payloadFor, type PreviewWorkspace } from '../preview-workspace.js';
import type { Command } from '../main.js';

export interface ServeOptions {
    root: string;
    port?: number;
    host?: string;
    /** Delay between a file change and the reload, in ms. */
    debounce?: number;
    log?: (line: string) => void;
    /** The language of the pages (the CLI's). */
    locale?: Locale;
}

export interface RunningServer {
    url: string;
    port: number;
    /** Resolves after the next reload of the workspace (for tests). */
    reloaded(): Promise<void>;
    close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** Live-reload streams held open at once; one per open map, and a browser opens at most six per site. */
export const MAX_EVENT_STREAMS = 32;

/**
 * The preview as a local web site: `/` lists the workspace's journey files, `/map/<file>`
 * draws one, `/api/preview?file=` gives its payload, `/events?file=` pushes `change` events
 * (server-sent) when a journey or data file is saved. Only the workspace's journey files are
 * served, by exact name from the loaded list: no path from the URL ever reaches the disk.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
    const root = path.resolve(options.root);
    const host = options.host ?? '127.0.0.1';
    const log = options.log ?? (() => undefined);
    let preview: PreviewWorkspace = await loadPreviewWorkspace(root, undefined, options.locale);
    // What the server answers a browser besides pages (not found, refused), in the pages' language.
    const answers = messages(options.locale ?? DEFAULT_LOCALE);
    // A file saved with errors is drawn as it last was without (under a banner naming the first error).
    const lastValid = new LastValidMaps();
    const remember = () => { for (const file of preview.journeyFiles) payloadFor(preview, file, undefined, lastValid); };
    remember();
    const clients = new Set<ServerResponse>();
    let waiters: (() => void)[] = [];

    const reload = async () => {
        try {
            preview = await loadPreviewWorkspace(root, undefined, options.locale);
            remember();
            log(answers.t('cli.serve.reloaded', { count: preview.journeyFiles.length }));
        } catch (error) {
            log(answers.t('cli.serve.reloadFailed', { reason: (error as Error).message }));
        }
        for (const client of clients) client.write(`event: change\ndata: ${Date.now()}\n\n`);
        const done = waiters;
        waiters = [];
        done.forEach(resolve => resolve());
    };
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    // chokidar, not Node's recursive fs.watch: that one lost a file replaced by rename (the
    // atomic saves of vim, JetBrains IDEs and sed -i) after the second save. chokidar watches
    // the folders and reports the file again when a new one takes its name.
    const watched = (file: string) => file.toLowerCase().endsWith('.journey') || fileKind(file) !== undefined;
    watcher = watch(root, {
        ignoreInitial: true,
        atomic: true,
        ignored: (file, stats) => {
            const parts = path.relative(root, file).split(path.sep);
            if (parts.some(part => part === 'node_modules' || (part.startsWith('.') && part !== '.' && part !== '..'))) return true;
            // Files other than journey and data files (editors' temporary and backup files among them).
            return stats?.isFile() === true && !watched(file);
        }
    });
    watcher.on('all', (_event, file) => {
        if (!watched(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), options.debounce ?? 120);
    });
    watcher.on('error', error => log(answers.t('cli.serve.watchFailed', { reason: (error as Error).message })));
    const watching = new Promise<void>(resolve => watcher!.once('ready', () => resolve()));

    const server = createServer((request, response) => {
        handle(request, response).catch(error => send(response, 500, 'text/plain', answers.t('serve.internalError', { error: (error as Error).message })));
    });

    async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
        if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', answers.t('serve.onlyGet'));
        // A page from another site must not read the map through DNS rebinding: loopback names only.
        const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '');
        if (LOOPBACK.has(host) && !LOOPBACK.has(hostHeader)) return send(response, 403, 'text/plain', answers.t('serve.forbiddenHost'));
        let url: URL;
        try {
            url = new URL(request.url ?? '/', 'http://localhost');
        } catch {
            return send(response, 400, 'text/plain', answers.t('serve.badRequest'));
        }
        let pathname: string;
        try {
            pathname = decodeURIComponent(url.pathname);
        } catch {
            return send(response, 400, 'text/plain', answers.t('serve.badRequest'));
        }
        if (pathname === '/' || pathname === '/index.html') {
            const nonce = newNonce();
            const filters = Object.fromEntries(['owner', 'persona', 'channel', 'tag'].flatMap(key => url.searchParams.get(key) ? [[key, url.searchParams.get(key)!]] : []));
            const html = overviewPage(preview, { folder: path.basename(root), hrefFor: file => `/map/${file.split('/').map(encodeURIComponent).join('/')}`, filters, nonce, live: true });
            return send(response, 200, 'text/html', html, pageCsp(nonce, 'serve').replace("form-action 'none'", "form-action 'self'"));
        }
        if (pathname.startsWith('/map/')) {
            const file = known(pathname.slice('/map/'.length));
            if (!file) return notFound(response, answers);
            const payload = payloadFor(preview, file, undefined, lastValid);
            const html = await htmlPage(payload, 'serve', '/');
            const nonce = /nonce="([^"]+)"/.exec(html)?.[1] ?? '';
            return send(response, 200, 'text/html', html, pageCsp(nonce, 'serve'));
        }
        if (pathname === '/api/preview') {
            const file = known(url.searchParams.get('file') ?? '');
            if (!file) return notFound(response, answers);
            return send(response, 200, 'application/json', JSON.stringify(payloadFor(preview, file, undefined, lastValid)));
        }
        if (pathname === '/events') {
            // A page of another site must not follow this one's changes (a browser says where it is from).
            const origin = request.headers.origin;
            if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) return send(response, 403, 'text/plain', answers.t('serve.forbiddenOrigin'));
            if (clients.size >= MAX_EVENT_STREAMS) {
                response.setHeader('Retry-After', '5');
                return send(response, 503, 'text/plain', answers.t('serve.tooManyStreams', { max: MAX_EVENT_STREAMS }));
            }
            response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
            response.write(': connected\n\n');
            clients.add(response);
            request.on('close', () => clients.delete(response));
            return;
        }
        return notFound(response, answers);
    }

    /** The journey file named `name`, only if it is one of the workspace's (exact match). */
    function known(name: string): string | undefined {
        // A file whose journeys an error hides still has its last valid map.
        return preview.journeyFiles.find(file => file === name) ?? (lastValid.has(name) ? name : undefined);
    }

    try {
        await watching;
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(options.port ?? 4400, host, () => resolve());
        });
    } catch (error) {
        await watcher.close();
        throw error;
    }
    const port = (server.address() as AddressInfo).port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
        url: `http://${shownHost}:${port}/`,
        port,
        reloaded: () => new Promise<void>(resolve => waiters.push(resolve)),
        close: async () => {
            clearTimeout(timer);
            await watcher?.close();
            for (const client of clients) client.end();
            await new Promise<void>(resolve => server.close(() => resolve()));
        }
    };
}

function send(response: ServerResponse, status: number, type: string, body: string, csp?: string): void {
    response.writeHead(status, {
        'Content-Type': `${type}; charset=utf-8`,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        ...(csp ? { 'Content-Security-Policy': csp } : {})
    });
    response.end(body);
}

function notFound(response: ServerResponse, answers: Messages): void {
    send(response, 404, 'text/plain', answers.t('serve.notFound'));
}

export const serve: Command = {
    summary: 'help.serve.summary',
    usage: 'help.serve.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, { port: { type: 'string', short: 'p' }, host: { type: 'string' } });
        const m = messagesOf(io);
        if (positionals.length > 1) throw UsageError.keyed('cli.serve.oneFolder');
        const port = values.port === undefined ? 4400 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw UsageError.keyed('cli.serve.port', { value: values.port ?? '' });
        const root = path.resolve(io.cwd, positionals[0] ?? '.');
        const stat = await fs.stat(root).catch(() => undefined);
        if (!stat?.isDirectory()) throw new InputError(m.t('cli.serve.notFolder', { path: positionals[0] ?? '.' }));
        let server: RunningServer;
        try {
            server = await startServer({ root, port, host: values.host, log: line => io.err(`${line}\n`), locale: localeOf(io) });
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'EADDRINUSE') throw new InputError(m.t('cli.serve.portInUse', { port: String(port) }));
            throw error;
        }
        io.out(`${m.t('cli.serve.serving', { root, url: server.url })}\n`);
        await new Promise<void>(resolve => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
        });
        await server.close();
        return Exit.ok;
    }
};
