/**
 * "Today", the day KPI deadlines are judged against. The one place that reads the clock for it:
 * every surface (evaluateTarget, the metrics engine, the preview, the language server's code
 * lenses, `journey metrics` and `journey render` without `--today`) asks `currentDay()`.
 *
 * The environment variable JOURNEY_TODAY=YYYY-MM-DD pins it, so that a status does not change
 * with the calendar: tests set it for the language server and VS Code they start. Where there is
 * no environment (the server in a web worker), it is the clock.
 */
import { WordedError } from '../i18n/i18n.js';

/** The instant a `YYYY-MM-DD` day stands for: its noon in UTC, the same calendar day in every time zone. */
export function dateOfDay(day: string): Date {
    return new Date(`${day}T12:00:00Z`);
}

/** The `YYYY-MM-DD` of a date from `dateOfDay` or `currentDay` (its UTC day). */
export function dayOf(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/** JOURNEY_TODAY holds something else than a calendar date: the commands print the message alone. */
export class InvalidTodayError extends WordedError {}

/** Today (noon UTC of JOURNEY_TODAY when it is set, else the clock's instant). */
export function currentDay(): Date {
    // Read through globalThis: this module also runs in the webview and in a web worker, without Node's types or `process`.
    const pinned = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.JOURNEY_TODAY;
    if (!pinned) return new Date();
    const date = /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? dateOfDay(pinned) : undefined;
    if (!date || Number.isNaN(date.getTime()) || dayOf(date) !== pinned) {
        throw InvalidTodayError.keyed('today.invalid', { value: pinned });
    }
    return date;
}
