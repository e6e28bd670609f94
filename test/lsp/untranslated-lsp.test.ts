/**
 * The guard of issue 17 for the editor: the language server started over stdio by a real LSP
 * client in French, on the French health-insurance example plus files with problems (an
 * unknown channel, a touchpoint without channel, an empty stage, a KPI without target, a
 * syntax error, binary data). Diagnostics, hovers on every word, code lenses, quick fixes,
 * completion details and the messages the server shows hold no word of the product's English
 * vocabulary once the journeys' own words are taken out (test/language/untranslated.ts).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest, CodeLensRequest, CompletionRequest, DidOpenTextDocumentNotification, DocumentSymbolRequest, HoverRequest,
    LogMessageNotification, MessageType, ShowMessageNotification,
    type CodeAction, type CodeLens, type CompletionItem, type CompletionList, type DocumentSymbol, type Hover, type MarkupContent
} from 'vscode-languageserver-protocol/node';
import { englishLeft, englishVocabulary, journeyWords, markdownTexts, type Leftover } from '../language/untranslated.js';
import { LspClient } from './lsp-client.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/mutuelle-sante');

/** Problems of every kind the checks have words for, in French journeys. */
const PROBLEMS = `journey Reclamation "Réclamation" {
  persona JeuneActif
  stage Depot "Dépôt de la réclamation" {
    touchpoint Formulaire "Formulaire en ligne" via Courier {
      emotion -1
    }
    touchpoint SansCanal "Appel sans canal"
  }
  stage Vide "Étape vide" {
  }
  kpi SansCible "Délai sans cible" {
    measures share(SansCanal within J+1 of Formulaire)
  }
  kpi Notation "Part à J+2" {
    measures share(SansCanal within J+2 of Formulaire)
    target ≥ 80 pts
  }
}
`;
const SYNTAX = 'journey Syntaxe "Erreur de syntaxe" {\n  stage S "Étape" {\n    touchpoint T "Appel" { emotion }\n  }\n}\n';

let folder: string;
let client: LspClient;
const shown: string[] = [];
const vocabulary = englishVocabulary();

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-untranslated-lsp-'));
    cpSync(EXAMPLE, folder, { recursive: true });
    writeFileSync(join(folder, 'problemes.journey'), PROBLEMS);
    writeFileSync(join(folder, 'syntaxe.journey'), SYNTAX);
    writeFileSync(join(folder, 'binaire.journey'), 'journey B "B" {\u0000}\n');
    client = await LspClient.start(folder, {}, undefined, { JOURNEY_TODAY: '2026-07-15' }, 'fr-FR');
    client.connection.onNotification(ShowMessageNotification.type, ({ message }) => shown.push(message));
    client.connection.onNotification(LogMessageNotification.type, ({ type, message }) => {
        if (type === MessageType.Error || type === MessageType.Warning) shown.push(message);
    });
}, 60_000);

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

const markdownOf = (contents: Hover['contents']): string =>
    typeof contents === 'string' ? contents : Array.isArray(contents) ? contents.map(c => (typeof c === 'string' ? c : c.value)).join('\n') : (contents as MarkupContent).value;

describe('the language server in French', () => {
    it('words diagnostics, hovers, code lenses, quick fixes and completion details with no English word', { timeout: 240_000 }, async () => {
        const own = journeyWords(folder);
        const left: Leftover[] = [];
        const files = readdirSync(folder).filter(name => name.endsWith('.journey'));
        for (const name of files) {
            const uri = pathToFileURL(join(folder, name)).toString();
            const text = readFileSync(join(folder, name), 'utf8');
            await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'journey', version: 1, text } });
        }
        let hovers = 0;
        for (const name of files) {
            const uri = pathToFileURL(join(folder, name)).toString();
            const text = readFileSync(join(folder, name), 'utf8');
            const diagnostics = await client.diagnosticsFor(uri);
            left.push(...englishLeft(`diagnostics ${name}`, diagnostics.map(d => d.message), vocabulary, own));
            const actions = await Promise.all(diagnostics.map(d => client.connection.sendRequest(CodeActionRequest.type, {
                textDocument: { uri }, range: d.range, context: { diagnostics: [d] }
            }) as Promise<CodeAction[] | null>));
            left.push(...englishLeft(`quick fixes ${name}`, actions.flatMap(list => (list ?? []).map(a => a.title)), vocabulary, own));
            const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) as CodeLens[] | null;
            left.push(...englishLeft(`code lenses ${name}`, (lenses ?? []).flatMap(l => (l.command ? [l.command.title, l.command.tooltip ?? ''] : [])), vocabulary, own));
            const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[] | null;
            const details = (list: DocumentSymbol[]): string[] => list.flatMap(s => [s.detail ?? '', ...details(s.children ?? [])]);
            left.push(...englishLeft(`symbols ${name}`, details(symbols ?? []), vocabulary, own));
            // A hover on the first letter of every word of the file.
            const lines = text.split('\n');
            for (const [line, content] of lines.entries()) {
                for (const word of content.matchAll(/[\p{L}_][\w\p{L}]*/gu)) {
                    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: word.index } }) as Hover | null;
                    if (!hover) continue;
                    hovers++;
                    left.push(...englishLeft(`hover ${name}:${line + 1} ${word[0]}`, markdownTexts(markdownOf(hover.contents)), vocabulary, own));
                }
            }
            // Completion on a new line in the first stage, and after `via `: what is offered is the language's words and ids; their details are prose.
            const stage = lines.findIndex(l => /^\s*stage /.test(l));
            const via = lines.findIndex(l => / via /.test(l));
            for (const position of [stage >= 0 ? { line: stage + 1, character: 0 } : undefined, via >= 0 ? { line: via, character: lines[via].indexOf(' via ') + 5 } : undefined]) {
                if (!position) continue;
                const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as CompletionList | CompletionItem[] | null;
                const items = Array.isArray(result) ? result : result?.items ?? [];
                left.push(...englishLeft(`completion ${name}`, items.flatMap(i => [i.detail ?? '', typeof i.documentation === 'string' ? i.documentation : i.documentation?.value ?? '']).flatMap(t => markdownTexts(t)), vocabulary, own));
            }
        }
        expect(hovers).toBeGreaterThan(200);
        left.push(...englishLeft('messages shown', shown, vocabulary, own));
        expect(left.map(l => `${l.surface}: [${l.words.join(', ')}] ${l.text}`).join('\n')).toBe('');
    });
});
