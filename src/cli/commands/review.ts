import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { git, resolveCommit } from '../../diff/diff-sources.js';
import type { Messages } from '../../language/i18n/i18n.js';
import { Exit, UsageError, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
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
    summary: 'help.review.summary',
    usage: 'help.review.usage',
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
        const m = messagesOf(io);
        const locale = localeOf(io);
        const post = values.post === undefined ? undefined : oneOf('post', values.post, ['github', 'gitlab'] as const, 'github');
        const annotate = oneOf('annotations', values.annotations, ['changed-lines', 'all', 'none'] as const, 'changed-lines');
        const maps = oneOf('maps', values.maps, ['publish', 'none'] as const, 'publish');
        const failOn = (values['fail-on'] ?? 'errors').split(',').map(item => oneOf('fail-on', item.trim(), FAIL_ON, 'errors'));
        const maxMaps = values['max-maps'] === undefined ? 10 : Number(values['max-maps']);
        if (!Number.isInteger(maxMaps) || maxMaps < 0) throw new UsageError(m.t('cli.wholeNumber', { option: '--max-maps', value: values['max-maps'] }));
        if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(m.t('cli.today', { value: values.today }));
        if (positionals.length > 1) throw new UsageError(m.t('review.error.oneBase'));
        const out = path.resolve(io.cwd, values.out ?? 'journey-review');

        const github = post === 'github' ? await gitHubContext(m) : undefined;
        const gitlab = post === 'gitlab' ? gitLabContext(m) : undefined;
        const base = positionals[0] ?? github?.pullRequest.base.sha ?? gitlab?.baseSha;
        if (!base) throw new UsageError(m.t('review.error.noBase'));
        // actions/checkout fetches one commit by default: the base commit is fetched when missing.
        if (github && !(await resolveCommit(base, io.cwd))) {
            await git(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', base], io.cwd).catch(() => undefined);
        }
        const result = await review({
            cwd: io.cwd, base, annotate, maxMaps, locale,
            ...(values.today ? { today: new Date(`${values.today}T12:00:00Z`) } : {}),
            baseLabel: values['base-label'] ?? github?.pullRequest.base.ref ?? gitlab?.targetBranch ?? base,
            headLabel: values['head-label'] ?? github?.pullRequest.head.ref ?? gitlab?.sourceBranch ?? 'HEAD'
        });
        const marker = commentMarker(values.tag);
        const inLocale = (options: CommentOptions): CommentOptions => ({ ...options, locale });
        const images = result.maps.flatMap(map => [map.before, map.after].filter(image => image !== undefined));

        await fs.mkdir(path.join(out, 'maps'), { recursive: true });
        for (const image of images) await fs.writeFile(path.join(out, 'maps', image.name), image.svg);
        const sarif = path.join(out, 'journey.sarif');
        const repositoryRoot = result.prefix ? path.resolve(io.cwd, ...result.prefix.split('/').filter(Boolean).map(() => '..')) : io.cwd;
        await fs.writeFile(sarif, JSON.stringify(toSarif(result.diagnostics, { root: repositoryRoot, prefix: result.prefix }), null, 2) + '\n');
        await fs.writeFile(path.join(out, 'review.json'), JSON.stringify(summaryJson(result), null, 2) + '\n');
        // The local comment shows the maps written beside it.
        await fs.writeFile(path.join(out, 'comment.md'), reviewComment(result, inLocale({ marker, images: new Map(images.map(image => [image.name, `maps/${image.name}`])) })));

        const failing = failures(result, failOn, m);
        if (github) {
            for (const d of result.annotations) io.out(annotationCommand(d, result.prefix));
            const options: CommentOptions = inLocale({ marker, ...(github.runUrl ? { runUrl: github.runUrl } : {}) });
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
                    options.mapsNote = m.t('review.maps.notPublished', { branch, reason });
                    io.out(warningCommand(options.mapsNote));
                }
            } else if (images.length) {
                options.mapsNote = m.t('review.maps.off');
            }
            const body = fit(result, options, MAX_COMMENT.github);
            let comment: { id: number; url: string } | undefined;
            try {
                comment = await upsertComment(github, marker, body);
                io.err(`journey review: ${comment.url}\n`);
            } catch (error) {
                io.out(warningCommand(m.t('review.notPosted', { reason: (error as Error).message })));
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
            const options: CommentOptions = inLocale({ marker, ...(gitlab.jobUrl ? { runUrl: gitlab.jobUrl } : {}) });
            if (maps === 'publish' && images.length) {
                try {
                    options.images = await uploadMaps(gitlab, images);
                } catch (error) {
                    options.mapsNote = m.t('review.maps.notUploaded', { reason: (error as Error).message });
                    io.err(`journey review: ${options.mapsNote}\n`);
                }
            }
            const note = await upsertNote(gitlab, marker, fit(result, options, MAX_COMMENT.gitlab));
            io.err(`journey review: ${m.t('review.notePosted', { id: note.id, created: note.created ? 'yes' : 'no', request: gitlab.mergeRequest })}\n`);
        }
        io.out(`journey review: ${m.t('review.summary', {
            journeys: result.diff.journeys.length, errors: count(result, 'error'), warnings: count(result, 'warning'),
            kpis: result.kpis.changes.length, maps: result.maps.length
        })}\n`);
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
function failures(result: Review, failOn: FailOn[], m: Messages): string[] {
    if (failOn.includes('never')) return [];
    const reasons: string[] = [];
    const errors = count(result, 'error');
    const warnings = count(result, 'warning');
    if (failOn.includes('errors') && errors) reasons.push(m.t('review.fail.errors', { count: errors }));
    if (failOn.includes('warnings') && warnings) reasons.push(m.t('review.fail.warnings', { count: warnings }));
    const missed = result.kpis.missed.length;
    const atRisk = result.kpis.atRisk.length;
    if ((failOn.includes('missed') || failOn.includes('at-risk')) && missed) reasons.push(m.t('review.fail.missed', { count: missed }));
    if (failOn.includes('at-risk') && atRisk) reasons.push(m.t('review.fail.atRisk', { count: atRisk }));
    return reasons;
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
