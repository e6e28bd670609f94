/**
 * KPIs whose events repeat in a case: a resubmission loop (control → missing documents →
 * control again). Each start is paired with the next end after it (a start while one is
 * already waiting for its end is the same round), so a case that goes round twice counts
 * twice, and the values below are computed by hand. The same figures come from
 * `journey metrics` (file on the embedded DuckDB) and from `journey sql` on a DuckDB table
 * and on a real PostgreSQL.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResult } from '../../src/language/model/kpi-results.js';
import { kpisOf } from '../../src/metrics/compute-metrics.js';
import { dialect } from '../../src/metrics/sql-dialect.js';
import { kpiSql } from '../../src/metrics/warehouse-sql.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { TODAY, csv, removeWorkspace, tempWorkspace } from './metrics-helpers.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

const JOURNEY = `
source Journal "Journal des dossiers" events "data/journal.csv" {
  column case "dossier"
  column event "evenement"
  column timestamp "horodatage"
  event "CONTROLE" is Controle
  event "PIECES" is DemandePieces
  event "DECISION" is Decision
}
journey Dossier "Dossier" {
  stage Depot "Dépôt" {
    touchpoint Controle "Contrôle du dossier" {
      outcome Complet "complet" leads to Decision
      outcome Incomplet "incomplet" leads to DemandePieces
    }
    touchpoint DemandePieces "Demande de pièces" {
      only if "le dossier est incomplet"
      outcome Renvoi "pièces envoyées" leads to Controle
    }
  }
  stage Instruction "Instruction" {
    touchpoint Decision "Décision"
  }
  kpi Renvoi { measures duration(DemandePieces to Controle) mean unit hours data Journal }
  kpi RenvoiMedian { measures duration(DemandePieces to Controle) median unit hours data Journal }
  kpi Renvoi48h { measures share(Controle within 48 h of DemandePieces) data Journal }
  kpi RenvoiRecu { measures conversion(DemandePieces to Controle) data Journal }
  kpi RenvoiAbandon { measures abandonment(DemandePieces to Controle) data Journal }
  kpi Incomplets { measures conversion(Controle to DemandePieces) data Journal }
  kpi Instruire { measures duration(Controle to Decision) mean unit hours data Journal }
}
`;

const EVENTS: Array<[string, string, string]> = [
    // A goes round the loop twice: 24 h, then 72 h, then the decision.
    ['A', 'CONTROLE', '2026-03-02 10:00'], ['A', 'PIECES', '2026-03-02 12:00'], ['A', 'CONTROLE', '2026-03-03 12:00'],
    ['A', 'PIECES', '2026-03-03 14:00'], ['A', 'CONTROLE', '2026-03-06 14:00'], ['A', 'DECISION', '2026-03-07 10:00'],
    // B: 48 h, then a second request that has no answer yet.
    ['B', 'CONTROLE', '2026-03-02 09:00'], ['B', 'PIECES', '2026-03-02 10:00'], ['B', 'CONTROLE', '2026-03-04 10:00'],
    ['B', 'PIECES', '2026-03-04 11:00'],
    // C never goes round the loop.
    ['C', 'CONTROLE', '2026-03-05 10:00'], ['C', 'DECISION', '2026-03-06 10:00'],
    // D: its decision is logged before any control (an end before any start).
    ['D', 'DECISION', '2026-03-09 10:00'], ['D', 'CONTROLE', '2026-03-10 10:00'],
    // E: the request is sent again (a reminder) before the documents come: one round of 72 h.
    ['E', 'CONTROLE', '2026-03-16 08:00'], ['E', 'PIECES', '2026-03-16 10:00'], ['E', 'PIECES', '2026-03-18 10:00'],
    ['E', 'CONTROLE', '2026-03-19 10:00'],
    // F: a decision whose control the export lacks.
    ['F', 'DECISION', '2026-03-12 10:00']
];

/** Hand-computed: the points of March 2026 (no channel, so no segment), and the rounds behind each (`n`). */
const ROUNDS: Record<string, number> = { Renvoi: 4, RenvoiMedian: 4, Renvoi48h: 5, RenvoiRecu: 5, RenvoiAbandon: 5, Incomplets: 9, Instruire: 2 };
const WANTED: Record<string, number> = {
    // Rounds: A 24 h and 72 h, B 48 h (and one still open), E 72 h from the first request.
    Renvoi: (24 + 72 + 48 + 72) / 4,
    RenvoiMedian: (48 + 72) / 2,
    // 5 rounds, 2 within 48 h (A's first, B's first: 48 h is within).
    Renvoi48h: 100 * 2 / 5,
    RenvoiRecu: 100 * 4 / 5,
    RenvoiAbandon: 100 * 1 / 5,
    // Controls: A 3 (2 followed by a request), B 2 (2), C 1, D 1, E 2 (1; the reminder follows no new control).
    Incomplets: 100 * 5 / 9,
    // A from its first control to the decision (120 h), C 24 h; B and D wait.
    Instruire: (120 + 24) / 2
};

let root: string;
let server: PostgresServer;
let duck: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
    root = tempWorkspace({ 'dossier.journey': JOURNEY, 'data/journal.csv': csv('dossier,evenement,horodatage', EVENTS) });
    server = await startPostgres();
    duck = await DuckDBInstance.create(':memory:');
    connection = await duck.connect();
    const rows = EVENTS.map(([c, e, t]) => `('${c}', '${e}', TIMESTAMP '${t}:00')`).join(', ');
    for (const statement of ['CREATE TABLE "Journal" (dossier TEXT, evenement TEXT, horodatage TIMESTAMP)', `INSERT INTO "Journal" VALUES ${rows}`]) {
        await server.client.query(statement);
        await connection.run(statement);
    }
}, 120_000);

afterAll(async () => {
    connection?.closeSync();
    duck?.closeSync();
    await server?.stop();
    if (root) removeWorkspace(root);
});

describe('KPIs across a resubmission loop', () => {
    it('pairs each start with the next end, in journey metrics and in the warehouse SQL on DuckDB and PostgreSQL', async () => {
        const workspace = await loadWorkspace(['.'], { cwd: root });
        expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const { results } = await computeMetrics(workspace.model, root, { today: TODAY });
        const byId = new Map<string, KpiResult>(results.map(r => [r.kpi, r]));
        const columns = ['dossier', 'evenement', 'horodatage'].map(name => ({ name, type: name === 'horodatage' ? 'TIMESTAMP' : 'VARCHAR' }));
        for (const { kpi, journey } of kpisOf(workspace.model)) {
            const source = workspace.model.sources[0];
            const wanted = WANTED[kpi.id];
            const engine = byId.get(kpi.id)!;
            expect(engine.points.map(p => [p.period, p.segment]), kpi.id).toEqual([['2026-03', undefined]]);
            expect(engine.points[0].value, `${kpi.id} from journey metrics`).toBeCloseTo(wanted, 9);
            expect(engine.points[0].n, `${kpi.id} rounds`).toBe(ROUNDS[kpi.id]);
            for (const [name, run] of [
                ['duckdb', async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS()],
                ['postgres', async (sql: string) => (await server.client.query(sql)).rows]
            ] as const) {
                const sql = kpiSql(kpi, { workspace: workspace.model, journey }, source, dialect(name), '"Journal"', columns);
                const rows = (await run(sql)) as Array<Record<string, unknown>>;
                expect(rows.map(r => [r.period, r.segment]), `${kpi.id} on ${name}`).toEqual([['2026-03', null]]);
                expect(Number(rows[0].value), `${kpi.id} on ${name}`).toBeCloseTo(wanted, 9);
                expect(Number(rows[0].n), `${kpi.id} rounds on ${name}`).toBe(ROUNDS[kpi.id]);
            }
        }
    });

    it('warns about a case only where the journey does not explain it', async () => {
        const workspace = await loadWorkspace(['.'], { cwd: root });
        const { results } = await computeMetrics(workspace.model, root, { today: TODAY });
        const codes = (id: string) => results.find(r => r.kpi === id)!.problems.map(p => p.code).sort();
        // Back round the loop: a control without a request is a case that never went round, and a
        // request after the last control is a round not finished; neither is a data problem.
        for (const id of ['Renvoi', 'RenvoiMedian', 'Renvoi48h', 'RenvoiRecu', 'RenvoiAbandon']) expect(codes(id), id).toEqual([]);
        // Forward: every case controlled before its decision; D and F are not.
        expect(codes('Instruire')).toEqual(['events-out-of-order', 'missing-start']);
        const instruire = results.find(r => r.kpi === 'Instruire')!.problems;
        expect(instruire.find(p => p.code === 'missing-start')!.message).toContain("case 'F'");
        expect(instruire.find(p => p.code === 'events-out-of-order')!.message).toContain("case 'D'");
        expect(codes('Incomplets')).toEqual([]);
    });

    it('counts a case once where the journey has no loop back over the start: events met again are the same case', async () => {
        // The same events, the journey without its outcomes: a control after a request is no new round.
        const flat = JOURNEY.split('\n').filter(line => !line.includes('outcome ')).join('\n');
        const noLoop = tempWorkspace({ 'dossier.journey': flat, 'data/journal.csv': csv('dossier,evenement,horodatage', EVENTS) });
        try {
            const workspace = await loadWorkspace(['.'], { cwd: noLoop });
            const { results } = await computeMetrics(workspace.model, noLoop, { today: TODAY });
            const point = (id: string) => results.find(r => r.kpi === id)!.points[0];
            // Per case, its first control and the first request after it: A, B and E (C and D have none).
            expect(point('Incomplets').value).toBeCloseTo(100 * 3 / 5, 9);
            expect(point('Incomplets').n).toBe(5);
            // Per case, its first request to the first control after it: A 24 h, B 48 h, E 72 h.
            expect(point('Renvoi').value).toBeCloseTo((24 + 48 + 72) / 3, 9);
            expect(point('Renvoi').n).toBe(3);
        } finally {
            removeWorkspace(noLoop);
        }
    });
});
