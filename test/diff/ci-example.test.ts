/**
 * The CI example: valid YAML, and its diff step, run as written (same shell command, same
 * environment variable) in a clone of a fixture repository, writes the Markdown comment.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    });

    it('its diff step writes the Markdown comment in a pull-request checkout', () => {
        if (!existsSync(path.join(ROOT, 'out/cli/main.js'))) throw new Error('out/ is not built: run `npm run build` first.');
        const step = steps.find(s => s.run?.includes('journey.js diff'))!;
        const origin = pullRequestRepository();
        const clone = mkdtempSync(path.join(tmpdir(), 'journey-ci-'));
        try {
            git(clone, 'clone', '-q', '--branch', 'revue', origin, '.');
            const env = { ...process.env, BASE_REF: 'main' };
            // `node bin/journey.js` of the workflow is this repository's binary.
            const command = step.run!.replace('node bin/journey.js', `"${process.execPath}" "${path.join(ROOT, 'bin/journey.js')}"`);
            execFileSync('bash', ['-c', command], { cwd: clone, env, encoding: 'utf8' });
            const comment = readFileSync(path.join(clone, 'journey-diff.md'), 'utf8');
            expect(comment).toMatch(/^### Journey changes\n\nFrom `origin\/main` to `HEAD`: changed \*Adhésion à la mutuelle santé\*/);
            expect(comment).toContain('stage *Support* removed with its 2 touchpoints and 1 KPI');
        } finally {
            rmSync(origin, { recursive: true, force: true });
            rmSync(clone, { recursive: true, force: true });
        }
    });
});
