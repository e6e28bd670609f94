// KPI statuses in a real VS Code: code-server 4.100.3 with the packaged .vsix (whose language
// server loads the DuckDB shipped in it), on the health-insurance example. The J+1 share comes
// from the event log, which only the metrics engine reads: the code lens above the KPI and the
// preview's KPI card show where it stands. Screenshot: test-artifacts/e2e/kpi-status.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openFile, prepare, ROOT, runCommand, startCodeServer, waitForLanguage, type CodeServer } from './code-server.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');
/** The language server's "today": after CartesJ1's 2027-06 deadline, so its 42.9 % is missed (the clock would say at risk until then). */
const TODAY = '2027-07-01';

let codeServer: CodeServer | undefined;
let page: Page;

beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    prepare();
    codeServer = await startCodeServer(join(ROOT, 'examples/mutuelle-sante'), { viewport: { width: 1600, height: 1000 }, env: { JOURNEY_TODAY: TODAY } });
    page = codeServer.page;
}, 600_000);

afterAll(async () => {
    await codeServer?.stop();
});

describe('KPI statuses in code-server', () => {
    it('shows the J+1 share computed from the event log in the code lens and the preview', async () => {
        await openFile(page, 'adhesion-actuel.journey');
        await waitForLanguage(page, 'Journey');
        // Scroll to the KPIs: VS Code draws code lenses of visible lines only.
        await goTo(page, '140');
        const lens = page.locator('.codelens-decoration', { hasText: '42.9% in W27 2026' });
        await lens.first().waitFor({ timeout: 120_000 });
        expect(await lens.first().textContent()).toMatch(/Target ≥ 95% by June 2027 \(warning at 90%\) · missed: 42\.9% in W27 2026/);

        await runCommand(page, 'Journey: Open Preview to the Side');
        const map = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const card = map.locator('.jm-kpi-card', { hasText: 'Cartes de tiers payant envoyées à J+1' }).first();
        await card.waitFor({ timeout: 120_000 });
        // The preview judges the target on the server's day too (the payload carries it).
        await map.locator('.jm-kpi-card.jm-status-missed', { hasText: 'Cartes de tiers payant envoyées à J+1' }).first().waitFor({ timeout: 60_000 });
        await expect(card.getAttribute('class')).resolves.toContain('jm-status-missed');
        await page.screenshot({ path: join(ARTIFACTS, 'kpi-status.png') });
    }, 300_000);
});
