import { GrammarAST, GrammarUtils, type Grammar } from 'langium';

/**
 * A property that holds one value (`=` or `?=` in the grammar) but that the grammar lets a text
 * write more than once, such as a touchpoint's `emotion` among facts in any order: the second
 * one would silently replace the first, so the validator reports it.
 */
export interface RepeatableProperty {
    readonly property: string;
    /**
     * How many keywords the fact writes before and after the value (`emotion scale <scale>`: 2
     * before; `moment of truth`, whose value is `moment`: 2 after), to underline the whole fact.
     */
    readonly keywordsBefore: number;
    readonly keywordsAfter: number;
}

/** The repeatable single-valued properties of each AST type, read from the grammar's assignments and cardinalities. */
export function repeatableProperties(grammar: Grammar): Map<string, RepeatableProperty[]> {
    const byType = new Map<string, RepeatableProperty[]>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || rule.fragment || GrammarUtils.isDataTypeRule(rule)) continue;
        const found: RepeatableProperty[] = [];
        for (const [property, { count, sites }] of assignmentCounts(rule.definition, new Set())) {
            if (count < 2) continue;
            const shapes = sites.map(factShape);
            const same = shapes.every(shape => shape[0] === shapes[0][0] && shape[1] === shapes[0][1]);
            found.push({ property, keywordsBefore: same ? shapes[0][0] : 0, keywordsAfter: same ? shapes[0][1] : 0 });
        }
        if (found.length) byType.set(GrammarUtils.getTypeName(rule), [...(byType.get(GrammarUtils.getTypeName(rule)) ?? []), ...found]);
    }
    return byType;
}

interface Count {
    /** How many times a text can assign the property (Infinity in a repetition). */
    count: number;
    sites: GrammarAST.Assignment[];
}

/** For each single-valued property `element` assigns: how often a text can write it, and where the grammar assigns it. */
function assignmentCounts(element: GrammarAST.AbstractElement, fragments: Set<GrammarAST.ParserRule>): Map<string, Count> {
    let counts = new Map<string, Count>();
    const merge = (other: Map<string, Count>, combine: (a: number, b: number) => number) => {
        for (const [property, { count, sites }] of other) {
            const known = counts.get(property);
            counts.set(property, known ? { count: combine(known.count, count), sites: [...known.sites, ...sites] } : { count: combine(0, count), sites });
        }
    };
    if (GrammarAST.isAssignment(element)) {
        if (element.operator !== '+=') counts.set(element.feature, { count: 1, sites: [element] });
    } else if (GrammarAST.isGroup(element)) {
        for (const part of element.elements) merge(assignmentCounts(part, fragments), (a, b) => a + b);
    } else if (GrammarAST.isAlternatives(element)) {
        for (const choice of element.elements) merge(assignmentCounts(choice, fragments), Math.max);
    } else if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref) && element.rule.ref.fragment && !fragments.has(element.rule.ref)) {
        counts = assignmentCounts(element.rule.ref.definition, new Set([...fragments, element.rule.ref]));
    }
    if (element.cardinality === '*' || element.cardinality === '+') {
        for (const count of counts.values()) count.count = Infinity;
    }
    return counts;
}

/** Keywords written right before and right after `assignment` in its group. */
function factShape(assignment: GrammarAST.Assignment): [number, number] {
    const group = assignment.$container;
    if (!GrammarAST.isGroup(group) || assignment.cardinality) return [0, 0];
    const index = group.elements.indexOf(assignment);
    const isPlainKeyword = (element: GrammarAST.AbstractElement | undefined) => GrammarAST.isKeyword(element) && !element.cardinality;
    let before = 0;
    while (isPlainKeyword(group.elements[index - before - 1])) before++;
    // `'emotion' ('scale' scale=… | …)`: the keywords written before the choice begin the fact too.
    const choice = group.$container;
    if (index - before === 0 && GrammarAST.isAlternatives(choice) && !choice.cardinality && GrammarAST.isGroup(choice.$container)) {
        const outer = choice.$container;
        let at = outer.elements.indexOf(choice);
        while (isPlainKeyword(outer.elements[at - 1])) { before++; at--; }
    }
    let after = 0;
    while (isPlainKeyword(group.elements[index + after + 1])) after++;
    return [before, after];
}

/** Where an AST type holds other nodes: the properties that contain child nodes and those that hold references, in grammar order. */
export interface NodeLayout {
    readonly children: readonly string[];
    readonly references: readonly string[];
}

/**
 * The layout of each AST type a parser rule builds, read from the grammar's assignments: a
 * property holds child nodes when it is assigned a call of a rule that builds a node, and
 * references when it is assigned a cross-reference.
 */
export function nodeLayouts(grammar: Grammar): Map<string, NodeLayout> {
    const layouts = new Map<string, { children: string[]; references: string[] }>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || rule.fragment || GrammarUtils.isDataTypeRule(rule)) continue;
        const type = GrammarUtils.getTypeName(rule);
        let layout = layouts.get(type);
        if (!layout) layouts.set(type, layout = { children: [], references: [] });
        for (const assignment of assignmentsOf(rule.definition, new Set())) {
            const kind = holds(assignment.terminal);
            const list = kind === 'child' ? layout.children : kind === 'reference' ? layout.references : undefined;
            if (list && !list.includes(assignment.feature)) list.push(assignment.feature);
        }
    }
    return layouts;
}

/** The assignments of `element`, in grammar order, those of the fragments it calls included. */
function assignmentsOf(element: GrammarAST.AbstractElement, fragments: Set<GrammarAST.ParserRule>): GrammarAST.Assignment[] {
    if (GrammarAST.isAssignment(element)) return [element];
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) {
        return element.elements.flatMap(part => assignmentsOf(part, fragments));
    }
    const called = GrammarAST.isRuleCall(element) ? element.rule.ref : undefined;
    if (GrammarAST.isParserRule(called) && called.fragment && !fragments.has(called)) {
        return assignmentsOf(called.definition, new Set([...fragments, called]));
    }
    return [];
}

/** What an assignment's value is: a child node, a reference, or a plain value. */
function holds(terminal: GrammarAST.AbstractElement): 'child' | 'reference' | 'value' {
    if (GrammarAST.isCrossReference(terminal)) return 'reference';
    if (GrammarAST.isAlternatives(terminal)) {
        const kinds = terminal.elements.map(holds);
        return kinds.includes('child') ? 'child' : kinds.includes('reference') ? 'reference' : 'value';
    }
    const called = GrammarAST.isRuleCall(terminal) ? terminal.rule.ref : undefined;
    return GrammarAST.isParserRule(called) && !GrammarUtils.isDataTypeRule(called) ? 'child' : 'value';
}
