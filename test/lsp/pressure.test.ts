// The language server under pressure (issue 15), over stdio with a real client: workspace-wide
// checks after edits, and bursts of edits built as one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CancellationTokenSource, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentSymbolRequest, HoverRequest, type Diagnostic,
    type DocumentSymbol
} from 'vscode-languageserver-protocol/node';
import { PREVIEW_MODEL_METHOD, SERVER_STATS_METHOD, type PreviewModelResult, type ServerStats } from '../../src/server/protocol.js';
import { ADHESION, CATALOG, workspaceOf } from './helpers.js';
import { LspClient } from './lsp-client.js';

const OTHER = 'journey Autre "Autre parcours" {\n  stage S "Étape" {\n    touchpoint T "Point" via Courrier\n  }\n}\n';
const FILES: Record<string, string> = {
    'catalog.journey': CATALOG,
    'journeys/adhesion.journey': ADHESION,
    'journeys/autre.journey': OTHER
};

let folder: string;
let client: LspClient;
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
const versions = new Map<string, number>();

async function open(name: string, text: string): Promise<void> {
    versions.set(name, 1);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'journey', version: 1, text } });
}

async function replaceText(name: string, text: string): Promise<void> {
    const version = (versions.get(name) ?? 1) + 1;
    versions.set(name, version);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version }, contentChanges: [{ text }] });
}

/** The server's counters, once every edit sent so far is built. */
const settledStats = () => client.connection.sendRequest(SERVER_STATS_METHOD) as Promise<ServerStats>;

const duplicates = (name: string): Diagnostic[] => (client.diagnostics.get(uri(name)) ?? []).filter(d => d.code === 'duplicate-id');

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-pressure-'));
    for (const [name, text] of Object.entries(FILES)) {
        mkdirSync(join(folder, name, '..'), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    client = await LspClient.start(folder);
    await settledStats();
}, 60_000);

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe('workspace-wide checks after edits', () => {
    it('names the same other declaration of a clashing id whatever order the documents were loaded in, as journey check does', async () => {
        // The server's documents come in the order its walk, the client's opens and edits gave
        // them; journey check's in path order. The storm bench once found them naming different
        // files. Three files declare Web here, loaded catalog last.
        const workspace = await workspaceOf({
            'journeys/autre.journey': `channel Web "Site (doublon)" online\n\n${OTHER}`,
            'journeys/adhesion.journey': `channel Web "Site (bis)" online\n\n${ADHESION}`,
            'catalog.journey': CATALOG
        });
        const named = (name: string) => (workspace.doc(name).diagnostics ?? []).filter(d => d.code === 'duplicate-id').map(d => d.message);
        expect(named('journeys/autre.journey')).toEqual([expect.stringMatching(/'Web' is also declared in \.\.\/catalog\.journey \(line 2\)/)]);
        expect(named('journeys/adhesion.journey')).toEqual([expect.stringMatching(/'Web' is also declared in \.\.\/catalog\.journey \(line 2\)/)]);
        expect(named('catalog.journey')).toEqual([expect.stringMatching(/'Web' is also declared in journeys\/adhesion\.journey \(line 1\)/)]);
    });

    it('reports an id declared in two files on both sides as soon as an edit creates the clash, and clears both when it goes', async () => {
        await open('journeys/autre.journey', OTHER);
        await settledStats();
        expect(duplicates('catalog.journey')).toEqual([]);

        // The catalog is neither open nor linked to this file: only the workspace-wide check relates them.
        await replaceText('journeys/autre.journey', `channel Web "Site (doublon)" online\n\n${OTHER}`);
        await settledStats();
        expect(duplicates('journeys/autre.journey').map(d => d.message)).toEqual([expect.stringMatching(/'Web' is also declared in \.\.\/catalog\.journey \(line 2\)/)]);
        expect(duplicates('catalog.journey').map(d => d.message)).toEqual([expect.stringMatching(/'Web' is also declared in journeys\/autre\.journey \(line 1\)/)]);

        // Opening the catalog builds it in the editor: the clash stays.
        await open('catalog.journey', CATALOG);
        await settledStats();
        expect(duplicates('catalog.journey')).toHaveLength(1);

        await replaceText('journeys/autre.journey', OTHER);
        await settledStats();
        expect(duplicates('journeys/autre.journey')).toEqual([]);
        expect(duplicates('catalog.journey')).toEqual([]);
    });
});

describe('a burst of edits', () => {
    it('is built as one: a newer version cancels the build of older ones, and a request answers on the latest text', async () => {
        const name = 'journeys/adhesion.journey';
        await open(name, ADHESION);
        const before = await settledStats();
        // 300 edits sent at once, as a paste, an undo burst or an assistant rewriting the file sends them.
        let text = ADHESION;
        for (let i = 1; i <= 300; i++) {
            text = ADHESION.replace('"Devis en ligne"', `"Devis en ligne ${i}"`);
            void replaceText(name, text);
        }
        const [symbols, preview] = await Promise.all([
            client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(name) } }) as Promise<DocumentSymbol[]>,
            client.connection.sendRequest(PREVIEW_MODEL_METHOD, { uri: uri(name), root: pathToFileURL(folder).toString() }) as Promise<PreviewModelResult>
        ]);
        const touchpoint = symbols[0].children!.flatMap(stage => stage.children ?? []).find(symbol => symbol.name === 'Devis');
        expect(touchpoint?.detail).toContain('Devis en ligne 300');
        // The preview's model too is the latest text's, not the one built before the burst.
        const devis = preview.payload.model.journeys.find(j => j.id === 'Adhesion')!.stages[0].touchpoints[0];
        expect(devis.title).toBe('Devis en ligne 300');
        const after = await settledStats();
        const validations = (after.validationsByUri[uri(name)] ?? 0) - (before.validationsByUri[uri(name)] ?? 0);
        // Building each version in turn validated the file about 300 times.
        expect(validations).toBeGreaterThanOrEqual(1);
        expect(validations).toBeLessThan(30);
        expect(client.diagnostics.get(uri(name))).toEqual([]);
    }, 60_000);
});

describe('cancelled requests', () => {
    it('do not hold up the builds of later edits', async () => {
        const name = 'journeys/autre.journey';
        await open(name, OTHER);
        await settledStats();
        // Requests cancelled while they run (waiting for the text they were sent with), as an
        // editor cancels completions and hovers while typing.
        for (let i = 0; i < 10; i++) {
            void replaceText(name, OTHER.replace('"Point"', `"Point ${i}"`));
            const source = new CancellationTokenSource();
            const answer = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(name) }, position: { line: 3, character: 16 } }, source.token);
            await new Promise(resolve => setTimeout(resolve, 20));
            source.cancel();
            await answer.catch(() => undefined);
        }
        await replaceText(name, OTHER.replace('via Courrier', 'via Pigeon'));
        const diagnostics = await client.diagnosticsFor(uri(name), d => d.some(x => x.code === 'unresolved-reference'));
        expect(diagnostics.map(d => d.code)).toContain('unresolved-reference');
        await replaceText(name, OTHER);
        await settledStats();
    }, 30_000);
});
