import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { git, resolveCommit } from '../../diff/diff-sources.js';
import { Exit, UsageError, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';
import { commentMarker, reviewComment, type CommentOptions } from '../review/comment.js';
import { annotationCommand, gitHubContext, publishMaps, upsertComment, warningCommand, writeOutputs } from '../review/github.js';
import { codeQualityReport, gitLabContext, uploadMaps, upsertNote } from '../review/gitlab.js';
import { review, type Review } from '../review/review.js';
import { toSarif } from '../sarif.js';

const FAIL_ON = ['errors', 'warnings', 'missed', 'at-risk', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** GitHub refuses comments over 65,536 characters; GitLab's notes allow 1,000,000. */
const MAX_COMMENT = { github: 65_536, gitlab: 1_000_000 } as const;

export const reviewCommand: Command = {
    summary: 'Review a pull request\'s journeys: checks, semantic diff, maps before and after, KPI statuses.',
    usage: `Usage: journey review [<base>] [--out <folder>] [--post github|gitlab] [options]

Compares the journeys of the working tree (the current folder, in a git repository) with the
revision <base> (its merge base with HEAD when git knows it), and writes into --out:
comment.md (the review as Markdown), maps/*.svg (the maps of the changed journeys before and
after, changes marked), journey.sarif (every diagnostic, SARIF 2.1.0) and review.json.
  --post github     also annotate the pull request's lines (workflow commands), publish the maps
                    on a branch and post or update one comment (the GitHub Action does this);
                    <base> defaults to the pull request's base.
  --post gitlab     also write gl-code-quality-report.json, upload the maps to the project and
                    post or update one note on the merge request (needs GITLAB_TOKEN).
  --base-label, --head-label <name>   how the versions are named (default: <base>, HEAD).
  --annotations changed-lines|all|none   which diagnostics are annotated (default changed-lines:
                    every error, and the other problems on lines the change touches).
  --maps publish|none   publish the maps for the comment (default publish).
  --maps-branch <name>  GitHub: the branch the maps are committed to (default journey-maps).
  --max-maps <n>    maps of at most n changed journeys (default 10).
  --tag <name>      tell this review's comment from another's on the same pull request.
  --fail-on <list>  exit 1 on: errors (default), warnings, missed (a target the change touches is
                    missed after it), at-risk (missed or at risk); comma-separated, or never.
  --today YYYY-MM-DD   the date KPI deadlines are judged against.
Exit code: 0, 1 when --fail-on is met, 2 usage or input error.`,
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, {
            out: { type: 'string', short: 'o' },
            post: { type: 'string' },
            'base-label': { type: 'string' },
            'head-label': { type: 'string' },
            annotations: { type: 'string' },
            maps: { type: 'string' },
            'maps-branch': { type: 'string' },
            'max-maps': { type: 'string' },
            tag: { type: 'string' },
            'fail-on': { type: 'string' },
            today: { type: 'string' }
        });
        const post = values.post === undefined ? undefined : oneOf('post', values.post, ['github', 'gitlab'] as const, 'github');
        const annotate = oneOf('annotations', values.annotations, ['changed-lines', 'all', 'none'] as const, 'changed-lines');
        const maps = oneOf('maps', values.maps, ['publish', 'none'] as const, 'publish');
        const failOn = (values['fail-on'] ?? 'errors').split(',').map(item => oneOf('fail-on', item.trim(), FAIL_ON, 'errors'));
        const maxMaps = values['max-maps'] === undefined ? 10 : Number(values['max-maps']);
        if (!Number.isInteger(maxMaps) || maxMaps < 0) throw new UsageError(`--max-maps must be a whole number (got '${values['max-maps']}').`);
        if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`--today must be a date YYYY-MM-DD (got '${values.today}').`);
        if (positionals.length > 1) throw new UsageError('give one base revision.');
        const out = path.resolve(io.cwd, values.out ?? 'journey-review');

        const github = post === 'github' ? await gitHubContext() : undefined;
        const gitlab = post === 'gitlab' ? gitLabContext() : undefined;
        const base = positionals[0] ?? github?.pullRequest.base.sha ?? gitlab?.baseSha;
        if (!base) throw new UsageError('give the revision to compare with (the pull request\'s base).');
        // actions/checkout fetches one commit by default: the base commit is fetched when missing.
        if (github && !(await resolveCommit(base, io.cwd))) {
            await git(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', base], io.cwd).catch(() => undefined);
        }
        const result = await review({
            cwd: io.cwd, base, annotate, maxMaps,
            ...(values.today ? { today: new Date(`${values.today}T12:00:00Z`) } : {}),
            baseLabel: values['base-label'] ?? github?.pullRequest.base.ref ?? gitlab?.targetBranch ?? base,
            headLabel: values['head-label'] ?? github?.pullRequest.head.ref ?? gitlab?.sourceBranch ?? 'HEAD'
        });
        const marker = commentMarker(values.tag);
        const images = result.maps.flatMap(map => [map.before, map.after].filter(image => image !== undefined));

        await fs.mkdir(path.join(out, 'maps'), { recursive: true });
        for (const image of images) await fs.writeFile(path.join(out, 'maps', image.name), image.svg);
        const sarif = path.join(out, 'journey.sarif');
        const repositoryRoot = result.prefix ? path.resolve(io.cwd, ...result.prefix.split('/').filter(Boolean).map(() => '..')) : io.cwd;
        await fs.writeFile(sarif, JSON.stringify(toSarif(result.diagnostics, { root: repositoryRoot, prefix: result.prefix }), null, 2) + '\n');
        await fs.writeFile(path.join(out, 'review.json'), JSON.stringify(summaryJson(result), null, 2) + '\n');
        // The local comment shows the maps written beside it.
        await fs.writeFile(path.join(out, 'comment.md'), reviewComment(result, { marker, images: new Map(images.map(image => [image.name, `maps/${image.name}`])) }));

        const failing = failures(result, failOn);
        if (github) {
            for (const d of result.annotations) io.out(annotationCommand(d, result.prefix));
            const options: CommentOptions = { marker, ...(github.runUrl ? { runUrl: github.runUrl } : {}) };
            let mapsCommit = '';
            if (maps === 'publish' && images.length) {
                const branch = values['maps-branch'] ?? 'journey-maps';
                try {
                    const folder = `pull-${github.pullRequest.number}/${(result.head.commit ?? github.pullRequest.head.sha).slice(0, 12)}`;
                    const published = await publishMaps(github, branch, folder, images);
                    options.images = published.urls;
                    mapsCommit = published.commit;
                } catch (error) {
                    const reason = (error as Error).message;
                    options.mapsNote = `The maps could not be published on the branch ${branch} (${reason}). They are in the files of the CI run.`;
                    io.out(warningCommand(options.mapsNote));
                }
            } else if (images.length) {
                options.mapsNote = 'The maps are not published (maps: none). They are in the files of the CI run.';
            }
            const body = fit(result, options, MAX_COMMENT.github);
            let comment: { id: number; url: string } | undefined;
            try {
                comment = await upsertComment(github, marker, body);
                io.err(`journey review: ${comment.url}\n`);
            } catch (error) {
                io.out(warningCommand(`The review could not be posted on the pull request (${(error as Error).message}). A pull request from a fork gets a read-only token: the review is in this job's summary.`));
            }
            if (github.stepSummary) await fs.appendFile(github.stepSummary, reviewComment(result, { ...options, marker: '' }));
            await writeOutputs(github, {
                errors: count(result, 'error'), warnings: count(result, 'warning'),
                'changed-journeys': result.diff.journeys.length, 'missed-targets': result.kpis.missed.length,
                'comment-id': comment?.id ?? '', 'comment-url': comment?.url ?? '', 'maps-commit': mapsCommit,
                'sarif-file': sarif, 'review-folder': out
            });
        } else if (gitlab) {
            await fs.writeFile(path.join(out, 'gl-code-quality-report.json'), JSON.stringify(codeQualityReport(result.diagnostics, result.prefix), null, 2) + '\n');
            const options: CommentOptions = { marker, ...(gitlab.jobUrl ? { runUrl: gitlab.jobUrl } : {}) };
            if (maps === 'publish' && images.length) {
                try {
                    options.images = await uploadMaps(gitlab, images);
                } catch (error) {
                    options.mapsNote = `The maps could not be uploaded to the project (${(error as Error).message}). They are in the job's artifacts.`;
                    io.err(`journey review: ${options.mapsNote}\n`);
                }
            }
            const note = await upsertNote(gitlab, marker, fit(result, options, MAX_COMMENT.gitlab));
            io.err(`journey review: note ${note.id} ${note.created ? 'posted' : 'updated'} on merge request !${gitlab.mergeRequest}\n`);
        }
        io.out(`${summaryLine(result)}\n`);
        for (const reason of failing) io.err(`journey review: ${reason}\n`);
        return failing.length ? Exit.failed : Exit.ok;
    }
};

const count = (result: Review, severity: string) => result.diagnostics.filter(d => d.severity === severity).length;

/** The comment, cut short when it would pass the platform's limit. */
function fit(result: Review, options: CommentOptions, limit: number): string {
    const body = reviewComment(result, options);
    return body.length <= limit ? body : reviewComment(result, { ...options, short: true });
}

/** Why the job fails, one sentence per reason met. */
function failures(result: Review, failOn: FailOn[]): string[] {
    if (failOn.includes('never')) return [];
    const reasons: string[] = [];
    const errors = count(result, 'error');
    const warnings = count(result, 'warning');
    if (failOn.includes('errors') && errors) reasons.push(errors === 1 ? 'the journeys have 1 error.' : `the journeys have ${errors} errors.`);
    if (failOn.includes('warnings') && warnings) reasons.push(warnings === 1 ? 'the journeys have 1 warning.' : `the journeys have ${warnings} warnings.`);
    const missed = result.kpis.missed.length;
    const atRisk = result.kpis.atRisk.length;
    if ((failOn.includes('missed') || failOn.includes('at-risk')) && missed) reasons.push(missed === 1 ? '1 target the change touches is missed.' : `${missed} targets the change touches are missed.`);
    if (failOn.includes('at-risk') && atRisk) reasons.push(atRisk === 1 ? '1 target the change touches is at risk.' : `${atRisk} targets the change touches are at risk.`);
    return reasons;
}

function summaryLine(result: Review): string {
    const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('{n}', String(n)));
    return `journey review: ${plural(result.diff.journeys.length, '1 journey changed', '{n} journeys changed')}; ` +
        `${plural(count(result, 'error'), '1 error', '{n} errors')}, ${plural(count(result, 'warning'), '1 warning', '{n} warnings')}; ` +
        `${plural(result.kpis.changes.length, '1 KPI changes status', '{n} KPIs change status')}; ${plural(result.maps.length, '1 journey map', '{n} journey maps')} before and after.`;
}

/** review.json: what a script needs to act on the review (the comment holds the rest). */
function summaryJson(result: Review) {
    return {
        version: 1,
        base: result.base, head: result.head, prefix: result.prefix, files: result.files,
        diagnostics: result.diagnostics, annotations: result.annotations.length,
        journeys: result.diff.journeys,
        maps: result.maps.map(({ before, after, ...map }) => ({ ...map, ...(before ? { before: before.name } : {}), ...(after ? { after: after.name } : {}) })),
        kpis: { compared: result.kpis.compared, changes: result.kpis.changes, missed: result.kpis.missed.map(e => (e.journey ? `${e.journey}.${e.kpi}` : e.kpi)), atRisk: result.kpis.atRisk.map(e => (e.journey ? `${e.journey}.${e.kpi}` : e.kpi)) }
    };
}
