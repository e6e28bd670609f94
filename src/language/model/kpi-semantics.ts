/**
 * What KPI kinds, units and comparators mean. Plain functions over plain values, shared by the
 * validator (on the AST), the model builder, the metrics engine and the diff.
 */

export type KpiKind =
    | 'nps' | 'csat' | 'ces' | 'churn' | 'retention' | 'referral' | 'loyalty' | 'resolution'
    | 'rate' | 'average' | 'custom' | 'share' | 'duration' | 'conversion' | 'abandonment' | 'count';

export type Comparator = '>=' | '<=' | '>' | '<';
export type DirectionValue = 'higher' | 'lower';
export type CanonicalUnit = '%' | 'points' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | '€' | '$';
export type UnitFamily = 'percent' | 'points' | 'time' | 'money';

/** `≥` and `≤` are accepted for readability; the model uses the ASCII spelling. */
export function normalizeComparator(comparator: string): Comparator {
    if (comparator === '≥') return '>=';
    if (comparator === '≤') return '<=';
    return comparator as Comparator;
}

const UNIT_ALIASES: Record<string, CanonicalUnit> = {
    '%': '%', pts: 'points', points: 'points',
    min: 'minutes', minutes: 'minutes', h: 'hours', hours: 'hours',
    d: 'days', day: 'days', days: 'days', week: 'weeks', weeks: 'weeks', month: 'months', months: 'months',
    '€': '€', '$': '$'
};

export function normalizeUnit(unit: string | undefined): CanonicalUnit | undefined {
    // Stryker disable next-line ConditionalExpression: equivalent, UNIT_ALIASES has no key 'undefined' either
    return unit === undefined ? undefined : UNIT_ALIASES[unit];
}

export function unitFamily(unit: CanonicalUnit | undefined): UnitFamily | undefined {
    switch (unit) {
        case '%': return 'percent';
        case 'points': return 'points';
        case 'minutes': case 'hours': case 'days': case 'weeks': case 'months': return 'time';
        case '€': case '$': return 'money';
        // Stryker disable next-line ConditionalExpression: equivalent, falling out of the switch returns undefined too
        default: return undefined;
    }
}

const HOURS_PER_UNIT: Partial<Record<CanonicalUnit, number>> = {
    minutes: 1 / 60, hours: 1, days: 24, weeks: 24 * 7, months: 24 * 30
};

/** A time quantity in hours (months count as 30 days). */
export function toHours(value: number, unit: CanonicalUnit): number | undefined {
    const factor = HOURS_PER_UNIT[unit];
    return factor === undefined ? undefined : value * factor;
}

interface KindInfo {
    /** The unit family a value of this kind has; undefined means "a plain number". */
    family?: UnitFamily;
    /** Which way is better when the author does not say. */
    direction?: DirectionValue;
    /** The range of values that can exist. */
    min?: number;
    max?: number;
}

const KINDS: Record<KpiKind, KindInfo> = {
    nps: { family: 'points', direction: 'higher', min: -100, max: 100 },
    csat: { family: 'percent', direction: 'higher', min: 0, max: 100 },
    ces: { direction: undefined, min: 0 },
    churn: { family: 'percent', direction: 'lower', min: 0, max: 100 },
    retention: { family: 'percent', direction: 'higher', min: 0, max: 100 },
    referral: { family: 'percent', direction: 'higher', min: 0, max: 100 },
    loyalty: { direction: 'higher', min: 0, max: 100 },
    resolution: { family: 'time', direction: 'lower', min: 0 },
    rate: { family: 'percent', min: 0, max: 100 },
    average: {},
    custom: {},
    share: { family: 'percent', direction: 'higher', min: 0, max: 100 },
    duration: { family: 'time', direction: 'lower', min: 0 },
    conversion: { family: 'percent', direction: 'higher', min: 0, max: 100 },
    abandonment: { family: 'percent', direction: 'lower', min: 0, max: 100 },
    count: { min: 0 }
};

/** Kinds computed from survey answers (or a series): the KPIs that `collected via`, `respondent` and `question` describe. */
export const SURVEY_KINDS: ReadonlySet<string> = new Set(['nps', 'csat', 'ces', 'loyalty', 'average', 'rate', 'custom']);

export function kindInfo(kind: KpiKind): KindInfo {
    return KINDS[kind];
}

/** The unit a KPI's values are in when the author does not write one. */
export function defaultUnit(kind: KpiKind): CanonicalUnit | undefined {
    const family = KINDS[kind].family;
    if (family === 'percent') return '%';
    if (family === 'points') return 'points';
    if (family === 'time') return 'hours';
    return undefined;
}

/** A value of each unit to show a target with: ordinary, not a goal anyone set. */
const EXAMPLE_VALUES: Record<CanonicalUnit, { higher: string; lower: string }> = {
    '%': { higher: '90%', lower: '10%' },
    points: { higher: '30', lower: '10' },
    minutes: { higher: '10 minutes', lower: '10 minutes' },
    hours: { higher: '24 h', lower: '48 h' },
    days: { higher: '2 days', lower: '5 days' },
    weeks: { higher: '2 weeks', lower: '2 weeks' },
    months: { higher: '3 months', lower: '3 months' },
    '€': { higher: '100 €', lower: '100 €' },
    $: { higher: '100 $', lower: '100 $' }
};

/**
 * A target to suggest for a KPI that has none, written in its unit and its direction
 * (`target <= 48 h` for a duration, `target >= 30` for an NPS), or undefined when its unit or
 * its direction is unknown: a suggestion that contradicts either gives new errors when followed.
 */
export function exampleTarget(kind: KpiKind, unit?: CanonicalUnit, written?: DirectionValue): string | undefined {
    const direction = effectiveDirection(kind, written);
    const shown = unit ?? defaultUnit(kind);
    if (!direction || !shown) return undefined;
    return `target ${direction === 'higher' ? '>=' : '<='} ${EXAMPLE_VALUES[shown][direction]}`;
}

/** The direction the author wrote, else the kind's natural one, else what the target's comparator implies. */
export function effectiveDirection(kind: KpiKind, written?: DirectionValue, comparator?: Comparator): DirectionValue | undefined {
    return written ?? KINDS[kind].direction ?? (comparator ? comparatorDirection(comparator) : undefined);
}

/** `>=` and `>` aim high, `<=` and `<` aim low. */
export function comparatorDirection(comparator: Comparator): DirectionValue {
    return comparator === '>=' || comparator === '>' ? 'higher' : 'lower';
}

export function comparatorSymbol(comparator: Comparator): string {
    return { '>=': '≥', '<=': '≤', '>': '>', '<': '<' }[comparator];
}

/** A quantity in another unit of the same time family (hours to days…); other units are not converted. */
export function convertUnit(value: number, from: CanonicalUnit | undefined, to: CanonicalUnit | undefined): number {
    if (!from || !to || from === to) return value;
    const hours = toHours(value, from);
    const per = toHours(1, to);
    return hours === undefined || per === undefined ? value : hours / per;
}

/**
 * Whether `value` (in `unit`) is at or past a KPI's alert threshold, on the worse side of its
 * direction (at or above it for a lower-is-better KPI); undefined when the KPI has no threshold
 * or no known direction.
 */
export function pastThreshold(
    kpi: { threshold?: { value: number; unit?: CanonicalUnit }; direction?: DirectionValue; unit?: CanonicalUnit }, value: number
): boolean | undefined {
    if (!kpi.threshold || !kpi.direction) return undefined;
    const threshold = convertUnit(kpi.threshold.value, kpi.threshold.unit, kpi.unit);
    return kpi.direction === 'lower' ? value >= threshold : value <= threshold;
}

/** A value and its unit as a person reads them, whatever the locale (`95 %`, `48 hours`, `32`): targets, baselines, thresholds. */
export function quantityText(value: number, unit: CanonicalUnit | undefined): string {
    return `${value}${unit === undefined || unit === 'points' ? '' : unit === '%' ? ' %' : ` ${unit}`}`;
}

/** Whether a measured value satisfies a target. */
export function satisfies(value: number, comparator: Comparator, target: number): boolean {
    switch (comparator) {
        case '>=': return value >= target;
        case '>': return value > target;
        case '<=': return value <= target;
        case '<': return value < target;
    }
}

/** A `YYYY-MM` or `YYYY-MM-DD` date that exists in the calendar. */
export function isValidDate(text: string): boolean {
    const [year, month, day] = text.split('-').map(Number);
    if (month < 1 || month > 12) return false;
    if (day === undefined) return true;
    const date = new Date(Date.UTC(year, month - 1, day));
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a day the month lacks rolls over both the month and the day number
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `1` → `+1`, `-1` → `−1`-style display of an emotion or a scale bound. */
export function signed(value: number): string {
    return value > 0 ? `+${value}` : String(value);
}

export const DEFAULT_EMOTION_SCALE = { min: -2, max: 2 } as const;

export interface EmotionScale {
    min: number;
    max: number;
}

/**
 * The emotion scale of a journey, derived here only: the one it declares (`emotion scale -3 to
 * +3`, when it goes up), else the workspace's (the `journey.emotionScale` setting), else −2 to +2.
 * The model carries the result (`JourneyModel.emotionScale`); validation and hover ask this with
 * the same inputs, every other surface reads the model.
 */
export function effectiveEmotionScale(declared: EmotionScale | undefined, workspace?: EmotionScale): EmotionScale {
    const scale = declared && declared.min < declared.max ? declared : workspace && workspace.min < workspace.max ? workspace : DEFAULT_EMOTION_SCALE;
    return { min: scale.min, max: scale.max };
}
