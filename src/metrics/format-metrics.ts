/**
 * `journey metrics` reports: text for a terminal, Markdown for a pull request or a wiki,
 * JSON for tools. One entry per KPI: latest value and period, target, status, trend, rows.
 */
import type { WorkspaceModel } from '../language/model/journey-model.js';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { formatValue, periodLabel, statusWord, targetWords, trendWords } from '../language/model/kpi-format.js';
import { distinctProblems, kpiOfResult, type DataProblem, type KpiResult } from '../language/model/kpi-results.js';
import type { CanonicalUnit, Comparator } from '../language/model/kpi-semantics.js';

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
    /** `text` is the model's neutral writing (`≥ 95 %`); people read `targetWords` of it in their locale. */
    target: { text: string; comparator: Comparator; value: number; unit?: CanonicalUnit; warning?: number; deadline?: string } | null;
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
    /** The field the KPI is broken down by (`per device`): its latest period's values are listed per value. */
    breakdown?: string;
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
                ...(kpi.target.unit ? { unit: kpi.target.unit } : {}),
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
            ...(kpi?.breakdown ? { breakdown: kpi.breakdown } : {}),
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

/** The latest period's value for each value of the breakdown field, as `mobile 66.7%`. */
function breakdownValues(entry: KpiReportEntry, locale: Locale): Array<{ segment: string; value: string }> {
    if (!entry.breakdown || !entry.period) return [];
    return entry.points.filter(p => p.period === entry.period && p.segment !== undefined)
        .map(p => ({ segment: p.segment!, value: formatValue(p.value, entry.unit, locale) }));
}

function where(problem: DataProblem): string {
    return problem.line ? `${problem.file}:${problem.line}` : problem.file;
}


/**
 * The report for a person, in `locale`: one line per KPI, the data problems, a summary. The
 * problem lines keep the shape `file:line: severity: message [code]` with the severity in
 * English, as `journey check` does (CI problem matchers read them); the message is the reader's.
 */
export function formatText(entries: KpiReportEntry[], locale: Locale = DEFAULT_LOCALE): string {
    const m = messages(locale);
    const lines: string[] = [];
    for (const entry of entries) {
        lines.push(m.t('metrics.line', {
            status: statusText(entry, locale).padEnd(9), name: name(entry), title: entry.title,
            value: formatValue(entry.value, entry.unit, locale),
            period: entry.period ? periodLabel(entry.period, locale) : 'none',
            target: entry.target ? targetWords(entry.target, locale) : 'none',
            trend: entry.trend ? trendWords(entry, locale) : 'none',
            source: entry.source ? 'yes' : 'no', used: entry.rowsUsed, rejected: entry.rowsRejected
        }));
        const values = breakdownValues(entry, locale);
        if (values.length) lines.push(m.t('metrics.breakdown', { field: entry.breakdown, values: values.map(v => `${v.segment} ${v.value}`).join(', ') }));
    }
    const problems = distinctProblems(entries.flatMap(e => e.problems));
    if (problems.length) lines.push('', ...problems.map(p => `${where(p)}: ${p.severity}: ${p.message} [${p.code}]`));
    const count = (status: KpiResult['status']) => entries.filter(e => e.status === status).length;
    const untargeted = entries.filter(e => e.value !== null && !e.target).length;
    lines.push('', m.t('metrics.summary', {
        count: entries.length, met: count('met'), atRisk: count('at-risk'), offTrack: count('off-track'), missed: count('missed'),
        noData: count('no-data') - untargeted, untargeted
    }));
    return lines.join('\n') + '\n';
}

/** A value without a target has no verdict: said so rather than "no data". */
function statusText(entry: KpiReportEntry, locale: Locale): string {
    return entry.value !== null && !entry.target ? messages(locale).t('metrics.noTarget') : statusWord(entry.status, locale);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const ICONS: Record<KpiResult['status'], string> = { met: '✅', 'at-risk': '⚠️', 'off-track': '🔻', missed: '❌', 'no-data': '➖' };

export function formatMarkdown(entries: KpiReportEntry[], locale: Locale = DEFAULT_LOCALE): string {
    const m = messages(locale);
    const columns = ['kpi', 'value', 'period', 'target', 'status', 'trend', 'used', 'rejected'].map(column => m.t('metrics.column', { column }));
    const lines = [`| ${columns.join(' | ')} |`, '|---|---:|---|---|---|---|---:|---:|'];
    for (const e of entries) {
        const status = e.value !== null && !e.target ? `➖ ${statusText(e, locale)}` : `${ICONS[e.status]} ${statusText(e, locale)}`;
        lines.push(`| ${cell(`${e.title} (${name(e)})`)} | ${cell(formatValue(e.value, e.unit, locale))} | ${e.period ? periodLabel(e.period, locale) : ''} | ${cell(e.target ? targetWords(e.target, locale) : '')} | ${status} | ${e.trend ? trendWords(e, locale) : ''} | ${e.rowsUsed} | ${e.rowsRejected} |`);
    }
    const broken = entries.filter(e => breakdownValues(e, locale).length);
    if (broken.length) {
        const heads = ['kpi', 'breakdown', 'value', 'period'].map(column => m.t('metrics.breakdownColumn', { column }));
        lines.push('', `**${m.t('metrics.breakdowns')}**`, '', `| ${heads.join(' | ')} |`, '|---|---|---:|---|');
        for (const e of broken) {
            for (const v of breakdownValues(e, locale)) lines.push(`| ${cell(`${e.title} (${name(e)})`)} | ${cell(`${e.breakdown} = ${v.segment}`)} | ${cell(v.value)} | ${periodLabel(e.period!, locale)} |`);
        }
    }
    const problems = distinctProblems(entries.flatMap(e => e.problems));
    if (problems.length) {
        lines.push('', `**${m.t('metrics.problems')}**`, '', ...problems.map(p => `- \`${where(p)}\` ${m.t('metrics.problem', { severity: p.severity, message: cell(p.message) })}`));
    }
    return lines.join('\n') + '\n';
}
