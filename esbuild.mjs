// Bundles the VS Code extension and its language server into dist/*.cjs (the package is ESM,
// VS Code loads extensions as CommonJS). `node esbuild.mjs [--watch] [--production] [--tests]`;
// `--web` builds only the web extension. --tests also bundles the @vscode/test-electron suite (test/extension) to dist/test/, --only-tests
// bundles only that suite. test/architecture/extension-bundle.test.ts imports `bundles`.
// The web extension (package.json's `browser`: github.dev, vscode.dev) is dist/web/: its client
// and its language server's web worker, for the browser (`webBundles`, built with the others).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

/** @returns {import('esbuild').BuildOptions[]} the extension client, the language server, the webview script */
export function bundles({ production = false } = {}) {
    /** @type {import('esbuild').BuildOptions} */
    const common = {
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        sourcemap: !production,
        minify: production,
        logLevel: 'warning',
        // Some ESM dependencies read import.meta.url; map it to the CommonJS file URL.
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
    };
    return [
        // The client talks to the language server and shows the webview: no parser, no renderer of its own (test/architecture/extension-bundle.test.ts).
        { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.cjs', external: ['vscode'] },
        // DuckDB is a native module: required at run time from dist/node_modules (staged by scripts/package-vsix.mjs) or the repository's node_modules.
        { ...common, entryPoints: ['src/server/start-node.ts'], outfile: 'dist/server.cjs', external: ['@duckdb/node-api'],
            // Export Map… as SVG runs Vega in the server: its canvas probe (a top-level await of the native `canvas`) cannot go in CJS; the browser probe returns null there.
            alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' } },
        // The journey map preview's page script (webview, `journey render`, `journey serve`); same options as scripts/build-webview.mjs.
        { entryPoints: ['src/webview/preview-main.ts'], outfile: 'dist/webview/preview.js', bundle: true, format: 'iife', platform: 'browser', target: ['chrome120'], minify: true, legalComments: 'none', logLevel: 'warning' },
        // The @vscode/test-electron suite, with --tests.
        { ...common, entryPoints: ['test/extension/suite/index.ts'], outfile: 'dist/test/extension-tests.cjs', external: ['vscode', 'mocha'] }
    ];
}

/** @returns {import('esbuild').BuildOptions[]} the web extension's client and its language server's worker */
export function webBundles({ production = false } = {}) {
    /** @type {import('esbuild').BuildOptions} */
    const common = {
        bundle: true,
        platform: 'browser',
        target: ['es2022', 'chrome120'],
        sourcemap: !production,
        minify: production,
        legalComments: 'none',
        logLevel: 'warning'
    };
    return [
        // Loaded by the browser's extension host, which provides `vscode` to a CommonJS module.
        { ...common, entryPoints: ['src/extension/extension-browser.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
        // The language server's worker: a classic script, no imports left.
        { ...common, entryPoints: ['src/server/start-browser.ts'], outfile: 'dist/web/server.js', format: 'iife' }
    ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const production = process.argv.includes('--production');
    const tests = process.argv.includes('--tests') || process.argv.includes('--only-tests');
    const onlyTests = process.argv.includes('--only-tests');
    const watch = process.argv.includes('--watch');
    const [extension, server, webview, suite] = bundles({ production });
    // --web: only the web extension (and the preview script it shows), for test/web.
    const web = process.argv.includes('--web');
    const builds = web ? [webview, ...webBundles({ production })]
        : [...(onlyTests ? [] : [extension, server, webview, ...webBundles({ production })]), ...(tests ? [suite] : [])];
    if (watch) {
        for (const options of builds) await (await esbuild.context(options)).watch();
    } else {
        await Promise.all(builds.map(options => esbuild.build(options)));
    }
}
