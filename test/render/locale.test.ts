import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/language/i18n/i18n.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { renderPage, webviewHtml } from '../../src/render/page.js';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartSpecs } from '../../src/render/vega-specs.js';
import { mutuellePayload, TODAY } from './render-helpers.js';
import { messages } from '../../src/language/i18n/i18n.js';
import { dateOfDay } from '../../src/language/model/today.js';
import { portfolio } from '../../src/language/model/portfolio.js';
import { renderOverviewHtml } from '../../src/render/overview-html.js';

/** The text of an HTML fragment, tags removed and entities of quotes read. */
function textOf(html: string): string {
    return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/[ \t\r\n]+/g, ' ');
}

describe('the map in both languages', () => {
    it('draws the same map in French and English: same elements and source lines, words in the reader\'s language', async () => {
        const payload = await mutuellePayload();
        const pages = Object.fromEntries(LOCALES.map(locale => [locale, renderPreviewHtml({ ...payload, locale })]));
        const lines = (html: string) => [...html.matchAll(/data-line="(\d+)"/g)].map(match => match[1]);
        expect(lines(pages.fr)).toEqual(lines(pages.en));
        const french = textOf(pages.fr);
        for (const words of ['Étapes', 'Points de contact', 'Irritants', 'Émotion', 'Moment de vérité', 'Périmètre', 'Cible', 'Dernière valeur', 'Courbe des émotions']) {
            expect(french, words).toContain(words);
        }
        expect(french).toMatch(/\d+ étapes · \d+ points de contact · \d+ KPI/);
        // Statuses in CX words, values with a decimal comma and a no-break space before %.
        expect(french).toMatch(/(atteint|à risque|hors trajectoire|manqué|pas de données)/);
        expect(french).toMatch(/Dernière valeur \d+(,\d)?\u00a0%/);
        expect(french).not.toMatch(/\d\.\d ?%/);
        for (const english of ['Stages', 'Touchpoints', 'Pain points', 'Moment of truth', 'Latest', 'Scope', 'whole journey', 'Emotion curve']) {
            expect(french, english).not.toContain(english);
        }
        const englishText = textOf(pages.en);
        expect(englishText).toContain('Pain points');
        expect(englishText).toMatch(/Latest \d+(\.\d)?%/);
    });

    it('sets the page\'s language and words the charts\' axes and the SVG export in it', async () => {
        const payload = { ...await mutuellePayload('adhesion.journey'), locale: 'fr' as const };
        const page = renderPage({ payload, script: '', nonce: 'n', mode: 'static' });
        expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
        expect(renderPage({ payload: { ...payload, locale: 'en' }, script: '', nonce: 'n', mode: 'static' })).toContain('<html lang="en">');
        // VS Code's webview page, before the first map arrives.
        const webview = webviewHtml({ nonce: 'n', scriptUri: 'preview.js', cspSource: 'vscode-resource:', locale: 'fr' });
        expect(webview).toContain('<html lang="fr">');
        expect(webview).toContain('Chargement de la carte du parcours…');
        const specs = JSON.stringify(chartSpecs(payload));
        expect(specs).toContain('"title":"Émotion"');
        expect(specs).not.toContain('"title":"Emotion"');
        const svg = textOf(await renderMapSvg(payload));
        for (const words of ['POINTS DE CONTACT', 'ÉTAPES', 'IRRITANTS', 'parcours actuel', 'Courbe des émotions', 'dernière valeur 92,4']) {
            expect(svg, words).toContain(words);
        }
        expect(svg).not.toContain('Emotion curve');
        // The legend's severity badges too, as the cards' badges.
        expect(svg).toContain('FAIBLE MOYEN ÉLEVÉ CRITIQUE');
        expect(svg).not.toMatch(/\b(LOW|MEDIUM|HIGH|CRITICAL)\b/);
    });

    it('draws the KPI charts with the reader\'s months and numbers: axis, target, deadline and tooltips', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        /** Every text Vega draws for a spec, as the webview compiles it (Vega-Lite → Vega, CSP-safe interpreter). */
        const drawn = async (spec: TopLevelSpec) => {
            const view = new View(parse(compile(spec).spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
            return textOf(await view.toSVG()).replace(/&#x27;/g, "'");
        };
        const kpiSpec = (locale: 'en' | 'fr') => Object.entries(chartSpecs({ ...payload, locale })).find(([id]) => id.includes('CartesJ1'))![1];
        const french = await drawn(kpiSpec('fr'));
        const english = await drawn(kpiSpec('en'));
        // Month names on the time axis: French in French, English in English.
        expect(french).toMatch(/\b(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) 2026\b/);
        expect(french).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 2026\b/);
        expect(english).toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 2026\b/);
        // Segments: the line of all cases is named in the language, not by the data's key.
        const nps = await drawn(Object.entries(chartSpecs({ ...payload, locale: 'fr' })).find(([id]) => id.includes('Nps'))![1]);
        expect(nps).toMatch(/\bensemble\b/);
        expect(nps).not.toMatch(/\ball\b/);
        // The value axis: decimal comma in French, point in English, on a KPI whose values are decimals (an effort score).
        const effort = structuredClone(payload);
        const kpi = effort.model.journeys.find(j => j.id === 'Adhesion')!.kpis.find(k => k.id === 'CartesJ1')!;
        kpi.unit = undefined;
        kpi.target = { comparator: '>=', value: 4.5, text: '≥ 4.5' };
        const result = effort.results!.find(r => r.kpi === 'CartesJ1')!;
        result.points = result.points.map((point, i) => ({ ...point, value: 4 + i / 10 }));
        const effortFr = await drawn(Object.entries(chartSpecs({ ...effort, locale: 'fr' })).find(([id]) => id.includes('CartesJ1'))![1]);
        const effortEn = await drawn(Object.entries(chartSpecs({ ...effort, locale: 'en' })).find(([id]) => id.includes('CartesJ1'))![1]);
        expect(effortFr).toMatch(/\b4,\d\b/);
        expect(effortFr).not.toMatch(/\b4\.\d\b/);
        expect(effortFr).toContain('objectif ≥ 4,5');
        expect(effortEn).toMatch(/\b4\.\d\b/);
        expect(effortEn).toContain('target ≥ 4.5');
        // The target and deadline in words and numbers of the language.
        expect(french).toMatch(/objectif ≥ 95[\u00a0\u202f]%/);
        expect(english).toContain('target ≥ 95%');
        const frenchSpec = JSON.stringify(kpiSpec('fr'));
        expect(frenchSpec).toMatch(/échéance (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
        // Tooltips: the period as a reader says it, the value in the unit and the language.
        const points = (kpiSpec('fr') as unknown as { layer: { data?: { values?: { period: string; shown: string }[] } }[] }).layer
            .flatMap(layer => layer.data?.values ?? []).filter(point => point.shown !== undefined);
        expect(points.length).toBeGreaterThan(0);
        for (const point of points) {
            expect(point.period).toMatch(/^(S\d+ \d{4}|\D+ \d{4}|T\d \d{4}|\d{4})$/);
            expect(point.shown).toMatch(/^\d+(,\d)?[\u00a0\u202f]%$/);
        }
    });
});

describe('the overview in both languages', () => {
    it('counts the statuses as French agrees them: 1 manqué, 7 manqués, 5 à risque', async () => {
        const fr = messages('fr');
        expect(fr.t('overview.status-count', { count: 1, state: 'missed', status: 'manqué' })).toBe('1 manqué');
        expect(fr.t('overview.status-count', { count: 7, state: 'missed', status: 'manqué' })).toBe('7 manqués');
        expect(fr.t('overview.status-count', { count: 2, state: 'met', status: 'atteint' })).toBe('2 atteints');
        expect(fr.t('overview.status-count', { count: 5, state: 'at-risk', status: 'à risque' })).toBe('5 à risque');
        expect(messages('en').t('overview.status-count', { count: 7, state: 'missed', status: 'missed' })).toBe('7 missed');
        // The totals of a real portfolio: every count above one of a status that agrees is plural.
        const payload = await mutuellePayload();
        const data = portfolio(payload.model, payload.results ?? [], dateOfDay(TODAY));
        const totals = /<p class="ov-totals">(.*?)<\/p>/s.exec(renderOverviewHtml(data, { title: 'Parcours', hrefFor: file => file, locale: 'fr' }))![1];
        const counts = [...textOf(totals).matchAll(/(\d+) (atteints?|manqués?)\b/g)];
        expect(counts.length).toBeGreaterThan(0);
        for (const [, count, word] of counts) expect(word.endsWith('s'), `${count} ${word}`).toBe(Number(count) > 1);
    });
});
