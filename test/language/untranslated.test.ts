/**
 * The guard of issue 17 ("French and English, everywhere a person reads"): every surface drawn
 * in French for the French examples — map page, map SVG and its charts (as Vega draws them, with
 * the specs' titles, tooltips and descriptions), overview, committee report in HTML and PDF,
 * pull-request review (comment and maps before/after), diff in text and Markdown, map with the
 * visual diff — read as a person reads it (text, aria-label, title, alt…). What remains once the
 * journeys' own words are taken out must hold no word of the product's English vocabulary, read
 * from the catalogues (untranslated.ts). A sentence written in English in the code, outside the
 * catalogues, fails here with the surface and the text that shows it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreviewWorkspace, overviewPage, payloadFor } from '../../src/cli/preview-workspace.js';
import { renderMapSvg, specToSvg } from '../../src/render/map-svg.js';
import { renderPage } from '../../src/render/page.js';
import { chartSpecs } from '../../src/render/vega-specs.js';
import { pullRequestFixture, type PullRequestFixture } from '../review/review-fixture.js';
import { englishLeft, englishVocabulary, journeyWords, markdownTexts, readTexts, wordsOf, type Leftover } from './untranslated.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TODAY = '2026-07-15';
const EXAMPLES = ['mutuelle-sante', 'carte-identite'];
const vocabulary = englishVocabulary();

function journey(cwd: string, ...args: string[]): string {
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/journey.js'), ...args, '--lang', 'fr'], { cwd, encoding: 'utf8', env: { ...process.env, JOURNEY_TODAY: TODAY } });
    if (run.status !== 0 && run.status !== 1) throw new Error(`journey ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
}

/** Strings of a Vega-Lite spec a person reads: titles, descriptions, text marks' values, tooltip titles. */
function specTexts(spec: unknown, into: string[] = []): string[] {
    if (Array.isArray(spec)) for (const item of spec) specTexts(item, into);
    else if (spec && typeof spec === 'object') {
        for (const [key, value] of Object.entries(spec)) {
            if (typeof value === 'string' && ['title', 'description'].includes(key)) into.push(value);
            else if (key === 'text' && value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') into.push((value as { value: string }).value);
            else if (key !== 'datasets' && key !== 'data' && key !== 'config') specTexts(value, into);
        }
    }
    return into;
}

function report(leftovers: Leftover[]): string {
    return leftovers.map(l => `${l.surface}: [${l.words.join(', ')}] ${l.text}`).join('\n');
}

describe('every surface in French for the French examples', () => {
    it('builds its English vocabulary from the catalogues: English words the French messages never write', () => {
        for (const word of ['touchpoints', 'stages', 'removed', 'improving', 'with', 'the']) expect(vocabulary, word).toContain(word);
        for (const word of ['kpi', 'segment', 'étape', 'parcours']) expect(vocabulary, word).not.toContain(word);
    });

    for (const example of EXAMPLES) {
        it(`draws ${example}'s maps, charts, overview and committee report with no English word`, { timeout: 180_000 }, async () => {
            const root = path.join(REPO, 'examples', example);
            const own = journeyWords(root);
            const preview = await loadPreviewWorkspace(root, TODAY, 'fr');
            const left: Leftover[] = [];
            for (const file of preview.journeyFiles) {
                const payload = payloadFor(preview, file);
                left.push(...englishLeft(`map page ${file}`, readTexts(renderPage({ payload, script: '', nonce: 'n', mode: 'static' })), vocabulary, own));
                left.push(...englishLeft(`map SVG ${file}`, readTexts(await renderMapSvg(payload), { xml: true }), vocabulary, own));
                for (const [id, spec] of Object.entries(chartSpecs(payload))) {
                    left.push(...englishLeft(`chart ${id} (spec)`, specTexts(spec), vocabulary, own));
                    left.push(...englishLeft(`chart ${id} (drawn)`, readTexts((await specToSvg(spec)).svg, { xml: true }), vocabulary, own));
                }
            }
            left.push(...englishLeft('overview', readTexts(overviewPage(preview, { folder: example, hrefFor: file => file })), vocabulary, own));
            const out = mkdtempSync(path.join(tmpdir(), 'journey-untranslated-'));
            try {
                journey(REPO, 'report', root, '--format', 'html', '--out', path.join(out, 'report.html'));
                left.push(...englishLeft('report HTML', readTexts(readFileSync(path.join(out, 'report.html'), 'utf8')), vocabulary, own));
                journey(REPO, 'report', root, '--format', 'pdf', '--out', path.join(out, 'report.pdf'));
                const pdf = execFileSync('pdftotext', ['-layout', path.join(out, 'report.pdf'), '-'], { encoding: 'utf8' });
                left.push(...englishLeft('report PDF', pdf.split('\n'), vocabulary, own));
                const info = execFileSync('pdfinfo', [path.join(out, 'report.pdf')], { encoding: 'utf8' });
                left.push(...englishLeft('report PDF metadata', info.split('\n').flatMap(line => /^(?:Title|Subject|Keywords):\s*(.*)$/.exec(line)?.[1] ?? []), vocabulary, own));
            } finally {
                rmSync(out, { recursive: true, force: true });
            }
            expect(report(left)).toBe('');
        });
    }
});

describe('a pull request reviewed in French', () => {
    let fixture: PullRequestFixture;
    let out: string;
    let own: Set<string>;
    beforeAll(() => {
        fixture = pullRequestFixture('head');
        out = mkdtempSync(path.join(tmpdir(), 'journey-untranslated-review-'));
        own = journeyWords(path.join(fixture.checkout, 'journeys'));
    });
    afterAll(() => {
        rmSync(fixture.root, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
    });

    it('writes the comment, the maps before and after, the diff and the map with its diff banner with no English word', { timeout: 180_000 }, () => {
        const cwd = fixture.checkout;
        const left: Leftover[] = [];
        const summary = journey(cwd, 'review', fixture.baseSha, '--out', out);
        left.push(...englishLeft('review summary', summary.split('\n'), vocabulary, own));
        left.push(...englishLeft('review comment', markdownTexts(readFileSync(path.join(out, 'comment.md'), 'utf8')), vocabulary, own));
        const maps = readdirSync(path.join(out, 'maps'));
        expect(maps.length).toBeGreaterThanOrEqual(2);
        for (const map of maps) left.push(...englishLeft(`review map ${map}`, readTexts(readFileSync(path.join(out, 'maps', map), 'utf8'), { xml: true }), vocabulary, own));
        left.push(...englishLeft('diff text', journey(cwd, 'diff', fixture.baseSha, '--format', 'text').split('\n'), vocabulary, own));
        left.push(...englishLeft('diff Markdown', markdownTexts(journey(cwd, 'diff', fixture.baseSha, '--format', 'markdown')), vocabulary, own));
        const page = path.join(out, 'diff-map.html');
        journey(cwd, 'render', 'journeys/adhesion-actuel.journey', '--diff', fixture.baseSha, '--format', 'html', '--out', page);
        const html = readFileSync(page, 'utf8');
        expect(html).toContain('jm-diff-banner');
        // The words the stylesheet writes before a marked stage or touchpoint (`content: var(--jm-mark-added)`).
        expect(html).toContain('--jm-mark-added:&quot;+ ajouté&quot;;--jm-mark-changed:&quot;~ modifié&quot;');
        left.push(...englishLeft('map page with its diff', readTexts(html), vocabulary, own));
        expect(report(left)).toBe('');
    });
});

describe('the guard itself', () => {
    it('catches an English sentence among French ones, and not the journeys\' own words', () => {
        const own = new Set(wordsOf('Rendez-vous en agence Support'));
        const texts = readTexts('<p>Étapes</p><span title="no touchpoint">Rendez-vous en agence</span><svg aria-label="Support"/>');
        expect(englishLeft('sample', texts, vocabulary, own)).toEqual([{ surface: 'sample', text: 'no touchpoint', words: ['no', 'touchpoint'] }]);
    });
});
