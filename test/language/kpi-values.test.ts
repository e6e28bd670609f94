import { describe, expect, it } from 'vitest';
import { evaluateTarget } from '../../src/language/model/kpi-results.js';
import { deadlineLastDay, deadlinePassed, missingPeriods, parsePeriod, periodKey, periodStartDay, type Frequency } from '../../src/language/model/periods.js';
import { formatText, reportEntries } from '../../src/metrics/format-metrics.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import type { PreviewPayload } from '../../src/render/preview-data.js';
import { modelOf } from '../render/render-helpers.js';

describe('periods: one reading for the engine, the series files, the charts and the deadlines', () => {
    it('reads every kind of period key, and refuses days and weeks that do not exist', () => {
        expect(parsePeriod('2026')).toEqual({ frequency: 'yearly', start: new Date('2026-01-01T00:00:00Z') });
        expect(parsePeriod('2026-Q3')).toEqual({ frequency: 'quarterly', start: new Date('2026-07-01T00:00:00Z') });
        expect(parsePeriod('2026-03')).toEqual({ frequency: 'monthly', start: new Date('2026-03-01T00:00:00Z') });
        expect(parsePeriod('2028-02-29')).toEqual({ frequency: 'daily', start: new Date('2028-02-29T00:00:00Z') });
        expect(parsePeriod('2026-W01')).toEqual({ frequency: 'weekly', start: new Date('2025-12-29T00:00:00Z') });
        // 2026 starts on a Thursday: it has an ISO week 53; 2027 does not.
        expect(parsePeriod('2026-W53')?.start).toEqual(new Date('2026-12-28T00:00:00Z'));
        for (const impossible of ['2027-W53', '2026-W00', '2026-02-29', '2026-04-31', '2026-13', '2026-00', '2026-Q5', '26-03', 'null', '']) {
            expect(parsePeriod(impossible), impossible).toBeUndefined();
        }
    });

    it('gives each date the key of the period holding it, ISO years at the turn of the year', () => {
        expect(periodKey(new Date('2027-01-01T00:00:00Z'), 'weekly')).toBe('2026-W53');
        expect(periodKey(new Date('2024-12-30T00:00:00Z'), 'weekly')).toBe('2025-W01');
        expect(periodKey(new Date('2026-11-30T00:00:00Z'), 'quarterly')).toBe('2026-Q4');
        const frequencies: Frequency[] = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];
        for (let day = 0; day < 3 * 366; day += 5) {
            const date = new Date(Date.UTC(2025, 11, 20 + day));
            for (const frequency of frequencies) {
                const period = parsePeriod(periodKey(date, frequency));
                expect(period?.frequency).toBe(frequency);
                expect(period!.start.getTime()).toBeLessThanOrEqual(date.getTime());
                expect(periodKey(period!.start, frequency)).toBe(periodKey(date, frequency));
            }
        }
    });

    it('lists the missing periods across a year with 53 weeks', () => {
        expect(missingPeriods(['2026-W52', '2027-W02'], 'weekly')).toEqual(['2026-W53', '2027-W01']);
        expect(missingPeriods(['2026-11', '2027-02', '2026-W40'], 'monthly')).toEqual(['2026-12', '2027-01']);
    });

    it('ends a month deadline on its last day, and a day deadline at the end of that day', () => {
        expect(deadlineLastDay('2027-06')).toEqual(new Date('2027-06-30T00:00:00Z'));
        expect(deadlineLastDay('2028-02')).toEqual(new Date('2028-02-29T00:00:00Z'));
        expect(deadlineLastDay('2027-06-15')).toEqual(new Date('2027-06-15T00:00:00Z'));
        expect(deadlineLastDay('2027-02-30')).toBeUndefined();
        expect(deadlinePassed('2027-06', new Date('2027-06-30T23:59:59.999Z'))).toBe(false);
        expect(deadlinePassed('2027-06', new Date('2027-07-01T00:00:00Z'))).toBe(true);
        expect(deadlinePassed('2027-06-15', new Date('2027-06-15T23:59:59.999Z'))).toBe(false);
        expect(deadlinePassed('2027-06-15', new Date('2027-06-16T00:00:00Z'))).toBe(true);
        expect(periodStartDay('2026-W53')).toBe('2026-12-28');
    });

    it('judges a KPI short of its target open until the last day of a month deadline, missed after it', () => {
        const target = { comparator: '>=' as const, value: 95, unit: '%' as const, deadline: '2027-06', text: '≥ 95 %' };
        const points = [{ period: '2027-05', value: 90 }];
        expect(evaluateTarget(target, points, 'higher', new Date('2027-06-30T12:00:00Z')).status).toBe('off-track');
        expect(evaluateTarget({ ...target, warning: 90 }, points, 'higher', new Date('2027-06-30T12:00:00Z')).status).toBe('at-risk');
        expect(evaluateTarget(target, points, 'higher', new Date('2027-07-01T00:00:00Z')).status).toBe('missed');
    });
});

describe('KPI values read the same on every surface', () => {
    it('shows 3 of 7 as 42.9% with the same status word on the map, the SVG export and the metrics report', async () => {
        const model = await modelOf([
            'channel Web "Web" online',
            'journey J "J" {',
            '  stage S "S" { touchpoint A "A" via Web  touchpoint B "B" via Web }',
            '  kpi K "Cards at J+1" { measures share(B within J+1 of A) target >= 95% }',
            '}'
        ].join('\n'));
        const results = [{ journey: 'J', kpi: 'K', points: [{ period: '2026-06', value: 300 / 7 }], rowsUsed: 7, rowsRejected: 0, problems: [], ...evaluateTarget(undefined, []) }];
        const payload: PreviewPayload = { model, results, today: '2026-07-15' };
        const html = renderPreviewHtml(payload);
        const svg = await renderMapSvg(payload);
        const report = formatText(reportEntries(results.map(r => ({ ...r, ...evaluateTarget(model.journeys[0].kpis[0].target, r.points, 'higher') })), model));
        for (const [surface, text] of [['map', html], ['svg', svg], ['report', report]]) {
            expect(text, surface).toContain('42.9%');
            expect(text, surface).not.toMatch(/42\.86/);
            expect(text, surface).toContain('missed');
        }
    });
});
