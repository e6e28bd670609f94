/**
 * The GitLab CI example (ci-examples/journey-review.gitlab-ci.yml) on a merge request of a real
 * git repository, against a stand-in of GitLab's API on loopback: its script run as the runner
 * runs it (one bash session, the job's variables, GitLab's predefined variables), installing
 * the `npm pack` tarball of this repository; the Code Quality report, the maps uploaded, one
 * note created, then updated by the next push.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitLabStandIn, type GitLabStandIn } from './gitlab-stand-in.js';
import { pullRequestFixture, pushFix, type PullRequestFixture } from './review-fixture.js';

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'glpat-standin';
const PROJECT = '42';

interface Job { image: string; rules: { if: string }[]; variables: Record<string, string>; script: string[]; artifacts: { when: string; paths: string[]; reports: { codequality: string } } }
const job = (yaml.load(readFileSync(path.join(ROOT, 'ci-examples/journey-review.gitlab-ci.yml'), 'utf8')) as Record<string, Job>)['journey-review'];

let temp: string;
let tarball: string;
let fixture: PullRequestFixture;
let standIn: GitLabStandIn;

/** The job's script in one bash session, as GitLab's shell executor runs it. */
function runJob(headSha: string, variables: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env = {
        ...process.env,
        ...job.variables,
        ...variables,
        // Project CI/CD variables, which take precedence over the file's.
        JOURNEY_PACKAGE: tarball, GITLAB_TOKEN: TOKEN,
        // Predefined variables of a merge request pipeline.
        CI: 'true', GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'merge_request_event', CI_PROJECT_DIR: fixture.checkout,
        CI_API_V4_URL: `${standIn.url}/api/v4`, CI_PROJECT_ID: PROJECT, CI_MERGE_REQUEST_IID: '3',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: fixture.baseSha, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'revue', CI_COMMIT_SHA: headSha, CI_JOB_URL: `${standIn.url}/parcours/-/jobs/99`,
        // The image's global npm prefix, here a folder of the test.
        npm_config_prefix: path.join(temp, 'npm-global'), PATH: `${path.join(temp, 'npm-global/bin')}:${process.env.PATH}`
    };
    return new Promise((resolve, reject) => {
        const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', job.script.join('\n')], { cwd: fixture.checkout, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', code => resolve({ code, stdout, stderr }));
    });
}

beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'out/cli/main.js'))) throw new Error('out/ is not built: run `npm run build` first.');
    temp = mkdtempSync(path.join(tmpdir(), 'journey-gitlab-'));
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
    tarball = path.join(temp, packed.filename);
    fixture = pullRequestFixture('head');
    // Two notes already there, one per page: the review's note is found past the first page.
    standIn = await startGitLabStandIn({ project: PROJECT, token: TOKEN, perPage: 1, notes: { 3: [{ body: 'Première relecture : ok pour la visio.' }] } });
}, 120_000);

afterAll(async () => {
    await standIn?.close();
    if (fixture) rmSync(fixture.root, { recursive: true, force: true });
    if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('ci-examples/journey-review.gitlab-ci.yml', () => {
    let first: { code: number | null; stdout: string; stderr: string };
    let noteId: number;

    beforeAll(async () => {
        first = await runJob(fixture.headSha);
    }, 240_000);

    it('runs on merge requests with the history it needs and keeps the review as artifacts', () => {
        expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
        expect(job.variables.GIT_DEPTH).toBe('0');
        expect(job.artifacts.when).toBe('always');
        expect(job.artifacts.paths).toEqual(['journey-review/']);
        for (const file of ['comment.md', 'journey.sarif', 'review.json', 'maps/01-AdhesionActuelle-before.svg', 'maps/01-AdhesionActuelle-after.svg', 'gl-code-quality-report.json']) {
            expect(existsSync(path.join(fixture.checkout, 'journey-review', file)), file).toBe(true);
        }
    });

    it('fails the job on the error', () => {
        expect(first.stderr).toContain('journey review: the journeys have 1 error.');
        expect(first.code).toBe(1);
    });

    it('reports every problem in the Code Quality report, with paths from the repository root', () => {
        const report = JSON.parse(readFileSync(path.join(fixture.checkout, job.artifacts.reports.codequality), 'utf8')) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
        expect(report).toContainEqual(expect.objectContaining({ check_name: 'unresolved-reference', severity: 'critical', location: { path: 'journeys/adhesion-actuel.journey', lines: { begin: fixture.errorLine, end: fixture.errorLine } } }));
        expect(report).toContainEqual(expect.objectContaining({ check_name: 'empty-stage', severity: 'major', location: { path: 'journeys/adhesion-actuel.journey', lines: { begin: fixture.warningLine, end: fixture.warningLine } } }));
        expect(report).toContainEqual(expect.objectContaining({ check_name: 'empty-stage', location: { path: 'journeys/adhesion-cible.journey', lines: { begin: fixture.oldWarningLine, end: fixture.oldWarningLine } } }));
        expect(new Set(report.map(r => r.fingerprint)).size).toBe(report.length);
    });

    it('uploads the maps and posts one note showing them, with the diff and the KPI status changes', () => {
        expect(standIn.uploads.map(u => [u.name, u.type])).toEqual([['01-AdhesionActuelle-before.svg', 'image/svg+xml'], ['01-AdhesionActuelle-after.svg', 'image/svg+xml']]);
        expect(standIn.uploads[0].content).toContain('data-mark="removed"');
        expect(standIn.uploads[1].content).toContain('data-mark="added"');
        const posts = standIn.calls.filter(c => c.method === 'POST' && c.path.endsWith('/merge_requests/3/notes'));
        expect(posts).toHaveLength(1);
        expect(posts[0].token).toBe(TOKEN);
        const body = (posts[0].body as { body: string }).body;
        noteId = standIn.notes.get(3)!.find(n => n.body === body)!.id;
        expect(body.startsWith('<!-- journey-review -->\n## Journey review\n')).toBe(true);
        expect(body).toContain('From `main` to `revue`: changed *Adhésion à la mutuelle santé — parcours actuel*.');
        for (const upload of standIn.uploads) expect(body).toContain(`](${upload.url})](${upload.url})`);
        expect(body).toMatch(/\| CSAT à chaud après la signature \| [^|]+ \| ✅ met · 83\.3% · target ≥ 80% \| ❌ missed · 83\.3% · target ≥ 90% \|/);
        expect(body).toContain(`[CI run](${standIn.url}/parcours/-/jobs/99)`);
    });

    it('updates that note on the next push, past the first page of notes', async () => {
        const headSha = pushFix(fixture, 'head');
        const before = standIn.calls.length;
        const second = await runJob(headSha);
        expect(second.code).toBe(0);
        const calls = standIn.calls.slice(before);
        expect(calls.filter(c => c.method === 'POST' && c.path.includes('/notes'))).toEqual([]);
        expect(calls.filter(c => c.method === 'PUT').map(c => c.path)).toEqual([`/api/v4/projects/${PROJECT}/merge_requests/3/notes/${noteId}`]);
        expect(calls.filter(c => c.method === 'GET').map(c => new URL(c.path, standIn.url).searchParams.get('page'))).toEqual(['1', '2']);
        const notes = standIn.notes.get(3)!;
        expect(notes.map(n => n.author.username)).toEqual(['cx-lead', 'journey-bot']);
        expect(notes[0].body).toBe('Première relecture : ok pour la visio.');
        expect(notes[1].body).toContain('⚠️ **Checks:** 0 errors, 2 warnings and 0 notes in the 4 journey files.');
    }, 120_000);

    it('writes the note in French with JOURNEY_LANG=fr: the same review, in the reader\'s words', async () => {
        const before = standIn.calls.length;
        const headSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: fixture.checkout, encoding: 'utf8' }).trim();
        const french = await runJob(headSha, { JOURNEY_LANG: 'fr' });
        expect(french.code).toBe(0);
        expect(french.stdout).toMatch(/^journey review: 1 parcours modifié\u202f; 0 erreur, 2 avertissements\u202f; \d+ KPI changen?t? de statut\u202f; 1 carte de parcours avant et après\.$/m);
        const put = standIn.calls.slice(before).find(c => c.method === 'PUT')!;
        const body = (put.body as { body: string }).body;
        expect(body.startsWith('<!-- journey-review -->\n## Revue des parcours\n')).toBe(true);
        expect(body).toContain('⚠️ **Vérifications\u202f:** 0 erreur, 2 avertissements et 0 remarque dans les 4 fichiers de parcours.');
        expect(body).toContain('### Changements dans les parcours');
        expect(body).toContain('De `main` à `revue`\u202f: modification de *Adhésion à la mutuelle santé — parcours actuel*.');
        expect(body).toContain('### Cartes avant et après');
        expect(body).toMatch(/\*\*Avant\*\* \(`main`\)/);
        expect(body).toContain('### Statuts des KPI');
        expect(body).toMatch(/\| KPI \| Parcours \| Avant \| Après \|/);
        expect(body).toMatch(/\| CSAT à chaud après la signature \| [^|]+ \| ✅ atteint · 83,3\u00a0% · cible ≥ 80\u00a0% \| ❌ manqué · 83,3\u00a0% · cible ≥ 90\u00a0% \|/);
        expect(body).toContain('- cible du KPI *CSAT à chaud après la signature* resserrée de **≥ 80\u00a0%** à **≥ 90\u00a0%**');
        expect(body).toMatch(/`journeys\/adhesion-actuel\.journey:\d+` avertissement\u202f: L'étape «.Attente.» n'a aucun point de contact/);
        expect(french.stderr).toContain('journey review: note 501 mise à jour sur la merge request !3'.replace('501', String(noteId)));
        expect(body).toContain(`Écrit par journey review pour`);
        expect(body).toContain(`[exécution de la CI](${standIn.url}/parcours/-/jobs/99)`);
        expect(body).not.toMatch(/Checks:|Journey changes|Maps before|KPI statuses|Written by/);
    }, 120_000);
});
