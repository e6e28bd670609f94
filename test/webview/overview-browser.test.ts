// The portfolio overview (render's index.html) in Debian's Chromium: rows worst first, a target
// journey beside the current one it improves, filters applied by the page's script (and kept
// within the CSP: no error), nothing wider than the page at 430 px; screenshots light/dark,
// narrow/wide in test-artifacts/overview/.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPage } from './chromium.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(REPO, 'test-artifacts/overview');

describe('the portfolio overview in Chromium', () => {
    let out: string;
    let browser: Awaited<ReturnType<typeof launchChromium>>;

    beforeAll(async () => {
        out = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-overview-'));
        execFileSync(process.execPath, [path.join(REPO, 'bin/journey.js'), 'render', 'examples', '--out', out, '--today', '2026-07-15'], { cwd: REPO, env: { ...process.env, JOURNEY_TODAY: '2026-07-15' } });
        await fs.mkdir(ARTIFACTS, { recursive: true });
        browser = await launchChromium();
    }, 120_000);
    afterAll(async () => {
        await browser?.close();
        await fs.rm(out, { recursive: true, force: true });
    });

    it('lists every journey worst first, pairs current and target, and filters by owner, persona, channel and tag', async () => {
        const page = await browser.context.newPage();
        const seen = watchPage(page);
        await page.goto(`file://${out}/index.html`);
        const rows = page.locator('.ov-row');
        const count = await rows.count();
        expect(count).toBeGreaterThanOrEqual(3);
        // The paired row holds the current and the target journey of the mutual insurer, side by side.
        const paired = page.locator('.ov-row.ov-paired');
        expect(await paired.count()).toBeGreaterThanOrEqual(1);
        const [left, right] = await paired.first().locator('.ov-journey').evaluateAll(els => els.map(el => el.getBoundingClientRect().toJSON()));
        expect(right.left).toBeGreaterThanOrEqual(left.right - 1);
        expect(Math.abs(right.top - left.top)).toBeLessThan(2);
        // Worst first: the first row's worst status ranks no better than any later row's.
        const rank = ['missed', 'off-track', 'at-risk', 'no-data', 'met'];
        const worst = await rows.evaluateAll(els => els.map(el => /jm-status-([a-z-]+)/.exec(el.className)![1]));
        expect(rank.indexOf(worst[0])).toBeLessThanOrEqual(Math.min(...worst.map(w => rank.indexOf(w))));
        await page.screenshot({ path: path.join(ARTIFACTS, 'overview-light-wide.png'), fullPage: true });

        // The tag filter lists the tags the examples use (stages' and touchpoints'), by their titles.
        expect(await page.locator('select[name=tag]').isDisabled()).toBe(false);
        expect(await page.locator('select[name=tag] option[value="Perception.Agreable"]').textContent()).toBe('Perception · Agréable');
        for (const filter of ['owner', 'persona', 'channel', 'tag'] as const) {
            const select = page.locator(`select[name=${filter}]`);
            const values = await select.locator('option').evaluateAll(options => options.map(o => (o as HTMLOptionElement).value).filter(Boolean));
            expect(values.length, filter).toBeGreaterThan(0);
            await select.selectOption(values[0]);
            const shown = await rows.evaluateAll((els, [name, value]) => els.filter(el => !el.hidden).map(el => (el.getAttribute(`data-${name}`) ?? '').split(' ').includes(value)), [filter, values[0]] as const);
            expect(shown.length, filter).toBeGreaterThan(0);
            expect(shown.length, filter).toBeLessThanOrEqual(count);
            expect(shown.every(Boolean), filter).toBe(true);
            // A tag only some journeys carry leaves the others out.
            if (filter === 'tag') {
                expect(shown.length).toBeLessThan(count);
                await page.screenshot({ path: path.join(ARTIFACTS, 'overview-tag-filter.png'), fullPage: true });
            }
            await select.selectOption('');
        }
        await page.locator('select[name=owner]').selectOption({ index: 1 });
        await page.locator('select[name=persona]').selectOption({ index: (await page.locator('select[name=persona] option').count()) - 1 });
        const visible = await rows.evaluateAll(els => els.filter(el => !el.hidden).length);
        expect(await page.locator('.ov-none').isVisible()).toBe(visible === 0);
        expect(seen.errors).toEqual([]);
        await page.close();
    });

    it('fits a narrow panel and reads in the dark', async () => {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width: 430, height: 900 });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.goto(`file://${out}/index.html`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // Every KPI chip stays inside its row.
        const outside = await page.locator('.ov-row').evaluateAll(rows => rows.flatMap(row => {
            const box = row.getBoundingClientRect();
            return [...row.querySelectorAll('.ov-chip')].filter(chip => chip.getBoundingClientRect().right > box.right + 1).map(chip => chip.textContent);
        }));
        expect(outside).toEqual([]);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe('rgb(13, 17, 23)');
        await page.screenshot({ path: path.join(ARTIFACTS, 'overview-dark-narrow.png'), fullPage: true });
        await page.close();
    });
});
