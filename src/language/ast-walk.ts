import { isAstNode, isMultiReference, isReference, type AstNode, type AstReflection, type MultiReference, type Reference } from 'langium';

/**
 * Visits `node`'s own references, in property order, then its children, depth first: the order
 * of Langium's `streamAst` and `streamReferences`, without their iterator objects. Performance:
 * the streams cost about a third of linking and validating a large workspace.
 */
export function walkAst(node: AstNode, visit: (node: AstNode) => boolean | void): void {
    if (visit(node) === false) return;
    const record = node as unknown as Record<string, unknown>;
    for (const property in record) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[property];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) walkAst(item, visit);
        } else if (isAstNode(value)) {
            walkAst(value, visit);
        }
    }
}

/** Calls `visit` with each reference held by `node` itself (not its children), in property order. */
export function forEachReference(node: AstNode, visit: (reference: Reference | MultiReference, node: AstNode, property: string, index?: number) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const property in record) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value = record[property];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) if (isAnyReference(value[index])) visit(value[index] as Reference | MultiReference, node, property, index);
        } else if (isAnyReference(value)) {
            visit(value, node, property);
        }
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
