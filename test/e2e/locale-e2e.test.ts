// French in a real VS Code: code-server 4.100.3 with the packaged .vsix, on the health-insurance
// example plus a draft with two mistakes. VS Code's display language is English; writing
// `"journey.locale": "fr"` in the workspace settings, as a user does, switches the Problems
// panel, the code lens, the hover and the open preview (map and charts) to French, without a
// restart. Screenshots of the French preview, light and dark, are kept in test-artifacts/e2e-fr/.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openFile, prepare, ROOT, runCommand, startCodeServer, waitForLanguage, type CodeServer } from './code-server.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/e2e-fr');
/** The language server's "today": after CartesJ1's 2027-06 deadline, so its 42.9 % is missed. */
const TODAY = '2027-07-01';
const FILE = 'adhesion-actuel.journey';
/** A draft with an unknown channel (`Courier` for `Courrier`) and a touchpoint without channel. */
const DRAFT = 'journey Brouillon "Brouillon" {\n  stage S "Étape" {\n    touchpoint T "Appel" via Courier\n    touchpoint U "Sans canal"\n  }\n}\n';
/** French puts a no-break space before `%`: any space here. */
const SPACE = '[\\s\\u00a0\\u202f]';

let fixture: string;
let codeServer: CodeServer | undefined;
let page: Page;
let map: FrameLocator;

async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Writes the workspace's .vscode/settings.json, as a user editing it does; VS Code reads it again by itself. */
function workspaceSettings(settings: Record<string, unknown>): void {
    mkdirSync(join(codeServer!.workspace, '.vscode'), { recursive: true });
    writeFileSync(join(codeServer!.workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
}

/** 1-based `line:column` of `needle` (plus `delta`) in the example file. */
function lineColumn(needle: string, delta = 0): string {
    const text = readFileSync(join(codeServer!.workspace, FILE), 'utf8');
    const before = text.slice(0, text.indexOf(needle) + delta).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

async function backToEditor(): Promise<void> {
    await page.locator('.tab', { hasText: FILE }).first().click();
}

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    prepare();
    fixture = mkdtempSync(join(tmpdir(), 'journey-locale-e2e-'));
    cpSync(join(ROOT, 'examples/mutuelle-sante'), fixture, { recursive: true });
    writeFileSync(join(fixture, 'brouillon.journey'), DRAFT);
    codeServer = await startCodeServer(fixture, { viewport: { width: 1600, height: 1000 }, env: { JOURNEY_TODAY: TODAY } });
    page = codeServer.page;
    map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}, 600_000);

afterAll(async () => {
    await codeServer?.stop();
    if (fixture) rmSync(fixture, { recursive: true, force: true });
});

describe('journey.locale: "fr" in code-server switches what the editor says, without a restart', () => {
    it('speaks English first: Problems panel and preview', async () => {
        await openFile(page, FILE);
        await waitForLanguage(page, 'Journey');
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Courier'" }).first().waitFor({ timeout: 120_000 });
        await runCommand(page, 'Journey: Open Preview to the Side');
        await map.getByText('Pain points', { exact: true }).first().waitFor({ timeout: 120_000 });
        await screenshot('0-english');
    }, 300_000);

    it('words diagnostics in French once the setting says fr', async () => {
        workspaceSettings({ 'journey.locale': 'fr' });
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Canal inconnu « Courier »' });
        await row.first().waitFor({ timeout: 120_000 });
        expect(await row.first().textContent()).toContain('vouliez-vous dire « Courrier » ?');
        await expect(page.locator('.markers-panel .monaco-list-row', { hasText: "Unknown channel 'Courier'" }).count()).resolves.toBe(0);
        await screenshot('1-problems-fr');
    }, 180_000);

    it('redraws the open preview in French: lanes, KPI statuses, chart months and numbers', async () => {
        await map.getByText('Irritants', { exact: true }).first().waitFor({ timeout: 120_000 });
        await expect(map.getByText('Pain points', { exact: true }).count()).resolves.toBe(0);
        // The preview's tab follows: « Aperçu de … ».
        await page.locator('.tab', { hasText: `Aperçu de ${FILE}` }).first().waitFor({ timeout: 30_000 });
        const card = map.locator('.jm-kpi-card', { hasText: 'Cartes de tiers payant envoyées à J+1' }).first();
        await card.waitFor({ timeout: 120_000 });
        const cardText = (await card.textContent())!;
        expect(cardText).toMatch(new RegExp(`42,9${SPACE}%`));
        expect(cardText).toContain('manqué');
        // The chart's time axis in French month names.
        const months = card.locator('svg text', { hasText: /^(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}$/ });
        await months.first().waitFor({ timeout: 60_000 });
        await expect(card.locator('svg text', { hasText: /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/ }).count()).resolves.toBe(0);
        await screenshot('2-preview-fr-light');
        // The preview may be drawn once more (the settings change re-validates every file), replacing
        // the card while it is scrolled to: the locator finds the new one on the next attempt.
        for (let attempt = 1; ; attempt++) {
            try {
                await card.scrollIntoViewIfNeeded({ timeout: 15_000 });
                break;
            } catch (error) {
                if (attempt === 3) throw error;
            }
        }
        await screenshot('3-preview-fr-kpis-light');
    }, 180_000);

    it('shows the code lens in French, with the period as a French reader says it', async () => {
        await backToEditor();
        await goTo(page, lineColumn('kpi CartesJ1', 0).split(':')[0]);
        const lens = page.locator('.codelens-decoration', { hasText: 'Cible ≥ 95' });
        await lens.first().waitFor({ timeout: 120_000 });
        expect(await lens.first().textContent()).toMatch(new RegExp(`Cible ≥ 95${SPACE}% d'ici juin 2027 \\(alerte à 90${SPACE}%\\) · manqué : 42,9${SPACE}% en S27 2026`));
        await screenshot('4-code-lens-fr');
    }, 180_000);

    it('hovers a touchpoint in French', async () => {
        await goTo(page, lineColumn('DevisEnLigne "', 2));
        const hover = page.locator('.monaco-hover', { hasText: 'Point de contact' });
        for (let attempt = 1; ; attempt++) {
            await page.keyboard.press('Control+K');
            await page.keyboard.press('Control+I');
            try {
                await hover.first().waitFor({ timeout: 15_000 });
                break;
            } catch (error) {
                if (attempt === 4) throw error;
                await page.keyboard.press('Escape');
            }
        }
        const text = (await hover.first().textContent())!;
        expect(text).toContain('Irritants');
        expect(text).toContain('gravité forte');
        expect(text).toContain('échelle de -2 à +2');
        await screenshot('5-hover-fr');
        await page.keyboard.press('Escape');
    }, 120_000);

    it('keeps the French preview in the dark theme', async () => {
        workspaceSettings({ 'journey.locale': 'fr', 'workbench.colorTheme': 'Default Dark Modern' });
        await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 60_000 });
        await map.locator('body.vscode-dark').waitFor({ timeout: 60_000 });
        await map.getByText('Irritants', { exact: true }).first().waitFor({ timeout: 60_000 });
        // The charts are drawn again with the dark theme's colours after the theme change.
        await page.waitForTimeout(3_000);
        await screenshot('6-preview-fr-dark');
        const card = map.locator('.jm-kpi-card', { hasText: 'Cartes de tiers payant envoyées à J+1' }).first();
        await card.scrollIntoViewIfNeeded();
        await screenshot('7-preview-fr-kpis-dark');
    }, 120_000);
});
