import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { importMermaid } from '../../interop/mermaid-import.js';
import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, InputError, UsageError, localeOf, messagesOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';
import type { Locale } from '../../language/i18n/i18n.js';

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd', '.mdx']);

export const importCommand: Command = {
    summary: 'help.import.summary',
    usage: 'help.import.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, {
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean' },
            workspace: { type: 'string' }
        });
        const [format, file, ...extra] = positionals;
        const m = messagesOf(io);
        const locale = localeOf(io);
        if (format !== 'mermaid') {
            throw format ? UsageError.keyed('cli.import.unknownFormat', { format }) : UsageError.keyed('cli.import.noFormat');
        }
        if (!file) throw UsageError.keyed('cli.import.noFile');
        if (extra.length) throw UsageError.keyed('cli.import.oneFile', { extra: extra.join(', ') });
        const absolute = path.resolve(io.cwd, file);
        const input = await fs.readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new InputError(m.t('cli.import.cannotRead', { file, reason: error.code ?? error.message }));
        });
        const kind = MARKDOWN_EXTENSIONS.has(path.extname(file).toLowerCase()) ? 'markdown' : 'auto';
        const context = values.workspace === undefined ? {} : await workspaceContext(values.workspace, io.cwd, locale);
        const result = importMermaid(input, { kind, source: file.split(path.sep).join('/'), locale, ...context });
        for (const problem of result.problems) {
            // The severity word stays English, as in `journey check`'s lines (problem matchers read it).
            const severity = problem.severity === 'info' ? 'note' : problem.severity;
            io.err(`${file}:${problem.line}: ${severity}: ${problem.message}\n`);
        }
        if (result.journeys.length === 0) return Exit.failed;
        if (values.output) {
            const target = path.resolve(io.cwd, values.output);
            if (!values.force && await fs.access(target).then(() => true, () => false)) {
                throw new InputError(m.t('cli.import.exists', { file: values.output }));
            }
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.writeFile(target, result.text, 'utf8');
            const tasks = result.journeys.reduce((sum, j) => sum + j.sections.reduce((s, section) => s + section.tasks.length, 0), 0);
            io.err(`${m.t('cli.import.summary', { file: values.output, journeys: result.journeys.length, touchpoints: tasks })}\n`);
        } else {
            io.out(result.text);
        }
        return result.problems.some(p => p.severity === 'error') ? Exit.failed : Exit.ok;
    }
};

/** Ids in use in the workspace, and its personas and teams by title and by id. */
async function workspaceContext(folder: string, cwd: string, locale: Locale): Promise<{ reservedIds: string[]; knownActors: Map<string, string> }> {
    const { model } = await loadWorkspace([folder], { cwd, locale });
    const reservedIds = [model.journeys, model.channels, model.personas, model.segments, model.teams, model.roles, model.organisations, model.tagFamilies, model.kpis, model.sources]
        .flat().map(e => e.id);
    const knownActors = new Map<string, string>();
    const actors = [...model.personas, ...model.teams, ...model.roles, ...model.organisations];
    for (const actor of actors) knownActors.set(actor.id, actor.id);
    for (const actor of actors) if (!knownActors.has(actor.title)) knownActors.set(actor.title, actor.id);
    return { reservedIds, knownActors };
}
