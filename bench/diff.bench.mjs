// Benchmark of the semantic diff (issue 6): `journey diff <base> <head>` between two commits of
// the synthetic 1,000-file workspace (100 touchpoints per file) where 1 % of the touchpoints
// changed, against `journey check` of the head alone. Goal: diff ≤ 2 × check.
//
//   npm run build && node bench/diff.bench.mjs [--quick]
//
// Both commands run cold, in a fresh Node process, as in CI; each is run 3 times (median).
// Also prints the in-process split (git read, build of each version, the diff itself).
// Writes bench/results/diff.json. Needs `npm run build` first (imports out/).
import '../out/polyfills.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateWorkspace } from './generate-workspace.mjs';
import { median, round as roundTo } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'bin/journey.js');
const quick = process.argv.includes('--quick');
const files = quick ? 100 : 1000;
const touchpointsPerFile = 100;
const runs = 3;

const round = (value, digits = 2) => roundTo(value, digits);

function git(cwd, ...args) {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** Changes `share` of the touchpoints, spread over the files: title, emotion or channel. */
function editTouchpoints(dir, share, seed) {
    const random = createRandom(seed);
    const journeyFiles = git(dir, 'ls-files', 'journeys').trim().split('\n');
    let changed = 0;
    let total = 0;
    let filesChanged = 0;
    for (const file of journeyFiles) {
        const absolute = path.join(dir, file);
        const text = readFileSync(absolute, 'utf8');
        const edited = text.replace(/touchpoint (\w+) "([^"]*)"/g, (whole, id, title) => {
            total++;
            if (!random.chance(share)) return whole;
            changed++;
            return `touchpoint ${id} "${title} (révisé)"`;
        });
        if (edited !== text) {
            writeFileSync(absolute, edited);
            filesChanged++;
        }
    }
    return { changed, total, filesChanged, files: journeyFiles.length };
}

function timed(args, cwd) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - started;
    if (result.status !== 0 && !(args[0] === 'diff' && result.status === 1)) {
        throw new Error(`journey ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
    }
    return { ms, stdout: result.stdout };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'journey-diff-bench-'));
try {
    process.stdout.write(`Generating ${files} files × ${touchpointsPerFile} touchpoints in ${dir}…\n`);
    const info = generateWorkspace(dir, { files, touchpointsPerFile, seed: 1 });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 'bench@example.org');
    git(dir, 'config', 'user.name', 'bench');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    const edit = editTouchpoints(dir, 0.01, 7);
    git(dir, 'commit', '-q', '-am', 'head: 1 % of touchpoints changed');
    process.stdout.write(`${edit.changed} of ${edit.total} touchpoints changed (${round(100 * edit.changed / edit.total)} %), in ${edit.filesChanged} of ${edit.files} journey files.\n`);

    const checks = [];
    const diffs = [];
    let reported;
    for (let i = 0; i < runs; i++) {
        checks.push(timed(['check', '.'], dir).ms);
        const diff = timed(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], dir);
        diffs.push(diff.ms);
        reported = JSON.parse(diff.stdout);
    }
    const changedTouchpoints = new Set(reported.changes.filter(c => c.element.kind === 'touchpoint').map(c => `${c.element.journey}.${c.element.id}`)).size;
    if (changedTouchpoints !== edit.changed) throw new Error(`the diff reports ${changedTouchpoints} touchpoints changed, ${edit.changed} were`);

    // In-process split of one diff.
    const { revisionFiles, buildVersion, excludeUnreadable } = await import('../out/diff/diff-sources.js');
    const { updateWorkspace } = await import('../out/node/journey-workspace.js');
    const { diffModels } = await import('../out/diff/diff-engine.js');
    let t = performance.now();
    const [baseFiles, headFiles] = await Promise.all([revisionFiles('HEAD~1', dir), revisionFiles('HEAD', dir)]);
    const gitMs = performance.now() - t;
    // As buildVersions does: the head, then the base by updating the head's workspace.
    t = performance.now();
    const head = await buildVersion(headFiles, 'head');
    const buildHeadMs = performance.now() - t;
    t = performance.now();
    const base = await buildVersion(baseFiles, 'base', sources => updateWorkspace(head.workspace, sources));
    const buildBaseMs = performance.now() - t;
    t = performance.now();
    const models = excludeUnreadable(base, head);
    const result = diffModels(models.base, models.head);
    const diffMs = performance.now() - t;

    const checkMs = median(checks);
    const diffCliMs = median(diffs);
    const figures = {
        files: info.files.length,
        touchpoints: info.touchpoints,
        bytes: info.bytes,
        touchpointsChanged: edit.changed,
        journeyFilesChanged: edit.filesChanged,
        changesReported: result.changes.length,
        checkHeadMs: round(checkMs, 0),
        diffTwoCommitsMs: round(diffCliMs, 0),
        ratio: round(diffCliMs / checkMs),
        goal: 'ratio <= 2',
        split: {
            gitReadMs: round(gitMs, 0), buildBaseMs: round(buildBaseMs, 0), buildHeadMs: round(buildHeadMs, 0), diffEngineMs: round(diffMs, 0)
        },
        runs, quick, node: process.version, cpus: os.cpus().length
    };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'diff.json'), JSON.stringify(figures, null, 2) + '\n');
    process.stdout.write([
        `journey check (head alone), cold:         ${figures.checkHeadMs} ms (median of ${runs})`,
        `journey diff HEAD~1 HEAD --format json:    ${figures.diffTwoCommitsMs} ms (median of ${runs})`,
        `ratio diff / check:                        ${figures.ratio} (goal ≤ 2) ${figures.ratio <= 2 ? 'MET' : 'NOT MET'}`,
        `in-process split: git read ${figures.split.gitReadMs} ms, build head ${figures.split.buildHeadMs} ms, ` +
            `base from the head ${figures.split.buildBaseMs} ms, diff engine ${figures.split.diffEngineMs} ms`,
        `changes reported: ${figures.changesReported} (${edit.changed} touchpoints changed)`
    ].join('\n') + '\n');
} finally {
    rmSync(dir, { recursive: true, force: true });
}
