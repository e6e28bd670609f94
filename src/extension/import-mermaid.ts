// `Journey: Import Mermaid Journey` (journey.importMermaid): turns a Mermaid journey (a .mmd file,
// the ```mermaid blocks of a Markdown file, or the selected text) into a new journey document.
// Problems are shown in the Problems panel at their line of the Mermaid source. The language
// server imports (`journey/importMermaid`, the importer of `journey import mermaid`).
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { IMPORT_MERMAID_METHOD, type ImportMermaidParams, type ImportMermaidResult } from '../server/protocol.js';
import { extensionMessages } from './extension-locale.js';

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
    const m = extensionMessages();
    let result: ImportMermaidResult;
    try {
        result = await client.sendRequest<ImportMermaidResult>(IMPORT_MERMAID_METHOD, params);
    } catch (error) {
        void vscode.window.showErrorMessage(m.t('ext.import.noAnswer', { error: error instanceof Error ? error.message : String(error) }));
        return;
    }
    if (source.uri) diagnostics.set(source.uri, toDiagnostics(result, source.lineOffset));
    if (result.journeys === 0) {
        const first = result.problems.find(p => p.severity === 'error') ?? result.problems[0];
        void vscode.window.showErrorMessage(m.t('ext.import.failed', { reason: first?.message ?? m.t('ext.import.nothingFound') }));
        return;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'journey', content: result.text });
    await vscode.window.showTextDocument(document, { preview: false });
    const errors = result.problems.filter(p => p.severity === 'error').length;
    const tasks = result.touchpoints;
    const values = { journeys: result.journeys, touchpoints: tasks, source: source.name, errors };
    if (errors) {
        void vscode.window.showWarningMessage(m.t('ext.import.withErrors', values));
    } else {
        void vscode.window.showInformationMessage(m.t('ext.import.done', values));
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
                name: extensionMessages().t('ext.import.selection', { file: baseName(document.uri) })
            };
        }
        if (/\.(mmd|mermaid|md|markdown|mdx)$/i.test(document.uri.path) || MARKDOWN_LANGUAGES.has(document.languageId) || document.languageId === 'mermaid') {
            return { text: document.getText(), uri: document.uri, lineOffset: 0, kind: kindOf(document.uri, document.languageId), name: baseName(document.uri) };
        }
    }
    if (!uri) {
        const m = extensionMessages();
        const picked = await vscode.window.showOpenDialog({
            canSelectMany: false, openLabel: m.t('ext.import.open'), title: m.t('ext.import.title'),
            filters: { [m.t('ext.import.filter')]: ['mmd', 'mermaid', 'md', 'markdown'] }
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
        diagnostic.source = extensionMessages().t('ext.import.source');
        return diagnostic;
    });
}
