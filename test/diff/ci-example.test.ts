/**
 * The CI example: valid YAML, the journey command installed from npm (not built from this
 * repository), and its diff step, run as written (same shell command, same environment
 * variable) in a clone of a fixture repository, writes the Markdown comment.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { git, pullRequestRepository } from './git-fixture.js';

const ROOT = path.resolve(__dirname, '../..');

interface Step { name?: string; run?: string; env?: Record<string, string>; uses?: string; with?: Record<string, string> }

describe('ci-examples/journey-diff.yml', () => {
    const workflow = yaml.load(readFileSync(path.join(ROOT, 'ci-examples/journey-diff.yml'), 'utf8')) as {
        on: { pull_request: { paths: string[] } }; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }>;
    };
    const steps = Object.values(workflow.jobs)[0].steps;

    it('runs on pull requests touching journeys, may write comments, posts the file the diff wrote', () => {
        expect(workflow.on.pull_request.paths).toEqual(['**/*.journey']);
        expect(workflow.permissions['pull-requests']).toBe('write');
        const post = steps.find(step => step.uses?.startsWith('actions/github-script'))!;
        expect(post.with!.script).toContain("readFileSync('journey-diff.md'");
        const install = steps.find(step => step.name === 'Install journey')!;
        expect(install.run).toMatch(/^npm install --global .*journey-as-code@\d/);
        expect(steps.map(step => step.run ?? '').join('\n')).not.toMatch(/npm ci|npm run build|bin\/journey\.js/);
    });

    it('its diff step writes the Markdown comment in a pull-request checkout', () => {
        if (!existsSync(path.join(ROOT, 'out/cli/main.js'))) throw new Error('out/ is not built: run `npm run build` first.');
        const step = steps.find(s => s.run?.startsWith('journey diff'))!;
        const origin = pullRequestRepository();
        const clone = mkdtempSync(path.join(tmpdir(), 'journey-ci-'));
        // The installed `journey` command, here this repository's (test/package installs the real package).
        const bin = mkdtempSync(path.join(tmpdir(), 'journey-bin-'));
        writeFileSync(path.join(bin, 'journey'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin/journey.js')}" "$@"\n`);
        chmodSync(path.join(bin, 'journey'), 0o755);
        try {
            git(clone, 'clone', '-q', '--branch', 'revue', origin, '.');
            const env = { ...process.env, BASE_REF: 'main', PATH: `${bin}:${process.env.PATH}` };
            execFileSync('bash', ['-c', step.run!], { cwd: clone, env, encoding: 'utf8' });
            const comment = readFileSync(path.join(clone, 'journey-diff.md'), 'utf8');
            expect(comment).toMatch(/^### Journey changes\n\nFrom `origin\/main` to `HEAD`: changed \*Adhésion à la mutuelle santé\*/);
            expect(comment).toContain('stage *Support* removed with its 2 touchpoints and 1 KPI');
        } finally {
            rmSync(origin, { recursive: true, force: true });
            rmSync(clone, { recursive: true, force: true });
            rmSync(bin, { recursive: true, force: true });
        }
    });
});
