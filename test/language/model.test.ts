import { describe, expect, it } from 'vitest';
import { CATALOG, workspaceOf } from './helpers.js';

const JOURNEYS = `
kpi NpsGlobal "NPS relationnel" { measures nps mode cold target >= 30 by 2027-06 }

journey Actuel "Adhésion actuelle" {
  description "Tel qu'observé en 2026"
  persona Assure
  owner LoveTeam
  state current
  stage Souscription "Souscription" {
    owner Gestion
    touchpoint Devis "Devis en ligne" via Web, Telephone {
      description "Formulaire \\"long\\""
      actors Assure, Gestion
      emotion -1
      pain "Formulaire de 40 champs" severity high
      pain "Pas de sauvegarde"
      opportunity "Pré-remplir"
      customer action "Remplit le formulaire"
      frontstage "Formulaire web"
      backstage "Calcul du tarif"
      support system "Moteur de tarification"
      evidence "Email de confirmation"
    }
    touchpoint Signature "Signature électronique" via Web
  }
  stage Carte "Réception de la carte" {
    touchpoint EnvoiCarte "Envoi de la carte" via Courrier by Gestion {
      moment of truth
      emotion +2
    }
  }
  kpi CartesJ1 "Cartes envoyées à J+1" {
    measures share(EnvoiCarte within J+1 of Signature)
    scope touchpoint EnvoiCarte
    frequency monthly
    target ≥ 95% by 2027-06 warning 90%
  }
  kpi Delai "Délai" { measures duration(Signature to EnvoiCarte) p90 target <= 2 days }
  kpi Ouvres "Ouvrés" { measures share(EnvoiCarte within 2 business days of Signature) target >= 99% }
  kpi Heures "Heures" { measures share(EnvoiCarte within 48 h of Signature) target >= 90% }
  kpi Conv "Conversion" { measures conversion(Souscription to Carte) target >= 60% }
  kpi Appels "Appels" { measures count(Devis) per channel scope channel Telephone }
  track NpsGlobal
}

journey Cible "Adhésion cible" {
  state target
  improves Actuel
  stage Souscription { touchpoint Signature via Web }
}

kpi Reprise "Reprise" { measures csat scope stage Actuel.Souscription target >= 80% }
`;

describe('journey model', async () => {
    const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'parcours/adhesion.journey': JOURNEYS });
    const { model } = workspace;
    const actuel = model.journeys[0];
    const devis = actuel.stages[0].touchpoints[0];
    const kpi = (id: string) => actuel.kpis.find(k => k.id === id)!;

    it('is versioned and lists the catalogs with ids and titles', () => {
        expect(model.schemaVersion).toBe(2);
        expect(model.channels.map(c => [c.id, c.title, c.kind])).toEqual([
            ['Web', 'Site web', 'online'], ['Courrier', 'Courrier postal', 'offline'], ['Telephone', 'Téléphone', 'offline']
        ]);
        expect(model.personas).toEqual([{ id: 'Assure', title: 'Assuré', file: 'catalog.journey', line: 5 }]);
        expect(model.teams.map(t => t.id)).toEqual(['Gestion', 'LoveTeam']);
        expect(model.kpis.map(k => k.id)).toEqual(['NpsGlobal', 'Reprise']);
    });

    it('describes journeys with their file, state, personas and owner as ids', () => {
        expect(actuel).toMatchObject({
            id: 'Actuel', title: 'Adhésion actuelle', description: "Tel qu'observé en 2026", file: 'parcours/adhesion.journey',
            state: 'current', personas: ['Assure'], owner: 'LoveTeam', emotionScale: { min: -2, max: 2 }
        });
        expect(model.journeys[1]).toMatchObject({ id: 'Cible', state: 'target', improves: 'Actuel', title: 'Adhésion cible' });
        expect(actuel.stages.map(s => s.id)).toEqual(['Souscription', 'Carte']);
    });

    it('describes touchpoints fully', () => {
        expect(devis).toMatchObject({
            id: 'Devis', title: 'Devis en ligne', description: 'Formulaire "long"', channels: ['Web', 'Telephone'],
            actors: ['Assure', 'Gestion'], emotion: -1, momentOfTruth: false,
            painPoints: [{ text: 'Formulaire de 40 champs', severity: 'high' }, { text: 'Pas de sauvegarde' }],
            opportunities: ['Pré-remplir'],
            blueprint: {
                customerActions: ['Remplit le formulaire'], frontstage: ['Formulaire web'], backstage: ['Calcul du tarif'],
                supportSystems: ['Moteur de tarification'], evidence: ['Email de confirmation']
            }
        });
        expect(actuel.stages[1].touchpoints[0]).toMatchObject({ id: 'EnvoiCarte', owner: 'Gestion', momentOfTruth: true, emotion: 2 });
        expect(actuel.stages[0].owner).toBe('Gestion');
    });

    it('describes the J+1 KPI with its window, scope and target', () => {
        expect(kpi('CartesJ1')).toMatchObject({
            kind: 'share', unit: '%', direction: 'higher', frequency: 'monthly',
            measure: { kind: 'share', reached: 'EnvoiCarte', start: 'Signature', window: { kind: 'calendar-days', days: 1, text: 'J+1' } },
            scope: { level: 'touchpoint', ref: 'EnvoiCarte' },
            target: { comparator: '>=', value: 95, unit: '%', deadline: '2027-06', warning: 90, text: '≥ 95 %' }
        });
    });

    it('turns windows, durations and flows into plain values', () => {
        expect(kpi('Delai')).toMatchObject({ kind: 'duration', direction: 'lower', measure: { start: 'Signature', end: 'EnvoiCarte', statistic: 'p90' }, target: { comparator: '<=', value: 2, unit: 'days', text: '≤ 2 days' } });
        expect(kpi('Ouvres').measure).toMatchObject({ window: { kind: 'business-days', days: 2 } });
        expect(kpi('Heures').measure).toMatchObject({ window: { kind: 'duration', hours: 48, text: '48 h' } });
        expect(kpi('Conv').measure).toEqual({ kind: 'conversion', from: 'Souscription', to: 'Carte' });
        expect(kpi('Appels')).toMatchObject({ measure: { kind: 'count', of: 'Devis', perChannel: true }, scope: { level: 'channel', ref: 'Telephone' } });
    });

    it('includes tracked catalog KPIs, marked shared', () => {
        expect(kpi('NpsGlobal')).toMatchObject({ kind: 'nps', mode: 'cold', shared: true, unit: 'points', target: { text: '≥ 30' } });
    });

    it('writes references into a journey from outside it with their qualified id', () => {
        expect(model.kpis[1].scope).toEqual({ level: 'stage', ref: 'Actuel.Souscription' });
    });

    it('has no diagnostics for this workspace', () => {
        expect(workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
    });

    it('is plain JSON', () => {
        expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    });
});
