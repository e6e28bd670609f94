import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { formatDiff } from '../../src/diff/diff-format.js';
import { applyDiff, normalizeModel } from '../../src/diff/apply-diff.js';
import { ADHESION, CATALOG, modelOf } from './fixtures.js';

async function diffTexts(base: Record<string, string>, head: Record<string, string>) {
    const a = await modelOf(base);
    const b = await modelOf(head);
    const diff = diffModels(a, b);
    expect(normalizeModel(applyDiff(a, diff))).toEqual(normalizeModel(b));
    return diff;
}
const messages = (diff: { changes: { message: string }[] }) => diff.changes.map(c => c.message);

describe('semantic diff engine', () => {
    it('finds nothing between a workspace and itself', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'a.journey': ADHESION });
        expect(diff.changes).toEqual([]);
    });

    it('says a KPI target was tightened given its direction', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION },
            { 'c.journey': CATALOG, 'a.journey': ADHESION.replace('target >= 90%', 'target >= 95%') });
        expect(messages(diff)).toEqual(['target of KPI "Cartes envoyées à J+1" tightened from ≥ 90% to ≥ 95%']);
    });

    it('says a lower-is-better target was loosened', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION },
            { 'c.journey': CATALOG, 'a.journey': ADHESION.replace('target <= 48 h', 'target <= 3 days') });
        // The unit comes from the target: its change is recorded (to apply the diff) but not listed.
        expect(diff.changes.map(c => [c.message, c.type === 'changed' ? c.impliedBy : undefined])).toEqual([
            ['unit of KPI "Délai de réponse du support" changed from hours to days', 'target'],
            ['target of KPI "Délai de réponse du support" loosened from ≤ 48 hours to ≤ 3 days', undefined]
        ]);
        expect(formatDiff(diff, 'text')).not.toContain('unit of KPI');
    });

    it('summarises a removed stage with its touchpoints and KPIs', async () => {
        const head = ADHESION.replace(/  stage Support[\s\S]*?\n  }\n/, '').replace(/  kpi DelaiSupport[\s\S]*?\n  }\n/, '');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'a.journey': head });
        expect(diff.changes.filter(c => !(c.type === 'removed' && c.partOf)).map(c => c.message))
            .toEqual(['stage "Support" removed with its 2 touchpoints and 1 KPI']);
    });

    it('reports a channel change of a touchpoint as a move between channels', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION },
            { 'c.journey': CATALOG, 'a.journey': ADHESION.replace('"Envoi de la carte" via Courrier', '"Envoi de la carte" via Email') });
        expect(messages(diff)).toEqual(['touchpoint "Envoi de la carte" moved from channel Courrier postal to E-mail']);
    });

    it('detects a renamed touchpoint and follows the references to it', async () => {
        const head = ADHESION.replace('touchpoint EnvoiCarte', 'touchpoint EnvoiDeLaCarte').replace('share(EnvoiCarte', 'share(EnvoiDeLaCarte');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'a.journey': head });
        expect(messages(diff)).toEqual(['touchpoint "Envoi de la carte" renamed from EnvoiCarte to EnvoiDeLaCarte']);
    });

    it('tells a touchpoint replaced by another on the same channel, team and emotion from a rename', async () => {
        // 4 of 10 weighted tokens in common (channel, owner, emotion, moment of truth; not the title): below the 0.6 of a rename.
        const head = ADHESION.replace('touchpoint EnvoiCarte "Envoi de la carte"', 'touchpoint EnvoiAttestation "Envoi de l\'attestation"')
            .replace('share(EnvoiCarte', 'share(EnvoiAttestation');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'a.journey': head });
        expect(diff.changes.filter(c => c.element.kind === 'touchpoint').map(c => [c.type, c.element.id])).toEqual([
            ['added', 'EnvoiAttestation'], ['removed', 'EnvoiCarte']
        ]);
    });

    it('detects a renamed channel with the touchpoints that use it', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION },
            { 'c.journey': CATALOG.replace('channel Courrier', 'channel Poste'), 'a.journey': ADHESION.replace(/via Courrier/g, 'via Poste') });
        expect(messages(diff)).toEqual(['channel "Courrier postal" renamed from Courrier to Poste (used by 2 touchpoints)']);
    });

    it('reports a removed channel and how many touchpoints used it', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION },
            { 'c.journey': CATALOG.replace('channel Fax "Fax" offline\n', ''), 'a.journey': ADHESION.replace('via Fax', 'via Email') });
        expect(messages(diff)).toContain('channel "Fax" removed (it was used by 1 touchpoint)');
    });

    it('reports a touchpoint moved to another stage, and reordering', async () => {
        const moved = ADHESION
            .replace('    touchpoint Signature "Signature électronique" via Web\n', '')
            .replace('  stage Carte "Réception de la carte" {\n', '  stage Carte "Réception de la carte" {\n    touchpoint Signature "Signature électronique" via Web\n');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'a.journey': moved });
        expect(messages(diff)).toEqual(['touchpoint "Signature électronique" moved from stage "Souscription" to stage "Réception de la carte"']);
        const reordered = ADHESION.replace(/(    touchpoint Appel.*\n)(    touchpoint Relance.*\n)/, '$2$1');
        const diff2 = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'a.journey': reordered });
        expect(messages(diff2)).toEqual(['touchpoints of stage "Support" reordered: "Appel au support" moved']);
    });

    it('reports a journey moved to another file as a file move only', async () => {
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': CATALOG, 'b/adhesion.journey': ADHESION });
        expect(diff.changes.map(c => c.type)).toEqual(['file-moved']);
        expect(messages(diff)).toEqual(['journey "Adhésion à la mutuelle santé" moved from file a.journey to b/adhesion.journey']);
    });

    it('moves a touchpoint between journeys', async () => {
        const other = 'journey Cible "Parcours cible" {\n  stage Carte "Carte" {\n  }\n}\n';
        const withCard = other.replace('  stage Carte "Carte" {\n', '  stage Carte "Carte" {\n    touchpoint Appel "Appel au support" via Fax by Support\n');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION, 'b.journey': other },
            { 'c.journey': CATALOG, 'a.journey': ADHESION.replace('    touchpoint Appel "Appel au support" via Fax by Support\n', ''), 'b.journey': withCard });
        expect(messages(diff)).toContain('touchpoint "Appel au support" moved from journey "Adhésion à la mutuelle santé", stage "Support" to journey "Parcours cible", stage "Carte"');
    });

    it('does not list a window spelt differently (48 h, 2 days)', async () => {
        const base = ADHESION.replace('within J+1', 'within 48 h');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': base }, { 'c.journey': CATALOG, 'a.journey': base.replace('within 48 h', 'within 2 days') });
        expect(diff.changes.map(c => c.type === 'changed' && c.impliedBy)).toEqual(['spelling']);
        expect(formatDiff(diff, 'text')).toContain('No change to the journeys');
    });

    it('explains deadline, window and attribute changes', async () => {
        const head = ADHESION.replace('within J+1', 'within J+2').replace('emotion -1', 'emotion +1').replace('severity high', 'severity low')
            .replace('    touchpoint Signature "Signature électronique" via Web\n', '    touchpoint Signature "Signature électronique" via Web {\n      moment of truth\n    }\n');
        const catalog = CATALOG.replace('by 2027-06', 'by 2027-12');
        const diff = await diffTexts({ 'c.journey': CATALOG, 'a.journey': ADHESION }, { 'c.journey': catalog, 'a.journey': head });
        expect(messages(diff)).toEqual([
            'deadline of KPI "NPS relationnel" moved later from June 2027 to December 2027',
            'emotion at touchpoint "Devis en ligne" improved from -1 to +1',
            'pain points of touchpoint "Devis en ligne": changed the severity of “Formulaire de 40 champs” from high to low',
            'touchpoint "Signature électronique" is now a moment of truth',
            'window of KPI "Cartes envoyées à J+1" widened from J+1 to J+2'
        ]);
    });
});
