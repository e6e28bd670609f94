// The single 10,000-touchpoint journey of the language benchmark (issue 2), in a process of its
// own: parsed, linked and validated in-process by `journey check`'s services and by the language
// server's, then Mermaid's journey parser on the equivalent Mermaid journey, in the same process.
// Run by bench/language.bench.mjs, which reads the JSON this prints.
//
//   node bench/lib/single-journey.mjs [--quick]
import '../../out/polyfills.js';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createJourneyServices } from '../../out/language/journey-module.js';
import { buildWorkspace, createBatchServices } from '../../out/node/journey-workspace.js';
import { generateJourney, generateMermaidJourney } from '../generate-workspace.mjs';
import { bareParse } from './bare-parse.mjs';
import { median, round } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');

const TOUCHPOINTS = 10_000;
// 25 touchpoints and one KPI per stage, half the details of workspace touchpoints: the journey
// stays under the language's 1-million-character limit per file (journey-input-guard.ts).
const SHAPE = { seed: 42, perStage: 25, detail: 0.5 };
const journeyText = generateJourney(TOUCHPOINTS, SHAPE);
const mermaidText = generateMermaidJourney(TOUCHPOINTS, { ...SHAPE, title: false });
// Ten warm-ups: in a fresh process the timings settle after eight to ten builds (JIT tiers, heap growth).
const warmups = quick ? 1 : 10;
const runs = quick ? 3 : 21;

/** Milliseconds of one call; a function that returns a number times itself (set-up excluded). */
async function timeOnce(fn) {
    const started = performance.now();
    const own = await fn();
    return typeof own === 'number' ? own : performance.now() - started;
}

/** Times of `runs` calls after warm-ups. */
async function timeRuns(fn) {
    return (await timeInBlocks([fn]))[0];
}

/**
 * Times of `runs` calls of each function after warm-ups, in blocks taking turns: compared
 * timings then see the same machine (this one's speed drifts with its neighbours' load), and
 * each side mostly pays for its own garbage (call by call, Mermaid's parser would collect ours).
 */
async function timeInBlocks(fns, blocks = 3) {
    for (const fn of fns) for (let i = 0; i < warmups; i++) await fn();
    const times = fns.map(() => []);
    for (let block = 0; block < blocks; block++) {
        for (const [index, fn] of fns.entries()) {
            for (let i = block; i < runs; i += blocks) times[index].push(await timeOnce(fn));
        }
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
    // Services are created lazily: the parser too, outside the timing (the batch parser makes
    // Langium's ready only for a file that needs it, which this journey does not).
    void Journey.parser.LangiumParser;
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

/** Mermaid's journey parser (jison) on the equivalent journey, or undefined where Mermaid cannot load. */
async function loadMermaidParser() {
    const chunks = path.join(root, 'node_modules/mermaid/dist/chunks/mermaid.core');
    const chunk = readdirSync(chunks).find(name => /^journeyDiagram-.*\.mjs$/.test(name));
    const { diagram } = await import(pathToFileURL(path.join(chunks, chunk)).href);
    return () => {
        diagram.db.clear();
        diagram.parser.yy = diagram.db;
        diagram.parser.parse(mermaidText);
        const tasks = diagram.db.getTasks().length;
        if (tasks !== TOUCHPOINTS) throw new Error(`Mermaid parsed ${tasks} tasks, expected ${TOUCHPOINTS}`);
    };
}

let mermaid = { available: false };
let parseJison;
try {
    parseJison = await loadMermaidParser();
} catch (error) {
    mermaid = { available: false, error: String(error?.message ?? error) };
}
// The goal's comparison: `journey check`'s build and Mermaid's parser, taking turns by blocks.
const [singleBuild, jison] = await timeInBlocks(parseJison ? [() => buildOnce(), parseJison] : [() => buildOnce()]);
const singleEditorBuild = await timeRuns(() => buildOnce({ editor: true }));
const singleParse = await timeRuns(() => bareParse([journeyText]));
const singleLeanParse = await timeRuns(() => bareParse([journeyText], { lean: true }));
// buildWorkspace = what `journey check` does in-process: build + the journey model + diagnostics.
const singleWorkspace = await timeRuns(() => buildWorkspace([{ path: 'big.journey', text: journeyText }], '/bench'));

if (parseJison) {
    const version = JSON.parse(readFileSync(path.join(root, 'node_modules/mermaid/package.json'), 'utf8')).version;
    mermaid = {
        available: true, version, bytes: Buffer.byteLength(mermaidText), tasks: TOUCHPOINTS,
        jisonParseMs: round(median(jison)), jisonRuns: jison.map(t => round(t))
    };
    // The whole `mermaid.parse()`, for reference: it also detects the diagram type.
    try {
        const { default: mermaidApi } = await import('mermaid');
        const api = await timeRuns(() => mermaidApi.parse(mermaidText));
        Object.assign(mermaid, { apiParseMs: round(median(api)), apiRuns: api.map(t => round(t)) });
    } catch (error) {
        mermaid.apiError = String(error?.message ?? error);
    }
}

const single = {
    touchpoints: TOUCHPOINTS,
    bytes: Buffer.byteLength(journeyText),
    parseMs: round(median(singleParse)),
    leanParseMs: round(median(singleLeanParse)),
    parseLinkValidateMs: round(median(singleBuild)),
    parseLinkValidateRuns: singleBuild.map(t => round(t)),
    editorParseLinkValidateMs: round(median(singleEditorBuild)),
    // Medians per phase over the timed runs of `journey check`'s build (the first ones warm up).
    phasesMs: Object.fromEntries(['parse', ...Object.values(PHASES)].filter(name => phaseRuns.some(run => name in run))
        .map(name => [name, round(median(phaseRuns.slice(warmups).map(run => run[name] ?? 0)))])),
    withModelMs: round(median(singleWorkspace))
};

process.stdout.write(JSON.stringify({ single, mermaid, runs, warmups, TOUCHPOINTS }));
