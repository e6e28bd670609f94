import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { journeyToMermaid } from '../../interop/journey-to-mermaid.js';
import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, InputError, UsageError, localeOf, messagesOf, parseCommandLine, type CliIo } from '../cli-io.js';

export async function exportMermaid(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
        journey: { type: 'string' },
        markdown: { type: 'boolean' },
        output: { type: 'string', short: 'o' }
    });
    const locale = localeOf(io);
    const m = messagesOf(io);
    const workspace = await loadWorkspace(positionals, { cwd: io.cwd, locale });
    let journeys = workspace.model.journeys;
    if (values.journey !== undefined) {
        journeys = journeys.filter(j => j.id === values.journey);
        if (journeys.length === 0) {
            const known = workspace.model.journeys.map(j => j.id).join(', ') || 'none';
            throw new InputError(m.t('cli.export.noSuchJourney', { id: values.journey, known }));
        }
    }
    if (journeys.length === 0) throw new InputError(m.t('cli.export.noJourney'));
    if (journeys.length > 1 && !values.markdown) {
        throw UsageError.keyed('cli.export.severalJourneys', { count: journeys.length, ids: journeys.map(j => j.id).join(', ') });
    }
    const parts: string[] = [];
    for (const journey of journeys) {
        const { text, notes } = journeyToMermaid(journey, workspace.model, locale);
        // `note` stays English, as the severity words of `journey check`'s lines; the note is in the reader's language.
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
