import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AstUtils, EmptyFileSystem, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateJourney } from '../../bench/generate-workspace.mjs';
import { forEachReference, walkAst } from '../../src/language/ast-walk.js';
import { nodeLayouts } from '../../src/language/grammar-properties.js';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { createBatchServices } from '../../src/node/journey-workspace.js';

// The walks read only the properties the grammar says hold nodes and references: they must find
// every node and reference Langium's streams find (which read every property), on ASTs of both parsers.

const lean = createBatchServices();
const editor = createJourneyServices(EmptyFileSystem).Journey;

function journeyFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const file = join(dir, name);
        return statSync(file).isDirectory() ? journeyFiles(file) : name.endsWith('.journey') ? [file] : [];
    });
}

const texts = [
    ...journeyFiles(resolve(__dirname, '../../examples')).map(file => readFileSync(file, 'utf8')),
    generateJourney(300, { seed: 7, perStage: 12, detail: 1 })
];

/** A node's place: its type and where it sits under its container. */
function place(node: AstNode): string {
    return `${node.$type} ${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}] of ${node.$container?.$type ?? 'root'}`;
}

describe('AST walks read the grammar\'s layout', () => {
    it('the layout names where a touchpoint holds nodes and references', () => {
        const touchpoint = nodeLayouts(editor.Grammar).get('Touchpoint')!;
        expect([...touchpoint.children].sort()).toEqual(['deadline', 'emotions', 'lanes', 'misplacedScale', 'outcomes', 'painPoints', 'timing']);
        expect([...touchpoint.references].sort()).toEqual(['actors', 'channels', 'owner', 'segments', 'tags']);
    });

    for (const [name, parse] of [
        ['the lean parser', (text: string) => lean.parser.LangiumParser.parse(text)],
        ['Langium\'s parser', (text: string) => editor.parser.LangiumParser.parse(text)]
    ] as const) {
        it(`finds every node and reference Langium's streams find (${name})`, () => {
            let nodes = 0;
            for (const text of texts) {
                const result = parse(text);
                expect(result.parserErrors).toEqual([]);
                const root = result.value;
                const walked: AstNode[] = [];
                const references: string[] = [];
                walkAst(root, node => {
                    walked.push(node);
                    forEachReference(node, (reference, container, property, index) => references.push(`${place(container)} ${property}[${index ?? ''}] ${reference.$refText}`));
                });
                const streamed = AstUtils.streamAst(root).toArray();
                expect(walked.length).toBe(streamed.length);
                expect(new Set(walked)).toEqual(new Set(streamed));
                const streamedReferences = streamed.flatMap(node => AstUtils.streamReferences(node).toArray()
                    .map(({ reference, container, property, index }) => `${place(container)} ${property}[${index ?? ''}] ${reference.$refText}`));
                expect(references.sort()).toEqual(streamedReferences.sort());
                nodes += walked.length;
            }
            expect(nodes).toBeGreaterThan(1500);
        });
    }

    it('a walk skips the children of a node when told to', () => {
        const root = lean.parser.LangiumParser.parse(texts[texts.length - 1]).value;
        const types = new Set<string>();
        walkAst(root, node => {
            types.add(node.$type);
            return node.$type !== 'Stage';
        });
        expect(types.has('Stage')).toBe(true);
        expect(types.has('Touchpoint')).toBe(false);
    });
});
