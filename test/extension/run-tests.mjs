// Runs the extension test suite (test/extension/suite) in a VS Code downloaded by
// @vscode/test-electron: `npm run test:vscode`. Needs network access to download VS Code
// (update.code.visualstudio.com) and a display (use `xvfb-run -a npm run test:vscode` on a headless Linux).
import { runTests } from '@vscode/test-electron';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
try {
    await runTests({
        version: process.env.VSCODE_VERSION ?? '1.100.3',
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'dist/test/extension-tests.cjs'),
        launchArgs: [join(root, 'test/e2e/fixtures/workspace'), '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', mkdtempSync(join(tmpdir(), 'journey-vscode-'))]
    });
} catch (error) {
    console.error(`VS Code extension tests failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
}
