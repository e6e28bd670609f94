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
import { generateJourney, generateMermaidJourney, generateWorkspace } from './generate-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
const TIME = '/usr/bin/time';

const { createJourneyServices } = await import('../out/language/journey-module.js');
const { buildWorkspace, createBatchServices } = await import('../out/node/journey-workspace.js');
const { DocumentState, EmptyFileSystem, URI } = await import('langium');

const median = values => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

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

/**
 * A parser alone (lexer + parser + AST, no linking, no validation) over the texts: Langium's
 * (with its CST, as the language server parses) or the lean one (`journey check`'s, no CST).
 */
function bareParse(texts, { lean = false } = {}) {
    const { Journey } = createJourneyServices(EmptyFileSystem);
    const parser = Journey.parser.LangiumParser;
    const started = performance.now();
    let errors = 0;
    for (const text of texts) {
        if (lean) {
            if (!parser.lean.parse(text)) errors++;
            continue;
        }
        const result = parser.parse(text);
        errors += result.lexerErrors.length + result.parserErrors.length;
    }
    const ms = performance.now() - started;
    if (errors) throw new Error(`${lean ? 'lean' : 'bare'} parse found ${errors} syntax errors`);
    return ms;
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

const TOUCHPOINTS = 10_000;
// 25 touchpoints and one KPI per stage, half the details of workspace touchpoints: the journey
// stays under the language's 1-million-character limit per file (journey-input-guard.ts).
const SHAPE = { seed: 42, perStage: 25, detail: 0.5 };
const journeyText = generateJourney(TOUCHPOINTS, SHAPE);
const mermaidText = generateMermaidJourney(TOUCHPOINTS, { ...SHAPE, title: false });
const warmups = quick ? 1 : 2;
const runs = quick ? 3 : 7;

/** Times of `runs` calls after warm-ups; a function that returns a number times itself (set-up excluded). */
async function timeRuns(fn) {
    for (let i = 0; i < warmups; i++) await fn();
    const times = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const own = await fn();
        times.push(typeof own === 'number' ? own : performance.now() - started);
    }
    return times;
}

/**
 * Parse, link and validate one document in a fresh set of services (created outside the timing):
 * `journey check`'s (lean parser, no reference index) or the language server's (`editor`).
 */
const PHASES = { [DocumentState.IndexedContent]: 'symbols', [DocumentState.ComputedScopes]: 'scopes', [DocumentState.Linked]: 'link',
    [DocumentState.IndexedReferences]: 'referenceIndex', [DocumentState.Validated]: 'validate' };
/** Milliseconds per build phase of the `journey check` builds, one record per run. */
const phaseRuns = [];

async function buildOnce({ editor = false } = {}) {
    const Journey = editor ? createJourneyServices(EmptyFileSystem).Journey : createBatchServices();
    const shared = Journey.shared;
    const phases = {};
    let last = performance.now();
    const started = last;
    for (const [state, name] of Object.entries(PHASES)) {
        shared.workspace.DocumentBuilder.onBuildPhase(Number(state), () => {
            const now = performance.now();
            phases[name] = now - last;
            last = now;
        });
    }
    const document = shared.workspace.LangiumDocumentFactory.fromString(journeyText, URI.file('/bench/big.journey'));
    phases.parse = performance.now() - started;
    last = performance.now();
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const ms = performance.now() - started;
    if (!editor) phaseRuns.push(phases);
    const problems = (document.diagnostics ?? []).length;
    if (problems) throw new Error(`the 10,000-touchpoint journey has ${problems} diagnostics: ${document.diagnostics[0].message}`);
    return ms;
}

const singleBuild = await timeRuns(() => buildOnce());
const singleEditorBuild = await timeRuns(() => buildOnce({ editor: true }));
const singleParse = await timeRuns(() => bareParse([journeyText]));
const singleLeanParse = await timeRuns(() => bareParse([journeyText], { lean: true }));
// buildWorkspace = what `journey check` does in-process: build + the journey model + diagnostics.
const singleWorkspace = await timeRuns(() => buildWorkspace([{ path: 'big.journey', text: journeyText }], '/bench'));

let mermaid = { available: false };
try {
    const chunks = path.join(root, 'node_modules/mermaid/dist/chunks/mermaid.core');
    const chunk = readdirSync(chunks).find(name => /^journeyDiagram-.*\.mjs$/.test(name));
    const { diagram } = await import(pathToFileURL(path.join(chunks, chunk)).href);
    const parseJison = () => {
        diagram.db.clear();
        diagram.parser.yy = diagram.db;
        diagram.parser.parse(mermaidText);
        const tasks = diagram.db.getTasks().length;
        if (tasks !== TOUCHPOINTS) throw new Error(`Mermaid parsed ${tasks} tasks, expected ${TOUCHPOINTS}`);
    };
    const jison = await timeRuns(parseJison);
    const { default: mermaidApi } = await import('mermaid');
    const api = await timeRuns(() => mermaidApi.parse(mermaidText));
    const version = JSON.parse(readFileSync(path.join(root, 'node_modules/mermaid/package.json'), 'utf8')).version;
    mermaid = {
        available: true, version, bytes: Buffer.byteLength(mermaidText), tasks: TOUCHPOINTS,
        jisonParseMs: round(median(jison)), jisonRuns: jison.map(t => round(t)),
        apiParseMs: round(median(api)), apiRuns: api.map(t => round(t))
    };
} catch (error) {
    mermaid = { available: false, error: String(error?.message ?? error) };
}

const single = {
    touchpoints: TOUCHPOINTS,
    bytes: Buffer.byteLength(journeyText),
    parseMs: round(median(singleParse)),
    leanParseMs: round(median(singleLeanParse)),
    parseLinkValidateMs: round(median(singleBuild)),
    parseLinkValidateRuns: singleBuild.map(t => round(t)),
    editorParseLinkValidateMs: round(median(singleEditorBuild)),
    // Medians per phase over the timed and warm-up runs of `journey check`'s build.
    phasesMs: Object.fromEntries(['parse', ...Object.values(PHASES)].filter(name => phaseRuns.some(run => name in run))
        .map(name => [name, round(median(phaseRuns.map(run => run[name] ?? 0)))])),
    withModelMs: round(median(singleWorkspace))
};

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
console.log(`\nSingle journey, ${TOUCHPOINTS} touchpoints (${round(single.bytes / 1e6, 2)} MB), warm, median of ${runs}:`);
console.log(`  journey: Langium parse ${single.parseMs} ms, lean parse ${single.leanParseMs} ms; parse + link + validate ${single.parseLinkValidateMs} ms`
    + ` (language server's services: ${single.editorParseLinkValidateMs} ms); + model ${single.withModelMs} ms`);
console.log(`  phases of journey check's build: ${Object.entries(single.phasesMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
if (mermaid.available) {
    console.log(`  Mermaid ${mermaid.version} (${round(mermaid.bytes / 1e6, 2)} MB): journey parser ${mermaid.jisonParseMs} ms; mermaid.parse() ${mermaid.apiParseMs} ms`);
    console.log(`  ratio journey parse+link+validate / Mermaid parser: ${round(single.parseLinkValidateMs / mermaid.jisonParseMs, 2)}`);
} else {
    console.log(`  Mermaid could not run: ${mermaid.error}`);
}
