import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { renderMapSvg, specToSvg } from '../../src/render/map-svg.js';
import { STATUS_COLORS } from '../../src/render/palette.js';
import { kpiView } from '../../src/render/preview-data.js';
import { chartSpecs, emotionCurveSpec, kpiChartSpec } from '../../src/render/vega-specs.js';
import { journeyOf, mutuellePayload } from './render-helpers.js';

type Layer = { mark: { type: string; color?: string }; encoding?: Record<string, { datum?: unknown; field?: string }>; data?: { values: Record<string, unknown>[] } };

describe('model → Vega-Lite', () => {
    it('draws the emotion curve in journey order on the journey scale, moments of truth apart', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const journey = journeyOf(payload.model, 'Adhesion');
        const spec = emotionCurveSpec(journey) as unknown as { datasets: { emotion: { touchpoint: string; emotion: number | null; moment: boolean; order: number }[] }; layer: Layer[] };
        const values = spec.datasets.emotion;
        expect(values.map(v => v.touchpoint)).toEqual(journey.stages.flatMap(s => s.touchpoints.map(t => t.title)));
        expect(values.map(v => v.emotion)).toEqual([0, 1, -1, 1, -2, -1]);
        expect(values.find(v => v.moment)?.touchpoint).toBe('Envoi de la carte tiers payant');
        const line = spec.layer.find(l => l.mark.type === 'line')!;
        expect((line.encoding!.y as unknown as { scale: { domain: number[] } }).scale.domain).toEqual([-2, 2]);
        expect(compile(spec as never).spec.marks?.length).toBeGreaterThan(0);
    });

    it('draws the emotion curve as straight segments between the written values, with every touchpoint name whole', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const journey = journeyOf(payload.model, 'Adhesion');
        const { svg } = await specToSvg(emotionCurveSpec(journey));
        // A smoothed line (curves: C commands) shows values between touchpoints nobody wrote, past the scale.
        const line = /class="mark-line[^"]*"[^>]*>\s*<path[^>]*d="([^"]+)"/.exec(svg)![1];
        expect(line).toMatch(/^M[\d.,\-L]+$/);
        for (const [order, title] of journey.stages.flatMap(s => s.touchpoints.map(t => t.title)).entries()) {
            expect(svg, title).toContain(`>${order + 1}. ${title}<`);
        }
        expect(svg).not.toContain('…');
    });

    it('draws a KPI against its target (rule), warning band, deadline, coloured by status', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const journey = journeyOf(payload.model, 'Adhesion');
        const view = kpiView(payload, journey.kpis.find(k => k.id === 'CartesJ1')!, journey);
        expect(view.evaluation.status).toBe('at-risk');
        const spec = kpiChartSpec(view) as unknown as { title?: unknown; description: string; layer: Layer[] };
        // One title: the card holding the chart has the KPI's title and status.
        expect(spec.title).toBeUndefined();
        expect(spec.description).toBe('Cartes envoyées à J+1: at risk');
        const rule = spec.layer.find(l => l.mark.type === 'rule' && l.encoding?.y)!;
        expect(rule.encoding!.y.datum).toBe(95);
        const band = spec.layer.find(l => l.mark.type === 'rect')!;
        expect([band.encoding!.y.datum, (band.encoding!.y2 as { datum: number }).datum]).toEqual([90, 95]);
        const values = spec.layer.find(l => l.mark.type === 'line')!;
        expect(values.mark.color).toBe(STATUS_COLORS['at-risk']);
        expect(values.data!.values.map(v => v.date)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']);
        // The time axis ends at the latest value (May), not at the deadline (December): the deadline is written at the right edge.
        const x = values.encoding!.x as unknown as { scale: { domain: unknown[] } };
        expect(x.scale.domain).toEqual([{ year: 2026, month: 1, date: 1, utc: true }, { year: 2026, month: 5, date: 1, utc: true }]);
        expect(spec.layer.some(l => l.mark.type === 'rule' && l.encoding?.x)).toBe(false);
        const deadline = (spec.layer as unknown as { encoding: { x?: { value: string }; text?: { value: string } } }[]).find(l => l.encoding.text?.value.startsWith('deadline'))!;
        expect(deadline.encoding.x!.value).toBe('width');
        expect(deadline.encoding.text!.value).toBe('deadline December 2026 →');
        const { svg } = await specToSvg(spec as never);
        expect(svg).toContain('deadline December 2026 →');
        expect(svg).not.toContain('Dec 2026'); // no axis stretched to the deadline
    });

    it('colours segments apart and keeps the status from the overall values', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const journey = journeyOf(payload.model, 'Adhesion');
        const view = kpiView(payload, journey.kpis.find(k => k.id === 'Nps')!, journey);
        expect(view.evaluation.status).toBe('met');
        expect(view.evaluation.latest?.value).toBe(31);
        const spec = kpiChartSpec(view) as unknown as { layer: Layer[] };
        const line = spec.layer.find(l => l.mark.type === 'line')!;
        expect(line.encoding!.color.field).toBe('segment');
        expect(line.data!.values.map(v => v.date)).toContain('2026-07-01'); // 2026-Q3
        expect(spec.layer.some(l => l.mark.type === 'rect')).toBe(false); // no warning written
    });

    it('produces one spec per placeholder, every one rendering to SVG with marks in Node', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const specs = chartSpecs(payload);
        expect(Object.keys(specs).sort()).toEqual(['emotion--Adhesion', 'emotion--AdhesionCible', 'emotions--Adhesion', 'kpi--Adhesion--CartesJ1', 'kpi--Adhesion--Nps']);
        for (const spec of Object.values(specs)) {
            const { svg } = await specToSvg(spec);
            expect(svg).toMatch(/^<svg/);
            expect(svg).toMatch(/class="mark-(line|symbol)/);
        }
    });

    it('renders the whole map to one well-formed SVG, with text escaped', async () => {
        const svg = await renderMapSvg(await mutuellePayload('adhesion.journey'));
        expect(svg).toContain('Adhésion à la mutuelle santé');
        expect(svg).toContain('★ MOMENT OF TRUTH');
        expect(svg).toContain('LINE OF VISIBILITY');
        // The legend, as above the HTML map.
        for (const text of ['online channel', 'offline channel', 'positive', 'neutral', 'negative', 'CRITICAL', '★ moment of truth']) expect(svg, text).toContain(`>${text}<`);
        expect(svg).toContain('Cartes envoyées à J+1');
        expect(svg.match(/<svg/g)!.length).toBeGreaterThanOrEqual(4); // the map and its charts
        const hostile = await renderMapSvg(await mutuellePayload('hostile.journey'));
        expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(hostile).not.toMatch(/<img|<script|<svg onload|<b>/);
    });
});
