/**
 * Periods of measured values and KPI deadlines, read one way by every layer: the metrics engine
 * writes period keys, series files hold them, charts place them on a time axis, and target
 * evaluation reads deadlines.
 *
 * Period keys: `2026` (yearly), `2026-Q1` (quarterly), `2026-03` (monthly), `2026-W12` (ISO
 * week: weeks start on Monday, week 1 holds 4 January) and `2026-03-15` (daily). Every date here
 * is a calendar date, held as midnight UTC.
 */

export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

export interface Period {
    frequency: Frequency;
    /** The period's first day, at midnight UTC. */
    start: Date;
}

const DAY = 86_400_000;
const PERIOD_KEY = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|W(\d{2})))?$/;

/** The period a key names, or undefined when the key is not a period or names no real day or week. */
export function parsePeriod(key: string): Period | undefined {
    const match = PERIOD_KEY.exec(key.trim());
    if (!match) return undefined;
    const [, y, m, d, q, w] = match;
    const year = Number(y);
    if (q) return { frequency: 'quarterly', start: utcDate(year, (Number(q) - 1) * 3, 1) };
    if (w) {
        const week = Number(w);
        if (week < 1 || week > isoWeeksIn(year)) return undefined;
        return { frequency: 'weekly', start: new Date(isoWeekOneMonday(year) + (week - 1) * 7 * DAY) };
    }
    if (m) {
        const month = Number(m);
        const day = d ? Number(d) : 1;
        const start = utcDate(year, month - 1, day);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, the checks overlap (a month or day that does not exist rolls the date over to another month)
        if (month < 1 || month > 12 || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) return undefined;
        return { frequency: d ? 'daily' : 'monthly', start };
    }
    return { frequency: 'yearly', start: utcDate(year, 0, 1) };
}

/** The first day of a period as `YYYY-MM-DD` (for time axes), or undefined when the key is not a period. */
export function periodStartDay(key: string): string | undefined {
    return parsePeriod(key)?.start.toISOString().slice(0, 10);
}

/** The key of the period of `frequency` holding a calendar date (read in UTC). */
export function periodKey(date: Date, frequency: Frequency): string {
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth() + 1;
    switch (frequency) {
        case 'daily': return `${y}-${pad(mo)}-${pad(date.getUTCDate())}`;
        case 'monthly': return `${y}-${pad(mo)}`;
        case 'quarterly': return `${y}-Q${Math.ceil(mo / 3)}`;
        case 'yearly': return String(y);
        case 'weekly': {
            // The ISO week's year is the year of its Thursday.
            const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY);
            const isoYear = thursday.getUTCFullYear();
            const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY)) + 1;
            return `${isoYear}-W${pad(week)}`;
        }
    }
}

/** Periods of `frequency` with no value between the earliest and the latest of `keys` (keys of another frequency are ignored). */
export function missingPeriods(keys: string[], frequency: Frequency, limit = 24): string[] {
    const starts = keys.map(parsePeriod).filter((p): p is Period => p?.frequency === frequency)
        .map(p => p.start).sort((a, b) => a.getTime() - b.getTime());
    // Stryker disable next-line ConditionalExpression: equivalent, with fewer than two starts the loop below runs no step
    if (starts.length < 2) return [];
    const seen = new Set(keys);
    const missing: string[] = [];
    // Stryker disable next-line EqualityOperator: equivalent, the last period is one of `keys`, never missing
    for (let d = starts[0]; d < starts[starts.length - 1] && missing.length < limit; d = nextPeriodStart(d, frequency)) {
        const key = periodKey(d, frequency);
        if (!seen.has(key)) missing.push(key);
    }
    return missing;
}

/** The first day of the period after the one starting on `start`. */
function nextPeriodStart(start: Date, frequency: Frequency): Date {
    const y = start.getUTCFullYear();
    const m = start.getUTCMonth();
    switch (frequency) {
        case 'daily': return new Date(start.getTime() + DAY);
        case 'weekly': return new Date(start.getTime() + 7 * DAY);
        case 'monthly': return utcDate(y, m + 1, 1);
        case 'quarterly': return utcDate(y, m + 3, 1);
        case 'yearly': return utcDate(y + 1, 0, 1);
    }
}

/**
 * The last day a deadline covers, at midnight UTC: `2027-06` runs to 30 June 2027 included,
 * `2027-06-15` to that day. Undefined when the text is not a calendar date.
 */
export function deadlineLastDay(deadline: string): Date | undefined {
    const period = parsePeriod(deadline);
    if (period?.frequency === 'daily') return period.start;
    if (period?.frequency === 'monthly') return utcDate(period.start.getUTCFullYear(), period.start.getUTCMonth() + 1, 0);
    return undefined;
}

/** Whether a deadline is over on `today`: after the end of its last day (UTC). */
export function deadlinePassed(deadline: string, today: Date): boolean | undefined {
    const last = deadlineLastDay(deadline);
    return last ? last.getTime() + DAY <= today.getTime() : undefined;
}

function utcDate(year: number, month: number, day: number): Date {
    return new Date(Date.UTC(year, month, day));
}

function pad(n: number): string {
    return String(n).padStart(2, '0');
}

/** Monday of ISO week 1 of `year` (the week holding 4 January), as a UTC timestamp. */
function isoWeekOneMonday(year: number): number {
    const jan4 = Date.UTC(year, 0, 4);
    return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/** 52 or 53: a year has 53 ISO weeks when the week after its 52nd still has its Thursday in it. */
function isoWeeksIn(year: number): number {
    return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY);
}
