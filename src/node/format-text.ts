import { EmptyFileSystem } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Model } from '../language/generated/ast.js';
import { friendlySyntaxMessage } from '../language/journey-diagnostics.js';
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
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length) {
        const error = lexerErrors[0];
        return { ok: false, line: error.line ?? 1, column: error.column ?? 1, message: friendlySyntaxMessage(error.message) };
    }
    if (parserErrors.length) {
        const token = parserErrors[0].token;
        const line = Number.isFinite(token.startLine) ? token.startLine! : 1;
        const column = Number.isFinite(token.startColumn) ? token.startColumn! : 1;
        return { ok: false, line, column, message: friendlySyntaxMessage(parserErrors[0].message) };
    }
    const formatter = services.lsp.Formatter as JourneyFormatter;
    const edits = formatter.format(document, { tabSize: 2, insertSpaces: true });
    return { ok: true, text: TextDocument.applyEdits(document.textDocument as TextDocument, edits) };
}
