// End to end in a real VS Code: code-server 4.100.3 (VS Code 1.100 in the browser) with the
// packaged .vsix installed, driven by Playwright in Debian's Chromium. Screenshots go to
// test-artifacts/e2e/. Setup (code-server install, .vsix build) happens in beforeAll, so the
// test passes on a fresh clone.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo as goToIn, openFile, prepare, ROOT, runCommand, startCodeServer, type CodeServer } from './code-server.js';

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

/** The tokens Monaco drew for the editor line reading `text` (trimmed): each span's text and colour. */
async function drawnTokens(text: string): Promise<Array<{ text: string; colour: string }>> {
    // Found and read in one evaluation: Monaco redraws lines (when semantic tokens arrive), and a
    // line element found before may be detached by then (no computed colour).
    const tokens = await page.waitForFunction(wanted => {
        const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')];
        const line = lines.find(l => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted));
        if (!line) return undefined;
        return [...line.querySelectorAll('span > span')].map(span => ({
            text: (span.textContent ?? '').replace(/\u00a0/g, ' '), colour: getComputedStyle(span).color
        }));
    }, text, { timeout: 30_000 });
    return tokens.jsonValue();
}

/** The TextMate scopes of the token at `position`, from VS Code's "Inspect Editor Tokens and Scopes". */
async function textMateScopes(position: string): Promise<string[]> {
    await goTo(position);
    await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
    // It says "Loading..." until the token is inspected.
    const widget = page.locator('.token-inspect-widget', { hasText: 'textmate scopes' });
    await widget.waitFor({ timeout: 30_000 });
    const text = await widget.innerText();
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    // "textmate scopes\t<innermost>\n<outer>\n…\nsource.journey\nforeground\t…"
    const scopes = /textmate scopes\t([\s\S]*?)\n(?:foreground|background)\t/.exec(text);
    if (!scopes) throw new Error(`no TextMate scopes in the inspector:\n${text}`);
    return scopes[1].split('\n').map(scope => scope.trim());
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

    it('colours keywords, strings and numbers apart from plain text, with the journey TextMate grammar', async () => {
        // Monaco draws every token in a span coloured by the theme rule of its TextMate scope;
        // without a grammar the whole line is one colour, the editor's default (class mtk1).
        const plain = await page.locator('.editor-instance .monaco-editor .view-lines').first().evaluate(lines => {
            const probe = document.createElement('span');
            probe.className = 'mtk1';
            lines.appendChild(probe);
            const colour = getComputedStyle(probe).color;
            probe.remove();
            return colour;
        });
        const colourOf = (tokens: Array<{ text: string; colour: string }>, text: string) => {
            const token = tokens.find(t => t.text === text);
            if (!token) throw new Error(`no token '${text}' drawn in ${JSON.stringify(tokens)}`);
            return token.colour;
        };
        const touchpointLine = await drawnTokens('touchpoint Devis "Devis en ligne" via Web {');
        const keyword = colourOf(touchpointLine, 'touchpoint');
        const string = colourOf(touchpointLine, '"Devis en ligne"');
        const number = colourOf(await drawnTokens('emotion -1'), '-1');
        expect({ keyword, string, number }).not.toEqual({ keyword: plain, string: plain, number: plain });
        expect(new Set([plain, keyword, string, number]).size, JSON.stringify({ plain, keyword, string, number })).toBe(4);

        // And those colours come from the journey grammar's scopes, not from semantic tokens.
        const file = 'journeys/adhesion.journey';
        expect((await textMateScopes(lineColumn(file, 'touchpoint Devis', 2)))[0]).toMatch(/^(storage\.type|keyword)\.[\w.-]*journey$/);
        expect((await textMateScopes(lineColumn(file, '"Devis en ligne"', 3)))[0]).toMatch(/^string\.quoted\.double\.journey$/);
        expect((await textMateScopes(lineColumn(file, 'emotion -1', 9)))[0]).toMatch(/^constant\.numeric[\w.-]*\.journey$/);
        await screenshot('1b-colours');
    }, 120_000);

    it('squiggles the unknown channel, and only it', async () => {
        const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-error');
        await squiggles.first().waitFor({ timeout: 60_000 });
        // Where the word is drawn, whatever spans the tokens made of the line.
        const pigeon = await page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'via Pigeon' }).first().evaluate(line => {
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent!.indexOf('Pigeon');
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + 'Pigeon'.length);
                const { x, y, width, height } = range.getBoundingClientRect();
                return { x, y, width, height };
            }
            return null;
        });
        const boxes = await Promise.all((await squiggles.all()).map(squiggle => squiggle.boundingBox()));
        expect(pigeon).not.toBeNull();
        expect(boxes.length).toBe(1);
        const box = boxes[0]!;
        // Same line, and the squiggle spans the word (a few pixels of rounding either side).
        expect(Math.abs(box.y + box.height / 2 - (pigeon!.y + pigeon!.height / 2))).toBeLessThan(pigeon!.height);
        expect(Math.abs(box.x - pigeon!.x)).toBeLessThan(3);
        expect(Math.abs(box.width - pigeon!.width)).toBeLessThan(3);
    }, 90_000);

    it('completes channel ids after "via"', async () => {
        await goTo(lineColumn('journeys/adhesion.journey', 'via Web {', 4));
        const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'Courrier' });
        // Asked again until answered: a request sent while the server still builds the workspace
        // (a loaded CI machine) gets "No suggestions", and Monaco does not ask twice by itself.
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
