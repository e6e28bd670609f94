/**
 * Boundaries on purpose (issue 14): each test sits on the edge a small change of the code would
 * move — a value exactly at its target, a warning threshold equal to the target, a deadline's
 * last day, a window's last instant, the ISO week of a year end.
 */
import { describe, expect, it } from 'vitest';
import type { TargetModel } from '../../src/language/model/journey-model.js';
import { evaluateTarget } from '../../src/language/model/kpi-results.js';
import { deadlineLastDay, deadlinePassed, periodKey } from '../../src/language/model/periods.js';
import { satisfies } from '../../src/language/model/kpi-semantics.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { csv, metricsOf } from './metrics-helpers.js';

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

describe('windows at their last instant', () => {
    const journey = (kpi: string, frequency = '') => `
source E events "data/e.csv" {
  event "SIGN" is Signature
  event "SENT" is Envoi
}
journey A {
  stage S { touchpoint Signature touchpoint Envoi }
  kpi K { ${kpi} ${frequency} data E }
}`;
    const share = async (kpi: string, start: string, end: string, frequency = '') => {
        const { byId } = await metricsOf({ 'a.journey': journey(kpi, frequency), 'data/e.csv': csv('case,event,timestamp', [['k', 'SIGN', start], ['k', 'SENT', end]]) });
        return byId.K.points.map(p => [p.period, p.value]);
    };

    it('J+1 counts up to the last second of the next day, not the day after', async () => {
        const j1 = 'measures share(Envoi within J+1 of Signature)';
        expect(await share(j1, '2026-03-02 00:00:00', '2026-03-03 23:59:59')).toEqual([['2026-03', 100]]);
        expect(await share(j1, '2026-03-02 23:59:59', '2026-03-04 00:00:00')).toEqual([['2026-03', 0]]);
        // Across a year end, and on a leap day.
        expect(await share(j1, '2026-12-31 23:00:00', '2027-01-01 22:00:00')).toEqual([['2026-12', 100]]);
        expect(await share(j1, '2028-02-28 10:00:00', '2028-02-29 10:00:00')).toEqual([['2028-02', 100]]);
        expect(await share(j1, '2028-02-28 10:00:00', '2028-03-01 10:00:00')).toEqual([['2028-02', 0]]);
    });

    it('48 h includes its last instant (exactly 48 h), not one second more', async () => {
        const h48 = 'measures share(Envoi within 48 h of Signature)';
        expect(await share(h48, '2026-03-02T10:00:00Z', '2026-03-04T10:00:00Z')).toEqual([['2026-03', 100]]);
        expect(await share(h48, '2026-03-02T10:00:00Z', '2026-03-04T10:00:01Z')).toEqual([['2026-03', 0]]);
        // Elapsed, not wall time: 48 h across a change of offset.
        expect(await share(h48, '2026-03-28T10:00:00+01:00', '2026-03-30T11:00:00+02:00')).toEqual([['2026-03', 100]]);
    });

    it('business days: Friday to Monday is 1, to Tuesday 2', async () => {
        const b1 = 'measures share(Envoi within 1 business days of Signature)';
        expect(await share(b1, '2026-03-06 17:00', '2026-03-09 09:00')).toEqual([['2026-03', 100]]);
        expect(await share(b1, '2026-03-06 17:00', '2026-03-10 09:00')).toEqual([['2026-03', 0]]);
    });

    it('a weekly KPI puts 31 December 2026 and 3 January 2027 in 2026-W53, 4 January in 2027-W01', async () => {
        const { byId } = await metricsOf({
            'a.journey': journey('measures count(Signature)', 'frequency weekly'),
            'data/e.csv': csv('case,event,timestamp', [['a', 'SIGN', '2026-12-31 10:00'], ['b', 'SIGN', '2027-01-03 23:59:59'], ['c', 'SIGN', '2027-01-04 00:00']])
        });
        expect(byId.K.points.map(p => [p.period, p.value])).toEqual([['2026-W53', 2], ['2027-W01', 1]]);
    });
});
