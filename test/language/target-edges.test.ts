/**
 * Targets on purpose at their edges (issue 14): a value exactly at its target, a warning
 * threshold equal to the target, a deadline's last day, the ISO week of a year end. Pure
 * functions, fast: the mutation tests (stryker.config.json) run this file for every mutant.
 */
import { describe, expect, it } from 'vitest';
import type { TargetModel } from '../../src/language/model/journey-model.js';
import { evaluateTarget } from '../../src/language/model/kpi-results.js';
import { deadlineLastDay, deadlinePassed, periodKey } from '../../src/language/model/periods.js';
import { satisfies } from '../../src/language/model/kpi-semantics.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';

const target = (comparator: TargetModel['comparator'], value: number, extra: Partial<TargetModel> = {}): TargetModel => ({ comparator, value, text: `${comparator} ${value}`, ...extra });
const point = (period: string, value: number) => ({ period, value });
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('targets at their edges', () => {
    it('a value exactly at an inclusive target is met, at a strict one is not', () => {
        expect(evaluateTarget(target('>=', 95), [point('2026-03', 95)]).status).toBe('met');
        expect(evaluateTarget(target('<=', 48), [point('2026-03', 48)]).status).toBe('met');
        expect(evaluateTarget(target('>', 95), [point('2026-03', 95)]).status).toBe('missed');
        expect(evaluateTarget(target('<', 48), [point('2026-03', 48)]).status).toBe('missed');
        expect(evaluateTarget(target('>=', 95), [point('2026-03', 94.999999)]).status).toBe('missed');
        expect(satisfies(95, '>=', 95)).toBe(true);
        expect(satisfies(95, '>', 95)).toBe(false);
        expect(satisfies(48, '<=', 48)).toBe(true);
        expect(satisfies(48, '<', 48)).toBe(false);
    });

    it('a value exactly at the warning threshold is at risk, just beyond it missed', () => {
        expect(evaluateTarget(target('>=', 95, { warning: 90 }), [point('2026-03', 90)]).status).toBe('at-risk');
        expect(evaluateTarget(target('>=', 95, { warning: 90 }), [point('2026-03', 89.99)]).status).toBe('missed');
        expect(evaluateTarget(target('<=', 48, { warning: 60 }), [point('2026-03', 60)]).status).toBe('at-risk');
        expect(evaluateTarget(target('<=', 48, { warning: 60 }), [point('2026-03', 60.01)]).status).toBe('missed');
        // A strict target's band is inclusive at the threshold too.
        expect(evaluateTarget(target('>', 95, { warning: 90 }), [point('2026-03', 90)]).status).toBe('at-risk');
    });

    it('a warning threshold equal to the target is not reported as on the wrong side', async () => {
        const text = 'journey J {\n  stage S { touchpoint T }\n  kpi K { measures csat target >= 90% warning 90% }\n  kpi L { measures duration(T to T2) target <= 48 h warning 48 h }\n  stage S2 { touchpoint T2 }\n}\n';
        const workspace = await buildWorkspace([{ path: 'a.journey', text }], '/tmp');
        expect(workspace.diagnostics.filter(d => d.code === 'warning-band-wrong-side')).toEqual([]);
        const wrong = await buildWorkspace([{ path: 'a.journey', text: text.replace('warning 90%', 'warning 90.5%') }], '/tmp');
        expect(wrong.diagnostics.filter(d => d.code === 'warning-band-wrong-side')).toHaveLength(1);
    });

    it('a YYYY-MM deadline runs to the month’s last day included; a YYYY-MM-DD one to that day', () => {
        expect(deadlineLastDay('2027-06')).toEqual(day('2027-06-30'));
        expect(deadlineLastDay('2028-02')).toEqual(day('2028-02-29'));
        expect(deadlineLastDay('2027-02')).toEqual(day('2027-02-28'));
        expect(deadlineLastDay('2026-12')).toEqual(day('2026-12-31'));
        expect(deadlinePassed('2027-06', new Date('2027-06-30T23:59:59Z'))).toBe(false);
        expect(deadlinePassed('2027-06', day('2027-07-01'))).toBe(true);
        expect(deadlinePassed('2027-06-15', new Date('2027-06-15T23:59:59Z'))).toBe(false);
        expect(deadlinePassed('2027-06-15', day('2027-06-16'))).toBe(true);
        // The status follows: short of the target on the deadline's last day is not yet missed.
        const short = [point('2027-05', 80)];
        expect(evaluateTarget(target('>=', 95, { deadline: '2027-06', warning: 90 }), short, undefined, day('2027-06-30')).status).not.toBe('missed');
        expect(evaluateTarget(target('>=', 95, { deadline: '2027-06', warning: 90 }), short, undefined, day('2027-07-01')).status).toBe('missed');
    });

    it('ISO weeks at year ends: 31 December 2026 is 2026-W53, 1 January 2027 too, 31 December 2024 is 2025-W01', () => {
        expect(periodKey(new Date('2026-12-31T12:00:00Z'), 'weekly')).toBe('2026-W53');
        expect(periodKey(new Date('2027-01-03T12:00:00Z'), 'weekly')).toBe('2026-W53');
        expect(periodKey(new Date('2027-01-04T12:00:00Z'), 'weekly')).toBe('2027-W01');
        expect(periodKey(new Date('2024-12-31T12:00:00Z'), 'weekly')).toBe('2025-W01');
    });
});
