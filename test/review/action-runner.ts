/**
 * Runs the composite Action of action.yml as the Actions runner would, for the steps that can
 * run here: its `run` steps in bash (`-eo pipefail`), with the `${{ … }}` expressions it uses
 * evaluated (inputs with their defaults, github.*, runner.temp, steps.*.outputs), GITHUB_PATH
 * and GITHUB_OUTPUT honoured between steps, the Action's outputs computed. Steps that `uses`
 * another action (the artifact upload) are listed as skipped: they need GitHub's services.
 * An expression the runner here does not know fails the test.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';

interface ActionStep { name?: string; id?: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; 'working-directory'?: string; with?: Record<string, string> }
interface ActionFile {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string; value: string }>;
    runs: { using: string; steps: ActionStep[] };
}

export interface ActionRun {
    code: number;
    stdout: string;
    stderr: string;
    outputs: Record<string, string>;
    skipped: string[];
    summary: string;
}

export interface RunOptions {
    actionPath: string;
    workspace: string;
    runnerTemp: string;
    inputs: Record<string, string>;
    env: Record<string, string>;
}

export function readAction(actionPath: string): ActionFile {
    return yaml.load(readFileSync(path.join(actionPath, 'action.yml'), 'utf8')) as ActionFile;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
    const action = readAction(options.actionPath);
    if (action.runs.using !== 'composite') throw new Error(`expected a composite action, found ${action.runs.using}`);
    for (const name of Object.keys(options.inputs)) if (!(name in action.inputs)) throw new Error(`action.yml has no input '${name}'`);
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, options.inputs[name] ?? input.default ?? '']));
    const files = path.join(options.runnerTemp, '_runner_file_commands');
    mkdirSync(files, { recursive: true });
    const summaryFile = path.join(files, 'step_summary');
    writeFileSync(summaryFile, '');
    const stepOutputs: Record<string, Record<string, string>> = {};
    const extraPath: string[] = [];
    const context = (expression: string): string => {
        let match: RegExpExecArray | null;
        if ((match = /^inputs\.([\w-]+)$/.exec(expression))) return inputs[match[1]] ?? fail(`unknown input ${match[1]}`);
        if (expression === 'github.action_path') return options.actionPath;
        if (expression === 'github.workspace') return options.workspace;
        if (expression === 'github.token') return options.env.GITHUB_TOKEN ?? '';
        if (expression === 'runner.temp') return options.runnerTemp;
        if ((match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) return stepOutputs[match[1]]?.[match[2]] ?? '';
        return fail(`the test runner does not know the expression \${{ ${expression} }}`);
    };
    const evaluate = (text: string) => text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => context(expression));
    // Inputs' defaults may be expressions too (github.token).
    for (const name of Object.keys(inputs)) inputs[name] = evaluate(inputs[name]);

    let stdout = '';
    let stderr = '';
    let code = 0;
    const skipped: string[] = [];
    for (const [index, step] of action.runs.steps.entries()) {
        if (step.uses) {
            skipped.push(`${step.name ?? step.uses} (uses ${step.uses})`);
            continue;
        }
        if (step.if) throw new Error(`the test runner does not evaluate if: on run steps (${step.name})`);
        if (code !== 0) break;
        if (step.shell !== 'bash') throw new Error(`step ${step.name}: composite run steps must say shell: bash`);
        const outputFile = path.join(files, `output_${index}`);
        const pathFile = path.join(files, `path_${index}`);
        writeFileSync(outputFile, '');
        writeFileSync(pathFile, '');
        const env: Record<string, string> = {
            ...process.env as Record<string, string>,
            ...options.env,
            PATH: [...extraPath, process.env.PATH].join(':'),
            GITHUB_ACTION_PATH: options.actionPath,
            GITHUB_WORKSPACE: options.workspace,
            RUNNER_TEMP: options.runnerTemp,
            GITHUB_OUTPUT: outputFile,
            GITHUB_PATH: pathFile,
            GITHUB_STEP_SUMMARY: summaryFile,
            ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(String(value))]))
        };
        const cwd = path.resolve(options.workspace, evaluate(step['working-directory'] ?? '.'));
        // Asynchronous: the API stand-in answering the step's requests runs in this process.
        const result = await runBash(evaluate(step.run ?? ''), cwd, env);
        stdout += result.stdout;
        stderr += result.stderr;
        code = result.status ?? 1;
        extraPath.unshift(...readFileSync(pathFile, 'utf8').split('\n').filter(Boolean).reverse());
        if (step.id) {
            stepOutputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map(line => {
                const at = line.indexOf('=');
                return [line.slice(0, at), line.slice(at + 1)];
            }));
        }
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, evaluate(output.value)]));
    appendFileSync(summaryFile, '');
    return { code, stdout, stderr, outputs, skipped, summary: readFileSync(summaryFile, 'utf8') };
}

function runBash(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', status => resolve({ status, stdout, stderr }));
    });
}

function fail(message: string): never {
    throw new Error(message);
}
