import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-artifacts/preview');

/** Debian's Chromium with a fresh profile, the flags the environment needs. */
export async function launchChromium(viewport = { width: 1400, height: 900 }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
    const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        viewport,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    return { context, close: async () => { await context.close(); await fs.rm(profile, { recursive: true, force: true }); } };
}

/** Everything a page says that would be a bug: console errors, uncaught exceptions, CSP violations, dialogs. */
export function watchPage(page: Page): { errors: string[]; dialogs: string[]; requests: string[] } {
    const seen = { errors: [] as string[], dialogs: [] as string[], requests: [] as string[] };
    page.on('console', message => { if (message.type() === 'error' || message.type() === 'warning') seen.errors.push(`${message.type()}: ${message.text()}`); });
    page.on('pageerror', error => seen.errors.push(`pageerror: ${error.message}`));
    page.on('dialog', dialog => { seen.dialogs.push(dialog.message()); void dialog.dismiss(); });
    page.on('request', request => { if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) seen.requests.push(request.url()); });
    return seen;
}

export async function waitRendered(page: Page, count = 1): Promise<void> {
    await page.waitForFunction(n => Number(document.body.dataset.rendered ?? 0) >= n, count, { timeout: 20_000 });
}
