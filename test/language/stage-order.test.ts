/**
 * `order any` / `order parallel` on a stage, end to end: the model, the formatter, the map's
 * stage header (HTML and SVG, English and French), the hover, the diff and the Mermaid notes;
 * and the window-order check it loosens.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const CATALOG = 'channel Guichet "Guichet" offline\n';
const JOURNEY = (order: string) => `journey Demande "Demande" {
  stage Pieces "Pièces justificatives" {
${order}    touchpoint Identite "Pièce d'identité" via Guichet
    touchpoint Domicile "Justificatif de domicile" via Guichet
  }
  kpi Delai "Délai entre les deux pièces" {
    measures duration(Domicile to Identite)
    target <= 2 days
  }
}
`;

async function check(order: string) {
    return buildWorkspace([{ path: 'catalog.journey', text: CATALOG }, { path: 'a.journey', text: JOURNEY(order) }], '/ws');
}

describe('the order of a stage\'s touchpoints', () => {
    it('is read into the model, and lets a measure go back within the stage', async () => {
        const written = await check('');
        expect(written.model.journeys[0].stages[0]).not.toHaveProperty('order');
        expect(written.diagnostics.map(d => d.code)).toEqual(['window-order']);
        for (const order of ['any', 'parallel'] as const) {
            const workspace = await check(`    order ${order}\n`);
            expect(workspace.model.journeys[0].stages[0].order).toBe(order);
            expect(workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        }
    });

    it('is laid out on a line of its own', () => {
        const text = JOURNEY('    order any\n');
        const result = formatJourneyText(text.replace(/\n\s*/g, ' '));
        expect(result.ok && result.text).toBe(text);
    });

    it('is shown on the stage of the map (HTML and SVG, in English and French) and in the hover', async () => {
        const { model } = await check('    order parallel\n');
        const english = previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15' });
        expect(renderPreviewHtml(english)).toContain('<span class="jm-stage-order">in parallel</span>');
        // The SVG header writes the stage's facts on lines of their own under its title.
        expect(await renderMapSvg(english, { charts: false })).toMatch(/<tspan[^>]*>in parallel<\/tspan>|>in parallel<\/text>/);
        const french = previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15', locale: 'fr' });
        expect(renderPreviewHtml(french)).toContain('<span class="jm-stage-order">en parallèle</span>');
        expect(await renderMapSvg(french, { charts: false })).toMatch(/<tspan[^>]*>en parallèle<\/tspan>|>en parallèle<\/text>/);

        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'a.journey': JOURNEY('    order parallel\n') });
        const hover = await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: editor.at('a.journey', 'Pieces "')
        });
        expect(JSON.stringify(hover?.contents)).toContain('**Order:** parallel');
    });

    it('is compared by the diff, and named among what Mermaid cannot say', async () => {
        const before = (await check('')).model;
        const now = (await check('    order any\n')).model;
        expect(diffModels(before, now).changes.map(c => c.message)).toEqual(['stage "Pièces justificatives": steps can now happen in any order']);
        const { notes } = journeyToMermaid(now.journeys[0], now);
        expect(notes.map(n => n.message).join('\n')).toContain('order (1 stage)');
    });
});
