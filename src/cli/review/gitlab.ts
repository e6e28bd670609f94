/**
 * The review on GitLab (ci-examples/journey-review.gitlab-ci.yml): diagnostics as a Code Quality
 * report (GitLab shows them in the merge request), the maps uploaded to the project (GitLab's
 * way of attaching images to a comment), and one note on the merge request, created once and
 * updated on every pipeline. Reads GitLab CI's variables: CI_API_V4_URL, CI_PROJECT_ID,
 * CI_MERGE_REQUEST_IID, CI_MERGE_REQUEST_DIFF_BASE_SHA, CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
 * CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_JOB_URL, and a token with the `api` scope in
 * GITLAB_TOKEN (the job token cannot write notes).
 */
import { createHash } from 'node:crypto';
import type { Messages } from '../../language/i18n/i18n.js';
import { InputError, type FileDiagnostic } from '../../node/journey-workspace.js';
import { RestClient } from './http.js';
import type { MapImage } from './review.js';

export interface GitLabContext {
    api: RestClient;
    project: string;
    mergeRequest: number;
    baseSha: string;
    targetBranch?: string;
    sourceBranch?: string;
    jobUrl?: string;
}

export function gitLabContext(m: Messages, env: NodeJS.ProcessEnv = process.env): GitLabContext {
    const need = (name: string, why: 'token' | 'pipeline') => {
        const value = env[name];
        if (!value) throw new InputError(m.t('review.gitlab.notSet', { name, why }));
        return value;
    };
    const inPipeline = 'pipeline';
    const token = need('GITLAB_TOKEN', 'token');
    return {
        api: new RestClient(need('CI_API_V4_URL', inPipeline), { 'PRIVATE-TOKEN': token, 'User-Agent': 'journey-review' }, 'GitLab', m),
        project: need('CI_PROJECT_ID', inPipeline),
        mergeRequest: Number(need('CI_MERGE_REQUEST_IID', inPipeline)),
        baseSha: need('CI_MERGE_REQUEST_DIFF_BASE_SHA', inPipeline),
        ...(env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME ? { targetBranch: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME } : {}),
        ...(env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ? { sourceBranch: env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME } : {}),
        ...(env.CI_JOB_URL ? { jobUrl: env.CI_JOB_URL } : {})
    };
}

const SEVERITIES = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' } as const;

/** GitLab's Code Quality report (`artifacts:reports:codequality`), paths from the repository's root. */
export function codeQualityReport(diagnostics: FileDiagnostic[], prefix: string) {
    return diagnostics.map(d => ({
        description: d.message,
        check_name: d.code,
        fingerprint: createHash('md5').update([`${prefix}${d.file}`, d.code, d.message, String(d.line)].join('\u0000')).digest('hex'),
        severity: SEVERITIES[d.severity],
        location: { path: `${prefix}${d.file}`, lines: { begin: d.line, end: d.endLine } }
    }));
}

/** Uploads the images to the project (`POST /projects/:id/uploads`); returns the URL of each, as GitLab writes it in Markdown. */
export async function uploadMaps(context: GitLabContext, images: MapImage[]): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    for (const image of images) {
        const form = new FormData();
        form.append('file', new Blob([image.svg], { type: 'image/svg+xml' }), image.name);
        const { body } = await context.api.request<{ url: string }>('POST', `/projects/${encodeURIComponent(context.project)}/uploads`, undefined, { form });
        urls.set(image.name, body.url);
    }
    return urls;
}

interface Note { id: number; body?: string }

/** Updates the merge request's note that starts with `marker`, or creates it. */
export async function upsertNote(context: GitLabContext, marker: string, body: string): Promise<{ id: number; created: boolean }> {
    const notes = `/projects/${encodeURIComponent(context.project)}/merge_requests/${context.mergeRequest}/notes`;
    for (let page = 1; ; page++) {
        const { body: list, headers } = await context.api.request<Note[]>('GET', `${notes}?per_page=100&page=${page}&sort=asc&order_by=created_at`);
        const mine = list.find(note => note.body?.startsWith(marker));
        if (mine) {
            const updated = await context.api.request<Note>('PUT', `${notes}/${mine.id}`, { body });
            return { id: updated.body.id, created: false };
        }
        if (!headers.get('x-next-page')) break;
    }
    const created = await context.api.request<Note>('POST', notes, { body });
    return { id: created.body.id, created: true };
}
