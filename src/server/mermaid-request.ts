/**
 * `journey/importMermaid` (src/server/protocol.ts): a Mermaid journey, or the ```mermaid blocks
 * of a Markdown text, turned into journey text by the importer `journey import mermaid` uses.
 * The extension sends the text and shows the result; it holds no importer of its own.
 */
import type { Connection } from 'vscode-languageserver';
import { importMermaid } from '../interop/mermaid-import.js';
import { IMPORT_MERMAID_METHOD, type ImportMermaidParams, type ImportMermaidResult } from './protocol.js';

export function registerMermaidRequests(connection: Connection): void {
    connection.onRequest(IMPORT_MERMAID_METHOD, (params: ImportMermaidParams) => importMermaidText(params));
}

export function importMermaidText(params: ImportMermaidParams): ImportMermaidResult {
    const result = importMermaid(params.text, { kind: params.kind, source: params.source });
    const touchpoints = result.journeys.reduce((sum, j) => sum + j.sections.reduce((s, section) => s + section.tasks.length, 0), 0);
    return { text: result.text, problems: result.problems, journeys: result.journeys.length, touchpoints };
}
