import { AstUtils, GrammarAST, GrammarUtils, type AstNode, type Grammar } from 'langium';

/**
 * What the grammar says about its words, read from the grammar itself (as the rename provider
 * and grammar-properties.ts do): its keywords, those an id could be mistaken for, and the
 * grammar elements that begin a line in the canonical layout. A new keyword or fact in
 * journey.langium reaches the formatter, completion, rename and the importers' ids with no list
 * to update.
 */

/** Every keyword of the grammar, punctuation included. */
export function grammarKeywords(grammar: Grammar): Set<string> {
    return new Set(AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value));
}

/** The pattern of the grammar's `ID` terminal, anchored. */
export function idPattern(grammar: Grammar): RegExp {
    const id = grammar.rules.find(rule => GrammarAST.isTerminalRule(rule) && rule.name === 'ID');
    if (!id || !GrammarAST.isTerminalRule(id)) throw new Error('The journey grammar has no ID terminal.');
    return new RegExp(`^(?:${GrammarUtils.terminalRegex(id).source})$`, 'u');
}

/** The keywords an id could be spelt as (`touchpoint`, `days`, `p90`): an id may not be one of them. */
export function wordKeywords(grammar: Grammar): Set<string> {
    const id = idPattern(grammar);
    return new Set([...grammarKeywords(grammar)].filter(keyword => id.test(keyword)));
}

/**
 * The grammar elements whose text begins a line in the canonical layout: each fact of a
 * `{ … }` body (the first element of each alternative of the repetition that follows a `{`),
 * and each top-level element. A fact's first word is told by the grammar element it was read
 * by, not by its spelling: `duration` begins a line where a touchpoint states its duration,
 * never inside `measures duration(A to B)`.
 */
export function lineStartElements(grammar: Grammar): Set<GrammarAST.AbstractElement> {
    const starts = new Set<GrammarAST.AbstractElement>();
    const addFirsts = (element: GrammarAST.AbstractElement) => {
        for (const first of firstElements(element, new Set())) starts.add(first);
    };
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || GrammarUtils.isDataTypeRule(rule)) continue;
        if (rule.entry) {
            // `(elements+=Element)*`: each top-level element on its own line.
            for (const node of AstUtils.streamAst(rule.definition)) if (GrammarAST.isAbstractElement(node) && isRepeated(node)) addFirsts(node);
        }
        for (const group of AstUtils.streamAst(rule.definition).filter(GrammarAST.isGroup)) {
            group.elements.forEach((element, index) => {
                const before = group.elements[index - 1];
                if (isRepeated(element) && GrammarAST.isKeyword(before) && before.value === '{') {
                    const body = GrammarAST.isAlternatives(element) ? element.elements : [element];
                    for (const fact of body) addFirsts(fact);
                }
            });
        }
    }
    return starts;
}

function isRepeated(element: GrammarAST.AbstractElement): boolean {
    return element.cardinality === '*' || element.cardinality === '+';
}

/**
 * The grammar elements that can read the first token of `element`: a keyword, a rule call (its
 * node's first token) or a cross-reference; through groups, alternatives, assignments and the
 * fragments they call.
 */
function firstElements(element: GrammarAST.AbstractElement, fragments: Set<GrammarAST.ParserRule>): GrammarAST.AbstractElement[] {
    if (GrammarAST.isKeyword(element) || GrammarAST.isCrossReference(element)) return [element];
    if (GrammarAST.isAssignment(element)) return firstElements(element.terminal, fragments);
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(choice => firstElements(choice, fragments));
    if (GrammarAST.isGroup(element)) {
        const firsts: GrammarAST.AbstractElement[] = [];
        for (const part of element.elements) {
            firsts.push(...firstElements(part, fragments));
            if (part.cardinality !== '?' && part.cardinality !== '*') break;
        }
        return firsts;
    }
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (GrammarAST.isParserRule(rule) && rule.fragment) {
            if (fragments.has(rule)) return [];
            return firstElements(rule.definition, new Set([...fragments, rule]));
        }
        return [element];
    }
    return [];
}

/**
 * The fact a keyword begins (`emotion` in a touchpoint: type `Touchpoint`, property `emotion`):
 * the property its group assigns next, or the one it is the value of (`moment` of
 * `momentOfTruth?='moment'`); undefined for a keyword that begins no assignment of its rule.
 * `type` is undefined in a fragment, whose facts every type calling it shares.
 */
export function keywordFact(keyword: GrammarAST.Keyword): { type: string | undefined; property: string } | undefined {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    if (!rule || GrammarUtils.isDataTypeRule(rule)) return undefined;
    // A fragment's facts belong to every type that calls it (`description`).
    const type = rule.fragment ? undefined : GrammarUtils.getTypeName(rule);
    // The first word of a nested rule begins the fact its caller assigns (`pain` of `painPoints+=PainPoint`).
    if (!rule.fragment && firstElements(rule.definition, new Set()).includes(keyword)) {
        const grammar = AstUtils.findRootNode(rule) as Grammar;
        const caller = AstUtils.streamAllContents(grammar).filter(GrammarAST.isAssignment)
            .find(assignment => GrammarAST.isRuleCall(assignment.terminal) && assignment.terminal.rule.ref === rule);
        const callerRule = caller && AstUtils.getContainerOfType(caller, GrammarAST.isParserRule);
        if (caller && callerRule) return { type: callerRule.fragment ? undefined : GrammarUtils.getTypeName(callerRule), property: caller.feature };
    }
    const container: AstNode | undefined = keyword.$container;
    if (GrammarAST.isAssignment(container)) return { type, property: container.feature };
    const group = container;
    if (!GrammarAST.isGroup(group)) return undefined;
    // The next assignment, or the first one of the choices that follow (`'emotion' (emotions+=Emotion | 'scale' …)`).
    for (const element of group.elements.slice(group.elements.indexOf(keyword) + 1)) {
        const next = GrammarAST.isAssignment(element) ? element : AstUtils.streamAst(element).find(GrammarAST.isAssignment);
        if (next) return { type, property: next.feature };
    }
    return undefined;
}
