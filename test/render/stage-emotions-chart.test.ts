// The emotion chart plots what stages feel as well as touchpoints (issue 16): a stage's own
// emotion across its touchpoints' columns, a range as a band, its word written and in the tooltip.
import { describe, expect, it } from 'vitest';
import { specToSvg } from '../../src/render/map-svg.js';
import { emotionCurveSpec } from '../../src/render/vega-specs.js';
import { hasEmotionChart, journeyMap } from '../../src/render/journey-map.js';
import { messages } from '../../src/language/i18n/i18n.js';
import { journeyOf, modelOf } from './render-helpers.js';

const TEXT = `channel Web "Web" online
journey J "Stages that feel" {
  stage A "Attente" {
    emotion -1 to +1 "attente"
    touchpoint T1 "Dépôt" via Web { emotion 0 }
    touchpoint T2 "Relance" via Web { emotion -1 }
    touchpoint T3 "Réponse" via Web { emotion +1 }
  }
  stage B "Retrait" {
    emotion +2 "soulagement"
    touchpoint T4 "Guichet" via Web { emotion +2 }
  }
  stage C "Sans point de contact" {
    emotion -2 "colère"
  }
}
journey Quiet "Only stages feel" {
  stage A "A" {
    emotion +1
    touchpoint T "T" via Web
  }
}
journey Nothing "Nothing felt" {
  stage A "A" {
    emotion +1
  }
}
`;

type Layer = { mark: { type: string; xOffset?: number; x2Offset?: number }; data?: { values: Record<string, unknown>[] }; encoding: Record<string, { field?: string }> };

describe('stage emotions on the emotion chart', () => {
    it('draws each stage\'s own emotion across its touchpoints, a range as a band, its word in the label and the tooltip', async () => {
        const model = await modelOf(TEXT, 'stages.journey');
        const spec = emotionCurveSpec(journeyOf(model, 'J'), undefined, messages('fr')) as unknown as { layer: Layer[]; width: number };
        const rule = spec.layer.find(l => l.mark.type === 'rule' && l.data?.values.some(v => 'stage' in v))!;
        // The stage without touchpoints has no column on the chart: it is on the map's emotion lane only.
        expect(rule.data!.values.map(v => [v.stage, v.emotion, v.low, v.high, v.word, v.first, v.last])).toEqual([
            ['Attente', 0, -1, 1, 'attente', '1. Dépôt', '3. Réponse'],
            ['Retrait', 2, 2, 2, 'soulagement', '4. Guichet', '4. Guichet']
        ]);
        // From half a step before the first touchpoint to half a step after the last (a point scale's step: width / count).
        expect(rule.mark.xOffset).toBe(-spec.width / 4 / 2);
        expect(rule.mark.x2Offset).toBe(spec.width / 4 / 2);
        expect(rule.data!.values[0].label).toBe('-1 à +1 « attente »');
        const { svg } = await specToSvg(spec as never);
        // The range as a band (one rect), both stages as rules, the words written.
        const band = /class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)![1];
        expect(band.match(/<path/g)).toHaveLength(1);
        expect(svg).toContain('>attente</text>');
        expect(svg).toContain('>soulagement</text>');
        // The band spans the three columns of the stage: about three steps wide.
        const widths = [...band.matchAll(/d="M[\d.-]+,[\d.-]+h([\d.]+)/g)].map(m => Number(m[1]));
        expect(widths[0]).toBeCloseTo(spec.width * 3 / 4, 0);
    });

    it('puts a stage\'s marker on the map\'s emotion lane beside its touchpoints\' markers, not on one of them', async () => {
        const model = await modelOf(TEXT, 'stages.journey');
        const map = journeyMap({ model, results: [], file: 'stages.journey', today: '2026-06-15' }, journeyOf(model, 'J'));
        const lane = map.lanes.find(l => l.kind === 'emotion');
        if (lane?.kind !== 'emotion') throw new Error('no emotion lane');
        const stagePoints = lane.points.filter(p => p.stage);
        // Attente spans columns 0–2: on the border after its first column; Retrait (one column, 3): a quarter into it; the stage without touchpoints joins the curve in its own column.
        expect(stagePoints.map(p => [p.title, p.column, p.start, p.span, p.joined])).toEqual([['Attente', 0.5, 0, 3, false], ['Retrait', 2.75, 3, 1, false], ['Sans point de contact', 4, 4, 1, true]]);
        const touchpointColumns = lane.points.filter(p => p.touchpoint).map(p => p.column);
        for (const p of stagePoints.filter(p => !p.joined)) expect(touchpointColumns).not.toContain(p.column);
    });

    it('has a chart when only stages say an emotion, none when nothing with touchpoints does', async () => {
        const model = await modelOf(TEXT, 'stages.journey');
        expect(hasEmotionChart(journeyOf(model, 'Quiet'))).toBe(true);
        expect(hasEmotionChart(journeyOf(model, 'Nothing'))).toBe(false);
        const { svg } = await specToSvg(emotionCurveSpec(journeyOf(model, 'Quiet')) as never);
        expect(svg).toContain('class="mark-rule role-mark');
    });
});
