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

/** Request `journey/serverStats` (no parameters) → `ServerStats`. A plain method name: client and server bundle different vscode-jsonrpc copies. */
export const SERVER_STATS_METHOD = 'journey/serverStats';
