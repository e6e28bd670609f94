import {
    AstUtils, Cancellation, CstUtils, DefaultAstNodeDescriptionProvider, DefaultReferenceDescriptionProvider, DefaultScopeComputation, DefaultScopeProvider, MultiMap,
    UriUtils, interruptAndCheck, isReference, stream,
    type AstNode, type AstNodeDescription, type AstNodeLocator, type CstNode, type DocumentSegment, type LangiumDocument, type LocalSymbols,
    type ReferenceDescription, type ReferenceInfo, type Scope, type Stream, type URI
} from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { typeTest, walkAst } from './ast-walk.js';
import { Journey, Model, Source, Stage, Tag, TagFamily, reflection } from './generated/ast.js';
import type { JourneyNameProvider } from './journey-naming.js';
import { isJourneyMember, owningJourney } from './journey-naming.js';
import type { JourneyServices } from './journey-module.js';
import { nodeSpan, propertySpans, rangeOf, type Span } from './source-positions.js';

// Nodes whose children may have a name worth a symbol (ast-walk.ts: set lookups).
const holdsExportedNames = typeTest(reflection, Journey.$type, Stage.$type, TagFamily.$type);
const isTagNode = typeTest(reflection, Tag.$type);
const holdsLocalNames = typeTest(reflection, Journey.$type, Stage.$type, Source.$type);
const isModelNode = typeTest(reflection, Model.$type);

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

    override async collectExportedSymbols(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        // One cancellation check per document, not per node: a document is at most a million characters.
        await interruptAndCheck(cancelToken);
        const exports: AstNodeDescription[] = [];
        forEachNestedNode(document.parseResult.value, holdsExportedNames, node => {
            if ((node.$container && isModelNode(node.$container)) || isJourneyMember(node) || isTagNode(node)) this.addExportedSymbol(node, exports, document);
        });
        return exports;
    }

    override async collectLocalSymbols(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<MultiMap<AstNode, AstNodeDescription>> {
        await interruptAndCheck(cancelToken);
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        // Sources hold named column mappings; nothing else below a catalog element, touchpoint or KPI has a name.
        forEachNestedNode(document.parseResult.value, holdsLocalNames, node => this.addLocalSymbol(node, document, symbols));
        return symbols;
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

/**
 * Visits the nodes under `root` in document order (as `AstUtils.streamAllContents`), without
 * descending into nodes for which `descend` is false. Performance: the default walks every node
 * of the AST (pain points, targets, quantities…) twice per build, to find the few that have a name.
 */
function forEachNestedNode(root: AstNode, descend: (node: AstNode) => boolean, visit: (node: AstNode) => void): void {
    walkAst(root, node => {
        if (node === root) return true;
        visit(node);
        return descend(node);
    });
}

/**
 * The symbols one node declares, by name: the first of each name, and the later ones apart
 * (names are unique but for mistakes; an array per name would double the index's cost).
 */
interface SymbolsByName {
    first: Map<string, AstNodeDescription>;
    later: MultiMap<string, AstNodeDescription>;
    all: readonly AstNodeDescription[];
}

/** A scope that lists the names it offers without describing each element (for "did you mean"). */
export interface NameListingScope extends Scope {
    names(): Iterable<string>;
}

/** Every name `scope` offers, outer scopes included (repeated names may repeat). */
export function scopeNames(scope: Scope): Iterable<string> {
    return typeof (scope as Partial<NameListingScope>).names === 'function' ? (scope as NameListingScope).names() : scope.getAllElements().map(d => d.name);
}

/** One level of local symbols: those of `symbols` that `accepts` lets through. */
class IndexedLocalScope implements NameListingScope {
    constructor(private readonly symbols: SymbolsByName, private readonly accepts: (symbol: AstNodeDescription) => boolean, private readonly outerScope: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        const first = this.symbols.first.get(name);
        if (first && this.accepts(first)) return first;
        if (first) for (const symbol of this.symbols.later.get(name)) if (this.accepts(symbol)) return symbol;
        return this.outerScope.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.symbols.all).filter(symbol => symbol.name === name && this.accepts(symbol)).concat(this.outerScope.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.symbols.all).filter(this.accepts).concat(this.outerScope.getAllElements());
    }

    *names(): Iterable<string> {
        for (const symbol of this.symbols.all) if (this.accepts(symbol)) yield symbol.name;
        yield* scopeNames(this.outerScope);
    }
}

interface OwnerScopes {
    symbols: SymbolsByName;
    byReferenceType: Map<string, Scope>;
}

/**
 * Same visibility as Langium's default scope provider, but indexed. Performance: the default
 * scans every local symbol of the enclosing journey with a type check for each reference, which
 * is quadratic (a 10,000-touchpoint journey spent ~17 s linking). Here the symbols of each node
 * that declares some are indexed by name once per document build (keyed by the document's
 * `localSymbols`, which Langium recomputes whenever the document changes), and its scope is
 * built once per reference type and shared by all the references below it. Lookups return the
 * first declaration in document order, like the default. The global scope at the end of the
 * chain must read the current index on each lookup (as `JourneyIncrementalScopeProvider`'s does).
 */
export class JourneyScopeProvider extends DefaultScopeProvider {
    private readonly indexes = new WeakMap<LocalSymbols, Map<AstNode, OwnerScopes>>();

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        const owner = localSymbols && ownerOfSymbols(context.container, localSymbols);
        if (!owner) return this.getGlobalScope(referenceType, context);
        let perOwner = this.indexes.get(localSymbols);
        if (!perOwner) {
            perOwner = new Map();
            this.indexes.set(localSymbols, perOwner);
        }
        return this.localScope(owner, referenceType, localSymbols, perOwner, context);
    }

    /** The scope seen from `owner`'s symbols outwards, built once per owner and reference type. */
    private localScope(owner: AstNode, referenceType: string, localSymbols: LocalSymbols, perOwner: Map<AstNode, OwnerScopes>, context: ReferenceInfo): Scope {
        let scopes = perOwner.get(owner);
        if (!scopes) {
            scopes = { symbols: indexByName(localSymbols, owner), byReferenceType: new Map() };
            perOwner.set(owner, scopes);
        }
        let scope = scopes.byReferenceType.get(referenceType);
        if (!scope) {
            // One subtype test per symbol type.
            const accepted = new Map<string, boolean>();
            const accepts = (symbol: AstNodeDescription) => {
                let result = accepted.get(symbol.type);
                if (result === undefined) accepted.set(symbol.type, result = this.reflection.isSubtype(symbol.type, referenceType));
                return result;
            };
            const outerOwner = owner.$container && ownerOfSymbols(owner.$container, localSymbols);
            const outer = outerOwner ? this.localScope(outerOwner, referenceType, localSymbols, perOwner, context) : this.getGlobalScope(referenceType, context);
            scope = new IndexedLocalScope(scopes.symbols, accepts, outer);
            scopes.byReferenceType.set(referenceType, scope);
        }
        return scope;
    }
}

function indexByName(localSymbols: LocalSymbols, owner: AstNode): SymbolsByName {
    const all = localSymbols instanceof MultiMap ? localSymbols.get(owner) : localSymbols.getStream(owner).toArray();
    const index: SymbolsByName = { first: new Map(), later: new MultiMap(), all };
    for (const symbol of all) {
        if (index.first.has(symbol.name)) index.later.add(symbol.name, symbol);
        else index.first.set(symbol.name, symbol);
    }
    return index;
}

/** `node` or its nearest ancestor that declares local symbols. */
function ownerOfSymbols(node: AstNode, localSymbols: LocalSymbols): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current && !localSymbols.has(current)) current = current.$container;
    return current;
}

/**
 * Descriptions whose document segments and AST path are computed when first read. Performance:
 * every stage, touchpoint and KPI gets two descriptions per build (exported and local), and
 * linking reads only `node` and `name`; the default computes the path and a segment eagerly.
 */
export class JourneyAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.nameProvider.getName(node);
        if (!name) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        return new LazyAstNodeDescription(node, name, doc.uri, this);
    }

    pathOf(node: AstNode): string {
        return this.astNodeLocator.getAstNodePath(node);
    }

    /** Where the node's name is written (else the node): from the CST or the lean parser's spans (source-positions.ts). */
    nameSegmentOf(node: AstNode): DocumentSegment | undefined {
        return segmentOf(node, propertySpans(node, 'name')[0] ?? nodeSpan(node));
    }

    selectionSegmentOf(node: AstNode): DocumentSegment | undefined {
        return segmentOf(node, nodeSpan(node));
    }
}

function segmentOf(node: AstNode, span: Span | undefined): DocumentSegment | undefined {
    return span && { range: rangeOf(node, span), offset: span.start, end: span.end, length: span.end - span.start };
}

/**
 * A class, not an object literal with getters: such a literal is kept in dictionary mode with
 * three closures and accessor pairs each (~900 bytes, measured in a heap snapshot; ~100 here),
 * and a 1,000-file workspace holds hundreds of thousands of descriptions.
 */
class LazyAstNodeDescription implements AstNodeDescription {
    readonly type: string;
    private cachedPath: string | undefined;
    private cachedNameSegment: DocumentSegment | undefined;
    private cachedSelectionSegment: DocumentSegment | undefined;

    constructor(readonly node: AstNode, readonly name: string, readonly documentUri: URI, private readonly provider: JourneyAstNodeDescriptionProvider) {
        this.type = node.$type;
    }

    get path(): string {
        return this.cachedPath ??= this.provider.pathOf(this.node);
    }

    get nameSegment(): DocumentSegment | undefined {
        return this.cachedNameSegment ??= this.provider.nameSegmentOf(this.node);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return this.cachedSelectionSegment ??= this.provider.selectionSegmentOf(this.node);
    }
}

/**
 * References indexed with their paths and text segment computed when first read (by find
 * references or rename). Performance: the default computes both for every reference of every
 * build (a fifth of the time of linking), and `journey check` never reads them.
 */
export class JourneyReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    protected override createInfoDescriptions(info: ReferenceInfo): ReferenceDescription[] {
        const reference = info.reference;
        if (!isReference(reference) || reference.error || !reference.$refNode || !reference.$nodeDescription) return super.createInfoDescriptions(info);
        return [new LazyReferenceDescription(info.container, reference.$refNode, reference.$nodeDescription, this.nodeLocator)];
    }
}

class LazyReferenceDescription implements ReferenceDescription {
    readonly sourceUri: URI;
    readonly targetUri: URI;
    readonly local: boolean;
    private cachedSourcePath: string | undefined;
    private cachedSegment: DocumentSegment | undefined;

    constructor(private readonly source: AstNode, private readonly refNode: CstNode, private readonly target: AstNodeDescription, private readonly locator: AstNodeLocator) {
        this.sourceUri = AstUtils.getDocument(source).uri;
        this.targetUri = target.documentUri;
        this.local = UriUtils.equals(this.targetUri, this.sourceUri);
    }

    get sourcePath(): string {
        return this.cachedSourcePath ??= this.locator.getAstNodePath(this.source);
    }

    get targetPath(): string {
        return this.target.path;
    }

    get segment(): DocumentSegment {
        return this.cachedSegment ??= CstUtils.toDocumentSegment(this.refNode);
    }
}
