import { AstUtils, isReference, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isQuantity, isTarget, isWindow, type Quantity } from '../generated/ast.js';

/** The token type of each kind of declared element, used for its declaration and every reference to it. */
const ELEMENT_TOKENS: Record<string, string> = {
    Journey: SemanticTokenTypes.namespace, Stage: SemanticTokenTypes.class, Touchpoint: SemanticTokenTypes.function,
    Kpi: SemanticTokenTypes.variable, Channel: SemanticTokenTypes.enumMember, Persona: SemanticTokenTypes.type,
    Team: SemanticTokenTypes.struct, Source: SemanticTokenTypes.interface, Segment: SemanticTokenTypes.type, Role: SemanticTokenTypes.struct,
    Organisation: SemanticTokenTypes.struct, TagFamily: SemanticTokenTypes.enum, Tag: SemanticTokenTypes.enumMember
};

/**
 * Colours ids by what they name (a touchpoint, a KPI, a channel…), in declarations and in
 * references alike, and marks numbers, units, comparators and day offsets.
 */
export class JourneySemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = ELEMENT_TOKENS[node.$type];
        if (declared && (node as { name?: string }).name) {
            acceptor({ node, property: 'name' as never, type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        for (const { reference, property, index } of AstUtils.streamReferences(node)) {
            const target = isReference(reference) ? reference.ref : undefined;
            const type = target ? ELEMENT_TOKENS[target.$type] : undefined;
            if (type && reference.$refNode) acceptor({ node, property: property as never, index, type });
        }
        if (isQuantity(node)) this.quantity(node, acceptor);
        if (isTarget(node)) acceptor({ node, property: 'comparator', type: SemanticTokenTypes.operator });
        if (isWindow(node) && node.dayOffset) acceptor({ node, property: 'dayOffset', type: SemanticTokenTypes.number });
    }

    private quantity(quantity: Quantity, acceptor: SemanticTokenAcceptor): void {
        acceptor({ node: quantity, property: 'value', type: SemanticTokenTypes.number });
        if (quantity.unit) acceptor({ node: quantity, property: 'unit', type: SemanticTokenTypes.keyword });
    }
}
