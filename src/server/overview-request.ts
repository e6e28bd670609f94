/**
 * `journey/overview` (src/server/protocol.ts): the portfolio of a workspace folder from the
 * server's documents (unsaved edits included) and the latest KPI results, built inside the
 * workspace lock once pending edits are built, like the preview's requests.
 */
import { URI } from 'vscode-uri';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { JourneyServices } from '../language/journey-module.js';
import { portfolio } from '../language/model/portfolio.js';
import { currentDay, dayOf } from '../language/model/today.js';
import { OVERVIEW_METHOD, type OverviewParams, type OverviewResult } from './protocol.js';
import { serverWorkspaceModel } from './server-model.js';

export function registerOverviewRequest(connection: Connection, shared: LangiumSharedServices, journey: JourneyServices): void {
    connection.onRequest(OVERVIEW_METHOD, (params: OverviewParams) => overview(shared, journey, params));
}

export function overview(shared: LangiumSharedServices, journey: JourneyServices, params: OverviewParams): Promise<OverviewResult> {
    const folders = shared.workspace.WorkspaceManager.workspaceFolders ?? [];
    const root = URI.parse(params.root ?? folders[0]?.uri ?? 'file:///');
    return shared.workspace.WorkspaceLock.read(async () => {
        const whole = serverWorkspaceModel(shared, root);
        // Journeys of other workspace folders are named with '../': they are not this folder's.
        const model = { ...whole, journeys: whole.journeys.filter(j => !j.file.startsWith('../')) };
        const today = currentDay();
        return { portfolio: portfolio(model, journey.KpiStatuses.all(whole), today), today: dayOf(today), locale: journey.JourneySettings.locale };
    });
}
