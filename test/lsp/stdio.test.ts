import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CompletionRequest, DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentFormattingRequest,
    HoverRequest, ReferencesRequest, RenameRequest, type CompletionList, type Hover, type LocationLink, type Position
} from 'vscode-languageserver-protocol/node';
import { ADHESION, applyEdits, CATALOG, TARGET } from './helpers.js';
import { LspClient } from './lsp-client.js';

/** A multi-file workspace on disk; one file has an unknown channel. */
const FILES: Record<string, string> = {
    'catalog.journey': CATALOG,
    'journeys/adhesion.journey': ADHESION,
    'journeys/cible.journey': TARGET,
    'journeys/broken.journey': 'journey Broken {\n  stage S {\n    touchpoint T via Pigeon\n  }\n}\n'
};

let folder: string;
let client: LspClient;
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();

function positionOf(text: string, needle: string, delta = 0): Position {
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in text`);
    const before = text.slice(0, index + delta).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

let version = 1;
async function open(name: string, text: string): Promise<void> {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(name), languageId: 'journey', version: version++, text } });
}
async function replaceText(name: string, text: string): Promise<void> {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(name), version: version++ }, contentChanges: [{ text }] });
}

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-lsp-'));
    for (const [name, text] of Object.entries(FILES)) {
        mkdirSync(join(folder, name, '..'), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    client = await LspClient.start(folder, { severity: { 'missing-target': 'off' } });
});

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe('the language server over stdio', () => {
    it('validates the whole workspace at start-up, files not even open included', async () => {
        const diagnostics = await client.diagnosticsFor(uri('journeys/broken.journey'), d => d.length > 0);
        expect(diagnostics.map(d => d.code)).toContain('unresolved-reference');
        expect(diagnostics.find(d => d.code === 'unresolved-reference')!.message).toMatch(/Unknown channel 'Pigeon'/);
        expect(await client.diagnosticsFor(uri('journeys/adhesion.journey'))).toEqual([]);
    });

    it('answers completion, hover, definition, references and rename across files', async () => {
        await open('journeys/adhesion.journey', ADHESION);
        const completion = await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri: uri('journeys/adhesion.journey') }, position: positionOf(ADHESION, 'via Courrier', 4)
        }) as CompletionList;
        expect(completion.items.map(i => i.label)).toEqual(expect.arrayContaining(['Web', 'Courrier']));

        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uri('journeys/adhesion.journey') }, position: positionOf(ADHESION, 'EnvoiCarte "', 1)
        }) as Hover;
        expect((hover.contents as { value: string }).value).toContain('**Moment of truth**');

        const definition = await client.connection.sendRequest(DefinitionRequest.type, {
            textDocument: { uri: uri('journeys/adhesion.journey') }, position: positionOf(ADHESION, 'via Web', 5)
        }) as LocationLink[];
        expect(definition[0].targetUri).toBe(uri('catalog.journey'));

        const references = await client.connection.sendRequest(ReferencesRequest.type, {
            textDocument: { uri: uri('catalog.journey') }, position: positionOf(CATALOG, 'Web', 1), context: { includeDeclaration: true }
        });
        expect(references!.map(r => r.uri).sort()).toEqual([uri('catalog.journey'), uri('journeys/adhesion.journey'), uri('journeys/adhesion.journey'), uri('journeys/cible.journey')]);

        const rename = await client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: uri('journeys/adhesion.journey') }, position: positionOf(ADHESION, 'Signature "', 1), newName: 'Signer'
        });
        expect(Object.keys(rename!.changes!).sort()).toEqual([uri('journeys/adhesion.journey'), uri('journeys/cible.journey')]);
        // The declaration and each reference, not the title "Signature électronique"; the other journey's `Adhesion.` part kept.
        expect(applyEdits(ADHESION, rename!.changes![uri('journeys/adhesion.journey')]))
            .toBe(ADHESION.replace('touchpoint Signature "', 'touchpoint Signer "').replace('of Signature)', 'of Signer)'));
        expect(applyEdits(TARGET, rename!.changes![uri('journeys/cible.journey')])).toBe(TARGET.replace('Adhesion.Signature', 'Adhesion.Signer'));
        await expect(client.connection.sendRequest(RenameRequest.type, {
            textDocument: { uri: uri('journeys/adhesion.journey') }, position: positionOf(ADHESION, 'Signature "', 1), newName: 'touchpoint'
        })).rejects.toThrow(/keyword/);
    });

    it('formats a document', async () => {
        const messy = 'journey Messy {\nstage S {touchpoint T via Web}\n}';
        await open('journeys/messy.journey', messy);
        const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
            textDocument: { uri: uri('journeys/messy.journey') }, options: { tabSize: 2, insertSpaces: true }
        });
        expect(applyEdits(messy, edits!)).toBe('journey Messy {\n  stage S {\n    touchpoint T via Web\n  }\n}\n');
    });

    it('publishes new diagnostics after didChange edits, and clears them when fixed', async () => {
        const name = 'journeys/adhesion.journey';
        await replaceText(name, ADHESION.replace('via Courrier', 'via Fax'));
        const broken = await client.diagnosticsFor(uri(name), d => d.some(x => x.code === 'unresolved-reference'), { current: false });
        expect(broken.find(d => d.code === 'unresolved-reference')!.message).toMatch(/Unknown channel 'Fax'/);
        // The other journey refers to this one: it is re-linked too, and stays clean.
        await replaceText(name, ADHESION);
        expect(await client.diagnosticsFor(uri(name), d => d.length === 0, { current: false })).toEqual([]);
    });

    it('applies the settings sent by the client (missing-target switched off)', async () => {
        const text = 'journey NoTarget {\n  stage S { touchpoint T via Web }\n  kpi K { measures nps }\n}\n';
        await open('journeys/no-target.journey', text);
        const diagnostics = await client.diagnosticsFor(uri('journeys/no-target.journey'), () => true, { current: false });
        expect(diagnostics.map(d => d.code)).not.toContain('missing-target');
    });

    it('survives malformed, binary and huge input and keeps answering', async () => {
        const binary = Buffer.from(Array.from({ length: 900_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
        const hugeJourney = `journey Huge {\n  stage S {\n${'    touchpoint T via Web { emotion 1 pain "x" }\n'.repeat(110_000)}  }\n}\n`;
        const inputs: Record<string, [text: string, message: RegExp]> = {
            binary: [binary, /binary data/],
            garbage: ['@#!'.repeat(300_000), /does not look like a journey file/],
            huge: [hugeJourney, /not analysed/],
            unclosed: ['journey J { stage S { touchpoint T "never closed', /A text in double quotes is not closed/],
            deep: ['{'.repeat(50_000), /‘\{’ is not expected at the start of this line/],
            typo: ['journey J { stage S { touchpoint T via Web { emotion high } } }', /Syntax error/]
        };
        expect(hugeJourney.length).toBeGreaterThan(5_000_000);
        for (const [name, [text]] of Object.entries(inputs)) await open(`journeys/${name}.journey`, text);
        for (const [name, [, message]] of Object.entries(inputs)) {
            const diagnostics = await client.diagnosticsFor(uri(`journeys/${name}.journey`), d => d.length > 0);
            expect(diagnostics[0].message, name).toMatch(message);
            expect(diagnostics.length, name).toBeLessThan(10);
        }
        // Requests on the refused files answer (nothing to offer), and the good files still work.
        const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('journeys/garbage.journey') }, position: { line: 0, character: 3 } });
        expect((completion as CompletionList | null)?.items ?? []).toEqual([]);
        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uri('journeys/adhesion.journey') }, position: positionOf(ADHESION, 'Devis "', 1)
        }) as Hover;
        expect((hover.contents as { value: string }).value).toContain('**Touchpoint**');
        expect(client.alive).toBe(true);
    }, 120_000);
});
