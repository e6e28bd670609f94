// The layers of src/ (ARCHITECTURE.md), enforced by dependency-cruiser with the repository's
// .dependency-cruiser.cjs: the real sources have no import that runs the wrong way, and a
// scratch copy of the layout with one planted wrong-way import per rule fails it, each with
// the rule it breaks (type-only imports included).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

interface Violation {
    type: string;
    from: string;
    to: string;
    rule: { name: string; severity: string };
}

/** Runs the checker on `cwd`/src with the repository's rules: `err` is `npm run check:layers`'s output, `json` gives the details. */
function depcruise(cwd: string, outputType: 'err' | 'json'): Promise<{ code: number; stdout: string }> {
    const args = [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', outputType];
    return run(process.execPath, args, { cwd, maxBuffer: 1 << 28 }).then(
        ({ stdout }) => ({ stdout, code: 0 }),
        (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }));
}

async function violationsOf(cwd: string): Promise<{ violations: Violation[]; modules: number }> {
    const output = JSON.parse((await depcruise(cwd, 'json')).stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    return { violations: output.summary.violations, modules: output.summary.totalCruised };
}

describe('the layers of src/', () => {
    it('has no import running the wrong way', async () => {
        const result = await violationsOf(ROOT);
        expect(result.violations.map(v => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
        expect(result.modules).toBeGreaterThan(100);
    }, 120_000);

    it('gives every top-level folder of src/ a layer', () => {
        const { LAYERS } = createRequire(import.meta.url)(CONFIG) as { LAYERS: { folders: string[] }[] };
        const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();
        expect(LAYERS.flatMap(l => l.folders).sort()).toEqual(folders);
    });
});

describe('a planted wrong-way import', () => {
    let scratch: string;
    let violations: Violation[];
    let check: { code: number; stdout: string };

    /** file → the rule its import must break (undefined: the import is allowed). */
    const planted: Record<string, { text: string; rule?: string }> = {
        'src/language/type-from-render.ts': { text: "import type { Payload } from '../render/target.js';\nexport type T = Payload;\n", rule: 'layer-language' },
        'src/language/reads-disk.ts': { text: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n", rule: 'language-runs-anywhere' },
        'src/language/node-entry.ts': { text: "import { NodeFileSystem } from 'langium/node';\nexport const fs = NodeFileSystem;\n", rule: 'language-without-node-entry-points' },
        'src/language/unresolvable.ts': { text: "import { gone } from './missing.js';\nexport const g = gone;\n", rule: 'not-to-unresolvable' },
        'src/node/from-metrics.ts': { text: "import { value } from '../metrics/target.js';\nexport const v = value;\n", rule: 'layer-node' },
        'src/diff/from-render.ts': { text: "import { value } from '../render/target.js';\nexport const v = value;\n", rule: 'layer-diff' },
        'src/metrics/from-diff.ts': { text: "import { value } from '../diff/target.js';\nexport const v = value;\n", rule: 'layer-metrics' },
        'src/render/loads-files.ts': { text: "import { value } from '../node/target.js';\nexport const v = value;\n", rule: 'render-reads-no-disk' },
        'src/render/uses-fs.ts': { text: "import { promises } from 'node:fs';\nexport const p = promises;\n", rule: 'render-no-node-built-ins' },
        'src/server/from-webview.ts': { text: "import { value } from '../webview/target.js';\nexport const v = value;\n", rule: 'layer-server' },
        'src/webview/from-server.ts': { text: "import type { value } from '../server/target.js';\nexport type V = typeof value;\n", rule: 'layer-webview' },
        'src/cli/from-extension.ts': { text: "import { value } from '../extension/target.js';\nexport const v = value;\n", rule: 'layer-cli' },
        'src/extension/from-diff.ts': { text: "import { value } from '../diff/target.js';\nexport const v = value;\n", rule: 'thin-extension' },
        'src/extension/uses-crypto.ts': { text: "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n", rule: 'extension-no-node-built-ins' },
        // Through an allowed import (extension → render), the parser is reached all the same.
        'src/extension/via-render.ts': { text: "import { value } from '../render/parses.js';\nexport const v = value;\n", rule: 'extension-without-parser' },
        'src/render/parses.ts': { text: "import { EmptyFileSystem } from 'langium';\nexport const value = EmptyFileSystem;\n" },
        // Downward imports are allowed.
        'src/server/downward.ts': { text: "import { value as a } from '../render/target.js';\nimport { value as b } from '../diff/target.js';\nimport { value as c } from '../node/target.js';\nimport { value as d } from '../language/target.js';\nexport const all = [a, b, c, d];\n" }
    };

    beforeAll(async () => {
        scratch = mkdtempSync(path.join(tmpdir(), 'journey-layers-'));
        for (const folder of ['language', 'node', 'metrics', 'diff', 'interop', 'render', 'server', 'webview', 'extension', 'cli']) {
            mkdirSync(path.join(scratch, 'src', folder), { recursive: true });
            writeFileSync(path.join(scratch, 'src', folder, 'target.ts'), 'export const value = 1;\nexport type Payload = number;\n');
        }
        for (const [file, { text }] of Object.entries(planted)) writeFileSync(path.join(scratch, file), text);
        writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'Node16', moduleResolution: 'Node16', strict: true }, include: ['src'] }));
        symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
        [{ violations }, check] = await Promise.all([violationsOf(scratch), depcruise(scratch, 'err')]);
    }, 120_000);

    afterAll(() => { if (scratch) rmSync(scratch, { recursive: true, force: true }); });

    it('fails `npm run check:layers`', () => {
        expect(check.code).not.toBe(0);
        expect(check.stdout).toContain('error layer-diff: src/diff/from-render.ts → src/render/target.ts');
        expect(violations.every(v => v.rule.severity === 'error')).toBe(true);
    });

    it.each(Object.entries(planted))('%s', file => {
        const rules = violations.filter(v => v.from === file).map(v => v.rule.name);
        const expected = planted[file].rule;
        if (expected) expect(rules).toContain(expected);
        else expect(rules).toEqual([]);
    });
});
