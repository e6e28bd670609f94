/**
 * Property tests of every KPI kind on real-world data: random event logs and survey answers with
 * UTC offsets, Europe/Paris DST days (gap and overlap), leap days, ISO week 53 and bad rows
 * (impossible dates, empty cells, a row with the wrong separator, repeated answers), written as
 * CSV, JSON-lines and Parquet (DuckDB's COPY), computed by the engine (`journey metrics`) and by
 * `journey sql --dialect postgres` on the same rows in a real PostgreSQL, and compared with the
 * computation below: plain TypeScript that imports nothing of the engine (time zones through
 * the platform's Intl, instants as integer milliseconds, shares compared as fractions).
 *
 * Compared: each point (period, segment, value), the status against the target, rows used and
 * rows rejected. Seeded: a failure prints fast-check's seed and the shrunk data set; rerun one
 * with `KPI_PROPERTIES_SEED=<seed> npx vitest run test/metrics/kpi-properties.test.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceModel } from '../../src/language/model/journey-model.js';
import type { KpiResult } from '../../src/language/model/kpi-results.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { warehouseQueries } from '../../src/metrics/warehouse-sql.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { TODAY, removeWorkspace, tempWorkspace } from './metrics-helpers.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

const SEED = Number(process.env.KPI_PROPERTIES_SEED ?? 20261206);
const RUNS = Number(process.env.KPI_PROPERTIES_RUNS ?? 60);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ------------------------------------------------------------------ calendar, independently

type Zone = 'UTC' | 'Europe/Paris';
const formatters = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset (ms) at an instant, from the platform's time-zone data. */
function offsetAt(zone: Zone, ms: number): number {
    if (zone === 'UTC') return 0;
    let f = formatters.get(zone);
    if (!f) formatters.set(zone, f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }));
    const p = Object.fromEntries(f.formatToParts(ms).map(x => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}
/** A wall time (written as a UTC epoch) → the instant: a skipped time takes the offset before the change, a repeated one is the second. */
function instantOfWall(zone: Zone, wall: number): number {
    const before = offsetAt(zone, wall - DAY);
    const after = offsetAt(zone, wall + DAY);
    const fits = [...new Set([before, after])].filter(o => offsetAt(zone, wall - o) === o);
    return fits.length === 0 ? wall - before : Math.max(...fits.map(o => wall - o));
}
const wallOf = (zone: Zone, instant: number) => instant + offsetAt(zone, instant);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (wall: number) => { const d = new Date(wall); return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() }; };
const dayIndex = (wall: number) => Math.floor(wall / DAY);
function isoWeek(wall: number): string {
    const day = dayIndex(wall);
    const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // Monday 0
    const thursday = new Date((day - weekday + 3) * DAY);
    const year = thursday.getUTCFullYear();
    const week = Math.floor((dayIndex(thursday.getTime()) - dayIndex(Date.UTC(year, 0, 1))) / 7) + 1;
    return `${year}-W${pad(week)}`;
}
type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly';
function periodOf(wall: number, frequency: Frequency): string {
    const t = ymd(wall);
    switch (frequency) {
        case 'daily': return `${t.y}-${pad(t.m)}-${pad(t.d)}`;
        case 'weekly': return isoWeek(wall);
        case 'monthly': return `${t.y}-${pad(t.m)}`;
        case 'quarterly': return `${t.y}-Q${Math.ceil(t.m / 3)}`;
    }
}
/** Monday-to-Friday days up to a date, from a Monday far back. */
function weekdaysTo(wall: number): number {
    const n = dayIndex(wall) - dayIndex(Date.UTC(1900, 0, 1));
    return 5 * Math.floor(n / 7) + Math.min(n % 7 + 1, 5);
}

// ------------------------------------------------------------------ the rows as written

/** A timestamp cell: the text in a file, and what it means (an instant, a wall time in the source's zone, nothing). */
type Stamp = { text: string; instant: number } | { text: string; wall: number } | { text: string; bad: true };
type Style = 'offset' | 'naive' | 'day-first' | 'mixed';

const isoText = (wall: number) => { const t = ymd(wall); return `${t.y}-${pad(t.m)}-${pad(t.d)} ${pad(t.h)}:${pad(t.min)}:${pad(t.s)}`; };
const dayFirstText = (wall: number) => { const t = ymd(wall); return `${pad(t.d)}/${pad(t.m)}/${t.y} ${pad(t.h)}:${pad(t.min)}`; };
function offsetText(wall: number, offsetMinutes: number): string {
    const t = ymd(wall);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const a = Math.abs(offsetMinutes);
    return `${t.y}-${pad(t.m)}-${pad(t.d)}T${pad(t.h)}:${pad(t.min)}:${pad(t.s)}${offsetMinutes === 0 && wall % 2 === 0 ? 'Z' : `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`}`;
}

/** Days around which data is drawn: Paris DST gap and overlap, leap days, ISO weeks 53, a month end. */
const ANCHORS = ['2026-03-28', '2026-10-24', '2028-02-28', '2024-02-28', '2026-12-27', '2020-12-27', '2026-06-29', '2027-02-27']
    .map(day => Date.parse(`${day}T00:00:00Z`));
/** Wall times that Paris skips or repeats. */
const TRANSITIONS = [Date.parse('2026-03-29T02:00:00Z'), Date.parse('2026-10-25T02:00:00Z'), Date.parse('2026-10-25T01:00:00Z')];
const IMPOSSIBLE = ['31/04/2026 10:00', '30/02/2028 09:00', '29/02/2027 12:00', '2026-02-30 10:00:00', '2026-13-01 08:00:00', 'hier'];

/** A wall time near one of the anchors, at a quarter hour, often inside a DST transition hour. */
const wallArb = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: 0, max: 4 * 96 })).map(([a, q]) => a + q * 15 * MINUTE) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: 0, max: 3 })).map(([t, q]) => t + q * 15 * MINUTE) }
);
const OFFSETS = [0, 60, 120, -300, 330];

function stampArb(style: Style, wall: fc.Arbitrary<number>): fc.Arbitrary<Stamp> {
    const styles: Array<Exclude<Style, 'mixed'>> = style === 'mixed' ? ['offset', 'naive', 'day-first'] : [style];
    return fc.tuple(wall, fc.constantFrom(...styles), fc.constantFrom(...OFFSETS), fc.boolean()).map(([w, s, o, t]): Stamp =>
        s === 'offset' ? { text: offsetText(w, o), instant: w - o * MINUTE }
            : { text: s === 'naive' ? (t ? isoText(w).replace(' ', 'T') : isoText(w)) : dayFirstText(w), wall: w });
}
/** A survey's date alone (`2026-03-29`, `29/03/2026`): midnight in the source's zone. */
function dateOnlyArb(style: Style): fc.Arbitrary<Stamp> {
    if (style === 'offset') return stampArb(style, wallArb);
    const styles = style === 'mixed' ? ['naive', 'day-first'] : [style];
    return fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...styles)).map(([a, d, s]) => {
        const wall = a + d * DAY;
        return { text: s === 'naive' ? isoText(wall).slice(0, 10) : dayFirstText(wall).slice(0, 10), wall };
    });
}
const badStamp: fc.Arbitrary<Stamp> = fc.constantFrom(...IMPOSSIBLE, '').map(text => ({ text, bad: true as const }));

interface EventRow { case: string; event: string; ts: Stamp; channel: string; /** Written with `;` in a comma file. */ wrongSeparator?: boolean }
interface AnswerRow { respondent: string; score: string; date: Stamp; channel: string; wrongSeparator?: boolean }
interface DataSet { zone: Zone; style: Style; /** The CSV files' separator (a wrong row uses the other). */ separator: ',' | ';'; events: EventRow[]; answers: AnswerRow[] }

const channelArb = fc.constantFrom('Web', 'Agence', '');
/**
 * A case: a start, an end some time after (or before), sometimes a second start or end, other
 * events, bad rows; sometimes rounds of a loop after it (a start again, its end or none yet).
 */
function caseArb(style: Style): fc.Arbitrary<EventRow[]> {
    return fc.record({
        id: fc.integer({ min: 1, max: 30 }).map(n => `C${n}`),
        start: wallArb,
        lags: fc.array(fc.integer({ min: -8, max: 4 * 24 * 4 }), { minLength: 0, maxLength: 2 }),
        extraStart: fc.option(fc.integer({ min: -4, max: 24 }), { nil: undefined }),
        // One case in three goes round the loop (the others keep their ends before the start, when drawn so).
        loops: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.record({
            after: fc.integer({ min: 0, max: 4 * 24 * 3 }), back: fc.option(fc.integer({ min: 0, max: 4 * 24 * 2 }), { nil: undefined }), channel: channelArb
        }), { minLength: 1, maxLength: 2 }) }),
        channel: channelArb,
        otherChannel: channelArb,
        other: fc.boolean(),
        repeatEnd: fc.boolean(),
        repeatChannel: channelArb
    }).chain(c => {
        // Each round of the loop starts some time after the previous round's start (or the case's).
        const rounds: Array<{ start: number; end?: number; channel: string }> = [];
        for (const loop of c.loops) {
            const start = (rounds.length ? rounds[rounds.length - 1].start : c.start) + loop.after * 15 * MINUTE;
            rounds.push({ start, ...(loop.back === undefined ? {} : { end: start + loop.back * 15 * MINUTE }), channel: loop.channel });
        }
        const loopWalls = rounds.flatMap(r => r.end === undefined ? [r.start] : [r.start, r.end]);
        const walls = [c.start, ...c.lags.map(l => c.start + l * 15 * MINUTE), ...(c.extraStart === undefined ? [] : [c.start + c.extraStart * HOUR]), ...loopWalls];
        return fc.tuple(...walls.map(w => stampArb(style, fc.constant(w)))).map(stamps => {
            const rows: EventRow[] = [{ case: c.id, event: 'START', ts: stamps[0], channel: c.channel }];
            c.lags.forEach((_, i) => rows.push({ case: c.id, event: 'END', ts: stamps[1 + i], channel: c.otherChannel }));
            if (c.extraStart !== undefined) rows.push({ case: c.id, event: 'START', ts: stamps[1 + c.lags.length], channel: c.otherChannel });
            let next = 1 + c.lags.length + (c.extraStart === undefined ? 0 : 1);
            for (const round of rounds) {
                rows.push({ case: c.id, event: 'START', ts: stamps[next++], channel: round.channel });
                if (round.end !== undefined) rows.push({ case: c.id, event: 'END', ts: stamps[next++], channel: c.otherChannel });
            }
            if (c.other) rows.push({ case: c.id, event: 'OTHER', ts: stamps[0], channel: c.channel });
            // An export that doubled a row (the same case, event, time and channel).
            if (c.repeatEnd && rows.length > 1) rows.push({ ...rows[1] });
            // The same event logged again with another channel (a channel filled in later).
            if (c.repeatChannel !== c.channel && c.other) rows.push({ ...rows[0], channel: c.repeatChannel });
            return rows;
        });
    });
}
const badEventArb = (style: Style): fc.Arbitrary<EventRow> => fc.oneof(
    fc.record({ case: fc.constant('C1'), event: fc.constantFrom('START', 'END'), ts: badStamp, channel: channelArb }),
    fc.record({ case: fc.constant(''), event: fc.constantFrom('START', 'END'), ts: stampArb(style, wallArb), channel: channelArb }),
    fc.record({ case: fc.constant('C2'), event: fc.constant(''), ts: stampArb(style, wallArb), channel: channelArb }),
    fc.record({ case: fc.constant('C3'), event: fc.constant('START'), ts: stampArb(style, wallArb), channel: fc.constant('Web'), wrongSeparator: fc.constant(true) }),
    // The end of a case whose start the export lacks.
    fc.record({ case: fc.constant('C99'), event: fc.constant('END'), ts: stampArb(style, wallArb), channel: channelArb })
);
const answerArb = (style: Style): fc.Arbitrary<AnswerRow> => fc.record({
    respondent: fc.integer({ min: 1, max: 12 }).map(n => `R${n}`),
    score: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom('7,0', '9.0', '12', '-1', 'abc', '') }),
    date: fc.oneof({ weight: 4, arbitrary: stampArb(style, wallArb) }, { weight: 4, arbitrary: dateOnlyArb(style) }, { weight: 1, arbitrary: badStamp }),
    channel: channelArb,
    wrongSeparator: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
});

const dataSetArb: fc.Arbitrary<DataSet> = fc.tuple(fc.constantFrom<Zone>('UTC', 'Europe/Paris'), fc.constantFrom<Style>('offset', 'naive', 'day-first', 'mixed'))
    .chain(([zone, style]) => fc.record({
        zone: fc.constant(zone),
        style: fc.constant(style),
        separator: fc.constantFrom<DataSet['separator']>(',', ';'),
        events: fc.tuple(fc.array(caseArb(style), { maxLength: 14 }), fc.array(badEventArb(style), { maxLength: 3 }))
            .chain(([cases, bad]) => fc.shuffledSubarray([...cases.flat(), ...bad], { minLength: cases.flat().length + bad.length })),
        // Repeated answers: a respondent answering again on the same day with another score.
        answers: fc.array(answerArb(style), { maxLength: 30 }).chain(answers => fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 })), { maxLength: 6 })
            .map(repeats => answers.length === 0 ? answers : [...answers, ...repeats.map(([i, score]) => ({ ...answers[i % answers.length], score: String(score), wrongSeparator: false }))]))
    }));

// ------------------------------------------------------------------ the expected results

const instantOf = (zone: Zone, stamp: Stamp) => 'instant' in stamp ? stamp.instant : 'wall' in stamp ? instantOfWall(zone, stamp.wall) : undefined;
const numberOf = (text: string) => /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : undefined;

interface Point { period: string; segment?: string; value: number }
interface Expected { points: Point[]; status: string; rowsUsed: number; rowsRejected: number; /** Warnings that must be there (true) or not (false). */ warnings: Record<string, boolean> }

/** Points per period, overall and per non-empty channel. `value` gets a group's items. */
function pointsOf<T>(items: T[], period: (t: T) => string, channel: (t: T) => string, value: (g: T[]) => number): Point[] {
    const groups = new Map<string, { period: string; segment?: string; items: T[] }>();
    const add = (item: T, segment?: string) => {
        const k = `${period(item)}|${segment ?? ''}`;
        if (!groups.has(k)) groups.set(k, { period: period(item), ...(segment === undefined ? {} : { segment }), items: [] });
        groups.get(k)!.items.push(item);
    };
    for (const item of items) {
        add(item);
        if (channel(item) !== '') add(item, channel(item));
    }
    return [...groups.values()].map(g => ({ period: g.period, ...(g.segment === undefined ? {} : { segment: g.segment }), value: value(g.items) }));
}

interface Target { op: '>=' | '<='; value: number; warning?: number; deadlinePassed?: boolean }
function statusOf(points: Point[], target: Target): string {
    const overall = points.filter(p => p.segment === undefined).sort((a, b) => a.period.localeCompare(b.period));
    if (overall.length === 0) return 'no-data';
    const v = overall[overall.length - 1].value;
    const meets = (x: number, bound: number) => target.op === '>=' ? x >= bound - 1e-9 : x <= bound + 1e-9;
    if (meets(v, target.value)) return 'met';
    if (target.deadlinePassed) return 'missed';
    if (target.warning !== undefined && meets(v, target.warning)) return 'at-risk';
    return 'missed';
}

function percentile(values: number[], fraction: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const position = fraction * (sorted.length - 1);
    const low = Math.floor(position);
    return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
}

/** The KPIs of one format, with their text in the journey file and their expected results. */
interface KpiSpec { id: string; text: string; target: Target; expect(data: DataSet): Expected }

const TARGETS: Record<string, { text: string; target: Target }> = {
    share: { text: 'target >= 60% warning 40%', target: { op: '>=', value: 60, warning: 40 } },
    passed: { text: 'target >= 70% by 2026-01', target: { op: '>=', value: 70, deadlinePassed: true } },
    hours: { text: 'target <= 30 hours warning 48 hours', target: { op: '<=', value: 30, warning: 48 } },
    low: { text: 'target <= 30% warning 45%', target: { op: '<=', value: 30, warning: 45 } },
    minutes: { text: 'target <= 1500 minutes by 2026-02', target: { op: '<=', value: 1500, deadlinePassed: true } },
    count: { text: 'target >= 3 warning 2', target: { op: '>=', value: 3, warning: 2 } },
    nps: { text: 'target >= 20 warning 0', target: { op: '>=', value: 20, warning: 0 } },
    csat: { text: 'target >= 50% by 2026-03 warning 30%', target: { op: '>=', value: 50, warning: 30, deadlinePassed: true } }
};

/** The event rows the engine can use, and the rows it rejects (one count per row). */
function eventFacts(data: DataSet, withCount: boolean) {
    const valid: Array<{ case: string; event: 'START' | 'END'; instant: number; channel: string }> = [];
    let rejected = 0;
    for (const row of data.events) {
        if (row.wrongSeparator || row.event === '') { rejected++; continue; }
        if (row.event !== 'START' && row.event !== 'END') continue; // unmapped: a warning, neither used nor rejected
        const instant = instantOf(data.zone, row.ts);
        if (row.case === '' || instant === undefined) { rejected++; continue; }
        valid.push({ case: row.case, event: row.event, instant, channel: row.channel });
    }
    // Rows repeating a row (same case, event and time) are rejected when a count reads the source.
    const distinct = new Set(valid.map(v => `${v.case}|${v.event}|${v.instant}`)).size;
    return { valid, rejected: rejected + (withCount ? valid.length - distinct : 0) };
}

/** A round of a case: a start, and the end that closes it (none yet: open). */
interface Case { id: string; start: number; end?: number; channel: string }
/**
 * The rounds of each case, read event by event in time order (at the same instant, starts
 * first): a start opens a round unless one is open (then it joins it), an end closes the open
 * round (none open: it belongs to none). A round's channel is the first by name of its starts'.
 */
function casesOf(valid: ReturnType<typeof eventFacts>['valid']): Case[] {
    const rounds: Case[] = [];
    for (const id of new Set(valid.map(v => v.case))) {
        const events = valid.filter(v => v.case === id).sort((a, b) => a.instant - b.instant || (a.event === b.event ? 0 : a.event === 'START' ? -1 : 1));
        let open: { start: number; channels: string[] } | undefined;
        const close = (end?: number) => {
            rounds.push({ id, start: open!.start, ...(end === undefined ? {} : { end }), channel: open!.channels.filter(c => c !== '').sort()[0] ?? '' });
            open = undefined;
        };
        for (const event of events) {
            if (event.event === 'START') {
                if (open) open.channels.push(event.channel);
                else open = { start: event.instant, channels: [event.channel] };
            } else if (open) {
                close(event.instant);
            }
        }
        if (open) close();
    }
    return rounds;
}

function eventKpi(id: string, measure: string, frequency: Frequency, target: keyof typeof TARGETS, events: Array<'START' | 'END'>,
    compute: (data: DataSet, cases: Case[], valid: ReturnType<typeof eventFacts>['valid'], period: (instant: number) => string) => Point[]): KpiSpec {
    const { text, target: t } = TARGETS[target];
    return {
        id, target: t,
        text: `measures ${measure} frequency ${frequency} ${text}`,
        expect(data) {
            const facts = eventFacts(data, true);
            const period = (instant: number) => periodOf(wallOf(data.zone, instant), frequency);
            const points = compute(data, casesOf(facts.valid), facts.valid, period);
            const ids = [...new Set(facts.valid.map(v => v.case))];
            const startOf = (id: string) => Math.min(...facts.valid.filter(v => v.case === id && v.event === 'START').map(v => v.instant));
            const endsOf = (id: string) => facts.valid.filter(v => v.case === id && v.event === 'END').map(v => v.instant);
            // Reach and duration KPIs say which cases have an end but no start, and which end only before their start.
            const warnings = events.length === 2 ? {
                'missing-start': ids.some(id => endsOf(id).length > 0 && !Number.isFinite(startOf(id))),
                'events-out-of-order': ids.some(id => Number.isFinite(startOf(id)) && endsOf(id).length > 0 && endsOf(id).every(e => e < startOf(id)))
            } : {};
            return { points, status: statusOf(points, t), rowsUsed: facts.valid.filter(v => events.includes(v.event)).length, rowsRejected: facts.rejected, warnings };
        }
    };
}

const localDay = (data: DataSet, instant: number) => dayIndex(wallOf(data.zone, instant));
const share = (hit: (c: Required<Case>, data: DataSet) => boolean) => (data: DataSet, cases: Case[], _: unknown, period: (i: number) => string) =>
    pointsOf(cases, c => period(c.start), c => c.channel, g => 100 * g.filter(c => c.end !== undefined && hit(c as Required<Case>, data)).length / g.length);
const durations = (stat: (hours: number[]) => number) => (_: DataSet, cases: Case[], __: unknown, period: (i: number) => string) =>
    pointsOf(cases.filter(c => c.end !== undefined), c => period(c.start), c => c.channel, g => stat(g.map(c => (c.end! - c.start) / HOUR)));

/** Events counted once per case and time (a repeated row is one event, in the first of its channels by name). */
function events(valid: ReturnType<typeof eventFacts>['valid'], event: 'START' | 'END', period: (instant: number) => string): Point[] {
    const byKey = new Map<string, { instant: number; channels: string[] }>();
    for (const v of valid.filter(x => x.event === event)) {
        const k = `${v.case}|${v.instant}`;
        if (!byKey.has(k)) byKey.set(k, { instant: v.instant, channels: [] });
        if (v.channel !== '') byKey.get(k)!.channels.push(v.channel);
    }
    return pointsOf([...byKey.values()], e => period(e.instant), e => [...e.channels].sort()[0] ?? '', g => g.length);
}

const EVENT_KPIS: KpiSpec[] = [
    eventKpi('ShareJ1', 'share(End within J+1 of Start)', 'weekly', 'share', ['START', 'END'], share((c, d) => localDay(d, c.end) - localDay(d, c.start) <= 1)),
    eventKpi('Share36h', 'share(End within 36 h of Start)', 'daily', 'share', ['START', 'END'], share(c => c.end - c.start <= 36 * HOUR)),
    eventKpi('ShareBusiness', 'share(End within 2 business days of Start)', 'monthly', 'passed', ['START', 'END'],
        share((c, d) => weekdaysTo(wallOf(d.zone, c.end)) - weekdaysTo(wallOf(d.zone, c.start)) <= 2)),
    eventKpi('Median', 'duration(Start to End) median unit hours', 'weekly', 'hours', ['START', 'END'], durations(h => percentile(h, 0.5))),
    eventKpi('P90', 'duration(Start to End) p90 unit hours', 'monthly', 'hours', ['START', 'END'], durations(h => percentile(h, 0.9))),
    eventKpi('MeanMinutes', 'duration(Start to End) mean unit minutes', 'quarterly', 'minutes', ['START', 'END'], durations(h => 60 * h.reduce((a, b) => a + b, 0) / h.length)),
    eventKpi('Conversion', 'conversion(Debut to Fin)', 'weekly', 'passed', ['START', 'END'], share(() => true)),
    eventKpi('Abandonment', 'abandonment(Debut to Fin)', 'monthly', 'low', ['START', 'END'],
        (data, cases, _, period) => pointsOf(cases, c => period(c.start), c => c.channel, g => 100 * g.filter(c => c.end === undefined).length / g.length)),
    eventKpi('Ends', 'count(End) per channel', 'daily', 'count', ['END'], (data, _, valid, period) => events(valid, 'END', period)),
    eventKpi('Starts', 'count(Start)', 'weekly', 'count', ['START'], (data, _, valid, period) => events(valid, 'START', period))
];

/** Survey answers: the valid rows, the first of repeated answers (same respondent and instant), then the KPI's scale. */
function surveyKpi(id: string, measure: string, frequency: Frequency, target: keyof typeof TARGETS, range: [number, number], value: (scores: number[]) => number): KpiSpec {
    const { text, target: t } = TARGETS[target];
    return {
        id, target: t,
        text: `measures ${measure} frequency ${frequency} ${text}`,
        expect(data) {
            let rejected = 0;
            let repeats = 0;
            const seen = new Set<string>();
            const used: Array<{ instant: number; score: number; channel: string }> = [];
            for (const row of data.answers) {
                const score = numberOf(row.score);
                const instant = instantOf(data.zone, row.date);
                if (row.wrongSeparator || row.respondent === '' || score === undefined || instant === undefined) { rejected++; continue; }
                const key = `${row.respondent}|${instant}`;
                if (seen.has(key)) { rejected++; repeats++; continue; }
                seen.add(key);
                if (score < range[0] || score > range[1]) { rejected++; continue; }
                used.push({ instant, score, channel: row.channel });
            }
            const points = pointsOf(used, a => periodOf(wallOf(data.zone, a.instant), frequency), a => a.channel, g => value(g.map(a => a.score)));
            return { points, status: statusOf(points, t), rowsUsed: used.length, rowsRejected: rejected, warnings: { 'duplicate-answers': repeats > 0 } };
        }
    };
}

const SURVEY_KPIS: KpiSpec[] = [
    surveyKpi('Nps', 'nps', 'weekly', 'nps', [0, 10], s => 100 * (s.filter(x => x >= 9).length - s.filter(x => x <= 6).length) / s.length),
    surveyKpi('Csat', 'csat', 'monthly', 'csat', [1, 5], s => 100 * s.filter(x => x >= 4).length / s.length),
    surveyKpi('Ces', 'ces', 'daily', 'count', [-Infinity, Infinity], s => s.reduce((a, b) => a + b, 0) / s.length)
];

// ------------------------------------------------------------------ the workspace and its files

const FORMATS = ['csv', 'jsonl', 'parquet'] as const;
type Format = typeof FORMATS[number];

function journeyText(zone: Zone): string {
    const sources = FORMATS.flatMap(f => [
        `source Log_${f} events "data/log.${f}" {\n  timezone "${zone}"\n  column case "dossier"\n  column timestamp "horodatage"\n  column channel "canal"\n  event "START" is Start\n  event "END" is End\n}`,
        `source Avis_${f} survey "data/avis.${f}" {\n  timezone "${zone}"\n  column channel "canal"\n  column line "ligne"\n}`
    ]);
    const kpis = FORMATS.flatMap(f => [
        ...EVENT_KPIS.map(k => `  kpi ${k.id}_${f} { ${k.text} data Log_${f} }`),
        ...SURVEY_KPIS.map(k => `  kpi ${k.id}_${f} { ${k.text} data Avis_${f} }`)
    ]);
    return `${sources.join('\n')}\njourney J {\n  stage Debut { touchpoint Start }\n  stage Fin { touchpoint End { outcome Again "again" leads to Start } }\n${kpis.join('\n')}\n}\n`;
}

const EVENT_COLUMNS = ['dossier', 'event', 'horodatage', 'canal'];
const ANSWER_COLUMNS = ['respondent', 'score', 'date', 'canal'];
const eventCells = (r: EventRow) => [r.case, r.event, r.ts.text, r.channel];
const answerCells = (r: AnswerRow) => [r.respondent, r.score, r.date.text, r.channel];

/** CSV: a cell holding the separator (`7,0` in a comma file) is quoted; a row with the wrong separator is written with the other one, unquoted. */
function csvText(separator: string, columns: string[], rows: Array<{ wrongSeparator?: boolean }>, cells: (r: never) => string[]): string {
    const other = separator === ',' ? ';' : ',';
    const quoted = (cell: string) => cell.includes(separator) || cell.includes('"') ? `"${cell.replace(/"/g, '""')}"` : cell;
    return [columns.join(separator), ...rows.map(r => r.wrongSeparator ? cells(r as never).join(other) : cells(r as never).map(quoted).join(separator))].join('\n') + '\n';
}
/** JSON-lines: an empty cell is null; a row written with the wrong separator is its whole text in the first column. */
function jsonlText(columns: string[], rows: Array<{ wrongSeparator?: boolean }>, cells: (r: never) => string[]): string {
    return rows.map(r => {
        const values = cells(r as never);
        const record = r.wrongSeparator ? Object.fromEntries(columns.map((c, i) => [c, i === 0 ? values.join(';') : null]))
            : Object.fromEntries(columns.map((c, i) => [c, values[i] === '' ? null : /^-?\d+$/.test(values[i]) ? Number(values[i]) : values[i]]));
        return JSON.stringify(record);
    }).join('\n') + '\n';
}

const sqlText = (v: string | null) => v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`;
const micros = (ms: number) => `${BigInt(ms) * 1000n}`;
/**
 * How a typed pipeline stores a timestamp: an instant (TIMESTAMP WITH TIME ZONE) when every row
 * has an offset, a wall time (TIMESTAMP) when none has; otherwise text. A cell that is no date is NULL.
 */
function timestampColumn(style: Style): 'instant' | 'wall' | 'text' {
    return style === 'offset' ? 'instant' : style === 'mixed' ? 'text' : 'wall';
}
function typedStamp(stamp: Stamp, kind: 'instant' | 'wall' | 'text', duck: boolean): string {
    if (kind === 'text') return sqlText(stamp.text === '' ? null : stamp.text);
    if ('bad' in stamp) return 'NULL';
    if (kind === 'instant' && 'instant' in stamp) return duck ? `make_timestamptz(${micros(stamp.instant)})` : `to_timestamp(${stamp.instant / 1000})`;
    if (kind === 'wall' && 'wall' in stamp) return duck ? `make_timestamp(${micros(stamp.wall)})` : `(to_timestamp(${stamp.wall / 1000}) AT TIME ZONE 'UTC')`;
    throw new Error('a stamp of another style than its column');
}
const SQL_TYPES = { instant: 'TIMESTAMPTZ', wall: 'TIMESTAMP', text: 'TEXT' };

/** The rows as a typed table: wrong-separator rows as in the CSV reader (text in the first column), scores as numbers (NULL when none). */
function tableRows(data: DataSet, duck: boolean) {
    const kind = timestampColumn(data.style);
    const number = (text: string) => { const n = numberOf(text); return n === undefined ? 'NULL' : String(n); };
    const events = data.events.map((r, i) => r.wrongSeparator
        ? [sqlText(eventCells(r).join(';')), 'NULL', 'NULL', 'NULL', String(i + 1)]
        : [sqlText(r.case || null), sqlText(r.event || null), typedStamp(r.ts, kind, duck), sqlText(r.channel || null), String(i + 1)]);
    const answers = data.answers.map((r, i) => r.wrongSeparator
        ? [sqlText(answerCells(r).join(';')), 'NULL', 'NULL', 'NULL', String(i + 1)]
        : [sqlText(r.respondent || null), number(r.score), typedStamp(r.date, kind, duck), sqlText(r.channel || null), String(i + 1)]);
    return {
        kind,
        events: { columns: `dossier TEXT, event TEXT, horodatage ${SQL_TYPES[kind]}, canal TEXT, ligne BIGINT`, rows: events },
        answers: { columns: `respondent TEXT, score DOUBLE PRECISION, date ${SQL_TYPES[kind]}, canal TEXT, ligne BIGINT`, rows: answers }
    };
}

// ------------------------------------------------------------------ what the runs covered

/** How often each kind of real-world trouble occurred over the runs: every one must have been met. */
const covered: Record<string, number> = {
    'Paris wall time skipped (DST gap)': 0, 'Paris wall time repeated (DST overlap)': 0, 'UTC offset': 0, 'dd/mm/yyyy': 0,
    'leap day': 0, 'ISO week 53': 0, 'date alone': 0, 'semicolon file': 0, 'impossible date': 0, 'empty cell': 0, 'wrong separator': 0,
    'repeated answer, another score': 0, 'repeated event row': 0, 'case reached within its window': 0, 'case out of order': 0, 'case without start': 0, 'log without any start': 0,
    'case round a loop twice': 0, 'open round after a closed one': 0, 'end before the first start, then a round': 0,
    'status met': 0, 'status at-risk': 0, 'status missed': 0, 'status no-data': 0, 'points compared': 0, 'PostgreSQL statements compared': 0
};
function countCoverage(data: DataSet): void {
    const stamps = [...data.events.map(e => e.ts), ...data.answers.map(a => a.date)];
    for (const stamp of stamps) {
        if ('wall' in stamp && data.zone === 'Europe/Paris') {
            const before = offsetAt(data.zone, stamp.wall - DAY), after = offsetAt(data.zone, stamp.wall + DAY);
            const fits = [before, after].filter(o => offsetAt(data.zone, stamp.wall - o) === o).length;
            if (before !== after && fits === 0) covered['Paris wall time skipped (DST gap)']++;
            if (before !== after && fits === 2) covered['Paris wall time repeated (DST overlap)']++;
        }
        if ('instant' in stamp) covered['UTC offset']++;
        if ('wall' in stamp && stamp.text.includes('/')) covered['dd/mm/yyyy']++;
        const instant = instantOf(data.zone, stamp);
        if (instant !== undefined && periodOf(wallOf(data.zone, instant), 'daily').endsWith('-02-29')) covered['leap day']++;
        if (instant !== undefined && periodOf(wallOf(data.zone, instant), 'weekly').endsWith('W53')) covered['ISO week 53']++;
        if ('bad' in stamp && stamp.text !== '') covered['impossible date']++;
        if ('wall' in stamp && stamp.text.length === 10) covered['date alone']++;
    }
    if (data.separator === ';') covered['semicolon file']++;
    covered['empty cell'] += data.events.filter(e => !e.wrongSeparator && (e.case === '' || e.event === '' || e.ts.text === '')).length
        + data.answers.filter(a => !a.wrongSeparator && (a.score === '' || a.date.text === '')).length;
    covered['wrong separator'] += [...data.events, ...data.answers].filter(r => r.wrongSeparator).length;
    const firstScore = new Map<string, string>();
    for (const a of data.answers) {
        const instant = instantOf(data.zone, a.date);
        if (a.wrongSeparator || instant === undefined || numberOf(a.score) === undefined) continue;
        const k = `${a.respondent}|${instant}`;
        if (firstScore.has(k) && firstScore.get(k) !== a.score) covered['repeated answer, another score']++;
        if (!firstScore.has(k)) firstScore.set(k, a.score);
    }
    const facts = eventFacts(data, true);
    covered['repeated event row'] += facts.valid.length - new Set(facts.valid.map(v => `${v.case}|${v.event}|${v.instant}`)).size;
    const rounds = casesOf(facts.valid);
    for (const c of rounds) if (c.end !== undefined && c.end - c.start <= 36 * HOUR) covered['case reached within its window']++;
    for (const id of new Set(rounds.map(r => r.id))) {
        const of = rounds.filter(r => r.id === id);
        if (of.filter(r => r.end !== undefined).length >= 2) covered['case round a loop twice']++;
        if (of.length >= 2 && of[0].end !== undefined && of[of.length - 1].end === undefined) covered['open round after a closed one']++;
        const first = of[0].start;
        if (facts.valid.some(v => v.case === id && v.event === 'END' && v.instant < first) && of.some(r => r.end !== undefined)) covered['end before the first start, then a round']++;
    }
    for (const id of new Set(facts.valid.map(v => v.case))) {
        const start = Math.min(...facts.valid.filter(v => v.case === id && v.event === 'START').map(v => v.instant));
        const ends = facts.valid.filter(v => v.case === id && v.event === 'END').map(v => v.instant);
        if (Number.isFinite(start) && ends.length > 0 && ends.every(e => e < start)) covered['case out of order']++;
        if (!Number.isFinite(start) && ends.length > 0) covered['case without start']++;
    }
    if (facts.valid.some(v => v.event === 'END') && !facts.valid.some(v => v.event === 'START')) covered['log without any start']++;
}

// ------------------------------------------------------------------ the run

let server: PostgresServer;
let duck: DuckDBInstance;
let connection: DuckDBConnection;
let root: string;
const models = new Map<Zone, WorkspaceModel>();

beforeAll(async () => {
    server = await startPostgres();
    duck = await DuckDBInstance.create(':memory:');
    connection = await duck.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
    root = tempWorkspace({});
    mkdirSync(path.join(root, 'data'), { recursive: true });
    for (const zone of ['UTC', 'Europe/Paris'] as const) {
        const text = journeyText(zone);
        const workspace = await buildWorkspace([{ path: 'j.journey', text }], root);
        expect(workspace.diagnostics.filter(d => d.severity === 'error').map(d => `${d.line}: ${d.message}`)).toEqual([]);
        models.set(zone, workspace.model);
    }
}, 120_000);

afterAll(async () => {
    connection?.closeSync();
    duck?.closeSync();
    await server?.stop();
    if (root) removeWorkspace(root);
});

async function writeFiles(data: DataSet): Promise<void> {
    const dir = path.join(root, 'data');
    writeFileSync(path.join(dir, 'log.csv'), csvText(data.separator, EVENT_COLUMNS, data.events, eventCells));
    writeFileSync(path.join(dir, 'avis.csv'), csvText(data.separator, ANSWER_COLUMNS, data.answers, answerCells));
    writeFileSync(path.join(dir, 'log.jsonl'), jsonlText(EVENT_COLUMNS, data.events, eventCells));
    writeFileSync(path.join(dir, 'avis.jsonl'), jsonlText(ANSWER_COLUMNS, data.answers, answerCells));
    const tables = tableRows(data, true);
    for (const [name, table, file] of [['log', tables.events, 'log.parquet'], ['avis', tables.answers, 'avis.parquet']] as const) {
        // The Parquet file has no load-order column: its rows' order is the order.
        await connection.run(`CREATE OR REPLACE TABLE ${name} (${table.columns.replace(/DOUBLE PRECISION/g, 'DOUBLE').replace(/TEXT/g, 'VARCHAR')})`);
        if (table.rows.length) await connection.run(`INSERT INTO ${name} VALUES ${table.rows.map(r => `(${r.join(', ')})`).join(', ')}`);
        await connection.run(`COPY (SELECT * EXCLUDE (ligne) FROM ${name} ORDER BY ligne) TO '${path.join(dir, file)}' (FORMAT parquet)`);
    }
}

/** The same rows in PostgreSQL, stored in another order than their load order (`ligne`). */
async function loadPostgres(data: DataSet): Promise<void> {
    const tables = tableRows(data, false);
    for (const [name, table] of [['log', tables.events], ['avis', tables.answers]] as const) {
        await server.client.query(`DROP TABLE IF EXISTS ${name}`);
        await server.client.query(`CREATE TABLE ${name} (${table.columns})`);
        const rows = [...table.rows].reverse();
        if (rows.length) await server.client.query(`INSERT INTO ${name} VALUES ${rows.map(r => `(${r.join(', ')})`).join(', ')}`);
    }
}

/** Rounds away the last bits of floating-point noise, for comparing values. */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const key = (p: Point) => `${p.period}|${p.segment ?? ''}`;
const sorted = (points: Point[]) => [...points].sort((a, b) => key(a).localeCompare(key(b)));

function samePoints(actual: Point[], wanted: Point[], label: string): void {
    const a = sorted(actual);
    const w = sorted(wanted);
    expect(a.map(key), `${label}: periods and segments`).toEqual(w.map(key));
    a.forEach((p, i) => expect(close(p.value, w[i].value), `${label} ${key(p)}: ${p.value}, expected ${w[i].value}`).toBe(true));
}

const describeData = (data: DataSet) => `zone ${data.zone}, ${data.style}, '${data.separator}', ${data.events.length} events, ${data.answers.length} answers`;

describe('every KPI against an independent computation: CSV, JSON-lines, Parquet and PostgreSQL', () => {
    it('agrees on values, periods, statuses and rows used/rejected on random real-world data', async () => {
        let runs = 0;
        await fc.assert(fc.asyncProperty(dataSetArb, async data => {
            runs++;
            await writeFiles(data);
            await loadPostgres(data);
            const model = models.get(data.zone)!;
            const { results } = await computeMetrics(model, root, { today: TODAY });
            const byId = new Map<string, KpiResult>(results.map(r => [r.kpi, r]));
            const queries = warehouseQueries(model, 'postgres', {
                tables: Object.fromEntries(FORMATS.flatMap(f => [[`Log_${f}`, 'log'], [`Avis_${f}`, 'avis']])),
                columns: Object.fromEntries(FORMATS.flatMap(f => {
                    const type = { instant: 'TIMESTAMP WITH TIME ZONE', wall: 'TIMESTAMP', text: 'VARCHAR' }[timestampColumn(data.style)];
                    return [[`Log_${f}`, [{ name: 'dossier', type: 'VARCHAR' }, { name: 'event', type: 'VARCHAR' }, { name: 'horodatage', type }, { name: 'canal', type: 'VARCHAR' }]],
                        [`Avis_${f}`, [{ name: 'respondent', type: 'VARCHAR' }, { name: 'score', type: 'DOUBLE' }, { name: 'date', type }, { name: 'canal', type: 'VARCHAR' }, { name: 'ligne', type: 'BIGINT' }]]];
                }))
            });
            countCoverage(data);
            for (const spec of [...EVENT_KPIS, ...SURVEY_KPIS]) {
                const wanted = spec.expect(data);
                covered[`status ${wanted.status}`]++;
                covered['points compared'] += wanted.points.length * FORMATS.length;
                for (const format of FORMATS) {
                    const label = `${spec.id} from ${format} (${describeData(data)})`;
                    const result = byId.get(`${spec.id}_${format}`)!;
                    samePoints(result.points, wanted.points, label);
                    expect(result.status, `${label}: status`).toBe(wanted.status);
                    expect(result.rowsUsed, `${label}: rows used`).toBe(wanted.rowsUsed);
                    expect(result.rowsRejected, `${label}: rows rejected`).toBe(wanted.rowsRejected);
                    for (const [code, present] of Object.entries(wanted.warnings)) {
                        expect(result.problems.some(p => p.code === code), `${label}: warning ${code}`).toBe(present);
                    }
                }
                // The warehouse SQL on PostgreSQL (typed columns: a text timestamp is read as a wall time).
                if (timestampColumn(data.style) === 'text') continue;
                const query = queries.find(q => q.kpi === `${spec.id}_csv`)!;
                expect(query.error, spec.id).toBeUndefined();
                const rows = (await server.client.query(query.sql!)).rows as Array<Record<string, unknown>>;
                const onPostgres = rows.filter(r => r.value !== null).map(r => ({ period: String(r.period), value: Number(r.value), ...(r.segment === null ? {} : { segment: String(r.segment) }) }));
                samePoints(onPostgres, wanted.points, `${spec.id} on PostgreSQL (${describeData(data)})`);
                covered['PostgreSQL statements compared']++;
            }
        }), { numRuns: RUNS, seed: SEED });
        console.log(`${runs} data sets (seed ${SEED}); met: ${Object.entries(covered).map(([what, n]) => `${what} ${n}`).join(', ')}`);
        for (const [what, n] of Object.entries(covered)) expect(n, `never met: ${what}`).toBeGreaterThan(0);
    }, Math.max(1_200_000, RUNS * 20_000));
});
