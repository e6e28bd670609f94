// `Journey: Import Mermaid Journey` (journey.importMermaid): turns a Mermaid journey (a .mmd file,
// the ```mermaid blocks of a Markdown file, or the selected text) into a new journey document.
// Problems are shown in the Problems panel at their line of the Mermaid source. The language
// server imports (`journey/importMermaid`, the importer of `journey import mermaid`).
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { IMPORT_MERMAID_METHOD, type ImportMermaidParams, type ImportMermaidResult } from '../server/protocol.js';

const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx']);

export function registerImportMermaid(context: vscode.ExtensionContext, client: LanguageClient): void {
    const diagnostics = vscode.languages.createDiagnosticCollection('journey-mermaid-import');
    context.subscriptions.push(
        diagnostics,
        vscode.commands.registerCommand('journey.importMermaid', (uri?: vscode.Uri) => importCommand(client, uri, diagnostics)),
        // The import's problems describe the text as it was: they go once the source changes or closes.
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.contentChanges.length) diagnostics.delete(event.document.uri);
        }),
        vscode.workspace.onDidCloseTextDocument(document => diagnostics.delete(document.uri))
    );
}

interface Source {
    text: string;
    uri?: vscode.Uri;
    /** 0-based line of `text`'s first line in the document (a selection). */
    lineOffset: number;
    kind: 'mermaid' | 'markdown' | 'auto';
    name: string;
}

async function importCommand(client: LanguageClient, uri: vscode.Uri | undefined, diagnostics: vscode.DiagnosticCollection): Promise<void> {
    const source = await chooseSource(uri);
    if (!source) return;
    const params: ImportMermaidParams = { text: source.text, kind: source.kind, source: source.name };
    let result: ImportMermaidResult;
    try {
        result = await client.sendRequest<ImportMermaidResult>(IMPORT_MERMAID_METHOD, params);
    } catch (error) {
        void vscode.window.showErrorMessage(`No Mermaid journey imported: the language server did not answer (${error instanceof Error ? error.message : String(error)}).`);
        return;
    }
    if (source.uri) diagnostics.set(source.uri, toDiagnostics(result, source.lineOffset));
    if (result.journeys === 0) {
        const first = result.problems.find(p => p.severity === 'error') ?? result.problems[0];
        void vscode.window.showErrorMessage(`No Mermaid journey imported: ${first?.message ?? 'nothing found.'}`);
        return;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'journey', content: result.text });
    await vscode.window.showTextDocument(document, { preview: false });
    const errors = result.problems.filter(p => p.severity === 'error').length;
    const tasks = result.touchpoints;
    const summary = `Imported ${result.journeys} journey${result.journeys === 1 ? '' : 's'} (${tasks} touchpoint${tasks === 1 ? '' : 's'}) from ${source.name}.`;
    if (errors) {
        void vscode.window.showWarningMessage(`${summary} ${errors} line${errors === 1 ? ' was' : 's were'} not understood: see the Problems panel.`);
    } else {
        void vscode.window.showInformationMessage(`${summary} Save it as a .journey file.`);
    }
}

/** The explorer's file, else the editor's selection, else the editor's file, else a file picked by the user. */
async function chooseSource(uri: vscode.Uri | undefined): Promise<Source | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!uri && editor) {
        const { document, selection } = editor;
        if (!selection.isEmpty) {
            return {
                text: document.getText(selection), uri: document.uri, lineOffset: selection.start.line, kind: 'auto',
                name: `${baseName(document.uri)} (selection)`
            };
        }
        if (/\.(mmd|mermaid|md|markdown|mdx)$/i.test(document.uri.path) || MARKDOWN_LANGUAGES.has(document.languageId) || document.languageId === 'mermaid') {
            return { text: document.getText(), uri: document.uri, lineOffset: 0, kind: kindOf(document.uri, document.languageId), name: baseName(document.uri) };
        }
    }
    if (!uri) {
        const picked = await vscode.window.showOpenDialog({
            canSelectMany: false, openLabel: 'Import', title: 'Import a Mermaid journey',
            filters: { 'Mermaid or Markdown': ['mmd', 'mermaid', 'md', 'markdown'] }
        });
        uri = picked?.[0];
        if (!uri) return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    return { text: document.getText(), uri, lineOffset: 0, kind: kindOf(uri, document.languageId), name: baseName(uri) };
}

function kindOf(uri: vscode.Uri, languageId: string): Source['kind'] {
    if (/\.(md|markdown|mdx)$/i.test(uri.path) || MARKDOWN_LANGUAGES.has(languageId)) return 'markdown';
    return 'auto';
}

function baseName(uri: vscode.Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

const SEVERITIES = {
    error: vscode.DiagnosticSeverity.Error,
    warning: vscode.DiagnosticSeverity.Warning,
    info: vscode.DiagnosticSeverity.Information
} as const;

function toDiagnostics(result: ImportMermaidResult, lineOffset: number): vscode.Diagnostic[] {
    return result.problems.map(problem => {
        const line = Math.max(0, problem.line - 1 + lineOffset);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), problem.message, SEVERITIES[problem.severity]);
        diagnostic.source = 'Mermaid import';
        return diagnostic;
    });
}
