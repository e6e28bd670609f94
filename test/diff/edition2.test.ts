/**
 * The diff of a pull request that touches every fact of the language's second edition, read as
 * a CX reviewer reads it, in English and in French: each sentence is asserted whole (not a
 * snapshot of everything), the French output holds none of the diff's English words, and the
 * change list still gives the head when applied to the base.
 */
import { describe, expect, it } from 'vitest';
import { applyDiff, normalizeModel } from '../../src/diff/apply-diff.js';
import { diffModels } from '../../src/diff/diff-engine.js';
import { formatDiff } from '../../src/diff/diff-format.js';
import type { Locale } from '../../src/language/i18n/i18n.js';
import { EDITION2_BASE, EDITION2_CATALOG, EDITION2_HEAD } from './edition2-fixtures.js';
import { modelOf } from './fixtures.js';

async function diffOf(base: string, head: string, locale: Locale) {
    const before = await modelOf({ 'catalog.journey': EDITION2_CATALOG, 'pret.journey': base });
    const after = await modelOf({ 'catalog.journey': EDITION2_CATALOG, 'pret.journey': head });
    return { before, after, diff: diffModels(before, after, { base: { label: 'main' }, head: { label: 'HEAD' }, locale }) };
}

/** French typography as the catalogue writes it: a narrow no-break space before `:` and `;`. */
const fr = (text: string) => text.replace(/ ([:;])/g, '\u202f$1');
/** « … » with plain spaces: the diff's quotes have no-break ones, the timing and emotion words of the map plain ones. */
const guillemets = (text: string) => text.replace(/«\u00a0/g, '« ').replace(/\u00a0»/g, ' »');

const ENGLISH = [
    'customer\'s goal of journey "Demande de prêt": now "Emménager avant la rentrée" (was "Acheter avant l\'été")',
    'customer\'s expectations of journey "Demande de prêt": added "Un seul interlocuteur"',
    'customer\'s thoughts of journey "Demande de prêt": added "Vont-ils me prêter ?"',
    'customer\'s words of journey "Demande de prêt": added "J\'ai dû appeler deux fois"',
    'research of journey "Demande de prêt": changed "Entretiens avec des emprunteurs" (12 people) → "Entretiens avec des emprunteurs" (18 people); '
        + 'changed "Enquête en ligne" (https://example.org/v1) → "Enquête en ligne" (https://example.org/v2)',
    'stage "Préparer le dossier": steps can now happen in any order',
    'stage "Instruction": steps now happen in parallel (were in any order)',
    'stage "Clôture": steps are back in a set order (were in parallel)',
    'stage "Préparer le dossier" is now a moment of truth',
    'emotion at stage "Préparer le dossier" worsened from -1 “inquiétude” to between -2 and -1 “angoisse”',
    'pain points of stage "Préparer le dossier": changed the severity of “Liste des pièces introuvable” from high to critical',
    'opportunities of stage "Préparer le dossier": added "Une liste des pièces en ligne"',
    'customer\'s thoughts of stage "Préparer le dossier": added "Quels papiers faut-il vraiment ?"; removed "Quels papiers faut-il ?"',
    'owner of touchpoint "Liste des pièces" changed from Conseiller en agence to Assureur emprunteur',
    'emotions under a condition of touchpoint "Liste des pièces": added -1 “gêne” if “le dossier est incomplet”; removed -2 “angoisse” if “le dossier est incomplet”',
    'timing of touchpoint "Liste des pièces": now 6 to 12 months before "Signature de l\'offre" (was 3 to 6 months before)',
    'customer\'s words of touchpoint "Liste des pièces": added "Je ne sais toujours pas quoi envoyer"; removed "Je ne sais pas quoi envoyer"',
    'segments of touchpoint "Liste des pièces": added Jeunes actifs',
    'tags of touchpoint "Liste des pièces": added Usage; removed Accès',
    'touchpoint "Envoi du dossier" now happens for every customer (was only if "le client a un apport")',
    'touchpoint "Envoi du dossier" is now optional (if applicable)',
    'outcomes of touchpoint "Envoi du dossier": added "abandon" looping back to "Liste des pièces"; '
        + 'outcome "incomplet" now leads to "Relance du client" (was "Liste des pièces", a loop)',
    'timing of touchpoint "Relance du client": now any time during "Préparer le dossier" (was any time during "Instruction")',
    'touchpoint "Relance du client" now happens only if "le dossier est incomplet"',
    'touchpoint "Relance du client" is no longer optional',
    'measure of KPI "Délai entre la préparation et l\'instruction": now median time from "Préparer le dossier" to "Clôture" '
        + '(was median time from "Préparer le dossier" to "Instruction")',
    'baseline period of KPI "Délai entre la préparation et l\'instruction" changed from January 2026 to March 2026 (baseline 5 days)',
    'alert threshold of KPI "Délai entre la préparation et l\'instruction": now 7 days (was 6 days)',
    'target of KPI "Délai entre la préparation et l\'instruction" tightened from ≤ 3 days to ≤ 2.5 days',
    'warning threshold of KPI "Délai entre la préparation et l\'instruction": now 3.5 days (was 4 days)',
    'breakdown of KPI "Satisfaction des emprunteurs": now per respondent_type (was per device)',
    'measurement mode of KPI "Satisfaction des emprunteurs" changed from cold (over the whole relationship) to hot (right after the interaction)',
    'baseline of KPI "Satisfaction des emprunteurs" changed from 70% to 75% (January 2026)',
    'alert threshold of KPI "Satisfaction des emprunteurs": now 60%',
    'collection method of KPI "Satisfaction des emprunteurs": now "entretien téléphonique" (was "questionnaire en ligne")',
    'respondent of KPI "Satisfaction des emprunteurs": now "utilisateur" (was "acheteur")',
    'question asked of KPI "Satisfaction des emprunteurs": now "Recommanderiez-vous notre prêt ?" (was "Êtes-vous satisfait de votre prêt ?")'
];

const FRENCH = [
    fr('objectif du client du parcours « Demande de prêt » : désormais « Emménager avant la rentrée » (avant : « Acheter avant l\'été »)'),
    fr('attentes du client du parcours « Demande de prêt » : ajout de « Un seul interlocuteur »'),
    fr('pensées du client du parcours « Demande de prêt » : ajout de « Vont-ils me prêter ? »'),
    fr('verbatims du client du parcours « Demande de prêt » : ajout de « J\'ai dû appeler deux fois »'),
    fr('études du parcours « Demande de prêt » : modification de « Entretiens avec des emprunteurs » (12 personnes) → « Entretiens avec des emprunteurs » (18 personnes) ; '
        + 'modification de « Enquête en ligne » (https://example.org/v1) → « Enquête en ligne » (https://example.org/v2)'),
    fr('étape « Préparer le dossier » : les points de contact peuvent désormais se dérouler dans n\'importe quel ordre'),
    fr('étape « Instruction » : les points de contact se déroulent désormais en parallèle (avant : dans n\'importe quel ordre)'),
    fr('étape « Clôture » : les points de contact se suivent de nouveau dans l\'ordre écrit (avant : en parallèle)'),
    fr('étape « Préparer le dossier » devient un moment de vérité'),
    fr('émotion à l\'étape « Préparer le dossier » dégradée de -1 « inquiétude » à une plage de -2 à -1 « angoisse »'),
    fr('irritants de l\'étape « Préparer le dossier » : modification de la gravité de « Liste des pièces introuvable », de forte à critique'),
    fr('opportunités de l\'étape « Préparer le dossier » : ajout de « Une liste des pièces en ligne »'),
    fr('responsable du point de contact « Liste des pièces » : Conseiller en agence → Assureur emprunteur'),
    fr('émotions sous condition du point de contact « Liste des pièces » : ajout de -1 « gêne » si « le dossier est incomplet » ; '
        + 'retrait de -2 « angoisse » si « le dossier est incomplet »'),
    fr('moment du point de contact « Liste des pièces » : désormais 6 à 12 mois avant « Signature de l\'offre » (avant : 3 à 6 mois avant)'),
    fr('segments du point de contact « Liste des pièces » : ajout de Jeunes actifs'),
    fr('étiquettes du point de contact « Liste des pièces » : ajout de Usage ; retrait de Accès'),
    fr('point de contact « Envoi du dossier » : désormais pour tous les clients (avant : seulement si « le client a un apport »)'),
    fr('point de contact « Envoi du dossier » désormais facultatif'),
    fr('issues du point de contact « Envoi du dossier » : ajout de « abandon » qui ramène à « Liste des pièces » ; '
        + 'l\'issue « incomplet » mène désormais à « Relance du client » (avant : « Liste des pièces », une boucle)'),
    fr('moment du point de contact « Relance du client » : désormais à tout moment pendant « Préparer le dossier » (avant : à tout moment pendant « Instruction »)'),
    fr('point de contact « Relance du client » : désormais seulement si « le dossier est incomplet »'),
    fr('point de contact « Relance du client » de nouveau obligatoire'),
    fr('mesure du KPI « Délai entre la préparation et l\'instruction » : désormais temps médian entre « Préparer le dossier » et « Clôture » '
        + '(avant : temps médian entre « Préparer le dossier » et « Instruction »)'),
    fr('valeur de référence du KPI « Délai entre la préparation et l\'instruction » : période changée de janvier 2026 à mars 2026 (valeur 5\u00a0jours)'),
    fr('seuil d’alerte du KPI « Délai entre la préparation et l\'instruction » : désormais 7\u00a0jours (avant : 6\u00a0jours)'),
    fr('cible du KPI « Délai entre la préparation et l\'instruction » resserrée de ≤ 3\u00a0jours à ≤ 2,5\u00a0jours'),
    fr('seuil de vigilance du KPI « Délai entre la préparation et l\'instruction » : désormais 3,5\u00a0jours (avant : 4\u00a0jours)'),
    fr('ventilation du KPI « Satisfaction des emprunteurs » : désormais par respondent_type (avant : par device)'),
    fr('mode de mesure du KPI « Satisfaction des emprunteurs » : à froid (sur l\'ensemble de la relation) → à chaud (juste après l\'interaction)'),
    fr('valeur de référence du KPI « Satisfaction des emprunteurs » : 70\u00a0% → 75\u00a0% (janvier 2026)'),
    fr('seuil d’alerte du KPI « Satisfaction des emprunteurs » : désormais 60\u00a0%'),
    fr('mode de collecte du KPI « Satisfaction des emprunteurs » : désormais « entretien téléphonique » (avant : « questionnaire en ligne »)'),
    fr('répondant du KPI « Satisfaction des emprunteurs » : désormais « utilisateur » (avant : « acheteur »)'),
    fr('question posée du KPI « Satisfaction des emprunteurs » : désormais « Recommanderiez-vous notre prêt ? » (avant : « Êtes-vous satisfait de votre prêt ? »)')
];

/** Words of the diff's English vocabulary that a French reader must not meet. */
const ENGLISH_WORDS = [
    'added', 'removed', 'changed', 'now', 'was', 'were', 'sample', 'people', 'the order', 'order', 'any', 'parallel', 'steps', 'before', 'after',
    'every', 'during', 'time', 'months', 'days', 'leads', 'leading', 'looping', 'loop', 'outcome', 'baseline', 'threshold', 'warning', 'target',
    'per', 'period', 'optional', 'only if', 'customer', 'stage', 'touchpoint', 'journey', 'median', 'from', 'to', 'of', 'in', 'and', 'tightened',
    'worsened', 'happens', 'collected', 'respondent', 'question asked', 'hot', 'cold', 'measured'
];

describe('the diff of the second edition, in CX words', () => {
    it('says every edition-2 change as a sentence a CX person reads, in English', async () => {
        const { diff } = await diffOf(EDITION2_BASE, EDITION2_HEAD, 'en');
        const text = formatDiff(diff, 'text', 'en');
        for (const sentence of ENGLISH) expect(text).toContain(sentence);
        // A deadline rewritten `1 months  after` and a reformatted `every 2 weeks` are no change.
        expect(text).not.toMatch(/deadline of touchpoint|timing of touchpoint "Étude du dossier"/);
        expect(diff.changes.filter(c => c.type === 'changed' && c.attribute === 'deadline').map(c => c.type === 'changed' && c.impliedBy)).toEqual(['spelling']);
        // The JSON's sentences are the same.
        expect(diff.changes.map(c => c.message)).toEqual(expect.arrayContaining(ENGLISH));
    });

    it('says the same in French, with none of the English words of the diff', async () => {
        const { diff } = await diffOf(EDITION2_BASE, EDITION2_HEAD, 'fr');
        const text = guillemets(formatDiff(diff, 'text', 'fr'));
        for (const sentence of FRENCH) expect(text).toContain(sentence);
        // Ids, field names and file names are codes, not words: left out of the check.
        const words = text.split('\n').slice(1).join('\n').replace(/respondent_type|device|pret\.journey|https:\S+/g, '');
        for (const word of ENGLISH_WORDS) expect(words, word).not.toMatch(new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'iu'));
    });

    it('writes the same sentences in the pull-request Markdown, titles in italics and values in bold', async () => {
        const english = formatDiff((await diffOf(EDITION2_BASE, EDITION2_HEAD, 'en')).diff, 'markdown', 'en');
        expect(english).toContain('- stage *Préparer le dossier*: steps can now happen in any order');
        expect(english).toContain('- timing of touchpoint *Liste des pièces*: now **6 to 12 months before "Signature de l\'offre"** (was **3 to 6 months before**)');
        expect(english).toContain('- touchpoint *Relance du client* now happens only if *le dossier est incomplet*');
        expect(english).toContain('- baseline period of KPI *Délai entre la préparation et l\'instruction* changed from **January 2026** to **March 2026** (baseline **5 days**)');
        expect(english).toContain('outcome "incomplet" now leads to "Relance du client" (was "Liste des pièces", a loop)');
        const french = guillemets(formatDiff((await diffOf(EDITION2_BASE, EDITION2_HEAD, 'fr')).diff, 'markdown', 'fr'));
        expect(french).toContain(fr('- étape *Préparer le dossier* : les points de contact peuvent désormais se dérouler dans n\'importe quel ordre'));
        expect(french).toContain(fr('- moment du point de contact *Liste des pièces* : désormais **6 à 12 mois avant « Signature de l\'offre »** (avant : **3 à 6 mois avant**)'));
        expect(french).toContain(fr('- cible du KPI *Délai entre la préparation et l\'instruction* resserrée de **≤ 3\u00a0jours** à **≤ 2,5\u00a0jours**'));
        expect(french).toContain(fr('l\'issue « incomplet » mène désormais à « Relance du client » (avant : « Liste des pièces », une boucle)'));
    });

    it('compares timings and deadlines by what they mean: a rewording is no change, a real change is said', async () => {
        const reworded = EDITION2_BASE
            .replace('timing 3 to 6 months before Signature', 'timing 3   to 6 month  before Signature')
            .replace('timing every 2 weeks', 'timing every 14 days')
            .replace('deadline 1 month after Liste', 'deadline 1 months after Liste');
        const { diff } = await diffOf(EDITION2_BASE, reworded, 'en');
        expect(formatDiff(diff, 'text', 'en')).toContain('No change to the journeys between main and HEAD.');
        const moved = EDITION2_BASE.replace('deadline 1 month after Liste', 'deadline 2 weeks before Signature');
        const { diff: real } = await diffOf(EDITION2_BASE, moved, 'fr');
        expect(real.changes.map(c => guillemets(c.message))).toEqual([
            fr('échéance du point de contact « Envoi du dossier » : désormais 2 semaines avant « Signature de l\'offre » (avant : 1 mois après « Liste des pièces »)')
        ]);
    });

    it('keeps a change list that applies: the base plus the changes is the head', async () => {
        const { before, after, diff } = await diffOf(EDITION2_BASE, EDITION2_HEAD, 'fr');
        expect(normalizeModel(applyDiff(before, JSON.parse(JSON.stringify(diff))))).toEqual(normalizeModel(after));
    });
});
