import { describe, expect, it } from 'vitest';
import { csv, metricsOf } from './metrics-helpers.js';

const journey = `
channel Web "Site web" online
channel Courrier "Courrier" offline
source Evenements "Journal des dossiers" events "data/events.csv" {
  column case "dossier"
  column event "evenement"
  column timestamp "horodatage"
  event "SOUSCRIPTION" is Signature
  event "CARTE_ENVOYEE" is EnvoiCarte
}
journey Adhesion "Adhésion" {
  stage Souscription {
    touchpoint Signature "Signature" via Web
  }
  stage Carte {
    touchpoint EnvoiCarte "Envoi de la carte" via Courrier
  }
  kpi CartesJ1 { measures share(EnvoiCarte within J+1 of Signature) target >= 95% warning 90% data Evenements }
  kpi CartesJo { measures share(EnvoiCarte within 1 business days of Signature) data Evenements }
  kpi Cartes24h { measures share(EnvoiCarte within 24 h of Signature) data Evenements }
  kpi Delai { measures duration(Signature to EnvoiCarte) median data Evenements target <= 48 h }
  kpi DelaiMoyen { measures duration(Signature to EnvoiCarte) mean unit days data Evenements }
  kpi Conversion { measures conversion(Souscription to Carte) data Evenements }
  kpi Abandon { measures abandonment(Souscription to Carte) data Evenements }
  kpi Envois { measures count(EnvoiCarte) per channel data Evenements }
}
`;

// Cases (2026-03-02 is a Monday).
const events = [
    ['C1', 'SOUSCRIPTION', '2026-03-02 10:00:00', 'Web'], ['C1', 'CARTE_ENVOYEE', '2026-03-03 09:00:00', 'Courrier'],   // next day, 23 h
    ['C2', 'SOUSCRIPTION', '2026-03-02 23:00:00', 'Web'], ['C2', 'CARTE_ENVOYEE', '2026-03-03 23:00:00', 'Courrier'],   // exactly 24 h
    ['C3', 'SOUSCRIPTION', '2026-03-04 08:00:00', 'Web'], ['C3', 'CARTE_ENVOYEE', '2026-03-04 17:00:00', 'Courrier'],   // same day
    ['C4', 'SOUSCRIPTION', '2026-03-06 16:00:00', 'Web'], ['C4', 'CARTE_ENVOYEE', '2026-03-09 10:00:00', 'Email'],      // Friday → Monday
    ['C5', 'SOUSCRIPTION', '2026-03-10 10:00:00', 'Web'],                                                              // never sent
    ['C6', 'CARTE_ENVOYEE', '2026-03-10 12:00:00', 'Courrier'],                                                        // no start
    ['C7', 'CARTE_ENVOYEE', '2026-03-11 09:00:00', 'Courrier'], ['C7', 'SOUSCRIPTION', '2026-03-12 09:00:00', 'Web'],   // end before start
    ['C8', 'SOUSCRIPTION', '2026-03-02 10:00:00', 'Web'], ['C8', 'CARTE_ENVOYEE', '2026-03-04 10:00:00', 'Courrier'],   // J+2
    ['C9', 'SOUSCRIPTION', '2026-03-07 10:00:00', 'Web'], ['C9', 'CARTE_ENVOYEE', '2026-03-09 10:00:00', 'Courrier'],   // Saturday → Monday
    ['C10', 'SOUSCRIPTION', '2026-03-02 10:00:00', 'Web'], ['C10', 'CARTE_ENVOYEE', '2026-03-03 10:00:01', 'Courrier'], // 24 h + 1 s
    ['C10', 'APPEL', '2026-03-02 11:00:00', 'Telephone']                                                               // not mapped
];

describe('J+1 and other event KPIs on a hand-built log', () => {
    it('handles same day, exactly 24 h, weekends, missing start or end and events out of order', async () => {
        const { byId } = await metricsOf({
            'adhesion.journey': journey,
            'data/events.csv': csv('dossier,evenement,horodatage,channel', events)
        });
        // 9 cases have the start (C6 has none); J+1: C1, C2, C3, C10.
        expect(byId.CartesJ1.points).toMatchObject([
            { period: '2026-03', value: 400 / 9 },
            { period: '2026-03', segment: 'Web', value: 400 / 9 }
        ]);
        expect(byId.CartesJ1.status).toBe('missed');
        expect(byId.CartesJ1.rowsUsed).toBe(18);
        expect(byId.CartesJ1.rowsRejected).toBe(0);
        const codes = byId.CartesJ1.problems.map(p => p.code).sort();
        expect(codes).toEqual(['events-out-of-order', 'missing-start', 'unmapped-event']);
        expect(byId.CartesJ1.problems.find(p => p.code === 'missing-start')!.message).toContain("case 'C6'");
        expect(byId.CartesJ1.problems.find(p => p.code === 'events-out-of-order')!.message).toContain("case 'C7'");
        const unmapped = byId.CartesJ1.problems.find(p => p.code === 'unmapped-event')!;
        expect(unmapped).toMatchObject({ file: 'data/events.csv', severity: 'warning' });
        expect(unmapped.message).toContain("1 row has an event the source 'Evenements' does not map to a touchpoint ('APPEL')");
        expect(unmapped.message).toContain('event "APPEL" is <Touchpoint>');
        // One business day: C1, C2, C3, C4 (Fri → Mon), C9 (Sat → Mon), C10.
        expect(byId.CartesJo.points[0].value).toBeCloseTo(600 / 9, 10);
        // 24 h, inclusive: C1, C2, C3.
        expect(byId.Cartes24h.points[0].value).toBeCloseTo(300 / 9, 10);
        // Hours: 9, 23, 24, 24.0003, 48, 48, 66.
        expect(byId.Delai.points[0].value).toBeCloseTo(24 + 1 / 3600, 9);
        expect(byId.Delai.status).toBe('met');
        expect(byId.DelaiMoyen.points[0].value).toBeCloseTo((9 + 23 + 24 + 24 + 1 / 3600 + 48 + 48 + 66) / 7 / 24, 9);
        // Stages: 7 of the 9 cases reach the card stage after the subscription.
        expect(byId.Conversion.points[0].value).toBeCloseTo(700 / 9, 10);
        expect(byId.Abandon.points[0].value).toBeCloseTo(200 / 9, 10);
        expect(byId.Envois.points).toMatchObject([
            { period: '2026-03', value: 9 },
            { period: '2026-03', segment: 'Courrier', value: 8 },
            { period: '2026-03', segment: 'Email', value: 1 }
        ]);
    });

    it('gives one point per ISO week, quarter or day when the KPI says so', async () => {
        const weekly = journey.replace('kpi CartesJ1 {', 'kpi CartesJ1 { frequency weekly').replace('kpi CartesJo {', 'kpi CartesJo { frequency quarterly')
            .replace('kpi Cartes24h {', 'kpi Cartes24h { frequency daily');
        const { byId } = await metricsOf({ 'adhesion.journey': weekly, 'data/events.csv': csv('dossier,evenement,horodatage,canal', events) });
        expect(byId.CartesJ1.points.map(p => p.period)).toEqual(['2026-W10', '2026-W11']);
        // Week 10: C1 C2 C3 C4 C8 C9 C10 → 4 of 7; week 11: C5 C7 → 0.
        expect(byId.CartesJ1.points.map(p => p.value)).toEqual([400 / 7, 0]);
        expect(byId.CartesJ1.latest).toEqual({ period: '2026-W11', value: 0, n: 2 });
        expect(byId.CartesJ1.trend).toBe('worsening');
        expect(byId.CartesJ1.movement).toBe('down');
        // 4 of 7 then 0 of 2 cases: a fall the two-proportion test cannot tell from chance.
        expect(byId.CartesJ1.change).toMatchObject({ method: 'two-proportion', withinNoise: true, previousN: 7, latestN: 2 });
        expect(byId.CartesJo.points.map(p => p.period)).toEqual(['2026-Q1']);
        expect(byId.Cartes24h.points.map(p => p.period)).toEqual(['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-07', '2026-03-10', '2026-03-12']);
        // Days without a start: 3, 5, 8, 9 and 11 March; on the 3rd, 9th and 11th the file has cards sent (no gap in the export).
        // The days as a reader says them (through the locale's date format), not as keys.
        expect(byId.Cartes24h.problems.filter(p => p.code === 'empty-period').map(p => /^No data for (.+?) \(/.exec(p.message)?.[1])).toEqual(['March 5, 2026', 'March 8, 2026']);
    });
});
