import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { AstUtils, EmptyFileSystem, GrammarUtils, isAstNode, isReference, type AstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { generateJourney, generateWorkspace } from '../../bench/generate-workspace.mjs';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { refusalReason } from '../../src/language/journey-input-guard.js';
import type { JourneyParser } from '../../src/language/journey-parser.js';
import { createServicesForGrammar } from 'langium/grammar';
import { isLean, LeanParser, lineOf, sourceTextOf } from '../../src/language/lean-parser.js';

// The lean parser must build exactly the AST Langium's parser builds, or give up. Each test
// parses the same text both ways and compares.

const services = createJourneyServices(EmptyFileSystem).Journey;
const parser = services.parser.LangiumParser as JourneyParser;

/** Langium's own parse (no fast path). */
function langiumParse(text: string): ParseResult<AstNode> {
    parser.leanParsing = false;
    return parser.parse(text);
}

/** The AST as plain data: types, properties, reference texts and container links; no CST. */
function plain(value: unknown): unknown {
    if (isReference(value)) return { $refText: value.$refText };
    if (Array.isArray(value)) return value.map(plain);
    if (!isAstNode(value)) return value;
    const result: Record<string, unknown> = { $type: value.$type, $containerProperty: value.$containerProperty, $containerIndex: value.$containerIndex };
    const record = value as unknown as Record<string, unknown>;
    // Lean nodes hold every property of their type; Langium's nodes lack the ones the text leaves out.
    const keys = Object.keys(value).filter(key => !key.startsWith('$') && record[key] !== undefined);
    for (const key of keys) result[key] = plain(record[key]);
    // Which properties hold nodes or references. Not their order: a lean node's properties are in
    // its type's order, Langium's in the order the text first writes them (`track` before `kpi`).
    // That order only decides which property's children the walks visit first.
    result.$keys = keys.filter(key => holdsNodes(record[key])).sort();
    return result;
}

function holdsNodes(value: unknown): boolean {
    return Array.isArray(value) ? value.some(holdsNodes) : isAstNode(value) || isReference(value);
}

type ShownDiagnostic = { range: { start: { line: number; character: number } }; message: string; code?: unknown };

/** Diagnostics as the CLI and the editor show them: by position. */
function shown(diagnostics: ShownDiagnostic[]): ShownDiagnostic[] {
    return diagnostics.map(d => ({ range: d.range, message: d.message, code: d.code }))
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.message.localeCompare(b.message));
}

function journeyTexts(root: string): Array<{ name: string; text: string }> {
    const texts: Array<{ name: string; text: string }> = [];
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder)) {
            const full = join(folder, entry);
            if (statSync(full).isDirectory()) walk(full);
            else if (entry.endsWith('.journey')) texts.push({ name: full, text: readFileSync(full, 'utf8') });
        }
    };
    walk(root);
    return texts;
}

const exampleTexts = () => journeyTexts('examples');

/** A small synthetic workspace of the benchmark's kind (cross-file references, all touchpoint details). */
function generatedTexts(): Array<{ name: string; text: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'lean-parser-'));
    try {
        generateWorkspace(dir, { files: 4, touchpointsPerFile: 60, seed: 7 });
        return journeyTexts(dir).map(entry => ({ ...entry, name: entry.name.slice(dir.length + 1) }));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

const corpus = [
    ...exampleTexts(),
    ...generatedTexts(),
    { name: 'generated 2,000-touchpoint journey', text: generateJourney(2000, { seed: 3, perStage: 25, detail: 1 }) }
];

describe('lean parser', () => {
    it('supports the journey grammar', () => {
        expect(parser.lean.unsupported).toBeUndefined();
    });

    it.each(corpus)('builds the AST Langium builds for $name', ({ text }) => {
        const lean = parser.lean.parse(text);
        expect(lean, 'the fast path gave up on valid text').toBeDefined();
        const full = langiumParse(text);
        expect(full.parserErrors).toEqual([]);
        expect(plain(lean!.value)).toEqual(plain(full.value));
    });

    it('exercises every type of the grammar in the corpus', () => {
        const seen = new Set<string>();
        for (const { text } of corpus) for (const node of AstUtils.streamAst(parser.lean.parse(text)!.value)) seen.add(node.$type);
        const concrete = services.shared.AstReflection.getAllTypes().filter(type => services.Grammar.rules.some(rule => rule.name === type && 'definition' in rule) && !['Element', 'Measure'].includes(type));
        expect(concrete.filter(type => !seen.has(type))).toEqual([]);
    });

    it('gives lines and source text without a CST, equal to the CST ones', () => {
        const { text } = corpus[0];
        const lean = parser.lean.parse(text)!.value;
        const full = langiumParse(text).value;
        const leanNodes = AstUtils.streamAst(lean).toArray();
        const fullNodes = AstUtils.streamAst(full).toArray();
        expect(leanNodes.length).toBe(fullNodes.length);
        leanNodes.forEach((node, index) => {
            expect(lineOf(node)).toBe(fullNodes[index].$cstNode!.range.start.line + 1);
            expect(sourceTextOf(node)).toBe(fullNodes[index].$cstNode!.text);
        });
        expect(leanNodes.every(isLean)).toBe(true);
    });

    it('builds the CST on first use, as Langium would have', () => {
        const { text } = corpus.find(entry => entry.name.includes('sante') || entry.name.includes('health')) ?? corpus[0];
        const lean = parser.lean.parse(text)!.value;
        const full = langiumParse(text).value;
        const leanNodes = AstUtils.streamAst(lean).toArray();
        const fullNodes = AstUtils.streamAst(full).toArray();
        // Reading the CST of one deep node builds the whole file's.
        const deep = leanNodes[leanNodes.length - 1];
        expect(deep.$cstNode!.text).toBe(fullNodes[fullNodes.length - 1].$cstNode!.text);
        expect(leanNodes.some(isLean)).toBe(false);
        leanNodes.forEach((node, index) => {
            const cst = node.$cstNode!;
            expect(cst.range).toEqual(fullNodes[index].$cstNode!.range);
            expect(cst.astNode).toBe(node);
            // Every reference gets its token(s): `Journey.Touchpoint` may be written with spaces around the dot.
            for (const { reference } of AstUtils.streamReferences(node)) {
                expect(reference.$refNode?.text.replace(/\s+/g, '')).toBe(reference.$refText);
            }
        });
        // Langium's CST utilities work on the grafted tree: each name is found where it is written.
        let named = 0;
        for (const node of leanNodes) {
            const name = (node as { name?: unknown }).name;
            if (typeof name !== 'string') continue;
            expect(GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.text).toBe(name);
            named++;
        }
        expect(named).toBeGreaterThan(10);
    });

    it('leaves repeated properties to Langium, which keeps the CST the duplicate check reads', () => {
        const text = 'team A "a"\njourney J {\n  owner A\n  owner A\n  stage S { touchpoint T }\n}\n';
        expect(parser.lean.parse(text)).toBeUndefined();
        expect(parser.lean.parse(text.replace('  owner A\n  owner A', '  owner A'))).toBeDefined();
        const marker = 'journey J {\n  stage S { touchpoint T { moment of truth moment of truth } }\n}\n';
        expect(parser.lean.parse(marker)).toBeUndefined();
        expect(parser.lean.parse(marker.replace('moment of truth moment of truth', 'moment of truth'))).toBeDefined();
    });

    it('gives up on text with syntax errors, so Langium reports them', () => {
        expect(parser.lean.parse('journey J {')).toBeUndefined();
        expect(parser.lean.parse('journey J { stage S { touchpoint T via } }')).toBeUndefined();
        expect(parser.lean.parse('journey J { é }')).toBeUndefined();
    });

    it('is used by batch commands and builds the same diagnostics', async () => {
        const { buildWorkspace } = await import('../../src/node/journey-workspace.js');
        // Errors in properties the text writes in another order than the grammar's (`track` before `kpi`).
        const files = ['catalog.journey', 'order-to-delivery-current.journey'].map(name => ({ path: name, text: readFileSync(join('examples/ecommerce', name), 'utf8') }));
        files[1].text = files[1].text.replace(/via (\w+)/, 'via Inconnu').replace(/track (\w+)/, 'track Inconnu').replace(/measures share\((\w+)/, 'measures share(Inconnu');
        expect(files[1].text.indexOf('track Inconnu')).toBeLessThan(files[1].text.lastIndexOf('measures share(Inconnu'));
        const workspace = await buildWorkspace(files, '/ws');
        expect((workspace.services.parser.LangiumParser as JourneyParser).leanParsing).toBe(true);
        // Parsed lean (a lean node's prototype is not Object's; Langium's nodes are plain objects),
        // then given its CST by the diagnostics.
        const root = workspace.documents[1].parseResult.value;
        expect(Object.getPrototypeOf(root)).not.toBe(Object.prototype);
        expect(isLean(root)).toBe(false);
        const full = createJourneyServices(EmptyFileSystem).Journey;
        const documents = files.map(({ path, text }) => full.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/ws/${path}`)));
        for (const document of documents) full.shared.workspace.LangiumDocuments.addDocument(document);
        await full.shared.workspace.DocumentBuilder.build(documents, { validation: true });
        const leanDiagnostics = shown(workspace.documents[1].diagnostics!);
        expect(leanDiagnostics).toEqual(shown(documents[1].diagnostics!));
        expect(leanDiagnostics.filter(d => d.message.includes("'Inconnu'"))).toHaveLength(3);
    });

    it('gives journey check the language server\'s diagnostics on randomly edited examples', async () => {
        const { buildWorkspace } = await import('../../src/node/journey-workspace.js');
        const folder = 'examples/mutuelle-sante';
        const files = readdirSync(folder).filter(name => name.endsWith('.journey')).map(name => ({ path: name, text: readFileSync(join(folder, name), 'utf8') }));
        // Facts each valid where they go (a touchpoint's or a KPI's block), right or wrong in meaning.
        const blocks = [
            { opening: /touchpoint \w+[^{\n]*\{/g, facts: [' moment of truth ', ' emotion 1 ', ' emotion -3 ', ' pain "p" severity high ', ' actors Inconnu ', ' opportunity "o" ', ' description "d" '] },
            { opening: /kpi \w+[^{\n]*\{/g, facts: [' owner Inconnu ', ' target >= 120% ', ' unit % ', ' mode hot ', ' description "d" ', ' data Inconnu '] }
        ];
        let lean = 0;
        await fc.assert(fc.asyncProperty(
            fc.nat({ max: files.length - 1 }),
            fc.array(fc.record({ kind: fc.nat({ max: blocks.length - 1 }), block: fc.nat(), fact: fc.nat() }), { minLength: 1, maxLength: 3 }),
            async (fileIndex, edits) => {
                const edited = files.map(file => ({ ...file }));
                for (const { kind, block, fact } of edits) {
                    const { opening, facts } = blocks[kind];
                    const ends = [...edited[fileIndex].text.matchAll(opening)].map(match => match.index! + match[0].length);
                    if (!ends.length) continue;
                    const at = ends[block % ends.length];
                    edited[fileIndex].text = edited[fileIndex].text.slice(0, at) + facts[fact % facts.length] + edited[fileIndex].text.slice(at);
                }
                const workspace = await buildWorkspace(edited, '/ws');
                const document = workspace.documents.find(d => d.uri.path.endsWith(edited[fileIndex].path))!;
                // Lean nodes are class instances, Langium's plain objects.
                if (Object.getPrototypeOf(document.parseResult.value) !== Object.prototype) lean++;
                const full = createJourneyServices(EmptyFileSystem).Journey;
                const documents = edited.map(({ path, text }) => full.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/ws/${path}`)));
                for (const each of documents) full.shared.workspace.LangiumDocuments.addDocument(each);
                await full.shared.workspace.DocumentBuilder.build(documents, { validation: true });
                expect(shown(document.diagnostics!)).toEqual(shown(documents[fileIndex].diagnostics!));
            }
        ), { numRuns: 60, seed: 20261124 });
        // The edited file was parsed lean in most runs, so the comparison covered the fast path.
        expect(lean).toBeGreaterThan(30);
    });

    it('checks and models the examples without building a single CST', async () => {
        const { buildWorkspace } = await import('../../src/node/journey-workspace.js');
        const files = exampleTexts().map(({ name, text }) => ({ path: name, text }));
        const workspace = await buildWorkspace(files, process.cwd());
        expect(workspace.diagnostics).toEqual([]);
        expect(workspace.model.journeys.length).toBeGreaterThanOrEqual(6);
        // Lines in the model come from the lean nodes' spans, equal to the CST's.
        const lines = workspace.model.journeys.map(journey => journey.line);
        expect(workspace.documents.every(document => isLean(document.parseResult.value))).toBe(true);
        const fromCst = workspace.documents.flatMap(document => (document.parseResult.value as unknown as { elements: AstNode[] }).elements
            .filter(element => element.$type === 'Journey').map(element => element.$cstNode!.range.start.line + 1));
        expect(lines).toEqual(fromCst);
    });

    it('agrees with Langium on randomly edited examples: same AST, or gives up', () => {
        const pieces = ['{', '}', '"x"', '"', '@', '😀', '(', ')', ',', '.', 'stage S9', 'touchpoint T9', 'kpi K9', 'via Web', 'target >= 5%', '>=', '≥', '%',
            'J+1', '-', '+3', '120', '\n', ' ', '/* c */', '// c\n', 'é', 'measures', 'share(', 'within', 'of', 'owner', 'moment of truth', 'emotion 1'];
        let agreed = 0;
        let gaveUp = 0;
        fc.assert(fc.property(
            fc.constantFrom(...exampleTexts().map(entry => entry.text)),
            fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 4 }),
            (text, edits) => {
                let edited = text;
                for (const { at, remove, insert } of edits) {
                    const position = at % (edited.length + 1);
                    edited = edited.slice(0, position) + insert + edited.slice(position + remove);
                }
                const lean = parser.lean.parse(edited);
                if (!lean) {
                    gaveUp++;
                    return;
                }
                const full = langiumParse(edited);
                expect(full.lexerErrors.concat(full.parserErrors as never[])).toEqual([]);
                expect(plain(lean.value)).toEqual(plain(full.value));
                // The guard skips its foreign-character scan for text the lean parser reads: it would find nothing.
                expect(refusalReason(edited)).toBeUndefined();
                agreed++;
            }
        ), { numRuns: 400, seed: 20261123 });
        // Both outcomes happened, so the comparison above ran.
        expect(agreed).toBeGreaterThan(20);
        expect(gaveUp).toBeGreaterThan(20);
    });
});

describe('lean parser on other grammars', () => {
    /** The lean parser of a grammar, and Langium's parser of the same grammar. */
    async function parsersOf(grammar: string) {
        const other = await createServicesForGrammar({ grammar });
        const full = (text: string) => other.parser.LangiumParser.parse(text);
        return { lean: new LeanParser(other, full), full };
    }

    it('follows rule calls, fragments, data type rules, flags, lists and references as Langium does', async () => {
        const { lean, full } = await parsersOf(`
            grammar Mini
            entry Model: (items+=Item)*;
            Item: Thing | Tag;
            Thing: 'thing' name=ID (label=STRING)? ('{' (Flagged | 'size' size=INT | 'ref' refs+=[Thing:QName] (',' refs+=[Thing:QName])*)* '}')?;
            fragment Flagged: done?='done';
            Tag: 'tag' name=QName;
            QName returns string: ID ('.' ID)*;
            hidden terminal WS: /\\s+/;
            terminal ID: /[_a-zA-Z][\\w_]*/;
            terminal INT returns number: /[0-9]+/;
            terminal STRING: /"[^"]*"/;
        `);
        expect(lean.unsupported).toBeUndefined();
        const text = 'thing A "a" { size 3 done ref B, C.D } tag x.y thing B thing C { }';
        const parsed = lean.parse(text);
        expect(parsed).toBeDefined();
        expect(full(text).parserErrors).toEqual([]);
        expect(plain(parsed!.value)).toEqual(plain(full(text).value));
        expect((parsed!.value as unknown as { items: Array<{ size?: number }> }).items[0].size).toBe(3);
        // A single-valued property or a flag written twice is left to Langium's parser.
        expect(lean.parse('thing A { size 1 size 2 }')).toBeUndefined();
        expect(lean.parse('thing A { done done }')).toBeUndefined();
    });

    it('refuses a grammar where one token does not decide, and leaves every text to Langium', async () => {
        const { lean } = await parsersOf(`
            grammar Ambiguous
            entry Model: (items+=(Named | Valued))*;
            Named: 'x' name=ID;
            Valued: 'x' value=INT;
            hidden terminal WS: /\\s+/;
            terminal ID: /[_a-zA-Z][\\w_]*/;
            terminal INT returns number: /[0-9]+/;
        `);
        expect(lean.unsupported).toMatch(/alternatives that start with the same token/);
        expect(lean.parse('x a')).toBeUndefined();
    });

    it('compiles a grammar once: every set of services builds nodes of the same classes', () => {
        const text = exampleTexts()[0].text;
        const first = parser.lean.parse(text)!.value;
        const second = (createJourneyServices(EmptyFileSystem).Journey.parser.LangiumParser as JourneyParser).lean.parse(text)!.value;
        const firstNodes = AstUtils.streamAst(first).toArray();
        const secondNodes = AstUtils.streamAst(second).toArray();
        expect(secondNodes.length).toBe(firstNodes.length);
        secondNodes.forEach((node, index) => expect(Object.getPrototypeOf(node)).toBe(Object.getPrototypeOf(firstNodes[index])));
        expect(new Set(firstNodes.map(node => Object.getPrototypeOf(node))).size).toBeGreaterThan(2);
    });
});
