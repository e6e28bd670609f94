import { GrammarUtils, type AstNode, type AstNodeDescription, type LangiumDocument } from 'langium';
import { DefaultFuzzyMatcher, DefaultNodeKindProvider, type DocumentSymbolProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isJourney, isModel, isStage, type Journey } from '../generated/ast.js';

/** Icons of journey elements in the outline, workspace symbols and completion lists. */
const SYMBOL_KINDS: Record<string, SymbolKind> = {
    Journey: SymbolKind.Class, Stage: SymbolKind.Namespace, Touchpoint: SymbolKind.Event, Kpi: SymbolKind.Number,
    Channel: SymbolKind.EnumMember, Persona: SymbolKind.Object, Segment: SymbolKind.Object, Team: SymbolKind.Struct, Role: SymbolKind.Struct,
    Organisation: SymbolKind.Struct, TagFamily: SymbolKind.Enum, Tag: SymbolKind.EnumMember, Source: SymbolKind.File
};
const COMPLETION_KINDS: Record<string, CompletionItemKind> = {
    Journey: CompletionItemKind.Class, Stage: CompletionItemKind.Module, Touchpoint: CompletionItemKind.Event, Kpi: CompletionItemKind.Value,
    Channel: CompletionItemKind.EnumMember, Persona: CompletionItemKind.Reference, Segment: CompletionItemKind.Reference, Team: CompletionItemKind.Struct,
    Role: CompletionItemKind.Struct, Organisation: CompletionItemKind.Struct, TagFamily: CompletionItemKind.Enum, Tag: CompletionItemKind.EnumMember, Source: CompletionItemKind.File
};

export class JourneyNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOL_KINDS[typeOf(node)] ?? super.getSymbolKind(node);
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETION_KINDS[typeOf(node)] ?? super.getCompletionItemKind(node);
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}

/** `Signature` finds `Adhesion.Signature`: each part of a qualified name matches on its own. */
export class JourneyFuzzyMatcher extends DefaultFuzzyMatcher {
    override match(query: string, text: string): boolean {
        return super.match(query, text) || (text.includes('.') && text.split('.').some(part => super.match(query, part)));
    }
}

type Named = AstNode & { name: string; title?: string };

/** The outline: catalog entries, then journey › stage › touchpoint, and each journey's KPIs. */
export class JourneyDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const root = document.parseResult.value;
        if (!isModel(root)) return [];
        return root.elements.map(element => this.symbol(element, isJourney(element) ? journeyChildren(element, this) : undefined))
            .filter((s): s is DocumentSymbol => s !== undefined);
    }

    symbol(node: Named, children?: Array<DocumentSymbol | undefined>): DocumentSymbol | undefined {
        const cst = node.$cstNode;
        if (!cst || !node.name) return undefined;
        const nameNode = GrammarUtils.findNodeForProperty(cst, 'name')?.range;
        return {
            name: node.name,
            detail: node.title ?? '',
            kind: SYMBOL_KINDS[node.$type] ?? SymbolKind.Object,
            range: cst.range,
            selectionRange: nameNode ?? cst.range,
            children: children?.filter((s): s is DocumentSymbol => s !== undefined)
        };
    }
}

function journeyChildren(journey: Journey, provider: JourneyDocumentSymbolProvider): Array<DocumentSymbol | undefined> {
    const stages = journey.stages.map(stage => provider.symbol(stage, isStage(stage) ? stage.touchpoints.map(t => provider.symbol(t)) : undefined));
    return [...stages, ...journey.kpis.map(kpi => provider.symbol(kpi))];
}
