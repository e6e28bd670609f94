import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { dateOfDay } from '../../language/model/today.js';
import { portfolio, type Portfolio } from '../../language/model/portfolio.js';
import { STATUS_ORDER } from '../../language/model/kpi-results.js';
import { renderMapSvg } from '../../render/map-svg.js';
import { renderReportHtml, type CommitteeReport, type ReportPage } from '../../render/report-html.js';
import { messages } from '../../language/i18n/i18n.js';
import { Exit, InputError, UsageError, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import { loadPreviewWorkspace, payloadFor } from '../preview-workspace.js';
import type { Command } from '../main.js';

export const report: Command = {
    summary: 'help.report.summary',
    usage: 'help.report.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, { format: { type: 'string' }, out: { type: 'string', short: 'o' }, paper: { type: 'string' }, today: { type: 'string' } });
        const format = oneOf('format', values.format, ['pdf', 'html'] as const, 'pdf');
        const paper = oneOf('paper', values.paper, ['a4', 'a3'] as const, 'a4');
        if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw UsageError.keyed('cli.today', { value: values.today });
        const m = messagesOf(io);
        const roots: string[] = [];
        for (const given of positionals.length ? positionals : ['.']) {
            const full = path.resolve(io.cwd, given);
            const stat = await fs.stat(full).catch(() => undefined);
            if (!stat) throw new InputError(m.t('files.missing.none', { path: given }));
            const root = stat.isDirectory() ? full : path.dirname(full);
            if (!roots.includes(root)) roots.push(root);
        }
        const locale = localeOf(io);
        const parts: { portfolio: Portfolio; pages: ReportPage[] }[] = [];
        let today = values.today;
        let failed = false;
        for (const root of roots) {
            const preview = await loadPreviewWorkspace(root, today, locale);
            today = preview.today;
            const errors = preview.workspace.diagnostics.filter(d => d.severity === 'error');
            for (const d of errors) io.err(`${path.relative(io.cwd, path.join(root, d.file))}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
            failed ||= errors.length > 0;
            const data = portfolio(preview.workspace.model, preview.results, dateOfDay(preview.today));
            const pages: ReportPage[] = [];
            for (const row of data.rows) {
                // The map of the row's journey, charts left out: the scorecard says what they show, and
                // the target journey's course is on the same page (its curve, its KPIs).
                const mapSvg = await renderMapSvg(payloadFor(preview, row.journey.file), { charts: false, journeys: [row.journey.id] });
                pages.push({ row, mapSvg });
            }
            parts.push({ portfolio: data, pages });
        }
        const merged = mergePortfolios(parts.map(p => p.portfolio));
        if (merged.rows.length === 0) throw new InputError(m.t('cli.report.noJourney', { paths: positionals.join(' ') || '.' }));
        const order = new Map(merged.rows.map((row, i) => [row, i]));
        const pages = parts.flatMap(p => p.pages).sort((a, b) => order.get(a.row)! - order.get(b.row)!);
        const folder = roots.length === 1 ? path.basename(roots[0]) : roots.map(r => path.basename(r)).join(', ');
        const committee: CommitteeReport = {
            title: messages(locale).t('report.title', { folder }),
            today: today!, portfolio: merged, pages, paper, locale
        };
        const out = path.resolve(io.cwd, values.out ?? `journey-report.${format}`);
        await fs.mkdir(path.dirname(out), { recursive: true });
        if (format === 'html') await fs.writeFile(out, renderReportHtml(committee));
        else {
            // PDFKit loads on first use: the other commands never need it.
            const { reportPdf } = await import('../report/report-pdf.js');
            await fs.writeFile(out, await reportPdf(committee));
        }
        io.out(`${path.relative(io.cwd, out) || out}\n`);
        return failed ? Exit.failed : Exit.ok;
    }
};

/** Several folders' portfolios as one, rows worst first (each folder's order kept among equals). */
function mergePortfolios(portfolios: Portfolio[]): Portfolio {
    if (portfolios.length === 1) return portfolios[0];
    const rank = (row: Portfolio['rows'][number]) => STATUS_ORDER.map(s => row.statusCounts[s]);
    const rows = portfolios.flatMap(p => p.rows).sort((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
        return 0;
    });
    const statusCounts = { met: 0, 'at-risk': 0, 'off-track': 0, missed: 0, 'no-data': 0 };
    for (const p of portfolios) for (const s of STATUS_ORDER) statusCounts[s] += p.statusCounts[s];
    const unique = <T extends { id: string }>(lists: T[][]) => [...new Map(lists.flat().map(e => [e.id, e])).values()];
    return {
        rows, statusCounts,
        owners: unique(portfolios.map(p => p.owners)), personas: unique(portfolios.map(p => p.personas)), channels: unique(portfolios.map(p => p.channels)),
        tags: unique(portfolios.map(p => p.tags)).sort((a, b) => (a.id < b.id ? -1 : 1))
    };
}
