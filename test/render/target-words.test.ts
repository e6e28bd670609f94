/**
 * Issue 17: a target reads in the reader's language wherever it is shown to people, from the
 * model's comparator, value and unit through `targetWords`, never from the model's neutral
 * `target.text` (`≥ 2.5 days` on a French page): the overview's tooltip, the committee
 * report's scorecard, the metrics report, the diff.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import type { Locale } from '../../src/language/i18n/i18n.js';
import type { KpiResult } from '../../src/language/model/kpi-results.js';
import { portfolio } from '../../src/language/model/portfolio.js';
import { formatMarkdown, formatText, reportEntries } from '../../src/metrics/format-metrics.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { renderOverviewHtml } from '../../src/render/overview-html.js';
import { scorecardLines } from '../../src/render/scorecard.js';

const JOURNEY = (target: string) => `channel Web "Site" online
journey Pret "Demande de prêt" {
  stage Depot "Dépôt" {
    touchpoint Envoi "Envoi du dossier" via Web
    touchpoint Accord "Accord" via Web
  }
  kpi Delai "Délai d'accord" {
    measures duration(Envoi to Accord)
    unit days
    target ${target}
  }
}
`;

async function modelOf(target: string) {
    return (await buildWorkspace([{ path: 'pret.journey', text: JOURNEY(target) }], '/ws')).model;
}

const TODAY = new Date('2026-06-15T00:00:00Z');
const RESULT: KpiResult = {
    journey: 'Pret', kpi: 'Delai', status: 'at-risk', rowsUsed: 12, rowsRejected: 0, problems: [],
    points: [{ period: '2026-05', value: 2.8 }]
};

const EXPECTED: Record<Locale, { target: string; other: RegExp }> = {
    en: { target: '≤ 2.5 days', other: /2,5|jours/ },
    fr: { target: '≤ 2,5\u00a0jours', other: /2\.5|days/ }
};

describe('targets in the reader\'s words', () => {
    for (const locale of ['en', 'fr'] as const) {
        it(`are written for a ${locale === 'en' ? 'English' : 'French'} reader on every surface`, async () => {
            const model = await modelOf('<= 2.5 days');
            // The model keeps its neutral writing for tools; people never read it.
            expect(model.journeys[0].kpis[0].target?.text).toBe('≤ 2.5 days');
            const { target, other } = EXPECTED[locale];
            const data = portfolio(model, [RESULT], TODAY);
            const html = renderOverviewHtml(data, { title: 'Portfolio', hrefFor: file => file, locale });
            const tooltip = /title="Délai d&#39;accord · ([^"]*)"/.exec(html)?.[1] ?? /title="Délai d'accord · ([^"]*)"/.exec(html)?.[1];
            expect(tooltip, html).toContain(target);
            expect(tooltip).not.toMatch(other);
            const line = scorecardLines(data.rows[0].journey, TODAY, locale).find(l => l.title === 'Délai d\'accord');
            expect(line?.target).toBe(target);
            const entries = reportEntries([RESULT], model);
            expect(formatText(entries, locale)).toContain(target);
            expect(formatMarkdown(entries, locale)).toContain(`| ${target} |`);
            const loosened = diffModels(model, await modelOf('<= 3 days'), { locale }).changes.map(c => c.message).join('\n');
            expect(loosened).toContain(target);
            expect(loosened).not.toMatch(other);
        });
    }
});
