/**
 * The same diff in English and in French: every sentence of the text, the Markdown and the
 * JSON's `message` is in the reader's language (plurals and agreement included), while the JSON's
 * codes and fields are the same in every language.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { formatDiff } from '../../src/diff/diff-format.js';
import { marksFromDiff } from '../../src/diff/diff-marks.js';
import type { Locale } from '../../src/language/i18n/i18n.js';
import { ADHESION, CATALOG, modelOf } from './fixtures.js';

/** The change of a pull request: a tightened target, a stage added, a touchpoint removed, moved, worsened... */
const HEAD = ADHESION
    .replace('target >= 90%', 'target >= 95%')
    .replace('emotion +2', 'emotion -1')
    .replace('pain "Formulaire de 40 champs" severity high', 'pain "Formulaire de 40 champs" severity critical')
    .replace('    touchpoint Signature "Signature électronique" via Web\n', '    touchpoint Signature "Signature électronique" via Email\n')
    .replace('    touchpoint Relance "Relance par courrier" via Courrier by Support\n', '')
    .replace('measures duration(Appel to Relance)', 'measures count(Appel)')
    .replace('  stage Support "Support" {', `  stage Suivi "Suivi" {
    touchpoint Enquete "Enquête de satisfaction" via Email
    touchpoint Rappel "Rappel du conseiller" via Fax
  }
  stage Support "Support" {`);

async function diffIn(locale: Locale) {
    const base = await modelOf({ 'c.journey': CATALOG, 'a.journey': ADHESION });
    const head = await modelOf({ 'c.journey': CATALOG, 'a.journey': HEAD });
    return diffModels(base, head, { base: { label: 'main' }, head: { label: 'HEAD' }, locale });
}

describe('the semantic diff in both languages', () => {
    it('writes every sentence in French on a French run, with French plurals and agreement', async () => {
        const text = formatDiff(await diffIn('fr'), 'text', 'fr');
        expect(text).toContain('De main à HEAD\u202f: modification de «\u00a0Adhésion à la mutuelle santé\u00a0».');
        expect(text).toContain('Étapes\u202f: 1 ajout\u202f; points de contact\u202f: 1 suppression, 3 modifications\u202f; KPI\u202f: 2 modifications.');
        expect(text).toContain('1 cible resserrée.');
        expect(text).toContain('parcours «\u00a0Adhésion à la mutuelle santé\u00a0» · a.journey');
        expect(text).toContain('+ étape «\u00a0Suivi\u00a0» ajoutée, avec 2 points de contact');
        expect(text).toContain('- point de contact «\u00a0Relance par courrier\u00a0» supprimé de l\'étape «\u00a0Support\u00a0»');
        expect(text).toContain('~ cible du KPI «\u00a0Cartes envoyées à J+1\u00a0» resserrée de ≥ 90\u00a0% à ≥ 95\u00a0%');
        expect(text).toContain('~ émotion au point de contact «\u00a0Envoi de la carte\u00a0» dégradée de +2 à -1');
        expect(text).toContain('~ point de contact «\u00a0Signature électronique\u00a0» passe du canal Site web au canal E-mail');
        expect(text).toContain('~ mesure du KPI «\u00a0Délai de réponse du support\u00a0»\u202f: désormais nombre de «\u00a0Appel au support\u00a0» (avant\u202f: temps médian entre «\u00a0Appel au support\u00a0» et «\u00a0Relance par courrier\u00a0»)');
        expect(text).toContain('~ irritants du point de contact «\u00a0Devis en ligne\u00a0»\u202f: modification de la gravité de «\u00a0Formulaire de 40 champs\u00a0», de forte à critique');
        expect(text).not.toMatch(/\b(added|removed|tightened|touchpoint|stage|changed|target of)\b/);
    });

    it('says the same changes in English, and keeps the JSON codes and fields the same in both', async () => {
        const english = await diffIn('en');
        const french = await diffIn('fr');
        const text = formatDiff(english, 'text', 'en');
        expect(text).toContain('From main to HEAD: changed "Adhésion à la mutuelle santé".');
        expect(text).toContain('Stages: 1 added; touchpoints: 1 removed, 3 changed; KPIs: 2 changed.');
        expect(text).toContain('+ stage "Suivi" added with 2 touchpoints');
        expect(text).toContain('~ target of KPI "Cartes envoyées à J+1" tightened from ≥ 90% to ≥ 95%');
        // Codes, ids, values and the shape are language-free; only the sentences differ.
        const shape = (diff: typeof english) => JSON.parse(JSON.stringify(diff, (key, value) => key === 'message' || key === 'display' ? undefined : value));
        expect(shape(french)).toEqual(shape(english));
        expect(french.changes.map(c => c.type)).toEqual(english.changes.map(c => c.type));
        const json = JSON.parse(formatDiff(french, 'json', 'fr')) as { changes: Array<{ type: string; message: string; attribute?: string; meaning?: string }> };
        const target = json.changes.find(c => c.attribute === 'target')!;
        expect(target).toMatchObject({ type: 'changed', meaning: 'tightened' });
        expect(target.message).toBe('cible du KPI «\u00a0Cartes envoyées à J+1\u00a0» resserrée de ≥ 90\u00a0% à ≥ 95\u00a0%');
    });

    it('writes the pull-request Markdown in French: title, summary, details and escaping', async () => {
        const markdown = formatDiff(await diffIn('fr'), 'markdown', 'fr');
        expect(markdown).toMatch(/^### Changements dans les parcours\n/);
        expect(markdown).toContain('#### Parcours *Adhésion à la mutuelle santé* · `a.journey`');
        expect(markdown).toContain('- cible du KPI *Cartes envoyées à J+1* resserrée de **≥ 90\u00a0%** à **≥ 95\u00a0%**');
        expect(markdown).not.toMatch(/Journey changes|Details:|tightened/);
    });

    it('says when nothing changed, and names removed elements on the map, in French', async () => {
        const model = await modelOf({ 'c.journey': CATALOG, 'a.journey': ADHESION });
        const same = diffModels(model, model, { base: { label: 'main' }, head: { label: 'HEAD' }, locale: 'fr' });
        expect(formatDiff(same, 'text', 'fr')).toBe('journey diff main → HEAD\nAucun changement dans les parcours entre main et HEAD.\n');
        const marks = marksFromDiff(await diffIn('fr'), 'fr');
        expect(marks.removed.Adhesion).toEqual(['point de contact «\u00a0Relance par courrier\u00a0»']);
        expect(marksFromDiff(await diffIn('en')).removed.Adhesion).toEqual(['touchpoint “Relance par courrier”']);
    });
});

describe('Markdown escaping', () => {
    it('keeps the no-break spaces of French numbers and quotes on one line', async () => {
        const { escapeMarkdown } = await import('../../src/diff/diff-format.js');
        expect(escapeMarkdown('83,3\u00a0% et «\u00a0x\u00a0»\n  suite')).toBe('83,3\u00a0% et «\u00a0x\u00a0» suite');
    });
});
