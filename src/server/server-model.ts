import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isJourney, isKpi, isSource, type Model } from '../language/generated/ast.js';
import { buildWorkspaceModel } from '../language/model/build-model.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import { fileNamer } from '../node/journey-workspace.js';

/**
 * The journey model of the documents the server holds (unsaved edits included), with files
 * named relative to `root`. Call it inside the workspace lock, so that pending edits are built.
 */
export function serverWorkspaceModel(shared: LangiumSharedServices, root: string, include: (model: Model) => boolean = () => true): WorkspaceModel {
    const documents = (shared.workspace.LangiumDocuments.all.filter(d => d.uri.path.endsWith('.journey')).toArray() as LangiumDocument<Model>[])
        .filter(d => include(d.parseResult.value));
    // Document order depends on what was opened first; a stable order by URI keeps the model's.
    documents.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
    return buildWorkspaceModel(documents.map(d => d.parseResult.value), fileNamer(root, documents));
}

/** Whether a file declares data sources or KPIs bound to data: all the metrics engine reads. */
export function hasMetrics(model: Model): boolean {
    return model.elements.some(e => isSource(e) || (isKpi(e) && e.data !== undefined) || (isJourney(e) && e.kpis.some(k => k.data !== undefined)));
}
