/**
 * Issue 16's KPI points computed from data, against values worked out by hand below: the time
 * between two stages and in one stage, conversion between stages broken down by a column of the
 * source's own (`per device`), a count per channel (unchanged), and survey answers filtered by
 * who answered (`respondent "acheteur"`). Each KPI is computed twice, by `journey metrics` (the
 * embedded engine on the CSV files) and by `journey sql`'s statement on a DuckDB table, which
 * must agree. The event log is in Europe/Paris wall time, has a row that cannot be read, a case
 * that starts on 1 April in Paris (31 March in UTC) and one across the change to summer time.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { KpiPoint } from '../../src/language/model/kpi-results.js';
import { computeMetrics, kpisOf } from '../../src/metrics/compute-metrics.js';
import { dialect } from '../../src/metrics/sql-dialect.js';
import { kpiSql } from '../../src/metrics/warehouse-sql.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { TODAY, csv, removeWorkspace, tempWorkspace } from './metrics-helpers.js';

const JOURNEY = `
source Journal events "data/journal.csv" {
  column case "dossier"
  column event "etape"
  column timestamp "horodatage"
  column channel "canal"
  column device "appareil"
  timezone "Europe/Paris"
}
source Avis survey "data/avis.csv" {
  column respondent_type "profil"
}
journey Demarche "Démarche" {
  state current
  stage Demande {
    touchpoint Formulaire
    touchpoint Pieces
  }
  stage Instruction {
    touchpoint Examen
    touchpoint Decision
  }
  kpi EntreEtapes { measures duration(Demande to Instruction) median unit hours data Journal }
  kpi EntreEtapesParAppareil { measures duration(Demande to Instruction) median per device unit hours data Journal }
  kpi DansInstruction { measures duration(Instruction to Instruction) mean unit hours data Journal }
  kpi Passage { measures conversion(Demande to Instruction) per device data Journal }
  kpi Decisions { measures count(Decision) per channel data Journal }
  kpi NpsAcheteurs { measures nps respondent "acheteur" data Avis }
  kpi NpsTous { measures nps data Avis }
  kpi NpsParProfil { measures nps per respondent_type data Avis }
}
`;

// Paris wall times. c4 starts at 00:30 on 1 April (22:30 UTC on 31 March); c6 spans the night of
// 28 to 29 March 2026, when Paris moves from UTC+1 to UTC+2 (24 hours on the clock, 23 elapsed).
const EVENTS: Array<[string, string, string, string, string]> = [
    ['c1', 'Formulaire', '2026-03-02 09:00', 'web', 'mobile'],
    ['c1', 'Pieces', '2026-03-03 09:00', 'web', 'mobile'],
    ['c1', 'Examen', '2026-03-04 09:00', 'web', 'mobile'],
    ['c1', 'Decision', '2026-03-06 09:00', 'web', 'mobile'],
    ['c2', 'Formulaire', '2026-03-10 10:00', 'telephone', 'ordinateur'],
    ['c2', 'Examen', '2026-03-10 22:00', 'telephone', 'ordinateur'],
    ['c2', 'Decision', '2026-03-11 10:00', 'telephone', 'ordinateur'],
    ['c3', 'Formulaire', '2026-03-20 08:00', 'web', 'mobile'],
    ['c3', 'Pieces', '2026-03-21 08:00', 'web', 'mobile'],
    ['c4', 'Formulaire', '2026-04-01 00:30', 'web', 'ordinateur'],
    ['c4', 'Examen', '2026-04-01 01:00', 'web', 'ordinateur'],
    ['c4', 'Decision', '2026-04-02 00:30', 'web', 'ordinateur'],
    ['c6', 'Formulaire', '2026-03-28 12:00', 'web', 'mobile'],
    ['c6', 'Decision', '2026-03-29 12:00', 'web', 'mobile']
];
const BAD_EVENT = ['c5', 'Formulaire', 'pas une date', 'web', 'mobile'];

const ANSWERS: Array<[string, number, string, string]> = [
    ['r1', 9, '2026-03-05', 'acheteur'],
    ['r2', 10, '2026-03-06', 'acheteur'],
    ['r3', 3, '2026-03-07', 'utilisateur'],
    ['r4', 6, '2026-03-08', 'acheteur'],
    ['r5', 8, '2026-03-09', 'utilisateur']
];
const BAD_ANSWER = ['r6', 'dix', '2026-03-10', 'acheteur'];

/** Worked out by hand from the rows above (hours elapsed, periods in Paris). */
const EXPECTED: Record<string, KpiPoint[]> = {
    // Demande starts at its first event, Instruction ends at its last: c1 96 h, c2 24 h, c6 23 h
    // (summer time) in March; c4 24 h in April (1 April in Paris). c3 never reaches Instruction.
    // Without \`per\`, a KPI has a series per channel besides the overall one (as before).
    EntreEtapes: [
        { period: '2026-03', value: 24 }, { period: '2026-03', segment: 'telephone', value: 24 }, { period: '2026-03', segment: 'web', value: (96 + 23) / 2 },
        { period: '2026-04', value: 24 }, { period: '2026-04', segment: 'web', value: 24 }
    ],
    EntreEtapesParAppareil: [
        { period: '2026-03', value: 24 }, { period: '2026-03', segment: 'mobile', value: (96 + 23) / 2 }, { period: '2026-03', segment: 'ordinateur', value: 24 },
        { period: '2026-04', value: 24 }, { period: '2026-04', segment: 'ordinateur', value: 24 }
    ],
    // Time in Instruction: c1 48 h, c2 12 h, c6 0 h (one event: its first is its last) in March; c4 23.5 h in April.
    DansInstruction: [
        { period: '2026-03', value: (48 + 12 + 0) / 3 }, { period: '2026-03', segment: 'telephone', value: 12 }, { period: '2026-03', segment: 'web', value: 24 },
        { period: '2026-04', value: 23.5 }, { period: '2026-04', segment: 'web', value: 23.5 }
    ],
    // March: c1, c3, c6 on mobile (c1 and c6 reach Instruction), c2 on a computer (reaches it); April: c4.
    Passage: [
        { period: '2026-03', value: 75 }, { period: '2026-03', segment: 'mobile', value: 200 / 3 }, { period: '2026-03', segment: 'ordinateur', value: 100 },
        { period: '2026-04', value: 100 }, { period: '2026-04', segment: 'ordinateur', value: 100 }
    ],
    Decisions: [
        { period: '2026-03', value: 3 }, { period: '2026-03', segment: 'telephone', value: 1 }, { period: '2026-03', segment: 'web', value: 2 },
        { period: '2026-04', value: 1 }, { period: '2026-04', segment: 'web', value: 1 }
    ],
    // Buyers: two promoters (9, 10), one detractor (6); everyone adds a detractor (3) and a passive (8).
    NpsAcheteurs: [{ period: '2026-03', value: 100 / 3 }],
    NpsTous: [{ period: '2026-03', value: 0 }],
    NpsParProfil: [{ period: '2026-03', value: 0 }, { period: '2026-03', segment: 'acheteur', value: 100 / 3 }, { period: '2026-03', segment: 'utilisateur', value: -50 }]
};

const rounded = (points: KpiPoint[]) => points
    .map(p => ({ period: p.period, ...(p.segment === undefined ? {} : { segment: p.segment }), value: Math.round(p.value * 1000) / 1000 }))
    .sort((a, b) => `${a.period}|${a.segment ?? ''}`.localeCompare(`${b.period}|${b.segment ?? ''}`));

describe('KPIs between stages, broken down, and filtered by respondent', () => {
    it('journey metrics and journey sql give the values worked out by hand', async () => {
        const root = tempWorkspace({
            'j.journey': JOURNEY,
            'data/journal.csv': csv('dossier,etape,horodatage,canal,appareil', [...EVENTS, BAD_EVENT]),
            'data/avis.csv': csv('respondent,score,date,profil', [...ANSWERS, BAD_ANSWER])
        });
        const duck = await DuckDBInstance.create(':memory:');
        const connection = await duck.connect();
        try {
            const workspace = await loadWorkspace(['.'], { cwd: root });
            expect(workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
            const model = workspace.model;
            const { results } = await computeMetrics(model, root, { today: TODAY });
            const formatOf = (id: string) => model.sources.find(s => s.id === id)!.format;

            // The warehouse: the same rows (the unreadable ones left out, as a typed table cannot hold them).
            await connection.run(`SET TimeZone = 'UTC'`);
            await connection.run('CREATE TABLE "Journal" (dossier VARCHAR, etape VARCHAR, horodatage TIMESTAMP, canal VARCHAR, appareil VARCHAR)');
            await connection.run(`INSERT INTO "Journal" VALUES ${EVENTS.map(e => `('${e[0]}', '${e[1]}', TIMESTAMP '${e[2]}', '${e[3]}', '${e[4]}')`).join(', ')}`);
            await connection.run('CREATE TABLE "Avis" (respondent VARCHAR, score DOUBLE, date TIMESTAMP, profil VARCHAR)');
            await connection.run(`INSERT INTO "Avis" VALUES ${ANSWERS.map(a => `('${a[0]}', ${a[1]}, TIMESTAMP '${a[2]}', '${a[3]}')`).join(', ')}`);
            const columns = {
                Journal: [['dossier', 'VARCHAR'], ['etape', 'VARCHAR'], ['horodatage', 'TIMESTAMP'], ['canal', 'VARCHAR'], ['appareil', 'VARCHAR']],
                Avis: [['respondent', 'VARCHAR'], ['score', 'DOUBLE'], ['date', 'TIMESTAMP'], ['profil', 'VARCHAR']]
            } as Record<string, string[][]>;

            for (const { kpi, journey } of kpisOf(model)) {
                const result = results.find(r => r.kpi === kpi.id)!;
                // The only problem: the unreadable row of its file, left out.
                expect(result.problems.map(p => p.code), kpi.id).toEqual([formatOf(kpi.data!) === 'events' ? 'unparsable-date' : 'unparsable-number']);
                expect(rounded(result.points), `${kpi.id} from the files`).toEqual(rounded(EXPECTED[kpi.id]));
                const source = model.sources.find(s => s.id === kpi.data)!;
                const sql = kpiSql(kpi, { workspace: model, journey }, source, dialect('duckdb'), `"${source.id}"`, columns[source.id].map(([name, type]) => ({ name, type })));
                const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
                const points = rows.filter(r => r.value !== null).map(r => ({ period: String(r.period), value: Number(r.value), ...(r.segment === null ? {} : { segment: String(r.segment) }) }));
                expect(rounded(points), `${kpi.id} by journey sql`).toEqual(rounded(EXPECTED[kpi.id]));
            }
            // The unreadable rows are rejected and said, not counted.
            expect(results.find(r => r.kpi === 'Passage')!.rowsRejected).toBe(1);
            expect(results.find(r => r.kpi === 'NpsTous')!.rowsRejected).toBe(1);
        } finally {
            connection.closeSync();
            duck.closeSync();
            removeWorkspace(root);
        }
    }, 120_000);

    it('says when a survey cannot tell who answered, and counts every answer', async () => {
        const root = tempWorkspace({
            'j.journey': 'source Avis survey "avis.csv"\njourney J { state current stage S { touchpoint T }\n  kpi Nps { measures nps respondent "acheteur" data Avis }\n}\n',
            'avis.csv': csv('respondent,score,date', ANSWERS.map(a => [a[0], a[1], a[2]]))
        });
        try {
            const workspace = await loadWorkspace(['.'], { cwd: root });
            const { results } = await computeMetrics(workspace.model, root, { today: TODAY });
            expect(rounded(results[0].points)).toEqual([{ period: '2026-03', value: 0 }]);
            expect(results[0].problems.map(p => p.message).join('\n')).toContain('no respondent_type column');
        } finally {
            removeWorkspace(root);
        }
    });

    it('a breakdown the data file lacks is said at the KPI, with what to add', async () => {
        const root = tempWorkspace({
            'j.journey': 'source Journal events "e.csv"\njourney J { state current stage S { touchpoint A touchpoint B }\n  kpi K { measures conversion(A to B) per channel data Journal }\n}\n',
            'e.csv': csv('case,event,timestamp', [['k', 'A', '2026-03-01 10:00'], ['k', 'B', '2026-03-02 10:00']])
        });
        try {
            const workspace = await loadWorkspace(['.'], { cwd: root });
            const { results } = await computeMetrics(workspace.model, root, { today: TODAY });
            const problem = results[0].problems.find(p => p.code === 'unsuitable-source');
            expect(problem?.message).toContain('column channel');
            expect(problem?.line).toBe(3);
        } finally {
            removeWorkspace(root);
        }
    });
});
