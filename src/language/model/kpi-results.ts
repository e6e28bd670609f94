/**
 * What a KPI measured and how it stands against its target. Produced by the metrics engine
 * (from series, surveys or events) and read by the preview, the CLI and the editor.
 */
import { comparatorDirection, satisfies, type DirectionValue } from './kpi-semantics.js';
import type { KpiModel, TargetModel, WorkspaceModel } from './journey-model.js';
import { deadlinePassed as isDeadlinePassed } from './periods.js';
import { currentDay } from './today.js';

export type KpiStatus = 'met' | 'at-risk' | 'missed' | 'no-data';
export type Trend = 'improving' | 'worsening' | 'stable';

/** One measured value: a period (`2026-03`, `2026-W12`, `2026-Q1`, `2026-03-15`) and an optional segment. */
export interface KpiPoint {
    period: string;
    value: number;
    segment?: string;
}

/** A problem found in a data file, with the place to fix it. */
export interface DataProblem {
    /** Workspace-relative path of the data file (or of the journey file for a binding problem). */
    file: string;
    /** 1-based line in `file`, when the problem is on a line. */
    line?: number;
    severity: 'error' | 'warning';
    code: string;
    message: string;
}

/** The KPI a result is about: a journey's own, or a catalog KPI. */
export function kpiOfResult(model: WorkspaceModel, result: KpiResult): KpiModel | undefined {
    if (result.journey) return model.journeys.find(j => j.id === result.journey)?.kpis.find(k => k.id === result.kpi);
    return model.kpis.find(k => k.id === result.kpi);
}

/** Problems of several KPIs reading the same source are the same problem: each once, in order. */
export function distinctProblems(problems: DataProblem[]): DataProblem[] {
    const seen = new Map<string, DataProblem>();
    for (const p of problems) {
        const key = `${p.file}|${p.line}|${p.code}|${p.message}`;
        if (!seen.has(key)) seen.set(key, p);
    }
    return [...seen.values()];
}

export interface TargetEvaluation {
    status: KpiStatus;
    /** The value the status is about: the latest period over all segments. */
    latest?: KpiPoint;
    previous?: KpiPoint;
    trend?: Trend;
    deadlinePassed?: boolean;
}

export interface KpiResult extends TargetEvaluation {
    /** Journey id, absent for a catalog KPI. */
    journey?: string;
    kpi: string;
    points: KpiPoint[];
    rowsUsed: number;
    rowsRejected: number;
    problems: DataProblem[];
}

/**
 * Compares the latest value with the target: met; at risk when within the warning band or
 * short of a target whose deadline has not passed; missed otherwise; no data without values.
 * Only unsegmented points (or, if all are segmented, every point) count for the status.
 */
export function evaluateTarget(target: TargetModel | undefined, points: KpiPoint[], direction?: DirectionValue, today = currentDay()): TargetEvaluation {
    const overall = points.some(p => p.segment === undefined) ? points.filter(p => p.segment === undefined) : points;
    if (overall.length === 0) return { status: 'no-data' };
    const ordered = [...overall].sort((a, b) => a.period.localeCompare(b.period));
    const latest = ordered[ordered.length - 1];
    const previous = ordered.length > 1 ? ordered[ordered.length - 2] : undefined;
    const aim = direction ?? (target ? comparatorDirection(target.comparator) : undefined);
    const trend = previous && aim ? trendOf(previous.value, latest.value, aim) : undefined;
    const base = { latest, ...(previous ? { previous } : {}), ...(trend ? { trend } : {}) };
    if (!target) return { status: 'no-data', ...base };
    const deadlinePassed = target.deadline ? isDeadlinePassed(target.deadline, today) : undefined;
    const withDeadline = deadlinePassed === undefined ? base : { ...base, deadlinePassed };
    if (satisfies(latest.value, target.comparator, target.value)) return { status: 'met', ...withDeadline };
    const inWarningBand = target.warning !== undefined && satisfies(latest.value, inclusive(target.comparator), target.warning);
    if (inWarningBand || deadlinePassed === false) return { status: 'at-risk', ...withDeadline };
    return { status: 'missed', ...withDeadline };
}

function inclusive(comparator: TargetModel['comparator']): TargetModel['comparator'] {
    return comparator === '>' ? '>=' : comparator === '<' ? '<=' : comparator;
}

function trendOf(previous: number, latest: number, aim: DirectionValue): Trend {
    if (latest === previous) return 'stable';
    return (latest > previous) === (aim === 'higher') ? 'improving' : 'worsening';
}
