import {
    Cancellation, DefaultDocumentBuilder, DocumentState, OperationCancelled, URI, type AstNode, type BuildOptions, type LangiumDocument
} from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { topLevelElements } from '../journey-validator.js';

type CancellationToken = Cancellation.CancellationToken;

/** Messages from the client that wait for the server's attention (src/server/incoming-messages.ts). */
export interface MessageBacklog {
    readonly pending: boolean;
    /** Resolves once no message waits. */
    drained(): Promise<void>;
}

/** A request waiting for an open document to reach a state, from at least the text version it was sent with. */
interface Waiter {
    uri: string;
    version: number;
}

/**
 * Langium's document builder, with these changes (the first two for the commands too):
 *
 * - **Drafts relinked when it matters** (see `shouldRelink`).
 * - **Workspace-wide ids.** Ids of catalog elements and journeys must be unique in the whole
 *   workspace, so a change in one file can create or remove an error in another that does not
 *   refer to it (Langium relinks only the files that refer to a changed one). After a build, the
 *   documents that declare an id a changed document declares, or declared before the change, are
 *   validated again: the editor reports the clash on both sides, as `journey check` does.
 * - **Requests on the latest text.** A request about an open document waits until that document
 *   is built from the text version the request was sent with, not merely until it was built once
 *   (edits are built in batches: see journey-document-update-handler.ts).
 * - **Messages first.** With a `backlog` (the language server's incoming messages), a build lets
 *   waiting messages through after each step of each document: they may change what it builds,
 *   or be requests it should answer. Langium lets one message in per 10 ms of building.
 */
export class JourneyDocumentBuilder extends DefaultDocumentBuilder {
    /** What the changed documents exported before their change, until a build goes to the end. */
    private readonly exportsBeforeChange = new Map<string, string>();
    /** Top-level ids that changed documents declared before their change, until a build checks them. */
    private readonly idsBeforeChange = new Set<string>();
    /** Documents changed since the last build that went to the end. */
    private readonly changedSinceBuild = new Set<string>();
    /** The version of the editor's text each open document was last parsed from. */
    private readonly parsedVersions = new Map<string, number>();
    private readonly waiters = new Set<Waiter>();
    private readonly waiterListeners: Array<() => void> = [];
    /** Set by the language server. */
    backlog: MessageBacklog | undefined;

    constructor(services: LangiumSharedServices) {
        super(services);
        for (const state of [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked,
            DocumentState.IndexedReferences, DocumentState.Validated]) {
            this.onDocumentPhase(state, () => this.backlog?.pending ? this.backlog.drained() : undefined);
        }
        this.onDocumentPhase(DocumentState.Parsed, document => {
            const key = document.uri.toString();
            const open = this.textDocuments?.get(key);
            if (open) this.parsedVersions.set(key, open.version);
            else this.parsedVersions.delete(key);
        });
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        for (const uri of [...changed, ...deleted]) {
            const key = uri.toString();
            // The first update since the last complete build knows what the document was before.
            if (!this.changedSinceBuild.has(key)) this.exportsBeforeChange.set(key, this.exportedNames(key));
            this.changedSinceBuild.add(key);
            const document = this.langiumDocuments.getDocument(uri);
            if (document) for (const element of topLevelElements(document.parseResult.value)) this.idsBeforeChange.add(element.name);
        }
        for (const uri of deleted) this.parsedVersions.delete(uri.toString());
        return super.update(changed, deleted, cancelToken);
    }

    /**
     * Langium relinks every document with an unresolved reference after any change, in case it
     * resolves now, and validates it again: with a few drafts in a workspace, each keystroke
     * rebuilt them all. They are relinked after the build instead, and only when a changed
     * document exports other names than before (the only way a reference from an unchanged
     * document finds a new target, or its "did you mean" another name).
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.indexManager.isAffected(document, changedUris);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        await super.buildDocuments(documents, options, cancelToken);
        if (this.changedSinceBuild.size === 0) return;
        const ids = new Set(this.idsBeforeChange);
        let namesChanged = false;
        for (const key of this.changedSinceBuild) {
            const document = this.langiumDocuments.getDocument(URI.parse(key));
            if (document) for (const element of topLevelElements(document.parseResult.value)) ids.add(element.name);
            namesChanged ||= this.exportedNames(key) !== this.exportsBeforeChange.get(key);
        }
        const built = new Set(documents);
        const again: LangiumDocument[] = [];
        for (const document of this.langiumDocuments.all) {
            if (built.has(document) || document.state < DocumentState.Linked) continue;
            if (namesChanged && document.references.some(reference => reference.error !== undefined)) {
                this.resetToState(document, DocumentState.ComputedScopes);
                again.push(document);
            } else if (options.validation && document.state === DocumentState.Validated && declaresAny(document.parseResult.value, ids)) {
                // The workspace-wide uniqueness of ids: a clash appears or goes on both sides.
                this.resetToState(document, DocumentState.IndexedReferences);
                again.push(document);
            }
        }
        if (again.length) await super.buildDocuments(again, options, cancelToken);
        this.idsBeforeChange.clear();
        this.exportsBeforeChange.clear();
        this.changedSinceBuild.clear();
    }

    /** The names a document exports, in a canonical order. */
    private exportedNames(key: string): string {
        return this.indexManager.allElements(undefined, new Set([key])).map(description => description.name).toArray().sort().join('\n');
    }

    /**
     * Whether a running build is useful to a waiting request: the document it waits for is still
     * to be parsed (it will be, from the latest text), or was parsed from the version it waits for.
     */
    servesWaitingRequests(): boolean {
        for (const waiter of this.waiters) {
            const document = this.langiumDocuments.getDocument(URI.parse(waiter.uri));
            if (!document || document.state < DocumentState.Parsed || (this.parsedVersions.get(waiter.uri) ?? -1) >= waiter.version) return true;
        }
        return false;
    }

    /** Whether a request waits for an open document to be built. */
    hasWaiters(): boolean {
        return this.waiters.size > 0;
    }

    /** Calls `listener` whenever a request starts or stops waiting. */
    onWaitersChanged(listener: () => void): void {
        this.waiterListeners.push(listener);
    }

    override waitUntil(state: DocumentState, cancelToken?: CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: CancellationToken): Promise<URI>;
    override waitUntil(state: DocumentState, uriOrToken?: URI | CancellationToken, cancelToken?: CancellationToken): Promise<URI | void> {
        const uri = uriOrToken && 'path' in uriOrToken ? uriOrToken : undefined;
        const open = uri && this.textDocuments?.get(uri.toString());
        if (!uri || !open) return super.waitUntil(state, uriOrToken as URI, cancelToken);
        const waiter: Waiter = { uri: uri.toString(), version: open.version };
        const ready = () => {
            const document = this.langiumDocuments.getDocument(uri);
            return document !== undefined && document.state >= state && (this.parsedVersions.get(waiter.uri) ?? -1) >= waiter.version;
        };
        if (ready()) return Promise.resolve(uri);
        if (cancelToken?.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise<URI>((resolve, reject) => {
            const done = () => {
                phase.dispose();
                cancelled?.dispose();
                this.waiters.delete(waiter);
                this.waitersChanged();
            };
            const phase = this.onDocumentPhase(state, document => {
                if (document.uri.toString() === waiter.uri && ready()) {
                    done();
                    resolve(uri);
                }
            });
            const cancelled = cancelToken?.onCancellationRequested(() => {
                done();
                reject(OperationCancelled);
            });
            this.waiters.add(waiter);
            this.waitersChanged();
        });
    }

    private waitersChanged(): void {
        for (const listener of this.waiterListeners) listener();
    }
}

function declaresAny(root: AstNode, ids: Set<string>): boolean {
    return topLevelElements(root).some(element => ids.has(element.name));
}
