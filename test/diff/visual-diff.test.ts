import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { marksFromDiff } from '../../src/diff/diff-marks.js';
import { diffBanner } from '../../src/render/diff-marks-html.js';
import { messages } from '../../src/language/i18n/i18n.js';
import { diffModels } from '../../src/diff/diff-engine.js';
import { ADHESION, CATALOG, modelOf } from './fixtures.js';
import { git, pullRequestRepository } from './git-fixture.js';

async function journey(cwd: string, ...args: string[]) {
    let out = '';
    let err = '';
    const code = await main(args, { cwd, out: t => { out += t; }, err: t => { err += t; } });
    return { code, out, err };
}

/** The pre-rendered map of a page (not the inlined script). */
function mapOf(page: string): string {
    return page.slice(page.indexOf('<main id="journey-preview">'), page.indexOf('</main>'));
}

/** The class attribute of the map cell whose touchpoint title is `title`. */
function cellClass(html: string, title: string): string | undefined {
    const at = html.indexOf(`<div class="jm-tp-title">${title}</div>`);
    if (at < 0) return undefined;
    const open = html.lastIndexOf('<div class="jm-cell', at);
    return /class="([^"]*)"/.exec(html.slice(open))?.[1];
}

describe('visual diff: journey render --diff <base>', () => {
    let repo: string;
    beforeAll(() => {
        repo = pullRequestRepository();
        git(repo, 'checkout', '-q', 'revue');
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('marks changed, added and moved elements on the head map and lists what was removed', async () => {
        const result = await journey(repo, 'render', 'journeys', '--out', 'maps', '--diff', 'main', '--today', '2026-11-23');
        expect(result.code).not.toBe(2);
        const html = mapOf(readFileSync(path.join(repo, 'maps/parcours-adhesion.html'), 'utf8'));
        expect(cellClass(html, 'Envoi de la carte')).toContain('jm-diff-changed');
        expect(cellClass(html, 'Signature électronique')).toContain('jm-diff-changed');
        expect(cellClass(html, 'Devis en ligne')).not.toContain('jm-diff');
        expect(html).toContain('Compared with main');
        expect(html).toContain('<li class="jm-diff-removed">stage “Support”</li>');
        expect(html).not.toContain('jm-diff-removed">KPI');
        const added = mapOf(readFileSync(path.join(repo, 'maps/cible.html'), 'utf8'));
        expect(added).toMatch(/<section class="jm-journey jm-diff jm-diff-added"/);
    });

    it('draws the plain map without --diff', async () => {
        await journey(repo, 'render', 'journeys', '--out', 'plain', '--today', '2026-11-23');
        const html = mapOf(readFileSync(path.join(repo, 'plain/parcours-adhesion.html'), 'utf8'));
        expect(html).toContain('Envoi de la carte');
        expect(html).not.toContain('jm-diff');
    });

    it('escapes journey text in the banner', async () => {
        const hostile = ADHESION.replace('stage Support "Support"', 'stage Support "<img src=x onerror=alert(1)>"');
        const diff = diffModels(await modelOf({ 'c.journey': CATALOG, 'a.journey': hostile }),
            await modelOf({ 'c.journey': CATALOG, 'a.journey': ADHESION.replace(/  stage Support[\s\S]*?\n  }\n/, '') }));
        const banner = diffBanner(marksFromDiff(diff), 'Adhesion', messages('en'));
        expect(banner).not.toContain('<img');
        expect(banner).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });
});
