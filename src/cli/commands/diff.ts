import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatDiff, visible } from '../../diff/diff-format.js';
import { decodeText, diffVersionFiles, diffVersions, type VersionFiles } from '../../diff/diff-sources.js';
import { outlineModel } from '../../diff/outline.js';
import { firstSyntaxError } from '../../language/journey-diagnostics.js';
import { InputError, buildWorkspace } from '../../node/journey-workspace.js';
import type { Messages } from '../../language/i18n/i18n.js';
import { Exit, UsageError, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';

export const diff: Command = {
    summary: 'help.diff.summary',
    usage: 'help.diff.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, {
            format: { type: 'string' },
            output: { type: 'string' },
            'exit-code': { type: 'boolean' },
            textconv: { type: 'boolean' },
            'git-external': { type: 'boolean' }
        });
        const format = oneOf('format', values.format, ['text', 'markdown', 'json'] as const, 'text');
        const locale = localeOf(io);
        const m = messagesOf(io);
        if (values.textconv) {
            if (positionals.length !== 1) throw new UsageError(m.t('cli.diff.textconvOneFile'));
            io.out(await textconv(path.resolve(io.cwd, positionals[0]), m));
            return Exit.ok;
        }
        if (values['git-external']) {
            if (positionals.length !== 7 && positionals.length !== 9) {
                throw new UsageError(m.t('cli.diff.gitExternalArgs', { count: positionals.length }));
            }
            const [file, oldFile, , , newFile, , , newPath] = positionals;
            const side = async (label: string, given: string, as: string): Promise<VersionFiles> => {
                const root = io.cwd;
                if (given === '/dev/null') return { label, root, sources: [], skipped: [] };
                const bytes = await fs.readFile(path.resolve(io.cwd, given));
                const text = decodeText(bytes);
                return text === undefined ? { label, root, sources: [], skipped: [as] } : { label, root, sources: [{ path: as, text }], skipped: [] };
            };
            const shownNew = newPath ?? file;
            const result = await diffVersionFiles(await side(`a/${file}`, oldFile, file), await side(`b/${shownNew}`, newFile, file), false, locale);
            io.out(formatDiff(result, format, locale));
            return Exit.ok;
        }
        const result = await diffVersions(positionals, { cwd: io.cwd, locale });
        const text = formatDiff(result, format, locale);
        if (values.output) await fs.writeFile(path.resolve(io.cwd, values.output), text);
        else io.out(text);
        const changed = result.changes.some(visible);
        return values['exit-code'] && changed ? Exit.failed : Exit.ok;
    }
};

/** The outline of one file; its text as written when it does not parse. */
async function textconv(file: string, m: Messages): Promise<string> {
    const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(m.t('cli.cannotRead', { file, reason: error.code ?? error.message }));
    });
    const text = decodeText(bytes);
    if (text === undefined) return `# journey: ${m.t('cli.diff.binary', { bytes: bytes.length })}\n`;
    const workspace = await buildWorkspace([{ path: path.basename(file), text }], path.dirname(file));
    const error = firstSyntaxError(workspace.documents[0].parseResult);
    if (error) return `# journey: ${m.t('cli.diff.notParsed', { line: error.line })}\n${text}${text.endsWith('\n') ? '' : '\n'}`;
    return outlineModel(workspace.model);
}
