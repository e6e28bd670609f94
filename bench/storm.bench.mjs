// The language server under an edit storm (issue 15), over the Language Server Protocol on
// stdio, as an editor drives it when a paste, an undo/redo burst, auto-repeat, a formatter or an
// AI assistant rewrites files:
//   - a 300-file workspace (the bench generator's, turned into drafts: unknown ids, an emotion off
//     the scale, a channel declared twice in the workspace, KPIs without target);
//   - 1,000 `didChange` in about one second over three open files, interleaved with 100 requests
//     (completion, hover, document symbols, definition), sent without waiting for anything;
//   - goals: request p95 ≤ 250 ms; the diagnostics the server ends with equal `journey check`'s
//     on the same texts; retained heap after the storm within 1.5× of before.
//
//   npm run build && node bench/storm.bench.mjs [--files N] [--touchpoints N] [--edits N] [--seconds S]
//
// Also: `journey check` on a file that misspells a 50,000-character id three times (the
// suggestion used to compare full edit distances: a minute), against the same file spelt right:
// the suggestions' cost, goal under a second.
//
// Writes bench/results/storm.json. Imports nothing from src: it talks to `journey lsp --stdio`
// and runs `journey check`. Exit code 1 when a goal is missed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    CompletionRequest, createProtocolConnection, DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
    DocumentSymbolRequest, HoverRequest, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, StreamMessageReader,
    StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { createRandom, generateWorkspace } from './generate-workspace.mjs';
import { median, percentile, round } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const option = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const FILES = option('files', 300);
const TOUCHPOINTS = option('touchpoints', 30);
const EDITS = option('edits', 1000);
const SECONDS = option('seconds', 1);
const REQUESTS = Math.round(EDITS / 10);
const GOALS = { requestP95Ms: 250, heapRatio: 1.5, longIdExtraMs: 1000 };

// ---------------------------------------------------------------- a hostile id, for "did you mean"
/** `journey check` (a cold process) of a file declaring a 50,000-character id and using it at 3 places, spelt as `spell` says. */
function checkLongId(spell) {
    const folder = path.join(os.tmpdir(), `journey-storm-long-id-${process.pid}`);
    mkdirSync(folder, { recursive: true });
    const id = `Canal${'Tres'.repeat(12_500)}Long`;
    writeFileSync(path.join(folder, 'long.journey'), `channel ${id} "Canal" online\njourney J "J" {\n  stage S "S" {\n` +
        [10, 25_000, 49_990].map((at, i) => `    touchpoint T${i} "T" via ${spell(id, at)}\n`).join('') + '  }\n}\n');
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(root, 'bin/journey.js'), 'check', folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - started;
    rmSync(folder, { recursive: true, force: true });
    return { ms, suggestions: (result.stdout.match(/did you mean/g) ?? []).length };
}
const spelt = checkLongId(id => id);
const misspelt = checkLongId((id, at) => `${id.slice(0, at)}x${id.slice(at + 1)}`);
const longIdExtraMs = misspelt.ms - spelt.ms;
process.stdout.write(`journey check, a 50,000-character id misspelt 3 times: ${round(misspelt.ms)} ms (cold process), ${misspelt.suggestions} suggestions; ` +
    `the same file spelt right: ${round(spelt.ms)} ms; the suggestions cost ${round(longIdExtraMs)} ms (goal < ${GOALS.longIdExtraMs} ms)\n`);

// ---------------------------------------------------------------- the workspace, as drafts
const dir = path.join(os.tmpdir(), `journey-storm-bench-${process.pid}`);
const info = generateWorkspace(dir, { files: FILES, touchpointsPerFile: TOUCHPOINTS, seed: 15 });
const random = createRandom(15);
const journeyFiles = info.files.filter(file => file.startsWith('journeys/'));
/** Realistic drafts: a few problems of each kind, in one file of ten. */
journeyFiles.forEach((file, index) => {
    if (index % 10 !== 3) return;
    const absolute = path.join(dir, file);
    let text = readFileSync(absolute, 'utf8');
    switch ((index / 10 | 0) % 4) {
        case 0: text = text.replace(' via Web', ' via Wbe'); break; // an unknown channel, with a suggestion
        case 1: text = text.replace(/emotion [+-]?\d/, 'emotion +4'); break; // off the scale
        case 2: text = text.replace(/\n {4}target [^\n]*/, ''); break; // a KPI without target
        case 3: text = `channel Telephone "Téléphone (doublon)" offline\n\n${text}`; break; // declared twice in the workspace
    }
    writeFileSync(absolute, text);
});
process.stdout.write(`workspace: ${info.files.length} files, ${info.touchpoints} touchpoints, ${(info.bytes / 1e6).toFixed(2)} MB (drafts in one file of ten)\n`);

// ---------------------------------------------------------------- the server
const server = spawn(process.execPath, [...(process.env.STORM_NODE_ARGS?.split(' ') ?? []), '--expose-gc', path.join(root, 'bin/journey.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const published = new Map();
const waiters = [];
let lastPublished = performance.now();
connection.onRequest('workspace/configuration', params => params.items.map(() => null));
connection.onRequest('client/registerCapability', () => null);
connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
    published.set(uri, diagnostics);
    lastPublished = performance.now();
    for (const waiter of waiters.splice(0)) waiter();
});
connection.listen();
const folderUri = pathToFileURL(dir).toString();
await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'storm' }],
    capabilities: {
        workspace: { configuration: true },
        textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } }
    }
});
await connection.sendNotification(InitializedNotification.type, {});
while (published.size < info.files.length) await new Promise(resolve => waiters.push(resolve));
/** Server counters; `journey/serverStats` answers once pending edits are built, after a full GC when asked (the server runs with --expose-gc). */
const stats = () => connection.sendRequest('journey/serverStats', { gc: true });
const before = await stats();

// ---------------------------------------------------------------- the storm
/** Client-side copies of the open files: edits are computed on them, as an editor does. */
const open = [journeyFiles[10], journeyFiles[11], journeyFiles[150]].map(file => {
    const absolute = path.join(dir, file);
    return { file, uri: pathToFileURL(absolute).toString(), text: readFileSync(absolute, 'utf8'), version: 1 };
});
for (const document of open) {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: document.uri, languageId: 'journey', version: 1, text: document.text } });
}

const positionAt = (text, offset) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
};
/** Offsets of every match of `pattern` (global) in `text`, shifted by `delta`. */
const offsets = (text, pattern, delta = 0) => [...text.matchAll(pattern)].map(match => match.index + delta);

const LETTERS = 'abcdefghijklmnopqrstuvwxyzéè';
/** An opening quote (after an id and a space) and the title's first characters. */
const OPENING_QUOTE_AND_3 = /(?<=\w )"[^"\n]{3}/g;
const OPENING_QUOTE_AND_4 = /(?<=\w )"[^"\n]{4}/g;
/** One realistic edit of `document`: typing or deleting in a title or an id, pasting or deleting a touchpoint, a typo in a reference. */
function nextEdit(document) {
    const text = document.text;
    const choice = random.next();
    if (choice < 0.45) {
        // Typing in a title: one character inserted after its first three.
        const at = random.pick(offsets(text, OPENING_QUOTE_AND_3, 4));
        return { at, remove: 0, insert: random.pick([...LETTERS]) };
    }
    if (choice < 0.7) {
        // Backspace in a title (a title keeps at least one character).
        const at = random.pick(offsets(text, OPENING_QUOTE_AND_4, 5));
        return { at: at - 1, remove: 1, insert: '' };
    }
    if (choice < 0.8) {
        // Typing in, or deleting from, an id after `touchpoint` or `via` (references break and mend).
        const at = random.pick(offsets(text, /(?<=(?:touchpoint|via) [A-Za-z])[A-Za-z]/g));
        return random.chance(0.5) ? { at, remove: 1, insert: '' } : { at, remove: 0, insert: random.pick([...'xyz']) };
    }
    if (choice < 0.9) {
        // Pasting a touchpoint into a stage.
        const at = random.pick(offsets(text, /\n {4}touchpoint /g, 1));
        const id = `Colle${random.int(1, 99999)}`;
        return { at, remove: 0, insert: `    touchpoint ${id} "Point collé" via ${random.pick(['Web', 'Sms', 'Telephone', 'Agence'])} {\n      emotion ${random.pick(['-1', '0', '+1'])}\n    }\n` };
    }
    // Deleting a one-line touchpoint (cut).
    const lines = [...text.matchAll(/\n( {4}touchpoint [^\n{]*)\n/g)];
    if (!lines.length) return { at: 0, remove: 0, insert: '' };
    const line = random.pick(lines);
    return { at: line.index + 1, remove: line[1].length + 1, insert: '' };
}

function applyEdit(document, edit) {
    const range = { start: positionAt(document.text, edit.at), end: positionAt(document.text, edit.at + edit.remove) };
    document.text = document.text.slice(0, edit.at) + edit.insert + document.text.slice(edit.at + edit.remove);
    document.version++;
    return connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: document.uri, version: document.version }, contentChanges: [{ range, text: edit.insert }]
    });
}

const REQUEST_KINDS = ['completion', 'hover', 'symbols', 'definition'];
/** A request at a meaningful place of the current text (after `via `, on an id, on a reference). */
function sendRequest(kind, document) {
    const textDocument = { uri: document.uri };
    const at = pattern => positionAt(document.text, random.pick(offsets(document.text, pattern)));
    switch (kind) {
        case 'completion': return connection.sendRequest(CompletionRequest.type, { textDocument, position: at(/(?<= via )/g) });
        case 'hover': return connection.sendRequest(HoverRequest.type, { textDocument, position: at(/(?<=touchpoint [A-Za-z])/g) });
        case 'symbols': return connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
        case 'definition': return connection.sendRequest(DefinitionRequest.type, { textDocument, position: at(/(?<=by [A-Za-z])/g) });
    }
}

const latencies = { completion: [], hover: [], symbols: [], definition: [] };
const failures = [];
const answers = [];
const stormStart = performance.now();
const spacing = (SECONDS * 1000) / EDITS;
for (let i = 0; i < EDITS; i++) {
    const due = stormStart + i * spacing;
    const wait = due - performance.now();
    if (wait > 0.5) await new Promise(resolve => setTimeout(resolve, wait));
    // Edits come in bursts on one file, then move to another, as a person or a tool works.
    const document = open[Math.floor(i / 50) % open.length];
    void applyEdit(document, nextEdit(document));
    if (i % (EDITS / REQUESTS) === 5) {
        const kind = REQUEST_KINDS[answers.length % REQUEST_KINDS.length];
        const sent = performance.now();
        answers.push(sendRequest(kind, document).then(
            result => {
                latencies[kind].push(performance.now() - sent);
                if (result === null && kind !== 'hover' && kind !== 'definition') failures.push(`${kind}: null`);
            },
            error => failures.push(`${kind}: ${error.message}`)
        ));
    }
}
const stormSeconds = (performance.now() - stormStart) / 1000;
await Promise.all(answers);
const answeredAt = performance.now();
const after = await stats();
const settledMs = performance.now() - stormStart - stormSeconds * 1000;
// Diagnostics are sent before the answer above; then make sure nothing more comes (a second of quiet).
while (performance.now() - lastPublished < 1000) await new Promise(resolve => setTimeout(resolve, 100));

const all = Object.values(latencies).flat();
process.stdout.write(`storm: ${EDITS} edits in ${round(stormSeconds, 2)} s on ${open.length} open files, ${all.length} requests answered, ${failures.length} failed` +
    `${failures.length ? ` (${[...new Set(failures)].slice(0, 3).join('; ')})` : ''}\n`);
process.stdout.write(`request latency: p50 ${round(percentile(all, 50))} ms, p95 ${round(percentile(all, 95))} ms, max ${round(Math.max(...all))} ms` +
    ` (goal p95 ≤ ${GOALS.requestP95Ms} ms); by kind p95: ${Object.entries(latencies).map(([kind, values]) => `${kind} ${round(percentile(values, 95))}`).join(', ')}\n`);
process.stdout.write(`all answered ${round(answeredAt - stormStart - stormSeconds * 1000)} ms after the last edit; workspace built ${round(settledMs)} ms after it\n`);

// ---------------------------------------------------------------- the final diagnostics against `journey check`
for (const document of open) writeFileSync(path.join(dir, document.file), document.text);
let checked;
try {
    checked = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bin/journey.js'), 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }));
} catch (error) {
    checked = JSON.parse(error.stdout); // exit code 1: errors found
}
const key = d => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`;
const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const fromServer = [];
for (const [uri, diagnostics] of published) {
    const file = path.relative(dir, fileURLToPath(uri)).split(path.sep).join('/');
    for (const d of diagnostics) {
        // The notation hint is the editor's only (journey check leaves it off: both spellings are valid).
        if (d.code === 'non-standard-notation') continue;
        fromServer.push(key({
            file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            severity: SEVERITIES[(d.severity ?? 1) - 1], code: d.code, message: d.message
        }));
    }
}
const fromCheck = checked.diagnostics.map(key);
const serverSet = new Set(fromServer);
const checkSet = new Set(fromCheck);
const onlyServer = fromServer.filter(k => !checkSet.has(k));
const onlyCheck = fromCheck.filter(k => !serverSet.has(k));
const equal = onlyServer.length === 0 && onlyCheck.length === 0 && fromServer.length === fromCheck.length;
const bySeverity = severity => checked.diagnostics.filter(d => d.severity === severity).length;
process.stdout.write(`final diagnostics: server ${fromServer.length}, journey check ${fromCheck.length} (${bySeverity('error')} errors, ${bySeverity('warning')} warnings, ` +
    `${bySeverity('info')} infos): ${equal ? 'equal' : `DIFFERENT (${onlyServer.length} only in the server, ${onlyCheck.length} only in journey check)`}\n`);
for (const line of [...onlyServer.map(k => `  server only: ${k}`), ...onlyCheck.map(k => `  check only:  ${k}`)].slice(0, 10)) process.stdout.write(`${line}\n`);

const heapRatio = after.heapUsed / before.heapUsed;
process.stdout.write(`server heap after a full GC: ${round(before.heapUsed / 1e6)} MB before, ${round(after.heapUsed / 1e6)} MB after (×${round(heapRatio, 2)}, goal ≤ ${GOALS.heapRatio}); ` +
    `RSS ${round(before.rss / 1e6, 0)} → ${round(after.rss / 1e6, 0)} MB; ${after.validations - before.validations} document validations during the storm\n`);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
await Promise.race([new Promise(resolve => server.once('exit', resolve)), new Promise(resolve => setTimeout(resolve, 5000))]);
connection.dispose();
server.kill();
rmSync(dir, { recursive: true, force: true });

const p95 = percentile(all, 95);
const met = {
    requestP95: p95 <= GOALS.requestP95Ms, diagnosticsEqual: equal, heap: heapRatio <= GOALS.heapRatio, noFailure: failures.length === 0,
    longIdSuggestions: longIdExtraMs < GOALS.longIdExtraMs && misspelt.suggestions === 3
};
const result = {
    benchmark: 'storm',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map(v => round(v, 2)) },
    workspace: { files: info.files.length, touchpoints: info.touchpoints, megabytes: round(info.bytes / 1e6, 2), openFiles: open.length },
    goals: GOALS,
    storm: { edits: EDITS, seconds: round(stormSeconds, 2), requests: all.length, failures: failures.length },
    requests: {
        p50Ms: round(median(all)), p95Ms: round(p95), maxMs: round(Math.max(...all)),
        byKindP95Ms: Object.fromEntries(Object.entries(latencies).map(([kind, values]) => [kind, round(percentile(values, 95))]))
    },
    settledAfterLastEditMs: round(settledMs),
    diagnostics: { server: fromServer.length, check: fromCheck.length, equal, onlyServer: onlyServer.slice(0, 20), onlyCheck: onlyCheck.slice(0, 20) },
    memory: { heapBeforeMb: round(before.heapUsed / 1e6), heapAfterMb: round(after.heapUsed / 1e6), ratio: round(heapRatio, 2), rssBeforeMb: round(before.rss / 1e6), rssAfterMb: round(after.rss / 1e6) },
    validationsDuringStorm: after.validations - before.validations,
    longId: { misspeltMs: round(misspelt.ms), speltMs: round(spelt.ms), suggestionsMs: round(longIdExtraMs), suggestions: misspelt.suggestions },
    met
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/storm.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(`goals: ${Object.entries(met).map(([goal, ok]) => `${goal} ${ok ? 'met' : 'MISSED'}`).join(', ')}\nwritten bench/results/storm.json\n`);
if (Object.values(met).some(ok => !ok)) process.exitCode = 1;
