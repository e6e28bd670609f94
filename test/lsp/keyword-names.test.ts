// Ids spelt as words of the language (`in`, `goal`, `timing`…, issue 16) work in the editor as
// any id does: no diagnostic, definition, hover, completion, rename, semantic highlighting. The
// fixture is test/language/fixtures/keyword-names (journey check's side: test/language/keyword-names.test.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SemanticTokensDecoder } from 'langium/lsp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CompletionItemKind, CompletionRequest, DefinitionRequest, DidOpenTextDocumentNotification, HoverRequest, RenameRequest,
    type CompletionList, type Hover, type LocationLink, type Position
} from 'vscode-languageserver-protocol/node';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { applyEdits, workspaceOf } from './helpers.js';
import { LspClient } from './lsp-client.js';

const FIXTURE = resolve('test/language/fixtures/keyword-names');
const CATALOG = readFileSync(join(FIXTURE, 'catalog.journey'), 'utf8');
const JOURNEY = readFileSync(join(FIXTURE, 'parcours.journey'), 'utf8');

let folder: string;
let client: LspClient;
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();

function positionOf(text: string, needle: string, delta = 0): Position {
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in text`);
    const before = text.slice(0, index + delta).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-keyword-names-'));
    cpSync(FIXTURE, folder, { recursive: true });
    client = await LspClient.start(folder);
});

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe('ids spelt as words of the language, in the language server over stdio', () => {
    it('reports nothing in the fixture, as journey check does', async () => {
        expect(await client.diagnosticsFor(uri('catalog.journey'))).toEqual([]);
        expect(await client.diagnosticsFor(uri('parcours.journey'))).toEqual([]);
    });

    it('goes to the declaration, hovers the element, and completes references, not keywords', async () => {
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri('parcours.journey'), languageId: 'journey', version: 1, text: JOURNEY } });
        // `via in, link`: the channel `in` of the catalog.
        const definition = await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: uri('parcours.journey') }, position: positionOf(JOURNEY, 'via in, link', 5)
        }) as LocationLink[];
        expect(definition).toHaveLength(1);
        expect(definition[0].targetUri).toBe(uri('catalog.journey'));
        expect(definition[0].targetSelectionRange.start).toEqual(positionOf(CATALOG, 'in "En agence"'));
        // `scope stage if`: the stage `if`, in a qualified name too (`timing.after`).
        const stage = await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: uri('parcours.journey') }, position: positionOf(JOURNEY, 'timing.after', 8)
        }) as LocationLink[];
        expect(stage[0].targetSelectionRange.start).toEqual(positionOf(JOURNEY, 'after "Signature"'));

        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uri('parcours.journey') }, position: positionOf(JOURNEY, 'outcome "Simulation"', 2)
        }) as Hover;
        expect((hover.contents as { value: string }).value).toContain('**Touchpoint** `timing.outcome`');
        const channel = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uri('parcours.journey') }, position: positionOf(JOURNEY, 'via in, link', 4)
        }) as Hover;
        expect((channel.contents as { value: string }).value).toContain('En agence');

        // Where a channel goes: the channels, spelt as keywords or not, and no keyword a name may be spelt as.
        const completion = await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri: uri('parcours.journey') }, position: positionOf(JOURNEY, 'via in, link', 4)
        }) as CompletionList;
        const items = completion.items;
        expect(items.map(item => item.label)).toEqual(expect.arrayContaining(['in', 'link', 'for']));
        expect(items.filter(item => item.kind === CompletionItemKind.Keyword).map(item => item.label)).not.toContain('goal');
        expect(items.find(item => item.label === 'in')?.kind).not.toBe(CompletionItemKind.Keyword);
    });

    it('renames an id to a word of the language, and refuses a reserved one', async () => {
        const rename = await client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: uri('catalog.journey') }, position: positionOf(CATALOG, 'link "Lien'), newName: 'before'
        });
        expect(applyEdits(CATALOG, rename!.changes![uri('catalog.journey')])).toContain('channel before "Lien envoyé par SMS" online');
        const renamed = applyEdits(JOURNEY, rename!.changes![uri('parcours.journey')]);
        expect(renamed).toContain('via in, before by research');
        expect(renamed).toContain('via before {');
        // The stage `before` keeps its name: only the channel's references changed.
        expect(renamed).toContain('stage before "Livraison"');
        expect(renamed).toContain('deadline J-90 before before');
        await expect(client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: uri('catalog.journey') }, position: positionOf(CATALOG, 'link "Lien'), newName: 'stage'
        })).rejects.toThrow(/keyword/);
    });
});

describe('ids spelt as words of the language, in the editor services', () => {
    it('highlights such an id as what it names, not as a keyword', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'parcours.journey': JOURNEY });
        const provider = workspace.services.lsp.SemanticTokenProvider!;
        const document = workspace.doc('parcours.journey');
        const tokens = SemanticTokensDecoder.decode(await provider.semanticHighlight(document, { textDocument: { uri: workspace.uri('parcours.journey') } }), provider.tokenTypes, document);
        const at = (needle: string, delta: number) => tokens.find(token => token.offset === JOURNEY.indexOf(needle) + delta);
        expect(at('via in, link', 4)).toMatchObject({ text: 'in', tokenType: SemanticTokenTypes.enumMember });
        expect(at('touchpoint outcome', 11)).toMatchObject({ text: 'outcome', tokenType: SemanticTokenTypes.function });
        expect(at('stage if "Demande"', 6)).toMatchObject({ text: 'if', tokenType: SemanticTokenTypes.class });
        expect(at('kpi baseline', 4)).toMatchObject({ text: 'baseline', tokenType: SemanticTokenTypes.variable });
        // The keywords themselves are left to the TextMate grammar: `outcome` that begins a fact.
        expect(at('      outcome sample', 6)).toBeUndefined();
    });

    it('offers the ids where a name goes, not the keywords a name may be spelt as', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'parcours.journey': JOURNEY });
        const labels = async (needle: string, delta: number) => {
            const list = await workspace.services.lsp.CompletionProvider!.getCompletion(workspace.doc('parcours.journey'), {
                textDocument: { uri: workspace.uri('parcours.journey') }, position: workspace.at('parcours.journey', needle, delta)
            });
            return (list?.items ?? []).map(item => ({ label: item.label, keyword: item.kind === CompletionItemKind.Keyword }));
        };
        // A new stage's name: nothing to offer (Langium would offer the name rule's keywords).
        expect(await labels('stage if "Demande"', 6)).toEqual([]);
        // A channel after `via`, a stage after `scope stage`.
        for (const [needle, delta, ids] of [['via in, link', 4, ['in', 'link', 'for']], ['scope stage if', 12, ['if', 'after', 'before', 'deadline']]] as const) {
            const items = await labels(needle, delta);
            expect(items.filter(item => !item.keyword).map(item => item.label), needle).toEqual(expect.arrayContaining([...ids]));
            expect(items.filter(item => item.keyword).map(item => item.label), needle).toEqual([]);
        }
    });
});
