/**
 * Time relative to events, end to end: `timing 6 to 12 months before X`, `timing day 40 after X`,
 * `timing every week`, `timing any time during X`, `deadline J-90 before X` on touchpoints and
 * stages: the model, the checks, the formatter, the map (HTML and SVG, English and French), the
 * hover, the diff, the outline, the Mermaid notes and the JSON export.
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
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { offsetWords } from '../../src/language/model/timing-words.js';
import { workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const CATALOG = 'channel Courrier "Courrier" offline\nchannel Web "Site" online\n';
const JOURNEY = `journey Logement "Demande de logement social" {
  stage Preparation "Préparation" {
    timing 6 to 12 months before Emmenagement
    touchpoint Simulation "Simulation des droits" via Web
    touchpoint Depot "Dépôt de la demande" via Web {
      deadline J-90 before Emmenagement
    }
  }
  stage Attente "Attente" {
    touchpoint Renouvellement "Renouvellement annuel" via Courrier {
      timing day 365 after Depot
    }
    touchpoint Relance "Point d'étape" via Web {
      timing every 2 weeks
    }
    touchpoint Questions "Questions au guichet" via Courrier {
      timing any time during Attente
    }
  }
  stage Emmenagement "Emménagement" {
    touchpoint Bail "Signature du bail" via Courrier
  }
}
`;

const files = (journey: string) => [{ path: 'catalog.journey', text: CATALOG }, { path: 'a.journey', text: journey }];
const codesOf = async (journey: string) => (await buildWorkspace(files(journey), '/ws')).diagnostics.filter(d => d.severity === 'error').map(d => [d.code, d.message]);

describe('time relative to events', () => {
    it('is read into the model', async () => {
        const { model, diagnostics } = await buildWorkspace(files(JOURNEY), '/ws');
        expect(diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        const [preparation, attente] = model.journeys[0].stages;
        expect(preparation.timing).toEqual({
            kind: 'relative', offset: { amount: 6, upTo: 12, unit: 'months', text: '6 to 12 months' }, relation: 'before', event: 'Emmenagement',
            text: '6 to 12 months before Emmenagement'
        });
        expect(preparation.touchpoints[1].deadline).toEqual({
            offset: { amount: 90, unit: 'days', text: 'J-90' }, relation: 'before', event: 'Emmenagement', text: 'J-90 before Emmenagement'
        });
        expect(attente.touchpoints.map(t => t.timing)).toEqual([
            { kind: 'relative', offset: { amount: 365, unit: 'days', text: 'day 365' }, relation: 'after', event: 'Depot', text: 'day 365 after Depot' },
            { kind: 'every', every: 2, unit: 'weeks', text: 'every 2 weeks' },
            { kind: 'during', during: 'Attente', text: 'any time during Attente' }
        ]);
        expect(preparation.touchpoints[0]).not.toHaveProperty('timing');
    });

    it('is checked: unknown steps with a suggestion, a step timed from itself, another journey, impossible amounts', async () => {
        expect(await codesOf(JOURNEY.replace('day 365 after Depot', 'day 365 after Depto'))).toEqual([
            ['unresolved-reference', expect.stringContaining("did you mean 'Depot'")]
        ]);
        expect((await codesOf(JOURNEY.replace('day 365 after Depot', 'day 365 after Renouvellement'))).map(c => c[0])).toEqual(['timing-reference']);
        expect((await codesOf(`${JOURNEY}journey Autre "Autre" {\n  stage S {\n    touchpoint T "T" via Web {\n      timing day 2 after Logement.Depot\n    }\n  }\n}\n`)).map(c => c[0])).toEqual(['timing-reference']);
        expect(await codesOf(JOURNEY.replace('6 to 12 months', '12 to 6 months'))).toEqual([
            ['impossible-time', 'The range 12 to 6 does not go up: write the smaller amount first (6 to 12), or one amount.']
        ]);
        expect(await codesOf(JOURNEY.replace('J-90 before', 'J+90 before'))).toEqual([
            ['impossible-time', "‘J+90’ counts days after the event, but the line says ‘before’: write ‘J-90 before Emmenagement’."]
        ]);
        expect((await codesOf(JOURNEY.replace('every 2 weeks', 'every 0 weeks'))).map(c => c[0])).toEqual(['impossible-time']);
        expect((await codesOf(JOURNEY.replace('day 365 after', 'day -3 after'))).map(c => c[0])).toEqual(['impossible-time']);
    });

    it('says amounts in the reader\'s words, a number in every unit', () => {
        for (const unit of ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const) {
            for (const locale of ['en', 'fr'] as const) {
                const words = offsetWords({ amount: 3, unit, text: `3 ${unit}` }, locale);
                expect(words, `${unit} ${locale}`).toMatch(/^3 \S+$/);
            }
        }
        expect(offsetWords({ amount: 3, unit: 'months', text: '3 months' }, 'fr')).toBe('3 mois');
    });

    it('is laid out one fact per line, `J-90` kept whole', () => {
        const result = formatJourneyText(JOURNEY.replace(/\n\s*/g, ' '));
        expect(result.ok && result.text).toBe(JOURNEY);
    });

    it('is shown on the map (cards and stage headers, HTML and SVG) in English and French, and in the hover', async () => {
        const { model } = await buildWorkspace(files(JOURNEY), '/ws');
        const english = previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15' });
        const html = renderPreviewHtml(english);
        expect(html).toContain('<span class="jm-tp-fact-word">deadline</span> J-90 before &quot;Emménagement&quot;');
        expect(html).toContain('<span class="jm-tp-fact-word">timing</span> 6 to 12 months before &quot;Emménagement&quot;');
        expect(html).toContain('<span class="jm-tp-fact-word">timing</span> day 365 after &quot;Dépôt de la demande&quot;');
        expect(html).toContain('every 2 weeks');
        expect(html).toContain('any time during &quot;Attente&quot;');
        const svg = await renderMapSvg(english, { charts: false });
        expect(svg).toContain('deadline J-90 before');
        const french = previewPayload({ model, results: [], file: 'a.journey', today: '2026-06-15', locale: 'fr' });
        const frenchHtml = renderPreviewHtml(french);
        expect(frenchHtml).toContain('<span class="jm-tp-fact-word">échéance</span> J-90 avant « Emménagement »');
        expect(frenchHtml).toContain('6 à 12 mois avant « Emménagement »');
        expect(frenchHtml).toContain('jour 365 après « Dépôt de la demande »');
        expect(frenchHtml).toContain('toutes les 2 semaines');
        expect(frenchHtml).toContain('à tout moment pendant « Attente »');

        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'a.journey': JOURNEY });
        const hover = (at: string) => editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: editor.at('a.journey', at)
        });
        expect(JSON.stringify((await hover('Depot "'))?.contents)).toContain('**Deadline:** J-90 before \\"Emménagement\\"');
        expect(JSON.stringify((await hover('Preparation "'))?.contents)).toContain('**Timing:** 6 to 12 months before \\"Emménagement\\"');
    });

    it('is compared by the diff, written in the outline, and named among what Mermaid cannot say', async () => {
        const before = (await buildWorkspace(files(JOURNEY), '/ws')).model;
        const now = (await buildWorkspace(files(JOURNEY.replace('day 365 after', 'day 300 after').replace('      deadline J-90 before Emmenagement\n', '')), '/ws')).model;
        expect(diffModels(before, now).changes.map(c => c.message)).toEqual([
            'deadline of touchpoint "Dépôt de la demande": removed (was J-90 before "Emménagement")',
            'timing of touchpoint "Renouvellement annuel": now day 300 after "Dépôt de la demande" (was day 365 after)'
        ]);
        const outline = outlineModel(before);
        expect(outline).toContain('  stage Preparation "Préparation"\n    timing 6 to 12 months before Emmenagement\n');
        expect(outline).toContain('      deadline J-90 before Emmenagement\n');
        const { notes } = journeyToMermaid(before.journeys[0], before);
        expect(notes.at(-1)?.message).toContain('timing (3 touchpoints)');
        expect(notes.at(-1)?.message).toContain('deadline (1 touchpoint)');
        expect(notes.at(-1)?.message).toContain('timing (1 stage)');
    });

    it('is in the JSON export', () => {
        const folder = mkdtempSync(join(tmpdir(), 'journey-timing-'));
        writeFileSync(join(folder, 'catalog.journey'), CATALOG);
        writeFileSync(join(folder, 'a.journey'), JOURNEY);
        const json = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/journey.js'), 'export', folder], { encoding: 'utf8' }));
        expect(json.schemaVersion).toBe(2);
        expect(json.journeys[0].stages[1].touchpoints[1].timing).toEqual({ kind: 'every', every: 2, unit: 'weeks', text: 'every 2 weeks' });
    });
});
