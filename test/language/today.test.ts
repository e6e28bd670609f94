// "Today" for KPI deadlines: the clock, or the day JOURNEY_TODAY pins, read in one place
// (src/language/model/today.ts) by every surface that judges a target without a given day.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentDay, dayOf } from '../../src/language/model/today.js';
import { evaluateTarget } from '../../src/language/model/kpi-results.js';
import type { TargetModel } from '../../src/language/model/journey-model.js';

const TARGET: TargetModel = { comparator: '>=', value: 95, unit: '%', deadline: '2027-06', warning: 90, text: '>= 95%' };
const POINTS = [{ period: '2026-W27', value: 42.9 }];

afterEach(() => {
    vi.unstubAllEnvs();
});

describe('the day targets are judged on', () => {
    it('is the clock when JOURNEY_TODAY is not set', () => {
        vi.stubEnv('JOURNEY_TODAY', '');
        const before = Date.now();
        const now = currentDay().getTime();
        expect(now).toBeGreaterThanOrEqual(before);
        expect(now).toBeLessThanOrEqual(Date.now());
    });

    it('is the pinned day, and evaluateTarget judges deadlines on it by default', () => {
        vi.stubEnv('JOURNEY_TODAY', '2027-07-01');
        expect(dayOf(currentDay())).toBe('2027-07-01');
        expect(evaluateTarget(TARGET, POINTS).status).toBe('missed');
        vi.stubEnv('JOURNEY_TODAY', '2027-06-30');
        // 42.9 % against ≥ 95 %, outside the warning band and with no trend yet: off track, not at risk.
        expect(evaluateTarget(TARGET, POINTS).status).toBe('off-track');
    });

    it('refuses a pinned value that is not a calendar date, saying what to write', () => {
        for (const wrong of ['2027-02-30', '2027-7-1', 'tomorrow', '2027-07-01T00:00']) {
            vi.stubEnv('JOURNEY_TODAY', wrong);
            expect(() => currentDay(), wrong).toThrow(`JOURNEY_TODAY must be a calendar date YYYY-MM-DD (got ‘${wrong}’)`);
        }
    });
});
