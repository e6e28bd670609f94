import { InvalidTodayError } from '../language/model/today.js';
import { messages, type MessageKey, type Messages } from '../language/i18n/i18n.js';
import { Exit, InputError, UsageError, processIo, type CliIo } from './cli-io.js';
import { chooseLocale, isSupportedLang } from './cli-locale.js';

/** A subcommand: parses its own arguments, returns the exit code. */
export interface Command {
    /** Catalogue keys of its one-line summary and of its help (`journey <command> --help`). */
    summary: MessageKey;
    usage: MessageKey;
    run(args: string[], io: CliIo): Promise<number>;
}

/** Commands load lazily so that `journey check` does not pay for the preview or DuckDB. */
const COMMANDS: Record<string, () => Promise<Command>> = {
    check: async () => (await import('./commands/check.js')).check,
    fmt: async () => (await import('./commands/fmt.js')).fmt,
    export: async () => (await import('./commands/export.js')).exportCommand,
    diff: async () => (await import('./commands/diff.js')).diff,
    review: async () => (await import('./commands/review.js')).reviewCommand,
    import: async () => (await import('./commands/import.js')).importCommand,
    lsp: async () => (await import('./commands/lsp.js')).lsp,
    metrics: async () => (await import('./commands/metrics.js')).metrics,
    sql: async () => (await import('./commands/sql.js')).sql,
    render: async () => (await import('./commands/render.js')).render,
    report: async () => (await import('./commands/report.js')).report,
    serve: async () => (await import('./commands/serve.js')).serve
};

async function usage(m: Messages): Promise<string> {
    const lines = [m.t('cli.usage'), '', m.t('cli.usage.commands')];
    for (const [name, load] of Object.entries(COMMANDS)) {
        lines.push(`  ${name.padEnd(8)} ${m.t((await load()).summary)}`);
    }
    lines.push('', m.t('cli.usage.help'), m.t('cli.usage.lang'));
    return lines.join('\n') + '\n';
}

/**
 * What bin/journey.js prints when a command fails unexpectedly (a bug): the stack, introduced in
 * the language `main` would have chosen for `argv`.
 */
export function internalError(error: unknown, argv: string[] = process.argv.slice(2), env: Record<string, string | undefined> = process.env): string {
    const m = messages(chooseLocale(argv, env).locale);
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    return `journey: ${m.t('cli.internalError', { error: detail })}\n`;
}

/**
 * Runs `journey <argv>`. The language of messages and pages: `--lang`, else the environment's
 * POSIX locale (cli-locale.ts), unless the caller's `io` names one.
 */
export async function main(argv: string[], io: CliIo = processIo, env: Record<string, string | undefined> = process.env): Promise<number> {
    const choice = chooseLocale(argv, env);
    const locale = choice.lang === undefined && io.locale ? io.locale : choice.locale;
    io = { ...io, locale };
    const m = messages(locale);
    if (choice.lang !== undefined && !isSupportedLang(choice.lang)) {
        io.err(`journey: ${m.t('cli.badLang', { lang: choice.lang })}\n`);
        return Exit.usage;
    }
    const [name, ...args] = choice.args;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        io.out(await usage(m));
        return name ? Exit.ok : Exit.usage;
    }
    if (name === '--version') {
        io.out('journey 0.1.0\n');
        return Exit.ok;
    }
    const load = COMMANDS[name];
    if (!load) {
        io.err(`journey: ${m.t('cli.unknownCommand', { name })}\n\n${await usage(m)}`);
        return Exit.usage;
    }
    const command = await load();
    if (args.includes('--help') || args.includes('-h')) {
        io.out(`${m.t(command.usage)}\n`);
        return Exit.ok;
    }
    try {
        return await command.run(args, io);
    } catch (error) {
        if (error instanceof UsageError) {
            io.err(`journey ${name}: ${error.say(m)}\n\n${m.t(command.usage)}\n`);
            return Exit.usage;
        }
        if (error instanceof InputError || error instanceof InvalidTodayError) {
            io.err(`journey ${name}: ${error.say(m)}\n`);
            return Exit.usage;
        }
        throw error;
    }
}
