import { isAstNode, isMultiReference, isReference, type AstNode, type AstReflection, type MultiReference, type Reference } from 'langium';
import { JourneyLanguageGrammar } from './generated/grammar.js';
import { nodeLayouts, type NodeLayout } from './grammar-properties.js';

/**
 * Where each AST type holds child nodes and references, read from the grammar once. Performance:
 * a walk reads those few properties of a node (a touchpoint has 5 of its 30), where a walk over
 * every property (as Langium's streams) spent most of its time on strings, flags and empty lists.
 */
let layouts: Map<string, NodeLayout> | undefined;

function layoutOf(node: AstNode): NodeLayout | undefined {
    return (layouts ??= nodeLayouts(JourneyLanguageGrammar())).get(node.$type);
}

/**
 * Visits `node`, then its children, depth first, in the grammar's order of their properties: the
 * nodes of Langium's `streamAst`, without its iterator objects (a node of a type the grammar
 * does not build is walked property by property). Returning `false` skips a node's children.
 */
export function walkAst(node: AstNode, visit: (node: AstNode) => boolean | void): void {
    if (visit(node) === false) return;
    const record = node as unknown as Record<string, unknown>;
    const layout = layoutOf(node);
    if (!layout) {
        for (const property in record) if (property.charCodeAt(0) !== 36 /* $ */) walkValue(record[property], visit);
        return;
    }
    const children = layout.children;
    for (let index = 0; index < children.length; index++) walkValue(record[children[index]], visit);
}

function walkValue(value: unknown, visit: (node: AstNode) => boolean | void): void {
    if (value === undefined) return;
    if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) if (isAstNode(value[index])) walkAst(value[index], visit);
    } else if (isAstNode(value)) {
        walkAst(value, visit);
    }
}

/** Calls `visit` with each reference held by `node` itself (not its children), in the grammar's order of their properties. */
export function forEachReference(node: AstNode, visit: (reference: Reference | MultiReference, node: AstNode, property: string, index?: number) => void): void {
    const record = node as unknown as Record<string, unknown>;
    const layout = layoutOf(node);
    if (!layout) {
        for (const property in record) if (property.charCodeAt(0) !== 36 /* $ */) visitReferences(node, property, record[property], visit);
        return;
    }
    const references = layout.references;
    for (let index = 0; index < references.length; index++) visitReferences(node, references[index], record[references[index]], visit);
}

function visitReferences(node: AstNode, property: string, value: unknown, visit: (reference: Reference | MultiReference, node: AstNode, property: string, index?: number) => void): void {
    if (value === undefined) return;
    if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) if (isAnyReference(value[index])) visit(value[index] as Reference | MultiReference, node, property, index);
    } else if (isAnyReference(value)) {
        visit(value, node, property);
    }
}

function isAnyReference(value: unknown): value is Reference | MultiReference {
    return isReference(value) || isMultiReference(value);
}

/**
 * A test of whether a node is of one of `types` or their subtypes, as the generated `isX`
 * functions answer. Performance: one set lookup; Langium's reflection allocates on each call,
 * and the walks over large documents test every node several times.
 */
export function typeTest(reflection: AstReflection, ...types: string[]): (node: AstNode) => boolean {
    const accepted = new Set(types.flatMap(type => reflection.getAllSubTypes(type)));
    return node => accepted.has(node.$type);
}
