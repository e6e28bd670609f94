// Overview and committee report benchmark (issue 18). Prints and saves bench/results/overview.json:
// 1. the portfolio overview of the 1,000-journey synthetic workspace (generate-workspace.mjs:
//    1,000 files × 100 touchpoints, half of them target journeys paired with their current
//    ones; 5 of 6 files with a hint) after its check: the workspace loaded and checked as
//    `journey check` does (timed apart), then the portfolio judged and written as HTML, then
//    the page opened in Debian's Chromium until loaded and laid out (goal: ≤ 2 s after the check);
// 2. `journey report examples` (PDF, and HTML) against `journey render examples` (HTML), the
//    real commands, alternated, RUNS times each: the ratio of medians (goal ≤ 2).
import '../out/polyfills.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generateWorkspace } from './generate-workspace.mjs';
import { loadWorkspace } from '../out/node/journey-workspace.js';
import { portfolio } from '../out/language/model/portfolio.js';
import { renderOverviewPage } from '../out/render/overview-html.js';
import { median, round } from './lib/stats.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.OVERVIEW_BENCH_RUNS ?? 3);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'journey-overview-bench-'));
const results = {};

try {
    // ---- 1. The overview of 1,000 journeys
    const dir = path.join(scratch, 'ws');
    const info = generateWorkspace(dir, { files: 1000, touchpointsPerFile: 100, seed: 1, infoPerFile: true });
    let t = performance.now();
    const workspace = await loadWorkspace(['.'], { cwd: dir });
    const check = performance.now() - t;
    // The model's journeys are built on first read (build-model.ts): read once here, timed apart.
    t = performance.now();
    let touchpoints = 0;
    for (const journey of workspace.model.journeys) for (const stage of journey.stages) touchpoints += stage.touchpoints.length;
    const modelBuilt = performance.now() - t;
    const today = new Date('2026-07-15T00:00:00Z');
    t = performance.now();
    const data = portfolio(workspace.model, [], today);
    const judged = performance.now() - t;
    t = performance.now();
    const html = renderOverviewPage(data, { title: 'bench: journeys', hrefFor: file => file, nonce: 'bench', csp: "default-src 'none'; script-src 'nonce-bench'; style-src 'unsafe-inline'" });
    const written = performance.now() - t;
    const file = path.join(scratch, 'overview.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    t = performance.now();
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    // Layout forced, then the next frame: what the reader sees is on the screen.
    await page.evaluate(() => new Promise(resolve => { void document.body.getBoundingClientRect(); requestAnimationFrame(() => resolve()); }));
    const shown = performance.now() - t;
    const rows = await page.locator('.ov-row').count();
    // The filters on 1,000 rows: one change of the owner select, until the next frame.
    const owner = await page.locator('select[name=owner] option').nth(1).getAttribute('value');
    t = performance.now();
    await page.selectOption('select[name=owner]', owner ?? '');
    await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => resolve())));
    const filtered = performance.now() - t;
    await browser.close();
    results.overview = {
        journeys: workspace.model.journeys.length, rows, files: info.files.length, bytes: info.bytes,
        checkMs: round(check), modelMs: round(modelBuilt), touchpoints, portfolioMs: round(judged), htmlMs: round(written), htmlBytes: Buffer.byteLength(html),
        chromiumLoadedMs: round(shown), afterCheckMs: round(judged + written + shown), filterMs: round(filtered)
    };
    console.log(`overview of ${results.overview.journeys} journeys (${rows} rows, ${touchpoints} touchpoints): check ${round(check / 1000, 2)} s, the model read once ${round(modelBuilt / 1000, 2)} s; after them: portfolio ${round(judged)} ms + HTML ${round(written)} ms (${round(Buffer.byteLength(html) / 1e6, 2)} MB) + Chromium loaded and laid out ${round(shown)} ms = ${round((judged + written + shown) / 1000, 2)} s (goal ≤ 2 s); a filter change ${round(filtered)} ms`);

    // ---- 2. report vs render of the three examples
    const env = { ...process.env, JOURNEY_TODAY: '2026-07-15' };
    const time = args => {
        const started = performance.now();
        const run = spawnSync(process.execPath, [path.join(root, 'bin/journey.js'), ...args], { cwd: root, env, encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`journey ${args.join(' ')} failed: ${run.stderr}`);
        return performance.now() - started;
    };
    const renderTimes = [], pdfTimes = [], htmlTimes = [];
    for (let i = 0; i < RUNS; i++) {
        renderTimes.push(time(['render', 'examples', '--out', path.join(scratch, `render-${i}`)]));
        pdfTimes.push(time(['report', 'examples', '--out', path.join(scratch, `report-${i}.pdf`)]));
        htmlTimes.push(time(['report', 'examples', '--format', 'html', '--out', path.join(scratch, `report-${i}.html`)]));
    }
    results.report = {
        runs: RUNS, renderMs: round(median(renderTimes)), reportPdfMs: round(median(pdfTimes)), reportHtmlMs: round(median(htmlTimes)),
        pdfRatio: round(median(pdfTimes) / median(renderTimes), 2), htmlRatio: round(median(htmlTimes) / median(renderTimes), 2)
    };
    console.log(`report of the three examples: PDF ${round(median(pdfTimes) / 1000, 2)} s, HTML ${round(median(htmlTimes) / 1000, 2)} s; journey render ${round(median(renderTimes) / 1000, 2)} s: ratios ${results.report.pdfRatio}× and ${results.report.htmlRatio}× (goal ≤ 2×; medians of ${RUNS})`);
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(path.join(root, 'bench/results/overview.json'), JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2) + '\n');
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
