/**
 * How a KPI's value, status, trend and periods read, on every surface (the CLI's report, the
 * code lens and hover, the map, the charts, the diff): one rounding, one vocabulary, in the
 * reader's locale (words from the message catalogues, numbers and dates from `Intl`).
 */
import { messages, type Locale, type MessageKey } from '../i18n/i18n.js';
import type { KpiStatus, Trend } from './kpi-results.js';
import { parsePeriod } from './periods.js';

/** Intl's unit for each canonical time unit of the language. */
const INTL_UNITS: Record<string, string> = { minutes: 'minute', hours: 'hour', days: 'day', weeks: 'week', months: 'month' };
const INTL_CURRENCIES: Record<string, string> = { '€': 'EUR', $: 'USD' };

/**
 * A value as people read it, in its unit: whole numbers from 100 up, else at most one decimal
 * (`42.9%` / `42,9 %`, `8.6`, `6.1 days` / `6,1 jours`, `€1,250` / `1 250 €`). Points are bare
 * numbers (an NPS of 32).
 */
export function formatValue(value: number | null, unit: string | undefined, locale: Locale): string {
    const m = messages(locale);
    if (value === null) return m.t('kpi.status.no-data');
    const maximumFractionDigits = Math.abs(value) >= 100 ? 0 : 1;
    if (unit === '%') return m.numberFormat({ style: 'percent', maximumFractionDigits }).format(value / 100);
    const intlUnit = unit ? INTL_UNITS[unit] : undefined;
    if (intlUnit) return m.numberFormat({ style: 'unit', unit: intlUnit, unitDisplay: 'long', maximumFractionDigits }).format(value);
    const currency = unit ? INTL_CURRENCIES[unit] : undefined;
    if (currency) return m.numberFormat({ style: 'currency', currency, maximumFractionDigits, minimumFractionDigits: 0 }).format(value);
    return m.numberFormat({ maximumFractionDigits }).format(value);
}

const STATUS_KEYS: Record<KpiStatus, MessageKey> = {
    met: 'kpi.status.met', 'at-risk': 'kpi.status.at-risk', missed: 'kpi.status.missed', 'no-data': 'kpi.status.no-data'
};

/** `met`, `at risk`, `missed`, `no data` (`atteint`, `à risque`…). */
export function statusWord(status: KpiStatus, locale: Locale): string {
    return messages(locale).t(STATUS_KEYS[status]);
}

export const TREND_ARROWS: Record<Trend, string> = { improving: '↗', worsening: '↘', stable: '→' };

const TREND_KEYS: Record<Trend, MessageKey> = {
    improving: 'kpi.trend.improving', worsening: 'kpi.trend.worsening', stable: 'kpi.trend.stable'
};

/** `↗ improving`: the arrow and the word. */
export function trendWords(trend: Trend, locale: Locale): string {
    return messages(locale).t(TREND_KEYS[trend]);
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
