/**
 * How a KPI's value, status and trend read, on every surface (the CLI's report, the code lens
 * and hover, the map, the charts, the diff). One rounding, one vocabulary.
 */
import type { KpiStatus, Trend } from './kpi-results.js';

/**
 * A value as people read it, in its unit: whole numbers from 100 up, else at most one decimal
 * (`42.9 %`, `8.6`, `6.1 days`, `1250 €`). Points are bare numbers (an NPS of 32).
 */
export function formatValue(value: number | null, unit?: string): string {
    if (value === null) return STATUS_WORDS['no-data'];
    const shown = Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toFixed(1)).toString();
    if (!unit || unit === 'points') return shown;
    return `${shown} ${unit}`;
}

export const STATUS_WORDS: Record<KpiStatus, string> = { met: 'met', 'at-risk': 'at risk', missed: 'missed', 'no-data': 'no data' };

export const TREND_ARROWS: Record<Trend, string> = { improving: '↗', worsening: '↘', stable: '→' };

/** `↗ improving`: the arrow and the word. */
export const TREND_WORDS: Record<Trend, string> = {
    improving: `${TREND_ARROWS.improving} improving`, worsening: `${TREND_ARROWS.worsening} worsening`, stable: `${TREND_ARROWS.stable} stable`
};
