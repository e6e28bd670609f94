// Benchmark of the journey language (issues 2 and 13): cold `journey check` of synthetic
// workspaces (wall time, CPU, peak RSS), clean and with one info diagnostic per journey file,
// measured in turns in the same run; the same checks with Langium's parser instead of the lean
// one; a bare parse of the same text; and a single 10,000-touchpoint journey parsed + linked +
// validated in-process versus Mermaid's journey parser on the same journey.
//
//   npm run build && node bench/language.bench.mjs [--quick]
//
// Writes bench/results/language.json and prints a table. Needs `npm run build` first (imports out/).
import '../out/polyfills.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
const TIME = '/usr/bin/time';

const { bareParse } = await import('./lib/bare-parse.mjs');
const { median, round } = await import('./lib/stats.mjs');

/** GNU time gives the peak RSS of the real CLI process; install it (Debian `time`) if missing. */
function ensureGnuTime() {
    if (existsSync(TIME)) return true;
    const result = spawnSync('bash', [path.join(root, 'scripts/setup/apt-install.sh'), 'time'], { stdio: 'inherit' });
    return result.status === 0 && existsSync(TIME);
}

/**
 * One cold `journey check <dir>`: a fresh Node process, as CI runs it (`langium`: the same build
 * with Langium's parser, bench/lib/check-with-langium.mjs). Peak RSS from GNU time (`Maximum
 * resident set size`), else from a preload that prints `process.resourceUsage().maxRSS`.
 * `notes`: the number of infos the workspace must report (and no error or warning).
 */
function coldCheck(dir, haveTime, { notes = 0, langium = false } = {}) {
    const command = langium
        ? [path.join(here, 'lib/check-with-langium.mjs'), dir]
        : [path.join(root, 'bin/journey.js'), 'check', dir];
    const started = performance.now();
    const result = haveTime
        ? spawnSync(TIME, ['-v', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 1 << 28 })
        : spawnSync(process.execPath, ['--import', pathToFileURL(path.join(here, 'lib/report-max-rss.mjs')).href, ...command],
            { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - started;
    const rssKb = haveTime
        ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1])
        : Number(/journey-bench-max-rss-kb=(\d+)/.exec(result.stderr)?.[1]);
    // CPU time (user + system) is what the check costs; wall time also shows a busy machine.
    const cpuMs = haveTime
        ? 1000 * (Number(/User time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]))
        : Number(/journey-bench-cpu-ms=([\d.]+)/.exec(result.stderr)?.[1]);
    const summary = result.stdout.trim().split('\n').pop();
    // journey check writes its counts as numbers in English (1,000).
    const expected = notes ? `0 errors, 0 warnings, ${notes.toLocaleString("en-US")} notes.` : "0 errors, 0 warnings.";
    if (result.status !== 0 || !summary?.endsWith(expected)) {
        throw new Error(`journey check ${dir} failed (exit ${result.status}), expected "${expected}": ${summary}\n${result.stderr.slice(-2000)}`);
    }
    return { wallMs, cpuMs, rssMb: rssKb / 1024 };
}

function readWorkspaceTexts(dir) {
    const texts = [];
    const walk = folder => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.journey')) texts.push(readFileSync(full, 'utf8'));
        }
    };
    walk(dir);
    return texts;
}

// ------------------------------------------------------------------ workspaces

const loadAtStart = os.loadavg().map(l => round(l, 2));
const haveTime = ensureGnuTime();
const benchRoot = path.join(os.tmpdir(), 'journey-bench-language');
const runs = quick ? 1 : 3;

/** The workspaces: clean ones, and the 1,000-file one with one info (`missing-channel`) per journey file. */
const variants = (quick ? [{ files: 100 }, { files: 100, infoPerFile: true }] : [{ files: 100 }, { files: 1000 }, { files: 1000, infoPerFile: true }])
    .map(variant => {
        const name = `${variant.files} × 100${variant.infoPerFile ? ', one info per file' : ''}`;
        const dir = path.join(benchRoot, `ws-${variant.files}${variant.infoPerFile ? '-info' : ''}`);
        const info = generateWorkspace(dir, { files: variant.files, touchpointsPerFile: 100, seed: 42, infoPerFile: variant.infoPerFile });
        return { ...variant, name, dir, info, notes: variant.infoPerFile ? variant.files : 0, checks: [], langiumChecks: [] };
    });
// In turns (clean, with infos, clean…): compared figures then see the same machine, whose speed
// drifts with its neighbours' load.
for (let i = 0; i < runs; i++) {
    for (const variant of variants) variant.checks.push(coldCheck(variant.dir, haveTime, { notes: variant.notes }));
}
// Plain Langium (its parser and CST for every file) on the largest workspaces, for the decision
// to keep the lean parser: one run each (each takes about twice as long).
const largest = Math.max(...variants.map(variant => variant.files));
for (const variant of variants.filter(each => each.files === largest)) variant.langiumChecks.push(coldCheck(variant.dir, haveTime, { notes: variant.notes, langium: true }));

const workspaces = [];
for (const variant of variants) {
    const { checks, langiumChecks } = variant;
    const texts = readWorkspaceTexts(variant.dir);
    const parses = [];
    const leanParses = [];
    if (!variant.infoPerFile) {
        for (let i = 0; i < runs; i++) parses.push(bareParse(texts));
        for (let i = 0; i < runs; i++) leanParses.push(bareParse(texts, { lean: true }));
    }
    const row = {
        workspace: variant.name,
        files: variant.info.files.length,
        touchpoints: variant.info.touchpoints,
        megabytes: round(variant.info.bytes / 1e6, 2),
        diagnostics: variant.notes,
        checkMs: Math.round(median(checks.map(c => c.wallMs))),
        checkRuns: checks.map(c => Math.round(c.wallMs)),
        checkCpuMs: Math.round(median(checks.map(c => c.cpuMs))),
        checkCpuRuns: checks.map(c => Math.round(c.cpuMs)),
        peakRssMb: Math.round(median(checks.map(c => c.rssMb))),
        ...(langiumChecks.length ? {
            langiumCheckMs: Math.round(median(langiumChecks.map(c => c.wallMs))),
            langiumCheckCpuMs: Math.round(median(langiumChecks.map(c => c.cpuMs))),
            langiumPeakRssMb: Math.round(median(langiumChecks.map(c => c.rssMb)))
        } : {}),
        ...(parses.length ? {
            bareParseMs: Math.round(median(parses)),
            bareParseRuns: parses.map(Math.round),
            leanParseMs: Math.round(median(leanParses)),
            leanParseRuns: leanParses.map(Math.round)
        } : {})
    };
    workspaces.push(row);
    process.stderr.write(`workspace ${row.workspace}: check ${row.checkMs} ms (CPU ${row.checkCpuMs} ms), ${row.peakRssMb} MB` +
        (row.bareParseMs === undefined ? '' : `, bare parse ${row.bareParseMs} ms`) + '\n');
}

/** The workspace with one info per file against the same clean workspace, run by run (same machine), then the median. */
const withInfos = variants.find(variant => variant.infoPerFile);
const clean = variants.find(variant => !variant.infoPerFile && variant.files === withInfos.files);
const ratioOf = key => round(median(withInfos.checks.map((check, i) => check[key] / clean.checks[i][key])), 2);
const infoRatio = { workspace: withInfos.name, wall: ratioOf('wallMs'), cpu: ratioOf('cpuMs'), rss: ratioOf('rssMb') };

// ------------------------------------------------------------------ single big journey vs Mermaid

// In a fresh process: the workspaces above leave a large heap whose collection would land on
// these in-process timings. Mermaid runs in that same process, under the same conditions.
const singleRun = spawnSync(process.execPath, [path.join(here, 'lib/single-journey.mjs'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (singleRun.status !== 0) throw new Error(`bench/lib/single-journey.mjs failed (exit ${singleRun.status}):\n${singleRun.stderr.slice(-2000)}`);
const { single, mermaid, runs: singleRuns, warmups, TOUCHPOINTS } = JSON.parse(singleRun.stdout);

const results = {
    benchmark: 'language',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
    // Other work on the machine inflates wall times; CPU times are steadier.
    loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map(l => round(l, 2)),
    peakRssSource: haveTime ? 'GNU time -v' : 'process.resourceUsage().maxRSS',
    goals: { checkMs1000: 2500, peakRssMb1000: 350, infoOverCleanAtMost: 1.15, singleFasterThanMermaid: true },
    workspaces,
    infoRatio,
    single,
    mermaid
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/language.json'), JSON.stringify(results, null, 2) + '\n');

// ------------------------------------------------------------------ table

const table = (headers, rows) => {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
    const line = cells => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
    return [line(headers), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};
console.log(`\nLanguage benchmark (${results.machine.cpus} cores, Node ${process.version}; peak RSS by ${results.peakRssSource})\n`);
console.log(`load average at start ${loadAtStart.join(' ')}, at end ${results.loadAverageAtEnd.join(' ')}\n`);
console.log(table(['workspace', 'files', 'touchpoints', 'MB', 'diagnostics', 'check ms', 'check CPU ms', 'peak RSS MB', 'Langium parse ms', 'lean parse ms'],
    workspaces.map(w => [w.workspace, w.files, w.touchpoints, w.megabytes, w.diagnostics, w.checkMs, w.checkCpuMs, w.peakRssMb, w.bareParseMs ?? '', w.leanParseMs ?? ''])));
console.log(`\n${infoRatio.workspace} ÷ clean, run by run (goal ≤ 1.15): wall ${infoRatio.wall}, CPU ${infoRatio.cpu}, peak RSS ${infoRatio.rss}`);
for (const w of workspaces.filter(each => each.langiumCheckMs !== undefined)) {
    console.log(`${w.workspace} with Langium's parser for every file: check ${w.langiumCheckMs} ms (CPU ${w.langiumCheckCpuMs} ms), ${w.langiumPeakRssMb} MB`);
}
console.log(`\nSingle journey, ${TOUCHPOINTS} touchpoints (${round(single.bytes / 1e6, 2)} MB), warm (after ${warmups} runs), median of ${singleRuns}:`);
console.log(`  journey: Langium parse ${single.parseMs} ms, lean parse ${single.leanParseMs} ms; parse + link + validate ${single.parseLinkValidateMs} ms`
    + ` (language server's services: ${single.editorParseLinkValidateMs} ms); + model ${single.withModelMs} ms`);
console.log(`  phases of journey check's build: ${Object.entries(single.phasesMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
if (mermaid.available) {
    console.log(`  Mermaid ${mermaid.version} (${round(mermaid.bytes / 1e6, 2)} MB): journey parser ${mermaid.jisonParseMs} ms; mermaid.parse() ${mermaid.apiParseMs ?? `failed (${mermaid.apiError})`} ms`);
    console.log(`  ratio journey parse+link+validate / Mermaid parser: ${round(single.parseLinkValidateMs / mermaid.jisonParseMs, 2)}`);
} else {
    console.log(`  Mermaid could not run: ${mermaid.error}`);
}
