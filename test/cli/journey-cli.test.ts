import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/journey.js');

/** Runs the real `journey` command (built in out/ by `npm test`) in `cwd`. */
function journey(args: string[], cwd: string) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary workspace holding `files` (relative path → text). */
function workspace(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'journey-cli-'));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

const CATALOG = 'channel Web "Site web" online\nteam Gestion "Gestion"\n';
const GOOD = `journey J "Parcours" {
  state current
  stage S "Étape" {
    touchpoint A "Début" via Web
    touchpoint B "Fin" via Web by Gestion
  }
  kpi K "Part à J+1" {
    measures share(B within J+1 of A)
    target >= 95%
  }
}
`;
const BAD = GOOD.replace('via Web by', 'via Webb by');

describe('journey check', () => {
    it('exits 0 on a clean workspace, reading the current folder recursively', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'parcours/j.journey': GOOD });
        const result = journey(['check'], root);
        expect(result.stdout).toContain('2 files checked: 0 errors, 0 warnings.');
        expect(result.code).toBe(0);
    });

    it('exits 1 with errors, each as file:line:column', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'j.journey': BAD });
        const result = journey(['check'], root);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain("j.journey:5:28: error: Unknown channel 'Webb': did you mean 'Web'?");
        expect(result.stdout).toContain('[unresolved-reference]');
    });

    it('accepts both spellings of comparators and units without a word', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'j.journey': GOOD.replace('target >= 95%', 'target ≥ 95%') });
        const result = journey(['check'], root);
        expect(result.stdout).toBe('2 files checked: 0 errors, 0 warnings.\n');
        expect(result.code).toBe(0);
    });

    it('exits 0 when there are only warnings', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'j.journey': GOOD.replace('  kpi K', '  stage Vide "Vide"\n  kpi K') });
        const result = journey(['check'], root);
        expect(result.stdout).toContain('1 warning');
        expect(result.code).toBe(0);
    });

    it('prints the documented JSON with 1-based positions', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'j.journey': BAD });
        const result = journey(['check', '--format', 'json'], root);
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report).toEqual({
            version: 1,
            files: 2,
            diagnostics: [{
                file: 'j.journey', line: 5, column: 28, endLine: 5, endColumn: 32, severity: 'error', code: 'unresolved-reference',
                message: expect.stringContaining("Unknown channel 'Webb'")
            }]
        });
    });

    it('skips node_modules, hidden and git-ignored folders, but checks files named explicitly', () => {
        const root = workspace({
            'catalog.journey': CATALOG, 'ok.journey': GOOD,
            'node_modules/pkg/bad.journey': BAD, '.cache/bad.journey': BAD, 'build/bad.journey': BAD,
            'sub/.gitignore': 'ignored.journey\n', 'sub/ignored.journey': BAD,
            '.gitignore': 'build/\n'
        });
        const result = journey(['check', '--format', 'json'], root);
        expect(JSON.parse(result.stdout)).toMatchObject({ files: 2, diagnostics: [] });
        expect(result.code).toBe(0);
        expect(journey(['check', 'catalog.journey', 'build/bad.journey'], root).code).toBe(1);
    });

    it('exits 2 on usage and I/O errors, saying what is wrong', () => {
        const root = workspace({ 'catalog.journey': CATALOG });
        const format = journey(['check', '--format', 'xml'], root);
        expect(format.code).toBe(2);
        expect(format.stderr).toContain('--format must be one of text, json');
        const option = journey(['check', '--frobnicate'], root);
        expect(option.code).toBe(2);
        const missing = journey(['check', 'nowhere'], root);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('nowhere: no such file or folder');
        expect(journey(['frobnicate'], root).code).toBe(2);
    });

    it('exits 2 on an unreadable file', () => {
        const root = workspace({ 'secret.journey': CATALOG });
        chmodSync(join(root, 'secret.journey'), 0o000);
        // root reads any file whatever its mode: run the command as root without the capabilities
        // that bypass file modes (as another user it could not reach a checkout in a private folder).
        const withoutOverride = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search'] : [];
        const [program, ...prefix] = [...withoutOverride, process.execPath];
        const run = spawnSync(program, [...prefix, BIN, 'check'], { cwd: root, encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain('secret.journey: cannot read this file (EACCES)');
    });

    it('reports syntax errors in plain words and keeps going', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'broken.journey': 'journey J {\n  stage {\n', 'j.journey': GOOD });
        const result = journey(['check'], root);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/broken\.journey:2:\d+: error: Syntax error: expected an id but found '\{'/);
        expect(result.stdout).toContain('3 files checked');
    });
});

describe('journey fmt', () => {
    it('lists unformatted files with --check and exits 1, changing nothing', () => {
        const messy = GOOD.replace('  state current', 'state   current');
        const root = workspace({ 'j.journey': messy, 'ok.journey': CATALOG });
        const result = journey(['fmt', '--check'], root);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('j.journey: not formatted\n');
        expect(readFileSync(join(root, 'j.journey'), 'utf8')).toBe(messy);
    });

    it('rewrites files in place, after which --check passes', () => {
        const root = workspace({ 'j.journey': GOOD.replace(/\n {2,}/g, '\n') });
        expect(journey(['fmt'], root).code).toBe(0);
        expect(readFileSync(join(root, 'j.journey'), 'utf8')).toBe(GOOD);
        expect(journey(['fmt', '--check'], root).code).toBe(0);
    });

    it('leaves a file with a syntax error untouched and says so', () => {
        const broken = 'journey J {\n  stage {\n';
        const root = workspace({ 'broken.journey': broken });
        const result = journey(['fmt'], root);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('broken.journey:2:9: error: Syntax error');
        expect(result.stderr).toContain('not formatted');
        expect(readFileSync(join(root, 'broken.journey'), 'utf8')).toBe(broken);
    });
});

describe('journey export', () => {
    it('prints the versioned workspace model', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'j.journey': GOOD });
        const result = journey(['export', '--format', 'json'], root);
        expect(result.code).toBe(0);
        const model = JSON.parse(result.stdout);
        expect(model).toMatchObject({
            schemaVersion: 2,
            channels: [{ id: 'Web', title: 'Site web' }],
            teams: [{ id: 'Gestion', title: 'Gestion' }],
            personas: [],
            journeys: [{
                id: 'J', title: 'Parcours', file: 'j.journey', state: 'current', personas: [],
                stages: [{ id: 'S', title: 'Étape', touchpoints: [
                    { id: 'A', title: 'Début', channels: ['Web'], actors: [], painPoints: [], momentOfTruth: false },
                    { id: 'B', title: 'Fin', channels: ['Web'], owner: 'Gestion' }
                ] }],
                kpis: [{ id: 'K', title: 'Part à J+1', kind: 'share', unit: '%', scope: { level: 'journey' }, target: { comparator: '>=', value: 95, unit: '%' } }]
            }]
        });
    });

    it('exits 1 and explains on stderr when the workspace has errors, still printing the model', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'j.journey': BAD });
        const result = journey(['export', '--format', 'json'], root);
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).journeys[0].stages[0].touchpoints[1].channels).toEqual(['Webb']);
        expect(result.stderr).toContain("Unknown channel 'Webb'");
    });
});

describe('journey', () => {
    it('prints its commands with --help', () => {
        const result = journey(['--help'], tmpdir());
        expect(result.code).toBe(0);
        for (const command of ['check', 'fmt', 'export', 'lsp']) expect(result.stdout).toContain(`  ${command}`);
    });
});
