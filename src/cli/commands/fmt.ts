import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatJourneyText } from '../../node/format-text.js';
import { listJourneyFiles } from '../../node/journey-files.js';
import { relativeTo } from '../../node/journey-workspace.js';
import { Exit, localeOf, messagesOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';

export const fmt: Command = {
    summary: 'help.fmt.summary',
    usage: 'help.fmt.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, { check: { type: 'boolean' } });
        const { files, warnings } = await listJourneyFiles(positionals, io.cwd, localeOf(io));
        for (const warning of warnings) io.err(`${relativeTo(io.cwd, warning.link)}: warning: ${warning.message}\n`);
        const m = messagesOf(io);
        let failed = false;
        for (const file of files) {
            const shown = relativeTo(io.cwd, file) || path.basename(file);
            // A byte-order mark stays as it was: editors hide it, some tools expect it.
            const raw = await fs.readFile(file, 'utf8');
            const bom = raw.charCodeAt(0) === 0xfeff ? raw[0] : '';
            const text = raw.slice(bom.length);
            const result = formatJourneyText(text);
            if (!result.ok) {
                io.err(`${shown}:${result.line}:${result.column}: error: ${m.t('fmt.notFormattedError', { message: result.message })}\n`);
                failed = true;
            } else if (result.text !== text) {
                if (values.check) {
                    io.out(`${m.t('fmt.status', { file: shown, formatted: 'no' })}\n`);
                    failed = true;
                } else {
                    await fs.writeFile(file, bom + result.text, 'utf8');
                    io.out(`${m.t('fmt.status', { file: shown, formatted: 'yes' })}\n`);
                }
            }
        }
        return failed ? Exit.failed : Exit.ok;
    }
};
