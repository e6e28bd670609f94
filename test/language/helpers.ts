import { EmptyFileSystem } from 'langium';
import { URI } from 'vscode-uri';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { buildWorkspace, toFileDiagnostic, type FileDiagnostic, type JourneyWorkspace } from '../../src/node/journey-workspace.js';

/** A small catalog most test journeys refer to. */
export const CATALOG = `
channel Web "Site web" online
channel Courrier "Courrier postal" offline
channel Telephone "Téléphone" offline
persona Assure "Assuré"
team Gestion "Service gestion"
team LoveTeam "Équipe parcours"
`;

/** Builds an in-memory workspace of `files` (path → text) with the real pipeline. */
export function workspaceOf(files: Record<string, string>): Promise<JourneyWorkspace> {
    return buildWorkspace(Object.entries(files).map(([path, text]) => ({ path, text })), '/ws');
}

/** Diagnostics of one journey text checked together with CATALOG. */
export async function diagnosticsOf(text: string): Promise<FileDiagnostic[]> {
    const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'test.journey': text });
    return workspace.diagnostics;
}

/**
 * Diagnostics of one journey text checked together with CATALOG by the language server's services
 * (Langium's parser, with its CST), in the shape and order of `diagnosticsOf` (`journey check`'s).
 */
export async function editorDiagnosticsOf(text: string): Promise<FileDiagnostic[]> {
    const { shared } = createJourneyServices(EmptyFileSystem);
    const files = { 'catalog.journey': CATALOG, 'test.journey': text };
    const documents = Object.entries(files).map(([path, content]) => shared.workspace.LangiumDocumentFactory.fromString(content, URI.file(`/ws/${path}`)));
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents.flatMap((document, index) => (document.diagnostics ?? []).map(d => toFileDiagnostic(Object.keys(files)[index], d)))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
    let index = -1;
    for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' not found in the test text`);
    const before = text.slice(0, index).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
}
