/**
 * Period keys as the KPI queries write them (`2026-03-15`, `2026-W12`, `2026-03`, `2026-Q1`,
 * `2026`) and the periods missing between the first and the last one seen.
 */
import type { Frequency } from './sql-dialect.js';

const DAY = 86_400_000;

/** The first day (UTC) of a period key, or undefined if the key is not of that frequency. */
export function periodStart(key: string, frequency: Frequency): Date | undefined {
    let m: RegExpExecArray | null;
    switch (frequency) {
        case 'daily': return (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key)) ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
        case 'monthly': return (m = /^(\d{4})-(\d{2})$/.exec(key)) ? new Date(Date.UTC(+m[1], +m[2] - 1, 1)) : undefined;
        case 'quarterly': return (m = /^(\d{4})-Q([1-4])$/.exec(key)) ? new Date(Date.UTC(+m[1], (+m[2] - 1) * 3, 1)) : undefined;
        case 'yearly': return (m = /^(\d{4})$/.exec(key)) ? new Date(Date.UTC(+m[1], 0, 1)) : undefined;
        case 'weekly': {
            if (!(m = /^(\d{4})-W(\d{2})$/.exec(key))) return undefined;
            // ISO week 1 holds 4 January; weeks start on Monday.
            const jan4 = Date.UTC(+m[1], 0, 4);
            const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
            return new Date(monday + (+m[2] - 1) * 7 * DAY);
        }
    }
}

/** The key of the period holding a UTC date. */
export function periodKey(date: Date, frequency: Frequency): string {
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth() + 1;
    const pad = (n: number) => String(n).padStart(2, '0');
    switch (frequency) {
        case 'daily': return `${y}-${pad(mo)}-${pad(date.getUTCDate())}`;
        case 'monthly': return `${y}-${pad(mo)}`;
        case 'quarterly': return `${y}-Q${Math.ceil(mo / 3)}`;
        case 'yearly': return String(y);
        case 'weekly': {
            const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY);
            const isoYear = thursday.getUTCFullYear();
            const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY)) + 1;
            return `${isoYear}-W${pad(week)}`;
        }
    }
}

function next(date: Date, frequency: Frequency): Date {
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    switch (frequency) {
        case 'daily': return new Date(date.getTime() + DAY);
        case 'weekly': return new Date(date.getTime() + 7 * DAY);
        case 'monthly': return new Date(Date.UTC(y, m + 1, 1));
        case 'quarterly': return new Date(Date.UTC(y, m + 3, 1));
        case 'yearly': return new Date(Date.UTC(y + 1, 0, 1));
    }
}

/** Periods with no value between the earliest and the latest of `keys` (keys of another shape are ignored). */
export function missingPeriods(keys: string[], frequency: Frequency, limit = 24): string[] {
    const starts = keys.map(k => periodStart(k, frequency)).filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime());
    if (starts.length < 2) return [];
    const seen = new Set(keys);
    const missing: string[] = [];
    for (let d = starts[0]; d < starts[starts.length - 1] && missing.length < limit; d = next(d, frequency)) {
        const key = periodKey(d, frequency);
        if (!seen.has(key)) missing.push(key);
    }
    return missing;
}
