import { AstUtils, UriUtils, type AstNode, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isJourney, isKpi, isSource, type Model } from '../language/generated/ast.js';
import type { JourneyServices } from '../language/journey-module.js';
import { buildWorkspaceModel, type ModelOptions } from '../language/model/build-model.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';

/**
 * The journey model of the documents the server holds (unsaved edits included), with files
 * named relative to `root`. Call it inside the workspace lock, so that pending edits are built.
 * URIs only (no disk paths): the same code serves the Node server and the one in a web worker.
 */
export function serverWorkspaceModel(shared: LangiumSharedServices, root: URI, include: (model: Model) => boolean = () => true): WorkspaceModel {
    const documents = (shared.workspace.LangiumDocuments.all.filter(d => d.uri.path.endsWith('.journey')).toArray() as LangiumDocument<Model>[])
        .filter(d => include(d.parseResult.value));
    // Document order depends on what was opened first; a stable order by URI keeps the model's.
    documents.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    return buildWorkspaceModel(documents.map(d => d.parseResult.value), documentNamer(root, documents), undefined, serverModelOptions(shared));
}

/** What the model takes from the editor's settings: the workspace's emotion scale (`journey.emotionScale`). */
export function serverModelOptions(shared: LangiumSharedServices): ModelOptions {
    const journey = shared.ServiceRegistry.all.find(services => 'JourneySettings' in services) as JourneyServices | undefined;
    return journey ? { emotionScale: journey.JourneySettings.emotionScale } : {};
}

/** A file's name in the model: its path relative to `root`, with forward slashes (as `journey check` names it). */
export function relativeFile(root: URI, uri: URI): string {
    return UriUtils.relative(root, uri);
}

function documentNamer(root: URI, documents: readonly LangiumDocument[]): (node: AstNode) => string {
    const files = new Map<AstNode, string>(documents.map(d => [d.parseResult.value, relativeFile(root, d.uri)]));
    return node => {
        const top = AstUtils.findRootNode(node);
        return files.get(top) ?? relativeFile(root, top.$document!.uri);
    };
}

/** Whether a file declares data sources or KPIs bound to data: all the metrics engine reads. */
export function hasMetrics(model: Model): boolean {
    return model.elements.some(e => isSource(e) || (isKpi(e) && e.data !== undefined) || (isJourney(e) && e.kpis.some(k => k.data !== undefined)));
}
