/**
 * What a KPI measured and how it stands against its target. Produced by the metrics engine
 * (from series, surveys or events) and read by the preview, the CLI and the editor.
 */
import { comparatorDirection, satisfies, type DirectionValue } from './kpi-semantics.js';
import type { KpiModel, TargetModel, WorkspaceModel } from './journey-model.js';
import { deadlineLastDay, deadlinePassed as isDeadlinePassed, parsePeriod } from './periods.js';
import { currentDay } from './today.js';
import { DEFAULT_LOCALE, messages, type Locale } from '../i18n/i18n.js';

/**
 * met: the latest value satisfies the target. at-risk: short of it but inside the warning band,
 * or on course (the recent trend reaches the target by its deadline). off-track: short of it,
 * outside the band, and the trend does not reach the target by the deadline (or there is no
 * trend yet). missed: short of it once the deadline has passed (or, without a deadline, outside
 * the band). no-data: no value, or no target to judge it against.
 */
export type KpiStatus = 'met' | 'at-risk' | 'off-track' | 'missed' | 'no-data';
/** Whether the change since the previous period is good news, judged by the KPI's direction. */
export type Trend = 'improving' | 'worsening' | 'stable';
/** Which way the value itself moved since the previous period (the arrow: ↗ ↘ →). */
export type Movement = 'up' | 'down' | 'flat';

/** Statuses from the worst to the best, for sorting a portfolio worst first. */
export const STATUS_ORDER: readonly KpiStatus[] = ['missed', 'off-track', 'at-risk', 'no-data', 'met'];

/** One measured value: a period (`2026-03`, `2026-W12`, `2026-Q1`, `2026-03-15`) and an optional segment. */
export interface KpiPoint {
    period: string;
    value: number;
    segment?: string;
    /** How many answers or cases the value is computed from, when the source says. */
    n?: number;
    /** Standard deviation of one answer's score (in the KPI's unit), for averages and NPS. */
    sd?: number;
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
/** What to say, in `locale`, of a data file (`file`, as the workspace names it) that is not saved as UTF-8, its first such line `line`. */
export function notUtf8Message(file: string, line: number, locale: Locale = DEFAULT_LOCALE): string {
    return messages(locale).t('data.not-utf8', { file, line: String(line) });
}

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
    /** Better or worse since the previous period (from the KPI's direction). */
    trend?: Trend;
    /** Up or down since the previous period (the value's own direction). */
    movement?: Movement;
    deadlinePassed?: boolean;
    /** How far the latest value is from the target, in the KPI's unit (0 when met). */
    gap?: number;
    /** The value the recent trend reaches on the deadline's last day (at least two periods). */
    projected?: number;
    /** Whether the change since the previous period is larger than sampling noise. */
    change?: ChangeSignificance;
}

/**
 * A change between two periods against sampling noise, at the 95 % level: a two-proportion
 * z-test for shares (values in %, with their sample sizes), a two-sample z-test on the means
 * for scores (NPS, CES, averages: with the standard deviation of one answer).
 */
export interface ChangeSignificance {
    method: 'two-proportion' | 'two-means';
    /** The change is smaller than what sampling alone produces 95 % of the time. */
    withinNoise: boolean;
    z: number;
    /** Half-width of the 95 % interval of the change, in the KPI's unit. */
    margin: number;
    previousN: number;
    latestN: number;
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
 * Judges the latest value against the target (see `KpiStatus`), with the trend, the gap and,
 * when sample sizes are known, whether the last change is within noise. Only unsegmented
 * points (or, if all are segmented, every point) count. `unit` tells shares (`%`) apart.
 */
export function evaluateTarget(target: TargetModel | undefined, points: KpiPoint[], direction?: DirectionValue, today = currentDay(), unit = target?.unit): TargetEvaluation {
    const overall = points.some(p => p.segment === undefined) ? points.filter(p => p.segment === undefined) : points;
    if (overall.length === 0) return { status: 'no-data' };
    const ordered = [...overall].sort((a, b) => a.period.localeCompare(b.period));
    const latest = ordered[ordered.length - 1];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with one period ordered[-1] is undefined too
    const previous = ordered.length > 1 ? ordered[ordered.length - 2] : undefined;
    const aim = direction ?? (target ? comparatorDirection(target.comparator) : undefined);
    const trend = previous && aim ? trendOf(previous.value, latest.value, aim) : undefined;
    const movement: Movement | undefined = previous ? (latest.value > previous.value ? 'up' : latest.value < previous.value ? 'down' : 'flat') : undefined;
    const change = previous ? changeSignificance(previous, latest, unit) : undefined;
    const base: TargetEvaluation = { status: 'no-data', latest, ...(previous ? { previous } : {}), ...(trend ? { trend } : {}), ...(movement ? { movement } : {}), ...(change ? { change } : {}) };
    if (!target) return base;
    const deadlinePassed = target.deadline ? isDeadlinePassed(target.deadline, today) : undefined;
    const judged: TargetEvaluation = { ...base, ...(deadlinePassed === undefined ? {} : { deadlinePassed }), gap: gapTo(target, latest.value) };
    if (satisfies(latest.value, target.comparator, target.value)) return { ...judged, status: 'met', gap: 0 };
    // Stryker disable next-line ConditionalExpression: equivalent, no number compares true with an undefined threshold
    const inWarningBand = target.warning !== undefined && satisfies(latest.value, inclusive(target.comparator), target.warning);
    if (deadlinePassed === true) return { ...judged, status: 'missed' };
    if (inWarningBand) return { ...judged, status: 'at-risk' };
    if (deadlinePassed === undefined) return { ...judged, status: 'missed' };
    const last = target.deadline ? deadlineLastDay(target.deadline) : undefined;
    const line = last ? projection(ordered, last) : undefined;
    // A share cannot leave 0–100 %, however steep the recent line.
    const projected = line === undefined || unit !== '%' ? line : Math.min(100, Math.max(0, line));
    if (projected === undefined) return { ...judged, status: 'off-track' };
    const onCourse = satisfies(projected, target.comparator, target.value);
    return { ...judged, projected, status: onCourse ? 'at-risk' : 'off-track' };
}

/** The distance to the target in its unit: positive, the way the target wants the value to go. */
function gapTo(target: TargetModel, value: number): number {
    return Math.abs(target.value - value);
}

/**
 * The value a least-squares line through the last periods (at most six) reaches on `day`.
 * Undefined with fewer than two dated periods.
 */
export function projection(ordered: KpiPoint[], day: Date): number | undefined {
    const dated = ordered.slice(-6).map(p => ({ x: parsePeriod(p.period)?.start.getTime(), y: p.value }))
        .filter((p): p is { x: number; y: number } => p.x !== undefined);
    // Stryker disable next-line ConditionalExpression: equivalent, with fewer than two points sxx is 0 and the next check returns undefined
    if (dated.length < 2) return undefined;
    const meanX = dated.reduce((s, p) => s + p.x, 0) / dated.length;
    const meanY = dated.reduce((s, p) => s + p.y, 0) / dated.length;
    const sxx = dated.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
    if (sxx === 0) return undefined;
    // Stryker disable next-line ArithmeticOperator: equivalent, Σ(x − x̄) = Σ(y − ȳ) = 0, so adding a mean in either factor gives the same sum
    const slope = dated.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0) / sxx;
    return meanY + slope * (day.getTime() - meanX);
}

const Z95 = 1.959964;

/**
 * Whether the change from `previous` to `latest` is within sampling noise. Shares (`%` without
 * a per-answer deviation) use the pooled two-proportion z-test; scores with a per-answer
 * standard deviation use the two-sample z-test on means. Undefined when a sample size is unknown.
 */
export function changeSignificance(previous: KpiPoint, latest: KpiPoint, unit?: string): ChangeSignificance | undefined {
    const n1 = previous.n, n2 = latest.n;
    if (!n1 || !n2 || n1 < 2 || n2 < 2) return undefined;
    const delta = latest.value - previous.value;
    if (previous.sd !== undefined && latest.sd !== undefined) {
        const se = Math.sqrt(previous.sd ** 2 / n1 + latest.sd ** 2 / n2);
        return verdict('two-means', delta, se, n1, n2);
    }
    if (unit !== '%') return undefined;
    const p1 = previous.value / 100, p2 = latest.value / 100;
    if (p1 < 0 || p1 > 1 || p2 < 0 || p2 > 1) return undefined;
    const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    const se = 100 * Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    const unpooled = 100 * Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    return { ...verdict('two-proportion', delta, se, n1, n2), margin: Z95 * unpooled };
}

function verdict(method: ChangeSignificance['method'], delta: number, se: number, n1: number, n2: number): ChangeSignificance {
    // Stryker disable next-line ArithmeticOperator: equivalent, dividing by the sign (±1) is multiplying by it
    const z = se === 0 ? (delta === 0 ? 0 : Infinity) * Math.sign(delta || 1) : delta / se;
    return { method, withinNoise: Math.abs(z) < Z95, z, margin: Z95 * se, previousN: n1, latestN: n2 };
}

function inclusive(comparator: TargetModel['comparator']): TargetModel['comparator'] {
    return comparator === '>' ? '>=' : comparator === '<' ? '<=' : comparator;
}

function trendOf(previous: number, latest: number, aim: DirectionValue): Trend {
    if (latest === previous) return 'stable';
    // Stryker disable next-line EqualityOperator: equivalent, equal values returned 'stable' above
    return (latest > previous) === (aim === 'higher') ? 'improving' : 'worsening';
}
