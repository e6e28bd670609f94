import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { journeyToMermaid } from '../../interop/journey-to-mermaid.js';
import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, InputError, UsageError, parseCommandLine, type CliIo } from '../cli-io.js';

export const exportMermaidUsage = `Usage: journey export mermaid [paths…] [--journey <id>] [--markdown] [-o <file>]

Writes journeys of the given files and folders as Mermaid journey diagrams, for Markdown pages
and pull requests. Pass the catalog files too, so that actors show their titles.
One journey: a bare diagram (.mmd). Several: choose one with --journey, or --markdown to get
each one as a \`\`\`mermaid block under a heading.
Emotion is placed on 1–5 as on the journey's scale (e + 3 on the default −2 to +2; inexact scores noted on stderr); no emotion becomes 3.
Options:
  --journey <id>       only this journey
  --markdown           Markdown with one \`\`\`mermaid block per journey
  -o, --output <file>  write to this file instead of standard output
Exit code: 0 written, 1 the journeys have errors (still written), 2 usage or I/O error.`;

export async function exportMermaid(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
        journey: { type: 'string' },
        markdown: { type: 'boolean' },
        output: { type: 'string', short: 'o' }
    });
    const workspace = await loadWorkspace(positionals, { cwd: io.cwd });
    let journeys = workspace.model.journeys;
    if (values.journey !== undefined) {
        journeys = journeys.filter(j => j.id === values.journey);
        if (journeys.length === 0) {
            const known = workspace.model.journeys.map(j => j.id).join(', ') || 'none';
            throw new InputError(`no journey '${values.journey}' in the given files (journeys: ${known}).`);
        }
    }
    if (journeys.length === 0) throw new InputError('no journey in the given files: nothing to export.');
    if (journeys.length > 1 && !values.markdown) {
        throw new UsageError(`${journeys.length} journeys found (${journeys.map(j => j.id).join(', ')}): a Mermaid diagram holds one. Add --journey <id>, or --markdown for all of them.`);
    }
    const parts: string[] = [];
    for (const journey of journeys) {
        const { text, notes } = journeyToMermaid(journey, workspace.model);
        for (const note of notes) io.err(`${journey.file}: note: ${journey.id}${note.element ? `.${note.element}` : ''}: ${note.message}.\n`);
        parts.push(values.markdown ? `## ${markdownText(journey.title)}\n\n\`\`\`mermaid\n${text}\`\`\`\n` : text);
    }
    const output = parts.join('\n');
    if (values.output) {
        const target = path.resolve(io.cwd, values.output);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, output, 'utf8');
    } else {
        io.out(output);
    }
    const errors = workspace.diagnostics.filter(d => d.severity === 'error');
    for (const d of errors) io.err(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
    return errors.length ? Exit.failed : Exit.ok;
}

/** A title as Markdown heading text: HTML and Markdown syntax shown as written. */
function markdownText(text: string): string {
    return text
        .replace(/[\r\n\u2028\u2029]+/g, ' ')
        .replace(/[&<>]/g, c => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
        .replace(/[\\`*_[\]#|~]/g, c => `\\${c}`);
}
