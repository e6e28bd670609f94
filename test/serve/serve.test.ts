import { promises as fs } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_STREAMS, startServer, type RunningServer } from '../../src/cli/commands/serve.js';
import { MUTUELLE } from '../render/render-helpers.js';

/** A raw GET: the path is sent as written (no URL normalisation, unlike fetch). */
function get(port: number, rawPath: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { host } }, res => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', chunk => { body += chunk; });
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
    });
}

describe('journey serve', () => {
    let root: string;
    let server: RunningServer;

    beforeAll(async () => {
        const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-serve-'));
        root = path.join(tmp, 'ws');
        await fs.cp(MUTUELLE, root, { recursive: true });
        await fs.writeFile(path.join(tmp, 'secret.journey'), 'journey Secret "TOP SECRET" {\n}\n');
        server = await startServer({ root, port: 0, debounce: 50 });
    });
    afterAll(async () => {
        await server?.close();
        await fs.rm(path.dirname(root), { recursive: true, force: true });
    });

    it('binds to the loopback address', () => {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    });

    it('lists the workspace journeys and serves their maps with a strict CSP', async () => {
        const index = await get(server.port, '/');
        expect(index.status).toBe(200);
        expect(index.body).toContain('href="/map/adhesion.journey"');
        expect(index.body).toContain('Adhésion à la mutuelle santé');
        expect(index.body).not.toContain('href="/map/catalog.journey"');
        const map = await get(server.port, '/map/adhesion.journey');
        expect(map.status).toBe(200);
        expect(map.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'nonce-[^']+'/);
        expect(map.body).toContain('data-mode="serve"');
        expect(map.body).toContain('Réception de la carte');
        const api = await get(server.port, '/api/preview?file=adhesion.journey');
        // Its own journey and the target journey that improves it, not the folder's other journeys (issue 18).
        expect(JSON.parse(api.body).model.journeys.map((j: { id: string }) => j.id).sort()).toEqual(['Adhesion', 'AdhesionCible']);
    });

    it('opens on the portfolio overview, filtered by the query without script, escaping journey text', async () => {
        const index = await get(server.port, '/');
        expect(index.body).toContain('class="ov-row');
        expect(index.headers['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
        expect(index.body).not.toContain('<img src=x');
        const rows = (body: string) => [...body.matchAll(/<article class="ov-row[^>]*>/g)].map(m => m[0]);
        expect(rows(index.body).every(row => !row.includes(' hidden'))).toBe(true);
        const filtered = await get(server.port, '/?owner=NoSuchTeam');
        expect(rows(filtered.body).length).toBe(rows(index.body).length);
        expect(rows(filtered.body).every(row => row.includes(' hidden'))).toBe(true);
        expect(filtered.body).toMatch(/<p class="jm-empty ov-none">/);
    });

    it('serves nothing outside the workspace journeys, whatever the path', async () => {
        const attempts = [
            '/../secret.journey', '/map/../secret.journey', '/map/../../../../etc/passwd', '/map/%2e%2e/secret.journey',
            '/map/%2e%2e%2fsecret.journey', '/map/..%2f..%2f..%2fetc%2fpasswd', '/map//etc/passwd', '/map/%2fetc%2fpasswd',
            '/etc/passwd', '/map/data/cartes-j1.csv', '/data/cartes-j1.csv', '/map/catalog.journey', '/map/adhesion.journey%00',
            '/api/preview?file=../secret.journey', '/api/preview?file=/etc/passwd', '/api/preview?file=%2e%2e%2fsecret.journey',
            '/map/%E0%A4%A', '/map/C:%5CWindows%5Cwin.ini', '/package.json'
        ];
        for (const attempt of attempts) {
            const response = await get(server.port, attempt);
            expect([400, 404], attempt).toContain(response.status);
            expect(response.body).not.toContain('TOP SECRET');
            expect(response.body).not.toContain('root:');
            expect(response.body).not.toContain('period,value');
        }
    });

    it('refuses requests for another host name (DNS rebinding)', async () => {
        expect((await get(server.port, '/', 'evil.example:80')).status).toBe(403);
        expect((await get(server.port, '/', `localhost:${server.port}`)).status).toBe(200);
    });

    it('pushes a change event and the new map when a journey file is saved', async () => {
        const events: string[] = [];
        const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
            const req = request({ host: '127.0.0.1', port: server.port, path: '/events?file=adhesion.journey' }, resolve);
            req.on('error', reject);
            req.end();
        });
        stream.setEncoding('utf8');
        stream.on('data', chunk => events.push(String(chunk)));
        await new Promise(resolve => setTimeout(resolve, 100));
        const reloaded = server.reloaded();
        const file = path.join(root, 'adhesion.journey');
        await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('"Adhésion à la mutuelle santé"', '"Adhésion renommée"'));
        await reloaded;
        await new Promise(resolve => setTimeout(resolve, 50));
        expect(events.join('')).toContain('event: change');
        const api = await get(server.port, '/api/preview?file=adhesion.journey');
        expect(api.body).toContain('Adhésion renommée');
        stream.destroy();
    });

    it('keeps reloading after atomic saves (temporary file renamed over the journey file: sed -i, vim, JetBrains), and ignores the temporary files', async () => {
        const file = path.join(root, 'adhesion.journey');
        const titleOf = async () => JSON.parse((await get(server.port, '/api/preview?file=adhesion.journey')).body).model.journeys.map((j: { title: string }) => j.title).join(' ');
        const saves: Record<string, (text: string) => Promise<void>> = {
            // sed -i: a new file beside it, renamed over the original.
            sed: async text => { const tmp = path.join(root, 'sedAbC123'); await fs.writeFile(tmp, text); await fs.rename(tmp, file); },
            // vim (backupcopy=no): the original renamed to a backup, the new text written, the backup removed.
            vim: async text => { await fs.rename(file, `${file}~`); await fs.writeFile(file, text); await fs.rm(`${file}~`); },
            // JetBrains safe write: a temporary file, the original moved aside, the temporary renamed in, the old one deleted.
            jetbrains: async text => {
                await fs.writeFile(`${file}___jb_tmp___`, text);
                await fs.rename(file, `${file}___jb_old___`);
                await fs.rename(`${file}___jb_tmp___`, file);
                await fs.rm(`${file}___jb_old___`);
            }
        };
        let round = 0;
        for (const [editor, save] of [...Object.entries(saves), ...Object.entries(saves)]) {
            round++;
            const reloaded = server.reloaded();
            const text = (await fs.readFile(file, 'utf8')).replace(/journey Adhesion "[^"]*"/, `journey Adhesion "Atomic ${editor} ${round}"`);
            await save(text);
            const outcome = await Promise.race([reloaded.then(() => 'reloaded'), new Promise(resolve => setTimeout(() => resolve('no reload'), 5000))]);
            expect(outcome, `${editor}, save ${round}`).toBe('reloaded');
            // A reload may start while the editor is still renaming: wait for the one that sees the end.
            for (let i = 0; i < 40 && !(await titleOf()).includes(`Atomic ${editor} ${round}`); i++) await new Promise(resolve => setTimeout(resolve, 50));
            expect(await titleOf(), `${editor}, save ${round}`).toContain(`Atomic ${editor} ${round}`);
        }
    });

    it('reloads when a JSON-lines or Parquet data file is saved, as for a CSV one', async () => {
        for (const name of ['avis.jsonl', 'evenements.parquet']) {
            const reloaded = server.reloaded();
            await fs.writeFile(path.join(root, 'data', name), name.endsWith('.jsonl') ? '{"respondent":1,"score":9}\n' : 'PAR1');
            const outcome = await Promise.race([reloaded.then(() => 'reloaded'), new Promise(resolve => setTimeout(() => resolve('no reload'), 5000))]);
            expect(outcome, name).toBe('reloaded');
        }
    });

    it('keeps its live-reload stream to its own pages, and caps open streams', async () => {
        const open = (headers: Record<string, string> = {}) => new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
            const req = request({ host: '127.0.0.1', port: server.port, path: '/events', headers }, resolve);
            req.on('error', reject);
            req.end();
        });
        const foreign = await open({ origin: 'http://evil.example' });
        expect(foreign.statusCode).toBe(403);
        foreign.destroy();
        const streams = [await open({ origin: `http://127.0.0.1:${server.port}` })];
        expect(streams[0].statusCode).toBe(200);
        while (streams.length < MAX_EVENT_STREAMS) streams.push(await open());
        expect(streams.every(stream => stream.statusCode === 200)).toBe(true);
        const refused = await open();
        expect(refused.statusCode).toBe(503);
        refused.destroy();
        // Pages still load, and a closed stream frees its place.
        expect((await get(server.port, '/')).status).toBe(200);
        streams.pop()!.destroy();
        await new Promise(resolve => setTimeout(resolve, 100));
        const again = await open();
        expect(again.statusCode).toBe(200);
        for (const stream of [...streams, again]) stream.destroy();
    });

    it('answers 1,400 requests sent at once, and malformed ones with a 4xx', async () => {
        const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
        const one = (rawPath: string) => new Promise<number>((resolve, reject) => {
            const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, agent }, res => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
            req.on('error', reject);
            req.end();
        });
        const paths = Array.from({ length: 1400 }, (_, i) => ['/', '/api/preview?file=adhesion.journey', '/nowhere'][i % 3]);
        const statuses = await Promise.all(paths.map(one));
        expect(statuses.filter((status, i) => status !== (paths[i] === '/nowhere' ? 404 : 200))).toEqual([]);
        agent.destroy();
        const malformed = await new Promise<string>((resolve, reject) => {
            const socket = connect(server.port, '127.0.0.1', () => socket.end('GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nBREW / HTTP/9\r\n\r\n'));
            let text = '';
            socket.on('data', chunk => { text += chunk; });
            socket.on('end', () => resolve(text));
            socket.on('error', reject);
        });
        expect(malformed).toMatch(/^HTTP\/1\.1 4\d\d/);
    }, 120_000);
});

describe('journey serve in French (--lang fr)', () => {
    let server: RunningServer;
    beforeAll(async () => {
        server = await startServer({ root: MUTUELLE, port: 0, locale: 'fr' });
    });
    afterAll(async () => {
        await server?.close();
    });

    it('serves its pages and its answers in French', async () => {
        const index = await get(server.port, '/');
        expect(index.body).toMatch(/<html lang="fr">/);
        const map = await get(server.port, '/map/adhesion.journey');
        expect(map.body).toMatch(/<html lang="fr">/);
        // The map drawn in the page (before its script, which carries both catalogues).
        const drawn = map.body.slice(0, map.body.indexOf('<script'));
        expect(drawn).toContain('Points de contact');
        expect(drawn).not.toContain('Touchpoints');
        // The payload the page draws its charts from says which language they speak.
        expect(JSON.parse((await get(server.port, '/api/preview?file=adhesion.journey')).body).locale).toBe('fr');
        const missing = await get(server.port, '/map/nowhere.journey');
        expect(missing.status).toBe(404);
        expect(missing.body).toBe('Introuvable : seuls les parcours de cet espace de travail sont servis (voir /).');
        expect((await get(server.port, '/', 'evil.example')).body).toBe('Hôte refusé.');
    });
});

