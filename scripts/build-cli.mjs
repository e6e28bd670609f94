// Bundles the `journey` command into out/cli-bundle/ (ESM, one chunk per command, loaded on
// demand), which bin/journey.js runs. Why: a cold `journey metrics` spent ~0.3 s in Node's ESM
// loader resolving and linking ~380 modules (Langium, chevrotain, lodash-es, the LSP protocol)
// before doing any work; the bundle loads the same code in ~0.15 s (README, "Metrics").
// The language's dependencies are inside; what only some commands load (Vega for charts,
// PDFKit for reports, markdown-it, the file watcher) and DuckDB (native) stay external and are
// imported from node_modules as before. The folder sits two levels below the package root as
// out/cli/ does, so the paths the code resolves from import.meta.url (the preview script,
// package.json) are the same from both.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const CLI_BUNDLE_DIR = path.join(root, 'out/cli-bundle');

export const EXTERNAL = [
    '@duckdb/node-api', '@resvg/resvg-js', 'chokidar', 'dejavu-fonts-ttf', 'js-yaml', 'markdown-it',
    'pdfkit', 'svg-to-pdfkit', 'vega', 'vega-interpreter', 'vega-lite'
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    rmSync(CLI_BUNDLE_DIR, { recursive: true, force: true });
    await build({
        entryPoints: { polyfills: path.join(root, 'src/polyfills.ts'), main: path.join(root, 'src/cli/main.ts') },
        outdir: CLI_BUNDLE_DIR,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        external: EXTERNAL,
        // Identifiers kept, so that an internal error's stack still names the functions.
        minifyWhitespace: true,
        minifySyntax: true,
        legalComments: 'eof',
        // CommonJS dependencies (vscode-languageserver) call require() for Node's modules.
        banner: { js: "import { createRequire as __journeyRequire } from 'node:module'; const require = __journeyRequire(import.meta.url);" },
        logLevel: 'warning'
    });
}
