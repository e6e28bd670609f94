/**
 * `journey sql` applies the engine's rules on a real PostgreSQL server: the first of repeated
 * answers counts, rows without a required value are left out, and a source's time zone (with its
 * DST gap and overlap rule) gives the same days, periods and elapsed times as `journey metrics`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiPoint } from '../../src/language/model/kpi-results.js';
import { computeMetrics, kpisOf } from '../../src/metrics/compute-metrics.js';
import { dialect } from '../../src/metrics/sql-dialect.js';
import { kpiSql, localColumns } from '../../src/metrics/warehouse-sql.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { TODAY, csv, removeWorkspace, tempWorkspace } from './metrics-helpers.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

/** A point's period and value (the engine also gives sample sizes). */
const pv = ({ period, value, segment }: KpiPoint) => ({ period, value, ...(segment === undefined ? {} : { segment }) });

let server: PostgresServer;
beforeAll(async () => { server = await startPostgres(); }, 120_000);
afterAll(async () => { await server?.stop(); });

type Cell = string | number | null;
const literal = (v: Cell) => v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

/** The KPIs of `files` from the files (`journey metrics`) and from the same rows in PostgreSQL tables (`journey sql`). */
async function bothWays(files: Record<string, string>, tables: Record<string, { columns: string; rows: Cell[][] }>): Promise<Record<string, { engine: KpiPoint[]; postgres: KpiPoint[] }>> {
    const root = tempWorkspace(files);
    try {
        const workspace = await loadWorkspace(['.'], { cwd: root });
        expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        for (const [name, table] of Object.entries(tables)) {
            await server.client.query(`DROP TABLE IF EXISTS "${name}"`);
            await server.client.query(`CREATE TABLE "${name}" (${table.columns})`);
            for (const row of table.rows) await server.client.query(`INSERT INTO "${name}" VALUES (${row.map(literal).join(', ')})`);
        }
        const { results } = await computeMetrics(workspace.model, root, { today: TODAY });
        // As `journey sql` does: the tables' columns are those of the local data files.
        const columns = await localColumns(workspace.model, root);
        const out: Record<string, { engine: KpiPoint[]; postgres: KpiPoint[] }> = {};
        for (const { kpi, journey } of kpisOf(workspace.model)) {
            const source = workspace.model.sources.find(s => s.id === kpi.data)!;
            const sql = kpiSql(kpi, { workspace: workspace.model, journey }, source, dialect('postgres'), `"${source.id}"`, columns[source.id]);
            const rows = (await server.client.query(sql)).rows as Array<Record<string, unknown>>;
            out[kpi.id] = {
                engine: results.find(r => r.kpi === kpi.id)!.points.map(pv),
                postgres: rows.filter(r => r.value !== null).map(r => ({ period: String(r.period), value: Number(r.value), ...(r.segment === null ? {} : { segment: String(r.segment) }) }))
            };
        }
        return out;
    } finally {
        removeWorkspace(root);
    }
}

describe('journey sql on PostgreSQL applies the engine’s rules', () => {
    it('9. repeated answers count once, rows without a respondent, score or date are left out', async () => {
        const answers: Cell[][] = [
            ['r1', 10, '2026-03-02'], ['r1', 10, '2026-03-02'], ['r2', 0, '2026-03-02'],
            [null, 3, '2026-03-03'], ['r4', null, '2026-03-03'], ['r5', 2, null], ['r6', 9, '2026-04-01'], ['r6', 9, '2026-04-02']
        ];
        const both = await bothWays({
            'a.journey': 'source Avis survey "data/avis.csv"\njourney A {\n  stage S { touchpoint T }\n  kpi Nps { measures nps data Avis }\n}\n',
            'data/avis.csv': csv('respondent,score,date', answers.map(row => row.map(cell => cell ?? '')))
        }, { Avis: { columns: 'respondent TEXT, score DOUBLE PRECISION, date TIMESTAMP', rows: answers } });
        expect(both.Nps.engine).toEqual([{ period: '2026-03', value: 0 }, { period: '2026-04', value: 100 }]);
        expect(both.Nps.postgres).toEqual(both.Nps.engine);
    });

    it('repeated answers with different scores: the first line counts on PostgreSQL too, through the table’s `line` column', async () => {
        // r1 answers 10 then 0 on the same day, r2 0 then 10, r3 9 then 3 then 0 (same touchpoint): the
        // file's first answers give NPS (2 − 1) / 3 = 33.3 in March; the last ones would give −33.3.
        const lines: Array<[string, number, string, string]> = [
            ['r1', 10, '2026-03-02', 'T'], ['r2', 0, '2026-03-02', 'T'], ['r3', 9, '2026-03-02', 'T'],
            ['r1', 0, '2026-03-02', 'T'], ['r2', 10, '2026-03-02', 'T'], ['r3', 3, '2026-03-02', 'T'], ['r3', 0, '2026-03-02', 'T']
        ];
        const journey = (line: string) => `source Avis survey "data/avis.csv" {\n${line}}\njourney A {\n  stage S { touchpoint T }\n  kpi Nps { measures nps data Avis }\n}\n`;
        // The table keeps the load order in a column; its rows are stored in another order (a parallel load).
        const table = { columns: 'respondent TEXT, score DOUBLE PRECISION, date TIMESTAMP, touchpoint TEXT, loaded_no BIGINT', rows: lines.map((row, i) => [...row, i + 1]).reverse() };
        const both = await bothWays({ 'a.journey': journey('  column line "loaded_no"\n'), 'data/avis.csv': csv('respondent,score,date,touchpoint', lines) }, { Avis: table });
        expect(both.Nps.engine).toEqual([{ period: '2026-03', value: 100 / 3 }]);
        expect(both.Nps.postgres).toEqual(both.Nps.engine);
        // The same with the column in the file: its order wins over the lines' (here the same).
        const withColumn = await bothWays({ 'a.journey': journey('  column line "loaded_no"\n'), 'data/avis.csv': csv('respondent,score,date,touchpoint,loaded_no', lines.map((row, i) => [...row, i + 1])) }, { Avis: table });
        expect(withColumn.Nps.engine).toEqual([{ period: '2026-03', value: 100 / 3 }]);
        expect(withColumn.Nps.postgres).toEqual(withColumn.Nps.engine);
        // A file whose `line` column disagrees with its lines: the column's order counts (r3's 0 first: NPS −33.3).
        const shuffled = lines.map((row, i) => [...row, i === 6 ? 0 : i + 1]);
        const byColumn = await bothWays({ 'a.journey': journey('  column line "loaded_no"\n'), 'data/avis.csv': csv('respondent,score,date,touchpoint,loaded_no', shuffled) },
            { Avis: { ...table, rows: shuffled } });
        expect(byColumn.Nps.engine).toEqual([{ period: '2026-03', value: -100 / 3 }]);
        expect(byColumn.Nps.postgres).toEqual(byColumn.Nps.engine);
    });

    it('a source’s time zone: the same days, periods and elapsed times on a DST gap, an overlap and a year end', async () => {
        const events: Cell[][] = [
            // Gap: 02:30 does not exist in Paris on 29 March 2026; read as 03:30 summer time.
            ['a', 'SIGN', '2026-03-29 01:30:00'], ['a', 'SENT', '2026-03-29 02:30:00'],
            // Overlap: 02:30 happens twice on 25 October 2026; read as the second one (winter time).
            ['b', 'SIGN', '2026-10-25 01:30:00'], ['b', 'SENT', '2026-10-25 02:30:00'],
            // A year end: 23:30 on 31 December in Paris (22:30 UTC), ISO week 2026-W53.
            ['c', 'SIGN', '2026-12-31 23:30:00'], ['c', 'SENT', '2027-01-01 00:10:00'],
            ['d', 'SIGN', '2026-06-30 23:30:00'], ['d', 'SENT', '2026-07-02 00:30:00']
        ];
        const kpis = [
            'kpi Minutes { measures duration(Signature to Envoi) mean unit minutes data E }',
            'kpi J1 { measures share(Envoi within J+1 of Signature) data E }',
            'kpi H24 { measures share(Envoi within 24 h of Signature) frequency weekly data E }',
            'kpi Daily { measures count(Signature) frequency daily data E }'
        ];
        const both = await bothWays({
            'a.journey': `source E events "data/e.csv" {\n  timezone "Europe/Paris"\n  event "SIGN" is Signature\n  event "SENT" is Envoi\n}\njourney A {\n  stage S { touchpoint Signature touchpoint Envoi }\n  ${kpis.join('\n  ')}\n}\n`,
            'data/e.csv': csv('case,event,timestamp', events.map(row => row.map(cell => cell ?? '')))
        }, { E: { columns: '"case" TEXT, event TEXT, "timestamp" TIMESTAMP', rows: events } });
        for (const [kpi, { engine, postgres }] of Object.entries(both)) expect(postgres, kpi).toEqual(engine);
        // Independently: elapsed minutes 60 (gap: 00:30Z → 01:30Z), 120 (overlap: 23:30Z → 01:30Z), 40, 1500.
        expect(both.Minutes.engine).toEqual([{ period: '2026-03', value: 60 }, { period: '2026-06', value: 1500 }, { period: '2026-10', value: 120 }, { period: '2026-12', value: 40 }]);
        expect(both.J1.engine.map(p => p.value)).toEqual([100, 0, 100, 100]);
        // ISO weeks in Paris: 29 March 2026 is a Sunday (W13), 31 December 2026 a Thursday (2026-W53).
        expect(both.H24.engine.map(p => p.period)).toEqual(['2026-W13', '2026-W27', '2026-W43', '2026-W53']);
        expect(both.Daily.engine.map(p => p.period)).toEqual(['2026-03-29', '2026-06-30', '2026-10-25', '2026-12-31']);
    });
});
