/**
 * Branches, end to end: `outcome Id "title" leads to Step` (a loop when it leads back),
 * `only if "…"` and `optional` on touchpoints and stages: the model, the checks, the formatter,
 * the map (HTML and SVG, English and French), the hover, the diff, the outline, the Mermaid
 * notes; and window-order, which a loop lets a measure go back over.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { outlineModel } from '../../src/diff/outline.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const CATALOG = 'channel Web "Site" online\n';
const JOURNEY = `journey Carte "Carte d'identité" {
  stage Depot "Dépôt" {
    touchpoint Demande "Pré-demande en ligne" via Web
    touchpoint Controle "Contrôle du dossier" via Web {
      outcome Complet "complet" leads to Instruction
      outcome Incomplet "incomplet" leads to Relance
    }
    touchpoint Relance "Pièces manquantes" via Web {
      only if "le dossier est incomplet"
      outcome Renvoi "pièces envoyées" leads to Controle
    }
  }
  stage Instruction "Instruction" {
    touchpoint Decision "Décision" via Web
  }
  stage Recours "Recours" {
    optional
    touchpoint Appel "Recours gracieux" via Web {
      optional
    }
  }
  kpi Retour "Délai de renvoi des pièces" {
    measures duration(Relance to Controle)
    target <= 10 days
  }
}
`;

const files = (journey: string) => [{ path: 'catalog.journey', text: CATALOG }, { path: 'a.journey', text: journey }];
const errorsOf = async (journey: string) => (await buildWorkspace(files(journey), '/ws')).diagnostics.filter(d => d.severity === 'error').map(d => [d.code, d.message]);

describe('branches', () => {
    it('are read into the model, a way back marked as a loop', async () => {
        const { model, diagnostics } = await buildWorkspace(files(JOURNEY), '/ws');
        expect(diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        const [depot, , recours] = model.journeys[0].stages;
        expect(depot.touchpoints[1].outcomes).toEqual([
            { id: 'Complet', title: 'complet', leadsTo: 'Instruction' },
            { id: 'Incomplet', title: 'incomplet', leadsTo: 'Relance' }
        ]);
        expect(depot.touchpoints[2].condition).toBe('le dossier est incomplet');
        expect(depot.touchpoints[2].outcomes).toEqual([{ id: 'Renvoi', title: 'pièces envoyées', leadsTo: 'Controle', loop: true }]);
        expect(recours.optional).toBe(true);
        expect(recours.touchpoints[0].optional).toBe(true);
        expect(depot.touchpoints[0]).not.toHaveProperty('outcomes');
        expect(depot.touchpoints[0]).not.toHaveProperty('optional');
    });

    it('are checked: unknown targets with a suggestion, an outcome leading to itself or to another journey, an id twice', async () => {
        expect(await errorsOf(JOURNEY.replace('leads to Instruction', 'leads to Instructoin'))).toEqual([['unresolved-reference', expect.stringContaining("did you mean 'Instruction'")]]);
        expect(await errorsOf(JOURNEY.replace('leads to Relance', 'leads to Controle'))).toEqual([
            ['branch-target', 'The outcome ‘Incomplet’ leads to ‘Controle’, the touchpoint it ends: name the step it leads to (an earlier one for a loop, such as a resubmission).']
        ]);
        expect((await errorsOf(`${JOURNEY}journey Autre "Autre" {\n  stage S {\n    touchpoint T "T" via Web {\n      outcome Ok leads to Carte.Decision\n    }\n  }\n}\n`)).map(e => e[0])).toEqual(['branch-target']);
        expect((await errorsOf(JOURNEY.replace('outcome Incomplet', 'outcome Complet'))).map(e => e[0])).toEqual(['duplicate-id']);
    });

    it('let a measure go back over a loop, and only over a loop', async () => {
        expect(await errorsOf(JOURNEY.replace('      outcome Renvoi "pièces envoyées" leads to Controle\n', ''))).toEqual([
            ['window-order', expect.stringContaining("ends at 'Controle', which comes before 'Relance'")]
        ]);
    });

    it('are laid out one fact per line', () => {
        const result = formatJourneyText(JOURNEY.replace(/\n\s*/g, ' '));
        expect(result.ok && result.text).toBe(JOURNEY);
    });

    it('are shown on the map (HTML and SVG, English and French) and in the hover', async () => {
        const { model } = await buildWorkspace(files(JOURNEY), '/ws');
        const english = previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15' });
        const html = renderPreviewHtml(english);
        expect(html).toContain('<span class="jm-tp-fact-word">incomplet</span> → “Pièces manquantes”');
        expect(html).toContain('<span class="jm-tp-fact-word">pièces envoyées</span> ↺ back to “Contrôle du dossier”');
        expect(html).toContain('<span class="jm-tp-fact-word">only if</span> le dossier est incomplet');
        expect(html).toContain('<span class="jm-stage-fact"><span class="jm-tp-fact-word">optional</span> </span>');
        expect(html).toMatch(/jm-touchpoint jm-branch/);
        const svg = await renderMapSvg(english, { charts: false });
        expect(svg).toContain('pièces envoyées ↺ back to');
        expect(svg).toContain('stroke-dasharray="5 3"');
        const french = renderPreviewHtml(previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15', locale: 'fr' }));
        expect(french).toContain('↺ retour à « Contrôle du dossier »');
        expect(french).toContain('<span class="jm-tp-fact-word">seulement si</span> le dossier est incomplet');
        expect(french).toContain('<span class="jm-tp-fact-word">facultatif</span>');

        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'a.journey': JOURNEY });
        const hover = await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: editor.at('a.journey', 'Relance "')
        });
        const contents = JSON.stringify(hover?.contents);
        expect(contents).toContain('**Only if:** le dossier est incomplet');
        expect(contents).toContain('**Outcomes:** pièces envoyées ↺ back to “Contrôle du dossier”');
    });

    it('are compared by the diff, written in the outline, and named among what Mermaid cannot say', async () => {
        const before = (await buildWorkspace(files(JOURNEY), '/ws')).model;
        const now = (await buildWorkspace(files(JOURNEY.replace('leads to Instruction', 'leads to Decision').replace('      optional\n    }', '    }')), '/ws')).model;
        const messages = diffModels(before, now).changes.map(c => c.message);
        expect(messages).toHaveLength(2);
        // By titles: the outcome and where it leads now and before.
        expect(messages[0]).toBe('outcomes of touchpoint "Contrôle du dossier": outcome "complet" now leads to "Décision" (was "Instruction")');
        expect(messages[1]).toContain('Recours gracieux');
        const outline = outlineModel(before);
        expect(outline).toContain('      outcome Incomplet "incomplet" leads to Relance\n');
        expect(outline).toContain('      only if "le dossier est incomplet"\n');
        expect(outline).toContain('  stage Recours "Recours"\n    optional\n');
        const note = journeyToMermaid(before.journeys[0], before).notes.at(-1)?.message;
        expect(note).toContain('outcomes (2 touchpoints)');
        expect(note).toContain('only if (1 touchpoint)');
        expect(note).toContain('optional (1 stage)');
    });
});
