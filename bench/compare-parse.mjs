// The parse of the benchmark's 10,000-touchpoint journey by two checkouts' builds, in one process,
// taking turns: the lean parser (the commands') and Langium's (the editor's), CPU time per parse.
// For a change to the grammar, where wall times on a loaded machine measure the machine.
//
//   node bench/compare-parse.mjs <checkout A> <checkout B> [pairs]   (each built: npm run build)
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [a, b, pairs = '40'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: node bench/compare-parse.mjs <checkout A> <checkout B> [pairs]');
const sides = {};
for (const dir of [a, b]) {
    const url = file => pathToFileURL(resolve(dir, file)).href;
    await import(url('out/polyfills.js'));
    const { createBatchServices } = await import(url('out/node/journey-workspace.js'));
    const { createJourneyServices } = await import(url('out/language/journey-module.js'));
    const { EmptyFileSystem } = await import(url('node_modules/langium/lib/index.js'));
    sides[dir] = { lean: createBatchServices().parser.LangiumParser.lean, langium: createJourneyServices(EmptyFileSystem).Journey.parser.LangiumParser };
}
const { generateJourney } = await import('./generate-workspace.mjs');
const text = generateJourney(10_000, { seed: 42, perStage: 25, detail: 0.5 });
const median = values => [...values].sort((x, y) => x - y)[values.length >> 1];
const cpuMs = fn => { const start = process.cpuUsage(); fn(); const used = process.cpuUsage(start); return (used.user + used.system) / 1000; };
for (const kind of ['lean', 'langium']) {
    const n = kind === 'lean' ? Number(pairs) : Math.max(5, Math.round(Number(pairs) / 3));
    const times = { [a]: [], [b]: [] };
    for (let i = 0; i < 5; i++) for (const dir of [a, b]) sides[dir][kind].parse(text);
    for (let i = 0; i < n; i++) {
        for (const dir of i % 2 ? [a, b] : [b, a]) {
            times[dir].push(cpuMs(() => {
                const result = sides[dir][kind].parse(text);
                if (!result || result.parserErrors.length) throw new Error(`${dir}: the ${kind} parser did not read the journey`);
            }));
        }
    }
    const ratios = times[a].map((time, i) => times[b][i] / time);
    console.log(`${kind} parse, CPU ms (median of ${n}): A ${median(times[a]).toFixed(1)}, B ${median(times[b]).toFixed(1)}; B ÷ A pair by pair, median ${median(ratios).toFixed(3)} `
        + `(load average ${loadavg().map(l => l.toFixed(1)).join(' ')}, ${cpus().length} cores)`);
}
