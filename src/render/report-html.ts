/**
 * The committee report: a portfolio page first, then one page per journey (A4 or A3
 * landscape): the map fitted to the width, the scorecard, the top pain points, and the current
 * and target emotion curves overlaid stage by stage. `renderReportHtml` writes it as a page to
 * print; the PDF writer (src/cli/report/report-pdf.ts) lays out the same parts, and draws the
 * same emotion chart (`emotionOverlaySvg`).
 */
import { DEFAULT_LOCALE, messages, type Locale, type MessageKey } from '../language/i18n/i18n.js';
import type { Severity } from '../language/model/journey-model.js';
import { signed } from '../language/model/kpi-semantics.js';
import type { JourneySummary, Portfolio, PortfolioPain, PortfolioRow } from '../language/model/portfolio.js';
import { escapeHtml as e } from './escape.js';
import { MAP_CSS } from './map-css.js';
import { OVERVIEW_CSS, renderOverviewHtml } from './overview-html.js';
import { SEVERITY_COLORS, STATUS_COLORS } from './palette.js';
import { scorecardHeadings, scorecardLines } from './scorecard.js';

export type Paper = 'a4' | 'a3';

export interface ReportPage {
    row: PortfolioRow;
    /** The map of the row's journey file as SVG (charts left out: the scorecard says it). */
    mapSvg: string;
}

export interface CommitteeReport {
    title: string;
    /** `YYYY-MM-DD` the statuses are judged on. */
    today: string;
    portfolio: Portfolio;
    pages: ReportPage[];
    paper: Paper;
    locale?: Locale;
}

const SEVERITY_KEYS: Record<Severity, MessageKey> = {
    critical: 'severity.critical', high: 'severity.high', medium: 'severity.medium', low: 'severity.low'
};

/** The most severe pain points of a row's journeys (the current one's first), at most `count`. */
export function topPains(row: PortfolioRow, count = 5): PortfolioPain[] {
    const rank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
    return [...row.journey.topPains, ...(row.target?.topPains ?? [])]
        .sort((a, b) => (a.severity ? rank[a.severity] : 4) - (b.severity ? rank[b.severity] : 4)).slice(0, count);
}

export function painLine(pain: PortfolioPain, locale: Locale = DEFAULT_LOCALE): string {
    const m = messages(locale);
    const severity = pain.severity ? m.t(SEVERITY_KEYS[pain.severity]) : m.t('report.severity-not-given');
    return pain.touchpoint === undefined
        ? m.t('report.pain-line-stage', { severity, text: pain.text, stage: pain.stage })
        : m.t('report.pain-line', { severity, text: pain.text, stage: pain.stage, touchpoint: pain.touchpoint });
}

/**
 * Current and target emotion curves on one chart, stage by stage: a stage of the target with
 * the id of a current stage shares its column, a new stage takes a column after the stage it
 * follows. Each point is the mean emotion of the stage's touchpoints.
 */
export function emotionOverlaySvg(current: JourneySummary, target: JourneySummary | undefined, options: { width: number; height: number; locale?: Locale }): string {
    const m = messages(options.locale ?? DEFAULT_LOCALE);
    const columns = current.stages.map(s => ({ id: s.id, title: s.title }));
    let after = -1;
    for (const stage of target?.stages ?? []) {
        const at = columns.findIndex(c => c.id === stage.id);
        if (at >= 0) after = at;
        else columns.splice(++after, 0, { id: stage.id, title: stage.title });
    }
    const min = Math.min(current.emotionScale.min, target?.emotionScale.min ?? Infinity);
    const max = Math.max(current.emotionScale.max, target?.emotionScale.max ?? -Infinity);
    const { width, height } = options;
    const left = 28, right = 8, top = 18, bottom = 34;
    const x = (i: number) => left + (columns.length === 1 ? (width - left - right) / 2 : i * (width - left - right) / (columns.length - 1));
    const y = (v: number) => top + (max - v) * (height - top - bottom) / (max - min || 1);
    const parts: string[] = [];
    for (let v = min; v <= max; v++) {
        parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#8a8a8a" stroke-opacity="${v === 0 ? 0.8 : 0.25}"${v === 0 ? ' stroke-dasharray="3 3"' : ''}/>`);
        parts.push(`<text x="${left - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end" fill="#555">${signed(v)}</text>`);
    }
    // Stage names under their column, numbered, cut to the column's width ; alternate rows when tight.
    const spacing = columns.length > 1 ? (width - left - right) / (columns.length - 1) : width;
    const stagger = spacing < 60;
    const chars = Math.max(3, Math.floor((stagger ? spacing * 2 : spacing) / 5));
    columns.forEach((c, i) => {
        const label = `${i + 1}. ${c.title}`;
        const shown = label.length > chars ? `${label.slice(0, chars - 1)}…` : label;
        parts.push(`<text x="${x(i).toFixed(1)}" y="${height - bottom + 12 + (stagger && i % 2 ? 10 : 0)}" font-size="8" text-anchor="middle" fill="#555">${e(shown)}</text>`);
    });
    const curve = (summary: JourneySummary, color: string, dash: string) => {
        const points = summary.stages.flatMap(s => s.emotion === undefined ? [] : [`${x(columns.findIndex(c => c.id === s.id)).toFixed(1)},${y(s.emotion).toFixed(1)}`]);
        if (!points.length) return '';
        return `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`
            + points.map(p => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${color}"/>`).join('');
    };
    parts.push(curve(current, '#1f6feb', ''));
    if (target) parts.push(curve(target, STATUS_COLORS.met, ' stroke-dasharray="5 3"'));
    const legend = `<g font-size="9"><line x1="${left}" x2="${left + 18}" y1="8" y2="8" stroke="#1f6feb" stroke-width="2"/><text x="${left + 22}" y="11" fill="#333">${e(m.t('report.emotions.current'))}</text>`
        + (target ? `<line x1="${left + 80}" x2="${left + 98}" y1="8" y2="8" stroke="${STATUS_COLORS.met}" stroke-width="2" stroke-dasharray="5 3"/><text x="${left + 102}" y="11" fill="#333">${e(m.t('report.emotions.target'))}</text>` : '') + '</g>';
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif" role="img" aria-label="${e(m.t('report.emotions'))}">${legend}${parts.join('')}</svg>`;
}

const REPORT_CSS = String.raw`
@page { size: A4 landscape; margin: 10mm; }

.rp-page { break-after: page; padding: .5rem 0; }
.rp-page:last-child { break-after: auto; }
.rp-page h1 { font-size: 1.3rem; margin: .2rem 0; }
.rp-page h2 { font-size: 1rem; margin: .6rem 0 .2rem; }
.rp-map svg { width: 100%; height: auto; max-height: 45vh; }
.rp-columns { display: grid; grid-template-columns: 3fr 2fr; gap: 1rem; }
.rp-score { border-collapse: collapse; width: 100%; font-size: .75rem; }
.rp-score th, .rp-score td { border-bottom: 1px solid var(--jm-border); padding: .15rem .3rem; text-align: left; vertical-align: top; }
.rp-score td.rp-status { font-weight: 700; color: var(--jm-status); white-space: nowrap; }
.rp-pains li { border-left: 4px solid var(--rp-sev); padding-left: .3rem; margin: .15rem 0; list-style: none; font-size: .8rem; }
.rp-pains { padding: 0; }
@media print { .ov-filters { display: none; } .rp-map svg { max-height: 90mm; } }
`;

export function renderReportHtml(report: CommitteeReport): string {
    const locale = report.locale ?? DEFAULT_LOCALE;
    const m = messages(locale);
    const heads = scorecardHeadings(locale);
    const today = new Date(`${report.today}T00:00:00Z`);
    const portfolioPage = `<section class="rp-page">${renderOverviewHtml(report.portfolio, { title: report.title, subtitle: m.t('overview.judged-on', { day: report.today }), hrefFor: (_file, id) => `#journey-${id}`, locale })}</section>`;
    const pages = report.pages.map(({ row, mapSvg }) => {
        const lines = [row.journey, ...(row.target ? [row.target] : [])].flatMap(summary => scorecardLines(summary, today, locale).map(line => ({ line, summary })));
        const table = lines.length ? `<table class="rp-score"><thead><tr>${[heads.title, heads.value, heads.target, heads.gap, heads.deadline, heads.trend, heads.status].map(h => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${lines.map(({ line, summary }) =>
            `<tr class="jm-status-${line.status}"><td>${e(line.title)}${row.target ? ` <span class="jm-muted">(${e(m.t(summary.state === 'target' ? 'report.emotions.target' : 'report.emotions.current'))})</span>` : ''}</td><td>${e(line.value)}</td><td>${e(line.target)}</td><td>${e(line.gap)}</td><td>${e(line.deadline)}</td><td>${e([line.trend, line.course].filter(Boolean).join('; '))}</td><td class="rp-status">${e(line.statusWord)}</td></tr>`).join('')}</tbody></table>` : `<p>${e(m.t('report.no-kpis'))}</p>`;
        const pains = topPains(row);
        const painList = pains.length ? `<ul class="rp-pains">${pains.map(p => `<li style="--rp-sev:${(p.severity ? SEVERITY_COLORS[p.severity] : '#8a8a8a')}">${e(painLine(p, locale))}</li>`).join('')}</ul>` : `<p>${e(m.t('report.no-pains'))}</p>`;
        return `<section class="rp-page" id="journey-${e(row.journey.id)}">
<h1>${e(row.journey.title)}${row.target ? ` → ${e(row.target.title)}` : ''}</h1>
<div class="rp-map" aria-label="${e(m.t('report.map'))}">${mapSvg}</div>
<div class="rp-columns"><div><h2>${e(m.t('report.scorecard'))}</h2>${table}</div>
<div><h2>${e(m.t('report.top-pains'))}</h2>${painList}<h2>${e(m.t('report.emotions'))}</h2>${emotionOverlaySvg(row.journey, row.target, { width: 380, height: 160, locale })}</div></div>
</section>`;
    }).join('\n');
    const size = report.paper === 'a3' ? 'A3 landscape' : 'A4 landscape';
    return `<!DOCTYPE html>
<html lang="${e(locale)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title><style>${MAP_CSS}${OVERVIEW_CSS}${REPORT_CSS.replace('A4 landscape', size)}</style></head>
<body class="rp-report">
${portfolioPage}
${pages}
</body></html>
`;
}
