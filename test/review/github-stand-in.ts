/**
 * A stand-in for the part of GitHub's REST API the Action uses, since GitHub cannot be reached
 * from here: a real HTTP server on loopback that records every call. Issue comments live in
 * memory; the Git data API (trees, commits, refs) writes into a real bare git repository, the
 * pull request's "origin", so the maps' branch can be read back with git.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface RecordedCall {
    method: string;
    path: string;
    authorization?: string;
    body?: unknown;
    status: number;
}

export interface StoredComment {
    id: number;
    body: string;
    html_url: string;
    user: { login: string };
}

export interface GitHubStandIn {
    url: string;
    calls: RecordedCall[];
    comments: Map<number, StoredComment[]>;
    close(): Promise<void>;
}

export interface StandInOptions {
    repository: string;
    token: string;
    /** The bare repository behind the Git data API. */
    gitDir: string;
    /** Writes refused as a fork's read-only token is (403). */
    readOnly?: boolean;
    /** Comments already on issues. */
    comments?: Record<number, { body: string; login?: string }[]>;
}

function git(gitDir: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): string {
    return execFileSync('git', ['--git-dir', gitDir, ...args], {
        encoding: 'utf8', input, env: { ...process.env, GIT_AUTHOR_NAME: 'GitHub', GIT_AUTHOR_EMAIL: 'noreply@github.com', GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@github.com', ...env }
    }).trim();
}

async function readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : undefined;
}

export async function startGitHubStandIn(options: StandInOptions): Promise<GitHubStandIn> {
    const calls: RecordedCall[] = [];
    const comments = new Map<number, StoredComment[]>();
    let nextId = 1000;
    let url = '';
    const newComment = (issue: number, body: string, login = 'github-actions[bot]'): StoredComment => {
        const comment = { id: nextId++, body, html_url: `${url}/${options.repository}/pull/${issue}#issuecomment-${nextId - 1}`, user: { login } };
        comments.set(issue, [...(comments.get(issue) ?? []), comment]);
        return comment;
    };
    for (const [issue, list] of Object.entries(options.comments ?? {})) for (const c of list) newComment(Number(issue), c.body, c.login ?? 'cx-reviewer');

    const repo = `/repos/${options.repository}`;
    const handle = async (request: IncomingMessage, body: unknown): Promise<[number, unknown]> => {
        if (request.headers.authorization !== `Bearer ${options.token}`) return [401, { message: 'Bad credentials' }];
        const { pathname, searchParams } = new URL(request.url ?? '/', 'http://stand-in');
        const method = request.method ?? 'GET';
        const write = method !== 'GET';
        if (write && options.readOnly) return [403, { message: 'Resource not accessible by integration' }];
        let match: RegExpExecArray | null;
        if ((match = new RegExp(`^${repo}/issues/(\\d+)/comments$`).exec(pathname))) {
            const issue = Number(match[1]);
            if (method === 'GET') {
                const perPage = Number(searchParams.get('per_page') ?? 30);
                const page = Number(searchParams.get('page') ?? 1);
                return [200, (comments.get(issue) ?? []).slice((page - 1) * perPage, page * perPage)];
            }
            if (method === 'POST') return [201, newComment(issue, (body as { body: string }).body)];
        }
        if ((match = new RegExp(`^${repo}/issues/comments/(\\d+)$`).exec(pathname)) && method === 'PATCH') {
            for (const list of comments.values()) {
                const comment = list.find(c => c.id === Number(match![1]));
                if (comment) {
                    comment.body = (body as { body: string }).body;
                    return [200, comment];
                }
            }
            return [404, { message: 'Not Found' }];
        }
        if (pathname === `${repo}/git/trees` && method === 'POST') {
            const index = path.join(mkdtempSync(path.join(tmpdir(), 'stand-in-index-')), 'index');
            try {
                for (const entry of (body as { tree: { path: string; mode: string; content: string }[] }).tree) {
                    const blob = git(options.gitDir, ['hash-object', '-w', '--stdin'], entry.content);
                    git(options.gitDir, ['update-index', '--add', '--cacheinfo', `${entry.mode},${blob},${entry.path}`], undefined, { GIT_INDEX_FILE: index });
                }
                return [201, { sha: git(options.gitDir, ['write-tree'], undefined, { GIT_INDEX_FILE: index }) }];
            } finally {
                rmSync(path.dirname(index), { recursive: true, force: true });
            }
        }
        if (pathname === `${repo}/git/commits` && method === 'POST') {
            const { message, tree, parents } = body as { message: string; tree: string; parents: string[] };
            return [201, { sha: git(options.gitDir, ['commit-tree', tree, ...parents.flatMap(p => ['-p', p]), '-m', message]) }];
        }
        if ((match = new RegExp(`^${repo}/git/ref/(heads/.+)$`).exec(pathname)) && method === 'GET') {
            try {
                const sha = git(options.gitDir, ['rev-parse', '--verify', '--quiet', `refs/${decodeURIComponent(match[1])}`]);
                return [200, { ref: `refs/${match[1]}`, object: { sha, type: 'commit' } }];
            } catch {
                return [404, { message: 'Not Found' }];
            }
        }
        if ((match = new RegExp(`^${repo}/git/refs/(heads/.+)$`).exec(pathname)) && method === 'PATCH') {
            const ref = `refs/${decodeURIComponent(match[1])}`;
            const { sha, force } = body as { sha: string; force?: boolean };
            const current = git(options.gitDir, ['rev-parse', ref]);
            try {
                if (!force) git(options.gitDir, ['merge-base', '--is-ancestor', current, sha]);
            } catch {
                return [422, { message: 'Update is not a fast forward' }];
            }
            git(options.gitDir, ['update-ref', ref, sha, current]);
            return [200, { ref, object: { sha, type: 'commit' } }];
        }
        if (pathname === `${repo}/git/refs` && method === 'POST') {
            const { ref, sha } = body as { ref: string; sha: string };
            try {
                git(options.gitDir, ['update-ref', ref, sha, '']);
            } catch {
                return [422, { message: 'Reference already exists' }];
            }
            return [201, { ref, object: { sha, type: 'commit' } }];
        }
        return [404, { message: 'Not Found' }];
    };

    const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
        void (async () => {
            const body = await readBody(request);
            const [status, answer] = await handle(request, body);
            calls.push({ method: request.method ?? 'GET', path: request.url ?? '', ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}), ...(body === undefined ? {} : { body }), status });
            response.writeHead(status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify(answer));
        })();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, calls, comments, close: () => new Promise<void>(resolve => server.close(() => resolve())) };
}
