import { EmptyFileSystem } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Model } from '../language/generated/ast.js';
import { firstSyntaxError } from '../language/journey-diagnostics.js';
import type { JourneyFormatter } from '../language/journey-formatter.js';
import { createJourneyServices } from '../language/journey-module.js';

export type FormatResult =
    | { ok: true; text: string }
    | { ok: false; line: number; column: number; message: string };

let services: ReturnType<typeof createJourneyServices>['Journey'] | undefined;

/** The canonical layout of a journey file, or the first syntax error that prevents it. */
export function formatJourneyText(text: string, uri = 'memory:///file.journey'): FormatResult {
    services ??= createJourneyServices(EmptyFileSystem).Journey;
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(uri));
    const error = firstSyntaxError(document.parseResult);
    if (error) return { ok: false, ...error };
    const formatter = services.lsp.Formatter as JourneyFormatter;
    const edits = formatter.format(document, { tabSize: 2, insertSpaces: true });
    return { ok: true, text: TextDocument.applyEdits(document.textDocument as TextDocument, edits) };
}
