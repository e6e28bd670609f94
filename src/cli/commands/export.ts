import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';

export const exportCommand: Command = {
    summary: 'Export the workspace model as JSON (schemaVersion 2), or journeys as Mermaid diagrams.',
    usage: `Usage: journey export [paths…] --format json

Prints the journey model of the given files and folders (default: the current folder):
journeys with their stages, touchpoints and KPIs, and the catalogs. References are ids.
Problems found while reading are printed on stderr; exit code 1 if any is an error.

Usage: journey export mermaid [paths…] [--journey <id>] [--markdown] [-o <file>]

Writes a journey as a Mermaid journey diagram instead (--journey picks one; --markdown writes
every journey as a \`\`\`mermaid block). Emotion e becomes score e + 3, clamped to 1–5.`,
    async run(args: string[], io: CliIo): Promise<number> {
        if (args[0] === 'mermaid') return (await import('./export-mermaid.js')).exportMermaid(args.slice(1), io);
        const { values, positionals } = parseCommandLine(args, { format: { type: 'string' } });
        oneOf('format', values.format, ['json'] as const, 'json');
        const workspace = await loadWorkspace(positionals, { cwd: io.cwd });
        io.out(JSON.stringify(workspace.model, null, 2) + '\n');
        const errors = workspace.diagnostics.filter(d => d.severity === 'error');
        for (const d of errors) io.err(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
        return errors.length ? Exit.failed : Exit.ok;
    }
};
