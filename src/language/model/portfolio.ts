/**
 * The portfolio: every journey's health at once, for the overview (serve, render's index,
 * VS Code's "Journey: Overview") and the committee report. One row per journey, a target
 * journey beside the current journey it improves; KPI statuses judged by `evaluateTarget`;
 * rows worst first. Plain data: each surface writes it in its own format.
 */
import type { BaselineModel, JourneyModel, KpiModel, QuantityModel, Severity, TargetModel, WorkspaceModel } from './journey-model.js';
import { evaluateTarget, STATUS_ORDER, type KpiResult, type KpiStatus, type TargetEvaluation } from './kpi-results.js';
import { effectiveDirection, pastThreshold } from './kpi-semantics.js';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface PortfolioKpi {
    id: string;
    title: string;
    unit?: string;
    /** Written for people by `targetWords` in their locale (`≥ 2,5 jours`), not from the model's neutral `text`. */
    target?: Pick<TargetModel, 'comparator' | 'value' | 'unit'>;
    deadline?: string;
    direction?: 'higher' | 'lower';
    baseline?: BaselineModel;
    threshold?: QuantityModel;
    /** The latest value is at or past the alert threshold. */
    alert?: boolean;
    evaluation: TargetEvaluation;
}

export interface PortfolioPain {
    text: string;
    /** Absent when not given. */
    severity?: Severity;
    stage: string;
    /** Absent for a pain point of the stage itself. */
    touchpoint?: string;
    file: string;
    line: number;
}

export interface JourneySummary {
    id: string;
    title: string;
    file: string;
    line: number;
    state?: 'current' | 'target';
    owner?: { id: string; title: string };
    personas: { id: string; title: string }[];
    channels: string[];
    /** `Family.Tag` ids of the tags of the journey's stages and touchpoints. */
    tags: string[];
    emotionScale: { min: number; max: number };
    /** Emotions along the journey, touchpoint by touchpoint (those that have one), a stage's own where its touchpoints say none. */
    emotions: number[];
    /** Stage titles with the mean emotion of their touchpoints (else the stage's own), in order (for curves drawn stage by stage). */
    stages: { id: string; title: string; emotion?: number }[];
    pains: Record<Severity, number>;
    /** The most severe pain points (at most eight), the most severe first. */
    topPains: PortfolioPain[];
    momentsOfTruth: number;
    touchpoints: number;
    kpis: PortfolioKpi[];
    statusCounts: Record<KpiStatus, number>;
}

export interface PortfolioRow {
    /** The current journey, or a journey without state, or a target journey whose current one is absent. */
    journey: JourneySummary;
    /** The target journey that improves `journey`. */
    target?: JourneySummary;
    /** The worst KPI status of the row. */
    worst: KpiStatus;
    statusCounts: Record<KpiStatus, number>;
}

export interface Portfolio {
    rows: PortfolioRow[];
    statusCounts: Record<KpiStatus, number>;
    owners: { id: string; title: string }[];
    personas: { id: string; title: string }[];
    channels: { id: string; title: string }[];
    /** The tags used, by `Family.Tag` id, with the family's and the tag's titles (`Perception · Facile`). */
    tags: { id: string; title: string }[];
}

function zeroCounts(): Record<KpiStatus, number> {
    return { met: 0, 'at-risk': 0, 'off-track': 0, missed: 0, 'no-data': 0 };
}

function add(into: Record<KpiStatus, number>, from: Record<KpiStatus, number>): void {
    for (const status of STATUS_ORDER) into[status] += from[status];
}

/** The journeys' health from the model and the measured results, judged on `today`. */
export function portfolio(model: WorkspaceModel, results: KpiResult[], today: Date): Portfolio {
    const byKey = new Map(results.map(r => [`${r.journey ?? ''}.${r.kpi}`, r]));
    const summaries = new Map(model.journeys.map(j => [j.id, summarize(model, j, byKey, today)]));
    const targets = new Map<string, JourneySummary>();
    for (const journey of model.journeys) {
        if (journey.state === 'target' && journey.improves && summaries.has(journey.improves) && !targets.has(journey.improves)) targets.set(journey.improves, summaries.get(journey.id)!);
    }
    const paired = new Set([...targets.values()].map(t => t.id));
    const rows: PortfolioRow[] = [];
    for (const journey of model.journeys) {
        if (paired.has(journey.id)) continue;
        const summary = summaries.get(journey.id)!;
        const target = targets.get(journey.id);
        const statusCounts = zeroCounts();
        add(statusCounts, summary.statusCounts);
        if (target) add(statusCounts, target.statusCounts);
        const worst = STATUS_ORDER.find(s => s !== 'met' && s !== 'no-data' && statusCounts[s] > 0)
            ?? (statusCounts.met > 0 ? 'met' : 'no-data');
        rows.push({ journey: summary, ...(target ? { target } : {}), worst, statusCounts });
    }
    rows.sort(worstFirst);
    const statusCounts = zeroCounts();
    rows.forEach(r => add(statusCounts, r.statusCounts));
    const used = <T extends { id: string; title: string }>(entries: T[], ids: Set<string>) => entries.filter(e => ids.has(e.id)).map(e => ({ id: e.id, title: e.title }));
    const all = [...summaries.values()];
    return {
        rows, statusCounts,
        owners: used(model.teams, new Set(all.flatMap(s => s.owner ? [s.owner.id] : []))),
        personas: used(model.personas, new Set(all.flatMap(s => s.personas.map(p => p.id)))),
        channels: used(model.channels, new Set(all.flatMap(s => s.channels))),
        tags: [...new Set(all.flatMap(s => s.tags))].sort().map(id => ({ id, title: tagTitle(model, id) }))
    };
}

/** `Perception.Facile` as `Perception · Facile`, by the titles the catalog gives. */
function tagTitle(model: WorkspaceModel, id: string): string {
    const dot = id.indexOf('.');
    const family = model.tagFamilies?.find(f => f.id === id.slice(0, dot));
    return `${family?.title ?? id.slice(0, dot)} · ${family?.tags.find(t => t.id === id.slice(dot + 1))?.title ?? id.slice(dot + 1)}`;
}

/** Most missed first, then off track, at risk, then the most critical and high pain points, then by title. */
function worstFirst(a: PortfolioRow, b: PortfolioRow): number {
    for (const status of ['missed', 'off-track', 'at-risk'] as const) {
        if (a.statusCounts[status] !== b.statusCounts[status]) return b.statusCounts[status] - a.statusCounts[status];
    }
    const pains = (row: PortfolioRow) => [row.journey, row.target].reduce((n, s) => n + (s ? s.pains.critical * 100 + s.pains.high : 0), 0);
    return pains(b) - pains(a) || a.journey.title.localeCompare(b.journey.title);
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Pain points kept per journey, the most severe first (the report shows five). */
const TOP_PAINS = 8;

function summarize(model: WorkspaceModel, journey: JourneyModel, results: Map<string, KpiResult>, today: Date): JourneySummary {
    // One pass over the touchpoints: a portfolio of 1,000 journeys reads 100,000 of them.
    const pains: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    const allPains: PortfolioPain[] = [];
    const emotions: number[] = [];
    const channels = new Set<string>();
    const tags = new Set<string>();
    let momentsOfTruth = 0;
    let touchpoints = 0;
    const stages: JourneySummary['stages'] = [];
    for (const stage of journey.stages) {
        let sum = 0, count = 0;
        for (const tag of stage.tags ?? []) tags.add(tag);
        for (const touchpoint of stage.touchpoints) {
            touchpoints++;
            if (touchpoint.momentOfTruth) momentsOfTruth++;
            for (const channel of touchpoint.channels) channels.add(channel);
            for (const tag of touchpoint.tags ?? []) tags.add(tag);
            if (touchpoint.emotion !== undefined) {
                emotions.push(touchpoint.emotion);
                sum += touchpoint.emotion;
                count++;
            }
            for (const pain of touchpoint.painPoints) {
                // A pain point without severity is "not given": counted apart from the four levels.
                if (pain.severity) pains[pain.severity]++;
                allPains.push({ text: pain.text, ...(pain.severity ? { severity: pain.severity } : {}), stage: stage.title, touchpoint: touchpoint.title, file: touchpoint.file, line: touchpoint.line });
            }
        }
        // The stage's own facts, as the map draws them: its emotion joins the curve when none of
        // its touchpoints says one; its pain points and its moment of truth count with theirs.
        if (!count && stage.emotion !== undefined) {
            emotions.push(stage.emotion);
            sum = stage.emotion;
            count = 1;
        }
        if (stage.momentOfTruth) momentsOfTruth++;
        for (const pain of stage.painPoints ?? []) {
            if (pain.severity) pains[pain.severity]++;
            allPains.push({ text: pain.text, ...(pain.severity ? { severity: pain.severity } : {}), stage: stage.title, file: stage.file, line: stage.line });
        }
        stages.push({ id: stage.id, title: stage.title, ...(count ? { emotion: sum / count } : {}) });
    }
    const topPains = allPains.sort((a, b) => (a.severity ? SEVERITY_RANK[a.severity] : 4) - (b.severity ? SEVERITY_RANK[b.severity] : 4)).slice(0, TOP_PAINS);
    const kpis = journey.kpis.map(kpi => summarizeKpi(kpi, results.get(`${journey.id}.${kpi.id}`) ?? results.get(`.${kpi.id}`), today));
    const statusCounts = zeroCounts();
    for (const kpi of kpis) statusCounts[kpi.evaluation.status]++;
    const team = journey.owner ? model.teams.find(t => t.id === journey.owner) : undefined;
    return {
        id: journey.id, title: journey.title, file: journey.file, line: journey.line,
        ...(journey.state ? { state: journey.state } : {}),
        ...(journey.owner ? { owner: { id: journey.owner, title: team?.title ?? journey.owner } } : {}),
        personas: journey.personas.map(id => ({ id, title: model.personas.find(p => p.id === id)?.title ?? id })),
        channels: [...channels], tags: [...tags],
        emotionScale: journey.emotionScale,
        emotions, stages, pains, topPains, momentsOfTruth, touchpoints, kpis, statusCounts
    };
}

function summarizeKpi(kpi: KpiModel, result: KpiResult | undefined, today: Date): PortfolioKpi {
    const direction = effectiveDirection(kpi.kind === 'unspecified' ? 'custom' : kpi.kind, kpi.direction, kpi.target?.comparator);
    const evaluation = evaluateTarget(kpi.target, result?.points ?? [], kpi.direction, today, kpi.unit);
    return {
        id: kpi.id, title: kpi.title,
        ...(kpi.unit ? { unit: kpi.unit } : {}),
        ...(kpi.target ? { target: { comparator: kpi.target.comparator, value: kpi.target.value, ...(kpi.target.unit ? { unit: kpi.target.unit } : {}) } } : {}),
        ...(kpi.target?.deadline ? { deadline: kpi.target.deadline } : {}),
        ...(direction ? { direction } : {}),
        ...(kpi.baseline ? { baseline: kpi.baseline } : {}),
        ...(kpi.threshold ? { threshold: kpi.threshold } : {}),
        ...(evaluation.latest && pastThreshold({ ...kpi, direction }, evaluation.latest.value) ? { alert: true } : {}),
        evaluation
    };
}
