import { describe, expect, it } from 'vitest';
import { csv, metricsOf } from './metrics-helpers.js';

const repeat = <T>(n: number, row: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => row(i));

const journey = (kpis: string) => `
channel Web "Site web" online
source Avis "Réponses au questionnaire" survey "data/avis.csv"
source Clients series "data/clients.csv"
source Achats series "data/achats.csv" {
  column purchases "achats"
  column referrals "parrainages"
}
journey Adhesion "Adhésion" {
  stage Souscription {
    touchpoint Devis "Devis en ligne" via Web
  }
  ${kpis}
}
`;

describe('the worked examples of DOMAIN.md', () => {
    it('computes NPS, CSAT, CES, loyalty, churn, retention and referral from data files', async () => {
        // NPS: 88 promoters, 4 passives, 8 detractors out of 100 answers.
        const nps = [...repeat(88, i => 9 + (i % 2)), ...repeat(4, i => 7 + (i % 2)), ...repeat(8, i => i % 7)];
        const answers = nps.map((score, i) => [`r${i}`, score, '2026-03-10']);
        const { byId } = await metricsOf({
            'adhesion.journey': journey(`
  kpi Nps { measures nps data Avis target >= 70 }
  kpi Churn { measures churn data Clients target <= 1% }
  kpi Retention { measures retention data Clients target >= 99% }
  kpi Referral { measures referral data Achats target >= 5% }`),
            'data/avis.csv': csv('respondent,score,date', answers),
            'data/clients.csv': csv('period,customers,lost', [['2026-03', 2500, 20]]),
            'data/achats.csv': csv('period,achats,parrainages', [['2026-03', 3000, 100]])
        });
        expect(byId.Nps.points).toMatchObject([{ period: '2026-03', value: 80 }]);
        // The sample size and the spread of one answer's score (+100, 0, −100) let a change be told from noise.
        expect(byId.Nps.points[0].n).toBe(100);
        expect(byId.Nps.points[0].sd).toBeCloseTo(Math.sqrt((88 * 20 ** 2 + 4 * 80 ** 2 + 8 * 180 ** 2) / 99), 6);
        expect(byId.Nps.status).toBe('met');
        expect(byId.Nps.rowsUsed).toBe(100);
        expect(byId.Nps.rowsRejected).toBe(0);
        expect(byId.Churn.points[0].value).toBeCloseTo(0.8, 10);
        expect(byId.Churn.status).toBe('met');
        expect(byId.Retention.points[0].value).toBeCloseTo(99.2, 10);
        expect(byId.Referral.points[0].value).toBeCloseTo(3.333, 3);
        expect(Math.round(byId.Referral.points[0].value * 10) / 10).toBe(3.3);
        expect(byId.Referral.status).toBe('missed');
    });

    it('computes CSAT 37/50 → 74 %, CES 10,10,8,6,9 → 8.6 and a loyalty index', async () => {
        const csat = [...repeat(37, i => 4 + (i % 2)), ...repeat(13, i => 1 + (i % 3))];
        const { byId } = await metricsOf({
            'adhesion.journey': journey(`
  kpi Csat { measures csat data Avis target >= 80% }
  kpi Effort { measures ces data Effort }
  kpi Fidelite { measures loyalty data Fidelite }`).replace('journey Adhesion', `source Effort survey "data/ces.jsonl"
source Fidelite survey "data/fidelite.csv" { column respondent "client" column score "note" }
journey Adhesion`),
            'data/avis.csv': csv('respondent,score,date', csat.map((s, i) => [`r${i}`, s, '2026-04-02'])),
            'data/ces.jsonl': [10, 10, 8, 6, 9].map((score, i) => JSON.stringify({ respondent: `c${i}`, score, date: '2026-04-03' })).join('\n') + '\n',
            'data/fidelite.csv': csv('client;note', [['a', 10], ['b', 1]]).replace(/,/g, ';')
        });
        expect(byId.Csat.points).toMatchObject([{ period: '2026-04', value: 74 }]);
        expect(byId.Csat.status).toBe('missed');
        expect(byId.Effort.points[0].value).toBeCloseTo(8.6, 10);
        expect(byId.Effort.points[0]).toMatchObject({ n: 5 });
        expect(byId.Effort.points[0].sd).toBeCloseTo(Math.sqrt(2.8), 6);
        expect(byId.Csat.points[0].n).toBe(50);
        expect(byId.Effort.status).toBe('no-data'); // no target: a value but no verdict
        expect(byId.Fidelite.points).toMatchObject([{ period: 'all', value: 50 }]);
    });
});
