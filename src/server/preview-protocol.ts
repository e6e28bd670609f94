/**
 * The preview's request to the language server: the journey model of the workspace as the
 * server has it (including unsaved edits), with the series bound to KPIs read, for one
 * document. The extension never parses journey text itself.
 */
import type { PreviewPayload } from '../render/preview-data.js';

/** Request `journey/previewModel`: `PreviewModelParams` → `PreviewModelResult`. A plain method name (client and server bundle different vscode-jsonrpc copies). */
export const PREVIEW_MODEL_METHOD = 'journey/previewModel';

export interface PreviewModelParams {
    /** The document to preview. */
    uri: string;
    /** The workspace folder (`file:` URI) files are named relative to; the document's folder when absent. */
    root?: string;
}

export interface PreviewModelResult {
    payload: PreviewPayload;
    /** The version of the document the model was built from (the editor drops older answers). */
    version?: number;
}

/** Notification server → client: new KPI results are in; previews ask for their model again. */
export const KPI_RESULTS_CHANGED = 'journey/kpiResultsChanged';

/** Notification client → server: a data file (CSV, JSON lines, Parquet) was created, changed or deleted. */
export const DATA_FILES_CHANGED = 'journey/dataFilesChanged';
