/**
 * The `journey` CLI as others get it: `npm pack` of this repository (built by `npm test`, as
 * `prepack` builds it), installed from the tarball into an empty temporary folder with npm, and
 * run there on a copy of an example workspace kept in git: check, diff, render and metrics
 * (DuckDB, a regular dependency, installed from the registry with the package).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Packed { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }

let temp: string;
let packed: Packed;
let installed: string;
let workspace: string;

function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=CX', '-c', 'user.email=cx@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** The installed command, with only the temporary folder's packages reachable. */
function journey(...args: string[]) {
    const result = spawnSync(path.join(installed, 'node_modules/.bin/journey'), args, {
        cwd: workspace, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' }
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'out/cli-bundle/main.js'))) throw new Error('out/ is not built: run `npm run build` first.');
    temp = mkdtempSync(path.join(tmpdir(), 'journey-package-'));
    // --ignore-scripts: `npm test` has just built; prepack would rebuild out/ under the other tests.
    const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8' });
    [packed] = JSON.parse(output) as Packed[];
    installed = path.join(temp, 'install');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', installed, path.join(temp, packed.filename)], { cwd: temp, encoding: 'utf8', stdio: 'pipe' });
    workspace = path.join(temp, 'journeys');
    cpSync(path.join(ROOT, 'examples/mutuelle-sante'), workspace, { recursive: true });
    git(workspace, 'init', '-q', '-b', 'main');
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'Parcours actuel');
    const file = path.join(workspace, 'adhesion-actuel.journey');
    writeFileSync(file, readFileSync(file, 'utf8').replace('target >= 95% by 2027-06 warning 90%', 'target >= 98% by 2027-06 warning 90%'));
    git(workspace, 'commit', '-q', '-am', 'Objectif J+1 relevé');
}, 300_000);

afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('npm pack', () => {
    it('builds on prepack and holds only what the command runs: bin/, the bundled command (catalogues inside), the preview script', () => {
        expect(manifest.scripts.prepack).toBe('npm run build');
        const paths = packed.files.map(f => f.path);
        const allowed = /^(package\.json|README(\.fr)?\.md|LICENSE|bin\/journey\.js|out\/cli-bundle\/[\w-]+\.js|dist\/webview\/preview\.js)$/;
        expect(paths.filter(p => !allowed.test(p))).toEqual([]);
        expect(paths).toEqual(expect.arrayContaining(['bin/journey.js', 'out/cli-bundle/main.js', 'out/cli-bundle/polyfills.js', 'dist/webview/preview.js']));
        // Every chunk of the bundle is there (bin/journey.js loads them on demand, per command).
        expect(paths).toEqual(expect.arrayContaining(readdirSync(path.join(ROOT, 'out/cli-bundle')).map(name => `out/cli-bundle/${name}`)));
        // Measured 0.79 MB packed (2.9 MB unpacked, 51 files): a guard against shipping node_modules or maps.
        expect(packed.size).toBeLessThan(1_000_000);
    });
});

describe('the package installed from its tarball into an empty folder', () => {
    it('checks', () => {
        const result = journey('check');
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(/^\d+ files checked: 0 errors/m);
        expect(result.code).toBe(0);
    });

    it('diffs two revisions', () => {
        const result = journey('diff', 'HEAD~1', 'HEAD', '--format', 'markdown');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('tightened from **≥ 95%** to **≥ 98%**');
    });

    it('renders HTML and SVG maps, with the visual diff', () => {
        const html = journey('render', '.', '--out', path.join(temp, 'maps'), '--diff', 'HEAD~1');
        expect(html.code).toBe(0);
        const page = readFileSync(path.join(temp, 'maps/adhesion-actuel.html'), 'utf8');
        expect(page).toContain('Compared with HEAD~1');
        expect(page).toContain('jm-diff-changed');
        const svg = journey('render', 'adhesion-actuel.journey', '--format', 'svg', '--out', path.join(temp, 'adhesion.svg'));
        expect(svg.code).toBe(0);
        expect(readFileSync(path.join(temp, 'adhesion.svg'), 'utf8')).toMatch(/^<\?xml[\s\S]*<svg [\s\S]*Adhésion à la mutuelle santé/);
    });

    it('computes the KPIs from the data files with DuckDB', () => {
        const result = journey('metrics', '--today', '2026-06-30', '--format', 'json');
        expect(result.stderr).toBe('');
        const report = JSON.parse(result.stdout) as { kpis: { status: string; value?: number; rowsUsed: number }[] };
        expect(report.kpis.filter(k => k.value !== undefined && k.rowsUsed > 0).length).toBeGreaterThan(5);
        expect(report.kpis.map(k => k.status)).toEqual(expect.arrayContaining(['met', 'missed']));
    });
});
