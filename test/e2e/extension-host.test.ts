// The @vscode/test-electron suite (test/extension/suite: Mocha inside the extension host, using
// the `vscode` API), run here inside code-server's Node extension host instead of a downloaded
// VS Code: the workbench's `payload` query parameter carries `extensionDevelopmentPath` and
// `extensionTestsPath` (vscode-remote URIs), the remote extension host loads the suite, and its
// Mocha output reaches the browser console, where this test reads the result.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtensionTests, prepare, ROOT, startCodeServer, type CodeServer } from './code-server.js';

let codeServer: CodeServer | undefined;
const output: string[] = [];
let finished: Promise<string>;

beforeAll(async () => {
    prepare();
    buildExtensionTests();
    let done!: (summary: string) => void;
    finished = new Promise(resolve => { done = resolve; });
    codeServer = await startCodeServer(join(ROOT, 'test/e2e/fixtures/workspace'), {
        payload: port => [
            ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`],
            ['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${join(ROOT, 'dist/test/extension-tests.cjs')}`]
        ],
        onConsole: text => {
            // eslint-disable-next-line no-control-regex
            const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
            output.push(plain);
            if (/(\d+|%d) passing|extension test\(s\) failed/.test(plain)) done(plain);
        }
    });
}, 600_000);

afterAll(async () => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'test-artifacts/extension-host-tests.log'), output.join('\n'));
    await codeServer?.stop();
});

describe('the @vscode/test-electron suite inside code-server\'s extension host', () => {
    it('runs every test of the suite and none fails', async () => {
        await Promise.race([finished, new Promise((_, reject) => setTimeout(() => reject(new Error(`no Mocha summary:\n${output.join('\n')}`)), 180_000))]);
        // Mocha prints "N passing" then, if any, "N failing" in later console messages (the
        // console keeps its format strings: "%d passing (%s) 9 2s").
        await new Promise(resolve => setTimeout(resolve, 2_000));
        const all = output.join('\n');
        expect(all, all).not.toMatch(/(\d+|%d) failing|extension test\(s\) failed/);
        // Every test of the suite ran and passed: as many ticks as `it(` calls in its source.
        const tests = (readFileSync(join(ROOT, 'test/extension/suite/journey-extension.ts'), 'utf8').match(/^\s*it\('/gm) ?? []).length;
        expect(tests).toBeGreaterThanOrEqual(10);
        expect(output.filter(line => line.includes('✔')).length, all).toBe(tests);
    }, 240_000);
});
