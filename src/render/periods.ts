/**
 * Periods of measured values (`2026`, `2026-03`, `2026-03-15`, `2026-Q1`, `2026-W12`) as the
 * date they start on, for time axes.
 */
export const PERIOD_PATTERN = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|W(\d{2})))?$/;

/** The first day of the period as `YYYY-MM-DD`, or undefined when the text is not a period. */
export function periodStart(period: string): string | undefined {
    const match = PERIOD_PATTERN.exec(period.trim());
    if (!match) return undefined;
    const [, y, m, d, q, w] = match;
    const year = Number(y);
    let date: Date;
    if (q) date = new Date(Date.UTC(year, (Number(q) - 1) * 3, 1));
    else if (w) {
        const week = Number(w);
        if (week < 1 || week > 53) return undefined;
        // ISO week 1 holds January 4th; weeks start on Monday.
        const jan4 = new Date(Date.UTC(year, 0, 4));
        const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
        date = new Date(monday.getTime() + (week - 1) * 7 * 86_400_000);
    } else if (m) {
        const month = Number(m);
        const day = d ? Number(d) : 1;
        date = new Date(Date.UTC(year, month - 1, day));
        if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    } else date = new Date(Date.UTC(year, 0, 1));
    return date.toISOString().slice(0, 10);
}

/** A deadline (`YYYY-MM` or `YYYY-MM-DD`) as the last day it covers. */
export function deadlineDay(deadline: string): string | undefined {
    const [year, month, day] = deadline.split('-').map(Number);
    if (!year || !month) return undefined;
    const date = day ? new Date(Date.UTC(year, month - 1, day)) : new Date(Date.UTC(year, month, 0));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}
