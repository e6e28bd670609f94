// Benchmark of the metrics engine (issue 5): a generated event log of 10 million events
// (1 million cases, Parquet, written by DuckDB itself), two KPIs per month — the J+1 share and
// the median time between two touchpoints — computed end to end from the journey file by
// `journey metrics`, versus the same two queries hand-written in DuckDB SQL, in the same run.
// Both as fresh processes (wall time, CPU time, peak RSS) and in one process (without Node's
// and the modules' start-up).
//
//   npm run build && node bench/metrics.bench.mjs [--quick]     (--quick: 1 million events)
//
// Writes bench/results/metrics.json and prints the figures. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { median, round as roundTo } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const quick = process.argv.includes('--quick');
const CASES = quick ? 100_000 : 1_000_000;
const EVENTS_PER_CASE = 10;
const RUNS = 3;
const TIME = '/usr/bin/time';

const round = (value, digits = 2) => roundTo(value, digits);

const dir = mkdtempSync(path.join(os.tmpdir(), 'journey-metrics-bench-'));
const parquet = path.join(dir, 'data', 'events.parquet');
mkdirSync(path.dirname(parquet), { recursive: true });

// Each case: a subscription, a card sent 0–72 h later (3 % never sent), eight other events.
console.log(`generating ${CASES * EVENTS_PER_CASE} events for ${CASES} cases…`);
const generated = performance.now();
{
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (
        SELECT 'D' || lpad(CAST(c AS VARCHAR), 7, '0') AS dossier,
               CASE k WHEN 0 THEN 'SOUSCRIPTION' WHEN 1 THEN CASE WHEN hash(c) % 33 = 0 THEN 'RELANCE' ELSE 'CARTE_ENVOYEE' END
                      ELSE 'EVENEMENT_' || k END AS evenement,
               TIMESTAMP '2026-01-01' + to_seconds(CAST(hash(c) % (364 * 86400) AS BIGINT))
                   + CASE k WHEN 0 THEN INTERVAL 0 SECOND WHEN 1 THEN to_seconds(CAST(hash(c * 7 + 1) % (72 * 3600) AS BIGINT))
                      ELSE to_seconds(CAST(hash(c * 13 + k) % (30 * 86400) AS BIGINT)) END AS horodatage,
               CASE hash(c) % 3 WHEN 0 THEN 'Web' WHEN 1 THEN 'Agence' ELSE 'Courrier' END AS canal_source
        FROM range(${CASES}) AS cases(c), range(${EVENTS_PER_CASE}) AS kinds(k)
        ORDER BY horodatage
    ) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
}
const generateSeconds = (performance.now() - generated) / 1000;

writeFileSync(path.join(dir, 'adhesion.journey'), `
source Journal "Journal des dossiers" events "data/events.parquet" {
  column case "dossier"
  column event "evenement"
  column timestamp "horodatage"
  event "SOUSCRIPTION" is Signature
  event "CARTE_ENVOYEE" is EnvoiCarte
}

journey Adhesion "Adhésion" {
  stage Souscription {
    touchpoint Signature "Signature"
  }
  stage Carte {
    touchpoint EnvoiCarte "Envoi de la carte"
  }

  kpi CartesJ1 "Cartes envoyées à J+1" {
    measures share(EnvoiCarte within J+1 of Signature)
    frequency monthly
    target >= 95%
    data Journal
  }

  kpi DelaiCarte "Délai signature → carte" {
    measures duration(Signature to EnvoiCarte) median
    frequency monthly
    target <= 48 hours
    data Journal
  }
}
`);

// The same two KPIs, as a person would write them in DuckDB SQL.
const handScript = path.join(dir, 'hand-written.mjs');
writeFileSync(handScript, `
import { DuckDBInstance } from ${JSON.stringify(pathToFileURL(path.join(root, 'node_modules/@duckdb/node-api/lib/index.js')).href)};
const events = "read_parquet('${parquet}')";
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const firsts = \`starts AS (SELECT dossier, min(horodatage) AS ts FROM \${events} WHERE evenement = 'SOUSCRIPTION' GROUP BY dossier),
  cards AS (SELECT e.dossier, min(e.horodatage) AS ts FROM \${events} AS e JOIN starts AS s ON e.dossier = s.dossier AND e.horodatage >= s.ts
            WHERE e.evenement = 'CARTE_ENVOYEE' GROUP BY e.dossier)\`;
const share = await connection.runAndReadAll(\`WITH \${firsts}
  SELECT strftime(s.ts, '%Y-%m') AS month, 100.0 * count(*) FILTER (WHERE c.ts::DATE - s.ts::DATE <= 1) / count(*) AS value
  FROM starts AS s LEFT JOIN cards AS c ON s.dossier = c.dossier GROUP BY month ORDER BY month\`);
const delay = await connection.runAndReadAll(\`WITH \${firsts}
  SELECT strftime(s.ts, '%Y-%m') AS month, median(epoch(c.ts) - epoch(s.ts)) / 3600 AS value
  FROM starts AS s JOIN cards AS c ON s.dossier = c.dossier GROUP BY month ORDER BY month\`);
console.log(JSON.stringify({ share: share.getRowObjectsJS(), delay: delay.getRowObjectsJS() }));
`);

function measure(args) {
    const haveTime = existsSync(TIME);
    const started = performance.now();
    const result = haveTime
        ? spawnSync(TIME, ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
        : spawnSync(process.execPath, ['--import', pathToFileURL(path.join(here, 'lib/report-max-rss.mjs')).href, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - started;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${result.status}):\n${result.stderr.slice(-3000)}`);
    const rssKb = haveTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]) : Number(/journey-bench-max-rss-kb=(\d+)/.exec(result.stderr)?.[1]);
    const cpuMs = haveTime
        ? 1000 * (Number(/User time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]))
        : Number(/journey-bench-cpu-ms=([\d.]+)/.exec(result.stderr)?.[1]);
    return { wallMs, cpuMs, rssKb, stdout: result.stdout };
}

// In one process (modules loaded, DuckDB warm on neither side): from the journey file —
// parse, link, validate, check the data, two KPIs — versus the two hand-written queries.
await import('../out/polyfills.js');
const { loadWorkspace } = await import('../out/node/journey-workspace.js');
const { computeMetrics } = await import('../out/metrics/compute-metrics.js');
const handQueries = async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const events = `read_parquet('${parquet}')`;
    const firsts = `starts AS (SELECT dossier, min(horodatage) AS ts FROM ${events} WHERE evenement = 'SOUSCRIPTION' GROUP BY dossier),
      cards AS (SELECT e.dossier, min(e.horodatage) AS ts FROM ${events} AS e JOIN starts AS s ON e.dossier = s.dossier AND e.horodatage >= s.ts
                WHERE e.evenement = 'CARTE_ENVOYEE' GROUP BY e.dossier)`;
    await connection.runAndReadAll(`WITH ${firsts} SELECT strftime(s.ts, '%Y-%m') AS month, 100.0 * count(*) FILTER (WHERE c.ts::DATE - s.ts::DATE <= 1) / count(*) AS value
      FROM starts AS s LEFT JOIN cards AS c ON s.dossier = c.dossier GROUP BY month ORDER BY month`);
    await connection.runAndReadAll(`WITH ${firsts} SELECT strftime(s.ts, '%Y-%m') AS month, median(epoch(c.ts) - epoch(s.ts)) / 3600 AS value
      FROM starts AS s JOIN cards AS c ON s.dossier = c.dossier GROUP BY month ORDER BY month`);
    connection.closeSync();
    instance.closeSync();
};
const inProcess = { journey: [], hand: [] };
for (let run = 0; run < RUNS; run++) {
    const cpu0 = process.cpuUsage();
    let t = performance.now();
    const workspace = await loadWorkspace([dir], { cwd: dir });
    await computeMetrics(workspace.model, workspace.root);
    const cpu1 = process.cpuUsage(cpu0);
    inProcess.journey.push({ wallMs: performance.now() - t, cpuMs: (cpu1.user + cpu1.system) / 1000 });
    const cpu2 = process.cpuUsage();
    t = performance.now();
    await handQueries();
    const cpu3 = process.cpuUsage(cpu2);
    inProcess.hand.push({ wallMs: performance.now() - t, cpuMs: (cpu3.user + cpu3.system) / 1000 });
    console.log(`in-process run ${run + 1}: from the journey file ${round(inProcess.journey[run].wallMs / 1000)} s, hand-written ${round(inProcess.hand[run].wallMs / 1000)} s`);
}

const journeyRuns = [];
const handRuns = [];
let journeyOut;
let handOut;
for (let run = 0; run < RUNS; run++) {
    const journey = measure([path.join(root, 'bin/journey.js'), 'metrics', dir, '--format', 'json']);
    const hand = measure([handScript]);
    journeyRuns.push(journey);
    handRuns.push(hand);
    journeyOut = JSON.parse(journey.stdout);
    handOut = JSON.parse(hand.stdout);
    console.log(`run ${run + 1}: journey metrics ${round(journey.wallMs / 1000)} s, hand-written ${round(hand.wallMs / 1000)} s`);
}

// Same numbers both ways, or the comparison means nothing.
const byId = Object.fromEntries(journeyOut.kpis.map(k => [k.kpi, k]));
const overall = points => points.filter(p => p.segment === undefined);
for (const [kpi, rows] of [['CartesJ1', handOut.share], ['DelaiCarte', handOut.delay]]) {
    const ours = overall(byId[kpi].points);
    if (ours.length !== rows.length || ours.some((p, i) => p.period !== rows[i].month || Math.abs(p.value - Number(rows[i].value)) > 1e-6 * Math.max(1, Math.abs(p.value)))) {
        throw new Error(`${kpi}: journey metrics and the hand-written query disagree:\n${JSON.stringify(ours.slice(0, 3))}\n${JSON.stringify(rows.slice(0, 3))}`);
    }
}

const summary = runs => ({
    wallSeconds: round(median(runs.map(r => r.wallMs)) / 1000),
    cpuSeconds: round(median(runs.map(r => r.cpuMs)) / 1000),
    peakRssMb: round(Math.max(...runs.map(r => r.rssKb)) / 1024, 0)
});
const results = {
    machine: { cpus: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30, 0), node: process.version },
    events: CASES * EVENTS_PER_CASE,
    cases: CASES,
    parquetMb: round(statSync(parquet).size / 2 ** 20, 0),
    generateSeconds: round(generateSeconds),
    runs: RUNS,
    journeyMetrics: summary(journeyRuns),
    handWrittenDuckdb: summary(handRuns),
    months: overall(byId.CartesJ1.points).length,
    sampleJ1: overall(byId.CartesJ1.points)[0],
    rowsUsed: byId.CartesJ1.rowsUsed,
    rowsRejected: byId.CartesJ1.rowsRejected
};
results.inProcess = {
    fromJourneyFile: { wallSeconds: round(median(inProcess.journey.map(r => r.wallMs)) / 1000), cpuSeconds: round(median(inProcess.journey.map(r => r.cpuMs)) / 1000) },
    handWritten: { wallSeconds: round(median(inProcess.hand.map(r => r.wallMs)) / 1000), cpuSeconds: round(median(inProcess.hand.map(r => r.cpuMs)) / 1000) }
};
results.inProcess.ratioWall = round(results.inProcess.fromJourneyFile.wallSeconds / results.inProcess.handWritten.wallSeconds);
results.inProcess.ratioCpu = round(results.inProcess.fromJourneyFile.cpuSeconds / results.inProcess.handWritten.cpuSeconds);
results.ratioWall = round(results.journeyMetrics.wallSeconds / results.handWrittenDuckdb.wallSeconds);
results.ratioCpu = round(results.journeyMetrics.cpuSeconds / results.handWrittenDuckdb.cpuSeconds);
results.goalWithin1_2x = results.ratioWall <= 1.2;

mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', 'metrics.json'), JSON.stringify(results, null, 2) + '\n');
rmSync(dir, { recursive: true, force: true });

console.log(`\n${results.events.toLocaleString('en')} events, ${results.cases.toLocaleString('en')} cases (${results.parquetMb} MB Parquet, generated in ${results.generateSeconds} s)`);
console.log(`journey metrics (2 KPIs, end to end): ${results.journeyMetrics.wallSeconds} s wall, ${results.journeyMetrics.cpuSeconds} s CPU, ${results.journeyMetrics.peakRssMb} MB peak RSS`);
console.log(`hand-written DuckDB SQL:              ${results.handWrittenDuckdb.wallSeconds} s wall, ${results.handWrittenDuckdb.cpuSeconds} s CPU, ${results.handWrittenDuckdb.peakRssMb} MB peak RSS`);
console.log(`in one process: from the journey file ${results.inProcess.fromJourneyFile.wallSeconds} s wall (${results.inProcess.fromJourneyFile.cpuSeconds} s CPU), hand-written ${results.inProcess.handWritten.wallSeconds} s (${results.inProcess.handWritten.cpuSeconds} s CPU): ${results.inProcess.ratioWall}× wall, ${results.inProcess.ratioCpu}× CPU`);
console.log(`ratio: ${results.ratioWall}× wall, ${results.ratioCpu}× CPU (goal ≤ 1.2× wall: ${results.goalWithin1_2x ? 'met' : 'missed'})`);
