// The web extension (package.json's `browser`) in a real VS Code workbench in the browser: VS
// Code 1.100.3's web build served on loopback (test/web/vscode-web.ts), the extension loaded
// from a loopback URL into the web-worker extension host, its language server in a web worker,
// the workspace in memory (`memfs:`): nothing runs in Node but the static file server. The
// files are read through vscode.workspace.fs, so cross-file references (channels declared in
// catalog.journey) resolve. Screenshots go to test-artifacts/web/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, runCommand } from '../e2e/code-server.js';
import { ROOT, startWebWorkbench, type WebWorkbench } from './vscode-web.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/web');
const FIXTURE = join(ROOT, 'test/e2e/fixtures/workspace');

let workbench: WebWorkbench | undefined;
let page: Page;

/** 1-based `line:column` of `needle` (plus `delta`) in a fixture file. */
function lineColumn(file: string, needle: string, delta = 0): string {
    const text = readFileSync(join(FIXTURE, file), 'utf8');
    const index = text.indexOf(needle);
    if (index < 0) throw new Error(`'${needle}' not in ${file}`);
    const before = text.slice(0, index + delta).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Opens a file of the workspace from the Explorer (Quick Open needs a search provider, which an in-memory file system has not). */
async function openFromExplorer(...path: string[]): Promise<void> {
    for (const name of path) {
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: 60_000 });
    }
    await page.locator(`.tab.active[data-resource-name="${path[path.length - 1]}"]`).waitFor({ timeout: 60_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** The text of the active editor's line `line` (1-based), as drawn. */
async function drawnLine(line: number): Promise<string> {
    await goTo(page, `${line}:1`);
    return page.locator('.editor-instance .monaco-editor .view-overlays .current-line').first().evaluate((current, editorLine) => {
        // The current-line overlay sits at the same top as the line it marks.
        const top = (current.parentElement as HTMLElement).style.top;
        const lines = [...document.querySelectorAll<HTMLElement>('.editor-instance .monaco-editor .view-lines .view-line')];
        const drawn = lines.find(l => l.style.top === top);
        return `${editorLine}:${(drawn?.textContent ?? '').replace(/\u00a0/g, ' ')}`;
    }, line).then(text => text.slice(text.indexOf(':') + 1));
}

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // VS Code's web build comes with code-server's package; the web bundles are built here.
    execFileSync('bash', [join(ROOT, 'scripts/setup/ensure-code-server.sh')], { stdio: 'inherit' });
    execFileSync('flock', [join(tmpdir(), 'journey-vsix.lock'), process.execPath, join(ROOT, 'esbuild.mjs'), '--web', '--production'], { cwd: ROOT, stdio: 'pipe' });
    // The pull request's base: the same journey without the electronic signature.
    const base = readFileSync(join(FIXTURE, 'journeys/adhesion.journey'), 'utf8').replace(/^ *touchpoint Signature .*\n/m, '');
    // And a journey whose KPIs read a series file and an event log (test/web/fixtures/kpis).
    workbench = await startWebWorkbench(FIXTURE, { outside: { '/base/journeys/adhesion.journey': base }, also: [join(ROOT, 'test/web/fixtures/kpis')] });
    page = workbench.page;
    await openFromExplorer('journeys', 'adhesion.journey');
}, 600_000);

afterAll(async () => {
    await workbench?.stop();
});

describe('the web extension in VS Code for the Web (1.100.3, web-worker extension host)', () => {
    it('lists the diagnostics of the journey, with channels of another file resolved', async () => {
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Pigeon'" });
        await row.first().waitFor({ timeout: 120_000 });
        expect(await row.first().textContent()).toContain('unresolved-reference');
        // `via Web` resolves to catalog.journey, which the worker read through vscode.workspace.fs.
        await expect(page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Web'" }).count()).resolves.toBe(0);
        await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
        await screenshot('1-problems');
    }, 180_000);

    it('completes the channels of the catalog after "via"', async () => {
        await goTo(page, lineColumn('journeys/adhesion.journey', 'via Web {', 4));
        const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Courrier' });
        // Asked again until answered: a request sent while the server still builds gets "No suggestions".
        for (let attempt = 1; ; attempt++) {
            await page.keyboard.press('Control+Space');
            try {
                await suggestion.first().waitFor({ timeout: 5_000 });
                break;
            } catch (error) {
                if (attempt === 6) throw error;
                await page.keyboard.press('Escape');
            }
        }
        await screenshot('2-completion');
        await page.keyboard.press('Escape');
    }, 90_000);

    it('hovers a touchpoint: its channel (from the catalog) and its pain point', async () => {
        await goTo(page, lineColumn('journeys/adhesion.journey', 'Devis "', 2));
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

    it('shows the journey map in the preview', async () => {
        await runCommand(page, 'Journey: Open Preview to the Side');
        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await map.locator('.jm-journey[data-journey="Adhesion"] .jm-title', { hasText: 'Adhésion à la mutuelle' }).first().waitFor({ timeout: 120_000 });
        await map.locator('.jm-stage-title', { hasText: 'Réception de la carte' }).first().waitFor({ timeout: 30_000 });
        await screenshot('4-preview');
        // Back to the editor for the next steps.
        await page.locator('.tab', { hasText: 'adhesion.journey' }).first().click();
    }, 180_000);

    it('formats the document (Format Document)', async () => {
        const line = Number(lineColumn('journeys/adhesion.journey', 'state current').split(':')[0]);
        expect(await drawnLine(line)).toBe('  state current');
        await goTo(page, `${line}:1`);
        await page.keyboard.type('      ');
        expect(await drawnLine(line)).toBe('        state current');
        await runCommand(page, 'Format Document');
        await expect.poll(() => drawnLine(line), { timeout: 30_000 }).toBe('  state current');
    }, 90_000);

    it('compares the pull request\'s version with its base, the other side of the open diff', async () => {
        await runCommand(page, 'Test: Open the Base Diff');
        await page.locator('.tab.active', { hasText: 'base ↔ pull request' }).waitFor({ timeout: 30_000 });
        // The base shown beside is not part of the workspace: its journey does not clash with the pull request's.
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Pigeon'" }).first().waitFor({ timeout: 30_000 });
        await new Promise(resolve => setTimeout(resolve, 3_000));
        await expect(page.locator('.markers-panel .monaco-list-row', { hasText: 'duplicate-id' }).count()).resolves.toBe(0);
        await expect(page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Pigeon'" }).count()).resolves.toBe(1);
        // The diff editor's modified side (the pull request's version) has the focus: vscode.diff gives it
        // (a click on its lines sometimes left the command hidden from the palette for two tries).
        await runCommand(page, 'Journey: Compare with…');
        const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'the other side of the open comparison' });
        await choice.first().waitFor({ timeout: 30_000 });
        await choice.first().click();
        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await map.locator('.jm-diff-banner', { hasText: 'base ↔ pull request' }).first().waitFor({ timeout: 120_000 });
        await expect(map.locator('.jm-touchpoint.jm-diff-added', { hasText: 'Signature électronique' }).count()).resolves.toBe(1);
        await expect(map.locator('.jm-touchpoint.jm-diff-added').count()).resolves.toBe(1);
        await screenshot('6-compare');
        await page.locator('.tab', { hasText: 'adhesion.journey' }).first().click();
    }, 180_000);

    it('gives KPIs bound to a series file their status, read through the editor; the others say where they are computed', async () => {
        // `journey metrics` on the same files: "missed … 3.5 minutes (2026-W03), target ≤ 3 minutes".
        await openFromExplorer('attente.journey');
        const lens = page.locator('.codelens-decoration', { hasText: 'missed' });
        await lens.first().waitFor({ timeout: 120_000 });
        expect(await lens.first().textContent()).toMatch(/Target ≤ 3 minutes · missed: 3\.5 minutes? in W03 2026/);
        await runCommand(page, 'Journey: Open Preview to the Side');
        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await map.locator('.jm-kpi-card.jm-status-missed', { hasText: "Temps d'attente moyen" }).first().waitFor({ timeout: 120_000 });
        const events = map.locator('.jm-kpi-card', { hasText: 'Appels décrochés' }).first();
        await expect(events.locator('.jm-not-computed').textContent()).resolves.toContain('journey metrics');
        await expect(events.getAttribute('class')).resolves.toContain('jm-status-no-data');
        await events.scrollIntoViewIfNeeded();
        await screenshot('7-kpi-statuses');
        await page.locator('.tab', { hasText: 'attente.journey' }).first().click();
    }, 240_000);

    it('goes to the definition of a channel in the catalog file', async () => {
        await openFromExplorer('adhesion.journey');
        await goTo(page, lineColumn('journeys/adhesion.journey', 'via Web {', 5));
        await page.keyboard.press('F12');
        await page.locator('.tab.active', { hasText: 'catalog.journey' }).waitFor({ timeout: 30_000 });
        await screenshot('5-definition');
    }, 60_000);
});
