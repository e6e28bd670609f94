/**
 * The SQL path against an independent computation: random event logs and survey answers,
 * each KPI computed four ways — `journey metrics` on a CSV file (embedded DuckDB), the
 * `journey sql` text on a DuckDB table and on a real PostgreSQL server, and plain
 * TypeScript below — and all four must agree.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceModel } from '../../src/language/model/journey-model.js';
import { computeMetrics, kpisOf } from '../../src/metrics/compute-metrics.js';
import type { KpiPoint } from '../../src/language/model/kpi-results.js';
import { dialect } from '../../src/metrics/sql-dialect.js';
import { kpiSql } from '../../src/metrics/warehouse-sql.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { TODAY, removeWorkspace, tempWorkspace } from './metrics-helpers.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

const JOURNEY = `
source Journal events "data/journal.csv" {
  column case "dossier"
  column event "evenement"
  column timestamp "horodatage"
  column channel "canal"
  event "START" is Start
  event "END" is End
}
source Avis survey "data/avis.csv" { column channel "canal" }
journey J {
  stage Debut { touchpoint Start }
  stage Fin { touchpoint End { outcome Again "again" leads to Start } }
  kpi ShareJ1 { measures share(End within J+1 of Start) data Journal }
  kpi ShareBusiness { measures share(End within 2 business days of Start) data Journal }
  kpi Share36h { measures share(End within 36 h of Start) data Journal }
  kpi Median { measures duration(Start to End) median data Journal }
  kpi P90 { measures duration(Start to End) p90 data Journal }
  kpi Mean { measures duration(Start to End) mean unit days data Journal }
  kpi Conversion { measures conversion(Debut to Fin) frequency weekly data Journal }
  kpi Ends { measures count(End) per channel data Journal }
  kpi Nps { measures nps frequency quarterly data Avis }
  kpi Csat { measures csat data Avis }
  kpi Ces { measures ces data Avis }
}`;

interface Event { case: string; event: 'START' | 'END' | 'OTHER'; ts: number; channel: string | null }
interface Answer { respondent: string; score: number; ts: number; channel: string | null }

const BASE = Date.UTC(2026, 1, 20);
const DAY = 86_400_000;
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const month = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const quarter = (ms: number) => `${new Date(ms).getUTCFullYear()}-Q${Math.floor(new Date(ms).getUTCMonth() / 3) + 1}`;
function isoWeek(ms: number): string {
    const date = new Date(ms);
    const thursday = new Date(ms + (3 - ((date.getUTCDay() + 6) % 7)) * DAY);
    const year = thursday.getUTCFullYear();
    return `${year}-W${String(Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1).padStart(2, '0')}`;
}
const dayNumber = (ms: number) => Math.floor((ms - Date.UTC(1900, 0, 1)) / DAY);
const weekdays = (ms: number) => { const n = dayNumber(ms); return 5 * Math.floor(n / 7) + Math.min((n % 7) + 1, 5); };
function percentile(values: number[], fraction: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const position = fraction * (sorted.length - 1);
    const low = Math.floor(position);
    return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
}

/** Groups items by period, overall and per non-empty segment, and reduces each group. */
function grouped<T>(items: T[], period: (t: T) => string, segment: (t: T) => string | null, reduce: (group: T[]) => number): KpiPoint[] {
    const groups = new Map<string, { period: string; segment?: string; items: T[] }>();
    const add = (item: T, seg: string | undefined) => {
        const key = `${period(item)}|${seg ?? ''}`;
        if (!groups.has(key)) groups.set(key, { period: period(item), ...(seg === undefined ? {} : { segment: seg }), items: [] });
        groups.get(key)!.items.push(item);
    };
    for (const item of items) {
        add(item, undefined);
        const seg = segment(item);
        if (seg !== null) add(item, seg);
    }
    return [...groups.values()].map(g => ({ period: g.period, ...(g.segment === undefined ? {} : { segment: g.segment }), value: reduce(g.items) }));
}

/** The expected points, computed without SQL. */
function expected(events: Event[], answers: Answer[]): Record<string, KpiPoint[]> {
    const byCase = new Map<string, Event[]>();
    for (const e of events) byCase.set(e.case, [...(byCase.get(e.case) ?? []), e]);
    // Rounds, event by event in time order (starts first at the same instant): a start opens one
    // unless one is open (it joins it), an end closes the open one; channel: its starts' first by name.
    const cases: Array<{ start: number; end?: number; channel: string | null }> = [];
    for (const list of byCase.values()) {
        let open: { start: number; channels: string[] } | undefined;
        const close = (end?: number) => {
            cases.push({ start: open!.start, ...(end === undefined ? {} : { end }), channel: open!.channels.sort()[0] ?? null });
            open = undefined;
        };
        const ordered = list.filter(e => e.event !== 'OTHER').sort((a, b) => a.ts - b.ts || (a.event === b.event ? 0 : a.event === 'START' ? -1 : 1));
        for (const e of ordered) {
            if (e.event === 'START') {
                if (!open) open = { start: e.ts, channels: [] };
                if (e.channel !== null) open.channels.push(e.channel);
            } else if (open) {
                close(e.ts);
            }
        }
        if (open) close();
    }
    const share = (hit: (c: { start: number; end: number }) => boolean) => grouped(cases, c => month(c.start), c => c.channel,
        g => 100 * g.filter(c => c.end !== undefined && hit(c as { start: number; end: number })).length / g.length);
    const reached = cases.filter(c => c.end !== undefined) as Array<{ start: number; end: number; channel: string | null }>;
    const hours = (g: typeof reached) => g.map(c => (c.end - c.start) / 3_600_000);
    const distinctEnds = [...new Map(events.filter(e => e.event === 'END').map(e => [`${e.case}|${e.ts}|${e.channel}`, e])).values()];
    const scored = answers.filter(a => a.score >= 0 && a.score <= 10);
    return {
        ShareJ1: share(c => dayNumber(c.end) - dayNumber(c.start) <= 1),
        ShareBusiness: share(c => weekdays(c.end) - weekdays(c.start) <= 2),
        Share36h: share(c => c.end - c.start <= 36 * 3_600_000),
        Median: grouped(reached, c => month(c.start), c => c.channel, g => percentile(hours(g), 0.5)),
        P90: grouped(reached, c => month(c.start), c => c.channel, g => percentile(hours(g), 0.9)),
        Mean: grouped(reached, c => month(c.start), c => c.channel, g => hours(g).reduce((a, b) => a + b, 0) / g.length / 24),
        Conversion: grouped(cases, c => isoWeek(c.start), c => c.channel, g => 100 * g.filter(c => c.end !== undefined).length / g.length),
        Ends: grouped(distinctEnds, e => month(e.ts), e => e.channel, g => g.length),
        Nps: grouped(scored, a => quarter(a.ts), a => a.channel, g => 100 * (g.filter(a => a.score >= 9).length - g.filter(a => a.score <= 6).length) / g.length),
        Csat: grouped(answers.filter(a => a.score >= 1 && a.score <= 5), a => month(a.ts), a => a.channel, g => 100 * g.filter(a => a.score >= 4).length / g.length),
        Ces: grouped(answers, a => month(a.ts), a => a.channel, g => g.reduce((s, a) => s + a.score, 0) / g.length)
    };
}

const sortPoints = (points: KpiPoint[]) => [...points].sort((a, b) => a.period.localeCompare(b.period) || (a.segment ?? '').localeCompare(b.segment ?? ''));

function expectSame(actual: KpiPoint[], wanted: KpiPoint[], label: string): void {
    const a = sortPoints(actual);
    const w = sortPoints(wanted);
    expect(a.map(p => `${p.period}|${p.segment ?? ''}`), label).toEqual(w.map(p => `${p.period}|${p.segment ?? ''}`));
    a.forEach((p, i) => expect(Math.abs(p.value - w[i].value), `${label} ${p.period} ${p.segment ?? ''}: ${p.value} vs ${w[i].value}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(w[i].value))));
}

const channel = fc.constantFrom('Web', 'Agence', 'Courrier', null);
const eventArb = fc.record({
    case: fc.integer({ min: 1, max: 25 }).map(n => `C${n}`),
    event: fc.constantFrom<Event['event']>('START', 'START', 'END', 'END', 'OTHER'),
    ts: fc.integer({ min: 0, max: 70 * 24 * 6 }).map(tenMinutes => BASE + tenMinutes * 600_000),
    channel
});
const answerArb = fc.record({
    respondent: fc.integer({ min: 1, max: 60 }).map(n => `R${n}`),
    score: fc.integer({ min: 0, max: 10 }),
    ts: fc.integer({ min: 0, max: 200 }).map(days => BASE + days * DAY + 3_600_000),
    channel
});

let server: PostgresServer;
let duck: DuckDBInstance;
let connection: DuckDBConnection;
let root: string;
let model: WorkspaceModel;

beforeAll(async () => {
    server = await startPostgres();
    duck = await DuckDBInstance.create(':memory:');
    connection = await duck.connect();
    root = tempWorkspace({ 'j.journey': JOURNEY });
    const workspace = await buildWorkspace([{ path: 'j.journey', text: JOURNEY }], root);
    expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    model = workspace.model;
});

afterAll(async () => {
    connection?.closeSync();
    duck?.closeSync();
    await server?.stop();
    if (root) removeWorkspace(root);
});

/** The tables' columns, as `journey sql` would read them from the data files. */
const COLUMNS: Record<string, Array<{ name: string; type: string }>> = {
    Journal: ['dossier', 'evenement', 'horodatage', 'canal'].map(name => ({ name, type: 'VARCHAR' })),
    Avis: ['respondent', 'score', 'date', 'canal'].map(name => ({ name, type: 'VARCHAR' }))
};

const literal = (v: string | number | null) => v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

async function load(events: Event[], answers: Answer[]): Promise<void> {
    const eventRows = events.map(e => `(${literal(e.case)}, ${literal(e.event)}, TIMESTAMP ${literal(stamp(e.ts))}, ${literal(e.channel)})`);
    const answerRows = answers.map(a => `(${literal(a.respondent)}, ${a.score}, TIMESTAMP ${literal(stamp(a.ts))}, ${literal(a.channel)})`);
    const statements = [
        'DROP TABLE IF EXISTS "Journal"', 'DROP TABLE IF EXISTS "Avis"',
        'CREATE TABLE "Journal" (dossier TEXT, evenement TEXT, horodatage TIMESTAMP, canal TEXT)',
        'CREATE TABLE "Avis" (respondent TEXT, score DOUBLE PRECISION, date TIMESTAMP, canal TEXT)',
        ...(eventRows.length ? [`INSERT INTO "Journal" VALUES ${eventRows.join(', ')}`] : []),
        ...(answerRows.length ? [`INSERT INTO "Avis" VALUES ${answerRows.join(', ')}`] : [])
    ];
    for (const statement of statements) {
        await server.client.query(statement);
        await connection.run(statement.replace('DOUBLE PRECISION', 'DOUBLE'));
    }
    // The same rows as files for `journey metrics`; a repeated answer would be dropped there only.
    const csvCell = (v: string | null) => v ?? '';
    writeFileSync(path.join(root, 'data', 'journal.csv'), ['dossier,evenement,horodatage,canal', ...events.map(e => [e.case, e.event, stamp(e.ts), csvCell(e.channel)].join(','))].join('\n') + '\n');
    writeFileSync(path.join(root, 'data', 'avis.csv'), ['respondent,score,date,canal', ...answers.map(a => [a.respondent, a.score, stamp(a.ts).slice(0, 10), csvCell(a.channel)].join(','))].join('\n') + '\n');
}

function toPoints(rows: Array<Record<string, unknown>>): KpiPoint[] {
    return rows.filter(r => r.value !== null).map(r => ({ period: String(r.period), value: Number(r.value), ...(r.segment === null ? {} : { segment: String(r.segment) }) }));
}

describe('the SQL path against an independent computation', () => {
    it('agrees on random event logs and answers: file on DuckDB, SQL on DuckDB, SQL on PostgreSQL, TypeScript', async () => {
        const { mkdirSync } = await import('node:fs');
        mkdirSync(path.join(root, 'data'), { recursive: true });
        // Answers keyed by respondent and day, so that no answer repeats another (files drop repeats).
        const answersArb = fc.uniqueArray(answerArb, { selector: a => `${a.respondent}|${a.ts}`, maxLength: 40 });
        await fc.assert(fc.asyncProperty(fc.array(eventArb, { maxLength: 60 }), answersArb, async (events, answers) => {
            await load(events, answers);
            const wanted = expected(events, answers);
            const fromFiles = await computeMetrics(model, root, { today: TODAY });
            for (const { kpi, journey } of kpisOf(model)) {
                const context = { workspace: model, journey };
                const source = model.sources.find(s => s.id === kpi.data)!;
                const onDuck = toPoints((await connection.runAndReadAll(kpiSql(kpi, context, source, dialect('duckdb'), '"' + source.id + '"', COLUMNS[source.id]))).getRowObjectsJS());
                const onPostgres = toPoints((await server.client.query(kpiSql(kpi, context, source, dialect('postgres'), '"' + source.id + '"', COLUMNS[source.id]))).rows);
                const file = fromFiles.results.find(r => r.kpi === kpi.id)!;
                expectSame(onPostgres, wanted[kpi.id], `${kpi.id} on PostgreSQL`);
                expectSame(onDuck, wanted[kpi.id], `${kpi.id} on DuckDB`);
                expectSame(file.points, wanted[kpi.id], `${kpi.id} from the file`);
            }
        }), { numRuns: 25, seed: 20261123 });
    }, 600_000);
});
