import {
    AstUtils, DefaultScopeComputation, type AstNode, type AstNodeDescription, type LangiumDocument,
    type MultiMap
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { isModel } from './generated/ast.js';
import type { JourneyNameProvider } from './journey-naming.js';
import { isJourneyMember, owningJourney } from './journey-naming.js';
import type { JourneyServices } from './journey-module.js';

/**
 * Exports catalog elements and journeys under their id, and the stages, touchpoints and KPIs
 * of each journey under their qualified name; inside a journey, its members are visible by
 * their plain id wherever they are nested.
 */
export class JourneyScopeComputation extends DefaultScopeComputation {
    private readonly qualifiedNames: JourneyNameProvider;

    constructor(services: JourneyServices) {
        super(services);
        this.qualifiedNames = services.references.NameProvider as JourneyNameProvider;
    }

    override async collectExportedSymbols(document: LangiumDocument, cancelToken?: CancellationToken): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value;
        const exported = (node: AstNode): Iterable<AstNode> =>
            AstUtils.streamAllContents(node).filter(child => isModel(child.$container) || isJourneyMember(child));
        return this.collectExportedSymbolsForNode(root, document, exported, cancelToken);
    }

    protected override addExportedSymbol(node: AstNode, exports: AstNodeDescription[], document: LangiumDocument): void {
        const name = this.qualifiedNames.getQualifiedName(node);
        if (name) exports.push(this.descriptions.createDescription(node, name, document));
    }

    protected override addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        const name = this.nameProvider.getName(node);
        if (!name) return;
        const scopeOwner = isJourneyMember(node) ? owningJourney(node) : node.$container;
        if (scopeOwner) symbols.add(scopeOwner, this.descriptions.createDescription(node, name, document));
    }
}
