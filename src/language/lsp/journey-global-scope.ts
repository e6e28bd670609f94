import { DocumentState, MultiMap, stream, type AstNodeDescription, type AstReflection, type IndexManager, type ReferenceInfo, type Scope, type Stream } from 'langium';
import type { JourneyServices } from '../journey-module.js';
import { JourneyScopeProvider, type NameListingScope } from '../journey-scope.js';

/** The exported symbols of the workspace by reference type and name, kept up to date per document. */
class IncrementalGlobalIndex {
    private readonly byType = new Map<string, MultiMap<string, AstNodeDescription>>();
    /** What each document contributed, to take it out again when the document changes; filled on first use. */
    private contributions: Map<string, AstNodeDescription[]> | undefined;
    private readonly dirty = new Set<string>();
    private exactTypes: Map<string, AstNodeDescription[]> | undefined;

    constructor(private readonly indexManager: IndexManager, private readonly reflection: AstReflection) {}

    /** Documents that changed or were deleted: their exports are re-read on the next lookup. */
    invalidate(uris: Iterable<string>): void {
        for (const uri of uris) this.dirty.add(uri);
    }

    names(type: string): MultiMap<string, AstNodeDescription> {
        this.refresh();
        let index = this.byType.get(type);
        if (!index) {
            index = new MultiMap();
            // Read only the symbols of matching types: a catalog type must not walk 100,000 touchpoints.
            for (const [exactType, descriptions] of this.byExactType()) {
                if (this.reflection.isSubtype(exactType, type)) for (const description of descriptions) index.add(description.name, description);
            }
            this.byType.set(type, index);
        }
        return index;
    }

    /** All symbols by their own type, in workspace order; rebuilt after changes, when a new type is asked for. */
    private byExactType(): Map<string, AstNodeDescription[]> {
        if (!this.exactTypes) {
            this.exactTypes = new Map();
            for (const descriptions of this.contributions!.values()) {
                for (const description of descriptions) {
                    const list = this.exactTypes.get(description.type);
                    if (list) list.push(description); else this.exactTypes.set(description.type, [description]);
                }
            }
        }
        return this.exactTypes;
    }

    private contribute(description: AstNodeDescription): void {
        this.exactTypes = undefined;
        const uri = description.documentUri.toString();
        const list = this.contributions!.get(uri);
        if (!list) this.contributions!.set(uri, [description]);
        else list.push(description);
    }

    private refresh(): void {
        if (!this.contributions) {
            // First use: every document's exports are read once, whatever was invalidated before.
            this.contributions = new Map();
            this.dirty.clear();
            for (const description of this.indexManager.allElements()) this.contribute(description);
            return;
        }
        if (this.dirty.size === 0) return;
        const uris = new Set(this.dirty);
        this.dirty.clear();
        for (const uri of uris) {
            const old = this.contributions.get(uri) ?? [];
            this.contributions.delete(uri);
            this.exactTypes = undefined;
            for (const [type, index] of this.byType) {
                for (const description of old) {
                    if (this.reflection.isSubtype(description.type, type)) index.delete(description.name, description);
                }
            }
        }
        for (const description of this.indexManager.allElements(undefined, uris)) {
            this.contribute(description);
            for (const [type, index] of this.byType) {
                if (this.reflection.isSubtype(description.type, type)) index.add(description.name, description);
            }
        }
    }
}

/**
 * A global scope reading the incremental index, opened on first lookup. Performance: most
 * references (a KPI's touchpoints) resolve in their journey, and a workspace-wide index of
 * 100,000 touchpoints would be built for nothing.
 */
class IndexedGlobalScope implements NameListingScope {
    /** Read on every lookup: local scopes keep this scope while other documents change. */
    constructor(private readonly open: () => MultiMap<string, AstNodeDescription>) {}

    private get byName(): MultiMap<string, AstNodeDescription> {
        return this.open();
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.byName.get(name)[0];
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.byName.get(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.byName.values());
    }

    names(): Iterable<string> {
        return this.byName.keys();
    }
}

/**
 * The language's scope provider, with a global scope that an edit does not rebuild. Performance:
 * Langium's default rebuilds the global scope of every reference type from every exported symbol
 * of the workspace after each change (a workspace-wide walk per keystroke, ~100 ms on 1,000
 * files); here only the changed documents' symbols are taken out and put back.
 */
export class JourneyIncrementalScopeProvider extends JourneyScopeProvider {
    private readonly index: IncrementalGlobalIndex;

    constructor(services: JourneyServices) {
        super(services);
        this.index = new IncrementalGlobalIndex(services.shared.workspace.IndexManager, services.shared.AstReflection);
        const builder = services.shared.workspace.DocumentBuilder;
        // Deleted documents leave the index; changed ones are re-read once their exports are computed again.
        builder.onUpdate((changed, deleted) => this.index.invalidate([...changed, ...deleted].map(uri => uri.toString())));
        builder.onDocumentPhase(DocumentState.IndexedContent, document => this.index.invalidate([document.uri.toString()]));
    }

    protected override getGlobalScope(referenceType: string, _context: ReferenceInfo): Scope {
        return new IndexedGlobalScope(() => this.index.names(referenceType));
    }
}
