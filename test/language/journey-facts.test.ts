import { AstUtils, GrammarAST, GrammarUtils, type Grammar } from 'langium';
import { describe, expect, it } from 'vitest';
import { JourneyLanguageGrammar } from '../../src/language/generated/grammar.js';
import { grammarKeywords, isNameKeyword, keywordFact, lineStartElements } from '../../src/language/grammar-keywords.js';
import { catalogue } from '../../src/language/i18n/i18n.js';
import { FACTS, KEYWORD_HINTS, SYMBOL_KEYWORDS, factOfProperty, type FactElement } from '../../src/language/model/journey-facts.js';

const grammar: Grammar = JourneyLanguageGrammar();
const RULES: Record<FactElement, string> = {
    journey: 'Journey', stage: 'Stage', touchpoint: 'Touchpoint', kpi: 'Kpi', channel: 'Channel', persona: 'Persona', team: 'Team', source: 'Source'
};
/** Properties that hold elements of their own, or the id, or a line read only to say it is misplaced: not facts. */
const NOT_FACTS = new Set(['name', 'stages', 'touchpoints', 'kpis', 'misplacedScale', 'misplacedEmotion']);

function rule(name: string): GrammarAST.ParserRule {
    const found = grammar.rules.find(r => r.name === name);
    if (!GrammarAST.isParserRule(found)) throw new Error(`no rule ${name}`);
    return found;
}

/** The rule's elements, with those of the fragments it calls. */
function elementsOf(parserRule: GrammarAST.ParserRule): GrammarAST.AbstractElement[] {
    const elements = AstUtils.streamAst(parserRule.definition).filter(GrammarAST.isAbstractElement).toArray();
    for (const call of elements.filter(GrammarAST.isRuleCall)) {
        const called = call.rule.ref;
        if (GrammarAST.isParserRule(called) && called.fragment) elements.push(...elementsOf(called));
    }
    return elements;
}

describe('the facts table', () => {
    for (const [element, ruleName] of Object.entries(RULES) as [FactElement, string][]) {
        const elements = elementsOf(rule(ruleName));
        const assigned = new Set(elements.filter(GrammarAST.isAssignment).map(a => a.feature));

        it(`declares every fact the grammar lets a ${element} state, and only those`, () => {
            const declared = new Set(FACTS[element].map(fact => fact.property));
            expect([...assigned].filter(p => !NOT_FACTS.has(p) && !declared.has(p)), 'properties missing from the table').toEqual([]);
            expect([...declared].filter(p => !assigned.has(p)), 'facts the grammar does not assign').toEqual([]);
        });

        it(`writes each ${element} fact with the keyword the grammar puts before it`, () => {
            for (const fact of FACTS[element]) {
                if (fact.keyword === '' || fact.field.includes('.') || fact.shape === 'own') continue;
                const first = fact.keyword.split(' ')[0];
                const keyword = elements.filter(GrammarAST.isKeyword).find(k => k.value === first && keywordFact(k)?.property === fact.property);
                expect(keyword, `${element}.${fact.field}: '${fact.keyword}'`).toBeDefined();
                // The whole phrase, in order (`moment of truth`).
                const group = GrammarAST.isAssignment(keyword!.$container) ? keyword!.$container.$container : keyword!.$container;
                if (GrammarAST.isGroup(group) && fact.keyword.includes(' ')) {
                    const word = (e: GrammarAST.AbstractElement) => GrammarAST.isKeyword(e) ? e.value : GrammarAST.isAssignment(e) && GrammarAST.isKeyword(e.terminal) ? e.terminal.value : '';
                    const words = group.elements.map(word).filter(Boolean).join(' ');
                    expect(words, `${element}.${fact.field}`).toContain(fact.keyword);
                }
            }
        });
    }

    it('names every fact in both catalogues', () => {
        for (const fact of Object.values(FACTS).flat()) {
            expect(catalogue('en')[fact.word], fact.word).toBeDefined();
            expect(catalogue('fr')[fact.word], fact.word).toBeDefined();
        }
    });

    it('explains only words the grammar has', () => {
        const keywords = grammarKeywords(grammar);
        expect(Object.keys(KEYWORD_HINTS).filter(word => !keywords.has(word))).toEqual([]);
        expect([...SYMBOL_KEYWORDS].filter(word => !keywords.has(word))).toEqual([]);
    });

    it('finds the fact a keyword of the grammar begins, told apart from the same word elsewhere', () => {
        // Not the words a name may be spelt as (`says` of the name rule begins no fact).
        const keywords = AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).filter(keyword => !isNameKeyword(keyword)).toArray();
        const factsOf = (word: string) => keywords.filter(k => k.value === word).map(k => {
            const found = keywordFact(k);
            return found && factOfProperty(found.type, found.property, k.value)?.field;
        });
        // `emotion` in a stage or a touchpoint (one fragment, Felt) begins an emotion; in a journey, its scale.
        expect(factsOf('emotion').sort()).toEqual(['emotion', 'emotionScale']);
        expect(factsOf('says')).toEqual(['quotes']);
        // `via` of `collected via` is the second word of its fact.
        expect(factsOf('via').filter(Boolean)).toEqual(['channels']);
        expect(factsOf('moment')).toEqual(['momentOfTruth']);
        expect(factsOf('description')).toEqual(['description']);
        // In `column persona "…"` and in a measure, these words begin no fact.
        expect(factsOf('persona').filter(Boolean)).toEqual(['personas']);
    });

    it('starts a line at each fact of a body and at each top-level element, never inside an expression', () => {
        const starts = lineStartElements(grammar);
        const startWords = [...starts].filter(GrammarAST.isKeyword).map(k => `${GrammarUtils.getTypeName(AstUtils.getContainerOfType(k, GrammarAST.isParserRule)!)}:${k.value}`);
        expect(startWords).toContain('Felt:emotion');
        expect(startWords).toContain('CustomerView:says');
        expect(startWords).toContain('Kpi:measures');
        expect(startWords.filter(w => w.startsWith('DurationMeasure:') || w.startsWith('ColumnMapping:') || w.startsWith('Window:'))).toEqual([]);
    });
});
