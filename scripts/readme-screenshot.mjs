// The picture at the top of the README: the health-insurance example's map as the preview shows
// it at 1,440 px (fitted to the width), taken in Debian's Chromium. Run after `npm run build`:
//   node scripts/readme-screenshot.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(tmpdir(), 'journey-readme-'));
try {
    const page = path.join(out, 'map.html');
    execFileSync(process.execPath, [path.join(root, 'bin/journey.js'), 'render', path.join(root, 'examples/mutuelle-sante/adhesion-actuel.journey'), '--out', page, '--today', '2026-06-15'], { stdio: 'ignore' });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const tab = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
    await tab.goto(`file://${page}`);
    await tab.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) >= 1);
    // From the journey's heading to the bottom of its map.
    const clip = await tab.evaluate(() => {
        const journey = [...document.querySelectorAll('.jm-journey')].find(j => j.offsetParent !== null);
        const top = journey.querySelector('.jm-head').getBoundingClientRect().top - 8;
        const bottom = journey.querySelector('.jm-scroll').getBoundingClientRect().bottom + 8;
        return { x: 0, y: Math.max(0, top), width: document.documentElement.clientWidth, height: bottom - Math.max(0, top) };
    });
    await tab.screenshot({ path: path.join(root, 'images/map.png'), clip });
    await browser.close();
} finally {
    rmSync(out, { recursive: true, force: true });
}
