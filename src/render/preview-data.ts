/**
 * What every preview surface (VS Code webview, `journey render`, `journey serve`) renders:
 * the workspace model, the KPI results measured so far, and which file's journeys to show.
 * Plain JSON, so it can be posted to a webview or embedded in a page.
 */
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';
import type { JourneyModel, KpiModel, WorkspaceModel } from '../language/model/journey-model.js';
import { distinctProblems, evaluateTarget, type DataProblem, type KpiResult, type TargetEvaluation } from '../language/model/kpi-results.js';
import type { DiffMarks } from '../diff/diff-marks.js';
import { currentDay, dateOfDay } from '../language/model/today.js';

export interface PreviewPayload {
    model: WorkspaceModel;
    results: KpiResult[];
    /** Workspace-relative file whose journeys are shown; every journey when absent. */
    file?: string;
    /** Problems met while reading the data files, shown under the map. */
    problems?: DataProblem[];
    /** `YYYY-MM-DD` the statuses are computed for (deadlines); today when absent. */
    today?: string;
    /** Title of the page or panel. */
    title?: string;
    /** Visual diff (`journey render --diff`): elements to mark and what was removed, see src/diff/diff-marks.ts. */
    marks?: DiffMarks;
    /** The language of the page's words, numbers and dates (the editor's or the CLI's); English when absent. */
    locale?: Locale;
    /**
     * The shown file has errors: a banner names the first. `kept`: the map drawn is the file's last
     * one without errors (LastValidMaps), not the one read from the text with errors.
     */
    stale?: FileErrors & { kept: boolean };
    /** The results come from series files only (no metrics engine where the map is made: the web extension); the cards of KPIs bound to other data say so. */
    seriesOnly?: boolean;
}

/** The errors of a file, as a banner names them: the first error (1-based line), and how many. */
export interface FileErrors {
    line: number;
    message: string;
    count: number;
}

export interface PayloadInput {
    model: WorkspaceModel;
    results: KpiResult[];
    /** Workspace-relative file whose journeys are shown. */
    file: string;
    /** `YYYY-MM-DD` deadlines are judged against; today when absent. */
    today?: string;
    /** The visual diff, when the map is compared with another version. */
    marks?: DiffMarks;
    /** The shown file's errors, if it has any. */
    errors?: FileErrors;
    /** See PreviewPayload.seriesOnly. */
    seriesOnly?: boolean;
    locale?: Locale;
}

/** The messages of the payload's locale. */
export function payloadMessages(payload: Pick<PreviewPayload, 'locale'>): Messages {
    return messages(payload.locale ?? DEFAULT_LOCALE);
}

/**
 * The one payload builder, for every surface (the language server's preview and Compare
 * with…, `journey render`, `journey serve`): the shown file's data problems (those of its
 * journeys' KPIs, and those written in it), its journeys' titles as the title.
 */
export function previewPayload(input: PayloadInput): PreviewPayload {
    const { model, results, file, today, marks, errors, locale } = input;
    const journeys = model.journeys.filter(j => j.file === file);
    // What the page draws: the file's journeys with the journeys they are compared with.
    const drawn = journeyGroups({ model, results, file }).flat();
    const drawnIds = new Set(drawn.map(j => j.id));
    const sharedKpis = new Set(drawn.flatMap(j => j.kpis.filter(k => k.shared).map(k => k.id)));
    const ownResults = new Set(results.filter(result => result.journey !== undefined ? drawnIds.has(result.journey) : sharedKpis.has(result.kpi)));
    const problems = distinctProblems(results.flatMap(result =>
        result.problems.filter(problem => ownResults.has(result) || problem.file === file)));
    const title = journeys.map(j => j.title).join(' · ') || file;
    return {
        model: modelOf(model, drawn),
        // The problems are listed once, under the map; the results carry the values only.
        results: [...ownResults].map(result => ({ ...result, problems: [] })),
        file,
        ...(problems.length ? { problems } : {}),
        ...(today ? { today } : {}),
        title: marks ? messages(locale ?? DEFAULT_LOCALE).t('preview.comparedWith', { title, base: marks.base }) : title,
        ...(marks ? { marks } : {}),
        ...(locale ? { locale } : {}),
        ...(errors ? { stale: { ...errors, kept: false } } : {}),
        ...(input.seriesOnly ? { seriesOnly: true } : {})
    };
}

/**
 * The model a page needs to draw `journeys`: them, and the catalog entries they name. An
 * exported page carries its own journey only, not the rest of the workspace.
 */
function modelOf(model: WorkspaceModel, journeys: JourneyModel[]): WorkspaceModel {
    const named = new Set<string>();
    for (const journey of journeys) {
        journey.personas.forEach(id => named.add(id));
        if (journey.owner) named.add(journey.owner);
        for (const stage of journey.stages) {
            if (stage.owner) named.add(stage.owner);
            stage.tags?.forEach(tag => named.add(tag.slice(0, tag.indexOf('.'))));
            for (const touchpoint of stage.touchpoints) {
                touchpoint.channels.forEach(id => named.add(id));
                touchpoint.actors.forEach(id => named.add(id));
                if (touchpoint.owner) named.add(touchpoint.owner);
                touchpoint.segments?.forEach(id => named.add(id));
                touchpoint.tags?.forEach(tag => named.add(tag.slice(0, tag.indexOf('.'))));
            }
        }
        for (const kpi of journey.kpis) {
            if (kpi.owner) named.add(kpi.owner);
            if (kpi.scope.level === 'channel' && kpi.scope.ref) named.add(kpi.scope.ref);
        }
    }
    const keep = <T extends { id: string }>(list: T[]) => list.filter(item => named.has(item.id));
    return {
        ...model, journeys, channels: keep(model.channels), personas: keep(model.personas), segments: keep(model.segments ?? []), teams: keep(model.teams),
        roles: keep(model.roles ?? []), organisations: keep(model.organisations ?? []), tagFamilies: keep(model.tagFamilies ?? []), kpis: [], sources: []
    };
}

/**
 * The last map of each file that had no errors, for the surfaces that follow edits (the preview,
 * `journey serve`): while a file has errors they show its last valid map under a banner naming
 * the first error, instead of the map of whatever the parser could read. A file never seen
 * without errors shows what was read, under the same banner.
 */
export class LastValidMaps {
    private readonly byFile = new Map<string, PreviewPayload>();

    /** The payload to show for `payload` (made by `previewPayload`), remembering it when its file has no errors. */
    show(payload: PreviewPayload): PreviewPayload {
        const file = payload.file ?? '';
        if (!payload.stale) {
            this.byFile.set(file, payload);
            return payload;
        }
        const last = this.byFile.get(file);
        return last ? { ...last, stale: { ...payload.stale, kept: true } } : payload;
    }

    /** Whether a map of `file` was kept. */
    has(file: string): boolean {
        return this.byFile.has(file);
    }

    /** Forgets a file (closed, deleted). */
    forget(file: string): void {
        this.byFile.delete(file);
    }
}

export interface KpiView {
    kpi: KpiModel;
    journey?: JourneyModel;
    result?: KpiResult;
    evaluation: TargetEvaluation;
}

/** The KPI's result: the journey's own first, then a catalog-level one. */
export function resultOf(results: KpiResult[], kpi: KpiModel, journey?: JourneyModel): KpiResult | undefined {
    return results.find(r => r.kpi === kpi.id && r.journey === journey?.id)
        ?? results.find(r => r.kpi === kpi.id && r.journey === undefined);
}

export function kpiView(payload: PreviewPayload, kpi: KpiModel, journey?: JourneyModel): KpiView {
    const result = resultOf(payload.results, kpi, journey);
    const today = payload.today ? dateOfDay(payload.today) : currentDay();
    // The status is always computed the same way: the contract's evaluateTarget.
    const evaluation = evaluateTarget(kpi.target, result?.points ?? [], kpi.direction, today, kpi.unit);
    return { kpi, journey, result, evaluation };
}

/**
 * The journeys to show, grouped with their counterpart: a current journey and the target
 * journeys that improve it (or the reverse), so they can be compared.
 */
export function journeyGroups(payload: PreviewPayload): JourneyModel[][] {
    const all = payload.model.journeys;
    const shown = payload.file === undefined ? all : all.filter(j => j.file === payload.file);
    const groups: JourneyModel[][] = [];
    const placed = new Set<JourneyModel>();
    for (const journey of shown) {
        if (placed.has(journey)) continue;
        const current = journey.state === 'target' && journey.improves ? all.find(j => j.id === journey.improves) ?? journey : journey;
        const targets = all.filter(j => j !== current && j.improves === current.id);
        const group = [current, ...targets].filter(j => !placed.has(j));
        group.forEach(j => placed.add(j));
        groups.push(group);
    }
    return groups;
}

/** Safe DOM id fragment for an element id (ids are identifiers, but may hold `.`). */
export function domId(...parts: string[]): string {
    return parts.map(p => p.replace(/[^\w-]/g, '_')).join('--');
}
