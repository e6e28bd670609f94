/**
 * Target evaluation in detail (src/language/model/kpi-results.ts): which value is judged, the
 * trend and the arrow, the gap, the projection's least-squares line, and the noise tests worked
 * out by hand here (two-proportion and two-means z-tests at 95 %). Pure functions, fast: the
 * mutation tests (stryker.config.json) run this file for every mutant.
 */
import { describe, expect, it } from 'vitest';
import type { TargetModel, WorkspaceModel } from '../../src/language/model/journey-model.js';
import { changeSignificance, distinctProblems, evaluateTarget, kpiOfResult, notUtf8Message, projection, STATUS_ORDER, type KpiPoint, type KpiResult } from '../../src/language/model/kpi-results.js';

const TODAY = new Date('2026-07-15T00:00:00Z');
const target = (comparator: TargetModel['comparator'], value: number, extra: Partial<TargetModel> = {}): TargetModel => ({ comparator, value, text: `${comparator} ${value}`, ...extra });
const p = (period: string, value: number, extra: Partial<KpiPoint> = {}): KpiPoint => ({ period, value, ...extra });
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('the value judged', () => {
    it('is the latest period, whatever the order of the points', () => {
        const result = evaluateTarget(target('>=', 50), [p('2026-05', 60), p('2026-03', 10), p('2026-04', 40)], undefined, TODAY);
        expect(result.latest).toEqual(p('2026-05', 60));
        expect(result.previous).toEqual(p('2026-04', 40));
        expect(result.status).toBe('met');
    });

    it('is over all segments when there is such a value, else over the segments given', () => {
        const points = [p('2026-04', 40), p('2026-05', 45), p('2026-05', 99, { segment: 'Web' }), p('2026-06', 99, { segment: 'Web' })];
        const result = evaluateTarget(target('>=', 50), points, undefined, TODAY);
        expect(result.latest).toEqual(p('2026-05', 45));
        expect(result.status).toBe('missed');
        const segmentsOnly = evaluateTarget(target('>=', 50), points.filter(x => x.segment), undefined, TODAY);
        expect(segmentsOnly.latest).toEqual(p('2026-06', 99, { segment: 'Web' }));
        expect(segmentsOnly.status).toBe('met');
    });

    it('is no data without points, and not judged without a target', () => {
        expect(evaluateTarget(target('>=', 50), [], 'higher', TODAY)).toStrictEqual({ status: 'no-data' });
        const untargeted = evaluateTarget(undefined, [p('2026-05', 3), p('2026-06', 5)], 'lower', TODAY);
        expect(untargeted).toStrictEqual({ status: 'no-data', latest: p('2026-06', 5), previous: p('2026-05', 3), trend: 'worsening', movement: 'up' });
        const single = evaluateTarget(undefined, [p('2026-06', 5)], 'lower', TODAY);
        expect(single).toStrictEqual({ status: 'no-data', latest: p('2026-06', 5) });
    });
});

describe('trend and arrow', () => {
    it('follows the value with the arrow and judges it by the direction', () => {
        const higher = (a: number, b: number) => evaluateTarget(target('>=', 95), [p('2026-05', a), p('2026-06', b)], 'higher', TODAY);
        expect(higher(90, 92)).toMatchObject({ trend: 'improving', movement: 'up' });
        expect(higher(92, 90)).toMatchObject({ trend: 'worsening', movement: 'down' });
        expect(higher(92, 92)).toMatchObject({ trend: 'stable', movement: 'flat' });
        const lower = (a: number, b: number) => evaluateTarget(target('<=', 48), [p('2026-05', a), p('2026-06', b)], 'lower', TODAY);
        expect(lower(60, 55)).toMatchObject({ trend: 'improving', movement: 'down' });
        expect(lower(55, 60)).toMatchObject({ trend: 'worsening', movement: 'up' });
    });

    it('takes the direction given over the comparator’s, and the comparator’s when none is given', () => {
        expect(evaluateTarget(target('>=', 95), [p('2026-05', 60), p('2026-06', 55)], 'lower', TODAY).trend).toBe('improving');
        expect(evaluateTarget(target('<=', 48), [p('2026-05', 60), p('2026-06', 55)], undefined, TODAY).trend).toBe('improving');
        expect(evaluateTarget(target('>', 48), [p('2026-05', 60), p('2026-06', 55)], undefined, TODAY).trend).toBe('worsening');
        // Neither: an arrow, no judgement.
        const neither = evaluateTarget(undefined, [p('2026-05', 60), p('2026-06', 55)], undefined, TODAY);
        expect(neither.movement).toBe('down');
        expect('trend' in neither).toBe(false);
    });
});

describe('the gap, the deadline and the status', () => {
    it('says the gap in the unit, whichever way the target points, and 0 once met', () => {
        expect(evaluateTarget(target('>=', 95), [p('2026-06', 42.5)], undefined, TODAY).gap).toBe(52.5);
        expect(evaluateTarget(target('<=', 120), [p('2026-06', 122)], undefined, TODAY).gap).toBe(2);
        expect(evaluateTarget(target('>=', 95), [p('2026-06', 97)], undefined, TODAY).gap).toBe(0);
        expect(evaluateTarget(target('<=', 120), [p('2026-06', 100)], undefined, TODAY).gap).toBe(0);
    });

    it('says whether the deadline has passed only when there is one', () => {
        const short = [p('2026-06', 80)];
        expect(evaluateTarget(target('>=', 95, { deadline: '2026-07' }), short, undefined, TODAY).deadlinePassed).toBe(false);
        expect(evaluateTarget(target('>=', 95, { deadline: '2026-06' }), short, undefined, TODAY).deadlinePassed).toBe(true);
        expect('deadlinePassed' in evaluateTarget(target('>=', 95), short, undefined, TODAY)).toBe(false);
        // Met says so too.
        expect(evaluateTarget(target('>=', 70, { deadline: '2026-06' }), short, undefined, TODAY)).toMatchObject({ status: 'met', deadlinePassed: true });
    });

    it('uses the warning band inclusively for every comparator, the band only while the deadline runs', () => {
        const at = (comparator: TargetModel['comparator'], value: number, warning: number, latest: number) =>
            evaluateTarget(target(comparator, value, { warning }), [p('2026-06', latest)], undefined, TODAY).status;
        expect(at('>', 95, 90, 90)).toBe('at-risk');
        expect(at('>', 95, 90, 89.9)).toBe('missed');
        expect(at('<', 48, 60, 60)).toBe('at-risk');
        expect(at('<', 48, 60, 60.1)).toBe('missed');
        expect(at('<=', 48, 60, 48.5)).toBe('at-risk');
        // A band is no excuse once the deadline has passed.
        expect(evaluateTarget(target('<=', 48, { warning: 60, deadline: '2026-06' }), [p('2026-06', 50)], undefined, TODAY).status).toBe('missed');
    });

    it('a deadline that names no day is judged as no deadline', () => {
        expect(evaluateTarget(target('>=', 95, { deadline: '2026-02-30' }), [p('2026-05', 50), p('2026-06', 80)], undefined, TODAY).status).toBe('missed');
    });

    it('projects the recent line to the deadline’s last day: at risk when it gets there, off track when not', () => {
        // One point a month, +10 a month from 40 in May 2026: 12 months to the end of May 2027.
        const rising = [p('2026-04', 30), p('2026-05', 40), p('2026-06', 50)];
        const reaching = evaluateTarget(target('>=', 95, { deadline: '2027-05' }), rising, undefined, TODAY, 'points');
        expect(reaching.status).toBe('at-risk');
        expect(reaching.projected).toBeGreaterThan(150);
        const short = evaluateTarget(target('>=', 95, { deadline: '2026-08' }), rising, undefined, TODAY, 'points');
        expect(short.status).toBe('off-track');
        // Days 0, 30, 61 (1 April, 1 May, 1 June) with 30, 40, 50: slope 610 / 1860.67 a day; 31 August is day 152.
        expect(short.projected).toBeCloseTo(40 + (610 / (1860 + 2 / 3)) * (152 - 91 / 3), 6);
    });

    it('has no projection with one period only, and is off track before its deadline outside the band', () => {
        const single = evaluateTarget(target('>=', 95, { deadline: '2027-06' }), [p('2026-06', 50)], undefined, TODAY);
        expect(single.status).toBe('off-track');
        expect('projected' in single).toBe(false);
    });

    it('keeps a share’s projection within 0–100 % and leaves other units alone', () => {
        const falling = [p('2026-04', 30), p('2026-05', 20), p('2026-06', 10)];
        expect(evaluateTarget(target('<=', 5, { deadline: '2027-06' }), falling, 'lower', TODAY, '%')).toMatchObject({ status: 'at-risk', projected: 0 });
        const minutes = evaluateTarget(target('<=', 5, { deadline: '2027-06' }), falling, 'lower', TODAY, 'minutes');
        expect(minutes.status).toBe('at-risk');
        expect(minutes.projected).toBeLessThan(-100);
        const rising = [p('2026-04', 60), p('2026-05', 80), p('2026-06', 99)];
        expect(evaluateTarget(target('>=', 99.5, { deadline: '2027-06' }), rising, 'higher', TODAY, '%')).toMatchObject({ status: 'at-risk', projected: 100 });
        // The unit comes from the target when the caller gives none.
        expect(evaluateTarget(target('>=', 99.5, { deadline: '2027-06', unit: '%' }), rising, 'higher', TODAY).projected).toBe(100);
        expect(evaluateTarget(target('>=', 99.5, { deadline: '2027-06', unit: 'points' }), rising, 'higher', TODAY).projected).toBeGreaterThan(100);
    });

    it('orders statuses from the worst to the best', () => {
        expect(STATUS_ORDER).toEqual(['missed', 'off-track', 'at-risk', 'no-data', 'met']);
    });
});

describe('the projection', () => {
    it('is the least-squares line through the points, read on the day asked', () => {
        // Days 0, 1, 2 with 1, 3, 2: mean (1, 2), slope 1/2 a day; on day 4: 2 + 0.5 × 3 = 3.5.
        const points = [p('2026-03-01', 1), p('2026-03-02', 3), p('2026-03-03', 2)];
        expect(projection(points, day('2026-03-05'))).toBeCloseTo(3.5, 9);
        expect(projection(points, day('2026-03-02'))).toBeCloseTo(2, 9);
        expect(projection(points.slice(0, 2), day('2026-03-04'))).toBeCloseTo(7, 9);
    });

    it('uses the last six periods only', () => {
        const flat = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'].map(d => p(d, 10));
        expect(projection([p('2026-03-01', 1000), ...flat], day('2026-03-20'))).toBeCloseTo(10, 9);
        expect(projection([p('2026-03-01', 1000), ...flat.slice(1)], day('2026-03-20'))).not.toBeCloseTo(10, 0);
    });

    it('needs two dated periods on different days', () => {
        expect(projection([p('2026-03', 1)], day('2026-05-01'))).toBeUndefined();
        expect(projection([p('not a period', 1), p('2026-03', 2)], day('2026-05-01'))).toBeUndefined();
        expect(projection([p('2026-03', 1), p('2026-03', 2)], day('2026-05-01'))).toBeUndefined();
        expect(projection([p('not a period', 100), p('2026-03-01', 1), p('2026-03-02', 2)], day('2026-03-03'))).toBeCloseTo(3, 9);
    });
});

describe('changes against sampling noise', () => {
    it('tests two shares with the pooled two-proportion z-test, its margin unpooled', () => {
        // 50 % of 100 → 60 % of 100: pooled 55 %, se = 100·√(0.55·0.45·(1/100 + 1/100)) = 7.0356;
        // z = 10 / 7.0356 = 1.4213 (< 1.96: within noise); margin 1.959964 × 100·√(0.25/100 + 0.24/100) = 13.7197.
        const change = changeSignificance(p('2026-05', 50, { n: 100 }), p('2026-06', 60, { n: 100 }), '%')!;
        expect(change.method).toBe('two-proportion');
        expect(change.z).toBeCloseTo(1.42134, 4);
        expect(change.margin).toBeCloseTo(13.7197, 3);
        expect(change.withinNoise).toBe(true);
        expect([change.previousN, change.latestN]).toEqual([100, 100]);
        // The same change on 400 answers each is beyond noise (z = 2.84).
        const larger = changeSignificance(p('2026-05', 50, { n: 400 }), p('2026-06', 60, { n: 300 }), '%')!;
        expect(larger.z).toBeCloseTo(10 / (100 * Math.sqrt(((0.5 * 400 + 0.6 * 300) / 700) * (1 - (0.5 * 400 + 0.6 * 300) / 700) * (1 / 400 + 1 / 300))), 9);
        expect(larger.withinNoise).toBe(false);
        expect([larger.previousN, larger.latestN]).toEqual([400, 300]);
    });

    it('accepts shares of exactly 0 % and 100 %, refuses values outside', () => {
        // 0 % → 100 % of 10: pooled 50 %, se = 100·√(0.25·0.2) = 22.36, z = 4.47; margin 0 (no spread on either side).
        const extreme = changeSignificance(p('2026-05', 0, { n: 10 }), p('2026-06', 100, { n: 10 }), '%')!;
        expect(extreme.z).toBeCloseTo(100 / (100 * Math.sqrt(0.05)), 9);
        expect(extreme.margin).toBe(0);
        expect(changeSignificance(p('2026-05', 100, { n: 10 }), p('2026-06', 0, { n: 10 }), '%')!.z).toBeCloseTo(-4.4721, 3);
        expect(changeSignificance(p('2026-05', 50, { n: 10 }), p('2026-06', 100.5, { n: 10 }), '%')).toBeUndefined();
        expect(changeSignificance(p('2026-05', 100.5, { n: 10 }), p('2026-06', 50, { n: 10 }), '%')).toBeUndefined();
        expect(changeSignificance(p('2026-05', -0.5, { n: 10 }), p('2026-06', 50, { n: 10 }), '%')).toBeUndefined();
        expect(changeSignificance(p('2026-05', 50, { n: 10 }), p('2026-06', -0.5, { n: 10 }), '%')).toBeUndefined();
    });

    it('tests two scores with the two-sample z-test on means', () => {
        // sd 10 on 25 answers each: se = √(100/25 + 100/25) = 2.8284; +6 → z = 2.1213 (beyond noise), margin 5.5436.
        const change = changeSignificance(p('2026-05', 30, { n: 25, sd: 10 }), p('2026-06', 36, { n: 25, sd: 10 }), 'points')!;
        expect(change).toMatchObject({ method: 'two-means', withinNoise: false, previousN: 25, latestN: 25 });
        expect(change.z).toBeCloseTo(2.12132, 4);
        expect(change.margin).toBeCloseTo(5.54365, 4);
        // Each side's deviation over its own sample size: sd 20 on 100 and sd 5 on 25 → se = √(4 + 1).
        expect(changeSignificance(p('2026-05', 30, { n: 100, sd: 20 }), p('2026-06', 33, { n: 25, sd: 5 }))!.z).toBeCloseTo(3 / Math.sqrt(5), 9);
        // Means are tested whatever the unit, shares too when they carry a deviation.
        expect(changeSignificance(p('2026-05', 30, { n: 25, sd: 10 }), p('2026-06', 36, { n: 25, sd: 10 }), '%')!.method).toBe('two-means');
    });

    it('is within noise strictly below 1.959964, not at it', () => {
        // sd 1 on 2 answers each: se = 1, so z is the change itself.
        const at = (delta: number) => changeSignificance(p('2026-05', 0, { n: 2, sd: 1 }), p('2026-06', delta, { n: 2, sd: 1 }))!;
        expect(at(1.959964).withinNoise).toBe(false);
        expect(at(1.959963).withinNoise).toBe(true);
        expect(at(-1.959964).withinNoise).toBe(false);
        expect(at(-1.959963).withinNoise).toBe(true);
    });

    it('is no change at all or beyond any noise when answers do not vary', () => {
        const same = changeSignificance(p('2026-05', 7, { n: 5, sd: 0 }), p('2026-06', 7, { n: 5, sd: 0 }))!;
        expect(same).toMatchObject({ z: 0, withinNoise: true, margin: 0 });
        expect(changeSignificance(p('2026-05', 7, { n: 5, sd: 0 }), p('2026-06', 8, { n: 5, sd: 0 }))).toMatchObject({ z: Infinity, withinNoise: false });
        expect(changeSignificance(p('2026-05', 8, { n: 5, sd: 0 }), p('2026-06', 7, { n: 5, sd: 0 }))).toMatchObject({ z: -Infinity, withinNoise: false });
    });

    it('claims nothing without two sample sizes of at least 2, nor for a plain number without a deviation', () => {
        const share = (n1: number | undefined, n2: number | undefined) => changeSignificance(p('2026-05', 50, { n: n1 }), p('2026-06', 60, { n: n2 }), '%');
        expect(share(undefined, 100)).toBeUndefined();
        expect(share(100, undefined)).toBeUndefined();
        expect(share(1, 100)).toBeUndefined();
        expect(share(100, 1)).toBeUndefined();
        expect(share(0, 100)).toBeUndefined();
        expect(share(2, 2)).toBeDefined();
        expect(changeSignificance(p('2026-05', 50, { n: 100 }), p('2026-06', 60, { n: 100 }), 'points')).toBeUndefined();
        expect(changeSignificance(p('2026-05', 50, { n: 100 }), p('2026-06', 60, { n: 100 }))).toBeUndefined();
        // One side's deviation alone is not enough for a test on means.
        expect(changeSignificance(p('2026-05', 50, { n: 100, sd: 3 }), p('2026-06', 60, { n: 100 }), 'points')).toBeUndefined();
        expect(changeSignificance(p('2026-05', 50, { n: 100 }), p('2026-06', 60, { n: 100, sd: 3 }), 'points')).toBeUndefined();
    });

    it('is part of the evaluation when sample sizes are known', () => {
        const result = evaluateTarget(target('>=', 95, { unit: '%' }), [p('2026-05', 50, { n: 100 }), p('2026-06', 60, { n: 100 })], undefined, TODAY);
        expect(result.change?.method).toBe('two-proportion');
        expect('change' in evaluateTarget(target('>=', 95, { unit: '%' }), [p('2026-05', 50), p('2026-06', 60)], undefined, TODAY)).toBe(false);
    });
});

describe('results and problems', () => {
    it('finds the KPI a result is about: the journey’s own, or the catalog’s', () => {
        const own = { id: 'K', name: 'journey K' };
        const catalog = { id: 'K', name: 'catalog K' };
        const model = { journeys: [{ id: 'J', kpis: [{ id: 'Other' }, own] }, { id: 'J2', kpis: [] }], kpis: [{ id: 'Other' }, catalog] } as unknown as WorkspaceModel;
        const result = (journey?: string) => ({ kpi: 'K', ...(journey ? { journey } : {}) }) as KpiResult;
        expect(kpiOfResult(model, result('J'))).toBe(own);
        expect(kpiOfResult(model, result())).toBe(catalog);
        expect(kpiOfResult(model, result('J2'))).toBeUndefined();
        expect(kpiOfResult(model, result('Nowhere'))).toBeUndefined();
    });

    it('keeps each problem once, in order, told apart by file, line, code and message', () => {
        const base = { file: 'a.csv', line: 2, severity: 'error' as const, code: 'x', message: 'm' };
        const others = [{ ...base, file: 'b.csv' }, { ...base, line: 3 }, { ...base, code: 'y' }, { ...base, message: 'n' }];
        expect(distinctProblems([base, ...others, { ...base }, others[2]])).toEqual([base, ...others]);
        // The same problem found twice with another severity: the first one found is kept.
        expect(distinctProblems([{ ...base, line: undefined }, { ...base, line: undefined, severity: 'warning' }])).toEqual([{ ...base, line: undefined }]);
    });

    it('tells which file is not UTF-8, from which line, and how to save it', () => {
        const message = notUtf8Message('data/answers.csv', 17);
        expect(message).toContain("'data/answers.csv' is not saved as UTF-8");
        expect(message).toContain('line 17');
        expect(message).toContain('CSV UTF-8');
    });
});
