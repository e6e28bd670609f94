import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { csv, removeWorkspace, tempWorkspace } from './metrics-helpers.js';

const journey = `
source Journal "Journal des dossiers" events "data/journal.csv" {
  column case "dossier"
  column channel "canal"
  event "SIGNATURE" is Signature
  event "CARTE" is EnvoiCarte
}
source Avis survey "data/avis.jsonl"
source Manquant events "data/absent.parquet"
journey Adhesion {
  stage Souscription { touchpoint Signature }
  stage Carte { touchpoint EnvoiCarte }
  kpi CartesJ1 "Cartes à J+1" { measures share(EnvoiCarte within J+1 of Signature) target >= 50% data Journal }
  kpi Nps { measures nps target >= 30 warning 20 data Avis }
  kpi Perdu { measures count data Manquant }
  kpi Envois { measures count(EnvoiCarte) data Journal }
  kpi SansDonnees { measures ces }
}
`;

let root: string;
async function run(...args: string[]) {
    let out = '';
    let err = '';
    const code = await main(args, { out: t => { out += t; }, err: t => { err += t; }, cwd: root });
    return { code, out, err };
}

beforeAll(() => {
    root = tempWorkspace({
        'adhesion.journey': journey,
        'data/journal.csv': csv('dossier,event,timestamp,canal', [
            ['A', 'SIGNATURE', '2026-03-02 10:00', 'Web'], ['A', 'CARTE', '2026-03-03 10:00', 'Courrier'],
            ['B', 'SIGNATURE', '2026-03-05 10:00', 'Agence'], ['B', 'CARTE', '2026-03-09 10:00', 'Courrier'],
            ['C', 'SIGNATURE', '31/03/2026', 'Web'], ['C', 'CARTE', 'demain', 'Courrier'],
            ['C', 'SIGNATURE', '31/03/2026', 'Web']
        ]),
        'data/avis.jsonl': ['{"respondent":"r1","score":10,"date":"2026-03-01"}', '{"respondent":"r2","score":6,"date":"2026-03-02"}',
            '{"respondent":"r3","score":"dix","date":"2026-03-03"}', '{"respondent":"r4","score":12,"date":"2026-03-04"}',
            '{"respondent":"r1","score":10,"date":"2026-03-01"}'].join('\n') + '\n'
    });
});
afterAll(() => removeWorkspace(root));

describe('journey metrics', () => {
    it('prints JSON with value, period, target, status and rows used and rejected per KPI', async () => {
        const { code, out } = await run('metrics', '--format', 'json', '--today', '2026-06-01');
        expect(code).toBe(0);
        const report = JSON.parse(out);
        const byId = Object.fromEntries(report.kpis.map((k: { kpi: string }) => [k.kpi, k]));
        expect(byId.CartesJ1).toMatchObject({
            journey: 'Adhesion', title: 'Cartes à J+1', value: 33.33333333, period: '2026-03', status: 'missed',
            target: { text: '≥ 50 %', value: 50 }, rowsUsed: 6, rowsRejected: 2
        });
        // Rejected: the unparsable date 'demain' and the repeated row of case C.
        expect(byId.CartesJ1.problems.map((p: { code: string }) => p.code).sort()).toEqual(['duplicate-rows', 'unparsable-date']);
        expect(byId.CartesJ1.problems.find((p: { code: string }) => p.code === 'unparsable-date')).toMatchObject({ file: 'data/journal.csv', line: 7 });
        // NPS: r1 10 (promoter), r2 6 (detractor); 'dix' unparsable, 12 out of the scale, r1's repeat ignored.
        expect(byId.Nps).toMatchObject({ value: 0, status: 'missed', rowsUsed: 2, rowsRejected: 3 });
        expect(byId.Nps.problems.map((p: { code: string; line?: number }) => `${p.code}@${p.line}`).sort())
            .toEqual(['duplicate-answers@5', 'score-out-of-range@4', 'unparsable-number@3']);
        expect(byId.Perdu).toMatchObject({ value: null, status: 'no-data', rowsUsed: 0 });
        expect(byId.Perdu.problems[0]).toMatchObject({ code: 'missing-file', file: 'adhesion.journey', line: 9 });
        expect(byId.SansDonnees).toMatchObject({ value: null, status: 'no-data', source: null, problems: [] });
    });

    it('prints a text report and a Markdown table, and fails on missed targets when asked', async () => {
        const text = await run('metrics');
        expect(text.code).toBe(0);
        expect(text.out).toContain('missed    Adhesion.CartesJ1 "Cartes à J+1": 33.3% (March 2026), target ≥ 50%, 6 rows used, 2 rejected');
        expect(text.out).toContain('no target Adhesion.Envois "Envois": 2 (March 2026), no target, 2 rows used, 2 rejected');
        expect(text.out).toContain("adhesion.journey:9: error: The data file 'data/absent.parquet' of the source 'Manquant' does not exist");
        expect(text.out).toContain('5 KPIs: 0 met, 0 at risk, 0 off track, 2 missed, 2 without data, 1 without target.');
        const markdown = await run('metrics', '--format', 'markdown', '--fail-on', 'missed');
        expect(markdown.code).toBe(1);
        expect(markdown.out).toContain('| Cartes à J+1 (Adhesion.CartesJ1) | 33.3% | March 2026 | ≥ 50% | ❌ missed |');
        expect((await run('metrics', '--kpi', 'SansDonnees', '--fail-on', 'at-risk')).code).toBe(0);
        expect((await run('metrics', '--format', 'xml')).code).toBe(2);
    });

    it('prints the same report in French with --lang fr: statuses, numbers, periods and plurals as a French reader writes them', async () => {
        const text = await run('metrics', '--lang', 'fr');
        expect(text.code).toBe(0);
        expect(text.out).toContain('manqué    Adhesion.CartesJ1 «\u00a0Cartes à J+1\u00a0»\u202f: 33,3\u00a0% (mars 2026), cible ≥ 50\u00a0%, 6 lignes utilisées, 2 rejetées');
        expect(text.out).toContain('pas de cible Adhesion.Envois «\u00a0Envois\u00a0»\u202f: 2 (mars 2026), pas de cible, 2 lignes utilisées, 2 rejetées');
        expect(text.out).toContain('5 KPI\u202f: 0 atteint, 0 à risque, 0 hors trajectoire, 2 manqués, 2 sans données, 1 sans cible.');
        // The problem lines keep their codes and the shape CI matchers read.
        expect(text.out).toMatch(/^adhesion\.journey:9: error: .+ \[missing-file\]$/m);
        const markdown = await run('metrics', '--format', 'markdown', '--lang', 'fr');
        expect(markdown.out).toContain('| KPI | Valeur | Période | Cible | Statut | Tendance | Lignes utilisées | Rejetées |');
        expect(markdown.out).toContain('| Cartes à J+1 (Adhesion.CartesJ1) | 33,3\u00a0% | mars 2026 | ≥ 50\u00a0% | ❌ manqué |');
        expect(markdown.out).toContain('**Problèmes dans les données**');
        expect(markdown.out).toMatch(/^- `adhesion\.journey:9` erreur\u202f: /m);
        // The JSON's fields, statuses and codes are the same in both languages.
        const french = JSON.parse((await run('metrics', '--format', 'json', '--lang', 'fr')).out) as { kpis: Array<{ kpi: string; status: string; problems: Array<{ code: string }> }> };
        const english = JSON.parse((await run('metrics', '--format', 'json')).out) as typeof french;
        const codes = (report: typeof french) => report.kpis.map(k => [k.kpi, k.status, k.problems.map(p => p.code)]);
        expect(codes(french)).toEqual(codes(english));
    });
});

describe('journey sql', () => {
    it('prints one statement per KPI in the dialect asked for, with the table given', async () => {
        const { code, out, err } = await run('sql', '--dialect', 'bigquery', '--table', 'Journal=crm.case_events', '--kpi', 'CartesJ1');
        expect(code).toBe(0);
        expect(err).toBe('');
        expect(out).toContain('-- Adhesion.CartesJ1: Cartes à J+1 (monthly, target ≥ 50 %), from Journal');
        expect(out).toContain('FROM crm.case_events AS src');
        expect(out).toContain("FORMAT_DATETIME('%Y-%m', start_ts)");
        expect(out).toContain('DATE_DIFF(DATE(end_ts), DATE(start_ts), DAY) <= 1');
        expect((await run('sql')).code).toBe(2);
        expect((await run('sql', '--dialect', 'oracle')).code).toBe(2);
    });
});
