/**
 * The standard fields of each kind of data source (what `column <field> "<column>"` can map),
 * and the time zones a source can declare. Read by the validator (unknown fields and zones are
 * errors at their line) and by the metrics engine (which columns a query reads).
 */
export const SOURCE_FIELDS = {
    events: { required: ['case', 'event', 'timestamp'], optional: ['channel', 'persona'] },
    survey: { required: ['respondent', 'score'], optional: ['date', 'touchpoint', 'channel', 'persona', 'satisfied', 'line', 'respondent_type'] },
    series: { required: ['period'], optional: ['value', 'segment', 'customers', 'lost', 'retained', 'referrals', 'purchases'] }
} as const;

/**
 * A survey's `line`: the order its rows were written in (a row number or load sequence of a
 * warehouse table). Among repeated answers the first one counts; a file has that order without a
 * column, a table has none unless it says.
 */
export const ORDER_FIELD = 'line';

export type SourceFormatName = keyof typeof SOURCE_FIELDS;

/** Every field a source of `format` can map, required ones first. */
export function fieldsOf(format: SourceFormatName): readonly string[] {
    return [...SOURCE_FIELDS[format].required, ...SOURCE_FIELDS[format].optional];
}

/**
 * The fields a KPI bound to a source of `format` can be broken down by (`per <field>`) without
 * mapping them: the standard text fields that describe a case or an answer. Any other column
 * mapped with `column <field> "<column>"` in an events or survey source is a breakdown field too.
 */
export const BREAKDOWN_FIELDS = {
    events: ['channel', 'persona'],
    survey: ['channel', 'persona', 'touchpoint', 'respondent_type'],
    series: ['segment']
} as const satisfies Record<SourceFormatName, readonly string[]>;

/** Whether a source of `format` may map a column to a field that is not standard (a breakdown field such as `device`). */
export function acceptsOwnFields(format: SourceFormatName): boolean {
    return format !== 'series';
}

/** The fields a KPI reading `source` can be broken down by: the standard ones, then the source's own mapped columns. */
export function breakdownFields(source: { format: SourceFormatName; columns: Iterable<string> }): string[] {
    const standard: readonly string[] = BREAKDOWN_FIELDS[source.format];
    const own = acceptsOwnFields(source.format) ? [...source.columns].filter(field => !(fieldsOf(source.format) as readonly string[]).includes(field)) : [];
    return [...standard, ...own];
}

/** The time zone of timestamps without an offset and of calendar days when a source declares none. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** Whether `zone` is an IANA time zone name the platform knows (`Europe/Paris`, `UTC`). */
export function isTimeZone(zone: string): boolean {
    // Stryker disable next-line ConditionalExpression,Regex: Node 20's Intl refuses what the pattern refuses; the pattern guards runtimes whose Intl takes offsets such as +01:00 (the web worker in recent browsers)
    if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
    try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/** The zone a source's times are read in. */
export function timeZoneOf(source: { timezone?: string }): string {
    return source.timezone ?? DEFAULT_TIME_ZONE;
}
