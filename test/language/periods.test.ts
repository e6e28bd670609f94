/**
 * Period keys at their edges (src/language/model/periods.ts): what is a key and what is not,
 * every frequency's next period (for the gaps a KPI's chart shows), year ends, and deadlines of
 * another kind than a month or a day. Pure functions, fast: the mutation tests
 * (stryker.config.json) run this file for every mutant.
 */
import { describe, expect, it } from 'vitest';
import { deadlineLastDay, deadlinePassed, missingPeriods, parsePeriod, periodKey, periodStartDay } from '../../src/language/model/periods.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('period keys', () => {
    it('reads a key with spaces around it, and nothing around it but spaces', () => {
        expect(parsePeriod(' 2026-03 ')).toEqual({ frequency: 'monthly', start: day('2026-03-01') });
        for (const text of ['x2026-03', '2026-03x', '12026-03', '2026-3', '2026-003', '2026-03-1', '2026-W1', '2026-W123', '2026-Q', '2026-Q12', '2026-q1', '2026-w12', '2026 03']) {
            expect(parsePeriod(text), text).toBeUndefined();
        }
    });

    it('starts each quarter on its first day', () => {
        expect(parsePeriod('2026-Q1')?.start).toEqual(day('2026-01-01'));
        expect(parsePeriod('2026-Q2')?.start).toEqual(day('2026-04-01'));
        expect(parsePeriod('2026-Q4')).toEqual({ frequency: 'quarterly', start: day('2026-10-01') });
    });

    it('reads every week of a year, and the 53rd only in years that have one', () => {
        expect(parsePeriod('2027-W01')).toEqual({ frequency: 'weekly', start: day('2027-01-04') });
        expect(parsePeriod('2027-W52')?.start).toEqual(day('2027-12-27'));
        expect(parsePeriod('2020-W53')?.start).toEqual(day('2020-12-28')); // a leap year starting on a Wednesday
        expect(parsePeriod('2021-W53')).toBeUndefined();
        expect(parsePeriod('2015-W53')?.start).toEqual(day('2015-12-28'));
        // 2024 starts on a Monday: its week 1 starts on 1 January.
        expect(parsePeriod('2024-W01')?.start).toEqual(day('2024-01-01'));
        expect(parsePeriod('2023-W01')?.start).toEqual(day('2023-01-02'));
    });

    it('refuses a day 0, a month\'s 32nd and the first day of month 13', () => {
        for (const text of ['2026-03-00', '2026-01-32', '2026-13-01', '2026-00-10']) expect(parsePeriod(text), text).toBeUndefined();
        expect(parsePeriod('2026-01-31')).toEqual({ frequency: 'daily', start: day('2026-01-31') });
        expect(parsePeriod('2026-12')).toEqual({ frequency: 'monthly', start: day('2026-12-01') });
        expect(parsePeriod('2026-01')).toEqual({ frequency: 'monthly', start: day('2026-01-01') });
        expect(parsePeriod('2026')).toEqual({ frequency: 'yearly', start: day('2026-01-01') });
    });

    it('gives the first day of a period for a time axis, nothing for a key that is not one', () => {
        expect(periodStartDay('2026-Q2')).toBe('2026-04-01');
        expect(periodStartDay('2026-03-15')).toBe('2026-03-15');
        expect(periodStartDay('mars')).toBeUndefined();
    });
});

describe('the period of a date', () => {
    it('names days, months, quarters and years with two-digit months and days', () => {
        const date = new Date('2026-03-05T23:59:59Z');
        expect(periodKey(date, 'daily')).toBe('2026-03-05');
        expect(periodKey(date, 'monthly')).toBe('2026-03');
        expect(periodKey(date, 'yearly')).toBe('2026');
        expect(periodKey(day('2026-10-10'), 'daily')).toBe('2026-10-10');
        expect(periodKey(day('2026-12-31'), 'monthly')).toBe('2026-12');
    });

    it('puts the last day of each quarter in it and the next day in the next one', () => {
        const quarters: [string, string][] = [['2026-01-01', 'Q1'], ['2026-03-31', 'Q1'], ['2026-04-01', 'Q2'], ['2026-06-30', 'Q2'], ['2026-07-01', 'Q3'], ['2026-09-30', 'Q3'], ['2026-10-01', 'Q4'], ['2026-12-31', 'Q4']];
        for (const [date, quarter] of quarters) expect(periodKey(day(date), 'quarterly'), date).toBe(`2026-${quarter}`);
    });

    it('numbers ISO weeks from the Monday, with the year of their Thursday', () => {
        expect(periodKey(day('2026-03-15'), 'weekly')).toBe('2026-W11'); // a Sunday
        expect(periodKey(day('2026-03-16'), 'weekly')).toBe('2026-W12'); // the Monday after
        expect(periodKey(day('2021-01-03'), 'weekly')).toBe('2020-W53');
        expect(periodKey(day('2021-01-04'), 'weekly')).toBe('2021-W01');
        expect(periodKey(day('2019-12-30'), 'weekly')).toBe('2020-W01');
        expect(periodKey(day('2026-01-01'), 'weekly')).toBe('2026-W01'); // a Thursday
        expect(periodKey(day('2027-12-31'), 'weekly')).toBe('2027-W52');
    });
});

describe('missing periods', () => {
    it('lists the gaps of every frequency, from the earliest key to the latest whatever their order', () => {
        expect(missingPeriods(['2026-03-04', '2026-03-01'], 'daily')).toEqual(['2026-03-02', '2026-03-03']);
        expect(missingPeriods(['2026-W12', '2026-W09'], 'weekly')).toEqual(['2026-W10', '2026-W11']);
        expect(missingPeriods(['2026-12', '2026-10'], 'monthly')).toEqual(['2026-11']);
        expect(missingPeriods(['2027-Q2', '2026-Q3'], 'quarterly')).toEqual(['2026-Q4', '2027-Q1']);
        expect(missingPeriods(['2029', '2026'], 'yearly')).toEqual(['2027', '2028']);
        expect(missingPeriods(['2026-02-27', '2026-03-02'], 'daily')).toEqual(['2026-02-28', '2026-03-01']);
    });

    it('has nothing to say with fewer than two keys of the frequency, or none missing', () => {
        expect(missingPeriods(['2026-03'], 'monthly')).toEqual([]);
        expect(missingPeriods(['2026-03', '2026-Q3'], 'monthly')).toEqual([]);
        expect(missingPeriods([], 'monthly')).toEqual([]);
        expect(missingPeriods(['2026-03', '2026-04'], 'monthly')).toEqual([]);
        expect(missingPeriods(['2026-03', '2026-03'], 'monthly')).toEqual([]);
        // Keys that are not periods (a series file's typo) are skipped, not fatal.
        expect(missingPeriods(['2026-01', 'janvier', '', '2026-03'], 'monthly')).toEqual(['2026-02']);
    });

    it('stops at the limit, 24 by default', () => {
        expect(missingPeriods(['2020-01', '2026-01'], 'monthly')).toHaveLength(24);
        expect(missingPeriods(['2020-01', '2026-01'], 'monthly')[23]).toBe('2022-01');
        expect(missingPeriods(['2026-01', '2026-06'], 'monthly', 2)).toEqual(['2026-02', '2026-03']);
        expect(missingPeriods(['2026-01', '2026-03'], 'monthly', 1)).toEqual(['2026-02']);
    });
});

describe('deadlines', () => {
    it('are a month or a day: a year, a quarter or a week names no last day', () => {
        for (const text of ['2027', '2027-Q2', '2027-W10', 'June 2027']) {
            expect(deadlineLastDay(text), text).toBeUndefined();
            expect(deadlinePassed(text, day('2030-01-01')), text).toBeUndefined();
        }
        expect(deadlineLastDay('2027-12')).toEqual(day('2027-12-31'));
        expect(deadlineLastDay('2027-01')).toEqual(day('2027-01-31'));
    });
});
