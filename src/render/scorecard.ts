/**
 * A journey's KPI scorecard in words, worst first: value, target, the gap in the KPI's unit,
 * time left to the deadline, the trend (arrow of the value, word of the judgement, and whether
 * the last change is within noise), where the pace leads, and the status. Written by the
 * committee report (HTML and PDF) from the portfolio's summaries.
 */
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { baselineWords, changeWords, courseWords, deadlineWords, formatValue, gapWords, periodLabel, statusWord, targetWords, trendWords } from '../language/model/kpi-format.js';
import { STATUS_ORDER, type KpiStatus } from '../language/model/kpi-results.js';
import type { JourneySummary } from '../language/model/portfolio.js';

export interface ScorecardLine {
    title: string;
    status: KpiStatus;
    statusWord: string;
    /** `42.9% (June 2026)`, or empty without data. */
    value: string;
    /** `≤ 85 %; baseline 90 % (January 2026); alert at 93 %`. */
    target: string;
    /** `52.1 pts short`, empty when met or without target or data. */
    gap: string;
    /** `11 months left (to June 2027)`. */
    deadline: string;
    /** `↘ improving, within noise (n = 48 → 52)`. */
    trend: string;
    /** `at this pace: 67.5% by June 2027`. */
    course: string;
}

export function scorecardLines(summary: JourneySummary, today: Date, locale: Locale = DEFAULT_LOCALE): ScorecardLine[] {
    return [...summary.kpis]
        .sort((a, b) => STATUS_ORDER.indexOf(a.evaluation.status) - STATUS_ORDER.indexOf(b.evaluation.status))
        .map(kpi => {
            const m = messages(locale);
            const ev = kpi.evaluation;
            const trend = [ev.trend ? trendWords(ev, locale) : '', ev.change ? changeWords(ev.change, locale) : ''].filter(Boolean).join(', ');
            return {
                title: kpi.title,
                status: ev.status,
                statusWord: statusWord(ev.status, locale),
                value: ev.latest ? `${formatValue(ev.latest.value, kpi.unit, locale)} (${periodLabel(ev.latest.period, locale)})` : '',
                target: [kpi.target ? targetWords(kpi.target, locale) : '', ...(kpi.baseline ? [m.t('svg.kpiBaseline', { baseline: baselineWords(kpi.baseline, locale) })] : []),
                    ...(kpi.threshold ? [m.t('svg.kpiThreshold', { threshold: formatValue(kpi.threshold.value, kpi.threshold.unit, locale), past: kpi.alert ? 'yes' : 'no' })] : [])].filter(Boolean).join('; '),
                gap: ev.gap && ev.status !== 'met' && kpi.direction ? gapWords(ev.gap, kpi.unit, kpi.direction, locale) : '',
                deadline: kpi.deadline && ev.status !== 'met' && ev.latest ? deadlineWords(kpi.deadline, today, locale) ?? '' : '',
                trend,
                course: courseWords(ev, kpi.unit, kpi.deadline, locale) ?? ''
            };
        });
}

/** Column headings of the scorecard, in the reader's language. */
export function scorecardHeadings(locale: Locale = DEFAULT_LOCALE): Record<'title' | 'value' | 'target' | 'gap' | 'deadline' | 'trend' | 'status', string> {
    const m = messages(locale);
    return {
        title: m.t('scorecard.kpi'), value: m.t('scorecard.value'), target: m.t('scorecard.target'), gap: m.t('scorecard.gap'),
        deadline: m.t('scorecard.deadline'), trend: m.t('scorecard.trend'), status: m.t('scorecard.status')
    };
}
