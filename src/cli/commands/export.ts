import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, localeOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';

export const exportCommand: Command = {
    summary: 'help.export.summary',
    usage: 'help.export.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        if (args[0] === 'mermaid') return (await import('./export-mermaid.js')).exportMermaid(args.slice(1), io);
        const { values, positionals } = parseCommandLine(args, { format: { type: 'string' } });
        oneOf('format', values.format, ['json'] as const, 'json');
        const workspace = await loadWorkspace(positionals, { cwd: io.cwd, locale: localeOf(io) });
        io.out(JSON.stringify(workspace.model, null, 2) + '\n');
        const errors = workspace.diagnostics.filter(d => d.severity === 'error');
        for (const d of errors) io.err(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
        return errors.length ? Exit.failed : Exit.ok;
    }
};
