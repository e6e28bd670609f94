import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_LOCALE, messages, WordedError, type Locale, type Messages } from '../language/i18n/i18n.js';
import { InputError } from '../node/journey-workspace.js';
import { closestName } from '../language/journey-diagnostics.js';
import { chooseLocale } from './cli-locale.js';

/** Where a command writes; tests pass their own. */
export interface CliIo {
    out: (text: string) => void;
    err: (text: string) => void;
    cwd: string;
    /** The language of the messages, help and rendered pages; `main` sets it (cli-locale.ts). */
    locale?: Locale;
}

/** The messages of the command line's locale. */
export function messagesOf(io: CliIo): Messages {
    return messages(io.locale ?? DEFAULT_LOCALE);
}

/** The command line's locale. */
export function localeOf(io: CliIo): Locale {
    return io.locale ?? DEFAULT_LOCALE;
}

/**
 * Set when the reader of the standard output went away (`| head`, a pager closed early, git
 * stopping a diff driver): the rest of the output has nowhere to go, and is not an error.
 */
let outputClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
        outputClosed = true;
        return;
    }
    // Said in the language `main` chooses, by the same rules (no io reaches this handler).
    const m = messages(chooseLocale(process.argv.slice(2), process.env).locale);
    process.stderr.write(`journey: ${m.t('cli.cannotWriteOutput', { reason: error.code ?? error.message })}\n`);
    process.exitCode = 2;
});

export const processIo: CliIo = {
    out: text => outputClosed || process.stdout.write(text),
    err: text => process.stderr.write(text),
    cwd: process.cwd()
};

/** Exit codes of every command. */
export const Exit = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * A wrong command line: printed with the command's usage, exit code 2. Made with `keyed`, it is
 * said in the reader's language when printed (`main` knows it; the thrower may not).
 */
export class UsageError extends WordedError {}

export { InputError };

/**
 * `util.parseArgs` with usage errors turned into `UsageError`, in the reader's language (Node's
 * own messages are English): an unknown option with the closest known one, a value missing, an
 * argument the command does not take.
 */
export function parseCommandLine<T extends ParseArgsConfig['options']>(args: string[], options: T, allowPositionals = true) {
    try {
        return parseArgs({ args, options, allowPositionals, strict: true });
    } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
        if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
            const known = Object.keys(options ?? {}).map(name => `--${name}`);
            const suggestion = quoted.startsWith('--') ? closestName(quoted, known) : undefined;
            throw UsageError.keyed('cli.args.unknownOption', { option: quoted, suggestion: suggestion ?? 'none' });
        }
        if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw UsageError.keyed('cli.args.missingValue', { option: quoted.split(' ')[0] });
        if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw UsageError.keyed('cli.args.unexpected', { argument: quoted });
        throw new UsageError(message);
    }
}

/** Checks that an option's value is one of `allowed`. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
        throw UsageError.keyed('cli.oneOf', { option: `--${name}`, allowed: allowed.join(', '), value });
    }
    return value as T;
}

/**
 * The `--kpi` ids that name no KPI of the workspace (plain id or Journey.Kpi): a usage error, so
 * that a CI gate on a misspelt KPI fails instead of passing on zero KPIs.
 */
export function checkKpiIds(only: string[] | undefined, known: Array<{ kpi: { id: string }; journey?: { id: string } }>, m: Messages): void {
    if (!only) return;
    const ids = new Set(known.flatMap(({ kpi, journey }) => journey ? [kpi.id, `${journey.id}.${kpi.id}`] : [kpi.id]));
    const unknown = only.filter(id => !ids.has(id));
    if (unknown.length === 0) return;
    const suggestion = closestName(unknown[0], ids);
    throw new UsageError(m.t('cli.unknown-kpi', { ids: unknown.join(', '), count: unknown.length, suggestion: suggestion ?? 'none' }));
}
