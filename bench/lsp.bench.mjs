// Benchmark of the language server (issue 3), over the Language Server Protocol on stdio, on
// the workspace by default: 1,000 synthetic journey files of 100 touchpoints + a catalog
// (13 MB; `--touchpoints 30` for the smaller one the README also shows):
//   - time from `initialize` to the first diagnostics, and to the diagnostics of every file;
//   - one-character edit in one file → its new diagnostics: p50 / p95 over 100 edits, and how
//     many documents the server validated for those edits (from `journey/serverStats`);
//   - completion latency p50 / p95 over 100 requests;
//   - server memory (RSS, heap) after indexing.
//
//   npm run build && node bench/lsp.bench.mjs [--quick] [--files N] [--touchpoints N]
//
// Writes bench/results/lsp.json. Imports nothing from src: it talks to `journey lsp --stdio`.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    CompletionRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, InitializeRequest,
    InitializedNotification, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { generateWorkspace } from './generate-workspace.mjs';
import { percentile, round } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const option = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const files = option('files', 1000);
const touchpointsPerFile = option('touchpoints', quick ? 10 : 100);
const EDITS = 100;
const COMPLETIONS = 100;


const dir = path.join(os.tmpdir(), `journey-lsp-bench-${process.pid}`);
const info = generateWorkspace(dir, { files, touchpointsPerFile, seed: 3 });
process.stdout.write(`workspace: ${info.files.length} files, ${info.touchpoints} touchpoints, ${(info.bytes / 1e6).toFixed(2)} MB\n`);

const server = spawn(process.execPath, [path.join(root, 'bin/journey.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const published = new Map();
let firstDiagnosticsAt;
const waiters = [];
connection.onRequest('workspace/configuration', params => params.items.map(() => null));
connection.onRequest('client/registerCapability', () => null);
connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
    firstDiagnosticsAt ??= performance.now();
    published.set(uri, diagnostics);
    for (const waiter of waiters.splice(0)) {
        if (waiter.uri === uri || waiter.uri === undefined) waiter.resolve(diagnostics);
        else waiters.push(waiter);
    }
});
connection.listen();
const nextDiagnostics = uri => new Promise(resolve => waiters.push({ uri, resolve }));

// ---------------------------------------------------------------- start-up
const folderUri = pathToFileURL(dir).toString();
const started = performance.now();
await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } }
});
await connection.sendNotification(InitializedNotification.type, {});
while (published.size < info.files.length) await nextDiagnostics(undefined);
const allDiagnosticsMs = performance.now() - started;
const firstDiagnosticsMs = firstDiagnosticsAt - started;
const afterIndexing = await connection.sendRequest('journey/serverStats');
const problems = [...published.values()].reduce((sum, list) => sum + list.length, 0);
process.stdout.write(`initialize → first diagnostics: ${round(firstDiagnosticsMs)} ms; → all ${published.size} files: ${round(allDiagnosticsMs)} ms (${problems} diagnostics)\n`);

// ---------------------------------------------------------------- edits
const editedFile = path.join(dir, info.files[Math.floor(info.files.length / 2)]);
const editedUri = pathToFileURL(editedFile).toString();
const text = readFileSync(editedFile, 'utf8');
let version = 1;
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: editedUri, languageId: 'journey', version, text } });
await nextDiagnostics(editedUri);
// The edit: one character typed into (then removed from) the journey's title.
const titleQuote = text.indexOf('"') + 1;
const lines = text.slice(0, titleQuote).split('\n');
const at = { line: lines.length - 1, character: lines[lines.length - 1].length };
const before = await connection.sendRequest('journey/serverStats');
const editTimes = [];
for (let i = 0; i < EDITS; i++) {
    const insert = i % 2 === 0;
    const change = insert
        ? { range: { start: at, end: at }, text: 'x' }
        : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const received = nextDiagnostics(editedUri);
    const sent = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: editedUri, version: ++version }, contentChanges: [change] });
    await received;
    editTimes.push(performance.now() - sent);
}
const afterEdits = await connection.sendRequest('journey/serverStats');
const validatedUris = Object.entries(afterEdits.validationsByUri)
    .map(([uri, count]) => [uri, count - (before.validationsByUri[uri] ?? 0)])
    .filter(([, count]) => count > 0);
const validationsPerEdit = (afterEdits.validations - before.validations) / EDITS;
process.stdout.write(`edit → diagnostics: p50 ${round(percentile(editTimes, 50))} ms, p95 ${round(percentile(editTimes, 95))} ms; ` +
    `${round(validationsPerEdit, 2)} documents validated per edit (${validatedUris.length} distinct: ${validatedUris.map(([uri]) => path.basename(uri)).join(', ')})\n`);

// ---------------------------------------------------------------- completion
const viaIndex = text.indexOf(' via ') + 5;
const viaLines = text.slice(0, viaIndex).split('\n');
const completionAt = { line: viaLines.length - 1, character: viaLines[viaLines.length - 1].length };
const completionTimes = [];
let offered = 0;
for (let i = 0; i < COMPLETIONS; i++) {
    const sent = performance.now();
    const list = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: editedUri }, position: completionAt });
    completionTimes.push(performance.now() - sent);
    offered = list?.items?.length ?? 0;
}
process.stdout.write(`completion: p50 ${round(percentile(completionTimes, 50))} ms, p95 ${round(percentile(completionTimes, 95))} ms (${offered} items)\n`);
process.stdout.write(`server memory after indexing: RSS ${round(afterIndexing.rss / 1e6, 0)} MB, heap ${round(afterIndexing.heapUsed / 1e6, 0)} MB\n`);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
server.kill();
rmSync(dir, { recursive: true, force: true });

const result = {
    benchmark: 'lsp',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    workspace: { files: info.files.length, touchpoints: info.touchpoints, megabytes: round(info.bytes / 1e6, 2) },
    goals: { editP95Ms: 50, completionP95Ms: 50 },
    startup: { firstDiagnosticsMs: round(firstDiagnosticsMs), allDiagnosticsMs: round(allDiagnosticsMs), diagnostics: problems },
    edit: {
        edits: EDITS, p50Ms: round(percentile(editTimes, 50)), p95Ms: round(percentile(editTimes, 95)), maxMs: round(Math.max(...editTimes)),
        validationsPerEdit: round(validationsPerEdit, 2), documentsValidated: validatedUris.map(([uri, count]) => ({ file: path.relative(dir, fileURLToPath(uri)), count }))
    },
    completion: { requests: COMPLETIONS, p50Ms: round(percentile(completionTimes, 50)), p95Ms: round(percentile(completionTimes, 95)), items: offered },
    memoryAfterIndexing: { rssMb: round(afterIndexing.rss / 1e6, 0), heapUsedMb: round(afterIndexing.heapUsed / 1e6, 0) }
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results/lsp.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(`written bench/results/lsp.json\n`);
