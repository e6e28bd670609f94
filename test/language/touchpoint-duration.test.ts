/**
 * `duration "2 days"` of a touchpoint, end to end: the fact added through the facts table
 * reaches every surface (issue 13's proof that one fact is a handful of files).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { outlineModel } from '../../src/diff/outline.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { journeyMap } from '../../src/render/journey-map.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { after, workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const CATALOG = 'channel Courrier "Courrier" offline\n';
const JOURNEY = (duration: string) => `journey Adhesion "Adhésion" {
  stage Carte "Carte" {
    touchpoint Signature "Signature" via Courrier
    touchpoint Envoi "Envoi de la carte" via Courrier {
      emotion +1
      duration ${JSON.stringify(duration)}
    }
  }
  kpi Delai "Délai d'envoi" {
    measures duration(Signature to Envoi) p90
    target <= 2 days
  }
}
`;

async function modelOf(duration: string) {
    const workspace = await buildWorkspace([{ path: 'catalog.journey', text: CATALOG }, { path: 'a.journey', text: JOURNEY(duration) }], '/ws');
    return workspace;
}

describe('a touchpoint\'s duration', () => {
    it('is read into the model as written, and checked clean', async () => {
        const workspace = await modelOf('2 days');
        expect(workspace.diagnostics.filter(d => d.severity !== 'hint' && d.severity !== 'info')).toEqual([]);
        const envoi = workspace.model.journeys[0].stages[0].touchpoints[1];
        expect(envoi.duration).toBe('2 days');
        expect(workspace.model.journeys[0].stages[0].touchpoints[0]).not.toHaveProperty('duration');
        for (const french of ['1 à 3 jours', '15 minutes', '1,5 h']) {
            expect((await modelOf(french)).diagnostics.map(d => d.code), french).not.toContain('duration-not-time');
        }
        expect((await modelOf('bientôt')).diagnostics.map(d => d.code)).toContain('duration-not-time');
    });

    it('is in the JSON export', () => {
        const folder = mkdtempSync(join(tmpdir(), 'journey-duration-'));
        writeFileSync(join(folder, 'catalog.journey'), CATALOG);
        writeFileSync(join(folder, 'a.journey'), JOURNEY('2 days'));
        const json = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/journey.js'), 'export', folder], { encoding: 'utf8' }));
        expect(json.journeys[0].stages[0].touchpoints[1].duration).toBe('2 days');
    });

    it('is laid out on a line of its own, while `measures duration(A to B)` stays whole', () => {
        const messy = JOURNEY('2 days').replace(/\n\s*/g, ' ');
        const result = formatJourneyText(messy);
        expect(result.ok && result.text).toBe(JOURNEY('2 days'));
    });

    it('is shown on the map\'s card (HTML and SVG) and in the hover', async () => {
        const { model } = await modelOf('2 days');
        const payload = previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15' });
        const card = journeyMap(payload, model.journeys[0]).lanes.find(l => l.kind === 'touchpoints');
        expect(card?.kind === 'touchpoints' && card.cells.map(c => c?.facts)).toEqual([[], [{ word: 'duration', text: '2 days' }]]);
        expect(renderPreviewHtml(payload)).toContain('<span class="jm-tp-fact-word">duration</span> 2 days');
        expect(await renderMapSvg(payload, { charts: false })).toContain('>duration 2 days</text>');

        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'a.journey': JOURNEY('2 days') });
        const hover = await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: editor.at('a.journey', 'Envoi "')
        });
        expect(JSON.stringify(hover?.contents)).toContain('**Duration:** 2 days');
    });

    it('is offered by completion inside a touchpoint, as the fact it begins', async () => {
        const text = JOURNEY('2 days').replace('      duration "2 days"\n', '      \n');
        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'a.journey': text });
        const list = await editor.services.lsp.CompletionProvider!.getCompletion(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: after(editor, 'a.journey', 'emotion +1\n      ')
        });
        expect(list?.items.find(item => item.label === 'duration')?.detail).toBe('duration');
    });

    it('is compared in CX words by the diff, and written in the outline', async () => {
        const before = (await modelOf('1 day')).model;
        const now = (await modelOf('2 days')).model;
        expect(diffModels(before, now).changes.map(c => c.message)).toEqual(['duration of touchpoint "Envoi de la carte": now "2 days" (was "1 day")']);
        const without = (await buildWorkspace([{ path: 'catalog.journey', text: CATALOG }, { path: 'a.journey', text: JOURNEY('2 days').replace('      duration "2 days"\n', '') }], '/ws')).model;
        expect(diffModels(without, now).changes.map(c => c.message)).toEqual(['duration of touchpoint "Envoi de la carte": now "2 days"']);
        expect(outlineModel(now)).toContain('      emotion +1\n      duration "2 days"\n');
    });

    it('is named among what the Mermaid export cannot say', async () => {
        const { model } = await modelOf('2 days');
        const { notes } = journeyToMermaid(model.journeys[0], model);
        expect(notes.at(-1)?.message).toContain('duration (1 touchpoint)');
    });
});
