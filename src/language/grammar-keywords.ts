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

/** The keywords an id could be spelt as (`touchpoint`, `days`, `p90`, `goal`): a name may be some of them (`nameKeywords`). */
export function wordKeywords(grammar: Grammar): Set<string> {
    const id = idPattern(grammar);
    return new Set([...grammarKeywords(grammar)].filter(keyword => id.test(keyword)));
}

/**
 * The rule that reads names (`Name: ID | 'goal' | …`): the data type rule every `name=`
 * assignment of an element calls. Ids in references and qualified names go through it too.
 */
export function nameRule(grammar: Grammar): GrammarAST.ParserRule {
    let rule = nameRules.get(grammar);
    if (!rule) nameRules.set(grammar, rule = findNameRule(grammar));
    return rule;
}

/** The name rule of each grammar, found once (completion asks for every keyword it offers). */
const nameRules = new WeakMap<Grammar, GrammarAST.ParserRule>();

function findNameRule(grammar: Grammar): GrammarAST.ParserRule {
    const called = new Set(AstUtils.streamAllContents(grammar).filter(GrammarAST.isAssignment)
        .filter(assignment => assignment.feature === 'name' && GrammarAST.isRuleCall(assignment.terminal))
        .map(assignment => (assignment.terminal as GrammarAST.RuleCall).rule.ref)
        // `column case "dossier"` names a column with a string, not an element with an id.
        .filter(rule => GrammarAST.isParserRule(rule)));
    const [rule] = called;
    if (called.size !== 1 || !GrammarAST.isParserRule(rule) || !GrammarUtils.isDataTypeRule(rule)) throw new Error('The journey grammar has no single rule for names.');
    return rule;
}

/** The keywords a name may be spelt as (`in`, `goal`): the keywords of the name rule. */
export function nameKeywords(grammar: Grammar): Set<string> {
    return new Set(AstUtils.streamAllContents(nameRule(grammar)).filter(GrammarAST.isKeyword).map(keyword => keyword.value));
}

/** Whether `keyword` is a word of the name rule (a name spelt like a keyword), not a keyword of a fact. */
export function isNameKeyword(keyword: GrammarAST.Keyword): boolean {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    return rule !== undefined && rule === nameRule(AstUtils.findRootNode(rule) as Grammar);
}

/**
 * The words of the language's first edition (2026-11), which no file could use as ids. They stay
 * reserved: reading them as names too would let a name left out (`via` at the end of a line, then
 * `stage B`) swallow the next line's keyword, reported a line too late, and would fill completion
 * with keywords where a name goes. A frozen record of that edition, not a list to extend: a later
 * keyword is either accepted by the name rule of journey.langium or reserved in `RESERVED_WORDS`
 * with its own reason (test/language/keyword-names.test.ts fails on one that is neither).
 */
export const FIRST_EDITION_WORDS: ReadonlySet<string> = new Set((
    'abandonment action actors average backstage better business by ces channel churn cold column conversion count '
    + 'critical csat current custom customer d daily data day days description duration emotion event events evidence '
    + 'frequency frontstage h high higher hot hours improves is journey kpi low lower loyalty mean measures median medium '
    + 'min minutes mode moment month monthly months nps of offline online opportunity owner p90 p95 pain per persona '
    + 'points pts quarterly rate referral resolution retention scale scope series severity share source stage state '
    + 'support survey system target team to touchpoint track truth unit via warning week weekly weeks within yearly'
).split(' '));

/** Keywords that may not be names, and why: the first edition's words, and none added since. */
export const RESERVED_WORDS: ReadonlyMap<string, string> = new Map([
    ...[...FIRST_EDITION_WORDS].map(word => [word, 'a word of the first edition, reserved since'] as const)
]);

/** The keywords an id may not be (`touchpoint`, `days`): those spelt like an id that the name rule does not accept. */
export function reservedWords(grammar: Grammar): Set<string> {
    const names = nameKeywords(grammar);
    return new Set([...wordKeywords(grammar)].filter(word => !names.has(word)));
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
