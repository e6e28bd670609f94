/**
 * `journey/importMermaid` (src/server/protocol.ts): a Mermaid journey, or the ```mermaid blocks
 * of a Markdown text, turned into journey text by the importer `journey import mermaid` uses.
 * The extension sends the text and shows the result; it holds no importer of its own. Problems
 * and the comments of the journey text are in the server's locale (the editor's, or `journey.locale`).
 */
import type { Connection } from 'vscode-languageserver';
import type { Locale } from '../language/i18n/i18n.js';
import type { JourneySettings } from '../language/journey-settings.js';
import { importMermaid } from '../interop/mermaid-import.js';
import { IMPORT_MERMAID_METHOD, type ImportMermaidParams, type ImportMermaidResult } from './protocol.js';

export function registerMermaidRequests(connection: Connection, settings: Pick<JourneySettings, 'locale'>): void {
    connection.onRequest(IMPORT_MERMAID_METHOD, (params: ImportMermaidParams) => importMermaidText(params, settings.locale));
}

export function importMermaidText(params: ImportMermaidParams, locale?: Locale): ImportMermaidResult {
    const result = importMermaid(params.text, { kind: params.kind, source: params.source, ...(locale ? { locale } : {}) });
    const touchpoints = result.journeys.reduce((sum, j) => sum + j.sections.reduce((s, section) => s + section.tasks.length, 0), 0);
    return { text: result.text, problems: result.problems, journeys: result.journeys.length, touchpoints };
}
