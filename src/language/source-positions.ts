import { AstUtils, GrammarAST, GrammarUtils, isAstNode, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Where a node and the values of its properties are written: the one way the domain code (the
 * validator, the diagnostics, the model builder, the scopes) finds positions in the text.
 *
 * A node parsed by Langium's parser answers from its CST. A node built by a parser that keeps no
 * CST (the lean parser of the batch commands, lean/lean-parser.ts) carries the spans this module
 * reads under the symbols below: its own span, and the span of every value the text assigns to
 * its properties. Both answer the same (test/language/lean-parser.test.ts compares them on every
 * node and property of a corpus), so `journey check` and the editor report the same ranges.
 */

/** Offsets [start, end) in a document's text; `cst` when read from a CST (its range is exact and cached). */
export interface Span {
    readonly start: number;
    readonly end: number;
    readonly cst?: CstNode;
}

// ------------------------------------------------------------------ what a CST-less parser leaves

/** On each node: the offset of its first token. */
export const NODE_START = Symbol('node start');
/** On each node: the end offset of its last token. */
export const NODE_END = Symbol('node end');
/**
 * On each node: where the values its text assigns are listed in its root's
 * `ParsedSource.assignments` (-1 when none).
 */
export const ASSIGNMENTS_AT = Symbol('assignments at');
/** On the root node: the text it was parsed from, the assignments of its nodes and where its keywords are. */
export const PARSED_SOURCE = Symbol('parsed source');

export interface ParsedSource {
    readonly text: string;
    /** Property names, by the numbers `assignments` uses. */
    readonly properties: readonly string[];
    /**
     * The values each node's text assigns, one block per node, in text order: the number n of
     * assignments, then n triples `property number, start, end`. Every assignment is there: a
     * property written twice twice, and the child nodes of list properties too. Memory: one
     * array of 32-bit integers per file, not an array per node.
     */
    readonly assignments: Int32Array;
    /** The keyword tokens that start in [start, end) of the text, in order. */
    keywordsIn(start: number, end: number): Span[];
}

interface SpannedNode extends AstNode {
    [NODE_START]: number;
    [NODE_END]: number;
    [ASSIGNMENTS_AT]: number;
}

function isSpanned(node: AstNode): node is SpannedNode {
    return NODE_START in node;
}

// ------------------------------------------------------------------ spans

/** The span of `node` (from its first token to its last), if known. */
export function nodeSpan(node: AstNode): Span | undefined {
    if (isSpanned(node)) return { start: node[NODE_START], end: node[NODE_END] };
    const cst = node.$cstNode;
    return cst && { start: cst.offset, end: cst.end, cst };
}

/**
 * Calls `visit` with each value the text assigns to `node`'s own properties, in text order: what
 * Langium's `GrammarUtils.findNodesForProperty` finds, for every property in one pass.
 * Performance: on a CST, one walk of the node's own CST nodes instead of one per property.
 */
export function forEachAssignment(node: AstNode, visit: (property: string, start: number, end: number, cst?: CstNode) => void): void {
    if (isSpanned(node)) {
        const at = node[ASSIGNMENTS_AT];
        const source = at < 0 ? undefined : sourceOf(node);
        if (!source) return;
        const { assignments, properties } = source;
        for (let index = at + 1, end = at + 1 + 3 * assignments[at]; index < end; index += 3) {
            visit(properties[assignments[index]], assignments[index + 1], assignments[index + 2]);
        }
        return;
    }
    const cst = node.$cstNode;
    if (!cst) return;
    // As findNodesForProperty: a CST node assigned to a property is one of its values; below it,
    // only the other properties are looked for, and only in CST nodes of the same AST node.
    const walk = (cstNode: CstNode, excluded: readonly string[]): void => {
        const property = assignedProperty(cstNode.grammarSource);
        if (property !== undefined && !excluded.includes(property)) visit(property, cstNode.offset, cstNode.end, cstNode);
        if (isCompositeCstNode(cstNode) && cstNode.astNode === node) {
            const inner = property === undefined || excluded.includes(property) ? excluded : [...excluded, property];
            for (const child of cstNode.content) walk(child, inner);
        }
    };
    if (isCompositeCstNode(cst) && cst.astNode === node) for (const child of cst.content) walk(child, []);
}

/** A value written again for a property: where it was first written, and where again. */
export interface Repetition {
    readonly property: string;
    readonly first: Span;
    readonly repeated: Span;
}

const NO_REPETITION: readonly Repetition[] = Object.freeze([]);

/**
 * The values written again for any of `properties` of `node`, in text order (one per repeated
 * value). Performance: on a lean node, no allocation unless there is a repetition.
 */
export function repeatedAssignments(node: AstNode, properties: ReadonlySet<string>): readonly Repetition[] {
    if (isSpanned(node)) {
        const at = node[ASSIGNMENTS_AT];
        const source = at < 0 ? undefined : sourceOf(node);
        if (!source) return NO_REPETITION;
        const { assignments, properties: names } = source;
        let found: Repetition[] | undefined;
        const first = at + 1;
        for (let index = first, end = first + 3 * assignments[at]; index < end; index += 3) {
            for (let before = first; before < index; before += 3) {
                if (assignments[before] !== assignments[index]) continue;
                // Written before: a repetition if the property holds one value (list items repeat).
                const property = names[assignments[index]];
                if (properties.has(property)) {
                    (found ??= []).push({
                        property,
                        first: { start: assignments[before + 1], end: assignments[before + 2] },
                        repeated: { start: assignments[index + 1], end: assignments[index + 2] }
                    });
                }
                break;
            }
        }
        return found ?? NO_REPETITION;
    }
    const found: Repetition[] = [];
    const firsts = new Map<string, Span>();
    forEachAssignment(node, (property, start, end, cst) => {
        if (!properties.has(property)) return;
        const first = firsts.get(property);
        if (first) found.push({ property, first, repeated: { start, end, cst } });
        else firsts.set(property, { start, end, cst });
    });
    return found;
}

/** The spans of the values written for `property` of `node`, in text order (a list's items, or a property written twice). */
export function propertySpans(node: AstNode, property: string): Span[] {
    if (!isSpanned(node)) {
        return GrammarUtils.findNodesForProperty(node.$cstNode, property).map(cst => ({ start: cst.offset, end: cst.end, cst }));
    }
    const spans: Span[] = [];
    forEachAssignment(node, (assigned, start, end) => {
        if (assigned === property) spans.push({ start, end });
    });
    return spans;
}

/** The spans of `node`'s own keywords (not its children's), in text order; only those equal to `keyword` if given. */
export function keywordSpans(node: AstNode, keyword?: string): Span[] {
    if (!isSpanned(node)) {
        const cst = node.$cstNode;
        if (!cst) return [];
        if (keyword !== undefined) return GrammarUtils.findNodesForKeyword(cst, keyword).map(leaf => ({ start: leaf.offset, end: leaf.end, cst: leaf }));
        return ownKeywordLeaves(cst, node);
    }
    const source = sourceOf(node);
    if (!source) return [];
    // The text of child nodes, including one a property written twice no longer holds.
    const record = node as unknown as Record<string, unknown>;
    const children: Array<[number, number]> = [];
    forEachAssignment(node, (property, start, end) => {
        const value = record[property];
        if (isAstNode(value) || (Array.isArray(value) && isAstNode(value[0]))) children.push([start, end]);
    });
    return source.keywordsIn(node[NODE_START], node[NODE_END]).filter(span =>
        !children.some(([start, end]) => span.start >= start && span.start < end)
        && (keyword === undefined || source.text.slice(span.start, span.end) === keyword));
}

function ownKeywordLeaves(cst: CstNode, node: AstNode): Span[] {
    const spans: Span[] = [];
    const walk = (cstNode: CstNode): void => {
        if (isCompositeCstNode(cstNode)) {
            if (cstNode.astNode !== node) return;
            for (const child of cstNode.content) walk(child);
        } else if (GrammarAST.isKeyword(cstNode.grammarSource) && !cstNode.hidden) {
            spans.push({ start: cstNode.offset, end: cstNode.end, cst: cstNode });
        }
    };
    walk(cst);
    return spans;
}

/**
 * `span` widened over the `before` keywords of `node` written right before it and the `after`
 * ones right after it: a whole fact (`emotion scale -3 to +3`, `higher is better`) from the span
 * of its value.
 */
export function widenOverKeywords(node: AstNode, span: Span, before: number, after: number): Span {
    if (!before && !after) return span;
    const keywords = keywordSpans(node);
    const preceding = keywords.filter(keyword => keyword.end <= span.start);
    const following = keywords.filter(keyword => keyword.start >= span.end);
    const first = before ? preceding[Math.max(0, preceding.length - before)] : undefined;
    const last = after ? following[Math.min(following.length, after) - 1] : undefined;
    return { start: first?.start ?? span.start, end: last?.end ?? span.end };
}

// ------------------------------------------------------------------ positions

/** The range of `span` in the document of `node`. */
export function rangeOf(node: AstNode, span: Span): Range {
    if (span.cst) return span.cst.range;
    return { start: positionOf(node, span.start), end: positionOf(node, span.end) };
}

/** The 1-based line where `node` starts (0 when unknown). */
export function lineOf(node: AstNode): number {
    // Performance: the model asks it of every stage and touchpoint; only the start is looked up.
    if (isSpanned(node)) return positionOf(node, node[NODE_START]).line + 1;
    const cst = node.$cstNode;
    return cst ? cst.range.start.line + 1 : 0;
}

function positionOf(node: AstNode, offset: number): Position {
    const root = AstUtils.findRootNode(node);
    return root.$document?.textDocument.positionAt(offset) ?? positionIn(sourceOf(root)?.text ?? '', offset);
}

/** The source text of `node`, as `$cstNode.text` gives it. */
export function sourceTextOf(node: AstNode): string | undefined {
    if (!isSpanned(node)) return node.$cstNode?.text;
    const root = AstUtils.findRootNode(node);
    const text = root.$document?.textDocument.getText() ?? sourceOf(root)?.text;
    return text?.slice(node[NODE_START], node[NODE_END]);
}

/** Where a diagnostic about `node` points: its property, its keyword, or the node itself, as Langium's `getDiagnosticRange`. */
export function diagnosticRange(info: { node: AstNode; property?: string; index?: number; keyword?: string }): Range {
    let span: Span | undefined;
    if (typeof info.property === 'string') span = propertySpans(info.node, info.property)[info.index ?? 0];
    else if (typeof info.keyword === 'string') span = keywordSpans(info.node, info.keyword)[info.index ?? 0];
    span ??= nodeSpan(info.node);
    return span ? rangeOf(info.node, span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function sourceOf(node: AstNode): ParsedSource | undefined {
    return (AstUtils.findRootNode(node) as Partial<Record<typeof PARSED_SOURCE, ParsedSource>>)[PARSED_SOURCE];
}

/** Line and character of `offset`, for text outside a document (a parse without one). */
function positionIn(text: string, offset: number): Position {
    let line = 0;
    let lineStart = 0;
    for (let index = 0; index < offset; index++) {
        const code = text.charCodeAt(index);
        if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
            line++;
            lineStart = index + 1;
        }
    }
    return { line, character: offset - lineStart };
}

/** The property each grammar element assigns, if any; cached because the grammar never changes. */
const assignedProperties = new WeakMap<object, string | null>();

function assignedProperty(grammarSource: GrammarAST.AbstractElement | undefined): string | undefined {
    if (!grammarSource) return undefined;
    let property = assignedProperties.get(grammarSource);
    if (property === undefined) {
        property = AstUtils.getContainerOfType(grammarSource, GrammarAST.isAssignment)?.feature ?? null;
        assignedProperties.set(grammarSource, property);
    }
    return property ?? undefined;
}
