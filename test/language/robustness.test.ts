import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { buildWorkspaceModel } from '../../src/language/model/build-model.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import type { Model } from '../../src/language/generated/ast.js';

const services = createJourneyServices(EmptyFileSystem).Journey;
const documents = services.shared.workspace.LangiumDocuments;
let counter = 0;

/** Parses, links and validates `text` next to `catalog`, as the checker does; returns its diagnostics. */
async function check(text: string, catalog = '') {
    const uris = [URI.parse(`memory:///${++counter}/catalog.journey`), URI.parse(`memory:///${counter}/file.journey`)];
    const docs = [catalog, text].map((t, i) => services.shared.workspace.LangiumDocumentFactory.fromString<Model>(t, uris[i]));
    docs.forEach(d => documents.addDocument(d));
    try {
        await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const document = docs[1];
        // The model must also be buildable from whatever was recovered.
        buildWorkspaceModel([document.parseResult.value], () => 'file.journey');
        formatJourneyText(text);
        const { lexerErrors, parserErrors } = document.parseResult;
        return { diagnostics: document.diagnostics ?? [], syntaxBroken: lexerErrors.length + parserErrors.length > 0 };
    } finally {
        uris.forEach(uri => documents.deleteDocument(uri));
    }
}

function expectWellFormed(text: string, result: Awaited<ReturnType<typeof check>>): void {
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const d of result.diagnostics) {
        expect(d.range.start.line).toBeLessThanOrEqual(lines);
        expect(typeof d.message).toBe('string');
        expect(d.code).toBeTruthy();
    }
    if (result.syntaxBroken) {
        expect(result.diagnostics.some(d => d.code === 'syntax-error' && d.severity === 1)).toBe(true);
    }
}

function workspaces(): Array<{ name: string; catalog: string; files: string[] }> {
    return readdirSync('examples').filter(name => statSync(join('examples', name)).isDirectory()).map(name => {
        const folder = join('examples', name);
        const files = readdirSync(folder).filter(f => f.endsWith('.journey')).map(f => readFileSync(join(folder, f), 'utf8'));
        const catalog = readFileSync(join(folder, 'catalog.journey'), 'utf8');
        return { name, catalog, files: files.filter(f => f !== catalog) };
    });
}

describe('robustness', () => {
    const examples = workspaces();

    it('has example workspaces to mutilate', () => expect(examples.length).toBeGreaterThanOrEqual(3));

    it.each(examples)('never throws on $name truncated at many positions, and reports what is cut', async ({ catalog, files }) => {
        for (const text of files) {
            const step = Math.max(1, Math.floor(text.length / 60));
            for (let end = 0; end < text.length; end += step) {
                const truncated = text.slice(0, end);
                const result = await check(truncated, catalog);
                expectWellFormed(truncated, result);
                // Cut inside a block: the missing closing brace must be reported.
                const open = (truncated.replace(/"(\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').match(/{/g) ?? []).length;
                const close = (truncated.replace(/"(\\.|[^"\\])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').match(/}/g) ?? []).length;
                if (open > close) expect(result.syntaxBroken).toBe(true);
            }
        }
    }, 300_000);

    it.each(examples)('never throws on $name with random edits', async ({ catalog, files }) => {
        const pieces = ['{', '}', '"', '(', ')', ',', '.', 'stage', 'touchpoint', 'kpi', 'via', 'target', '>=', '≥', '%', 'J+1', '-', '+3',
            '120', '\n', ' ', '/*', '//', 'é', '\u0000', '\uFFFF', 'measures', 'share(', 'within', 'of'];
        await fc.assert(fc.asyncProperty(
            fc.constantFrom(...files),
            fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 8 }),
            async (text, edits) => {
                let edited = text;
                for (const { at, remove, insert } of edits) {
                    const position = at % (edited.length + 1);
                    edited = edited.slice(0, position) + insert + edited.slice(position + remove);
                }
                expectWellFormed(edited, await check(edited, catalog));
            }
        ), { numRuns: 60, seed: 20261123 });
    }, 300_000);

    it('survives hostile input', async () => {
        const inputs = [
            '', '\u0000\u0001\u0002', '{'.repeat(5000), '}'.repeat(5000), '"'.repeat(1001), 'journey'.repeat(2000),
            'journey J { stage S { touchpoint T via ' + 'W,'.repeat(3000) + ' } }',
            'journey J "' + 'é'.repeat(100_000) + '" { }',
            Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1')
        ];
        for (const input of inputs) expectWellFormed(input, await check(input));
    }, 300_000);
});
