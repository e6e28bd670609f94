/**
 * Compiles a KPI of the journey model to one SQL query. The query reads a relation of
 * standard columns (the "input", see `InputRelation`) and returns one row per period and
 * segment: `period`, `segment` (NULL for the whole population), `value`, `n` (cases or answers
 * behind the value). The same text runs on the embedded DuckDB (input = a data file) and on a
 * warehouse (input = a table), which is how `journey metrics` and `journey sql` agree.
 */
import type { JourneyModel, KpiModel, MeasureModel, SourceModel, WindowModel, WorkspaceModel } from '../language/model/journey-model.js';
import type { CanonicalUnit } from '../language/model/kpi-semantics.js';
import type { Frequency } from '../language/model/periods.js';
import { DEFAULT_TIME_ZONE } from '../language/model/source-fields.js';
import type { Dialect } from './sql-dialect.js';
import { DEFAULT_LOCALE, messages, type Locale, type MessageKey, type MessageValues } from '../language/i18n/i18n.js';


export type SourceFormat = SourceModel['format'];
export type FieldType = 'text' | 'number' | 'timestamp';

/** Column of the input relation for a standard field, and its type. */
export const FIELD_COLUMNS: Record<string, { column: string; type: FieldType }> = {
    case: { column: 'case_id', type: 'text' },
    event: { column: 'event', type: 'text' },
    timestamp: { column: 'ts', type: 'timestamp' },
    date: { column: 'ts', type: 'timestamp' },
    channel: { column: 'channel', type: 'text' },
    persona: { column: 'persona', type: 'text' },
    respondent: { column: 'respondent', type: 'text' },
    score: { column: 'score', type: 'number' },
    touchpoint: { column: 'touchpoint', type: 'text' },
    satisfied: { column: 'satisfied', type: 'number' },
    line: { column: 'row_order', type: 'number' },
    period: { column: 'period', type: 'text' },
    value: { column: 'value', type: 'number' },
    segment: { column: 'segment', type: 'text' },
    customers: { column: 'customers', type: 'number' },
    lost: { column: 'lost', type: 'number' },
    retained: { column: 'retained', type: 'number' },
    referrals: { column: 'referrals', type: 'number' },
    purchases: { column: 'purchases', type: 'number' },
    respondent_type: { column: 'respondent_type', type: 'text' }
};

/**
 * The input relation's column for a field: the standard one, else (a source's own column, such
 * as `device`, mapped to be broken down by) a text column `by_<field>`, spelt with ASCII only.
 */
export function fieldColumn(field: string): { column: string; type: FieldType } {
    return FIELD_COLUMNS[field] ?? { column: `by_${field.replace(/[^A-Za-z0-9_]/g, c => `_${c.codePointAt(0)!.toString(16)}`)}`, type: 'text' };
}

/** The input relation a KPI query reads: its name (a CTE) and the optional fields it has. */
export interface InputRelation {
    name: string;
    format: SourceFormat;
    /** Standard fields present (mapped or found in the file). */
    fields: ReadonlySet<string>;
    /** The time zone of calendar days (periods, J+n, business days); `ts` holds UTC instants. */
    timezone: string;
}

/** A message's values; a list of things said is worded in the same locale and shown comma-separated. */
export type SaidValues = Record<string, MessageValues[string] | Said[]>;

/** Something to tell a reader, worded when the reader's locale is known (`said.text(locale)`). */
export class Said {
    constructor(readonly key: MessageKey, readonly values: SaidValues = {}) {}

    text(locale: Locale = DEFAULT_LOCALE): string {
        const values = Object.fromEntries(Object.entries(this.values).map(([name, value]) =>
            [name, Array.isArray(value) ? value.map(item => item.text(locale)).join(', ') : value]));
        return messages(locale).t(this.key, values);
    }
}

/** A KPI that cannot be computed from its source, with what to do; `message` is English, `text(locale)` the reader's. */
export class BindingError extends Error {
    readonly said: Said;

    constructor(key: MessageKey, values: SaidValues) {
        const said = new Said(key, values);
        super(said.text());
        this.said = said;
    }

    text(locale: Locale = DEFAULT_LOCALE): string {
        return this.said.text(locale);
    }
}

export interface KpiQuery {
    /** The SELECT over the input relation (without the input's own CTE). */
    body: string;
    /** Touchpoint ids (event values after mapping) the query reads, for events sources. */
    events?: string[];
    /** For reach and duration queries: the start and end touchpoints of a case. */
    starts?: string[];
    ends?: string[];
    /** What a reader of the values or of the SQL must know (approximate percentiles, answers of every respondent). */
    notes: Said[];
    /** For reach and duration queries: the case checks alone, for when the body returns no row. */
    checks?: string;
    /** For reach and duration queries: the periods in which the input has events of the KPI (`period` rows). */
    periods?: string;
}

/** Extra columns of reach and duration queries: cases without start, cases whose end only precedes the start. */
export const CHECK_COLUMNS = ['without_start', 'without_start_example', 'out_of_order', 'out_of_order_example'];

const SURVEY_KINDS = new Set(['nps', 'csat', 'ces', 'loyalty', 'average', 'rate', 'custom']);
const SERIES_COUNT_KINDS = new Set(['churn', 'retention', 'referral']);

/** Score ranges a survey kind accepts; answers outside are rejected (the message `data.out-of-scale` says each scale). */
export const SCORE_RANGES: Record<string, { min: number; max: number } | undefined> = {
    nps: { min: 0, max: 10 },
    csat: { min: 1, max: 5 },
    loyalty: { min: 1, max: 10 },
    rate: { min: 0, max: 1 }
};

/**
 * The row count as a floating-point divisor of a percentage. Trino types `100.0` as DECIMAL(4,1)
 * and keeps scale 1 through a division by an integer (`100.0 * 2 / 3` is 66.7); Snowflake keeps
 * a few more digits. Dividing by a double gives the full value everywhere.
 */
const countAsDouble = (d: Dialect) => `CAST(COUNT(*) AS ${d.double})`;

/** The journey a KPI belongs to, for stage and touchpoint look-ups. */
export interface KpiContext {
    workspace: WorkspaceModel;
    journey?: JourneyModel;
}

/** The frequency a KPI is computed at: written, else monthly. */
export function frequencyOf(kpi: KpiModel): Frequency {
    return kpi.frequency ?? 'monthly';
}

/**
 * The SELECT computing `kpi` from `input`. Throws `BindingError` when the KPI's kind cannot
 * be computed from that kind of source.
 */
export function compileKpi(kpi: KpiModel, context: KpiContext, input: InputRelation, d: Dialect): KpiQuery {
    const kind = kpi.measure?.kind ?? (kpi.kind === 'unspecified' ? undefined : kpi.kind);
    if (!kind) throw new BindingError('binding.no-measure', { kpi: kpi.id });
    const q = new Writer(d, input, frequencyOf(kpi));
    if (input.format === 'series') return q.series(kpi, kind);
    if (input.format === 'survey') {
        if (!SURVEY_KINDS.has(kind)) throw mismatch(kpi, kind, input.format);
        return q.survey(kpi, kind, context);
    }
    const measure = kpi.measure!;
    switch (measure.kind) {
        case 'share': {
            const [start, end] = [ids([measure.start]), ids([measure.reached])];
            return q.reach(kpi, { starts: start, ends: end, ...caseExpectations(start, end, context) }, 'share', measure.window);
        }
        case 'conversion': case 'abandonment': {
            const [start, end] = [stepTouchpoints(measure.from, kpi, context), stepTouchpoints(measure.to, kpi, context)];
            return q.reach(kpi, { starts: start, ends: end, ...caseExpectations(start, end, context) }, measure.kind);
        }
        case 'duration': {
            const [start, end] = [stepOf(measure.start, kpi, context), stepOf(measure.end, kpi, context)];
            return q.duration(kpi, measure, { starts: start.touchpoints, ends: end.touchpoints, lastEnd: end.stage, ...caseExpectations(start.touchpoints, end.touchpoints, context) });
        }
        case 'count': return q.count(kpi, measure);
        case 'resolution': return q.resolution(kpi);
        default: throw mismatch(kpi, kind, input.format);
    }
}

function mismatch(kpi: KpiModel, kind: string, format: SourceFormat): BindingError {
    const wanted = SURVEY_KINDS.has(kind) ? 'survey' : SERIES_COUNT_KINDS.has(kind) ? 'series' : 'events';
    return new BindingError('binding.mismatch', { kpi: kpi.id, kind, format, source: kpi.data, wanted });
}

/** Plain touchpoint ids: `Journey.Touchpoint` refers to the touchpoint id used in event mappings. */
function ids(refs: string[]): string[] {
    return refs.map(ref => ref.split('.').pop()!);
}

/** A stage stands for its touchpoints; a touchpoint for itself. */
function stepTouchpoints(ref: string, kpi: KpiModel, context: KpiContext): string[] {
    return stepOf(ref, kpi, context).touchpoints;
}

/** The touchpoints a step stands for, and whether it is a stage (whose end is its last event, not its first). */
function stepOf(ref: string, kpi: KpiModel, context: KpiContext): { touchpoints: string[]; stage: boolean } {
    const parts = ref.split('.');
    const id = parts.pop()!;
    const journeys = parts.length ? context.workspace.journeys.filter(j => j.id === parts[0])
        : context.journey ? [context.journey] : context.workspace.journeys;
    for (const journey of journeys) {
        const stage = journey.stages.find(s => s.id === id);
        if (stage) {
            if (stage.touchpoints.length === 0) throw new BindingError('binding.stage-without-touchpoint', { stage: id, kpi: kpi.id });
            return { touchpoints: stage.touchpoints.map(t => t.id), stage: true };
        }
    }
    return { touchpoints: [id], stage: false };
}

/**
 * The start and end touchpoints of a reach or duration KPI, and what the journey says about a
 * case that lacks one: `endBeforeStart`, the end may come before the start (written before it:
 * the KPI goes back round a loop; or both in a stage in no set order); `withoutStart`, a case
 * may end without ever meeting the start (a loop not taken, a start only some cases meet).
 */
interface Steps {
    starts: string[];
    ends: string[];
    /** The end is a stage, which ends at its last event. */
    lastEnd?: boolean;
    endBeforeStart: boolean;
    withoutStart: boolean;
    /** A loop of the journey leads back over a start: a case may live the KPI's step again (rounds). */
    repeats: boolean;
}

/** `endBeforeStart` and `withoutStart` of a start and an end, from the order of the journey that holds the start. */
function caseExpectations(starts: string[], ends: string[], context: KpiContext): Pick<Steps, 'endBeforeStart' | 'withoutStart' | 'repeats'> {
    const journeys = context.journey ? [context.journey] : context.workspace.journeys;
    const journey = journeys.find(j => j.stages.some(s => s.touchpoints.some(t => starts.includes(t.id))));
    if (!journey) return { endBeforeStart: false, withoutStart: false, repeats: false };
    const places = new Map(journey.stages.flatMap(stage => stage.touchpoints.map(touchpoint => [touchpoint.id, { stage, touchpoint }] as const)));
    const position = new Map([...places.keys()].map((id, i) => [id, i]));
    const startPlaces = starts.map(id => places.get(id)).filter(p => p !== undefined);
    const endPositions = ends.map(id => position.get(id)).filter(p => p !== undefined);
    const loop = endPositions.length > 0 && Math.max(...endPositions) < Math.min(...starts.map(id => position.get(id) ?? Infinity));
    const unordered = ends.some(id => { const end = places.get(id); return end !== undefined && end.stage.order !== undefined && startPlaces.some(p => p.stage === end.stage); });
    const conditional = startPlaces.length > 0 && startPlaces.every(({ stage, touchpoint }) => [stage, touchpoint].some(step => step.condition !== undefined || step.optional));
    // A loop outcome written at or after a start, leading to a step at or before it (a stage: its first touchpoint).
    const firstStart = Math.min(...starts.map(id => position.get(id) ?? Infinity));
    const lastStart = Math.max(...starts.map(id => position.get(id) ?? -Infinity));
    const stepPosition = (id: string) => position.get(id) ?? position.get(journey.stages.find(stage => stage.id === id)?.touchpoints[0]?.id ?? '');
    const repeats = journey.stages.some(stage => stage.touchpoints.some(touchpoint => (position.get(touchpoint.id) ?? -Infinity) >= firstStart
        && (touchpoint.outcomes ?? []).some(outcome => outcome.loop && outcome.leadsTo !== undefined && (stepPosition(outcome.leadsTo) ?? Infinity) <= lastStart)));
    return { endBeforeStart: loop || unordered, withoutStart: (loop && !unordered) || conditional, repeats };
}

/** Factor from hours to the KPI's unit. */
function hoursTo(unit: CanonicalUnit | undefined): number {
    switch (unit) {
        case 'minutes': return 60;
        case 'days': return 1 / 24;
        case 'weeks': return 1 / (24 * 7);
        case 'months': return 1 / (24 * 30);
        default: return 1;
    }
}

class Writer {
    constructor(private readonly d: Dialect, private readonly input: InputRelation, private readonly frequency: Frequency) {}

    /** The wall time of an instant in the source's time zone: what calendar days and periods are about. */
    private local(ts: string): string {
        return this.input.timezone === DEFAULT_TIME_ZONE ? ts : this.d.local(ts, this.input.timezone);
    }

    /** The period of an instant, in the source's time zone. */
    private period(ts: string): string {
        return this.d.period(this.local(ts), this.frequency);
    }

    private list(values: string[]): string {
        return values.map(v => this.d.str(v)).join(', ');
    }

    private has(field: string): boolean {
        return this.input.fields.has(field);
    }

    /** Segment dimensions the input has: channel and persona. */
    private dimensions(): string[] {
        return ['channel', 'persona'].filter(f => this.has(f));
    }

    /** The KPI's segments: its breakdown's column (`per device`), else every dimension the input has. */
    private segments(kpi: KpiModel): string[] {
        const field = kpi.breakdown;
        if (!field) return this.dimensions();
        if (!this.has(field)) {
            throw new BindingError('binding.breakdown-column', { kpi: kpi.id, field, source: kpi.data });
        }
        return [fieldColumn(field).column];
    }

    /**
     * The final aggregation: `select` gives `value` and `n` from `from`, grouped by the period
     * expression and by each dimension present (GROUPING SETS), the overall row has a NULL segment.
     */
    private aggregate(periodExpr: string, value: string, n: string, from: string, where = '', dimensions = this.dimensions(), checks = false, spread?: string): string {
        const d = this.d;
        const checkColumns = checks ? CHECK_COLUMNS.map(c => `, MAX(${c}) AS cases_${c}`).join('') : '';
        const source = checks ? `${from} CROSS JOIN checks` : from;
        const sets = ['(period)', ...dimensions.map(dim => `(period, ${dim})`)].join(', ');
        const segment = dimensions.length === 0 ? `CAST(NULL AS ${d.text})`
            : `CASE ${dimensions.map(dim => `WHEN GROUPING(${dim}) = 0 THEN ${dim}`).join(' ')} END`;
        const nulls = dimensions.map(dim => `NOT (GROUPING(${dim}) = 0 AND ${dim} IS NULL)`);
        return [
            `SELECT period, ${segment} AS segment, CAST(${value} AS ${d.double}) AS value, COUNT(*) AS n${spread ? `, CAST(STDDEV_SAMP(${spread}) AS ${d.double}) AS sd` : ''}${checkColumns}`,
            `FROM (SELECT ${periodExpr} AS period${dimensions.map(dim => `, ${dim}`).join('')}, ${n.length ? n : '1 AS one'}${checks ? `, ${CHECK_COLUMNS.join(', ')}` : ''} FROM ${source}${where ? ` WHERE ${where}` : ''}) AS rows_in`,
            `GROUP BY GROUPING SETS (${sets})`,
            ...(nulls.length ? [`HAVING ${nulls.join(' AND ')}`] : []),
            'ORDER BY period, segment NULLS FIRST'
        ].join('\n');
    }

    // -------------------------------------------------------------- events

    /** Per round (a start and the next end after it, see `rounds`): reached, and within the window (share, conversion, abandonment). */
    reach(kpi: KpiModel, steps: Steps, kind: 'share' | 'conversion' | 'abandonment', window?: WindowModel): KpiQuery {
        const d = this.d;
        const dims = this.segments(kpi);
        const within = window ? this.within(window, 'start_ts', 'end_ts') : 'TRUE';
        const value = kind === 'abandonment' ? `100.0 * (COUNT(*) - SUM(hit)) / ${countAsDouble(d)}` : `100.0 * SUM(hit) / ${countAsDouble(d)}`;
        const body = [
            ...this.rounds(steps, dims),
            `cases AS (SELECT start_ts${dims.map(dim => `, ${dim}`).join('')}, CASE WHEN end_ts IS NOT NULL AND ${within} THEN 1 ELSE 0 END AS hit FROM rounds)`,
            this.aggregate(this.period('start_ts'), value, 'hit', 'cases', '', dims, true)
        ].join('\n');
        return { body, events: [...new Set([...steps.starts, ...steps.ends])], starts: steps.starts, ends: steps.ends, checks: this.checksOnly(steps), periods: this.eventPeriods(steps), notes: [] };
    }

    /**
     * `rounds (case_id, start_ts, end_ts, <dims>)`: one row per round of a case, and `checks`.
     * A start opens a round unless one is waiting for its end (a start repeated before the end,
     * a reminder, belongs to the round: it starts at its first start); the first end at or after
     * it closes it; an end while no round is open belongs to none. So a case that goes round a
     * loop twice has two rounds, and one whose last start has no end yet has an open round.
     * A stage end (`lastEnd`: the stage ends at its last event) and starts that are also ends
     * keep one round per case, from its first start to its first end (last, for a stage) at or
     * after it. A round's channel (persona…) is the first by name among its starts'.
     * `checks` counts the cases whose end has no start, and those whose end only comes before the
     * start, except where the journey says they happen (`Steps`).
     */
    private rounds(steps: Steps, dims: string[]): string[] {
        const ev = this.input.name;
        const d = this.d;
        const { starts, ends } = steps;
        const keep = dims.map(dim => `, ${dim}`).join('');
        const count = (expected: boolean, condition: string, name: string) => expected
            ? `0 * COUNT(*) AS ${name}, MIN(CAST(NULL AS ${d.text})) AS ${name}_example`
            : `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${name}, MIN(CASE WHEN ${condition} THEN case_id END) AS ${name}_example`;
        // Per case: the first start, the first end at or after it, the last start; the checks.
        const lines = [
            'WITH',
            `starts AS (SELECT case_id, MIN(ts) AS start_ts, MAX(ts) AS last_start${dims.map(dim => `, MIN(${dim}) AS ${dim}`).join('')} FROM ${ev} WHERE event IN (${this.list(starts)}) GROUP BY case_id),`,
            `ends AS (SELECT e.case_id, ${steps.lastEnd ? 'MAX' : 'MIN'}(CASE WHEN e.ts >= s.start_ts THEN e.ts END) AS end_ts, MIN(s.start_ts) AS start_ts, MIN(s.last_start) AS last_start FROM ${ev} AS e LEFT JOIN starts AS s ON e.case_id = s.case_id WHERE e.event IN (${this.list(ends)}) GROUP BY e.case_id),`,
            `checks AS (SELECT ${count(steps.withoutStart, 'start_ts IS NULL', 'without_start')}, ${count(steps.endBeforeStart, 'start_ts IS NOT NULL AND end_ts IS NULL', 'out_of_order')} FROM ends),`
        ];
        const single = `SELECT s.case_id, s.start_ts, e.end_ts${dims.map(dim => `, s.${dim}`).join('')} FROM starts AS s LEFT JOIN ends AS e ON s.case_id = e.case_id`;
        // Rounds only where the journey says a case goes back over the start (a loop outcome): elsewhere
        // a start met again after the end (a stage's touchpoints interleaving) is the same case, not a new one.
        if (steps.lastEnd || !steps.repeats || starts.some(id => ends.includes(id))) {
            lines.push(`rounds AS (${single}),`);
            return lines;
        }
        // A case with a start after its first round's end goes round again: its events are read in
        // order, one row per instant and kind (starts before ends at the same instant), so that
        // their order is total. The other cases (all, without loops) have one round, as computed.
        const order = 'PARTITION BY case_id ORDER BY ts, is_end';
        lines.push(
            // (read from `ends`, which holds each case's last start: no second join of starts and ends)
            `looping AS (SELECT case_id FROM ends WHERE last_start > end_ts),`,
            `steps AS (SELECT case_id, ts, is_end${dims.map(dim => `, MIN(${dim}) AS ${dim}`).join('')} FROM (SELECT i.case_id, i.ts, CASE WHEN i.event IN (${this.list(ends)}) THEN 1 ELSE 0 END AS is_end${dims.map(dim => `, i.${dim}`).join('')}`
            + ` FROM ${ev} AS i JOIN looping AS l ON i.case_id = l.case_id WHERE i.event IN (${this.list([...starts, ...ends])})) AS marked GROUP BY case_id, ts, is_end),`,
            `turns AS (SELECT case_id, ts, is_end${keep}, CASE WHEN is_end = 0 AND COALESCE(LAG(is_end) OVER (${order}), 1) = 1 THEN 1 ELSE 0 END AS opens,`
            + ` CASE WHEN is_end = 1 AND LAG(is_end) OVER (${order}) = 0 THEN 1 ELSE 0 END AS closes FROM steps),`,
            `numbered AS (SELECT case_id, ts, is_end${keep}, closes, SUM(opens) OVER (${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS round_no FROM turns),`,
            `rounds AS (${single} WHERE e.end_ts IS NULL OR s.last_start <= e.end_ts`
            + ` UNION ALL SELECT case_id, MIN(CASE WHEN is_end = 0 THEN ts END) AS start_ts, MIN(CASE WHEN closes = 1 THEN ts END) AS end_ts${dims.map(dim => `, MIN(CASE WHEN is_end = 0 THEN ${dim} END) AS ${dim}`).join('')} FROM numbered WHERE round_no > 0 GROUP BY case_id, round_no),`
        );
        return lines;
    }

    /** The periods in which the input has a start or an end event of the KPI. */
    private eventPeriods(steps: Steps): string {
        return `SELECT DISTINCT ${this.period('ts')} AS period FROM ${this.input.name} WHERE event IN (${this.list([...new Set([...steps.starts, ...steps.ends])])})`;
    }

    /** The case checks of `rounds` as one row, named as the body names them. */
    private checksOnly(steps: Steps): string {
        const lines = this.rounds(steps, []);
        lines[lines.length - 1] = lines[lines.length - 1].replace(/,$/, '');
        return [...lines, `SELECT ${CHECK_COLUMNS.map(c => `${c} AS cases_${c}`).join(', ')} FROM checks`].join('\n');
    }

    /** Whether `end` is within the window after `start`. */
    within(window: WindowModel, start: string, end: string): string {
        const d = this.d;
        switch (window.kind) {
            case 'calendar-days': return `${d.dayDiff(this.local(start), this.local(end))} <= ${window.days}`;
            case 'duration': return `${d.secondsDiff(start, end)} <= ${window.hours * 3600}`;
            case 'business-days': return `(${this.weekdays(end)}) - (${this.weekdays(start)}) <= ${window.days}`;
        }
    }

    /** Monday-to-Friday days from 1900-01-01 (a Monday) to the date of `ts`, inclusive. */
    private weekdays(ts: string): string {
        const n = this.d.dayNumber(this.local(ts));
        return `5 * FLOOR(${n} / 7.0) + LEAST(${n} - 7 * FLOOR(${n} / 7.0) + 1, 5)`;
    }

    /**
     * Time from the start step to the end step, per round (see `rounds`): a touchpoint is its
     * first event in the round; a stage starts at its first event and ends at its last (at or
     * after the start), so that `duration(S to S)` is the time spent in the stage.
     */
    duration(kpi: KpiModel, measure: Extract<MeasureModel, { kind: 'duration' }>, steps: Steps): KpiQuery {
        const d = this.d;
        const dims = this.segments(kpi);
        const fraction = { median: 0.5, p90: 0.9, p95: 0.95, mean: undefined }[measure.statistic];
        const factor = hoursTo(kpi.unit);
        const stat = fraction === undefined ? 'AVG(hours)' : d.percentile('hours', fraction);
        const body = [
            ...this.rounds(steps, dims),
            `cases AS (SELECT start_ts${dims.map(dim => `, ${dim}`).join('')}, ${d.secondsDiff('start_ts', 'end_ts')} / 3600.0 AS hours FROM rounds WHERE end_ts IS NOT NULL)`,
            this.aggregate(this.period('start_ts'), factor === 1 ? stat : `${stat} * ${factor}`, 'hours', 'cases', '', dims, true)
        ].join('\n');
        return { body, events: [...new Set([...steps.starts, ...steps.ends])], starts: steps.starts, ends: steps.ends, checks: this.checksOnly(steps), periods: this.eventPeriods(steps), notes: d.approximatePercentiles && fraction !== undefined ? [new Said('sql.approximate-percentiles', d.approximatePercentiles)] : [] };
    }

    count(kpi: KpiModel, measure: Extract<MeasureModel, { kind: 'count' }>): KpiQuery {
        const d = this.d;
        const dims = this.segments(kpi);
        const of = measure.of ? ids([measure.of]) : undefined;
        const where = of ? `event = ${d.str(of[0])}` : 'event IS NOT NULL';
        // Repeated rows (same case, event and time) are one event, whatever their channels: in the first
        // channel (persona) by name, as a case's is; the engine reports them as repeats.
        const distinct = `(SELECT case_id, event, ts${dims.map(dim => `, MIN(${dim}) AS ${dim}`).join('')} FROM ${this.input.name} WHERE ${where} GROUP BY case_id, event, ts) AS events_in`;
        return { body: this.aggregate(this.period('ts'), 'COUNT(*)', '', distinct, '', dims), ...(of ? { events: of } : {}), notes: [] };
    }

    /** Average time from a case's first event to its last (request opened → resolved). */
    resolution(kpi: KpiModel): KpiQuery {
        const d = this.d;
        const dims = this.segments(kpi);
        const factor = hoursTo(kpi.unit);
        const body = [
            'WITH',
            `cases AS (SELECT MAX(ts) AS end_ts, ${d.secondsDiff('MIN(ts)', 'MAX(ts)')} / 3600.0 AS hours${dims.map(dim => `, MIN(${dim}) AS ${dim}`).join('')} FROM ${this.input.name} WHERE event IS NOT NULL GROUP BY case_id HAVING COUNT(*) > 1)`,
            this.aggregate(this.period('end_ts'), factor === 1 ? 'AVG(hours)' : `AVG(hours) * ${factor}`, 'hours', 'cases', '', dims)
        ].join('\n');
        return { body, notes: [] };
    }

    // -------------------------------------------------------------- surveys

    survey(kpi: KpiModel, kind: string, context: KpiContext): KpiQuery {
        const d = this.d;
        let value: string;
        // The score of one answer in the KPI's unit, whose spread tells noise from change (CSAT is a share: its n suffices).
        let spread: string | undefined;
        switch (kind) {
            case 'nps': spread = 'CASE WHEN score >= 9 THEN 100.0 WHEN score <= 6 THEN -100.0 ELSE 0.0 END'; value = `100.0 * (SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) - SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END)) / ${countAsDouble(d)}`; break;
            case 'csat': value = this.has('satisfied') ? `100.0 * SUM(CASE WHEN satisfied > 0 THEN 1 ELSE 0 END) / ${countAsDouble(d)}` : `100.0 * SUM(CASE WHEN score >= 4 THEN 1 ELSE 0 END) / ${countAsDouble(d)}`; break;
            case 'loyalty': spread = '(score - 1) * 100.0 / 9'; value = 'AVG((score - 1) * 100.0 / 9)'; break;
            case 'rate': spread = '100.0 * score'; value = '100.0 * AVG(score)'; break;
            default: spread = 'score'; value = 'AVG(score)';
        }
        const filters = [...this.scopeFilter(kpi, context), ...this.rangeFilter(kind), ...this.respondentFilter(kpi)];
        const period = this.has('date') ? this.period('ts') : d.str('all');
        const cols = kind === 'csat' && this.has('satisfied') ? 'score, satisfied' : 'score';
        const notes = kpi.respondent !== undefined && !this.has('respondent_type')
            ? [new Said('binding.respondent-unknown', { kpi: kpi.id, respondent: kpi.respondent })] : [];
        return { body: this.aggregate(period, value, cols, this.input.name, filters.join(' AND '), this.segments(kpi), false, spread), notes };
    }

    /**
     * `respondent "buyer"`: only the answers of that kind of respondent, when the survey says who
     * answered (`respondent_type`), compared without case or surrounding spaces; otherwise every answer.
     */
    private respondentFilter(kpi: KpiModel): string[] {
        if (kpi.respondent === undefined || !this.has('respondent_type')) return [];
        return [`LOWER(TRIM(respondent_type)) = ${this.d.str(kpi.respondent.trim().toLowerCase())}`];
    }

    /** Answers outside the kind's scale do not count (the data check reports them). */
    private rangeFilter(kind: string): string[] {
        const range = kind === 'csat' && this.has('satisfied') ? undefined : SCORE_RANGES[kind];
        return range ? [`score BETWEEN ${range.min} AND ${range.max}`] : [];
    }

    /** A KPI scoped to a touchpoint, stage or channel reads the answers about it, when the survey says. */
    private scopeFilter(kpi: KpiModel, context: KpiContext): string[] {
        const scope = kpi.scope;
        if (scope.level === 'channel' && this.has('channel')) return [`channel = ${this.d.str(scope.ref)}`];
        if ((scope.level === 'touchpoint' || scope.level === 'stage') && this.has('touchpoint')) {
            return [`touchpoint IN (${this.list(stepTouchpoints(scope.ref, kpi, context))})`];
        }
        return [];
    }

    // -------------------------------------------------------------- series

    series(kpi: KpiModel, kind: string): KpiQuery {
        const d = this.d;
        if (kpi.breakdown && kpi.breakdown !== 'segment') {
            throw new BindingError('binding.series-breakdown', { kpi: kpi.id, field: kpi.breakdown, source: kpi.data });
        }
        const segment = this.has('segment') ? 'segment' : `CAST(NULL AS ${d.text})`;
        let value: string;
        if (this.has('value')) {
            value = 'AVG(value)';
        } else if (kind === 'churn' && this.has('customers') && this.has('lost')) {
            value = '100.0 * SUM(lost) / NULLIF(SUM(customers), 0)';
        } else if (kind === 'retention' && this.has('customers') && this.has('retained')) {
            value = '100.0 * SUM(retained) / NULLIF(SUM(customers), 0)';
        } else if (kind === 'retention' && this.has('customers') && this.has('lost')) {
            value = '100.0 - 100.0 * SUM(lost) / NULLIF(SUM(customers), 0)';
        } else if (kind === 'referral' && this.has('purchases') && this.has('referrals')) {
            value = '100.0 * SUM(referrals) / NULLIF(SUM(purchases), 0)';
        } else {
            throw new BindingError('binding.series-columns', { source: kpi.data, kpi: kpi.id, kind });
        }
        const body = [
            `SELECT period, ${segment} AS segment, CAST(${value} AS ${d.double}) AS value, COUNT(*) AS n`,
            `FROM ${this.input.name}`,
            `GROUP BY period${this.has('segment') ? ', segment' : ''}`,
            'ORDER BY period, segment NULLS FIRST'
        ].join('\n');
        return { body, notes: [] };
    }
}
