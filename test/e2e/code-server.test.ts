// End to end in a real VS Code: code-server 4.100.3 (VS Code 1.100 in the browser) with the
// packaged .vsix installed, driven by Playwright in Debian's Chromium. Screenshots go to
// test-artifacts/e2e/. Setup (code-server install, .vsix build) happens in beforeAll, so the
// test passes on a fresh clone.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo as goToIn, openFile, prepare, ROOT, startCodeServer, type CodeServer } from './code-server.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');

let codeServer: CodeServer | undefined;
let page: Page;
let workspace: string;

async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

const goTo = (position: string) => goToIn(page, position);

/** 1-based line and column of `needle` (plus `delta`) in a fixture file. */
function lineColumn(file: string, needle: string, delta = 0): string {
    const text = readFileSync(join(workspace, file), 'utf8');
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in ${file}`);
    const before = text.slice(0, index + delta).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    prepare();
    codeServer = await startCodeServer(join(ROOT, 'test/e2e/fixtures/workspace'));
    page = codeServer.page;
    workspace = codeServer.workspace;
    await openFile(page, 'adhesion.journey');
}, 600_000);

afterAll(async () => {
    await codeServer?.stop();
});

describe('the extension in code-server (VS Code 1.100)', () => {
    it('lists the diagnostics of the journey in the Problems panel', async () => {
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Pigeon'" });
        await row.first().waitFor({ timeout: 90_000 });
        const text = await row.first().textContent();
        expect(text).toContain('declare it in a catalog file');
        expect(text).toContain('unresolved-reference');
        await screenshot('1-problems');
    }, 120_000);

    it('colours the file with the TextMate grammar and squiggles the error', async () => {
        await expect(page.locator('.monaco-editor .squiggly-error').count()).resolves.toBeGreaterThan(0);
        await expect(page.locator('.monaco-editor .view-line span', { hasText: 'touchpoint' }).count()).resolves.toBeGreaterThan(0);
    });

    it('completes channel ids after "via"', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'via Web {', 4));
        await page.keyboard.press('Control+Space');
        const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Courrier' });
        await suggestion.first().waitFor({ timeout: 30_000 });
        await screenshot('2-completion');
        await page.keyboard.press('Escape');
    }, 60_000);

    it('hovers a touchpoint: channel, owner, emotion, pain points', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'Devis "', 2));
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover', { hasText: 'Formulaire de 40 champs' });
        await hover.first().waitFor({ timeout: 30_000 });
        const text = await hover.first().textContent();
        expect(text).toContain('Touchpoint');
        expect(text).toContain('Site web');
        await screenshot('3-hover');
        await page.keyboard.press('Escape');
    }, 60_000);

    it('goes to the definition of a channel in the catalog file', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'via Web {', 5));
        await page.keyboard.press('F12');
        await page.locator('.tab.active', { hasText: 'catalog.journey' }).waitFor({ timeout: 30_000 });
        await screenshot('4-definition');
    }, 60_000);
});
