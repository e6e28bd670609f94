// Benchmark of the pull-request review (issue 19): what the GitHub Action runs once the journey
// command is installed — `journey review --post github` — on the synthetic 1,000-file workspace
// (100 touchpoints per file) where 1 % of the journey files changed, against `journey check` of
// the head alone, both measured in this run. Goal: review ≤ 3 × check.
//
//   npm run build && node bench/review.bench.mjs [--quick]
//
// The review talks to a loopback stand-in of GitHub's REST API (bench/lib/github-api-stand-in.mjs),
// so its time includes the HTTP calls (comment, maps commit) but no network. Each command runs
// cold, in a fresh Node process, as in CI; 3 runs each, taking turns (median).
// Writes bench/results/review.json. Needs `npm run build` first.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';
import { startGitHubApiStandIn } from './lib/github-api-stand-in.mjs';
import { median, round } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../bin/journey.js');
const quick = process.argv.includes('--quick');
const files = quick ? 100 : 1000;
const runs = 3;

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();

/**
 * What a pull request does to 1 % of the journey files (at least one): in each, a touchpoint
 * retitled, a KPI target raised and a touchpoint added to the first stage.
 */
function editFiles(dir, share) {
    const journeyFiles = git(dir, 'ls-files', 'journeys').split('\n');
    const count = Math.max(1, Math.round(journeyFiles.length * share));
    const step = Math.floor(journeyFiles.length / count);
    const edited = [];
    for (let i = 0; i < count; i++) {
        const file = journeyFiles[i * step];
        const absolute = path.join(dir, file);
        const text = readFileSync(absolute, 'utf8')
            .replace(/touchpoint (\w+) "([^"]*)"/, (_, id, title) => `touchpoint ${id} "${title} (révisé)"`)
            .replace(/target >= (\d+)%/, (_, value) => `target >= ${Math.min(99, Number(value) + 3)}%`)
            .replace(/(\n  stage \w+ "[^"]*" \{\n)/, '$1    touchpoint NouveauContact "Nouveau point de contact" via Web\n');
        writeFileSync(absolute, text);
        edited.push(file);
    }
    return edited;
}

/** A command in a fresh Node process, asynchronously (the API stand-in answers in this process). */
function timed(args, cwd, env = {}) {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', chunk => { stdout += chunk; });
        child.stderr.on('data', chunk => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', code => {
            const ms = performance.now() - started;
            if (code !== 0) reject(new Error(`journey ${args.join(' ')} failed (exit ${code}): ${stderr.slice(-2000)}`));
            else resolve({ ms, stdout, stderr });
        });
    });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'journey-review-bench-'));
const out = mkdtempSync(path.join(os.tmpdir(), 'journey-review-bench-out-'));
const standIn = await startGitHubApiStandIn();
try {
    process.stdout.write(`Generating ${files} files × 100 touchpoints in ${dir}…\n`);
    const info = generateWorkspace(dir, { files, touchpointsPerFile: 100, seed: 1 });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 'bench@example.org');
    git(dir, 'config', 'user.name', 'bench');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    const baseSha = git(dir, 'rev-parse', 'HEAD');
    const edited = editFiles(dir, 0.01);
    git(dir, 'commit', '-q', '-am', 'head: 1 % of the journey files changed');
    const headSha = git(dir, 'rev-parse', 'HEAD');
    process.stdout.write(`${edited.length} of ${info.journeys} journey files changed.\n`);
    const eventPath = path.join(out, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 1, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha, ref: 'revue' } } }));
    const env = {
        GITHUB_TOKEN: 'bench', GITHUB_API_URL: standIn.url, GITHUB_SERVER_URL: standIn.url, GITHUB_REPOSITORY: 'bench/journeys',
        GITHUB_EVENT_PATH: eventPath, GITHUB_RUN_ID: '1', GITHUB_STEP_SUMMARY: path.join(out, 'summary.md'), GITHUB_OUTPUT: path.join(out, 'output.txt')
    };

    const checks = [];
    const reviews = [];
    let last;
    for (let i = 0; i < runs; i++) {
        checks.push((await timed(['check', '.'], dir)).ms);
        last = await timed(['review', '--post', 'github', '--out', path.join(out, 'review'), '--fail-on', 'never'], dir, env);
        reviews.push(last.ms);
    }
    const report = JSON.parse(readFileSync(path.join(out, 'review/review.json'), 'utf8'));
    if (report.journeys.length !== edited.length) throw new Error(`the review reports ${report.journeys.length} changed journeys, ${edited.length} files were edited`);
    if (report.maps.length !== edited.length) throw new Error(`the review drew ${report.maps.length} maps, expected ${edited.length}`);
    const comments = standIn.calls.filter(c => c.method === 'POST' && c.path.endsWith('/comments')).length;
    const updates = standIn.calls.filter(c => c.method === 'PATCH' && c.path.includes('/issues/comments/')).length;
    if (comments !== 1 || updates !== runs - 1) throw new Error(`expected 1 comment posted then updated ${runs - 1} times, saw ${comments} posted and ${updates} updates`);

    const checkMs = median(checks);
    const reviewMs = median(reviews);
    const figures = {
        files: info.files.length,
        touchpoints: info.touchpoints,
        bytes: info.bytes,
        journeyFilesChanged: edited.length,
        mapsDrawn: report.maps.length * 2,
        checkHeadMs: round(checkMs, 0),
        reviewMs: round(reviewMs, 0),
        ratio: round(reviewMs / checkMs, 2),
        goal: 'ratio <= 3',
        runs, quick, node: process.version, cpus: os.cpus().length
    };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'review.json'), JSON.stringify(figures, null, 2) + '\n');
    process.stdout.write([
        `journey check . (head alone), cold:           ${figures.checkHeadMs} ms (median of ${runs})`,
        `journey review --post github (the Action):   ${figures.reviewMs} ms (median of ${runs}; ${figures.mapsDrawn} maps, 1 comment, maps commit)`,
        `ratio review / check:                        ${figures.ratio} (goal ≤ 3) ${figures.ratio <= 3 ? 'MET' : 'NOT MET'}`
    ].join('\n') + '\n');
} finally {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
}
