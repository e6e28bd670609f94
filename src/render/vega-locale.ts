/**
 * Vega's number and time locale (`config.locale` of a spec) for a reader's language, read from
 * the platform's `Intl`, as every other number and date the product writes: the charts' axes say
 * `92,5` and `juin 2026` in French, `92.5` and `Jun 2026` in English. Vega formats with d3's
 * format and time-format, which take these definitions
 * (https://vega.github.io/vega/docs/api/locale/).
 */
import type { Locale as VegaLocale } from 'vega';
import type { Locale } from '../language/i18n/i18n.js';

const byLocale = new Map<Locale, VegaLocale>();

export function vegaLocale(locale: Locale): VegaLocale {
    let found = byLocale.get(locale);
    if (!found) {
        found = { number: numberLocale(locale), time: timeLocale(locale) };
        byLocale.set(locale, found);
    }
    return found;
}

function part(parts: Intl.NumberFormatPart[], type: Intl.NumberFormatPartTypes): string | undefined {
    return parts.find(p => p.type === type)?.value;
}

function numberLocale(locale: Locale): NonNullable<VegaLocale['number']> {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    // What sits between the number and the % sign (a no-break space in French), kept with the sign.
    const percent = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(0.5);
    const sign = percent.findIndex(p => p.type === 'percentSign');
    const beforeSign = sign > 0 && percent[sign - 1].type === 'literal' ? percent[sign - 1].value : '';
    const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).formatToParts(1);
    const number = euro.findIndex(p => p.type === 'integer');
    const last = euro.map(p => p.type).lastIndexOf('fraction');
    return {
        decimal: part(parts, 'decimal') ?? '.',
        thousands: part(parts, 'group') ?? ',',
        grouping: [3],
        currency: [euro.slice(0, number).map(p => p.value).join(''), euro.slice(last + 1).map(p => p.value).join('')],
        percent: `${beforeSign}${percent[sign]?.value ?? '%'}`,
        minus: part(new Intl.NumberFormat(locale).formatToParts(-1), 'minusSign') ?? '-'
    };
}

function names(locale: Locale, options: Intl.DateTimeFormatOptions, dates: Date[]): string[] {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    return dates.map(date => format.format(date));
}

function timeLocale(locale: Locale): NonNullable<VegaLocale['time']> {
    const months = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2026, month, 15)));
    // 2026-02-01 is a Sunday: d3 lists the days from Sunday.
    const days = Array.from({ length: 7 }, (_, day) => new Date(Date.UTC(2026, 1, 1 + day)));
    const dayPeriods = [new Date(Date.UTC(2026, 0, 1, 9)), new Date(Date.UTC(2026, 0, 1, 21))]
        .map(date => new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' }).formatToParts(date).find(p => p.type === 'dayPeriod')?.value ?? '');
    return {
        // The charts write dates with their own specifiers (`%b %Y`), never %c or %x: ISO for those.
        dateTime: '%x %X',
        date: '%Y-%m-%d',
        time: '%H:%M:%S',
        periods: [dayPeriods[0] || 'AM', dayPeriods[1] || 'PM'],
        days: names(locale, { weekday: 'long' }, days) as NonNullable<VegaLocale['time']>['days'],
        shortDays: names(locale, { weekday: 'short' }, days) as NonNullable<VegaLocale['time']>['shortDays'],
        months: names(locale, { month: 'long' }, months) as NonNullable<VegaLocale['time']>['months'],
        shortMonths: names(locale, { month: 'short' }, months) as NonNullable<VegaLocale['time']>['shortMonths']
    };
}
