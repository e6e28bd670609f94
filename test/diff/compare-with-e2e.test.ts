// "Journey: Compare with…" in a real VS Code: code-server 4.100.3 with the packaged .vsix,
// driven by Playwright in Debian's Chromium, on a git repository built by the test. The
// command picks `main` through the git extension's quick pick and opens the head map with the
// visual diff. Screenshot: test-artifacts/e2e/diff-compare-with.png. Set-up by test/e2e/code-server.ts.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFile, prepare, ROOT, runCommand, startCodeServer, waitForLanguage, type CodeServer } from '../e2e/code-server.js';
import { git, pullRequestRepository } from './git-fixture.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');

let codeServer: CodeServer | undefined;
let page: Page;
let repo: string;

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    prepare();
    repo = pullRequestRepository();
    git(repo, 'checkout', '-q', 'revue');
    codeServer = await startCodeServer(repo, { settings: { 'git.openRepositoryInParentFolders': 'always' } });
    page = codeServer.page;
}, 600_000);

afterAll(async () => {
    await codeServer?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('Journey: Compare with… in code-server', () => {
    it('picks main from the git quick pick and shows the map with what changed marked', async () => {
        await openFile(page, 'parcours-adhesion.journey');
        await waitForLanguage(page, 'Journey');
        // The git extension has opened the repository: its branch shows in the status bar.
        await page.locator('.statusbar-item', { hasText: 'revue' }).first().waitFor({ timeout: 120_000 });
        await runCommand(page, 'Journey: Compare with');
        // The git extension's branches: pick `main`.
        const branch = page.locator('.quick-input-widget .monaco-list-row', { hasText: /^main/ });
        await branch.first().waitFor({ timeout: 60_000 });
        await page.locator('.quick-input-widget input').fill('main');
        await page.keyboard.press('Enter');

        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const banner = map.locator('.jm-diff-banner', { hasText: 'Compared with main' }).first();
        await banner.waitFor({ timeout: 90_000 });
        await expect(map.locator('.jm-touchpoint.jm-diff-changed', { hasText: 'Envoi de la carte' }).count()).resolves.toBe(1);
        await expect(map.locator('.jm-diff-removed', { hasText: 'Support' }).count()).resolves.toBeGreaterThan(0);
        await page.screenshot({ path: join(ARTIFACTS, 'diff-compare-with.png') });
    }, 300_000);
});
