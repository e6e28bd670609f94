import { readFileSync } from 'node:fs';
import { AstUtils, GrammarAST, GrammarUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { JourneyLanguageGrammar } from '../../src/language/generated/grammar.js';
import { idPattern } from '../../src/language/grammar-keywords.js';

interface Pattern { name?: string; match?: string; captures?: Record<string, { name: string }>; patterns?: Pattern[]; include?: string }
const textmate = JSON.parse(readFileSync('syntaxes/journey.tmLanguage.json', 'utf8')) as { repository: Record<string, Pattern> };

/** The `match` patterns that give a keyword a scope of its own (not the catch-all identifiers), as JavaScript regexes. */
function keywordPatterns(): RegExp[] {
    const found: RegExp[] = [];
    const visit = (pattern: Pattern) => {
        if (pattern.match) found.push(new RegExp(pattern.match.replace(/\\x\{([0-9A-Fa-f]+)\}/g, '\\u{$1}'), 'gu'));
        for (const inner of pattern.patterns ?? []) visit(inner);
    };
    for (const [name, pattern] of Object.entries(textmate.repository)) if (name !== 'identifiers') visit(pattern);
    return found;
}

/** The words the grammar writes around a keyword (`moment of truth`, `higher is better`); a number before a unit. */
function phraseOf(keyword: GrammarAST.Keyword): { text: string; start: number } {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)!;
    if (GrammarUtils.isDataTypeRule(rule) && rule.name === 'Unit') return { text: `2 ${keyword.value}`, start: 2 };
    let self: GrammarAST.AbstractElement = GrammarAST.isAssignment(keyword.$container) ? keyword.$container : keyword;
    if (GrammarUtils.isDataTypeRule(rule)) {
        // A value (`higher`) is written where its rule is called (`direction=Direction 'is' 'better'`).
        const caller = AstUtils.streamAllContents(AstUtils.findRootNode(rule)).filter(GrammarAST.isAssignment)
            .find(assignment => GrammarAST.isRuleCall(assignment.terminal) && assignment.terminal.rule.ref === rule);
        if (caller) self = caller;
    }
    const group = self.$container;
    const word = (e: GrammarAST.AbstractElement) => e === self ? keyword.value
        : GrammarAST.isKeyword(e) ? e.value : GrammarAST.isAssignment(e) && GrammarAST.isKeyword(e.terminal) ? e.terminal.value
        : GrammarAST.isAssignment(e) ? firstValue(e.terminal) : undefined;
    if (!GrammarAST.isGroup(group)) return { text: keyword.value, start: 0 };
    const index = group.elements.indexOf(self);
    let first = index;
    while (first > 0 && word(group.elements[first - 1]) && !group.elements[first - 1].cardinality) first--;
    let last = index;
    while (last + 1 < group.elements.length && word(group.elements[last + 1]) && !group.elements[last + 1].cardinality) last++;
    const before = group.elements.slice(first, index).map(e => word(e)!).join(' ');
    const text = group.elements.slice(first, last + 1).map(e => word(e)!).join(' ');
    return { text, start: before ? before.length + 1 : 0 };
}

/** A keyword a data type rule call can read (`higher` for `Direction`), to write the phrase around it. */
function firstValue(element: GrammarAST.AbstractElement): string | undefined {
    if (!GrammarAST.isRuleCall(element) || !GrammarAST.isParserRule(element.rule.ref) || !GrammarUtils.isDataTypeRule(element.rule.ref)) return undefined;
    return AstUtils.streamAst(element.rule.ref.definition).filter(GrammarAST.isKeyword).head()?.value;
}

describe('TextMate grammar', () => {
    it('gives every word keyword of the journey grammar a scope of its own, where the grammar writes it', () => {
        const grammar = JourneyLanguageGrammar();
        const id = idPattern(grammar);
        const patterns = keywordPatterns();
        const missing: string[] = [];
        for (const keyword of AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword)) {
            if (!id.test(keyword.value)) continue;
            const { text, start } = phraseOf(keyword);
            const end = start + keyword.value.length;
            const covered = patterns.some(pattern => [...text.matchAll(pattern)].some(m => m.index <= start && m.index + m[0].length >= end));
            if (!covered) missing.push(`${keyword.value} (in "${text}")`);
        }
        expect(missing, 'add them to syntaxes/journey.tmLanguage.json').toEqual([]);
    });
});
