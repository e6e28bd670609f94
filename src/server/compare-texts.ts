/**
 * Compare with… where the server has no git and no disk (the web extension): the client reads
 * the other version's journey files and sends their texts (`baseFiles` of
 * `journey/compareModel`); they are parsed and linked here, apart from the editor's documents,
 * and compared with the current workspace by the diff engine `journey diff` uses.
 */
import { AstUtils, EmptyFileSystem, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Model } from '../language/generated/ast.js';
import { firstSyntaxError } from '../language/journey-diagnostics.js';
import { createJourneyServices } from '../language/journey-module.js';
import { buildWorkspaceModel } from '../language/model/build-model.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import { diffModels } from '../diff/diff-engine.js';
import type { SideProblem, WorkspaceDiff } from '../diff/diff-types.js';
import type { CompareModelParams } from './protocol.js';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { relativeFile, serverModelOptions } from './server-model.js';

/** The diff to `head` (the workspace the server holds, files named relative to `root`) from the texts of `params.baseFiles`, worded in `locale`. */
export async function diffFromTexts(shared: LangiumSharedServices, params: CompareModelParams, root: URI, head: WorkspaceModel, locale: Locale = DEFAULT_LOCALE): Promise<WorkspaceDiff> {
    const m = messages(locale);
    if (!params.baseFiles) throw new Error(m.t('diff.error.filesNotSent', { base: params.base }));
    const texts = new Map<string, string>();
    if (params.baseOverlay) {
        for (const document of shared.workspace.LangiumDocuments.all) {
            if (document.uri.path.endsWith('.journey')) texts.set(document.uri.toString(), document.textDocument.getText());
        }
    }
    for (const [uri, text] of Object.entries(params.baseFiles)) texts.set(URI.parse(uri).toString(), text);

    // The diff reads the model and the syntax errors, not the checks' diagnostics.
    const { shared: baseShared } = createJourneyServices(EmptyFileSystem, { batch: { validate: false } });
    const documents = [...texts].sort(([a], [b]) => a.localeCompare(b)).map(([uri, text]) => {
        const document = baseShared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(uri));
        baseShared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await baseShared.workspace.DocumentBuilder.build(documents, { validation: false });
    // A file of the other version that does not parse is left out and said so, as `journey diff` does.
    const unreadable: SideProblem[] = [];
    const readable = documents.filter(document => {
        const error = firstSyntaxError(document.parseResult, m);
        if (!error) return true;
        unreadable.push({ file: relativeFile(root, document.uri), side: 'base', line: error.line, message: error.message });
        return false;
    });
    const files = new Map(readable.map(document => [document.parseResult.value, relativeFile(root, document.uri)]));
    const base = buildWorkspaceModel(readable.map(document => document.parseResult.value), node => files.get(AstUtils.findRootNode(node) as Model) ?? '',
        undefined, serverModelOptions(shared));
    return diffModels(base, head, { base: { label: params.base, files: documents.length, unreadable, skipped: [] }, head: { label: m.t('diff.label.thisVersion') }, locale });
}
