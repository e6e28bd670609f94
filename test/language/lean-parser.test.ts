import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { AstUtils, EmptyFileSystem, isAstNode, isReference, type AstNode, type LangiumCoreServices, type ParseResult } from 'langium';
import { createServicesForGrammar } from 'langium/grammar';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { generateJourney, generateWorkspace } from '../../bench/generate-workspace.mjs';
import type { JourneyBatchParser } from '../../src/language/journey-batch-module.js';
import { refusalReason } from '../../src/language/journey-input-guard.js';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { generateLeanParserSource } from '../../src/language/lean/lean-parser-generator.js';
import { LeanParser } from '../../src/language/lean/lean-parser.js';
import { LeanNode, type LeanGrammarParser } from '../../src/language/lean/lean-runtime.js';
import { forEachReference, walkAst } from '../../src/language/ast-walk.js';
import {
    diagnosticRange, keywordSpans, lineOf, nodeSpan, propertySpans, repeatedAssignments, sourceTextOf, type Span
} from '../../src/language/source-positions.js';
import { buildWorkspace, createBatchServices } from '../../src/node/journey-workspace.js';

// The lean parser must build exactly the AST Langium's parser builds, or give up; and the
// positions read from its spans must be the ones read from Langium's CST. Each test parses the
// same text both ways and compares.

const services = createBatchServices();
const parser = services.parser.LangiumParser as JourneyBatchParser;
/** The language server's services: Langium's parser, with its CST. */
const editor = createJourneyServices(EmptyFileSystem).Journey;

/** Langium's own parse (the language server's parser). */
function langiumParse(text: string): ParseResult<AstNode> {
    return editor.parser.LangiumParser.parse(text);
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

/** The diagnostics of each file, built by the language server's services (Langium's parser, CST). */
async function editorDiagnostics(files: Array<{ path: string; text: string }>): Promise<ShownDiagnostic[][]> {
    const full = createJourneyServices(EmptyFileSystem).Journey;
    const documents = files.map(({ path, text }) => full.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/ws/${path}`)));
    for (const document of documents) full.shared.workspace.LangiumDocuments.addDocument(document);
    await full.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents.map(document => shown(document.diagnostics!));
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
/** Fixtures of constructs the examples may not use (research, segments, roles, organisations, tags; ids spelt as keywords). */
const fixtureTexts = () => [...journeyTexts('test/language/fixtures/who'), ...journeyTexts('test/language/fixtures/keyword-names')];

/** A small synthetic workspace of the benchmark's kind (cross-file references, all touchpoint details). */
function generatedTexts(options: { infoPerFile?: boolean } = {}): Array<{ name: string; text: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'lean-parser-'));
    try {
        generateWorkspace(dir, { files: 4, touchpointsPerFile: 60, seed: 7, ...options });
        return journeyTexts(dir).map(entry => ({ ...entry, name: entry.name.slice(dir.length + 1) }));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

const corpus = [
    ...exampleTexts(),
    ...fixtureTexts(),
    ...generatedTexts(),
    { name: 'generated 2,000-touchpoint journey', text: generateJourney(2000, { seed: 3, perStage: 25, detail: 1 }) },
    {
        name: 'time relative to events',
        text: 'journey J {\n  stage S {\n    order any\n    timing 6 to 12 months before E\n    deadline J-90 before E\n    touchpoint A { timing every week }\n'
            + '    touchpoint B { timing every 2 weeks deadline 3 days after A }\n    touchpoint C { timing any time during S }\n    touchpoint D { timing day 40 after E only if "x" optional outcome Ok "ok" leads to E outcome Ko leads to A outcome Nul }\n  }\n  stage E { only if "y" optional }\n}\n'
    }
];

/** Texts whose positions are worth comparing: the examples, with Windows line ends too, and facts written twice. */
const positionCorpus = [
    ...exampleTexts(),
    ...fixtureTexts(),
    ...exampleTexts().map(({ name, text }) => ({ name: `${name} (CRLF)`, text: text.replace(/\n/g, '\r\n') })),
    {
        name: 'facts written twice, with comments between words',
        text: 'team A "a" { description "x" description /* again */ "y" }\njourney J {\n  owner A\n  owner /* c */ A\n  emotion scale -2 to +2 emotion\n scale -1 to +1\n'
            + '  stage S { touchpoint T via W, W { moment of truth // c\n moment of truth emotion 1 emotion 2 } }\n'
            + '  kpi K { measures nps higher is better lower is better target >= 3 target >= 4 by 2027-01 }\n}\n'
    }
];

/** Every property name of a node, written or not. */
function propertiesOf(node: AstNode): string[] {
    return Object.keys(services.shared.AstReflection.getTypeMetaData(node.$type).properties);
}

describe('lean parser', () => {
    it('supports the journey grammar', () => {
        expect(parser.lean.unsupported).toBeUndefined();
    });

    it('is generated from the current grammar (npm run build writes src/language/generated/lean-parser.ts)', () => {
        const source = generateLeanParserSource(services, { origin: 'src/language/journey.langium', runtimeModule: '../lean/lean-runtime.js', positionsModule: '../source-positions.js', astModule: './ast.js' });
        expect(readFileSync('src/language/generated/lean-parser.ts', 'utf8')).toBe(source);
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

    it.each(positionCorpus)('gives the positions the CST gives, for every node, property and keyword: $name', ({ text }) => {
        const lean = parser.lean.parse(text)!.value;
        const full = langiumParse(text).value;
        const leanNodes = AstUtils.streamAst(lean).toArray();
        const fullNodes = AstUtils.streamAst(full).toArray();
        expect(leanNodes.length).toBe(fullNodes.length);
        // Lean nodes have no CST: these answers come from the spans.
        expect(leanNodes.every(node => node instanceof LeanNode && node.$cstNode === undefined)).toBe(true);
        const offsets = (spans: Span[]) => spans.map(({ start, end }) => [start, end]);
        let compared = 0;
        leanNodes.forEach((node, index) => {
            const other = fullNodes[index];
            expect(node.$type).toBe(other.$type);
            expect(offsets([nodeSpan(node)!])).toEqual(offsets([nodeSpan(other)!]));
            expect(lineOf(node)).toBe(lineOf(other));
            expect(sourceTextOf(node)).toBe(sourceTextOf(other));
            expect(offsets(keywordSpans(node))).toEqual(offsets(keywordSpans(other)));
            for (const property of propertiesOf(node)) {
                const spans = propertySpans(node, property);
                expect(offsets(spans), `${node.$type}.${property}`).toEqual(offsets(propertySpans(other, property)));
                spans.forEach((_, index) => expect(diagnosticRange({ node, property, index })).toEqual(diagnosticRange({ node: other, property, index })));
                compared += spans.length;
            }
            const repeatable = new Set(propertiesOf(node));
            expect(repeatedAssignments(node, repeatable).map(({ property, first, repeated }) => [property, ...offsets([first, repeated])]))
                .toEqual(repeatedAssignments(other, repeatable).map(({ property, first, repeated }) => [property, ...offsets([first, repeated])]));
        });
        expect(compared).toBeGreaterThan(10);
    });

    it('visits nodes and references in the order Langium\'s parser does when facts come in another order than the grammar\'s', () => {
        // Timing and outcomes before pain points and emotions (the grammar has them after), a target
        // before the scope, `track` before a KPI: Langium's nodes hold properties in the order the
        // text first assigns them, and the walks (linking, validation, document order) follow it.
        const text = 'team T "t"\njourney J {\n  track K\n  stage S {\n    touchpoint A {\n      timing day 4 after S\n      outcome O "o" leads to S\n'
            + '      pain "p"\n      emotion -1\n      tagged F.X\n      actors T\n    }\n    touchpoint B { pain "q" timing every week }\n  }\n'
            + '  kpi K { target >= 3 scope stage S owner T measures count(A) }\n}\n';
        const order = (root: AstNode) => {
            const seen: string[] = [];
            walkAst(root, node => {
                seen.push(node.$type);
                forEachReference(node, reference => seen.push(`→${reference.$refText}`));
            });
            return seen;
        };
        const lean = parser.lean.parse(text);
        expect(lean).toBeDefined();
        const full = langiumParse(text);
        expect(full.parserErrors).toEqual([]);
        expect(order(lean!.value)).toEqual(order(full.value));
        expect(AstUtils.streamAst(lean!.value).map(node => node.$type).toArray()).toEqual(AstUtils.streamAst(full.value).map(node => node.$type).toArray());
        // The touchpoint written in the grammar's order keeps its class's shape.
        const touchpoints = AstUtils.streamAst(lean!.value).filter(node => node.$type === 'Touchpoint').toArray();
        expect(Object.keys(touchpoints[0])).not.toEqual(Object.keys(touchpoints[1]));
    });

    it('parses facts written twice itself, keeping the last value as Langium does (the validator reports them)', () => {
        const texts = [
            'team A "a"\njourney J {\n  owner A\n  owner A\n  stage S { touchpoint T }\n}\n',
            'journey J {\n  stage S { touchpoint T { moment of truth moment of truth emotion 1 emotion -1 } }\n}\n',
            'kpi K { target >= 3 target >= 4 measures nps measures csat }\n'
        ];
        for (const text of texts) {
            const lean = parser.lean.parse(text);
            expect(lean, text).toBeDefined();
            expect(plain(lean!.value)).toEqual(plain(langiumParse(text).value));
        }
    });

    it('gives up on text with syntax errors, so Langium reports them', () => {
        expect(parser.lean.parse('journey J {')).toBeUndefined();
        expect(parser.lean.parse('journey J { stage S { touchpoint T via } }')).toBeUndefined();
        expect(parser.lean.parse('journey J { é }')).toBeUndefined();
    });

    it('is used by batch commands, and gives the language server\'s diagnostics without a CST', async () => {
        // Errors in properties the text writes in another order than the grammar's (`track` before `kpi`).
        const files = ['catalog.journey', 'order-to-delivery-current.journey'].map(name => ({ path: name, text: readFileSync(join('examples/ecommerce', name), 'utf8') }));
        files[1].text = files[1].text.replace(/via (\w+)/, 'via Inconnu').replace(/track (\w+)/, 'track Inconnu').replace(/measures share\((\w+)/, 'measures share(Inconnu');
        expect(files[1].text.indexOf('track Inconnu')).toBeLessThan(files[1].text.lastIndexOf('measures share(Inconnu'));
        const workspace = await buildWorkspace(files, '/ws');
        // Parsed once, by the lean parser: its nodes, and no CST built for the diagnostics.
        expect(workspace.documents.every(document => AstUtils.streamAst(document.parseResult.value).every(node => node instanceof LeanNode && !node.$cstNode))).toBe(true);
        const leanDiagnostics = shown(workspace.documents[1].diagnostics!);
        expect(leanDiagnostics).toEqual((await editorDiagnostics(files))[1]);
        expect(leanDiagnostics.filter(d => d.message.includes("'Inconnu'"))).toHaveLength(3);
    });

    it('checks a workspace with a diagnostic in every file, reading each file once, as the language server does', async () => {
        const files = generatedTexts({ infoPerFile: true }).map(({ name, text }) => ({ path: name, text }));
        const workspace = await buildWorkspace(files, '/ws');
        expect(workspace.documents.every(document => document.parseResult.value instanceof LeanNode && !document.parseResult.value.$cstNode)).toBe(true);
        const journeys = workspace.documents.filter(document => document.uri.path.includes('/journeys/'));
        expect(journeys.length).toBe(4);
        for (const document of journeys) expect(document.diagnostics!.map(d => d.code)).toEqual(['missing-channel']);
        expect(workspace.documents.map(document => shown(document.diagnostics!))).toEqual(await editorDiagnostics(files));
    });

    it('gives journey check the language server\'s diagnostics on randomly edited examples', async () => {
        const folder = 'examples/mutuelle-sante';
        const files = readdirSync(folder).filter(name => name.endsWith('.journey')).map(name => ({ path: name, text: readFileSync(join(folder, name), 'utf8') }));
        // Facts each valid where they go (a touchpoint's or a KPI's block), right or wrong in meaning, some written twice.
        const blocks = [
            { opening: /touchpoint \w+[^{\n]*\{/g, facts: [' moment of truth ', ' emotion 1 ', ' emotion -3 ', ' pain "p" severity high ', ' actors Inconnu ', ' opportunity "o" ', ' description "d" ', ' actors Assure, Assure '] },
            { opening: /kpi \w+[^{\n]*\{/g, facts: [' owner Inconnu ', ' target >= 120% ', ' unit % ', ' mode hot ', ' description "d" ', ' data Inconnu ', ' higher is better ', ' measures nps '] }
        ];
        let lean = 0;
        let withDiagnostics = 0;
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
                if (document.parseResult.value instanceof LeanNode) lean++;
                if (document.diagnostics!.length) withDiagnostics++;
                expect(shown(document.diagnostics!)).toEqual((await editorDiagnostics(edited))[fileIndex]);
            }
        ), { numRuns: 60, seed: 20261124 });
        // Every edited file parses, so each went through the fast path, many with diagnostics.
        expect(lean).toBe(60);
        expect(withDiagnostics).toBeGreaterThan(25);
    });

    it('checks and models the examples without building a single CST', async () => {
        const files = exampleTexts().map(({ name, text }) => ({ path: name, text }));
        const workspace = await buildWorkspace(files, process.cwd());
        expect(workspace.diagnostics).toEqual([]);
        expect(workspace.model.journeys.length).toBeGreaterThanOrEqual(6);
        expect(workspace.documents.every(document => document.parseResult.value instanceof LeanNode)).toBe(true);
        // Lines in the model come from the lean nodes' spans, equal to the CST's.
        const lines = workspace.model.journeys.map(journey => journey.line);
        const fromCst = files.flatMap(({ text }) => (langiumParse(text).value as unknown as { elements: AstNode[] }).elements
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
    const generatedDir = resolve('.cache/test-lean-parsers');

    /** The lean parser generated for a grammar (compiled as the build compiles the journey's), and Langium's parser of it. */
    async function parsersOf(name: string, grammar: string) {
        const other = await createServicesForGrammar({ grammar });
        mkdirSync(generatedDir, { recursive: true });
        const file = join(generatedDir, `${name}.ts`);
        writeFileSync(file, generateLeanParserSource(other, { origin: `a grammar of ${name}`, runtimeModule: '../../src/language/lean/lean-runtime.js', positionsModule: '../../src/language/source-positions.js' }));
        const module = await import(/* @vite-ignore */ file) as { leanParser?: LeanGrammarParser; unsupported?: string };
        const full = (text: string) => other.parser.LangiumParser.parse(text);
        return { lean: new LeanParser(other as LangiumCoreServices, module.leanParser, module.unsupported), full, other };
    }

    it('follows rule calls, fragments, data type rules, flags, lists and references as Langium does, with the same positions', async () => {
        const { lean, full } = await parsersOf('mini', `
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
        const text = 'thing A "a" { size 3 done ref B, C . D } tag x.y thing B thing C { size 1 size 2 done done }';
        const parsed = lean.parse(text);
        expect(parsed).toBeDefined();
        expect(full(text).parserErrors).toEqual([]);
        expect(plain(parsed!.value)).toEqual(plain(full(text).value));
        expect((parsed!.value as unknown as { items: Array<{ size?: number }> }).items[0].size).toBe(3);
        const leanNodes = AstUtils.streamAst(parsed!.value).toArray();
        const fullNodes = AstUtils.streamAst(full(text).value).toArray();
        const offsets = (spans: Span[]) => spans.map(({ start, end }) => [start, end]);
        leanNodes.forEach((node, index) => {
            for (const property of ['name', 'label', 'size', 'done', 'refs', 'items']) {
                expect(offsets(propertySpans(node, property))).toEqual(offsets(propertySpans(fullNodes[index], property)));
            }
            expect(offsets(keywordSpans(node))).toEqual(offsets(keywordSpans(fullNodes[index])));
        });
        expect(lean.parse('thing A { size }')).toBeUndefined();
    });

    it('refuses a grammar where one token does not decide, and leaves every text to Langium', async () => {
        const { lean } = await parsersOf('ambiguous', `
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

    it('refuses a generated parser made for other tokens than the grammar\'s', async () => {
        const { other } = await parsersOf('tokens', `
            grammar Tokens
            entry Model: (names+=ID)*;
            hidden terminal WS: /\\s+/;
            terminal ID: /[_a-zA-Z][\\w_]*/;
        `);
        const journeyModule = await import('../../src/language/generated/lean-parser.js');
        expect(() => new LeanParser(other as LangiumCoreServices, journeyModule.leanParser)).toThrow(/npm run build/);
    });
});
