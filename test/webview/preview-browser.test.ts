import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/commands/serve.js';
import { htmlPage } from '../../src/cli/preview-workspace.js';
import { largeJourneyText, modelOf, mutuellePayload, MUTUELLE } from '../render/render-helpers.js';
import { ARTIFACTS, launchChromium, waitRendered, watchPage } from './chromium.js';

describe('the rendered map in Chromium', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
        await fs.mkdir(ARTIFACTS, { recursive: true });
        browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    async function open(name: string, html: string) {
        const file = path.join(ARTIFACTS, `${name}.html`);
        await fs.writeFile(file, html);
        const page = await browser.context.newPage();
        const seen = watchPage(page);
        await page.goto(`file://${file}`);
        await waitRendered(page);
        return { page, seen };
    }

    it('shows the map, draws every chart with marks, without a console error or a network request', async () => {
        const { page, seen } = await open('mutuelle', await htmlPage(await mutuellePayload('adhesion.journey'), 'static'));
        expect(await page.locator('.jm-title').first().textContent()).toBe('Adhésion à la mutuelle santé');
        for (const text of ['Réception de la carte', 'Envoi de la carte tiers payant', 'Formulaire de 40 champs', 'Cartes envoyées à J+1']) {
            expect(await page.getByText(text).count(), text).toBeGreaterThan(0);
        }
        const charts = page.locator('.jm-chart');
        expect(await charts.count()).toBe(5); // emotion curves of both journeys and both on one chart, two KPI charts
        expect(await page.locator('.jm-chart svg.marks').count()).toBeGreaterThanOrEqual(2);
        const marks = await page.locator('.jm-chart svg .mark-line path, .jm-chart svg .mark-symbol path').count();
        expect(marks).toBeGreaterThan(10);
        await page.screenshot({ path: path.join(ARTIFACTS, 'mutuelle.png'), fullPage: true });
        // Compare with the target journey.
        await page.getByRole('button', { name: 'Both, stage by stage' }).click();
        expect(await page.locator('.jm-compare').getAttribute('data-view')).toBe('all');
        expect(await page.locator('[data-journey="AdhesionCible"]').isVisible()).toBe(true);
        await page.waitForFunction(() => document.querySelectorAll('.jm-chart svg.marks').length >= 4);
        await page.screenshot({ path: path.join(ARTIFACTS, 'mutuelle-side-by-side.png'), fullPage: true });
        expect(seen.errors).toEqual([]);
        expect(seen.requests).toEqual([]);
        await page.close();
    });

    it('keeps the hostile title inert: shown as text, no dialog, no element created from it', async () => {
        const { page, seen } = await open('hostile', await htmlPage(await mutuellePayload('hostile.journey'), 'static'));
        expect(await page.locator('.jm-title').textContent()).toBe('<img src=x onerror=alert(1)>');
        expect(await page.locator('#journey-preview img').count()).toBe(0);
        expect(await page.locator('#journey-preview script').count()).toBe(0);
        expect(await page.locator('#journey-preview b').count()).toBe(0);
        expect(await page.locator('svg[onload]').count()).toBe(0);
        expect(await page.getByText('</div><img src=y onerror=alert(3)>').count()).toBe(1);
        await page.waitForTimeout(300);
        expect(seen.dialogs).toEqual([]);
        expect(seen.errors).toEqual([]);
        await page.screenshot({ path: path.join(ARTIFACTS, 'hostile.png'), fullPage: true });
        await page.close();
    });

    it('scrolls 300 touchpoints horizontally with the stage headers and lane labels stuck', async () => {
        const model = await modelOf(largeJourneyText(15, 20));
        const { page, seen } = await open('large', await htmlPage({ model, results: [], file: 'big.journey' }, 'static'));
        const scroll = page.locator('.jm-scroll');
        const sizes = await scroll.evaluate(el => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
        expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth * 10);
        await scroll.evaluate(el => { el.scrollTop = 200; el.scrollLeft = 20_000; });
        const box = await scroll.boundingBox();
        const stage = await page.locator('.jm-stage').nth(5).boundingBox();
        const label = await page.locator('.jm-label').first().boundingBox();
        expect(Math.abs(stage!.y - box!.y)).toBeLessThan(3); // sticky at the top of the scroll area
        expect(Math.abs(label!.x - box!.x)).toBeLessThan(3); // lane labels stay on the left
        await page.screenshot({ path: path.join(ARTIFACTS, 'large-scrolled.png') });
        expect(seen.errors).toEqual([]);
        await page.close();
    });

    it('live-reloads a map served by journey serve when its file is saved', async () => {
        // Outside the repository: test-artifacts/ is git-ignored, and ignored journeys are not served.
        const root = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'journey-serve-browser-')), 'ws');
        await fs.cp(MUTUELLE, root, { recursive: true });
        const server = await startServer({ root, port: 0, debounce: 50 });
        try {
            const page = await browser.context.newPage();
            const seen = watchPage(page);
            await page.goto(server.url);
            await page.getByRole('link', { name: /Adhésion à la mutuelle santé/ }).click();
            await waitRendered(page);
            const file = path.join(root, 'adhesion.journey');
            await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('"Publicité TV"', '"Publicité radio"'));
            await page.getByText('Publicité radio').first().waitFor({ timeout: 10_000 });
            expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1); // updated in place, not reloaded
            expect(seen.errors).toEqual([]);
            await page.screenshot({ path: path.join(ARTIFACTS, 'serve-live.png') });
            await page.close();
        } finally {
            await server.close();
            await fs.rm(path.dirname(root), { recursive: true, force: true });
        }
    }, 60_000);
});
