// `npm run package`: the .vsix of the extension for this machine's platform (dist/journey-as-code.vsix).
// The extension and its language server are bundled by esbuild (esbuild.mjs --production); the
// metrics engine's DuckDB is a native module that cannot be bundled, so its runtime files for
// this platform are staged in dist/node_modules, where the bundled server requires them from.
// The result is a platform-specific package (`vsce --target`), as VS Code's marketplace expects
// for native code; build it on (or for) each platform to publish.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
// Node built for musl (Alpine) reports no glibc version.
const musl = process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
const bindings = `@duckdb/node-bindings-${process.platform}-${process.arch}${musl ? '-musl' : ''}`;
// vsce's names for platforms: linux-x64, alpine-x64, darwin-arm64, win32-x64…
const target = `${musl ? 'alpine' : process.platform}-${process.arch}`;

/** Only what runs: no README, types or source maps. */
const RUNTIME = /(\.js|\.cjs|\.node|\.so|\.dylib|\.dll|package\.json|LICENSE)$/;

const staged = path.join(root, 'dist/node_modules');
rmSync(staged, { recursive: true, force: true });
for (const name of ['@duckdb/node-api', '@duckdb/node-bindings', bindings, 'detect-libc']) {
    const from = path.dirname(require.resolve(`${name}/package.json`));
    cpSync(from, path.join(staged, name), {
        recursive: true,
        filter: source => statSync(source).isDirectory() ? path.basename(source) !== 'node_modules' : RUNTIME.test(source)
    });
}
if (!existsSync(path.join(staged, bindings))) throw new Error(`${bindings} is not installed: DuckDB has no binary for this platform.`);

execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [
    path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license',
    '--target', target, '--out', 'dist/journey-as-code.vsix'
], { cwd: root, stdio: 'inherit' });
console.log(`staged DuckDB for ${target}: ${readdirSync(path.join(staged, '@duckdb')).join(', ')}`);
