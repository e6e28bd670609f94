// Benchmark of Mermaid interop (issue 7) on a 10,000-task Mermaid journey (bench generator):
// - our reader alone, and the whole import (reader + journey text), in-process, warm;
// - Mermaid's own jison parser on the same text, in the same process (the ratio is the figure
//   to compare: machines are noisy);
// - `journey import mermaid` as a cold process, as a user runs it;
// - the export (journey model → Mermaid) of the imported journey;
// - how reading time grows with the size of hostile input (unclosed directives, front matter and
//   accDescr blocks, long repetitions): the exponent k of time ∝ size^k, fitted over n, 2n, 4n,
//   8n: 1 for a linear reader, 2 for a quadratic one. The time is the reader's own, without the
//   garbage collector's pauses (Node's `gc` performance entries), which alone lifted k to 1.5–1.7
//   on inputs that allocate a string per repetition on a loaded machine. The bench fails (exit 1)
//   above 1.6. The reader's tests check what such input gives, not how long it takes.
//
//   npm run build && node bench/mermaid.bench.mjs [--quick]
//
// Writes bench/results/mermaid.json. Needs `npm run build` first (imports out/).
import '../out/polyfills.js';
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importMermaid } from '../out/interop/mermaid-import.js';
import { readMermaidJourney } from '../out/interop/mermaid-reader.js';
import { journeyToMermaid } from '../out/interop/journey-to-mermaid.js';
import { buildWorkspace } from '../out/node/journey-workspace.js';
import { generateMermaidJourney } from './generate-workspace.mjs';
import { median, round } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
const TASKS = quick ? 1000 : 10_000;
const warmups = 2;
const runs = 7;


function time(fn) {
    for (let i = 0; i < warmups; i++) fn();
    const times = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        fn();
        times.push(performance.now() - started);
    }
    return { ms: round(median(times)), runs: times.map(t => round(t)) };
}

const text = generateMermaidJourney(TASKS, { seed: 7 });
const bytes = Buffer.byteLength(text);

const reader = time(() => {
    const { journey } = readMermaidJourney(text);
    if (journey.sections.reduce((n, s) => n + s.tasks.length, 0) !== TASKS) throw new Error('reader lost tasks');
});
let imported;
const whole = time(() => { imported = importMermaid(text); });

// Mermaid's own parser (jison grammar from the mermaid package), with a recording database.
let mermaid = { available: false };
try {
    const chunks = path.join(root, 'node_modules/mermaid/dist/chunks/mermaid.core');
    const chunk = readdirSync(chunks).find(name => /^journeyDiagram-.*\.mjs$/.test(name));
    const { diagram } = await import(pathToFileURL(path.join(chunks, chunk)).href);
    let tasks = 0;
    const yy = { setDiagramTitle() {}, setAccTitle() {}, setAccDescription() {}, addSection() {}, addTask() { tasks++; } };
    const parsed = time(() => {
        tasks = 0;
        diagram.parser.yy = yy;
        diagram.parser.parse(text);
        if (tasks !== TASKS) throw new Error(`Mermaid parsed ${tasks} tasks`);
    });
    mermaid = { available: true, jisonParseMs: parsed.ms, runs: parsed.runs };
} catch (error) {
    mermaid = { available: false, error: String(error?.message ?? error) };
}

// The CLI, cold, as a user runs it.
const dir = mkdtempSync(path.join(os.tmpdir(), 'journey-mermaid-bench-'));
writeFileSync(path.join(dir, 'big.mmd'), text);
const cliTimes = [];
for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(root, 'bin/journey.js'), 'import', 'mermaid', 'big.mmd', '-o', `out-${i}.journey`], { cwd: dir, encoding: 'utf8' });
    cliTimes.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`journey import mermaid failed: ${result.stderr}`);
}

// Export: the model needs the language (parse, link, validate), measured apart. The language
// does not analyse files over 1 million characters, so the export runs on half the tasks.
const exportTasks = Math.floor(TASKS / 2);
const half = importMermaid(generateMermaidJourney(exportTasks, { seed: 7 }));
const buildStarted = performance.now();
const workspace = await buildWorkspace([{ path: 'big.journey', text: half.text }], dir);
if (workspace.model.journeys.length !== 1) throw new Error(`the imported journey did not build: ${workspace.diagnostics[0]?.message}`);
const buildMs = performance.now() - buildStarted;
const exported = time(() => journeyToMermaid(workspace.model.journeys[0], workspace.model));

// Growth of the reading time on hostile input, over sizes n, 2n, 4n, 8n (n large enough for
// milliseconds: below, timer and scheduling noise decide the slope).
const HOSTILE = {
    'unclosed directives (%%{ lines)': { n: 10_000, make: n => `journey\nsection S\n${'  %%{ never closed\n'.repeat(n)}  T: 3: Me\n` },
    'unclosed front matter (---x lines)': { n: 80_000, make: n => `---\n${'---x\n'.repeat(n)}journey\nsection S\n  T: 3: Me\n` },
    'unclosed accDescr { blocks': { n: 10_000, make: n => `journey\nsection S\n${'  accDescr { open\n'.repeat(n)}  T: 3: Me\n` },
    'entity codes, commas and %': { n: 10_000, make: n => `journey\nsection S\n  ${'#59;'.repeat(n)}: 3: ${','.repeat(2 * n)}\n%%{${'%'.repeat(n)}\n` }
};
const EXPONENT_LIMIT = 1.6;
const gcPauses = [];
new PerformanceObserver(list => gcPauses.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
/** Median over `runs` of fn's wall time minus the garbage collector's pauses during it. */
async function readerTime(fn) {
    const times = [];
    for (let i = 0; i < warmups + runs; i++) {
        const started = performance.now();
        fn();
        const ended = performance.now();
        await new Promise(resolve => setImmediate(resolve)); // gc entries arrive after the run
        const paused = gcPauses.filter(e => e.startTime >= started && e.startTime < ended).reduce((sum, e) => sum + e.duration, 0);
        if (i >= warmups) times.push(ended - started - paused);
    }
    return round(median(times));
}
/** Least-squares slope of log(time) over log(size). */
function exponent(sizes, times) {
    const xs = sizes.map(Math.log);
    const ys = times.map(t => Math.log(Math.max(t, 0.01)));
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    return xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
}
const hostile = [];
for (const [input, { n, make }] of Object.entries(HOSTILE)) {
    const sizes = [];
    const ms = [];
    for (const size of [1, 2, 4, 8].map(k => k * (quick ? n / 5 : n))) {
        // A reader gone quadratic would take minutes at the larger sizes: one run over a second
        // ends the series there (that run is its time).
        const text = make(size);
        const started = performance.now();
        readMermaidJourney(text);
        const once = performance.now() - started;
        sizes.push(size);
        ms.push(once > 1000 ? round(once) : await readerTime(() => readMermaidJourney(text)));
        if (once > 1000) break;
    }
    // Over a second at the smallest size is not linear either (the linear reader takes milliseconds).
    const k = sizes.length > 1 ? round(exponent(sizes, ms), 2) : null;
    hostile.push({ input, sizes, ms, exponent: k, linear: k !== null && k <= EXPONENT_LIMIT });
}

const results = {
    tasks: TASKS,
    mermaidBytes: bytes,
    journeyBytes: Buffer.byteLength(imported.text),
    readerMs: reader.ms,
    importMs: whole.ms,
    importRuns: whole.runs,
    mermaid,
    importOverMermaidParse: mermaid.available ? round(whole.ms / mermaid.jisonParseMs, 2) : null,
    cliImportColdMs: round(median(cliTimes)),
    cliImportRuns: cliTimes.map(t => round(t)),
    exportTasks,
    exportMs: exported.ms,
    buildImportedWorkspaceMs: round(buildMs),
    hostileInputGrowth: { note: `exponent k of reading time (without GC pauses) ∝ size^k over n, 2n, 4n, 8n lines or repetitions: 1 linear, 2 quadratic; limit ${EXPONENT_LIMIT}`, cases: hostile },
    node: process.version
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/mermaid.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`Mermaid journey of ${TASKS} tasks (${(bytes / 1024).toFixed(0)} KB):`);
console.log(`  our reader                     ${reader.ms} ms (median of ${runs}, warm)`);
console.log(`  import (reader + journey text) ${whole.ms} ms`);
if (mermaid.available) console.log(`  Mermaid's jison parser         ${mermaid.jisonParseMs} ms  → import / Mermaid parse = ${results.importOverMermaidParse}`);
else console.log(`  Mermaid's parser unavailable: ${mermaid.error}`);
console.log(`  journey import mermaid (cold)  ${results.cliImportColdMs} ms (median of 3 processes)`);
if (imported.problems.length) console.log(`  import notes: ${imported.problems.map(p => p.message).join(' | ')}`);
console.log(`  export journey → Mermaid       ${exported.ms} ms for ${exportTasks} touchpoints (after ${round(buildMs)} ms to build that workspace)`);
console.log(`  hostile input: reading time at n, 2n, 4n, 8n lines or repetitions, and k in time ∝ size^k (1 linear, 2 quadratic, limit ${EXPONENT_LIMIT}):`);
for (const c of hostile) console.log(`    ${c.input.padEnd(36)} n = ${c.sizes[0]}: ${c.ms.join(' / ')} ms${c.exponent === null ? ' (stopped: over a second)' : `, k = ${c.exponent}`} ${c.linear ? 'linear' : 'NOT LINEAR'}`);
if (hostile.some(c => !c.linear)) {
    console.error('The Mermaid reader grows faster than linearly on some hostile input (see above).');
    process.exitCode = 1;
}
