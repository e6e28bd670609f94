/**
 * A stand-in for the part of GitLab's REST API (v4) the review uses, since GitLab cannot be
 * reached from here: a real HTTP server on loopback that records every call. Merge request
 * notes and uploaded files live in memory; uploads are parsed as GitLab does (multipart form).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitLabCall {
    method: string;
    path: string;
    token?: string;
    body?: unknown;
    status: number;
}

export interface StoredNote { id: number; body: string; author: { username: string } }
export interface StoredUpload { name: string; type: string; content: string; url: string }

export interface GitLabStandIn {
    url: string;
    calls: GitLabCall[];
    notes: Map<number, StoredNote[]>;
    uploads: StoredUpload[];
    close(): Promise<void>;
}

export async function startGitLabStandIn(options: { project: string; token: string; notes?: Record<number, { body: string; username?: string }[]>; perPage?: number }): Promise<GitLabStandIn> {
    const calls: GitLabCall[] = [];
    const notes = new Map<number, StoredNote[]>();
    const uploads: StoredUpload[] = [];
    let nextId = 500;
    const addNote = (mr: number, body: string, username = 'journey-bot') => {
        const note = { id: nextId++, body, author: { username } };
        notes.set(mr, [...(notes.get(mr) ?? []), note]);
        return note;
    };
    for (const [mr, list] of Object.entries(options.notes ?? {})) for (const n of list) addNote(Number(mr), n.body, n.username ?? 'cx-lead');
    const project = `/api/v4/projects/${encodeURIComponent(options.project)}`;

    const server = createServer((request: IncomingMessage, response) => {
        void (async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of request) chunks.push(chunk as Buffer);
            const raw = Buffer.concat(chunks);
            const { pathname, searchParams } = new URL(request.url ?? '/', 'http://stand-in');
            const method = request.method ?? 'GET';
            let status = 404;
            let answer: unknown = { message: '404 Not found' };
            const headers: Record<string, string> = { 'Content-Type': 'application/json' };
            let body: unknown;
            let match: RegExpExecArray | null;
            if (request.headers['private-token'] !== options.token) {
                status = 401;
                answer = { message: '401 Unauthorized' };
            } else if (pathname === `${project}/uploads` && method === 'POST') {
                // Parsed by the platform's own multipart reader.
                const form = await new Request('http://stand-in/', { method, headers: { 'content-type': String(request.headers['content-type']) }, body: raw }).formData();
                const file = form.get('file') as File;
                const content = Buffer.from(await file.arrayBuffer()).toString('utf8');
                const secret = createHash('md5').update(content).digest('hex');
                const upload = { name: file.name, type: file.type, content, url: `/uploads/${secret}/${file.name}` };
                uploads.push(upload);
                body = { file: file.name, type: file.type, bytes: content.length };
                status = 201;
                answer = { alt: file.name.replace(/\.\w+$/, ''), url: upload.url, full_path: `/-/project/1/uploads/${secret}/${file.name}`, markdown: `![${file.name}](${upload.url})` };
            } else if ((match = new RegExp(`^${project}/merge_requests/(\\d+)/notes$`).exec(pathname))) {
                const mr = Number(match[1]);
                if (method === 'GET') {
                    const perPage = Math.min(Number(searchParams.get('per_page') ?? 20), options.perPage ?? 100);
                    const page = Number(searchParams.get('page') ?? 1);
                    const list = notes.get(mr) ?? [];
                    status = 200;
                    answer = list.slice((page - 1) * perPage, page * perPage);
                    headers['X-Next-Page'] = page * perPage < list.length ? String(page + 1) : '';
                } else if (method === 'POST') {
                    body = JSON.parse(raw.toString('utf8'));
                    status = 201;
                    answer = addNote(mr, (body as { body: string }).body);
                }
            } else if ((match = new RegExp(`^${project}/merge_requests/(\\d+)/notes/(\\d+)$`).exec(pathname)) && method === 'PUT') {
                body = JSON.parse(raw.toString('utf8'));
                const note = (notes.get(Number(match[1])) ?? []).find(n => n.id === Number(match![2]));
                if (note) {
                    note.body = (body as { body: string }).body;
                    status = 200;
                    answer = note;
                }
            }
            calls.push({ method, path: request.url ?? '', ...(request.headers['private-token'] ? { token: String(request.headers['private-token']) } : {}), ...(body === undefined ? {} : { body }), status });
            response.writeHead(status, headers);
            response.end(JSON.stringify(answer));
        })();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, calls, notes, uploads, close: () => new Promise<void>(resolve => server.close(() => resolve())) };
}
