// Benchmark of the journey language (issue 2): cold `journey check` of synthetic workspaces
// (wall time, peak RSS), a bare parse of the same text, and a single 10,000-touchpoint journey
// parsed + linked + validated in-process versus Mermaid's journey parser on the same journey.
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
 * One cold `journey check <dir>`: a fresh Node process, as CI runs it. Peak RSS from GNU time
 * (`Maximum resident set size`), else from a preload that prints `process.resourceUsage().maxRSS`.
 */
function coldCheck(dir, haveTime) {
    const cli = path.join(root, 'bin/journey.js');
    const started = performance.now();
    const result = haveTime
        ? spawnSync(TIME, ['-v', process.execPath, cli, 'check', dir], { encoding: 'utf8', maxBuffer: 1 << 28 })
        : spawnSync(process.execPath, ['--import', pathToFileURL(path.join(here, 'lib/report-max-rss.mjs')).href, cli, 'check', dir],
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
    if (result.status !== 0 || !/0 errors, 0 warnings\.$/.test(summary ?? '')) {
        throw new Error(`journey check ${dir} failed (exit ${result.status}): ${summary}\n${result.stderr.slice(-2000)}`);
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
const workspaces = [];
for (const files of quick ? [100] : [100, 1000]) {
    const dir = path.join(benchRoot, `ws-${files}`);
    const info = generateWorkspace(dir, { files, touchpointsPerFile: 100, seed: 42 });
    const runs = quick ? 1 : 3;
    const checks = [];
    for (let i = 0; i < runs; i++) checks.push(coldCheck(dir, haveTime));
    const texts = readWorkspaceTexts(dir);
    const parses = [];
    for (let i = 0; i < runs; i++) parses.push(bareParse(texts));
    const leanParses = [];
    for (let i = 0; i < runs; i++) leanParses.push(bareParse(texts, { lean: true }));
    const row = {
        workspace: `${files} × 100`,
        files: info.files.length,
        touchpoints: info.touchpoints,
        megabytes: round(info.bytes / 1e6, 2),
        checkMs: Math.round(median(checks.map(c => c.wallMs))),
        checkRuns: checks.map(c => Math.round(c.wallMs)),
        checkCpuMs: Math.round(median(checks.map(c => c.cpuMs))),
        peakRssMb: Math.round(median(checks.map(c => c.rssMb))),
        bareParseMs: Math.round(median(parses)),
        bareParseRuns: parses.map(Math.round),
        leanParseMs: Math.round(median(leanParses)),
        leanParseRuns: leanParses.map(Math.round)
    };
    workspaces.push(row);
    process.stderr.write(`workspace ${row.workspace}: check ${row.checkMs} ms (CPU ${row.checkCpuMs} ms), ${row.peakRssMb} MB, bare parse ${row.bareParseMs} ms\n`);
}

// ------------------------------------------------------------------ single big journey vs Mermaid

// In a fresh process: the workspaces above leave a large heap whose collection would land on
// these in-process timings. Mermaid runs in that same process, under the same conditions.
const singleRun = spawnSync(process.execPath, [path.join(here, 'lib/single-journey.mjs'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (singleRun.status !== 0) throw new Error(`bench/lib/single-journey.mjs failed (exit ${singleRun.status}):\n${singleRun.stderr.slice(-2000)}`);
const { single, mermaid, runs, warmups, TOUCHPOINTS } = JSON.parse(singleRun.stdout);

const results = {
    benchmark: 'language',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version },
    // Other work on the machine inflates wall times; CPU times are steadier.
    loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map(l => round(l, 2)),
    peakRssSource: haveTime ? 'GNU time -v' : 'process.resourceUsage().maxRSS',
    goals: { checkMs1000: 3000, peakRssMb1000: 400, singleFasterThanMermaid: true },
    workspaces,
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
console.log(table(['workspace', 'files', 'touchpoints', 'MB', 'check ms', 'check CPU ms', 'peak RSS MB', 'Langium parse ms', 'lean parse ms'],
    workspaces.map(w => [w.workspace, w.files, w.touchpoints, w.megabytes, w.checkMs, w.checkCpuMs, w.peakRssMb, w.bareParseMs, w.leanParseMs])));
console.log(`\nSingle journey, ${TOUCHPOINTS} touchpoints (${round(single.bytes / 1e6, 2)} MB), warm (after ${warmups} runs), median of ${runs}:`);
console.log(`  journey: Langium parse ${single.parseMs} ms, lean parse ${single.leanParseMs} ms; parse + link + validate ${single.parseLinkValidateMs} ms`
    + ` (language server's services: ${single.editorParseLinkValidateMs} ms); + model ${single.withModelMs} ms`);
console.log(`  phases of journey check's build: ${Object.entries(single.phasesMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
if (mermaid.available) {
    console.log(`  Mermaid ${mermaid.version} (${round(mermaid.bytes / 1e6, 2)} MB): journey parser ${mermaid.jisonParseMs} ms; mermaid.parse() ${mermaid.apiParseMs ?? `failed (${mermaid.apiError})`} ms`);
    console.log(`  ratio journey parse+link+validate / Mermaid parser: ${round(single.parseLinkValidateMs / mermaid.jisonParseMs, 2)}`);
} else {
    console.log(`  Mermaid could not run: ${mermaid.error}`);
}
