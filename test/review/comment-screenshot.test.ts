/**
 * What a reviewer sees: the review comment of the fixture pull request, its Markdown rendered
 * to HTML (markdown-it, HTML allowed as GitHub allows <details> and <sub>) with the maps the
 * review drew, shown in Debian's Chromium: every image loads, nothing from the journeys runs as
 * markup, and screenshots (light and wide, dark and narrow) go to test-artifacts/review/.
 * `UPDATE_SCREENSHOTS=1` also writes the README's images/review-comment.png.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchPage } from '../webview/chromium.js';
import { pullRequestFixture, type PullRequestFixture } from './review-fixture.js';

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts/review');

/** A page styled like a pull-request conversation (written here, not GitHub's stylesheet). */
function page(body: string, dark: boolean): string {
    const fg = dark ? '#e6edf3' : '#1f2328';
    const bg = dark ? '#0d1117' : '#ffffff';
    const border = dark ? '#30363d' : '#d0d7de';
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
body { margin: 0; padding: 24px; background: ${bg}; color: ${fg}; font: 14px/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
.comment { max-width: 880px; margin: auto; border: 1px solid ${border}; border-radius: 6px; }
.comment > header { padding: 8px 16px; border-bottom: 1px solid ${border}; background: ${dark ? '#161b22' : '#f6f8fa'}; border-radius: 6px 6px 0 0; }
.comment > article { padding: 0 16px 8px; }
h2 { border-bottom: 1px solid ${border}; padding-bottom: .3em; font-size: 1.5em; }
h3 { font-size: 1.25em; } h4 { font-size: 1em; }
code { background: ${dark ? '#343942' : '#eff1f3'}; padding: .1em .3em; border-radius: 4px; font-size: 85%; }
table { border-collapse: collapse; } td, th { border: 1px solid ${border}; padding: 4px 10px; }
img { max-width: 100%; border: 1px solid ${border}; }
hr { border: 0; border-top: 1px solid ${border}; }
</style></head><body><div class="comment"><header><b>github-actions</b> bot commented</header><article>${body}</article></div></body></html>`;
}

let fixture: PullRequestFixture;
let html: string;

beforeAll(() => {
    fixture = pullRequestFixture('head');
    const out = path.join(fixture.root, 'review');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/journey.js'), 'review', fixture.baseSha, '--base-label', 'main', '--head-label', 'revue', '--out', out, '--today', '2026-06-30', '--fail-on', 'never'], {
        cwd: path.join(fixture.checkout, 'journeys'), encoding: 'utf8'
    });
    if (result.status !== 0) throw new Error(result.stderr);
    const markdown = readFileSync(path.join(out, 'comment.md'), 'utf8');
    html = new MarkdownIt({ html: true, linkify: false }).render(markdown);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const dark of [false, true]) writeFileSync(path.join(out, dark ? 'dark.html' : 'light.html'), page(html, dark));
}, 120_000);

afterAll(() => {
    if (fixture) rmSync(fixture.root, { recursive: true, force: true });
});

describe('the review comment, rendered', () => {
    it('shows the checks, the diff, both maps and the KPI table in Chromium', async () => {
        const browser = await launchChromium({ width: 1000, height: 900 });
        try {
            for (const [name, dark, width] of [['light-wide', false, 1000], ['dark-narrow', true, 520]] as const) {
                const tab = await browser.context.newPage();
                const seen = watchPage(tab);
                await tab.setViewportSize({ width, height: 900 });
                await tab.goto(`file://${path.join(fixture.root, 'review', dark ? 'dark.html' : 'light.html')}`);
                const images = await tab.$$eval('img', list => list.map(img => ({ alt: img.getAttribute('alt'), width: (img as HTMLImageElement).naturalWidth })));
                expect(images.map(i => i.alt)).toEqual([
                    'Map of Adhésion à la mutuelle santé — parcours actuel, before the change',
                    'Map of Adhésion à la mutuelle santé — parcours actuel, after the change'
                ]);
                for (const image of images) expect(image.width).toBeGreaterThan(1000);
                expect(await tab.locator('table').innerText()).toContain('CSAT à chaud après la signature');
                expect(await tab.locator('details summary').first().innerText()).toBe('2 annotated problems');
                expect(seen.errors).toEqual([]);
                await tab.screenshot({ path: path.join(ARTIFACTS, `comment-${name}.png`), fullPage: true });
                await tab.close();
            }
        } finally {
            await browser.close();
        }
        if (process.env.UPDATE_SCREENSHOTS) copyFileSync(path.join(ARTIFACTS, 'comment-light-wide.png'), path.join(ROOT, 'images/review-comment.png'));
    }, 120_000);
});
