// Bundles the preview code that runs in the page (VS Code webview, `journey render` HTML,
// `journey serve`) into one browser script: dist/webview/preview.js. Vega, Vega-Lite and
// vega-interpreter are inside; no eval is needed at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
const options = {
    entryPoints: [path.join(root, 'src/webview/preview-main.ts')],
    outfile: path.join(root, 'dist/webview/preview.js'),
    bundle: true,
    minify: !process.argv.includes('--dev'),
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning'
};
if (watch) {
    const { context } = await import('esbuild');
    const ctx = await context(options);
    await ctx.watch();
} else {
    await build(options);
}
