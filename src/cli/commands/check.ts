import { loadWorkspace, type FileDiagnostic } from '../../node/journey-workspace.js';
import { Exit, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import { toSarif } from '../sarif.js';
import type { Command } from '../main.js';

export const check: Command = {
    summary: 'Check journey files and report problems (exit 1 on errors).',
    usage: `Usage: journey check [paths…] [--format text|json|sarif]

Checks every .journey file under the given files and folders (default: the current folder),
skipping node_modules, hidden folders and git-ignored paths.
  --format sarif   a SARIF 2.1.0 log, for code scanning (paths relative to the current folder).
Exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O error.`,
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, { format: { type: 'string' } });
        const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
        const workspace = await loadWorkspace(positionals, { cwd: io.cwd });
        const { diagnostics } = workspace;
        if (format === 'sarif') {
            io.out(JSON.stringify(toSarif(diagnostics, { root: workspace.root }), null, 2) + '\n');
        } else if (format === 'json') {
            io.out(JSON.stringify({ version: 1, files: workspace.documents.length, diagnostics }, null, 2) + '\n');
        } else {
            io.out(formatText(diagnostics, workspace.documents.length));
        }
        return diagnostics.some(d => d.severity === 'error') ? Exit.failed : Exit.ok;
    }
};

/** `file:line:column severity message [code]`, the shape editors and CI annotators recognise. */
export function formatText(diagnostics: FileDiagnostic[], files: number): string {
    const lines = diagnostics.map(d => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    const count = (severity: string) => diagnostics.filter(d => d.severity === severity).length;
    const errors = count('error');
    const warnings = count('warning');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` +
        (diagnostics.length > errors + warnings ? `, ${plural(diagnostics.length - errors - warnings, 'note')}.` : '.'));
    return lines.join('\n') + '\n';
}
