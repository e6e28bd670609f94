/**
 * How a KPI's value, status, trend and periods read, on every surface (the CLI's report, the
 * code lens and hover, the map, the charts, the diff): one rounding, one vocabulary, in the
 * reader's locale (words from the message catalogues, numbers and dates from `Intl`).
 */
import { messages, type Locale, type MessageKey } from '../i18n/i18n.js';
import type { ChangeSignificance, KpiStatus, Movement, TargetEvaluation, Trend } from './kpi-results.js';
import { comparatorSymbol, type DirectionValue } from './kpi-semantics.js';
import type { BaselineModel, TargetModel } from './journey-model.js';
import { deadlineLastDay, parsePeriod } from './periods.js';

/** Intl's unit for each canonical time unit of the language. */
const INTL_UNITS: Record<string, string> = { minutes: 'minute', hours: 'hour', days: 'day', weeks: 'week', months: 'month' };
const INTL_CURRENCIES: Record<string, string> = { '€': 'EUR', $: 'USD' };

/**
 * A value as people read it, in its unit: whole numbers from 100 up, else at most one decimal
 * (`42.9%` / `42,9 %`, `8.6`, `6.1 days` / `6,1 jours`, `€1,250` / `1 250 €`). Points are bare
 * numbers (an NPS of 32).
 */
export function formatValue(value: number | null, unit: string | undefined, locale: Locale): string {
    if (value === null) return messages(locale).t('kpi.status.no-data');
    return formatInUnit(value, unit, locale, Math.abs(value) >= 100 ? 0 : 1);
}

/**
 * A value as its author wrote it, every decimal kept, in its unit and the reader's locale: a
 * target `>= 99.95%` reads `99.95%` / `99,95 %`, `48 h` reads `48 hours` / `48 heures`.
 */
export function formatQuantity(value: number, unit: string | undefined, locale: Locale): string {
    return formatInUnit(value, unit, locale, 6);
}

function formatInUnit(value: number, unit: string | undefined, locale: Locale, maximumFractionDigits: number): string {
    const m = messages(locale);
    if (unit === '%') return m.numberFormat({ style: 'percent', maximumFractionDigits }).format(value / 100);
    const intlUnit = unit ? INTL_UNITS[unit] : undefined;
    if (intlUnit) return m.numberFormat({ style: 'unit', unit: intlUnit, unitDisplay: 'long', maximumFractionDigits }).format(value);
    const currency = unit ? INTL_CURRENCIES[unit] : undefined;
    if (currency) return m.numberFormat({ style: 'currency', currency, maximumFractionDigits, minimumFractionDigits: 0 }).format(value);
    return m.numberFormat({ maximumFractionDigits }).format(value);
}

/** A target of the model as a reader says it: `≥ 95%` / `≥ 95 %`, `≤ 2.5 days` / `≤ 2,5 jours`. */
export function targetWords(target: Pick<TargetModel, 'comparator' | 'value' | 'unit'>, locale: Locale): string {
    return `${comparatorSymbol(target.comparator)} ${formatQuantity(target.value, target.unit, locale)}`;
}

const STATUS_KEYS: Record<KpiStatus, MessageKey> = {
    met: 'kpi.status.met', 'at-risk': 'kpi.status.at-risk', 'off-track': 'kpi.status.off-track', missed: 'kpi.status.missed', 'no-data': 'kpi.status.no-data'
};

/** `met`, `at risk`, `off track`, `missed`, `no data` (`atteint`, `à risque`…). */
export function statusWord(status: KpiStatus, locale: Locale): string {
    return messages(locale).t(STATUS_KEYS[status]);
}

/** The arrow says which way the value moved, whatever that means for the KPI. */
export const MOVEMENT_ARROWS: Record<Movement, string> = { up: '↗', down: '↘', flat: '→' };

const TREND_KEYS: Record<Trend, MessageKey> = {
    improving: 'kpi.trend.improving', worsening: 'kpi.trend.worsening', stable: 'kpi.trend.stable'
};

/**
 * `↘ improving` (a delay that fell), `↗ worsening` (a churn that rose): the arrow is the value's
 * movement, the word whether that is good news.
 */
export function trendWords(evaluation: Pick<TargetEvaluation, 'trend' | 'movement'>, locale: Locale): string {
    if (!evaluation.trend) return '';
    const arrow = MOVEMENT_ARROWS[evaluation.movement ?? (evaluation.trend === 'stable' ? 'flat' : 'up')];
    return messages(locale).t(TREND_KEYS[evaluation.trend], { arrow });
}

/** `within noise (n = 48 → 52)`: whether the last change is larger than sampling alone makes. */
export function changeWords(change: ChangeSignificance, locale: Locale): string {
    const m = messages(locale);
    const values = { previous: m.numberFormat({}).format(change.previousN), latest: m.numberFormat({}).format(change.latestN) };
    return m.t(change.withinNoise ? 'kpi.change.within-noise' : 'kpi.change.beyond-noise', values);
}

/** The gap in the KPI's unit: `52 pts short` for a share, `1.1 days over` for a delay. */
export function gapWords(gap: number, unit: string | undefined, direction: DirectionValue, locale: Locale): string {
    const m = messages(locale);
    const amount = unit === '%' ? m.t('kpi.gap.points', { value: formatValue(gap, undefined, locale) }) : formatValue(gap, unit, locale);
    return m.t(direction === 'higher' ? 'kpi.gap.short' : 'kpi.gap.over', { gap: amount });
}

const DAY = 86_400_000;

/** Time left until a deadline: `3 months left`, `12 days left`, `deadline passed (June 2026)`. */
export function deadlineWords(deadline: string, today: Date, locale: Locale): string | undefined {
    const last = deadlineLastDay(deadline);
    if (!last) return undefined;
    const m = messages(locale);
    const days = Math.floor((last.getTime() + DAY - today.getTime()) / DAY);
    if (days <= 0) return m.t('kpi.deadline.passed', { deadline: periodLabel(deadline, locale) });
    if (days > 62) return m.t('kpi.deadline.months-left', { count: Math.floor(days / 30.44), deadline: periodLabel(deadline, locale) });
    return m.t('kpi.deadline.days-left', { count: days, deadline: periodLabel(deadline, locale) });
}

/** What the recent trend says about the deadline: `on course: 96% by June 2027`, or why there is no course. */
export function courseWords(evaluation: TargetEvaluation, unit: string | undefined, deadline: string | undefined, locale: Locale): string | undefined {
    const m = messages(locale);
    if (!deadline || evaluation.status === 'met' || evaluation.deadlinePassed) return undefined;
    if (evaluation.projected === undefined) return evaluation.status === 'off-track' ? m.t('kpi.course.no-trend') : undefined;
    const values = { value: formatValue(evaluation.projected, unit, locale), deadline: periodLabel(deadline, locale) };
    return m.t(evaluation.status === 'off-track' ? 'kpi.course.short' : 'kpi.course.on-course', values);
}

/** A baseline as people read it: `90 % (January 2026)` / `90 % (janvier 2026)`. */
export function baselineWords(baseline: BaselineModel, locale: Locale): string {
    const value = formatValue(baseline.value, baseline.unit, locale);
    return baseline.date ? messages(locale).t('kpi.baseline.dated', { value, date: periodLabel(baseline.date, locale) }) : value;
}

/**
 * A period key as a reader says it: `June 2026` / `juin 2026`, `W27 2026` / `S27 2026`,
 * `Q1 2026` / `T1 2026`, `15 June 2026` / `15 juin 2026`, `2026`. A key that is not a period is
 * shown as written.
 */
export function periodLabel(key: string, locale: Locale): string {
    const period = parsePeriod(key);
    if (!period) return key;
    const { start } = period;
    const year = String(start.getUTCFullYear());
    switch (period.frequency) {
        case 'yearly': return year;
        case 'quarterly': return messages(locale).t('period.quarter', { quarter: Math.floor(start.getUTCMonth() / 3) + 1, year });
        case 'weekly': {
            const [isoYear, week] = key.trim().split('-W');
            return messages(locale).t('period.week', { week, year: isoYear });
        }
        case 'monthly': return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(start);
        case 'daily': return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(start);
    }
}
