import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/language/i18n/i18n.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { renderPage } from '../../src/render/page.js';
import { chartSpecs } from '../../src/render/vega-specs.js';
import { mutuellePayload } from './render-helpers.js';

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
});
