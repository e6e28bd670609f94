/**
 * The review on GitHub (the Action, action.yml): diagnostics as workflow-command annotations,
 * the maps published on a branch of the repository through the Git data API, and one comment
 * on the pull request, created once and updated on every run. Reads what the Actions runner
 * provides: GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH,
 * GITHUB_RUN_ID, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, and the token in GITHUB_TOKEN.
 */
import { promises as fs } from 'node:fs';
import type { Messages } from '../../language/i18n/i18n.js';
import { InputError, type FileDiagnostic } from '../../node/journey-workspace.js';
import { RestClient } from './http.js';
import type { MapImage } from './review.js';

export interface GitHubContext {
    api: RestClient;
    /** The reader's messages, for the errors of the calls. */
    m: Messages;
    serverUrl: string;
    repository: string;
    runUrl?: string;
    stepSummary?: string;
    output?: string;
    pullRequest: { number: number; base: { sha: string; ref: string }; head: { sha: string; ref: string } };
}

export async function gitHubContext(m: Messages, env: NodeJS.ProcessEnv = process.env): Promise<GitHubContext> {
    const need = (name: string) => {
        const value = env[name];
        if (!value) throw new InputError(m.t('review.github.notSet', { name }));
        return value;
    };
    const repository = need('GITHUB_REPOSITORY');
    const eventPath = need('GITHUB_EVENT_PATH');
    const token = need('GITHUB_TOKEN');
    const event = JSON.parse(await fs.readFile(eventPath, 'utf8').catch(() => {
        throw new InputError(m.t('review.github.noEvent', { path: eventPath }));
    })) as { pull_request?: GitHubContext['pullRequest'] };
    if (!event.pull_request) throw new InputError(m.t('review.github.notPullRequest'));
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const api = new RestClient(env.GITHUB_API_URL ?? 'https://api.github.com', {
        Authorization: `Bearer ${token}`,
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'journey-review'
    }, 'GitHub', m);
    return {
        api, m, serverUrl, repository,
        ...(env.GITHUB_RUN_ID ? { runUrl: `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
        ...(env.GITHUB_STEP_SUMMARY ? { stepSummary: env.GITHUB_STEP_SUMMARY } : {}),
        ...(env.GITHUB_OUTPUT ? { output: env.GITHUB_OUTPUT } : {}),
        pullRequest: event.pull_request
    };
}

// ------------------------------------------------------------------ annotations

const LEVELS = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

/** Workflow-command escaping: `%`, CR and LF in the message; also `:` and `,` in properties. */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::message`: GitHub shows it on the line in the pull request's files. */
export function annotationCommand(d: FileDiagnostic, prefix: string): string {
    const properties = [
        `file=${escapeProperty(`${prefix}${d.file}`)}`, `line=${d.line}`, `endLine=${d.endLine}`,
        ...(d.line === d.endLine ? [`col=${d.column}`, `endColumn=${d.endColumn}`] : []),
        `title=${escapeProperty(`journey check: ${d.code}`)}`
    ];
    return `::${LEVELS[d.severity]} ${properties.join(',')}::${escapeData(d.message)}\n`;
}

export function warningCommand(message: string): string {
    return `::warning title=journey review::${escapeData(message)}\n`;
}

// ------------------------------------------------------------------ maps on a branch

/**
 * Commits the images to `branch` (created if absent) in a folder of their own, through the Git
 * data API (no checkout, no history to fetch): one tree with the files' contents, one commit
 * whose parent is the branch's tip (so earlier comments' images stay reachable), then the
 * branch moved forward; a run racing another retries. Returns the URL of each image, pinned to
 * the commit.
 */
export async function publishMaps(context: GitHubContext, branch: string, folder: string, images: MapImage[]): Promise<{ commit: string; urls: Map<string, string> }> {
    const repo = `/repos/${context.repository}`;
    const ref = `heads/${branch.split('/').map(encodeURIComponent).join('/')}`;
    const message = `Journey maps of pull request #${context.pullRequest.number} (${context.pullRequest.head.sha.slice(0, 12)})`;
    const tree = await context.api.request<{ sha: string }>('POST', `${repo}/git/trees`, {
        tree: images.map(image => ({ path: `${folder}/${image.name}`, mode: '100644', type: 'blob', content: image.svg }))
    });
    for (let attempt = 1; ; attempt++) {
        const tip = await context.api.request<{ object?: { sha: string } }>('GET', `${repo}/git/ref/${ref}`, undefined, { accept: [404] });
        const parent = tip.status === 404 ? undefined : tip.body.object?.sha;
        const commit = await context.api.request<{ sha: string }>('POST', `${repo}/git/commits`, { message, tree: tree.body.sha, parents: parent ? [parent] : [] });
        const moved = parent
            ? await context.api.request('PATCH', `${repo}/git/refs/${ref}`, { sha: commit.body.sha, force: false }, { accept: [422] })
            : await context.api.request('POST', `${repo}/git/refs`, { ref: `refs/${ref}`, sha: commit.body.sha }, { accept: [422] });
        if (moved.status !== 422) {
            const urls = new Map(images.map(image => [image.name, `${context.serverUrl}/${context.repository}/raw/${commit.body.sha}/${folder}/${encodeURIComponent(image.name)}`]));
            return { commit: commit.body.sha, urls };
        }
        if (attempt === 3) throw new Error(context.m.t('review.github.branchMoving', { branch, tries: attempt }));
    }
}

// ------------------------------------------------------------------ the comment

interface IssueComment { id: number; body?: string; html_url: string }

/** Updates the pull request's comment that starts with `marker`, or creates it. */
export async function upsertComment(context: GitHubContext, marker: string, body: string): Promise<{ id: number; url: string; created: boolean }> {
    const issue = `/repos/${context.repository}/issues/${context.pullRequest.number}`;
    for (let page = 1; ; page++) {
        const { body: comments } = await context.api.request<IssueComment[]>('GET', `${issue}/comments?per_page=100&page=${page}`);
        const mine = comments.find(comment => comment.body?.startsWith(marker));
        if (mine) {
            const updated = await context.api.request<IssueComment>('PATCH', `/repos/${context.repository}/issues/comments/${mine.id}`, { body });
            return { id: updated.body.id, url: updated.body.html_url, created: false };
        }
        if (comments.length < 100) break;
    }
    const created = await context.api.request<IssueComment>('POST', `${issue}/comments`, { body });
    return { id: created.body.id, url: created.body.html_url, created: true };
}

/** Step outputs (`name=value` lines in GITHUB_OUTPUT). */
export async function writeOutputs(context: GitHubContext, outputs: Record<string, string | number>): Promise<void> {
    if (!context.output) return;
    await fs.appendFile(context.output, Object.entries(outputs).map(([name, value]) => `${name}=${String(value).replace(/[\r\n]+/g, ' ')}\n`).join(''));
}
