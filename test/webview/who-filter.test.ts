// The map's persona/segment and tag filters in Debian's Chromium (the page `journey render` and
// `journey serve` write, with the preview script): choosing a segment or a tag dims the columns of
// the touchpoints left out, the choice outlives an update of the map, and the research link opens
// the study. Screenshots light/dark, wide/narrow, English/French in test-artifacts/preview/.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage } from '../../src/cli/preview-workspace.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { previewPayload, type PreviewPayload } from '../../src/render/preview-data.js';
import { ARTIFACTS, launchChromium, waitRendered, watchPage } from './chromium.js';

const FOLDER = path.resolve(import.meta.dirname, '../language/fixtures/who');

async function payload(locale?: 'fr'): Promise<PreviewPayload> {
    const files = await Promise.all(['catalog.journey', 'pret.journey'].map(async name => ({ path: name, text: await fs.readFile(path.join(FOLDER, name), 'utf8') })));
    const { model } = await buildWorkspace(files, FOLDER);
    return previewPayload({ model, results: [], file: 'pret.journey', today: '2026-06-15', ...(locale ? { locale } : {}) });
}

describe('the map filters in Chromium', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    beforeAll(async () => {
        await fs.mkdir(ARTIFACTS, { recursive: true });
        browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    async function open(name: string, html: string, viewport = { width: 1400, height: 900 }, dark = false) {
        const file = path.join(ARTIFACTS, `${name}.html`);
        await fs.writeFile(file, html);
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        if (dark) await page.emulateMedia({ colorScheme: 'dark' });
        const seen = watchPage(page);
        await page.goto(`file://${file}`);
        await waitRendered(page);
        return { page, seen };
    }

    /** The touchpoints of the map whose column is dimmed. */
    const dimmed = (page: import('playwright-core').Page) =>
        page.locator('.jm-touchpoint.jm-dimmed .jm-tp-title').allTextContents();

    it('dims the touchpoints a segment does not meet, and those without the chosen tag', async () => {
        const { page, seen } = await open('who-filters', await htmlPage(await payload(), 'static'));
        expect(await page.locator('.jm-research a').getAttribute('href')).toBe('https://example.org/etude-pret');
        expect(await dimmed(page)).toEqual([]);
        const audience = page.locator('select.jm-filter[data-filter="audience"]');
        await audience.selectOption('GrandsComptes');
        // The insurance is for private customers only; the touchpoints for no one in particular stay.
        expect(await dimmed(page)).toEqual(['Adhésion à l\'assurance']);
        // The whole column is dimmed: the card and the pains, owners… cells below it.
        const column = await page.locator('.jm-touchpoint.jm-dimmed').getAttribute('data-col');
        const cells = await page.locator(`.jm-grid [data-col="${column}"]`).evaluateAll(els => els.map(el => el.classList.contains('jm-dimmed')));
        expect(cells.length).toBeGreaterThan(1);
        expect(cells.every(Boolean)).toBe(true);
        expect(Number(await page.locator('.jm-touchpoint.jm-dimmed').evaluate(el => getComputedStyle(el).opacity))).toBeLessThan(0.5);
        await page.screenshot({ path: path.join(ARTIFACTS, 'who-filter-segment.png'), fullPage: true });

        await audience.selectOption('');
        await page.locator('select.jm-filter[data-filter="tag"]').selectOption('Famille.Acces');
        // A stage's tag counts for its touchpoints: the "Demande" stage is tagged Famille.Acces.
        expect(await dimmed(page)).toEqual(['Appel de bienvenue', 'Adhésion à l\'assurance']);
        await page.screenshot({ path: path.join(ARTIFACTS, 'who-filter-tag.png'), fullPage: true });
        expect(seen.errors).toEqual([]);
        await page.close();
    });

    it('keeps the chosen filter when the map is drawn again (an edit in the editor)', async () => {
        const { page, seen } = await open('who-filters-update', await htmlPage(await payload(), 'static'));
        await page.locator('select.jm-filter[data-filter="audience"]').selectOption('GrandsComptes');
        expect(await dimmed(page)).toEqual(['Adhésion à l\'assurance']);
        // The preview script is the webview's: a new payload redraws the map in place.
        const again = await payload();
        again.model.journeys[0].title = 'Prêt immobilier (modifié)';
        await page.evaluate(async next => {
            const app = (window as unknown as { journeyPreview?: { update(p: unknown): Promise<void> } }).journeyPreview;
            if (!app) throw new Error('no preview app on the page');
            await app.update(next);
        }, again as unknown);
        expect(await page.locator('.jm-title').textContent()).toBe('Prêt immobilier (modifié)');
        expect(await page.locator('select.jm-filter[data-filter="audience"]').inputValue()).toBe('GrandsComptes');
        expect(await dimmed(page)).toEqual(['Adhésion à l\'assurance']);
        expect(seen.errors).toEqual([]);
        await page.close();
    });

    it('hides the touchpoints left out when asked, dimming being the default, and shows them again', async () => {
        const { page, seen } = await open('who-filters-hide', await htmlPage(await payload(), 'static'));
        const titles = () => page.locator('.jm-touchpoint .jm-tp-title').allTextContents();
        const columns = () => page.locator('.jm-grid').evaluate(grid => getComputedStyle(grid).gridTemplateColumns.split(' ').length);
        const all = await titles();
        const allColumns = await columns();
        expect(all).toContain('Adhésion à l\'assurance');
        const hide = page.locator('input.jm-filter-hide');
        expect(await hide.isChecked()).toBe(false);
        // Ticked with no choice made, nothing is left out.
        await hide.check();
        expect(await titles()).toEqual(all);
        await page.locator('select.jm-filter[data-filter="audience"]').selectOption('GrandsComptes');
        // The insurance is gone from the map, its column with it; nothing is dimmed.
        await expect.poll(titles).toEqual(all.filter(title => title !== 'Adhésion à l\'assurance'));
        expect(await columns()).toBe(allColumns - 1);
        expect(await dimmed(page)).toEqual([]);
        expect(await page.locator('select.jm-filter[data-filter="audience"]').inputValue()).toBe('GrandsComptes');
        expect(await page.locator('input.jm-filter-hide').isChecked()).toBe(true);
        await page.screenshot({ path: path.join(ARTIFACTS, 'who-filter-hidden.png'), fullPage: true });
        // A tag on top: the stage whose touchpoints are all hidden keeps one column, saying so.
        await page.locator('select.jm-filter[data-filter="tag"]').selectOption('Famille.Acces');
        await expect.poll(() => page.locator('.jm-none').allTextContents()).toEqual(['2 touchpoints hidden by the filter']);
        // Kept when the map is drawn again after an edit.
        await page.evaluate(async next => {
            await (window as unknown as { journeyPreview: { update(p: unknown): Promise<void> } }).journeyPreview.update(next);
        }, await payload() as unknown);
        expect(await page.locator('.jm-none').allTextContents()).toEqual(['2 touchpoints hidden by the filter']);
        // Unticked: every touchpoint is back, those left out dimmed.
        await page.locator('input.jm-filter-hide').uncheck();
        await expect.poll(titles).toEqual(all);
        expect(await dimmed(page)).toEqual(['Appel de bienvenue', 'Adhésion à l\'assurance']);
        expect(seen.errors).toEqual([]);
        await page.close();
    });

    it('reads in French, in the dark and in a narrow panel', async () => {
        const { page, seen } = await open('who-filters-fr', await htmlPage(await payload('fr'), 'static'), { width: 480, height: 900 }, true);
        expect(await page.locator('.jm-research').textContent()).toContain('Études : Entretiens avec des emprunteurs (115 personnes)');
        expect(await page.locator('label.jm-filter-label').first().textContent()).toContain('Afficher pour');
        expect(await page.locator('label.jm-filter-label').last().textContent()).toContain('masquer les autres');
        await page.locator('select.jm-filter[data-filter="audience"]').selectOption('Particuliers');
        expect(await dimmed(page)).toEqual(['Appel de bienvenue']);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(ARTIFACTS, 'who-filter-fr-dark-narrow.png'), fullPage: true });
        await page.locator('input.jm-filter-hide').check();
        await expect.poll(() => page.locator('.jm-touchpoint .jm-tp-title').allTextContents()).not.toContain('Appel de bienvenue');
        await page.screenshot({ path: path.join(ARTIFACTS, 'who-filter-fr-dark-narrow-hidden.png'), fullPage: true });
        expect(seen.errors).toEqual([]);
        await page.close();
    });
});
