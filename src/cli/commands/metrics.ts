import { computeMetrics, kpisOf } from '../../metrics/compute-metrics.js';
import { formatMarkdown, formatText, reportEntries } from '../../metrics/format-metrics.js';
import { loadWorkspace } from '../../node/journey-workspace.js';
import { Exit, UsageError, checkKpiIds, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import type { Command } from '../main.js';
import { currentDay, dateOfDay, dayOf } from '../../language/model/today.js';

export const metrics: Command = {
    summary: 'help.metrics.summary',
    usage: 'help.metrics.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, {
            format: { type: 'string' }, 'fail-on': { type: 'string' }, kpi: { type: 'string', multiple: true }, today: { type: 'string' }
        });
        const format = oneOf('format', values.format, ['text', 'json', 'markdown'] as const, 'text');
        const failOn = values['fail-on'] === undefined ? undefined : oneOf('fail-on', values['fail-on'], ['missed', 'off-track', 'at-risk'] as const, 'missed');
        const today = values.today ? dateOfDay(values.today) : currentDay();
        if (Number.isNaN(today.getTime())) throw UsageError.keyed('cli.today', { value: values.today });
        const workspace = await loadWorkspace(positionals, { cwd: io.cwd, locale: localeOf(io) });
        const errors = workspace.diagnostics.filter(d => d.severity === 'error');
        for (const d of errors) io.err(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
        checkKpiIds(values.kpi, kpisOf(workspace.model), messagesOf(io));
        const { results } = await computeMetrics(workspace.model, workspace.root, { today, locale: localeOf(io), ...(values.kpi ? { only: values.kpi } : {}) });
        const entries = reportEntries(results, workspace.model);
        if (format === 'json') io.out(JSON.stringify({ version: 1, today: dayOf(today), kpis: entries }, null, 2) + '\n');
        else if (format === 'markdown') io.out(formatMarkdown(entries, localeOf(io)));
        else io.out(formatText(entries, localeOf(io)));
        const failing = failOn === undefined ? [] : entries.filter(e => e.status === 'missed' || (failOn !== 'missed' && e.status === 'off-track') || (failOn === 'at-risk' && e.status === 'at-risk'));
        return errors.length || failing.length ? Exit.failed : Exit.ok;
    }
};
