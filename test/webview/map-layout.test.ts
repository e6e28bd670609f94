/**
 * How the map reads, measured in Chromium: every touchpoint and lane on a printed page, cards
 * and badges inside a narrow panel, the map fitted to the width with its legend, text inside its
 * box in the SVG export, the cursor on the `journey` line marking the heading only, one title
 * each. Screenshots (light and dark, narrow and wide, print) are kept in test-artifacts/preview.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, loadPreviewWorkspace, payloadFor } from '../../src/cli/preview-workspace.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { svgToPng } from '../../src/cli/map-png.js';
import type { PreviewPayload } from '../../src/render/preview-data.js';
import { FIXTURES } from '../render/render-helpers.js';
import { ARTIFACTS, launchChromium, waitRendered, watchPage } from './chromium.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/mutuelle-sante');
const CARTE_IDENTITE = path.resolve(import.meta.dirname, '../../examples/carte-identite');
const TODAY = '2026-06-15';

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box, slack = 0.5) =>
    inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

describe('the journey map at a glance, in Chromium', () => {
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let payload: PreviewPayload;
    let html: string;
    beforeAll(async () => {
        await fs.mkdir(ARTIFACTS, { recursive: true });
        const preview = await loadPreviewWorkspace(EXAMPLE, TODAY);
        payload = payloadFor(preview, 'adhesion-actuel.journey');
        html = await htmlPage(payload, 'static');
        await fs.writeFile(path.join(ARTIFACTS, 'map.html'), html);
        browser = await launchChromium();
    }, 60_000);
    afterAll(() => browser?.close());

    async function open(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light', file = 'map.html'): Promise<{ page: Page; errors: string[] }> {
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        const seen = watchPage(page);
        await page.goto(`file://${path.join(ARTIFACTS, file)}`);
        await waitRendered(page);
        return { page, errors: seen.errors };
    }

    /** The boxes of the shown journey's touchpoints and lane labels, and of its scroll area. */
    async function mapBoxes(page: Page) {
        return page.evaluate(() => {
            const journey = [...document.querySelectorAll<HTMLElement>('.jm-journey')].find(j => j.offsetParent !== null)!;
            const box = (el: Element) => { const r = el.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; };
            return {
                scroll: box(journey.querySelector('.jm-scroll')!),
                touchpoints: [...journey.querySelectorAll('.jm-touchpoint')].map(box),
                labels: [...journey.querySelectorAll('.jm-label, .jm-visibility')].map(el => ({ text: el.textContent, ...box(el) })),
                page: document.documentElement.scrollWidth
            };
        });
    }

    it('fits the 14 touchpoints of the example in a 1,440 px window, zooms with the buttons, and shows the legend', async () => {
        const { page, errors } = await open({ width: 1440, height: 900 });
        const { scroll, touchpoints } = await mapBoxes(page);
        expect(touchpoints).toHaveLength(14);
        for (const touchpoint of touchpoints) expect(touchpoint.x + touchpoint.width).toBeLessThanOrEqual(scroll.x + scroll.width + 1);
        const fitted = await page.locator('.jm-journey:visible .jm-zoom-level').textContent();
        expect(Number.parseInt(fitted!)).toBeGreaterThanOrEqual(50);
        expect(await page.locator('.jm-journey:visible [data-zoom="fit"]').getAttribute('aria-pressed')).toBe('true');
        await page.screenshot({ path: path.join(ARTIFACTS, 'map-wide-light.png'), fullPage: true });
        // Actual size: the map is wider than the window again, and scrolls.
        await page.locator('.jm-journey:visible [data-zoom="reset"]').click();
        expect(await page.locator('.jm-journey:visible .jm-zoom-level').textContent()).toBe('100%');
        const wide = await page.locator('.jm-journey:visible .jm-scroll').evaluate(el => el.scrollWidth > el.clientWidth);
        expect(wide).toBe(true);
        await page.locator('.jm-journey:visible [data-zoom="out"]').click();
        expect(await page.locator('.jm-journey:visible .jm-zoom-level').textContent()).toBe('90%');
        await page.locator('.jm-journey:visible [data-zoom="fit"]').click();
        expect(await page.locator('.jm-journey:visible .jm-zoom-level').textContent()).toBe(fitted);
        // The legend: both channel styles, the emotion tones in the map's colours, severities, the moment-of-truth star.
        const legend = page.locator('.jm-journey:visible .jm-legend');
        for (const text of ['online channel', 'offline channel', 'positive', 'neutral', 'negative', 'critical', '★ moment of truth']) {
            expect(await legend.getByText(text, { exact: true }).count(), text).toBe(1);
        }
        const styles = await page.evaluate(() => {
            const style = (selector: string) => { const s = getComputedStyle(document.querySelector(`.jm-legend ${selector}`)!); return { border: s.borderTopStyle, width: s.borderTopWidth, background: s.backgroundColor }; };
            const colour = (selector: string) => getComputedStyle(document.querySelector(selector)!).backgroundColor;
            return { online: style('.jm-online'), offline: style('.jm-offline'), neutralLegend: colour('.jm-legend .jm-emo-neutral'), neutralMap: colour('.jm-emotion .jm-emo-neutral') };
        });
        expect(styles.online.border).toBe('solid');
        expect(styles.offline.border).toBe('dashed');
        expect(styles.offline.width).toBe('2px');
        expect(styles.online.background).not.toBe(styles.offline.background);
        expect(styles.neutralLegend).toBe(styles.neutralMap);
        expect(errors).toEqual([]);
        await page.close();
    });

    it('keeps every KPI card, its status badge and its chart inside a 430 px panel', async () => {
        const { page, errors } = await open({ width: 430, height: 900 });
        const layout = await page.evaluate(() => {
            const box = (el: Element) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
            return {
                width: document.documentElement.clientWidth,
                scrollWidth: document.documentElement.scrollWidth,
                cards: [...document.querySelectorAll('.jm-journey:not([hidden]) .jm-kpi-card')].filter(el => (el as HTMLElement).offsetParent !== null).map(card => ({
                    card: box(card),
                    badge: box(card.querySelector('.jm-status-badge')!),
                    title: box(card.querySelector('h3')!),
                    charts: [...card.querySelectorAll('.jm-chart svg')].map(box)
                }))
            };
        });
        // One card per KPI of the journey (and at least one).
        const kpiCount = payload.model.journeys.find(j => j.file === 'adhesion-actuel.journey')!.kpis.length;
        expect(kpiCount).toBeGreaterThan(0);
        expect(layout.cards.length).toBe(kpiCount);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
        for (const { card, badge, title, charts } of layout.cards) {
            expect(card.x).toBeGreaterThanOrEqual(0);
            expect(card.x + card.width).toBeLessThanOrEqual(layout.width);
            expect(inside(badge, card)).toBe(true);
            expect(inside(title, card)).toBe(true);
            for (const chart of charts) expect(inside(chart, card)).toBe(true);
        }
        await page.screenshot({ path: path.join(ARTIFACTS, 'map-narrow-light.png'), fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: path.join(ARTIFACTS, 'map-narrow-dark.png'), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
    });

    it('prints every touchpoint and every lane of the map on the page, without the view buttons', async () => {
        // A4 landscape at 96 dpi less the 10 mm margins of the print stylesheet.
        const { page, errors } = await open({ width: 1047, height: 718 });
        await page.emulateMedia({ media: 'print' });
        const { scroll, touchpoints, labels, page: pageWidth } = await mapBoxes(page);
        expect(touchpoints).toHaveLength(14);
        expect(pageWidth).toBeLessThanOrEqual(1047);
        for (const touchpoint of touchpoints) expect(inside(touchpoint, scroll), JSON.stringify(touchpoint)).toBe(true);
        expect(labels.map(l => l.text)).toEqual(expect.arrayContaining(['Touchpoints', 'Emotion', 'Pain points', 'Evidence', 'Customer actions', 'Frontstage', 'Backstage', 'Support systems', 'KPIs']));
        for (const label of labels) expect(inside(label, scroll), label.text!).toBe(true);
        for (const hidden of ['.jm-switches', '.jm-zoom-buttons']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
        await page.screenshot({ path: path.join(ARTIFACTS, 'map-print.png'), fullPage: true });
        await page.pdf({ path: path.join(ARTIFACTS, 'map-print.pdf'), preferCSSPageSize: true, printBackground: true });
        expect(errors).toEqual([]);
        await page.close();
    });

    it('marks the heading, not the whole map, when the cursor is on the journey line', async () => {
        const { page } = await open({ width: 1440, height: 900 });
        const journey = payload.model.journeys.find(j => j.file === 'adhesion-actuel.journey')!;
        const active = await page.evaluate(({ line, file }) => {
            (window as unknown as { journeyPreview: { highlight(line: number, file?: string): void } }).journeyPreview.highlight(line, file);
            const marked = [...document.querySelectorAll('.jm-active')];
            return marked.map(el => ({ classes: el.className, height: el.getBoundingClientRect().height }));
        }, { line: journey.line, file: journey.file });
        expect(active).toHaveLength(1);
        expect(active[0].classes).toContain('jm-head');
        expect(active[0].height).toBeLessThan(300);
        await page.close();
    });

    it('gives the journey one title, the served page too, and the KPI charts none of their own', async () => {
        const title = payload.model.journeys.find(j => j.file === 'adhesion-actuel.journey')!.title;
        await fs.writeFile(path.join(ARTIFACTS, 'map-served.html'), await htmlPage(payload, 'serve', '/'));
        for (const file of ['map.html', 'map-served.html']) {
            const { page } = await open({ width: 1440, height: 900 }, 'light', file);
            const visible = await page.evaluate(text => [...document.querySelectorAll('body *')].filter(el =>
                (el as HTMLElement).offsetParent !== null && [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent!.includes(text))).length, title);
            expect(visible, file).toBe(1);
            if (file === 'map.html') {
                const card = page.locator('.jm-kpi-card').first();
                const kpiTitle = (await card.locator('h3').textContent())!;
                await page.waitForFunction(() => document.querySelectorAll('.jm-kpi-card .jm-chart svg').length > 0);
                expect(await card.locator('.jm-chart svg').first().textContent()).not.toContain(kpiTitle);
            }
            await page.close();
        }
    });

    it('shows a current journey and its target together stage by stage: stages one above the other, KPIs paired, both emotion curves on one chart', async () => {
        const { page, errors } = await open({ width: 1440, height: 900 });
        await page.locator('.jm-switch[data-view="all"]').click();
        await page.waitForFunction(() => document.querySelectorAll('.jm-compare-emotions svg .mark-line path').length >= 2);
        const stages = await page.evaluate(() => [...document.querySelectorAll('.jm-compare-item')].map(item =>
            [...item.querySelectorAll<HTMLElement>('.jm-stage')].map(stage => { const r = stage.getBoundingClientRect(); return { title: stage.querySelector('.jm-stage-title')?.textContent, x: r.x, width: r.width }; })));
        expect(stages).toHaveLength(2);
        const [current, target] = stages;
        expect(current.map(s => s.title)).toEqual(target.map(s => s.title));
        for (const [i, stage] of current.entries()) {
            expect(Math.abs(stage.x - target[i].x), stage.title!).toBeLessThan(1);
            expect(Math.abs(stage.width - target[i].width), stage.title!).toBeLessThan(1);
        }
        // Today's value of the current journey beside the target journey's target.
        const pairs = await page.locator('.jm-kpi-pair').allTextContents();
        expect(pairs).toContain('Cartes de tiers payant envoyées à J+1 today 42.9% → target ≥ 98%');
        expect(await page.locator('.jm-compare-emotions .jm-chart svg .mark-line path').count()).toBe(2);
        // The maps scroll together at actual size.
        await page.locator('.jm-compare-item[data-index="0"] [data-zoom="reset"]').click();
        await page.locator('.jm-compare-item[data-index="1"] [data-zoom="reset"]').click();
        await page.locator('.jm-compare-item[data-index="0"] .jm-scroll').evaluate(el => { el.scrollLeft = 600; el.dispatchEvent(new Event('scroll')); });
        expect(await page.locator('.jm-compare-item[data-index="1"] .jm-scroll').evaluate(el => el.scrollLeft)).toBe(600);
        await page.locator('.jm-compare-item[data-index="0"] [data-zoom="fit"]').click();
        await page.locator('.jm-compare-item[data-index="1"] [data-zoom="fit"]').click();
        await page.screenshot({ path: path.join(ARTIFACTS, 'map-compare.png'), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
    });

    it('exports a PNG that shows the map: ink in its title band and across it, not a blank picture', async () => {
        const { png, width, height } = svgToPng(await renderMapSvg(payload), 1);
        await fs.writeFile(path.join(ARTIFACTS, 'map.png'), png);
        const page = await browser.context.newPage();
        await page.setContent('<canvas id="c"></canvas>');
        // The title band (first 40 px) and the emotion lane hold ink; a blank or unreadable PNG would not.
        const ink = await page.evaluate(async ({ data, w, h }) => {
            const image = new Image();
            image.src = `data:image/png;base64,${data}`;
            await image.decode();
            const canvas = document.getElementById('c') as HTMLCanvasElement;
            canvas.width = w; canvas.height = h;
            const context = canvas.getContext('2d')!;
            context.drawImage(image, 0, 0);
            const share = (x: number, y: number, bw: number, bh: number) => {
                const pixels = context.getImageData(x, y, bw, bh).data;
                let dark = 0;
                for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) dark++;
                return dark / (bw * bh);
            };
            return { title: share(0, 0, Math.min(w, 600), 40), whole: share(0, 0, w, h) };
        }, { data: png.toString('base64'), w: width, h: height });
        expect(ink.title).toBeGreaterThan(0.02);
        expect(ink.whole).toBeGreaterThan(0.02);
        expect(ink.whole).toBeLessThan(0.6);
        await page.close();
    });

    it('shows the map in dark colours when the system is dark', async () => {
        const { page, errors } = await open({ width: 1440, height: 900 }, 'dark');
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe('rgb(13, 17, 23)');
        await page.screenshot({ path: path.join(ARTIFACTS, 'map-wide-dark.png'), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
    });

    it('keeps every text of the SVG export inside its box: long titles, badges, lane names; arrows clear of every text', async () => {
        const long = await loadPreviewWorkspace(path.join(FIXTURES, 'long-titles'), TODAY);
        const cni = await loadPreviewWorkspace(CARTE_IDENTITE, TODAY);
        for (const [name, svg] of [
            ['long-titles', await renderMapSvg(payloadFor(long, 'long.journey'))],
            ['mutuelle', await renderMapSvg(payload)],
            ['carte-identite', await renderMapSvg(payloadFor(cni, 'demande-cni.journey'))],
            ['carte-identite-fr', await renderMapSvg({ ...payloadFor(cni, 'demande-cni.journey'), locale: 'fr' })]
        ] as const) {
            await fs.writeFile(path.join(ARTIFACTS, `map-${name}.svg`), svg);
            const page = await browser.context.newPage();
            await page.goto(`file://${path.join(ARTIFACTS, `map-${name}.svg`)}`);
            const overflows = await page.evaluate(() => {
                const svg = document.querySelector('svg')!;
                const width = svg.width.baseVal.value;
                const bad: string[] = [];
                // Column borders, as drawn per lane: a text crossing one runs into the next column.
                const borders = [...svg.querySelectorAll(':scope > g > line')].filter(l => l.getAttribute('x1') === l.getAttribute('x2'))
                    .map(l => ({ x: Number(l.getAttribute('x1')), y1: Number(l.getAttribute('y1')), y2: Number(l.getAttribute('y2')) }));
                for (const text of svg.querySelectorAll('text')) {
                    if (text.closest('svg') !== svg) continue; // the charts: Vega lays them out
                    const b = text.getBBox();
                    if (b.x + b.width > width + 0.5) bad.push(`past the right edge: ${text.textContent}`);
                    const badge = text.previousElementSibling;
                    if (badge?.tagName === 'rect' && Number(badge.getAttribute('height')) < 20) {
                        const r = (badge as SVGRectElement).getBBox();
                        if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5) bad.push(`out of its badge: ${text.textContent}`);
                    }
                    // A text on its own filled pill (a stage's emotion centred across its stage) covers the border it sits on.
                    const pill = badge?.tagName === 'rect' ? (badge as SVGRectElement).getBBox() : undefined;
                    if (pill && b.x >= pill.x - 0.5 && b.x + b.width <= pill.x + pill.width + 0.5) continue;
                    const middle = b.y + b.height / 2;
                    for (const border of borders) {
                        if (middle > border.y1 && middle < border.y2 && border.x > b.x + 1 && border.x < b.x + b.width - 1) bad.push(`across a column: ${text.textContent}`);
                    }
                }
                // The outcomes' arrows: no point of a line, arrowhead or dot inside a text (cards, labels, lane names), no two labels on each other.
                const texts = [...svg.querySelectorAll('text')].filter(t => t.closest('svg') === svg).map(t => ({ text: t.textContent, box: t.getBBox() }));
                const within = (px: number, py: number) => texts.find(({ box }) => px > box.x + 0.5 && px < box.x + box.width - 0.5 && py > box.y + 0.5 && py < box.y + box.height - 0.5);
                for (const path of svg.querySelectorAll<SVGPathElement>('g.flows path')) {
                    const length = path.getTotalLength();
                    for (let at = 0; at <= length; at += 1) {
                        const point = path.getPointAtLength(at);
                        const hit = within(point.x, point.y);
                        if (hit) { bad.push(`arrow through a text: ${hit.text}`); break; }
                    }
                }
                for (const mark of svg.querySelectorAll<SVGGraphicsElement>('g.flows polygon, g.flows circle')) {
                    const r = mark.getBBox();
                    for (const [px, py] of [[r.x, r.y], [r.x + r.width, r.y], [r.x, r.y + r.height], [r.x + r.width, r.y + r.height], [r.x + r.width / 2, r.y + r.height / 2]]) {
                        const hit = within(px, py);
                        if (hit) bad.push(`arrowhead on a text: ${hit.text}`);
                    }
                }
                const labels = [...svg.querySelectorAll<SVGTextElement>('g.flows text')].map(t => ({ text: t.textContent, box: t.getBBox() }));
                for (const [i, a] of labels.entries()) {
                    for (const b of labels.slice(i + 1)) {
                        if (a.box.x < b.box.x + b.box.width && b.box.x < a.box.x + a.box.width && a.box.y < b.box.y + b.box.height && b.box.y < a.box.y + a.box.height) bad.push(`labels on each other: ${a.text} / ${b.text}`);
                    }
                }
                if (svg.querySelector('g.flows') && !svg.querySelectorAll('g.flows path').length) bad.push('a flow lane without arrows');
                // Stage headers: the title and the lines of facts inside the stage's box.
                for (const stage of svg.querySelectorAll<SVGGElement>('g.stage')) {
                    const box = stage.querySelector('rect')!.getBBox();
                    for (const text of stage.querySelectorAll('text')) {
                        const b = text.getBBox();
                        if (b.x + b.width > box.x + box.width + 0.5 || b.y + b.height > box.y + box.height + 0.5) bad.push(`out of its stage header: ${text.textContent}`);
                    }
                }
                return bad;
            });
            expect(overflows, name).toEqual([]);
            // The example has seven outcomes leading to steps of the map: each one an arrow.
            if (name.startsWith('carte-identite')) expect(svg.match(/<path d="M[^"]*"[^>]*stroke-width="1.8"/g), name).toHaveLength(7);
            await page.close();
        }
    }, 60_000);
});
