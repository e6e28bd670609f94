import { loadWorkspace, type FileDiagnostic } from '../../node/journey-workspace.js';
import { DEFAULT_LOCALE, messages, type Messages } from '../../language/i18n/i18n.js';
import { Exit, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import { toSarif } from '../sarif.js';
import type { Command } from '../main.js';

export const check: Command = {
    summary: 'help.check.summary',
    usage: 'help.check.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, { format: { type: 'string' } });
        const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
        const workspace = await loadWorkspace(positionals, { cwd: io.cwd, locale: localeOf(io) });
        const { diagnostics } = workspace;
        if (format === 'sarif') {
            io.out(JSON.stringify(toSarif(diagnostics, { root: workspace.root }), null, 2) + '\n');
        } else if (format === 'json') {
            io.out(JSON.stringify({ version: 1, files: workspace.documents.length, diagnostics }, null, 2) + '\n');
        } else {
            io.out(formatText(diagnostics, workspace.documents.length, messagesOf(io)));
        }
        return diagnostics.some(d => d.severity === 'error') ? Exit.failed : Exit.ok;
    }
};

/**
 * `file:line:column severity message [code]`, the shape editors and CI annotators recognise:
 * the severity and the code stay English in every locale (problem matchers read them), the
 * message and the summary are in the reader's.
 */
export function formatText(diagnostics: FileDiagnostic[], files: number, m: Messages = messages(DEFAULT_LOCALE)): string {
    const lines = diagnostics.map(d => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
    const count = (severity: string) => diagnostics.filter(d => d.severity === severity).length;
    const errors = count('error');
    const warnings = count('warning');
    lines.push(m.t('check.summary', { files, errors, warnings, notes: diagnostics.length - errors - warnings }));
    return lines.join('\n') + '\n';
}
