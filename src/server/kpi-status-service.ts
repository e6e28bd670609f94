/**
 * Computes the KPIs of the workspace in the language server, after each change of a journey
 * or of a data file, so that the editor's code lenses, hovers and preview show where each KPI
 * stands, as `journey metrics` says. Computations are debounced and never overlap; the client
 * is told when new results are in, or the locale changed (code lens refresh and `journey/kpiResultsChanged`).
 *
 * The engine is given by the host: in Node, DuckDB (`@duckdb/node-api`, a native module shipped
 * in the platform's .vsix), or the series files alone where it cannot load (kpi-engine-node.ts);
 * in a web worker, the series files read through the client (main-browser.ts).
 */
import { DocumentState, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CodeLensRefreshRequest, type Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { JourneyServices } from '../language/journey-module.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import type { KpiResult } from '../language/model/kpi-results.js';
import { fileKind } from '../metrics/source-input.js';
import { KPI_RESULTS_CHANGED, DATA_FILES_CHANGED } from './protocol.js';
import { hasMetrics, serverWorkspaceModel } from './server-model.js';
import { currentDay, dayOf } from '../language/model/today.js';
import type { Locale } from '../language/i18n/i18n.js';

/** Computes the results of the KPIs of `model` (the files that bind KPIs to data), data paths resolved from `root`, data problems worded in `locale`. */
export type KpiEngine = (model: WorkspaceModel, root: URI, locale: Locale) => Promise<KpiResult[]>;

const DEBOUNCE_MS = 250;

export class KpiStatusService {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private running: Promise<void> | undefined;
    private again = false;
    private codeLensRefresh = false;
    /** Bumped by each change of a data file: results depend on the model, the data and the day. */
    private dataVersion = 0;
    private computedFor: string | undefined;
    /** Passes after a change, and the engine runs among them (`journey/serverStats`). */
    readonly counts = { passes: 0, engineRuns: 0 };

    constructor(private readonly connection: Connection, private readonly shared: LangiumSharedServices, private readonly journey: JourneyServices,
        private readonly engine: KpiEngine) {
        shared.lsp.LanguageServer.onInitialize(params => {
            this.codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
        });
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => this.schedule());
        // Code lenses and previews are worded in the locale, and so are the data problems of the results:
        // `journey.locale` changed, word them again (the next pass computes the results in the new locale).
        journey.JourneySettings.onLocaleChange(() => { void this.refreshClient(); this.schedule(); });
        connection.onNotification(DATA_FILES_CHANGED, () => this.dataFilesChanged());
        // What any client reports of files changed on disk (Langium registers the watcher when the client can).
        shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(({ changes }) => {
            if (changes.some(change => fileKind(URI.parse(change.uri).path))) this.dataFilesChanged();
        });
    }

    private dataFilesChanged(): void {
        this.dataVersion++;
        this.schedule();
    }

    /** The folder data paths are resolved from: the first workspace folder, else the first journey's folder. */
    private root(): URI | undefined {
        const folder = this.shared.workspace.WorkspaceManager.workspaceFolders?.[0];
        if (folder) return URI.parse(folder.uri);
        const first = this.shared.workspace.LangiumDocuments.all.head();
        return first ? UriUtils.dirname(first.uri) : undefined;
    }

    schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => { this.timer = undefined; void this.run(); }, DEBOUNCE_MS);
    }

    private async run(): Promise<void> {
        if (this.running) {
            this.again = true;
            return;
        }
        this.running = this.compute().finally(() => { this.running = undefined; });
        await this.running;
        if (this.again) {
            this.again = false;
            this.schedule();
        }
    }

    private async compute(): Promise<void> {
        const statuses = this.journey.KpiStatuses;
        try {
            const root = this.root();
            // No folder and no document: nothing to compute.
            if (!root) return;
            // Performance: only the files that bind KPIs to data (in a workspace without any, the engine never runs).
            const model = await this.shared.workspace.WorkspaceLock.read(async () => serverWorkspaceModel(this.shared, root, hasMetrics));
            // Performance: an edit that changes nothing the KPIs read (another journey, a comment) costs no engine run.
            const locale = this.journey.JourneySettings.locale;
            const inputs = `${this.dataVersion}|${dayOf(currentDay())}|${locale}|${root.toString()}|${JSON.stringify(model)}`;
            this.counts.passes++;
            if (inputs === this.computedFor) return;
            this.counts.engineRuns++;
            const results = model.sources.length ? await this.engine(model, root, locale) : [];
            this.computedFor = inputs;
            // Nothing to show before or after: no need to disturb the client.
            if (results.length === 0 && statuses.known && statuses.count === 0) return;
            statuses.set(results);
        } catch (error) {
            this.connection.console.error(`KPI statuses: ${(error as Error)?.stack ?? error}`);
            return;
        }
        await this.refreshClient();
    }

    /** Asks the client to show code lenses and previews again (new results, or another language). */
    private async refreshClient(): Promise<void> {
        if (this.codeLensRefresh) await this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
        await this.connection.sendNotification(KPI_RESULTS_CHANGED);
    }
}
