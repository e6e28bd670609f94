/**
 * The preview's requests (src/server/protocol.ts): `journey/previewModel`, `journey/compareModel`
 * (Compare with…) and `journey/renderMapSvg` (Export Map… as SVG). Each waits until pending
 * edits are built (the workspace lock's read queue runs after queued writes), then turns the
 * server's documents into the journey model, with the latest KPI results of the metrics engine
 * (kpi-status-service.ts), and makes the payload with the one payload builder.
 */
import { DocumentState, UriUtils, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { JourneyServices } from '../language/journey-module.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import type { KpiResult } from '../language/model/kpi-results.js';
import type { WorkspaceDiff } from '../diff/diff-types.js';
import type { Locale } from '../language/i18n/i18n.js';
import { firstSyntaxError } from '../language/journey-diagnostics.js';
import { LastValidMaps, previewPayload, type FileErrors } from '../render/preview-data.js';
import {
    COMPARE_MODEL_METHOD, PREVIEW_MODEL_METHOD, RENDER_MAP_SVG_METHOD,
    type CompareModelParams, type PreviewModelParams, type PreviewModelResult, type RenderMapSvgResult
} from './protocol.js';
import { relativeFile, serverWorkspaceModel } from './server-model.js';
import { currentDay, dayOf } from '../language/model/today.js';

/**
 * The diff of the workspace `model` (files named relative to `root`) from the version
 * `params` names: read by git or from disk in Node (main-node.ts), from the texts the client
 * sent in a web worker (main-browser.ts). Its sentences, and the Error it throws (whose message is
 * for the user), are in `locale`: the editor's.
 */
export type CompareBase = (params: CompareModelParams, root: URI, model: WorkspaceModel, locale: Locale) => Promise<WorkspaceDiff>;

/** What the payloads say of where they are made. */
export interface PayloadOptions {
    /** KPI results come from series files only (no metrics engine: the web worker): the cards of the others say so. */
    seriesOnly?: boolean;
}

export function registerPreviewRequests(connection: Connection, shared: LangiumSharedServices, journey: JourneyServices, compareBase: CompareBase, options: PayloadOptions = {}): void {
    // While a file has errors, the preview and its exports show its last map without errors.
    const lastValid = new LastValidMaps();
    connection.onRequest(PREVIEW_MODEL_METHOD, (params: PreviewModelParams) => previewModel(shared, journey, params, lastValid, options));
    connection.onRequest(COMPARE_MODEL_METHOD, (params: CompareModelParams) => compareModel(shared, journey, params, compareBase, options));
    connection.onRequest(RENDER_MAP_SVG_METHOD, (params: PreviewModelParams) => renderMapSvg(shared, journey, params, lastValid, options));
}

interface Snapshot {
    root: URI;
    file: string;
    model: WorkspaceModel;
    results: KpiResult[];
    /** `YYYY-MM-DD` the statuses are judged on: the page judges edits on the same day. */
    today: string;
    version?: number;
    /** The file's errors, for the banner. */
    errors?: FileErrors;
}

/** The server's documents as a model, and what the preview of `params.uri` needs with it. */
function snapshot(shared: LangiumSharedServices, journey: JourneyServices, params: PreviewModelParams): Promise<Snapshot> {
    const uri = URI.parse(params.uri);
    const root = params.root ? URI.parse(params.root) : UriUtils.dirname(uri);
    // Edits in a burst are built when it pauses: first the document built from the text the
    // request was sent with (journey-document-builder.ts), then the model once no build runs.
    const built = shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri).catch(() => undefined);
    return built.then(() => shared.workspace.WorkspaceLock.read(async () => {
        const model = serverWorkspaceModel(shared, root);
        const document = shared.workspace.LangiumDocuments.getDocument(uri);
        const errors = document && fileErrors(document);
        return {
            root, model, ...(errors ? { errors } : {}),
            file: relativeFile(root, uri),
            results: journey.KpiStatuses.all(model),
            today: dayOf(currentDay()),
            version: shared.workspace.TextDocuments?.get(uri.toString())?.version
        };
    }));
}

export async function previewModel(shared: LangiumSharedServices, journey: JourneyServices, params: PreviewModelParams, lastValid?: LastValidMaps, options: PayloadOptions = {}): Promise<PreviewModelResult> {
    const { model, results, file, today, version, errors } = await snapshot(shared, journey, params);
    const payload = previewPayload({ model, results, file, today, errors, locale: journey.JourneySettings.locale, ...options });
    return { payload: lastValid ? lastValid.show(payload) : payload, ...(version !== undefined ? { version } : {}) };
}

/**
 * The errors of a document: its diagnostics once validated, its syntax errors before (a build
 * after an edit validates later, and a map read from a broken text is what the banner warns about).
 */
function fileErrors(document: LangiumDocument): FileErrors | undefined {
    if (document.state >= DocumentState.Validated) {
        const errors = (document.diagnostics ?? []).filter(d => d.severity === DiagnosticSeverity.Error)
            .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        return errors.length ? { line: errors[0].range.start.line + 1, message: String(errors[0].message), count: errors.length } : undefined;
    }
    const first = firstSyntaxError(document.parseResult);
    const count = document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length;
    return first ? { line: first.line, message: first.message, count } : undefined;
}

/** The preview's payload with what changed since `params.base` marked (as `journey render --diff`). */
export async function compareModel(shared: LangiumSharedServices, journey: JourneyServices, params: CompareModelParams, compareBase: CompareBase, options: PayloadOptions = {}): Promise<PreviewModelResult> {
    const { root, model, results, file, today, version, errors } = await snapshot(shared, journey, params);
    // The diff engine loads on first use: most sessions never compare.
    const { marksFromDiff } = await import('../diff/diff-marks.js');
    // The editor's language (`initialize`'s locale, or `journey.locale`), for the diff's sentences and errors.
    const locale = journey.JourneySettings.locale;
    let marks;
    try {
        marks = marksFromDiff(await compareBase(params, root, model, locale), locale);
    } catch (error) {
        // The reason is for the user ("main: neither a file or folder nor a git revision…").
        throw new ResponseError(LSPErrorCodes.RequestFailed, error instanceof Error ? error.message : String(error));
    }
    return { payload: previewPayload({ model, results, file, today, marks, errors, locale, ...options }), ...(version !== undefined ? { version } : {}) };
}

/** The preview's map as one SVG document, charts included (Vega runs here, not in the extension). */
export async function renderMapSvg(shared: LangiumSharedServices, journey: JourneyServices, params: PreviewModelParams, lastValid?: LastValidMaps, options: PayloadOptions = {}): Promise<RenderMapSvgResult> {
    const { payload } = await previewModel(shared, journey, params, lastValid, options);
    const { renderMapSvg: render } = await import('../render/map-svg.js');
    return { svg: await render(payload) };
}
