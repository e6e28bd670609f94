// The web extension's bundles (dist/web/), built as `npm run package` builds them (esbuild,
// --production, platform browser): the client runs in the browser's extension host and holds no
// parser; the language server's worker holds the language services and nothing of Node (no
// DuckDB, no disk loader, no git: esbuild refuses a Node built-in for the browser). Read from
// esbuild's metafile; sizes printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { webBundles } from '../../esbuild.mjs';

const ROOT = path.join(import.meta.dirname, '../..');
const PARSER = /(^|\/)node_modules\/(langium|chevrotain|chevrotain-allstar|@chevrotain\/[^/]+)\//;
/** What only Node has: the disk loader and walk, the metrics engine (DuckDB) and the disk's series reader, git, the CLI, the Node server. */
const NODE_ONLY = /^src\/(node|cli)\/|^src\/metrics\/(compute-metrics|series-csv)\.ts$|^src\/diff\/diff-sources\.ts$|^src\/server\/(main|start)-node\.ts$|^src\/server\/kpi-engine-node\.ts$|node_modules\/@duckdb\//;

interface Bundle {
    bytes: number;
    inputs: string[];
}

async function bundle(which: 'client' | 'worker', entry?: string): Promise<Bundle> {
    const [client, worker] = webBundles({ production: true });
    const options = which === 'client' ? client : worker;
    const result = await esbuild.build({
        ...options, ...(entry ? { entryPoints: [entry] } : {}),
        absWorkingDir: ROOT, write: false, metafile: true, outfile: `dist/web-size-check-${which}.js`, logLevel: 'silent'
    });
    const [output] = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
    return { bytes: output[1].bytes, inputs: Object.entries(output[1].inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file) };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'journey-web-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the web extension bundles', () => {
    it('the client holds no parser and no language service', async () => {
        const built = await bundle('client');
        expect(built.inputs.filter(file => PARSER.test(file))).toEqual([]);
        expect(built.inputs.filter(file => /^src\/(node|metrics|interop)\//.test(file) || /^src\/language\/(?!model\/|i18n\/)/.test(file))).toEqual([]);
        expect(built.bytes).toBeLessThan(1_000_000);
        console.log(`dist/web/extension.js (production): ${(built.bytes / 1024).toFixed(0)} KiB`);
    }, 120_000);

    it('the language server worker holds the language services and nothing that needs Node', async () => {
        const built = await bundle('worker');
        expect(built.inputs.some(file => file.startsWith('src/language/journey-validator.ts'))).toBe(true);
        expect(built.inputs.some(file => file.includes('node_modules/langium/'))).toBe(true);
        expect(built.inputs.filter(file => NODE_ONLY.test(file) || file.includes('/lib/node/'))).toEqual([]);
        console.log(`dist/web/server.js (production): ${(built.bytes / 1024).toFixed(0)} KiB`);
    }, 120_000);

    it('would refuse a worker that reaches the disk', async () => {
        // The worker's entry plus the Node server's workspace (the disk walk, node:fs): the browser build fails.
        const entry = path.join(scratch, 'planted-worker.ts');
        writeFileSync(entry, `import ${JSON.stringify(path.join(ROOT, 'src/server/start-browser.ts'))};\n`
            + `export { ServerWorkspaceManager } from ${JSON.stringify(path.join(ROOT, 'src/server/server-workspace.ts'))};\n`);
        await expect(bundle('worker', entry)).rejects.toThrow(/node:/);
    }, 120_000);
});
