// Files valid before the second edition stay valid and mean the same (issue 16): its new words
// (`goal`, `in`, `for`, `timing`…) may still be ids, declared and referred to, in both parsers.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CstUtils, EmptyFileSystem, GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { JourneyLanguageGrammar } from '../../src/language/generated/grammar.js';
import {
    FIRST_EDITION_WORDS, isNameKeyword, nameKeywords, RESERVED_WORDS, reservedWords, wordKeywords
} from '../../src/language/grammar-keywords.js';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { LeanNode } from '../../src/language/lean/lean-runtime.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { diffModels } from '../../src/diff/diff-engine.js';
import { formatDiff } from '../../src/diff/diff-format.js';

const grammar = JourneyLanguageGrammar();
const FIXTURE = resolve('test/language/fixtures/keyword-names');
const fixtureFiles = () => readdirSync(FIXTURE).filter(name => name.endsWith('.journey'))
    .map(path => ({ path, text: readFileSync(join(FIXTURE, path), 'utf8') }));

/** The same file with every name spelt as a keyword capitalised (`in` → `In`): ordinary ids, same length. */
function withOrdinaryIds(text: string): string {
    const editor = createJourneyServices(EmptyFileSystem).Journey;
    const root = editor.parser.LangiumParser.parse(text).value.$cstNode!;
    let result = text;
    for (const leaf of CstUtils.flattenCst(root)) {
        if (GrammarAST.isKeyword(leaf.grammarSource) && isNameKeyword(leaf.grammarSource)) {
            result = result.slice(0, leaf.offset) + capitalised(leaf.text) + result.slice(leaf.end);
        }
    }
    return result;
}

const capitalised = (word: string) => word[0].toUpperCase() + word.slice(1);

describe('words of the language as ids', () => {
    it('accepts as a name every lower-case keyword that is not reserved with a reason', () => {
        const names = nameKeywords(grammar);
        const undecided = [...wordKeywords(grammar)].filter(word => !names.has(word) && !RESERVED_WORDS.has(word));
        expect(undecided, 'keywords neither accepted by the name rule of journey.langium nor reserved in grammar-keywords.ts').toEqual([]);
        expect([...names].filter(word => RESERVED_WORDS.has(word)), 'both a name and reserved').toEqual([]);
        // The name rule accepts ids and keywords only: nothing else to read a name from.
        expect([...names].every(word => /^[a-z][a-z0-9]*$/.test(word))).toBe(true);
        expect([...reservedWords(grammar)].sort()).toEqual([...wordKeywords(grammar)].filter(word => !names.has(word)).sort());
    });

    it('lists in the README the words accepted as ids, as the grammar has them', () => {
        const readme = readFileSync('README.md', 'utf8');
        const listed = readme.match(/<!-- names:[^>]*-->([\s\S]*?)<!-- \/names -->/)?.[1];
        expect(listed).toBeDefined();
        expect([...listed!.matchAll(/`([^`]+)`/g)].map(match => match[1]).sort()).toEqual([...nameKeywords(grammar)].sort());
    });

    it('keeps every word added since the first edition usable as an id', () => {
        const added = [...wordKeywords(grammar)].filter(word => !FIRST_EDITION_WORDS.has(word));
        expect(added.length).toBeGreaterThan(30);
        expect(added.filter(word => !nameKeywords(grammar).has(word))).toEqual([]);
    });

    it('has a fixture that uses every such word as an id, declared and referred to', () => {
        const editor = createJourneyServices(EmptyFileSystem).Journey;
        const used = new Set<string>();
        for (const { text } of fixtureFiles()) {
            for (const leaf of CstUtils.flattenCst(editor.parser.LangiumParser.parse(text).value.$cstNode!)) {
                if (GrammarAST.isKeyword(leaf.grammarSource) && isNameKeyword(leaf.grammarSource)) used.add(leaf.text);
            }
        }
        expect([...nameKeywords(grammar)].filter(word => !used.has(word))).toEqual([]);
    });

    it('checks the fixture clean, with the lean parser, and builds the model ordinary ids give', async () => {
        const files = fixtureFiles();
        const workspace = await buildWorkspace(files, FIXTURE);
        expect(workspace.diagnostics).toEqual([]);
        // The commands' fast path read every file (it gives up on anything it cannot parse).
        expect(workspace.documents.every(document => document.parseResult.value instanceof LeanNode)).toBe(true);
        const ordinary = await buildWorkspace(files.map(({ path, text }) => ({ path, text: withOrdinaryIds(text) })), FIXTURE);
        expect(ordinary.diagnostics).toEqual([]);
        const words = [...nameKeywords(grammar)].map(capitalised).join('|');
        const back = JSON.stringify(ordinary.model).replace(new RegExp(`\\b(${words})\\b`, 'g'), word => word.toLowerCase());
        expect(JSON.parse(back)).toEqual(JSON.parse(JSON.stringify(workspace.model)));
        // Not the same text: the comparison saw the capitalised ids.
        expect(JSON.stringify(ordinary.model)).not.toEqual(JSON.stringify(workspace.model));
    });

    it('links each reference spelt as a keyword to its declaration', async () => {
        const workspace = await buildWorkspace(fixtureFiles(), FIXTURE);
        const journey = workspace.model.journeys.find(j => j.id === 'timing');
        expect(journey).toBeDefined();
        const outcome = journey!.stages.flatMap(stage => stage.touchpoints).find(tp => tp.id === 'outcome');
        expect(outcome?.channels).toEqual(['in', 'link']);
    });

    it('tells what changed in CX words when such an id changes (the diff)', async () => {
        const base = await buildWorkspace(fixtureFiles(), FIXTURE);
        const head = await buildWorkspace(fixtureFiles().map(({ path, text }) => ({
            path, text: text.replace('via in, link by research', 'via link by research').replace('timing day 4 after if', 'timing day 4 after before')
        })), FIXTURE);
        expect(head.diagnostics).toEqual([]);
        const text = formatDiff(diffModels(base.model, head.model), 'text', 'en');
        // The channel `in` by its title; the stage counted from, `before` ("Livraison") instead of `if` ("Demande").
        expect(text).toMatch(/channels of touchpoint "Simulation": removed En agence/);
        expect(text).toContain('timing of stage "Signature": now day 4 after "Livraison" (was day 4 after "Demande")');
    });

    it('journey check (the command) finds no problem in the fixture, and journey fmt keeps it', () => {
        const check = execFileSync(process.execPath, ['bin/journey.js', 'check', FIXTURE, '--lang', 'en'], { encoding: 'utf8' });
        expect(check).toContain('2 files checked: 0 errors, 0 warnings.');
        execFileSync(process.execPath, ['bin/journey.js', 'fmt', '--check', FIXTURE, '--lang', 'en'], { encoding: 'utf8' });
    });
});

