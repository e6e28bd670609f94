// KPI scorecard semantics (issue 18): at risk (inside the warning band, or on course) told from
// off track (the trend does not reach the target by its deadline); trend arrows that follow the
// value while the word says better or worse; changes within sampling noise, with the sample size.
import { describe, expect, it } from 'vitest';
import { changeSignificance, evaluateTarget, projection } from '../../src/language/model/kpi-results.js';
import { changeWords, courseWords, deadlineWords, gapWords, trendWords } from '../../src/language/model/kpi-format.js';
import type { TargetModel } from '../../src/language/model/journey-model.js';

const TODAY = new Date('2026-07-15T00:00:00Z');
const CARDS: TargetModel = { comparator: '>=', value: 95, unit: '%', deadline: '2027-06', warning: 90, text: '>= 95%' };
const DELAY: TargetModel = { comparator: '<=', value: 120, unit: 'minutes', deadline: '2027-06', warning: 130, text: '<= 120 minutes' };

describe('statuses', () => {
    it('tells 42.9 % against ≥ 95 % (off track) from 122 against ≤ 120 in the band (at risk), both before their deadline', () => {
        const far = evaluateTarget(CARDS, [{ period: '2026-05', value: 40 }, { period: '2026-06', value: 42.9 }], 'higher', TODAY);
        expect(far.status).toBe('off-track');
        expect(far.projected).toBeLessThan(95);
        expect(far.gap).toBeCloseTo(52.1, 6);
        expect(gapWords(far.gap!, '%', 'higher', 'en')).toBe('52.1 pts short');
        expect(gapWords(far.gap!, '%', 'higher', 'fr')).toBe('il manque 52,1 pts');
        const near = evaluateTarget(DELAY, [{ period: '2026-05', value: 125 }, { period: '2026-06', value: 122 }], 'lower', TODAY);
        expect(near.status).toBe('at-risk');
        expect(gapWords(near.gap!, 'minutes', 'lower', 'en')).toBe('2 minutes over');
    });

    it('is at risk outside the band when the trend reaches the target by the deadline, off track when it does not', () => {
        const climbing = [{ period: '2026-04', value: 60 }, { period: '2026-05', value: 66 }, { period: '2026-06', value: 72 }];
        const onCourse = evaluateTarget(CARDS, climbing, 'higher', TODAY);
        expect(onCourse.status).toBe('at-risk');
        expect(onCourse.projected).toBeGreaterThan(95);
        expect(courseWords(onCourse, '%', CARDS.deadline, 'en')).toBe('on course: 100% by June 2027'); // a share stops at 100 %
        const slow = [{ period: '2026-04', value: 60 }, { period: '2026-05', value: 60.5 }, { period: '2026-06', value: 61 }];
        const offTrack = evaluateTarget(CARDS, slow, 'higher', TODAY);
        expect(offTrack.status).toBe('off-track');
        expect(courseWords(offTrack, '%', CARDS.deadline, 'fr')).toMatch(/^à ce rythme : 6\d(,\d)?[\s\u202f]% en juin 2027$/);
        expect(courseWords(evaluateTarget(CARDS, [{ period: '2026-06', value: 61 }], 'higher', TODAY), '%', CARDS.deadline, 'en')).toBe('one period only: no trend yet');
    });

    it('is missed once the deadline has passed, even inside the warning band; met whatever the deadline', () => {
        const after = new Date('2027-07-01T00:00:00Z');
        expect(evaluateTarget(CARDS, [{ period: '2027-06', value: 92 }], 'higher', after).status).toBe('missed');
        expect(evaluateTarget(CARDS, [{ period: '2027-06', value: 96 }], 'higher', after)).toMatchObject({ status: 'met', gap: 0 });
        // Without a deadline a target holds every period: in the band at risk, outside it missed.
        const open = { ...CARDS, deadline: undefined };
        expect(evaluateTarget(open, [{ period: '2026-06', value: 92 }], 'higher', TODAY).status).toBe('at-risk');
        expect(evaluateTarget(open, [{ period: '2026-06', value: 42.9 }], 'higher', TODAY).status).toBe('missed');
        expect(evaluateTarget(CARDS, [], 'higher', TODAY).status).toBe('no-data');
    });

    it('says how long is left to the deadline', () => {
        expect(deadlineWords('2027-06', TODAY, 'en')).toBe('11 months left (to June 2027)');
        expect(deadlineWords('2026-07-20', TODAY, 'fr')).toBe('encore 6 jours (échéance 20 juillet 2026)');
        expect(deadlineWords('2026-06', TODAY, 'en')).toBe('deadline passed (June 2026)');
    });

    it('projects with a least-squares line through the last periods', () => {
        const points = [{ period: '2026-01', value: 10 }, { period: '2026-02', value: 20 }, { period: '2026-03', value: 30 }];
        expect(projection(points, new Date('2026-04-01T00:00:00Z'))).toBeCloseTo(40, 0);
        expect(projection(points.slice(0, 1), new Date('2026-04-01T00:00:00Z'))).toBeUndefined();
    });
});

describe('trends', () => {
    it('draws a delay falling from 6.9 to 6.1 days as ↘ and calls it an improvement', () => {
        const target: TargetModel = { comparator: '<=', value: 5, unit: 'days', text: '<= 5 days' };
        const evaluation = evaluateTarget(target, [{ period: '2026-05', value: 6.9 }, { period: '2026-06', value: 6.1 }], 'lower', TODAY);
        expect(evaluation).toMatchObject({ movement: 'down', trend: 'improving' });
        expect(trendWords(evaluation, 'en')).toBe('↘ improving');
        const churn = evaluateTarget({ comparator: '<=', value: 1, unit: '%', text: '<= 1%' }, [{ period: '2026-05', value: 0.8 }, { period: '2026-06', value: 1.2 }], 'lower', TODAY);
        expect(trendWords(churn, 'fr')).toBe('↗ en dégradation');
    });
});

describe('changes against sampling noise', () => {
    it('uses the pooled two-proportion test for shares: 70 % → 74 % on 50 answers each is noise, on 2,000 each it is not', () => {
        const small = changeSignificance({ period: '2026-05', value: 70, n: 50 }, { period: '2026-06', value: 74, n: 50 }, '%')!;
        expect(small.method).toBe('two-proportion');
        expect(small.withinNoise).toBe(true);
        // p = 0.72, se = sqrt(.72 × .28 × (1/50 + 1/50)) = 0.0898: z = 0.04 / 0.0898 = 0.445.
        expect(small.z).toBeCloseTo(0.445, 2);
        expect(changeWords(small, 'en')).toBe('within noise (n = 50 → 50)');
        const large = changeSignificance({ period: '2026-05', value: 70, n: 2000 }, { period: '2026-06', value: 74, n: 2000 }, '%')!;
        expect(large.withinNoise).toBe(false);
        const thousands = new Intl.NumberFormat('fr').format(2000);
        expect(changeWords(large, 'fr')).toBe(`au-delà du bruit statistique (n = ${thousands} → ${thousands})`);
    });

    it('uses the spread of one answer for scores (NPS, CES), and says nothing without sample sizes', () => {
        const nps = changeSignificance({ period: '2026-05', value: 30, n: 400, sd: 80 }, { period: '2026-06', value: 38, n: 400, sd: 78 })!;
        expect(nps.method).toBe('two-means');
        // se = sqrt(80²/400 + 78²/400) = 5.586: z = 8 / 5.586 = 1.43.
        expect(nps.z).toBeCloseTo(1.432, 2);
        expect(nps.withinNoise).toBe(true);
        expect(changeSignificance({ period: '2026-05', value: 70 }, { period: '2026-06', value: 74 }, '%')).toBeUndefined();
        expect(changeSignificance({ period: '2026-05', value: 6.9, n: 40 }, { period: '2026-06', value: 6.1, n: 40 }, 'days')).toBeUndefined();
        const evaluation = evaluateTarget(CARDS, [{ period: '2026-05', value: 70, n: 50 }, { period: '2026-06', value: 74, n: 50 }], 'higher', TODAY);
        expect(evaluation.change).toMatchObject({ withinNoise: true, previousN: 50, latestN: 50 });
    });
});
