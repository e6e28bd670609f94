import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { journeyMap } from '../../src/render/journey-map.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { emotionCurveSpec } from '../../src/render/vega-specs.js';
import { diffFromTexts } from '../../src/server/compare-texts.js';
import { serverWorkspaceModel } from '../../src/server/server-model.js';
import { workspaceOf } from './helpers.js';

const JOURNEY = (top: number) => `journey J "Adhésion" {
  stage S {
    touchpoint Haut "Carte reçue" { emotion ${top > 0 ? '+' : ''}${top} }
    touchpoint Bas "Attente" { emotion -3 }
    touchpoint Milieu "Relance" { emotion 0 }
  }
}
`;

/** The editor's workspace with the `journey.emotionScale` setting at −3..+3 and no scale in the file. */
async function workspaceOnWideScale(text: string) {
    const workspace = await workspaceOf({ 'j.journey': text });
    workspace.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { journey: { emotionScale: { min: -3, max: 3 } } } });
    // The re-validation runs under the workspace's write lock: a read waits for it.
    await workspace.shared.workspace.WorkspaceLock.read(() => undefined);
    return workspace;
}

describe('one emotion scale on every surface', () => {
    it('takes the workspace setting −3..+3 for validation, hover, model, map, chart, diff and Mermaid export alike', async () => {
        const workspace = await workspaceOnWideScale(JOURNEY(3));
        const root = URI.parse('file:///ws');

        // Validation: +3 and −3 are on the scale.
        const codes = (workspace.doc('j.journey').diagnostics ?? []).map(d => d.code);
        expect(codes).not.toContain('emotion-out-of-scale');

        // Hover: the same scale.
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.doc('j.journey'), {
            textDocument: { uri: workspace.uri('j.journey') }, position: workspace.at('j.journey', 'Haut')
        });
        expect(JSON.stringify(hover?.contents)).toContain('+3 (scale -3 to +3)');

        // Model: the effective scale travels with the journey.
        const model = serverWorkspaceModel(workspace.shared, root);
        const journey = model.journeys[0];
        expect(journey.emotionScale).toEqual({ min: -3, max: 3 });

        // Map: +3 at the top of the lane, −3 at its bottom, 0 in the middle.
        const payload = previewPayload({ model, results: [], file: 'j.journey', today: '2026-06-15' });
        const lane = journeyMap(payload, journey).lanes.find(l => l.kind === 'emotion');
        expect(lane?.kind === 'emotion' && lane.scale).toEqual({ min: -3, max: 3 });
        expect(lane?.kind === 'emotion' && lane.points.map(p => [p.label, p.y])).toEqual([['+3', 0], ['-3', 1], ['0', 0.5]]);
        expect(lane?.kind === 'emotion' && lane.zero).toBe(0.5);
        const svg = await renderMapSvg(payload, { charts: false });
        expect(svg).toContain('>+3</text>');
        // The emotion chart's axis spans the same scale.
        expect(JSON.stringify(emotionCurveSpec(journey))).toContain('"domain":[-3,3]');

        // Diff: the other version, built by the same server, is on the same scale: only the emotion changed.
        const diff = await diffFromTexts(workspace.shared, { uri: workspace.uri('j.journey'), base: 'before', baseFiles: { [workspace.uri('j.journey')]: JOURNEY(2) } }, root, model);
        expect(diff.changes.map(c => c.message)).toEqual(['emotion at touchpoint "Carte reçue" improved from +2 to +3']);
        expect(diffModels(model, model).changes).toEqual([]);

        // Mermaid: the scale's top is Mermaid's 5, its bottom 1, exactly.
        const mermaid = journeyToMermaid(journey, model);
        expect(mermaid.text).toContain('Carte reçue: 5\n      Attente: 1\n      Relance: 3\n');
        expect(mermaid.notes).toEqual([]);
    });

    it('still reports an emotion beyond the setting, and the file’s own scale wins over the setting', async () => {
        const beyond = await workspaceOnWideScale(JOURNEY(4));
        expect((beyond.doc('j.journey').diagnostics ?? []).map(d => d.code)).toContain('emotion-out-of-scale');

        const declared = await workspaceOnWideScale(JOURNEY(1).replace('{\n  stage', '{\n  emotion scale -1 to +1\n  stage').replace('emotion -3', 'emotion -1'));
        expect((declared.doc('j.journey').diagnostics ?? []).map(d => d.code)).not.toContain('emotion-out-of-scale');
        expect(serverWorkspaceModel(declared.shared, URI.parse('file:///ws')).journeys[0].emotionScale).toEqual({ min: -1, max: 1 });
    });
});
