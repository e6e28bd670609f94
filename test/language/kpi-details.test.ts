/**
 * Issue 16's KPI facts, end to end: a baseline and an alert threshold (not targets), survey
 * details (`collected via`, `respondent`, `question`), a breakdown (`per <field>`) and the
 * time between two stages reach the model and its JSON export, the formatter, the hover,
 * completion, the map's KPI card (HTML and SVG), the chart, the scorecard, the diff in CX words,
 * the outline and the Mermaid export's notes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { outlineModel } from '../../src/diff/outline.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { pastThreshold } from '../../src/language/model/kpi-semantics.js';
import { portfolio } from '../../src/language/model/portfolio.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload, kpiView } from '../../src/render/preview-data.js';
import { scorecardLines } from '../../src/render/scorecard.js';
import { kpiChartSpec } from '../../src/render/vega-specs.js';
import { messages } from '../../src/language/i18n/i18n.js';
import { formatValue } from '../../src/language/model/kpi-format.js';
import { after, workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const CATALOG = 'channel Web "Site" online\nchannel Courrier "Courrier" offline\n';
const SOURCES = `source Journal events "journal.csv" {
  column device "appareil"
}

source Avis survey "avis.csv" {
  column respondent_type "profil"
}
`;
const JOURNEY = (lines: { abandon?: string; nps?: string } = {}) => `journey Achat "Achat" {
  state current
  stage Panier "Panier" {
    touchpoint Ajout "Ajout au panier" via Web
  }
  stage Paiement "Paiement" {
    touchpoint Carte "Saisie de la carte" via Web
    touchpoint Confirmation "Confirmation" via Web
  }
  kpi Abandon "Abandon du panier" {
    measures abandonment(Panier to Paiement) per device
    target <= 85% warning 88%
${lines.abandon ?? '    baseline 90% in 2026-01\n    threshold 93%\n'}    data Journal
  }
  kpi TempsPaiement "Temps passé dans le paiement" {
    measures duration(Paiement to Paiement) median
    unit minutes
    target <= 10 minutes
    data Journal
  }
  kpi Nps "Recommandation" {
    measures nps
    target >= 30
${lines.nps ?? '    collected via "questionnaire en ligne"\n    respondent "acheteur"\n    question "Quelle est la probabilité que vous nous recommandiez ?"\n'}    data Avis
  }
}
`;

async function modelOf(lines: Parameters<typeof JOURNEY>[0] = {}) {
    return buildWorkspace([{ path: 'catalog.journey', text: CATALOG }, { path: 'sources.journey', text: SOURCES }, { path: 'a.journey', text: JOURNEY(lines) }], '/ws');
}

describe('KPI baselines, thresholds, survey details, breakdowns and stage durations', () => {
    it('are read into the model, checked clean, and exported as JSON (schemaVersion 2)', async () => {
        const workspace = await modelOf();
        expect(workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        const [abandon, temps, nps] = workspace.model.journeys[0].kpis;
        expect(abandon).toMatchObject({ baseline: { value: 90, unit: '%', date: '2026-01' }, threshold: { value: 93, unit: '%' }, breakdown: 'device' });
        expect(temps.measure).toEqual({ kind: 'duration', start: 'Paiement', end: 'Paiement', statistic: 'median' });
        expect(nps).toMatchObject({ collectedVia: 'questionnaire en ligne', respondent: 'acheteur', question: 'Quelle est la probabilité que vous nous recommandiez ?' });
        expect(nps).not.toHaveProperty('baseline');

        const folder = mkdtempSync(join(tmpdir(), 'journey-kpi-details-'));
        writeFileSync(join(folder, 'catalog.journey'), CATALOG);
        writeFileSync(join(folder, 'sources.journey'), SOURCES);
        writeFileSync(join(folder, 'a.journey'), JOURNEY());
        const json = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/journey.js'), 'export', folder], { encoding: 'utf8' }));
        expect(json.schemaVersion).toBe(2);
        expect(json.journeys[0].kpis[0]).toMatchObject({ baseline: { value: 90, unit: '%', date: '2026-01' }, threshold: { value: 93, unit: '%' }, breakdown: 'device' });
        expect(json.journeys[0].kpis[2]).toMatchObject({ collectedVia: 'questionnaire en ligne', respondent: 'acheteur' });
    });

    it('`count per channel` keeps its meaning: the breakdown is the channel, and the measure still says it', async () => {
        const { model, diagnostics } = await buildWorkspace([{ path: 'catalog.journey', text: CATALOG }, {
            path: 'a.journey', text: 'journey J { state current stage S { touchpoint T via Web }\n  kpi K { measures count(T) per channel target <= 10 }\n}\n'
        }], '/ws');
        expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(model.journeys[0].kpis[0]).toMatchObject({ measure: { kind: 'count', of: 'T', perChannel: true }, breakdown: 'channel' });
    });

    it('are laid out one fact per line, `per` kept on the measure line', () => {
        const messy = JOURNEY().replace(/\n\s*/g, ' ');
        const result = formatJourneyText(messy);
        expect(result.ok && result.text).toBe(JOURNEY());
    });

    it('are shown on the map\'s KPI card (HTML and SVG), in the chart and the scorecard, the alert when the latest value is past the threshold', async () => {
        const { model } = await modelOf();
        const results = [{ journey: 'Achat', kpi: 'Abandon', points: [{ period: '2026-05', value: 91 }, { period: '2026-06', value: 94 }], rowsUsed: 10, rowsRejected: 0, problems: [], status: 'off-track' as const }];
        for (const locale of ['en', 'fr'] as const) {
            const payload = { ...previewPayload({ model, results, file: 'a.journey', today: '2026-06-15' }), locale };
            const html = renderPreviewHtml(payload);
            const m = messages(locale);
            const pct = (value: number) => formatValue(value, '%', locale);
            expect(html).toContain(`<dt>${m.t('map.kpi.baseline')}</dt><dd>${pct(90)} (${locale === 'en' ? 'January 2026' : 'janvier 2026'})</dd>`);
            expect(html).toContain(`<dt>${m.t('map.kpi.threshold')}</dt><dd>${pct(93)} <span class="jm-alert">${m.t('kpi.threshold.past')}</span></dd>`);
            expect(html).toContain(`<dt>${locale === 'en' ? 'Breakdown' : 'Ventilation'}</dt><dd>device</dd>`);
            expect(html).toContain(`<dt>${locale === 'en' ? 'Question asked' : 'Question posée'}</dt><dd>Quelle est la probabilité que vous nous recommandiez ?</dd>`);
            const svg = await renderMapSvg(payload, { charts: false });
            // The SVG's line wrapping writes no-break spaces as spaces.
            expect(svg).toContain(locale === 'en' ? 'baseline 90% (January 2026)' : 'référence 90 % (janvier 2026)');
            expect(svg).toContain(locale === 'en' ? 'alert at 93% (reached)' : 'alerte à 93 % (atteinte)');
        }
        const payload = previewPayload({ model, results, file: 'a.journey', today: '2026-06-15' });
        const spec = JSON.stringify(kpiChartSpec(kpiView(payload, model.journeys[0].kpis[0], model.journeys[0])));
        expect(spec).toContain('"datum":90');
        expect(spec).toContain('baseline 90% (January 2026)');
        expect(spec).toContain('alert 93%');
        const summary = portfolio(model, results, new Date('2026-06-15T00:00:00Z')).rows[0].journey;
        expect(scorecardLines(summary, new Date('2026-06-15T00:00:00Z')).find(l => l.title === 'Abandon du panier')?.target)
            .toBe('≤ 85%; baseline 90% (January 2026); alert at 93% (reached)');
        // The target in the reader's locale like the rest of the line (issue 17), not the model's neutral `≥ 85 %`.
        expect(scorecardLines(summary, new Date('2026-06-15T00:00:00Z'), 'fr').find(l => l.title === 'Abandon du panier')?.target)
            .toMatch(/^≤ 85\u00a0%; .*90\u00a0% \(janvier 2026\)/);
    });

    it('judge the alert on the worse side of the KPI\'s direction, in its unit', () => {
        expect(pastThreshold({ threshold: { value: 93, unit: '%' }, direction: 'lower', unit: '%' }, 93)).toBe(true);
        expect(pastThreshold({ threshold: { value: 93, unit: '%' }, direction: 'lower', unit: '%' }, 92.9)).toBe(false);
        expect(pastThreshold({ threshold: { value: 20 }, direction: 'higher' }, 19)).toBe(true);
        expect(pastThreshold({ threshold: { value: 2, unit: 'days' }, direction: 'lower', unit: 'hours' }, 47)).toBe(false);
        expect(pastThreshold({ threshold: { value: 2, unit: 'days' }, direction: 'lower', unit: 'hours' }, 48)).toBe(true);
        expect(pastThreshold({ threshold: { value: 5 } }, 9)).toBeUndefined();
    });

    it('are in the hover, and offered by completion inside a KPI', async () => {
        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'sources.journey': SOURCES, 'a.journey': JOURNEY() });
        const hover = await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: editor.at('a.journey', 'Abandon "')
        });
        const text = JSON.stringify(hover?.contents);
        expect(text).toContain('**Baseline:** 90% (2026-01)');
        expect(text).toContain('**Alert threshold:** 93%');
        expect(text).toContain('**Breakdown:** device');
        const npsHover = JSON.stringify((await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('a.journey'), {
            textDocument: { uri: editor.uri('a.journey') }, position: editor.at('a.journey', 'Nps "')
        }))?.contents);
        expect(npsHover).toContain('**Respondent:** acheteur');
        expect(npsHover).toContain('**Collected via:** questionnaire en ligne');

        const blank = JOURNEY({ nps: '    \n' });
        const editor2 = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'sources.journey': SOURCES, 'a.journey': blank });
        const list = await editor2.services.lsp.CompletionProvider!.getCompletion(editor2.doc('a.journey'), {
            textDocument: { uri: editor2.uri('a.journey') }, position: after(editor2, 'a.journey', 'target >= 30\n    ')
        });
        const labels = list?.items.map(item => item.label) ?? [];
        for (const word of ['baseline', 'threshold', 'collected', 'respondent', 'question']) expect(labels, word).toContain(word);
    });

    it('are compared in CX words by the diff, and written in the outline', async () => {
        const before = (await modelOf({ abandon: '    baseline 90%\n', nps: '    respondent "acheteur"\n' })).model;
        const now = (await modelOf()).model;
        expect(diffModels(before, now).changes.map(c => c.message)).toEqual([
            'baseline period of KPI "Abandon du panier" set to January 2026 (baseline 90%)',
            'alert threshold of KPI "Abandon du panier": now 93%',
            'collection method of KPI "Recommandation": now "questionnaire en ligne"',
            'question asked of KPI "Recommandation": now "Quelle est la probabilité que vous nous recommandiez ?"'
        ]);
        expect(diffModels(before, now, { locale: 'fr' }).changes[0].message)
            .toBe('valeur de référence du KPI «\u00a0Abandon du panier\u00a0»\u202f: période précisée, janvier 2026 (valeur 90\u00a0%)');
        const outline = outlineModel(now);
        expect(outline).toContain('baseline');
        expect(outline).toContain('question "Quelle est la probabilité que vous nous recommandiez ?"');
    });

    it('are named among what the Mermaid export cannot say', async () => {
        const { model } = await modelOf();
        const { notes } = journeyToMermaid(model.journeys[0], model);
        const kpis = notes.find(note => note.message.includes('no KPIs'))?.message;
        expect(kpis).toContain('3 KPIs stating');
        expect(kpis).toContain('baseline (1)');
        expect(kpis).toContain('question asked (1)');
    });
});
