// `npm run package`: the .vsix of the extension for this machine's platform (dist/journey-as-code.vsix).
// The extension and its language server are bundled by esbuild (esbuild.mjs --production); the
// metrics engine's DuckDB is a native module that cannot be bundled, so its runtime files for
// this platform are staged in dist/node_modules, where the bundled server requires them from.
// The result is a platform-specific package (`vsce --target`), as VS Code's marketplace expects
// for native code; build it on (or for) each platform to publish.
// vsce runs in a staging folder (dist/vsix-stage) holding what .vscodeignore lets through and the
// manifest without its `files` list: that list says what the npm package of the `journey` CLI
// holds, and vsce refuses a manifest with both a `files` list and a .vscodeignore.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const stage = path.join(root, 'dist/vsix-stage');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const { files: _npmFiles, ...manifest } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
cpSync(path.join(root, '.vscodeignore'), path.join(stage, '.vscodeignore'));
// The paths .vscodeignore lets through (`!path` or `!folder/**`).
for (const line of readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n')) {
    const kept = /^!(.+?)(\/\*\*)?$/.exec(line.trim())?.[1];
    if (kept && kept !== 'package.json') cpSync(path.join(root, kept), path.join(stage, kept), { recursive: true });
}
execFileSync(process.execPath, [
    path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license',
    // The README's relative links and images point into the repository, which the .vsix does not name.
    '--no-rewrite-relative-links',
    '--target', target, '--out', path.join(root, 'dist/journey-as-code.vsix')
], { cwd: stage, stdio: 'inherit' });
rmSync(stage, { recursive: true, force: true });
console.log(`staged DuckDB for ${target}: ${readdirSync(path.join(staged, '@duckdb')).join(', ')}`);
