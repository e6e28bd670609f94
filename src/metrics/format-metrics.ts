/**
 * `journey metrics` reports: text for a terminal, Markdown for a pull request or a wiki,
 * JSON for tools. One entry per KPI: latest value and period, target, status, trend, rows.
 */
import type { WorkspaceModel } from '../language/model/journey-model.js';
import { DEFAULT_LOCALE } from '../language/i18n/i18n.js';
import { formatValue, statusWord, trendWords } from '../language/model/kpi-format.js';
import { distinctProblems, kpiOfResult, type DataProblem, type KpiResult } from '../language/model/kpi-results.js';

export interface KpiReportEntry {
    journey?: string;
    kpi: string;
    title: string;
    kind: string;
    unit?: string;
    frequency: string;
    /** The latest overall value, null without data. */
    value: number | null;
    period: string | null;
    target: { text: string; comparator: string; value: number; warning?: number; deadline?: string } | null;
    status: KpiResult['status'];
    trend?: KpiResult['trend'];
    movement?: KpiResult['movement'];
    /** Distance to the target in the KPI's unit (0 when met). */
    gap?: number;
    /** Where the recent trend reaches on the deadline. */
    projected?: number;
    /** The last change against sampling noise. */
    change?: KpiResult['change'];
    deadlinePassed?: boolean;
    source: string | null;
    rowsUsed: number;
    rowsRejected: number;
    points: KpiResult['points'];
    problems: DataProblem[];
}

export function reportEntries(results: KpiResult[], model: WorkspaceModel): KpiReportEntry[] {
    return results.map(result => {
        const kpi = kpiOfResult(model, result);
        return {
            ...(result.journey ? { journey: result.journey } : {}),
            kpi: result.kpi,
            title: kpi?.title ?? result.kpi,
            kind: kpi?.kind ?? 'unspecified',
            ...(kpi?.unit ? { unit: kpi.unit } : {}),
            frequency: kpi?.frequency ?? 'monthly',
            value: result.latest ? round(result.latest.value) : null,
            period: result.latest?.period ?? null,
            target: kpi?.target ? {
                text: kpi.target.text, comparator: kpi.target.comparator, value: kpi.target.value,
                ...(kpi.target.warning !== undefined ? { warning: kpi.target.warning } : {}),
                ...(kpi.target.deadline ? { deadline: kpi.target.deadline } : {})
            } : null,
            status: result.status,
            ...(result.trend ? { trend: result.trend } : {}),
            ...(result.movement ? { movement: result.movement } : {}),
            ...(result.gap !== undefined ? { gap: round(result.gap) } : {}),
            ...(result.projected !== undefined ? { projected: round(result.projected) } : {}),
            ...(result.change ? { change: result.change } : {}),
            ...(result.deadlinePassed !== undefined ? { deadlinePassed: result.deadlinePassed } : {}),
            source: kpi?.data ?? null,
            rowsUsed: result.rowsUsed,
            rowsRejected: result.rowsRejected,
            points: result.points.map(p => ({ ...p, value: round(p.value) })),
            problems: result.problems
        };
    });
}

/** Values as people read them: 10 significant digits at most, no float noise. */
function round(value: number): number {
    return Number(value.toPrecision(10));
}

function name(entry: KpiReportEntry): string {
    return entry.journey ? `${entry.journey}.${entry.kpi}` : entry.kpi;
}

function where(problem: DataProblem): string {
    return problem.line ? `${problem.file}:${problem.line}` : problem.file;
}


export function formatText(entries: KpiReportEntry[]): string {
    const lines: string[] = [];
    for (const entry of entries) {
        const target = entry.target ? `target ${entry.target.text}` : 'no target';
        const period = entry.period ? ` (${entry.period})` : '';
        const trend = entry.trend ? `, ${trendWords(entry, DEFAULT_LOCALE)}` : '';
        const rows = entry.source ? `, ${entry.rowsUsed} rows used, ${entry.rowsRejected} rejected` : ', no data source';
        lines.push(`${statusText(entry).padEnd(9)} ${name(entry)} "${entry.title}": ${formatValue(entry.value, entry.unit, DEFAULT_LOCALE)}${period}, ${target}${trend}${rows}`);
    }
    const problems = distinctProblems(entries.flatMap(e => e.problems));
    if (problems.length) lines.push('', ...problems.map(p => `${where(p)}: ${p.severity}: ${p.message} [${p.code}]`));
    const count = (status: KpiResult['status']) => entries.filter(e => e.status === status).length;
    const untargeted = entries.filter(e => e.value !== null && !e.target).length;
    lines.push('', `${entries.length} KPI${entries.length === 1 ? '' : 's'}: ${count('met')} met, ${count('at-risk')} at risk, ${count('off-track')} off track, ${count('missed')} missed, ${count('no-data') - untargeted} without data` +
        (untargeted ? `, ${untargeted} without target.` : '.'));
    return lines.join('\n') + '\n';
}

/** A value without a target has no verdict: said so rather than "no data". */
function statusText(entry: KpiReportEntry): string {
    return entry.value !== null && !entry.target ? 'no target' : statusWord(entry.status, DEFAULT_LOCALE);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(entries: KpiReportEntry[]): string {
    const icon: Record<KpiResult['status'], string> = { met: '✅ met', 'at-risk': '⚠️ at risk', 'off-track': '🔻 off track', missed: '❌ missed', 'no-data': '➖ no data' };
    const lines = [
        '| KPI | Value | Period | Target | Status | Trend | Rows used | Rejected |',
        '|---|---:|---|---|---|---|---:|---:|'
    ];
    for (const e of entries) {
        lines.push(`| ${cell(`${e.title} (${name(e)})`)} | ${cell(formatValue(e.value, e.unit, DEFAULT_LOCALE))} | ${e.period ?? ''} | ${cell(e.target?.text ?? '')} | ${e.value !== null && !e.target ? '➖ no target' : icon[e.status]} | ${e.trend ? trendWords(e, DEFAULT_LOCALE) : ''} | ${e.rowsUsed} | ${e.rowsRejected} |`);
    }
    const problems = distinctProblems(entries.flatMap(e => e.problems));
    if (problems.length) {
        lines.push('', '**Data problems**', '', ...problems.map(p => `- \`${where(p)}\` ${p.severity}: ${cell(p.message)}`));
    }
    return lines.join('\n') + '\n';
}
