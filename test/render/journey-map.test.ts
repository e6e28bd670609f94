// What each lane shows is computed once (src/render/journey-map.ts) and drawn by the HTML map,
// the SVG map and the emotion chart: the same points on the journey's scale, the same tones and
// colours, the same KPI lanes, the same inherited owners.
import { describe, expect, it } from 'vitest';
import { alignStages, EMOTION_COLORS, journeyMap, type MapLane } from '../../src/render/journey-map.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg, specToSvg } from '../../src/render/map-svg.js';
import type { PreviewPayload } from '../../src/render/preview-data.js';
import { emotionCurveSpec } from '../../src/render/vega-specs.js';
import { journeyOf, modelOf } from './render-helpers.js';

const TEXT = `channel Web "Web" online
team Ops "Opérations"
journey J "Scale of seven" {
  emotion scale -3 to +3
  stage A "First" {
    owner Ops
    touchpoint T1 "Top" via Web { emotion +3 }
    touchpoint T2 "Middle" via Web { emotion 0 }
  }
  stage B "Second" {
    touchpoint T3 "Bottom" via Web {
      emotion -3
      moment of truth
    }
  }
  kpi K "Stage satisfaction" { measures csat scope stage A target >= 80% }
  kpi L "Bottom satisfaction" { measures csat scope touchpoint T3 target >= 80% }
}
`;

async function payload(): Promise<PreviewPayload> {
    return { model: await modelOf(TEXT, 'seven.journey'), results: [], file: 'seven.journey', today: '2026-06-15' };
}

function lane<K extends MapLane['kind']>(lanes: MapLane[], kind: K): Extract<MapLane, { kind: K }> {
    return lanes.find(l => l.kind === kind) as Extract<MapLane, { kind: K }>;
}

describe('the lanes of a journey map, computed once', () => {
    it('places emotions on the journey\'s own scale with a tone each', async () => {
        const p = await payload();
        const map = journeyMap(p, journeyOf(p.model, 'J'));
        const emotion = lane(map.lanes, 'emotion');
        expect(emotion.scale).toEqual({ min: -3, max: 3 });
        expect(emotion.zero).toBe(0.5);
        expect(emotion.points.map(pt => [pt.touchpoint.id, pt.value, pt.label, pt.tone, pt.y])).toEqual([
            ['T1', 3, '+3', 'positive', 0], ['T2', 0, '0', 'neutral', 0.5], ['T3', -3, '-3', 'negative', 1]
        ]);
        expect(lane(map.lanes, 'owners').cells).toEqual([{ title: 'Opérations', inherited: true }, { title: 'Opérations', inherited: true }, undefined]);
        expect(lane(map.lanes, 'stage-kpis').cells.map(cell => cell.map(k => k.kpi.id))).toEqual([['K'], []]);
        expect(lane(map.lanes, 'kpis').cells.map(cell => cell.map(k => k.kpi.id))).toEqual([[], [], ['L']]);
    });

    it('is drawn alike by the HTML map, the SVG map and the emotion chart', async () => {
        const p = await payload();
        const html = renderPreviewHtml(p);
        const markers = [...html.matchAll(/<span class="jm-emo jm-emo-(\w+)[^"]*" style="[^"]*top:calc\(\.6rem \+ ([\d.]+) \*[^"]*"[^>]*>([^<]*)<\/span>/g)].map(m => [m[1], Number(m[2]), m[3]]);
        expect(markers).toEqual([['positive', 0, '+3'], ['neutral', 0.5, '0'], ['negative', 1, '-3']]);

        const svg = await renderMapSvg(p);
        // Emotion markers (pills 20 px high, wide enough for a range's label): the lane starts below the title, meta, stages and touchpoints; 14 px margin, 62 px of scale.
        const dots = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="20" rx="10" fill="(#[0-9a-f]+)"[^>]*\/><text[^>]*>([^<]*)<\/text>/g)].map(m => [Number(m[1]), m[2], m[3]]);
        expect(dots.map(d => [d[1], d[2]])).toEqual([[EMOTION_COLORS.positive, '+3'], [EMOTION_COLORS.neutral, '0'], [EMOTION_COLORS.negative, '-3']]);
        const [top, middle, bottom] = dots.map(d => d[0] as number);
        expect(middle - top).toBeCloseTo(bottom - middle, 5);
        expect(svg).toContain('>STAGE KPIS</text>');
        expect(svg).toContain('>KPIS</text>');
        expect(svg).toMatch(/fill="#656d76" font-style="italic">Opérations<\/text>/);

        // The chart colours each point by the lane's tone: 0 is neutral (grey), not good (green).
        const chart = (await specToSvg(emotionCurveSpec(journeyOf(p.model, 'J')))).svg;
        // The points' layer (the fourth), one point per touchpoint in journey order: +3, 0, -3.
        const points = /<g class="mark-symbol role-mark layer_3_marks"[^>]*>(.*?)<\/g>/s.exec(chart)![1];
        const fills = [...points.matchAll(/fill="(#[0-9a-f]+)"/g)].map(m => m[1]);
        expect(fills).toEqual([EMOTION_COLORS.positive, EMOTION_COLORS.neutral, EMOTION_COLORS.negative]);
    });
});

describe('stages of compared journeys lined up', () => {
    it('keeps the first journey order, places a new stage after the one it follows, matches by id then title, and pads with blank columns', async () => {
        const text = [
            'channel Web "Web" online',
            'journey Now "Now" {', '  state current',
            '  stage A "Discover" {', '    touchpoint A1 "a1" via Web', '  }',
            '  stage B "Buy" {', '    touchpoint B1 "b1" via Web', '    touchpoint B2 "b2" via Web', '  }',
            '  stage C "Use" {', '    touchpoint C1 "c1" via Web', '  }',
            '}',
            'journey Later "Later" {', '  state target', '  improves Now',
            '  stage A "Discover" {', '    touchpoint A1 "a1" via Web', '    touchpoint A2 "a2" via Web', '  }',
            '  stage Onboard "Onboarding" {', '    touchpoint O1 "o1" via Web', '  }',
            '  stage Buying "buy" {', '    touchpoint B1 "b1" via Web', '  }',
            '}'
        ].join('\n') + '\n';
        const model = await modelOf(text, 'cmp.journey');
        const [now, later] = [journeyOf(model, 'Now'), journeyOf(model, 'Later')];
        const slots = alignStages([now, later]);
        expect(slots.map(s => [s.id, s.span])).toEqual([['A', 2], ['Onboard', 1], ['B', 2], ['C', 1]]);
        const payload = { model, results: [], file: 'cmp.journey' };
        const drawnNow = journeyMap(payload, now, { slots });
        const drawnLater = journeyMap(payload, later, { slots });
        expect(drawnNow.columns).toHaveLength(6);
        expect(drawnLater.columns).toHaveLength(6);
        expect(drawnNow.stages.map(s => [s.start, s.span, s.absent ?? false])).toEqual([[0, 2, false], [2, 1, true], [3, 2, false], [5, 1, false]]);
        expect(drawnLater.stages.map(s => [s.stage.id, s.start, s.absent ?? false])).toEqual([['A', 0, false], ['Onboard', 2, false], ['Buying', 3, false], ['C', 5, true]]);
        expect(drawnNow.columns.map(c => c.touchpoint?.id ?? (c.filler ? '·' : '-'))).toEqual(['A1', '·', '·', 'B1', 'B2', 'C1']);
        expect(drawnLater.columns.map(c => c.touchpoint?.id ?? (c.filler ? '·' : '-'))).toEqual(['A1', 'A2', 'O1', 'B1', '·', '·']);
    });
});
