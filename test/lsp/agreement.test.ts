// The editor and `journey check` agree (issue 15): random sequences of realistic edits across
// the files of an example workspace, sent to the real language server over stdio as an editor
// sends them; once it has built them, its diagnostics for every file equal what `journey check`
// reports for the same texts.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { loadWorkspace, type FileDiagnostic } from '../../src/node/journey-workspace.js';
import { SERVER_STATS_METHOD } from '../../src/server/protocol.js';
import { LspClient } from './lsp-client.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/mutuelle-sante');
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

let folder: string;
let client: LspClient;
let names: string[];
const base = new Map<string, string>();
const current = new Map<string, string>();
const versions = new Map<string, number>();
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();

async function send(name: string, text: string): Promise<void> {
    const version = (versions.get(name) ?? 1) + 1;
    versions.set(name, version);
    current.set(name, text);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version }, contentChanges: [{ text }] });
}

/** Realistic edits of one file, each given a random number to pick where. */
const EDITS: Record<string, (text: string, pick: number, others: string[]) => string> = {
    // An id renamed where it is declared: references elsewhere break, or a clash goes.
    'rename a declaration': (text, pick) => nth(text, /\b(journey|stage|touchpoint|kpi|channel|persona|team|source) ([A-Za-z]\w*)/g, pick,
        match => `${match[1]} ${match[2]}X`),
    // An id of another file declared again here: a workspace-wide clash.
    'declare an id of another file': (text, pick, others) => {
        const declared = others.flatMap(other => [...other.matchAll(/^(channel|persona|team|journey|source) ([A-Za-z]\w*)/gm)]);
        if (!declared.length) return text;
        const [, kind, id] = declared[pick % declared.length];
        return kind === 'journey' || kind === 'source' ? `persona ${id} "Doublon"\n${text}` : `${kind} ${id} "Doublon"${kind === 'channel' ? ' online' : ''}\n${text}`;
    },
    'misspell a reference': (text, pick) => nth(text, /\b(via|by|persona|owner|improves|track|data|scope touchpoint) ([A-Za-z]\w*)/g, pick,
        match => `${match[1]} ${match[2].slice(0, -1)}`),
    'delete a line': (text, pick) => {
        const lines = text.split('\n');
        lines.splice(pick % lines.length, 1);
        return lines.join('\n');
    },
    'type a character': (text, pick) => {
        const at = pick % (text.length + 1);
        return text.slice(0, at) + '{}"x9 '[pick % 6] + text.slice(at);
    },
    'emotion off the scale': (text, pick) => nth(text, /emotion [+-]?\d/g, pick, () => 'emotion +7'),
    'undo everything': text => text
};

function nth(text: string, pattern: RegExp, pick: number, replace: (match: RegExpMatchArray) => string): string {
    const matches = [...text.matchAll(pattern)];
    if (!matches.length) return text;
    const match = matches[pick % matches.length];
    return text.slice(0, match.index!) + replace(match) + text.slice(match.index! + match[0].length);
}

const key = (d: Omit<FileDiagnostic, 'file'> & { file: string }) =>
    `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} [${d.code}] ${d.message}`;

function fromServer(): string[] {
    return names.flatMap(name => (client.diagnostics.get(uri(name)) ?? [])
        // The notation hint is the editor's only: `journey check` leaves it off (both spellings are valid).
        .filter((d: Diagnostic) => d.code !== 'non-standard-notation')
        .map((d: Diagnostic) => key({
            file: name, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            severity: SEVERITIES[(d.severity ?? 1) - 1], code: String(d.code), message: d.message
        }))).sort();
}

async function fromCheck(): Promise<string[]> {
    for (const name of names) writeFileSync(join(folder, name), current.get(name)!);
    const workspace = await loadWorkspace(['.'], { cwd: folder });
    return workspace.diagnostics.map(key).sort();
}

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-agreement-'));
    cpSync(EXAMPLE, folder, { recursive: true });
    names = readdirSync(folder).filter(name => name.endsWith('.journey')).sort();
    client = await LspClient.start(folder);
    for (const name of names) {
        const text = readFileSync(join(folder, name), 'utf8');
        base.set(name, text);
        current.set(name, text);
        versions.set(name, 1);
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'journey', version: 1, text } });
    }
    await client.connection.sendRequest(SERVER_STATS_METHOD);
}, 60_000);

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the editor and journey check', () => {
    it('report the same diagnostics after random sequences of edits across several files', async () => {
        const edit = fc.record({ file: fc.nat(), kind: fc.constantFrom(...Object.keys(EDITS)), pick: fc.nat() });
        let clashes = 0;
        let broken = 0;
        await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async edits => {
            for (const name of names) if (current.get(name) !== base.get(name)) await send(name, base.get(name)!);
            for (const { file, kind, pick } of edits) {
                const name = names[file % names.length];
                const others = names.filter(other => other !== name).map(other => current.get(other)!);
                const text = kind === 'undo everything' ? base.get(name)! : EDITS[kind](current.get(name)!, pick, others);
                // Sent without waiting, as an editor sends keystrokes.
                void send(name, text);
            }
            await client.connection.sendRequest(SERVER_STATS_METHOD);
            const check = await fromCheck();
            expect(fromServer()).toEqual(check);
            if (check.some(d => d.includes('[duplicate-id]') && d.includes('also declared in'))) clashes++;
            if (check.some(d => d.includes('[unresolved-reference]'))) broken++;
        }), { numRuns: 40, seed: 15, endOnFailure: true });
        // The sequences did create workspace-wide clashes and broken references, not only clean texts.
        expect(clashes).toBeGreaterThan(3);
        expect(broken).toBeGreaterThan(3);
    }, 300_000);
});
