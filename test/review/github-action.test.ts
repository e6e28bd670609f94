/**
 * The GitHub Action (action.yml) on a pull request of a real git repository, against a stand-in
 * of GitHub's REST API on loopback: the journey command installed by the Action's own step from
 * the `npm pack` tarball of this repository, the annotations on the changed lines, the maps
 * committed on the maps' branch (read back with git), one comment created, then updated by the
 * next push, a fork's read-only token, and the outputs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifErrors } from '../cli/sarif-schema.js';
import { runAction, readAction, type ActionRun } from './action-runner.js';
import { startGitHubStandIn, type GitHubStandIn } from './github-stand-in.js';
import { git, pullRequestFixture, pushFix, type PullRequestFixture } from './review-fixture.js';

const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'ghs_standin_token';
const REPOSITORY = 'mutuelle/parcours';

let temp: string;
let tarball: string;
let runnerTemp: string;

beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'out/cli/main.js'))) throw new Error('out/ is not built: run `npm run build` first.');
    temp = mkdtempSync(path.join(tmpdir(), 'journey-action-'));
    // --ignore-scripts: `npm test` has just built; prepack would rebuild out/ under the other tests.
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
    tarball = path.join(temp, packed.filename);
    // One runner temp folder for every run here: the Action's npm install is then quick after the first.
    runnerTemp = path.join(temp, 'runner');
}, 120_000);

afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
});

function event(fixture: PullRequestFixture, headSha: string): string {
    const file = path.join(temp, `event-${headSha}.json`);
    writeFileSync(file, JSON.stringify({ pull_request: { number: 7, base: { sha: fixture.baseSha, ref: 'main' }, head: { sha: headSha, ref: 'revue' } } }));
    return file;
}

function run(fixture: PullRequestFixture, standIn: GitHubStandIn, headSha: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
        actionPath: ROOT, workspace: fixture.checkout, runnerTemp,
        inputs: { path: 'journeys', package: tarball, today: '2026-06-30', ...inputs },
        env: {
            GITHUB_TOKEN: TOKEN, GITHUB_API_URL: standIn.url, GITHUB_SERVER_URL: standIn.url, GITHUB_REPOSITORY: REPOSITORY,
            GITHUB_EVENT_PATH: event(fixture, headSha), GITHUB_EVENT_NAME: 'pull_request', GITHUB_RUN_ID: '4242', GITHUB_ACTIONS: 'true'
        }
    });
}

const annotations = (stdout: string) => stdout.split('\n').filter(line => /^::(error|warning|notice) /.test(line));

describe('action.yml', () => {
    it('documents every input and output, and passes inputs to its scripts through the environment only', () => {
        const action = readAction(ROOT);
        for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\w{3,}.*\./);
        for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toMatch(/\w{3,}/);
        for (const step of action.runs.steps.filter(s => s.run)) expect(step.run, step.name).not.toContain('${{');
    });
});

describe('the Action on a pull request', () => {
    let fixture: PullRequestFixture;
    let standIn: GitHubStandIn;
    let first: ActionRun;

    beforeAll(async () => {
        fixture = pullRequestFixture('merge');
        standIn = await startGitHubStandIn({
            repository: REPOSITORY, token: TOKEN, gitDir: fixture.origin,
            comments: { 7: [{ body: 'Merci, je regarde la carte demain.', login: 'cx-lead' }] }
        });
        first = await run(fixture, standIn, fixture.headSha);
    }, 240_000);

    afterAll(async () => {
        await standIn?.close();
        if (fixture) rmSync(fixture.root, { recursive: true, force: true });
    });

    it('annotates the errors and the problems on changed lines, not the old warning elsewhere', () => {
        const lines = annotations(first.stdout);
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=journeys/adhesion-actuel\\.journey,line=${fixture.errorLine},endLine=${fixture.errorLine},col=\\d+,endColumn=\\d+,title=journey check%3A unresolved-reference::Unknown channel 'Visioconference'`)));
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::warning file=journeys/adhesion-actuel\\.journey,line=${fixture.warningLine},.*title=journey check%3A empty-stage::`)));
        expect(lines.filter(line => line.includes('adhesion-cible.journey'))).toEqual([]);
        // The old warning is still reported: in the SARIF file and the comment's count.
        const sarif = JSON.parse(readFileSync(first.outputs['sarif-file'], 'utf8'));
        expect(sarifErrors(sarif)).toEqual([]);
        expect(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
            `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`))
            .toEqual(expect.arrayContaining([`journeys/adhesion-cible.journey:${fixture.oldWarningLine}`, `journeys/adhesion-actuel.journey:${fixture.errorLine}`]));
    });

    it('fails the job on the error, after posting the review', () => {
        expect(first.code).toBe(1);
        expect(first.stderr).toContain('journey review: the journeys have 1 error.');
        expect(first.outputs.errors).toBe('1');
        expect(first.outputs['comment-id']).not.toBe('');
        expect(first.skipped).toEqual(['Keep the review\'s files (uses actions/upload-artifact@v4)']);
    });

    it('posts one comment with the checks, the diff, the maps before and after, and the KPI status changes', () => {
        const posts = standIn.calls.filter(c => c.method === 'POST' && c.path.endsWith('/issues/7/comments'));
        expect(posts).toHaveLength(1);
        expect(posts[0].authorization).toBe(`Bearer ${TOKEN}`);
        const body = (posts[0].body as { body: string }).body;
        expect(body.startsWith('<!-- journey-review -->\n## Journey review\n')).toBe(true);
        expect(body).toContain('❌ **Checks:** 1 error, 2 warnings and ');
        expect(body).toContain('From `main` to `revue`: changed *Adhésion à la mutuelle santé — parcours actuel*.');
        expect(body).toContain('touchpoint *Fin du contrat collectif de l\'employeur* removed');
        expect(body).toContain('touchpoint *Rendez-vous en visio* added to stage *Devis et conseil personnalisé*');
        const maps = first.outputs['maps-commit'];
        expect(maps).toMatch(/^[0-9a-f]{40}$/);
        const folder = `pull-7/${git(fixture.checkout, 'rev-parse', 'HEAD').slice(0, 12)}`;
        for (const side of ['before', 'after']) {
            const url = `${standIn.url}/${REPOSITORY}/raw/${maps}/${folder}/01-AdhesionActuelle-${side}.svg`;
            expect(body).toContain(`[![Map of Adhésion à la mutuelle santé — parcours actuel, ${side} the change](${url})](${url})`);
        }
        expect(body).toMatch(/\| CSAT à chaud après la signature \| Adhésion à la mutuelle santé — parcours actuel \| ✅ met · 83\.3% · target ≥ 80% \| ❌ missed · 83\.3% · target ≥ 90% \|/);
        expect(body).toMatch(/\| Temps d'attente moyen au téléphone \| [^|]+ \| ❌ missed · 7\.9 minutes · target ≤ 3 minutes \| ✅ met · 2\.4 minutes · target ≤ 3 minutes \|/);
        expect(body).toContain(`[CI run](${standIn.url}/${REPOSITORY}/actions/runs/4242)`);
    });

    it('commits the maps, changes marked, on the maps branch of the repository', () => {
        const commit = first.outputs['maps-commit'];
        expect(git(fixture.origin, 'rev-parse', 'refs/heads/journey-maps')).toBe(commit);
        const files = git(fixture.origin, 'ls-tree', '-r', '--name-only', commit).split('\n');
        const folder = `pull-7/${git(fixture.checkout, 'rev-parse', 'HEAD').slice(0, 12)}`;
        expect(files).toEqual([`${folder}/01-AdhesionActuelle-after.svg`, `${folder}/01-AdhesionActuelle-before.svg`]);
        const after = git(fixture.origin, 'show', `${commit}:${folder}/01-AdhesionActuelle-after.svg`);
        const before = git(fixture.origin, 'show', `${commit}:${folder}/01-AdhesionActuelle-before.svg`);
        expect(after).toMatch(/<g data-line="\d+" data-mark="added"><rect[^>]*stroke="#2e7d32"[^>]*\/><text[^>]*>\+ added<\/text><text[^>]*>Rendez-vous en visio/);
        expect(after).toMatch(/data-mark="changed"><rect[^>]*\/><text[^>]*>2\. Devis et conseil personnalisé/);
        // Gone from the map after the change, listed in its banner.
        // (Long titles wrap inside their card: one text element per line.)
        expect(after).not.toMatch(/<text[^>]*>Fin du contrat<\/text>/);
        expect(after).toContain('Removed: touchpoint “Fin du contrat collectif de l&#39;employeur”');
        expect(after).toContain('<title>Adhésion à la mutuelle santé — parcours actuel (revue)</title>');
        expect(before).toMatch(/data-mark="removed"><rect[^>]*stroke="#c62828"[^>]*\/><text[^>]*>− removed<\/text><text[^>]*>Fin du contrat<\/text><text[^>]*>collectif de/);
        expect(before).toContain('Before the change: the version main.');
    });

    it('writes the review in the job summary and the outputs', () => {
        expect(first.summary).toContain('## Journey review');
        expect(first.outputs).toMatchObject({ warnings: '2', 'changed-journeys': '1', 'missed-targets': expect.stringMatching(/^\d+$/) });
        expect(first.outputs['comment-url']).toBe(`${standIn.url}/${REPOSITORY}/pull/7#issuecomment-${first.outputs['comment-id']}`);
    });

    it('updates the same comment on the next push, and leaves the others alone', async () => {
        const headSha = pushFix(fixture, 'merge');
        const callsBefore = standIn.calls.length;
        const second = await run(fixture, standIn, headSha);
        expect(second.code).toBe(0);
        const calls = standIn.calls.slice(callsBefore);
        expect(calls.filter(c => c.method === 'POST' && c.path.includes('/comments'))).toEqual([]);
        const patches = calls.filter(c => c.method === 'PATCH' && c.path.includes('/issues/comments/'));
        expect(patches.map(c => c.path)).toEqual([`/repos/${REPOSITORY}/issues/comments/${first.outputs['comment-id']}`]);
        const comments = standIn.comments.get(7)!;
        expect(comments.map(c => c.user.login)).toEqual(['cx-lead', 'github-actions[bot]']);
        expect(comments[0].body).toBe('Merci, je regarde la carte demain.');
        expect(comments[1].body).toContain('⚠️ **Checks:** 0 errors, 2 warnings and 0 notes in the 4 journey files.');
        expect(comments[1].body).toContain(`/raw/${second.outputs['maps-commit']}/pull-7/`);
        expect(annotations(second.stdout).filter(line => line.startsWith('::error'))).toEqual([]);
        // The maps branch moved forward: the first run's images stay reachable.
        expect(git(fixture.origin, 'rev-parse', `${second.outputs['maps-commit']}^`)).toBe(first.outputs['maps-commit']);
    }, 120_000);
});

describe('the Action with a read-only token (a pull request from a fork)', () => {
    it('still annotates and writes the job summary, and says why there is no comment', async () => {
        const fixture = pullRequestFixture('merge');
        const standIn = await startGitHubStandIn({ repository: REPOSITORY, token: TOKEN, gitDir: fixture.origin, readOnly: true });
        try {
            const result = await run(fixture, standIn, fixture.headSha, { 'fail-on': 'never' });
            expect(result.code).toBe(0);
            expect(annotations(result.stdout)).toContainEqual(expect.stringMatching(/^::error file=journeys\/adhesion-actuel\.journey,/));
            expect(result.stdout).toMatch(/^::warning title=journey review::The maps could not be published on the branch journey-maps \(GitHub answered 403/m);
            expect(result.stdout).toMatch(/^::warning title=journey review::The review could not be posted on the pull request \(GitHub answered 403/m);
            expect(result.summary).toContain('The maps could not be published on the branch journey-maps');
            expect(result.outputs['comment-id']).toBe('');
            expect(() => git(fixture.origin, 'rev-parse', '--verify', '--quiet', 'refs/heads/journey-maps')).toThrow();
        } finally {
            await standIn.close();
            rmSync(fixture.root, { recursive: true, force: true });
        }
    }, 120_000);
});
