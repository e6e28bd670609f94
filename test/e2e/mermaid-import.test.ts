// End to end in a real VS Code for `Journey: Import Mermaid Journey` (journey.importMermaid):
// code-server 4.100.3 (VS Code 1.100 in the browser) with the packaged .vsix installed, driven
// by Playwright in Debian's Chromium. Screenshots go to test-artifacts/e2e/mermaid-*.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openFile as openInEditor, prepare, ROOT, runCommand as run, startCodeServer, type CodeServer } from './code-server.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');

const MMD = `journey
  title Returning a parcel
  section Online
    Fill the form: 2: Customer
    Print the label: 9: Customer
  section At the shop
    Drop it: 4: Customer, Clerk
`;

/** The journey's lines are 5–9; line 9 has a malformed line. */
const PAGE = `# Journeys

Prose before the diagram.

journey
  title Selected journey
  section Only
    Pick up: 5: Courier
    this line is not a task
`;

let codeServer: CodeServer | undefined;
let page: Page;
let fixture: string;

const openFile = (name: string) => openInEditor(page, name);
const runCommand = (title: string) => run(page, title);

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    prepare();
    fixture = mkdtempSync(join(tmpdir(), 'journey-mermaid-e2e-'));
    mkdirSync(join(fixture, 'docs'), { recursive: true });
    writeFileSync(join(fixture, 'docs/return.mmd'), MMD);
    writeFileSync(join(fixture, 'docs/page.md'), PAGE);
    codeServer = await startCodeServer(fixture);
    page = codeServer.page;
    await openFile('return.mmd');
}, 600_000);

afterAll(async () => {
    await codeServer?.stop();
    if (fixture) rmSync(fixture, { recursive: true, force: true });
});

describe('Journey: Import Mermaid Journey in code-server (VS Code 1.100)', () => {
    it('opens the imported journey in a new journey editor and lists the bad score in Problems', async () => {
        await runCommand('Journey: Import Mermaid Journey');
        const editor = page.locator('.monaco-editor .view-lines', { hasText: 'ReturningAParcel' });
        await editor.first().waitFor({ timeout: 60_000 });
        const text = await editor.first().innerText();
        expect(text.replace(/\u00a0/g, ' ')).toContain('journey ReturningAParcel "Returning a parcel" {');
        await expect(page.locator('.tab.active').textContent()).resolves.toMatch(/Untitled/);
        await page.screenshot({ path: join(ARTIFACTS, 'mermaid-1-imported.png') });
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: "The score '9' of 'Print the label'" });
        await row.first().waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'mermaid-2-problems.png') });
    }, 180_000);

    it('imports only the selected text of a Markdown page, problems at the page\'s lines', async () => {
        await openFile('page.md');
        await page.locator('.monaco-editor .view-lines').first().click();
        await goTo(page, '5:1');
        for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown');
        await runCommand('Journey: Import Mermaid Journey');
        const editor = page.locator('.monaco-editor .view-lines', { hasText: 'SelectedJourney' });
        await editor.first().waitFor({ timeout: 60_000 });
        expect((await editor.first().innerText()).replace(/\u00a0/g, ' ')).toContain('persona Courier');
        await page.keyboard.press('Control+Shift+M');
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Not a Mermaid journey statement' });
        await row.first().waitFor({ timeout: 30_000 });
        await expect(row.first().textContent()).resolves.toContain('[Ln 9, Col 1]');
        await page.screenshot({ path: join(ARTIFACTS, 'mermaid-3-selection.png') });
    }, 180_000);
});
