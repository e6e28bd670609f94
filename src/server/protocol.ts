/**
 * The language server's own requests and notifications, beside LSP's: everything the VS Code
 * extension asks of the server, which parses, builds workspaces, diffs, imports and renders so
 * that the extension never does. Method names are plain strings (the client and the server
 * bundle different vscode-jsonrpc copies). Only types are imported here: the extension imports
 * this file, and its bundle must stay free of the parser (test/architecture).
 */
import type { ImportProblem } from '../interop/mermaid-reader.js';
import type { PreviewPayload } from '../render/preview-data.js';
import type { Portfolio } from '../language/model/portfolio.js';
import type { Locale } from '../language/i18n/i18n.js';

/** Request `journey/previewModel`: the preview's payload for one document, unsaved edits included, with the KPI results computed so far. */
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

/**
 * Request `journey/compareModel` (Compare with…): the preview's payload with the marks of the
 * diff from `base` (a git revision or a path) → `PreviewModelResult`. A base that is neither
 * fails the request with a message for the user.
 */
export const COMPARE_MODEL_METHOD = 'journey/compareModel';

export interface CompareModelParams extends PreviewModelParams {
    /** A git revision or a path (the Node server reads it); in the browser, the name shown for `baseFiles`. */
    base: string;
    /**
     * The other version's journey files, read by the client (the web extension, where the server
     * runs no git and reads no disk): texts by URI. With `baseOverlay`, they replace the files of
     * the same URI in the current workspace, whose other files are taken as they are; without
     * it, they are the whole other version.
     */
    baseFiles?: Record<string, string>;
    baseOverlay?: boolean;
}

/** Request `journey/renderMapSvg` (Export Map… as SVG): `PreviewModelParams` → `RenderMapSvgResult`, the map with its charts rendered by Vega. */
export const RENDER_MAP_SVG_METHOD = 'journey/renderMapSvg';

export interface RenderMapSvgResult {
    svg: string;
}

/** Request `journey/importMermaid` (Import Mermaid Journey): `ImportMermaidParams` → `ImportMermaidResult`. */
export const IMPORT_MERMAID_METHOD = 'journey/importMermaid';

export interface ImportMermaidParams {
    text: string;
    /** `markdown` reads the ```mermaid blocks; `auto` decides from the text. */
    kind: 'mermaid' | 'markdown' | 'auto';
    /** The input's name, for the header comment and the id of a journey without title. */
    source: string;
}

export interface ImportMermaidResult {
    /** The journey text (canonical layout); empty when nothing could be imported. */
    text: string;
    /** 1-based lines of the Mermaid input, sorted. */
    problems: ImportProblem[];
    journeys: number;
    touchpoints: number;
}

/**
 * Request `journey/overview` ("Journey: Overview"): `OverviewParams` → `OverviewResult`, every
 * journey of a workspace folder with its health (KPI statuses judged with the latest results),
 * worst first. The extension writes it with src/render/overview-html.ts.
 */
export const OVERVIEW_METHOD = 'journey/overview';

export interface OverviewParams {
    /** The workspace folder (`file:` URI); every journey the server knows when absent. */
    root?: string;
}

export interface OverviewResult {
    portfolio: Portfolio;
    /** `YYYY-MM-DD` the statuses are judged on. */
    today: string;
    /** The server's locale (the client's display language unless `journey.locale` says otherwise). */
    locale: Locale;
}

/** Notification server → client: new KPI results are in; previews ask for their model again. */
export const KPI_RESULTS_CHANGED = 'journey/kpiResultsChanged';

/** Notification client → server: a data file (CSV, JSON lines, Parquet) was created, changed or deleted. */
export const DATA_FILES_CHANGED = 'journey/dataFilesChanged';

/**
 * Requests server → client of the language server in a web worker (src/server/main-browser.ts),
 * which has no disk: the client reads the workspace through `vscode.workspace.fs` (any file
 * system the editor has: github.dev's repositories, vscode.dev's folders, in-memory ones).
 * `journey/fs/stat` and `journey/fs/readDirectory` answer `FileEntry` (a missing file fails the
 * request); `journey/fs/readFile` answers the text, decoded as UTF-8 without its byte-order mark.
 */
export const FS_STAT_METHOD = 'journey/fs/stat';
export const FS_READ_DIRECTORY_METHOD = 'journey/fs/readDirectory';
export const FS_READ_FILE_METHOD = 'journey/fs/readFile';

export interface FileParams {
    uri: string;
}

export interface FileEntry {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}

/** Counters of the language server, for benchmarks and diagnostics of the server itself. */
export interface ServerStats {
    /** Documents validated since the server started (one count per document per build). */
    validations: number;
    /** How many times each document was validated, by URI. */
    validationsByUri: Record<string, number>;
    /** Documents the server knows (open or found in the workspace folders). */
    documents: number;
    /** Resident set size and heap used, in bytes. */
    rss: number;
    heapUsed: number;
    /** KPI status passes after changes, and the metrics engine runs among them (a pass whose inputs did not change skips the engine). */
    kpiPasses: number;
    kpiEngineRuns: number;
}

export interface ServerStatsParams {
    /** Run a full garbage collection first (only when the server runs with `node --expose-gc`), so that `heapUsed` is what it retains. */
    gc?: boolean;
}

/** Request `journey/serverStats` (optional `ServerStatsParams`) → `ServerStats`, answered once every change received before it is built. */
export const SERVER_STATS_METHOD = 'journey/serverStats';
