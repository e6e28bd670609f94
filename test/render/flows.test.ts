// Outcomes drawn as arrows under the cards (issue 16), on the example with branches, a loop and
// optional steps: where each arrow runs, that arrows sharing a column never share a track, that
// no leg crosses a label, and that the HTML and SVG maps draw them with their labels escaped.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreviewWorkspace, payloadFor } from '../../src/cli/preview-workspace.js';
import { journeyMap, MAX_FLOW_TRACKS, type MapFlow, type MapLane } from '../../src/render/journey-map.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import type { PreviewPayload } from '../../src/render/preview-data.js';
import { journeyOf, modelOf } from './render-helpers.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/carte-identite');

async function cni(locale?: 'fr'): Promise<PreviewPayload> {
    const preview = await loadPreviewWorkspace(EXAMPLE, '2026-06-15');
    return { ...payloadFor(preview, 'demande-cni.journey'), ...(locale ? { locale } : {}) };
}

function flowsOf(lanes: MapLane[]): Extract<MapLane, { kind: 'flows' }> {
    const lane = lanes.find(l => l.kind === 'flows');
    if (!lane || lane.kind !== 'flows') throw new Error('no flow lane');
    return lane;
}

const low = (f: MapFlow) => Math.min(f.from, f.to);
const high = (f: MapFlow) => Math.max(f.from, f.to);

describe('outcomes as arrows under the cards', () => {
    it('draws every outcome of the example from its card to the step it leads to, loops marked', async () => {
        const payload = await cni();
        const map = journeyMap(payload, journeyOf(payload.model, 'DemandeCni'));
        const lane = flowsOf(map.lanes);
        // Right under the cards.
        expect(map.lanes.findIndex(l => l.kind === 'flows')).toBe(map.lanes.findIndex(l => l.kind === 'touchpoints') + 1);
        const column = (id: string) => map.columns.findIndex(c => c.touchpoint?.id === id);
        expect(lane.flows.map(f => [f.touchpoint.id, f.outcome.id, f.from, f.to, f.step, f.loop]).sort()).toEqual([
            ['Controle', 'Complet', column('Controle'), column('SuiviEnLigne'), 'Instruction et décision', false],
            ['Controle', 'Incomplet', column('Controle'), column('DemandePieces'), 'Demande de pièces complémentaires', false],
            ['Decision', 'Accord', column('Decision'), column('TitreDisponible'), 'Fabrication et retrait', false],
            ['Decision', 'Refus', column('Decision'), column('RecoursGracieux'), 'Recours', false],
            ['DemandePieces', 'Renvoi', column('DemandePieces'), column('Controle'), 'Contrôle de complétude par le CERT', true],
            ['RecoursGracieux', 'Accepte', column('RecoursGracieux'), column('TitreDisponible'), 'Fabrication et retrait', true],
            ['RecoursGracieux', 'Rejete', column('RecoursGracieux'), column('RecoursContentieux'), 'Recours devant le tribunal administratif', false]
        ].sort());
        expect(lane.tracks).toBe(Math.max(...lane.flows.map(f => f.track)) + 1);
        expect(lane.tracks).toBeLessThanOrEqual(3);
    });

    it('never puts two arrows that share a column on one track, nor a leg through a label', async () => {
        const payload = await cni();
        const { flows } = flowsOf(journeyMap(payload, journeyOf(payload.model, 'DemandeCni')).lanes);
        for (const a of flows) {
            // Each leg stands in its own column, around its middle.
            expect(Math.floor(a.startX)).toBe(a.from);
            expect(Math.floor(a.endX)).toBe(a.to);
            for (const b of flows) {
                if (a === b) continue;
                if (a.track === b.track) expect(low(a) > high(b) || low(b) > high(a), `${a.outcome.id} / ${b.outcome.id}`).toBe(true);
                // A leg reaching a's track (b on it or deeper) stays out of a's label.
                if (b.track >= a.track) {
                    for (const leg of [b.startX, b.endX]) {
                        expect(Math.abs(leg - a.labelX), `${b.outcome.id}'s leg in ${a.outcome.id}'s label`).toBeGreaterThanOrEqual(a.labelWidth / 2);
                    }
                }
            }
            // The label sits between its own legs.
            expect(a.labelX - a.labelWidth / 2).toBeGreaterThanOrEqual(Math.min(a.startX, a.endX));
            expect(a.labelX + a.labelWidth / 2).toBeLessThanOrEqual(Math.max(a.startX, a.endX));
        }
    });

    it('leaves out an outcome whose step is not on the map, and past the last track (the cards still say where they lead)', async () => {
        const stages = Array.from({ length: 12 }, (_, s) => `  stage S${s} "Stage ${s}" {
    touchpoint T${s} "Step ${s}" via Web {
${Array.from({ length: 12 }, (_, o) => o > s ? `      outcome O${o} "to ${o}" leads to T${o}` : '').filter(Boolean).join('\n')}
      outcome Away "elsewhere" leads to Other.X
    }
  }`).join('\n');
        const model = await modelOf(`channel Web "Web" online\njourney J "Many branches" {\n${stages}\n}\njourney Other "Other" { stage X "X" }\n`, 'many.journey');
        const payload = { model, results: [], file: 'many.journey', today: '2026-06-15' };
        const map = journeyMap(payload, journeyOf(model, 'J'));
        const lane = flowsOf(map.lanes);
        expect(lane.tracks).toBe(MAX_FLOW_TRACKS);
        expect(lane.flows.length).toBeGreaterThan(11);
        expect(lane.flows.length).toBeLessThan(66);
        expect(lane.flows.some(f => f.outcome.id === 'Away')).toBe(false);
        // Every outcome is still written on its card.
        const html = renderPreviewHtml(payload);
        expect(html.match(/→ “Step 11”/g)).toHaveLength(11);
    });

    it('draws the arrows and their labels in the HTML map and the SVG map, escaped', async () => {
        const payload = await cni();
        const journey = journeyOf(payload.model, 'DemandeCni');
        journey.stages[2].touchpoints[1].outcomes![0].title = '<b>complet</b> & "signé"';
        const html = renderPreviewHtml(payload);
        expect(html).toContain('<div class="jm-label" style="grid-row:3">Branches</div>');
        expect(html.match(/<g class="jm-flow[ "]/g)).toHaveLength(7);
        expect(html.match(/<g class="jm-flow jm-flow-loop"/g)).toHaveLength(2);
        expect(html).toContain('&lt;b&gt;complet&lt;/b&gt; &amp; &quot;signé&quot;</span>');
        expect(html).not.toContain('<b>complet</b>');
        expect(html).toContain('title="“&lt;b&gt;complet&lt;/b&gt; &amp; &quot;signé&quot;”: from “Contrôle de complétude par le CERT” to “Instruction et décision”"');
        // The card keeps the same words, for screen readers and a printed map.
        expect(html).toContain('→ “Instruction et décision”');
        const svg = await renderMapSvg(payload);
        expect(svg).toContain('>BRANCHES</text>');
        expect(svg.match(/<g class="flows">/g)).toHaveLength(1);
        expect(svg).toContain('&lt;b&gt;complet&lt;/b&gt;');
        expect(svg).not.toContain('<b>complet</b>');
        const french = renderPreviewHtml(await cni('fr'));
        expect(french).toContain('>Embranchements</div>');
        expect(french).toContain('title="« pièces envoyées » : de « Demande de pièces complémentaires », retour à « Contrôle de complétude par le CERT »"');
    });
});
