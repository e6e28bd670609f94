/**
 * What KPI kinds, units and comparators mean (src/language/model/kpi-semantics.ts), asserted as
 * the domain says it (DOMAIN.md: an NPS runs from −100 to 100, a churn is better lower, months
 * count as 30 days) and as the validator, the diff and the metrics engine use it. Pure functions,
 * fast: the mutation tests (stryker.config.json) run this file for every mutant.
 */
import { describe, expect, it } from 'vitest';
import {
    comparatorDirection, comparatorSymbol, defaultUnit, DEFAULT_EMOTION_SCALE, effectiveDirection, effectiveEmotionScale, exampleTarget,
    isValidDate, kindInfo, normalizeComparator, normalizeUnit, satisfies, signed, toHours, unitFamily, type CanonicalUnit, type KpiKind
} from '../../src/language/model/kpi-semantics.js';

const KINDS: KpiKind[] = ['nps', 'csat', 'ces', 'churn', 'retention', 'referral', 'loyalty', 'resolution', 'rate', 'average', 'custom', 'share', 'duration', 'conversion', 'abandonment', 'count'];

describe('comparators', () => {
    it('reads ≥ and ≤ as >= and <=, and keeps the ASCII ones', () => {
        expect(normalizeComparator('≥')).toBe('>=');
        expect(normalizeComparator('≤')).toBe('<=');
        for (const ascii of ['>=', '<=', '>', '<']) expect(normalizeComparator(ascii)).toBe(ascii);
    });

    it('shows each comparator with its symbol', () => {
        expect(comparatorSymbol('>=')).toBe('≥');
        expect(comparatorSymbol('<=')).toBe('≤');
        expect(comparatorSymbol('>')).toBe('>');
        expect(comparatorSymbol('<')).toBe('<');
    });

    it('aims high with >= and >, low with <= and <', () => {
        expect(comparatorDirection('>=')).toBe('higher');
        expect(comparatorDirection('>')).toBe('higher');
        expect(comparatorDirection('<=')).toBe('lower');
        expect(comparatorDirection('<')).toBe('lower');
    });

    it('judges a value at, just inside and just outside each kind of target', () => {
        const cases: [number, '>=' | '>' | '<=' | '<', number, boolean][] = [
            [95, '>=', 95, true], [95.01, '>=', 95, true], [94.99, '>=', 95, false],
            [95, '>', 95, false], [95.01, '>', 95, true], [94.99, '>', 95, false],
            [48, '<=', 48, true], [47.99, '<=', 48, true], [48.01, '<=', 48, false],
            [48, '<', 48, false], [47.99, '<', 48, true], [48.01, '<', 48, false]
        ];
        for (const [value, comparator, target, expected] of cases) expect(satisfies(value, comparator, target), `${value} ${comparator} ${target}`).toBe(expected);
    });
});

describe('units', () => {
    it('reads every spelling an author may write, and nothing else', () => {
        const spellings: Record<string, CanonicalUnit> = {
            '%': '%', pts: 'points', points: 'points', min: 'minutes', minutes: 'minutes', h: 'hours', hours: 'hours',
            d: 'days', day: 'days', days: 'days', week: 'weeks', weeks: 'weeks', month: 'months', months: 'months', '€': '€', '$': '$'
        };
        for (const [written, unit] of Object.entries(spellings)) expect(normalizeUnit(written), written).toBe(unit);
        expect(normalizeUnit(undefined)).toBeUndefined();
        for (const unknown of ['kg', 'Hours', 'seconds', '']) expect(normalizeUnit(unknown), unknown).toBeUndefined();
    });

    it('puts each unit in its family: a percentage, points, a time, money', () => {
        expect(unitFamily('%')).toBe('percent');
        expect(unitFamily('points')).toBe('points');
        for (const time of ['minutes', 'hours', 'days', 'weeks', 'months'] as const) expect(unitFamily(time)).toBe('time');
        expect(unitFamily('€')).toBe('money');
        expect(unitFamily('$')).toBe('money');
        expect(unitFamily(undefined)).toBeUndefined();
    });

    it('converts times to hours, months as 30 days; other units are not times', () => {
        expect(toHours(90, 'minutes')).toBe(1.5);
        expect(toHours(2, 'hours')).toBe(2);
        expect(toHours(2, 'days')).toBe(48);
        expect(toHours(1, 'weeks')).toBe(168);
        expect(toHours(1, 'months')).toBe(720);
        for (const other of ['%', 'points', '€', '$'] as const) expect(toHours(5, other), other).toBeUndefined();
    });
});

describe('KPI kinds', () => {
    it('knows which way is better: higher for satisfaction, reach and retention, lower for churn, delays and abandonment', () => {
        const direction = (kind: KpiKind) => kindInfo(kind).direction;
        for (const kind of ['nps', 'csat', 'retention', 'referral', 'loyalty', 'share', 'conversion'] as const) expect(direction(kind), kind).toBe('higher');
        for (const kind of ['churn', 'resolution', 'duration', 'abandonment'] as const) expect(direction(kind), kind).toBe('lower');
        // A CES scale may run either way (1 = easy or 7 = easy), a rate or a count may be good or bad news.
        for (const kind of ['ces', 'rate', 'average', 'custom', 'count'] as const) expect(direction(kind), kind).toBeUndefined();
    });

    it('knows the values that can exist: an NPS from −100 to 100, percentages 0–100, times and counts from 0', () => {
        expect(kindInfo('nps')).toMatchObject({ min: -100, max: 100 });
        for (const kind of ['csat', 'churn', 'retention', 'referral', 'loyalty', 'rate', 'share', 'conversion', 'abandonment'] as const) {
            expect(kindInfo(kind), kind).toMatchObject({ min: 0, max: 100 });
        }
        for (const kind of ['ces', 'resolution', 'duration', 'count'] as const) {
            expect(kindInfo(kind).min, kind).toBe(0);
            expect(kindInfo(kind).max, kind).toBeUndefined();
        }
        for (const kind of ['average', 'custom'] as const) expect(kindInfo(kind), kind).toEqual({});
    });

    it('gives each kind its unit family and its default unit', () => {
        const expected: Record<KpiKind, [string | undefined, CanonicalUnit | undefined]> = {
            nps: ['points', 'points'], csat: ['percent', '%'], ces: [undefined, undefined], churn: ['percent', '%'],
            retention: ['percent', '%'], referral: ['percent', '%'], loyalty: [undefined, undefined], resolution: ['time', 'hours'],
            rate: ['percent', '%'], average: [undefined, undefined], custom: [undefined, undefined], share: ['percent', '%'],
            duration: ['time', 'hours'], conversion: ['percent', '%'], abandonment: ['percent', '%'], count: [undefined, undefined]
        };
        for (const kind of KINDS) {
            expect([kindInfo(kind).family, defaultUnit(kind)], kind).toEqual(expected[kind]);
        }
    });

    it('takes the direction the author wrote, else the kind’s, else the target’s comparator', () => {
        expect(effectiveDirection('churn', 'higher')).toBe('higher');
        expect(effectiveDirection('churn')).toBe('lower');
        expect(effectiveDirection('nps', undefined, '<=')).toBe('higher');
        expect(effectiveDirection('ces', undefined, '<=')).toBe('lower');
        expect(effectiveDirection('ces', undefined, '>')).toBe('higher');
        expect(effectiveDirection('ces')).toBeUndefined();
    });
});

describe('suggested targets', () => {
    it('writes one in the KPI’s unit and direction', () => {
        expect(exampleTarget('duration')).toBe('target <= 48 h');
        expect(exampleTarget('share')).toBe('target >= 90%');
        expect(exampleTarget('churn')).toBe('target <= 10%');
        expect(exampleTarget('nps')).toBe('target >= 30');
        expect(exampleTarget('nps', undefined, 'lower')).toBe('target <= 10');
        expect(exampleTarget('duration', 'minutes')).toBe('target <= 10 minutes');
        expect(exampleTarget('duration', 'days')).toBe('target <= 5 days');
        expect(exampleTarget('duration', 'days', 'higher')).toBe('target >= 2 days');
        expect(exampleTarget('duration', 'hours', 'higher')).toBe('target >= 24 h');
        expect(exampleTarget('duration', 'weeks')).toBe('target <= 2 weeks');
        expect(exampleTarget('duration', 'months')).toBe('target <= 3 months');
        expect(exampleTarget('average', '€', 'higher')).toBe('target >= 100 €');
        expect(exampleTarget('average', '$', 'lower')).toBe('target <= 100 $');
        expect(exampleTarget('average', 'points', 'lower')).toBe('target <= 10');
    });

    it('suggests none when the unit or the direction is unknown', () => {
        expect(exampleTarget('ces')).toBeUndefined(); // neither
        expect(exampleTarget('ces', 'points')).toBeUndefined(); // no direction
        expect(exampleTarget('count', undefined, 'higher')).toBeUndefined(); // no unit
        expect(exampleTarget('loyalty')).toBeUndefined();
    });
});

describe('dates and numbers', () => {
    it('accepts deadlines that exist in the calendar and refuses the others', () => {
        for (const valid of ['2027-06', '2027-01', '2027-12', '2028-02-29', '2027-06-30', '2027-01-01', '2027-12-31']) expect(isValidDate(valid), valid).toBe(true);
        for (const invalid of ['2027-00', '2027-13', '2027-02-29', '2027-06-31', '2027-06-00', '2027-04-31', '2027-13-01']) expect(isValidDate(invalid), invalid).toBe(false);
    });

    it('signs positive numbers and leaves zero and negative ones as they are', () => {
        expect(signed(2)).toBe('+2');
        expect(signed(0.5)).toBe('+0.5');
        expect(signed(0)).toBe('0');
        expect(signed(-1)).toBe('-1');
    });
});

describe('the emotion scale', () => {
    it('is −2 to +2 by default', () => {
        expect(DEFAULT_EMOTION_SCALE).toEqual({ min: -2, max: 2 });
        expect(effectiveEmotionScale(undefined)).toEqual({ min: -2, max: 2 });
    });

    it('is the journey’s when it goes up, else the workspace’s when it goes up, else the default', () => {
        expect(effectiveEmotionScale({ min: -3, max: 3 }, { min: 0, max: 10 })).toEqual({ min: -3, max: 3 });
        expect(effectiveEmotionScale(undefined, { min: 0, max: 10 })).toEqual({ min: 0, max: 10 });
        expect(effectiveEmotionScale({ min: 3, max: 3 }, { min: 0, max: 10 })).toEqual({ min: 0, max: 10 });
        expect(effectiveEmotionScale({ min: 3, max: -3 }, { min: 1, max: 1 })).toEqual({ min: -2, max: 2 });
        expect(effectiveEmotionScale(undefined, { min: 5, max: 1 })).toEqual({ min: -2, max: 2 });
        expect(effectiveEmotionScale({ min: 1, max: 2 })).toEqual({ min: 1, max: 2 });
    });

    it('is a copy: changing it changes neither the declaration nor the default', () => {
        const declared = { min: -3, max: 3 };
        const scale = effectiveEmotionScale(declared);
        scale.min = -9;
        expect(declared.min).toBe(-3);
        const fallback = effectiveEmotionScale(undefined);
        fallback.max = 9;
        expect(DEFAULT_EMOTION_SCALE.max).toBe(2);
    });
});
