import { DIALECTS } from '../../metrics/sql-dialect.js';
import { kpisOf } from '../../metrics/compute-metrics.js';
import { formatQueries, localFiles, warehouseQueries } from '../../metrics/warehouse-sql.js';
import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, UsageError, checkKpiIds, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';

export const sql: Command = {
    summary: 'help.sql.summary',
    usage: 'help.sql.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, {
            dialect: { type: 'string' }, table: { type: 'string', multiple: true }, kpi: { type: 'string', multiple: true }
        });
        if (values.dialect === undefined) throw UsageError.keyed('cli.sql.dialect', { allowed: DIALECTS.join(', ') });
        const dialect = oneOf('dialect', values.dialect, DIALECTS, 'duckdb');
        const tables: Record<string, string> = {};
        for (const entry of values.table ?? []) {
            const match = /^([^=]+)=(.+)$/.exec(entry);
            if (!match) throw UsageError.keyed('cli.sql.table', { value: entry });
            tables[match[1]] = match[2];
        }
        const locale = localeOf(io);
        const workspace = await loadWorkspace(positionals, { cwd: io.cwd, locale });
        const errors = workspace.diagnostics.filter(d => d.severity === 'error');
        for (const d of errors) io.err(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
        checkKpiIds(values.kpi, kpisOf(workspace.model), messagesOf(io));
        const { columns, unreadable } = await localFiles(workspace.model, workspace.root);
        const queries = warehouseQueries(workspace.model, dialect, { tables, columns, unreadable, locale, ...(values.kpi ? { only: values.kpi } : {}) });
        io.out(formatQueries(queries, workspace.model, dialect, locale));
        for (const q of queries.filter(q => q.error)) io.err(`journey sql: ${q.journey ? `${q.journey}.` : ''}${q.kpi}: ${q.error}\n`);
        return errors.length || queries.some(q => q.error) ? Exit.failed : Exit.ok;
    }
};
