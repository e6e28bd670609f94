/**
 * Windows on purpose at their edges (issue 14), computed by the engine: J+1's last second, 48 h
 * exactly, Friday to Monday, ISO week 53 at a year end (targets: test/language/target-edges.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { csv, metricsOf } from './metrics-helpers.js';


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
