/**
 * What the metrics engine and the warehouse say about data and bindings, in English and in
 * French: the real engine (DuckDB) and the real `journey metrics` / `journey sql` commands on a
 * workspace whose data has every kind of problem. Codes stay the same in both languages; the
 * French is checked by its content, as a French CX analyst reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { formatQueries, localFiles, warehouseQueries } from '../../src/metrics/warehouse-sql.js';
import { loadWorkspace, type JourneyWorkspace } from '../../src/node/journey-workspace.js';
import type { DataProblem, KpiResult } from '../../src/language/model/kpi-results.js';
import { csv, removeWorkspace, tempWorkspace, TODAY } from './metrics-helpers.js';

const JOURNEY = `
source Journal events "data/journal.csv" {
  event "DEBUT" is Debut
  event "FIN" is Fin
}
source Absent events "data/absent.csv"
source Tableur events "data/journal.xlsx"
source Renomme events "data/renomme.csv" {
  column case "dossier"
}
source Latin events "data/latin.csv"
source Casse events "data/casse.jsonl"
source Avis survey "data/avis.csv"
source Taux series "data/taux.csv"
journey J {
  stage S { touchpoint Debut touchpoint Fin }
  kpi Delai { measures share(Fin within J+1 of Debut) target >= 90% data Journal }
  kpi Debuts { measures count(Debut) data Journal }
  kpi ParCanal { measures conversion(Debut to Fin) per channel data Journal }
  kpi Attente { measures duration(Debut to Fin) p90 unit hours data Journal }
  kpi A { measures count data Absent }
  kpi B { measures count data Tableur }
  kpi C { measures count data Renomme }
  kpi D { measures count data Latin }
  kpi E { measures count data Casse }
  kpi Nps { measures nps respondent "acheteur" data Avis }
  kpi Suivi { measures rate target >= 90% data Taux }
}
`;

const FILES = {
    'j.journey': JOURNEY,
    'data/journal.csv': csv('case,event,timestamp', [
        ['A', 'DEBUT', '2026-01-05 09:00'], ['A', 'FIN', '2026-01-05 18:00'],
        // the same row again: one event, said once
        ['A', 'DEBUT', '2026-01-05 09:00'],
        // two cases end without a start
        ['B', 'FIN', '2026-01-06 10:00'], ['F', 'FIN', '2026-01-07 10:00'],
        // an end only before the start; nothing in February
        ['C', 'DEBUT', '2026-03-10 10:00'], ['C', 'FIN', '2026-03-09 10:00'],
        // two rows of an event no touchpoint maps
        ['D', 'APPEL', '2026-01-07 10:00'], ['G', 'APPEL', '2026-01-07 11:00'],
        // an empty cell, an impossible date
        ['', 'DEBUT', '2026-01-08 10:00'], ['E', 'DEBUT', '2026-13-45']
    ]),
    'data/journal.xlsx': 'PK',
    'data/renomme.csv': csv('case,event,timestamp', [['1', 'Debut', '2026-01-01']]),
    'data/latin.csv': Buffer.from('case,event,timestamp\nA,Caf\xe9,2026-01-01\n', 'latin1'),
    'data/casse.jsonl': '{"case": "1", "event": "Debut", "timestamp": "2026-01-05"}\n{"case": "1", "event": "Fin", "times',
    'data/avis.csv': csv('respondent,score,date', [
        ['r1', 9, '2026-03-02'], ['r1', 9, '2026-03-02'], ['r2', 11, '2026-03-03'], ['r3', 'neuf', '2026-03-04'], ['r4', 7, '2026-03-05']
    ]),
    'data/taux.csv': 'period,value\n2026-01,80\n2026-13,5\n2026-02,abc\n2026-01,81\n'
};

let root: string;
let workspace: JourneyWorkspace;
const results: Record<'en' | 'fr', KpiResult[]> = { en: [], fr: [] };

beforeAll(async () => {
    root = tempWorkspace(FILES);
    workspace = await loadWorkspace(['.'], { cwd: root });
    expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    results.en = (await computeMetrics(workspace.model, root, { today: TODAY, locale: 'en' })).results;
    results.fr = (await computeMetrics(workspace.model, root, { today: TODAY, locale: 'fr' })).results;
}, 120_000);

afterAll(() => removeWorkspace(root));

/** French keeps « quotes » and the word before `:` and `;` together with no-break spaces; compared here as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The problem of a KPI in a locale, by code (each code once per KPI here), no-break spaces as plain ones. */
function problem(locale: 'en' | 'fr', kpi: string, code: string): string {
    const found = results[locale].find(r => r.kpi === kpi)!.problems.filter(p => p.code === code);
    expect(found, `${locale} ${kpi} ${code}`).toHaveLength(1);
    return plain(found[0].message);
}

/** English words that have no place in a French sentence (the DSL's keywords, such as `case`, aside). */
const ENGLISH = /\b(the|rows?|answers?|left out|not counted|does not|which|found|with|without|file has)\b/i;

describe('data problems follow the locale, their codes do not', () => {
    it('gives the same problems (codes, files, lines, severities) in both languages', () => {
        const shape = (list: KpiResult[]) => list.map(r => [r.kpi, r.status, r.rowsUsed, r.rowsRejected, r.problems.map(({ message: _, ...rest }: DataProblem) => rest)]);
        expect(shape(results.fr)).toEqual(shape(results.en));
        const codes = new Set(results.fr.flatMap(r => r.problems.map(p => p.code)));
        expect([...codes].sort()).toEqual([
            'approximate', 'duplicate-answers', 'duplicate-rows', 'empty-period', 'events-out-of-order', 'missing-column', 'missing-file', 'missing-start',
            'missing-value', 'not-utf8', 'score-out-of-range', 'series-duplicate', 'series-period', 'series-value', 'unknown-format', 'unmapped-event',
            'unparsable-date', 'unparsable-number', 'unreadable-file', 'unsuitable-source'
        ]);
        for (const p of results.fr.flatMap(r => r.problems)) {
            // DuckDB's own words about a broken file are quoted as DuckDB says them.
            if (p.code !== 'unreadable-file') expect(p.message, p.code).not.toMatch(ENGLISH);
        }
    });

    it('rejected rows: empty cell, impossible date, unmapped events, repeated rows', () => {
        expect(problem('en', 'Delai', 'missing-value')).toBe("1 row without a case in the column 'case' (line 11): left out. Fill the cells or remove the rows.");
        expect(problem('fr', 'Delai', 'missing-value')).toBe('1 ligne rejetée : cellule vide pour le champ case dans la colonne « case » (ligne 11). Remplissez les cellules ou supprimez les lignes.');
        expect(problem('en', 'Delai', 'unparsable-date')).toContain("1 row with a timestamp that is not a date in the column 'timestamp' (line 12, e.g. '2026-13-45'): left out.");
        expect(problem('fr', 'Delai', 'unparsable-date')).toBe('1 ligne rejetée : le champ timestamp n’est pas une date possible dans la colonne « timestamp » (ligne 12, p. ex. « 2026-13-45 »). '
            + 'Écrivez les dates comme 2026-03-15 ou 2026-03-15 14:30 (ou 15/03/2026).');
        expect(problem('en', 'Delai', 'unmapped-event')).toBe("2 rows have events the source 'Journal' does not map to a touchpoint ('APPEL'): not used. If one matters, add `event \"APPEL\" is <Touchpoint>` to the source (j.journey:2).");
        expect(problem('fr', 'Delai', 'unmapped-event')).toBe('2 lignes ont des événements que la source « Journal » n’associe à aucun point de contact (« APPEL ») : lignes non utilisées. '
            + 'Si l’un d’eux compte, ajoutez `event "APPEL" is <PointDeContact>` à la source (j.journey:2).');
        expect(problem('en', 'Debuts', 'duplicate-rows')).toBe("1 row repeats an earlier row (same case, event and time; e.g. case 'A'): counted once. Remove the duplicates at the export.");
        expect(problem('fr', 'Debuts', 'duplicate-rows')).toBe('1 ligne en double (même cas, même événement et même heure qu’une ligne précédente ; p. ex. le cas « A ») : l’événement ne compte qu’une fois. Supprimez les doublons à l’export.');
    });

    it('writes French with no-break spaces inside « » and before : and ;, so that a line never breaks there', () => {
        const message = results.fr.find(r => r.kpi === 'Delai')!.problems.find(p => p.code === 'empty-period')!.message;
        expect(message).toBe('Aucune donnée pour février 2026 (entre la première et la dernière période de «\u00a0Delai\u00a0»)\u202f: vérifiez que le fichier contient les lignes de cette période.');
    });

    it('cases: missing start, events out of order; periods without data, as the locale names them', () => {
        expect(problem('en', 'Delai', 'missing-start')).toContain("2 cases have the end event of 'Delai' but not its start (e.g. case 'B'): not counted.");
        expect(problem('fr', 'Delai', 'missing-start')).toBe('Événement de début manquant : 2 cas ont l’événement de fin de « Delai » sans son événement de début (p. ex. le cas « B ») : non comptés. '
            + 'Vérifiez que l’export couvre les événements de début (Debut) de ces cas.');
        expect(problem('en', 'Delai', 'events-out-of-order')).toContain("1 case has the end event only before the start event (e.g. case 'C'): counted as not reached.");
        expect(problem('fr', 'Delai', 'events-out-of-order')).toBe('Événements dans le désordre : 1 cas n’a l’événement de fin qu’avant l’événement de début (p. ex. le cas « C ») : compté comme non atteint. '
            + 'Vérifiez les horodatages et les fuseaux horaires de ces événements.');
        expect(problem('en', 'Delai', 'empty-period')).toBe("No data for February 2026 (between the first and the last period of 'Delai'): check that the file holds that period's rows.");
        expect(problem('fr', 'Delai', 'empty-period')).toBe('Aucune donnée pour février 2026 (entre la première et la dernière période de « Delai ») : vérifiez que le fichier contient les lignes de cette période.');
    });

    it('binding errors: a breakdown whose column the file lacks; an approximate note of the engine is none', () => {
        expect(problem('en', 'ParCanal', 'unsuitable-source')).toBe("The KPI 'ParCanal' is broken down per channel but its source 'Journal' has no channel column: add `column channel \"<column>\"` to the source.");
        expect(problem('fr', 'ParCanal', 'unsuitable-source')).toBe('Le KPI « ParCanal » est ventilé par channel, mais sa source « Journal » n’a pas de colonne channel : ajoutez `column channel "<colonne>"` à la source.');
        // DuckDB's percentiles are exact: no note there (BigQuery's are, below).
        expect(results.fr.find(r => r.kpi === 'Attente')!.problems.map(p => p.code)).not.toContain('approximate');
    });

    it('files: missing, of an unknown kind, without the mapped column, not UTF-8, broken', () => {
        expect(problem('fr', 'A', 'missing-file')).toBe('Le fichier de données « data/absent.csv » de la source « Absent » n’existe pas (cherché : data/absent.csv) : ajoutez le fichier ou corrigez le chemin, qui part de j.journey.');
        expect(problem('fr', 'B', 'unknown-format')).toContain('« data/journal.xlsx » de la source « Tableur » n’est pas un fichier .csv, .jsonl ou .parquet : convertissez-le');
        expect(problem('en', 'C', 'missing-column')).toBe("The file has no column 'dossier' for the case; its columns are 'case', 'event', 'timestamp': fix the line `column case \"dossier\"` of the source 'Renomme' (j.journey:8).");
        expect(problem('fr', 'C', 'missing-column')).toBe('Le fichier n’a pas de colonne « dossier » pour le champ case ; ses colonnes sont « case », « event », « timestamp » : '
            + 'corrigez la ligne `column case "dossier"` de la source « Renomme » (j.journey:8).');
        expect(problem('fr', 'D', 'not-utf8')).toMatch(/^« data\/latin\.csv » n’est pas enregistré en UTF-8 : la ligne 2 contient du texte qui n’est pas en UTF-8/);
        expect(problem('en', 'E', 'unreadable-file')).toMatch(/^Cannot read 'data\/casse\.jsonl' as JSON: .+\. Check that the file is complete and well-formed\.$/);
        expect(problem('fr', 'E', 'unreadable-file')).toMatch(/^Impossible de lire « data\/casse\.jsonl » comme fichier JSON : .+\. Vérifiez que le fichier est complet et bien formé\.$/);
    });

    it('survey answers: repeated, out of scale, unreadable; the respondent the survey cannot tell', () => {
        expect(problem('en', 'Nps', 'duplicate-answers')).toBe('1 answer repeats an earlier answer of the same respondent (same date), lines 3: only the first answer counts. Remove the repeats, or add a date column.');
        expect(problem('fr', 'Nps', 'duplicate-answers')).toBe('1 réponse en double : même répondant qu’une réponse précédente (même date), lignes 3 : seule la première réponse compte. Supprimez les doublons, ou ajoutez une colonne de date.');
        expect(problem('en', 'Nps', 'score-out-of-range')).toBe("1 answer outside the scale of 'Nps' (lines 4, e.g. '11'): left out; NPS answers are 0 to 10.");
        expect(problem('fr', 'Nps', 'score-out-of-range')).toBe('1 réponse hors échelle pour « Nps » (lignes 4, p. ex. « 11 ») : rejetée ; les réponses NPS vont de 0 à 10.');
        expect(problem('fr', 'Nps', 'unparsable-number')).toBe('1 ligne rejetée : le champ score n’est pas un nombre lisible dans la colonne « score » (ligne 5, p. ex. « neuf »). Écrivez des nombres comme 8 ou 7,5.');
        expect(problem('fr', 'Nps', 'approximate')).toBe('L’enquête de « Nps » ne dit pas qui a répondu (pas de colonne respondent_type) : sa valeur compte toutes les réponses, pas seulement celles du répondant « acheteur ».');
    });

    it('series files: a line that is no period, a value that is no number, a period given twice', () => {
        expect(problem('en', 'Suivi', 'series-period')).toBe("'2026-13' is not a period: write it as 2026-03, 2026-03-15, 2026-Q1 or 2026-W12.");
        expect(problem('fr', 'Suivi', 'series-period')).toBe('« 2026-13 » n’est pas une période : écrivez-la sous la forme 2026-03, 2026-03-15, 2026-Q1 ou 2026-W12.');
        expect(problem('fr', 'Suivi', 'series-value')).toMatch(/^« abc » n’est pas un nombre \(période 2026-02\) : écrivez des chiffres/);
        expect(problem('fr', 'Suivi', 'series-duplicate')).toBe('2026-01 figure déjà à la ligne 2 : gardez une ligne par période ; celle-ci est ignorée.');
    });
});

describe('the warehouse SQL follows the locale', () => {
    it('notes and binding errors in French, the SQL itself the same', async () => {
        const { columns, unreadable } = await localFiles(workspace.model, root);
        const english = warehouseQueries(workspace.model, 'bigquery', { columns, unreadable });
        const french = warehouseQueries(workspace.model, 'bigquery', { columns, unreadable, locale: 'fr' })
            .map(q => ({ ...q, ...(q.notes ? { notes: q.notes.map(plain) } : {}), ...(q.error ? { error: plain(q.error) } : {}) }));
        expect(french.map(q => q.sql)).toEqual(english.map(q => q.sql));
        const of = (list: typeof french, kpi: string) => list.find(q => q.kpi === kpi)!;
        expect(of(english, 'Attente').notes).toEqual(['BigQuery: percentiles use APPROX_QUANTILES (approximate).']);
        expect(of(french, 'Attente').notes).toEqual(['BigQuery : les percentiles utilisent APPROX_QUANTILES (valeurs approchées).']);
        expect(of(french, 'Nps').notes).toEqual([
            'L’enquête de « Nps » ne dit pas qui a répondu (pas de colonne respondent_type) : sa valeur compte toutes les réponses, pas seulement celles du répondant « acheteur ».',
            expect.stringMatching(/^l’enquête « Avis » n’associe aucune colonne `line`/)
        ]);
        // A local file that exists but does not read: the SQL is written from the declaration, and says so.
        expect(Object.keys(unreadable).sort()).toEqual(['Casse', 'Latin']);
        expect(of(english, 'E').notes).toEqual([expect.stringMatching(/^the local data file 'data\/casse\.jsonl' of the source 'Casse' cannot be read \(.+\): this SQL is written from the source's declaration alone/)]);
        expect(of(french, 'E').notes).toEqual([expect.stringMatching(/^le fichier de données local « data\/casse\.jsonl » de la source « Casse » ne se lit pas \(.+\) : cette requête est écrite d’après la seule déclaration de la source/)]);
        expect(of(english, 'C').error).toBe("The table of the source 'Renomme' has no column 'dossier' (case).");
        expect(of(french, 'C').error).toBe('La table de la source « Renomme » n’a pas de colonne « dossier » (case).');
        expect(of(french, 'ParCanal').error).toBe('Le KPI « ParCanal » est ventilé par channel, mais sa source « Journal » n’a pas de colonne channel : ajoutez `column channel "<colonne>"` à la source.');
        const text = plain(formatQueries(french, workspace.model, 'bigquery', 'fr'));
        expect(text).toMatch(/^-- Requêtes des KPI générées par `journey sql --dialect bigquery`\. Chacune renvoie period, segment \(NULL = tout le monde\), value, n\.\n/);
        expect(text).toContain('-- J.Delai : Delai (fréquence mensuelle, cible ≥ 90 %), depuis Journal\n');
        expect(text).toContain('-- remarque : BigQuery : les percentiles utilisent APPROX_QUANTILES (valeurs approchées).');
        expect(text).toContain('-- J.C : C (fréquence mensuelle), depuis Renomme\n-- non générée : La table de la source « Renomme » n’a pas de colonne « dossier » (case).');
    });

    it('`journey sql` speaks French with LANG=fr_FR.UTF-8, `journey metrics` with --lang fr', async () => {
        let out = '';
        let err = '';
        const io = { out: (t: string) => { out += plain(t); }, err: (t: string) => { err += plain(t); }, cwd: root };
        expect(await main(['sql', '--dialect', 'postgres', '--kpi', 'ParCanal', '--kpi', 'Nps'], io, { LANG: 'fr_FR.UTF-8' })).toBe(1);
        expect(out).toContain('-- J.ParCanal : ParCanal (fréquence mensuelle), depuis Journal\n-- non générée : Le KPI « ParCanal » est ventilé par channel');
        expect(out).toContain('-- remarque : L’enquête de « Nps » ne dit pas qui a répondu');
        expect(err).toBe('journey sql: J.ParCanal: Le KPI « ParCanal » est ventilé par channel, mais sa source « Journal » n’a pas de colonne channel : ajoutez `column channel "<colonne>"` à la source.\n');
        out = '';
        err = '';
        expect(await main(['metrics', '--kpi', 'Delai', '--today', '2026-06-15', '--lang', 'fr'], io, {})).toBe(0);
        // The problem lines keep `file: severity: message [code]` for CI matchers; the message is French.
        expect(out).toContain('data/journal.csv: warning: Aucune donnée pour février 2026 (entre la première et la dernière période de « Delai ») : vérifiez que le fichier contient les lignes de cette période. [empty-period]');
        expect(out).toContain('data/journal.csv:11: error: 1 ligne rejetée : cellule vide pour le champ case');
        out = '';
        expect(await main(['metrics', '--kpi', 'Delai', '--today', '2026-06-15', '--format', 'markdown'], io, { LC_ALL: 'fr_FR.UTF-8' })).toBe(0);
        expect(out).toContain('**Problèmes dans les données**');
        expect(out).toMatch(/^- `data\/journal\.csv:11` erreur : 1 ligne rejetée : cellule vide pour le champ case/m);
    });
});
