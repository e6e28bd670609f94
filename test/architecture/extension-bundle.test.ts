// The VS Code extension's client bundle (dist/extension.cjs), built as `npm run package` builds
// it (esbuild, --production): it talks to the language server and shows the webview, so no
// parser (Langium, Chevrotain) may be inside, and it stays under 1 MB. Read from esbuild's
// metafile: the source files and packages that end up in the output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundles } from '../../esbuild.mjs';

const ROOT = path.join(import.meta.dirname, '../..');
const BUDGET = 1_000_000;
const PARSER = /(^|\/)node_modules\/(langium|chevrotain|chevrotain-allstar|@chevrotain\/[^/]+)\//;

interface Bundle {
    bytes: number;
    /** Inputs that put bytes into the output. */
    inputs: string[];
}

async function bundle(entry?: string): Promise<Bundle> {
    const [extension] = bundles({ production: true });
    const result = await esbuild.build({
        ...extension, ...(entry ? { entryPoints: [entry] } : {}),
        absWorkingDir: ROOT, write: false, metafile: true, outfile: 'dist/extension-size-check.cjs', logLevel: 'silent'
    });
    const [output] = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.cjs'));
    return { bytes: output[1].bytes, inputs: Object.entries(output[1].inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file) };
}

const parserInputs = (b: Bundle) => b.inputs.filter(file => PARSER.test(file));

const scratch = mkdtempSync(path.join(tmpdir(), 'journey-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the extension client bundle', () => {
    it('holds no parser and stays under 1 MB', async () => {
        const built = await bundle();
        expect(parserInputs(built)).toEqual([]);
        // Nothing that builds a workspace or reads files: the language services, the loader, the metrics and the importer are the server's (the model's plain types and the message catalogues are shared).
        expect(built.inputs.filter(file => /^src\/(node|metrics|interop)\//.test(file) || /^src\/language\/(?!model\/|i18n\/)/.test(file))).toEqual([]);
        expect(built.bytes).toBeLessThan(BUDGET);
        console.log(`dist/extension.cjs (production): ${(built.bytes / 1024).toFixed(0)} KiB`);
    }, 120_000);

    it('would catch an import that pulls the parser in', async () => {
        // The real entry point plus one wrong-way import, as the extension once had (Compare with… built the base workspace).
        const entry = path.join(scratch, 'planted-extension.ts');
        writeFileSync(entry, `export * from ${JSON.stringify(path.join(ROOT, 'src/extension/extension.ts'))};\n`
            + `export { loadWorkspace } from ${JSON.stringify(path.join(ROOT, 'src/node/journey-workspace.ts'))};\n`);
        const planted = await bundle(entry);
        expect(parserInputs(planted).some(file => file.includes('node_modules/langium/'))).toBe(true);
        expect(parserInputs(planted).some(file => file.includes('node_modules/chevrotain/'))).toBe(true);
        expect(planted.bytes).toBeGreaterThan(BUDGET);
    }, 120_000);
});
