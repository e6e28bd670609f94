/**
 * `journey check --format sarif`: a log valid against the SARIF 2.1.0 schema, holding the same
 * diagnostics as `--format json`, at the same places.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sarifErrors } from './sarif-schema.js';

const BIN = resolve('bin/journey.js');

function journey(args: string[], cwd: string) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'journey-sarif-'));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

const CATALOG = 'channel Web "Site web" online\nteam Gestion "Gestion"\n';
// An error (unknown channel), a warning (empty stage) and notes (no channel, KPI without target).
const DRAFT = `journey J "Adhésion" {
  state current
  stage S "Étape" {
    touchpoint A "Début" via Webb
    touchpoint B "Fin"
  }
  stage Vide "Vide"
  kpi K "Part à J+1" {
    measures share(B within J+1 of A)
  }
}
`;

describe('journey check --format sarif', () => {
    it('writes a valid SARIF 2.1.0 log with every diagnostic of --format json, at the same place', () => {
        const root = workspace({ 'catalog.journey': CATALOG, 'parcours/adhésion #1.journey': DRAFT });
        const sarif = journey(['check', '--format', 'sarif'], root);
        const json = journey(['check', '--format', 'json'], root);
        expect(sarif.code).toBe(1);
        const log = JSON.parse(sarif.stdout);
        expect(sarifErrors(log)).toEqual([]);
        const { diagnostics } = JSON.parse(json.stdout) as { diagnostics: { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[] };
        expect(new Set(diagnostics.map(d => d.severity))).toEqual(new Set(['error', 'warning', 'info']));
        const [run] = log.runs;
        expect(run.tool.driver.name).toBe('journey');
        expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(root).href + '/');
        expect(run.results).toHaveLength(diagnostics.length);
        const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as Record<string, string>;
        diagnostics.forEach((d, i) => {
            const result = run.results[i];
            expect(result.ruleId).toBe(d.code);
            expect(run.tool.driver.rules[result.ruleIndex].id).toBe(d.code);
            expect(result.level).toBe(level[d.severity]);
            expect(result.message.text).toBe(d.message);
            const location = result.locations[0].physicalLocation;
            expect(decodeURIComponent(location.artifactLocation.uri)).toBe(d.file);
            expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
            expect(location.region).toEqual({ startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
        });
        // Characters that mean something in a URI are escaped in the path.
        expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('parcours/adh%C3%A9sion%20%231.journey');
    });

    it('gives an empty, valid log and exit 0 on a clean workspace', () => {
        const root = workspace({ 'catalog.journey': CATALOG });
        const result = journey(['check', '--format', 'sarif'], root);
        expect(result.code).toBe(0);
        const log = JSON.parse(result.stdout);
        expect(sarifErrors(log)).toEqual([]);
        expect(log.runs[0].results).toEqual([]);
    });

    it('is checked by a validator that does reject what SARIF forbids', () => {
        const root = workspace({ 'j.journey': DRAFT });
        const log = JSON.parse(journey(['check', '--format', 'sarif'], root).stdout);
        log.runs[0].results[0].level = 'info';
        delete log.runs[0].tool.driver.name;
        expect(sarifErrors(log)).toEqual(expect.arrayContaining([
            expect.stringContaining('/runs/0/results/0/level'), expect.stringContaining('/runs/0/tool/driver')
        ]));
    });
});
