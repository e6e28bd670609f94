/**
 * The portfolio overview as HTML: one row per journey (a target journey beside the current one
 * it improves), owner, personas, a small emotion curve, pain points by severity, moments of
 * truth, KPI chips, worst first, with filters by owner, persona, channel and tag. The same
 * page for `journey serve`'s index, `journey render`'s index.html and VS Code's
 * "Journey: Overview"; the filters work without script (a GET form, answered by serve) and,
 * with the page's script, at once everywhere.
 */
import { DEFAULT_LOCALE, messages, type Locale, type MessageKey } from '../language/i18n/i18n.js';
import { formatValue, statusWord, targetWords } from '../language/model/kpi-format.js';
import { STATUS_ORDER } from '../language/model/kpi-results.js';
import type { Severity } from '../language/model/journey-model.js';
import { SEVERITIES, type JourneySummary, type Portfolio, type PortfolioRow } from '../language/model/portfolio.js';
import { escapeHtml as e } from './escape.js';
import { EMOTION_COLORS, emotionTone } from './journey-map.js';
import { MAP_CSS } from './map-css.js';
import { SEVERITY_COLORS } from './palette.js';

export interface OverviewFilters {
    owner?: string;
    persona?: string;
    channel?: string;
    tag?: string;
}

/** The locale of a reader from the editor's or the system's language (`fr-FR` → `fr`). */
export { resolveLocale } from '../language/i18n/i18n.js';

/** The overview's title and the line under it: `mutuelle: journeys`, `statuses as of 2026-07-15`. */
export function overviewTitles(folder: string, judgedOn: string, locale: Locale = DEFAULT_LOCALE): { title: string; subtitle: string } {
    const m = messages(locale);
    return { title: m.t('overview.title', { folder }), subtitle: m.t('overview.judged-on', { day: judgedOn }) };
}

export interface OverviewOptions {
    title: string;
    /** Where a journey's map is: `/map/<file>` (serve), `<file>.html` (render), a command URI (VS Code). */
    hrefFor: (file: string, journey: string) => string;
    locale?: Locale;
    /** Filters already applied (serve answers the form without script). */
    filters?: OverviewFilters;
    /** A line under the title (the day statuses are judged on, the number of files). */
    subtitle?: string;
    /** Error lines of the journey files, shown under the rows. */
    problems?: string[];
}

const FILTER_KEYS = ['owner', 'persona', 'channel', 'tag'] as const;

const PAIN_KEYS: Record<Severity, MessageKey> = {
    critical: 'overview.pains.critical', high: 'overview.pains.high', medium: 'overview.pains.medium', low: 'overview.pains.low'
};

/** Whether a row passes the filters: a value matches when either journey of the row has it. */
export function rowMatches(row: PortfolioRow, filters: OverviewFilters): boolean {
    const both = [row.journey, ...(row.target ? [row.target] : [])];
    const has = (values: (s: JourneySummary) => string[], wanted?: string) => !wanted || both.some(s => values(s).includes(wanted));
    return has(s => s.owner ? [s.owner.id] : [], filters.owner) && has(s => s.personas.map(p => p.id), filters.persona)
        && has(s => s.channels, filters.channel) && has(s => s.tags, filters.tag);
}

/** The overview's body: header with totals, the filter form, the rows. */
export function renderOverviewHtml(data: Portfolio, options: OverviewOptions): string {
    const m = messages(options.locale ?? DEFAULT_LOCALE);
    const locale = options.locale ?? DEFAULT_LOCALE;
    const filters = options.filters ?? {};
    const totals = STATUS_ORDER.filter(s => data.statusCounts[s] > 0)
        .map(s => `<span class="ov-chip jm-status-${s}"><span class="jm-dot"></span>${e(m.t('overview.status-count', { count: data.statusCounts[s], state: s, status: statusWord(s, locale) }))}</span>`).join(' ');
    const select = (key: typeof FILTER_KEYS[number], label: string, all: string, entries: { id: string; title: string }[]) =>
        `<label>${e(label)} <select name="${key}" data-filter="${key}"${entries.length ? '' : ' disabled'}><option value="">${e(all)}</option>${entries.map(entry => `<option value="${e(entry.id)}"${filters[key] === entry.id ? ' selected' : ''}>${e(entry.title)}</option>`).join('')}</select></label>`;
    const form = `<form class="ov-filters" method="get" role="search">`
        + select('owner', m.t('overview.filter.owner'), m.t('overview.filter.all-owners'), data.owners)
        + select('persona', m.t('overview.filter.persona'), m.t('overview.filter.all-personas'), data.personas)
        + select('channel', m.t('overview.filter.channel'), m.t('overview.filter.all-channels'), data.channels)
        + select('tag', m.t('overview.filter.tag'), m.t('overview.filter.all-tags'), data.tags)
        + `<noscript><button type="submit">${e(m.t('overview.filter.apply'))}</button></noscript></form>`;
    const rows = data.rows.map(row => rowHtml(row, options, locale, !rowMatches(row, filters))).join('\n');
    const shown = data.rows.filter(row => rowMatches(row, filters)).length;
    const empty = `<p class="jm-empty ov-none"${shown ? ' hidden' : ''}>${e(data.rows.length ? m.t('overview.no-match') : m.t('overview.empty'))}</p>`;
    const problems = options.problems?.length
        ? `<section class="jm-problems"><h3>${e(m.t('overview.errors', { count: options.problems.length }))}</h3><ul>${options.problems.slice(0, 50).map(p => `<li>${e(p)}</li>`).join('')}</ul></section>` : '';
    return `<header class="ov-head"><h1>${e(options.title)}</h1><p class="jm-muted">${e(m.t('overview.journeys', { count: data.rows.reduce((n, r) => n + (r.target ? 2 : 1), 0) }))}${options.subtitle ? ` · ${e(options.subtitle)}` : ''}</p><p class="ov-totals">${totals}</p></header>
${form}
<div class="ov-rows">
${rows}
</div>${empty}${problems}`;
}

function rowHtml(row: PortfolioRow, options: OverviewOptions, locale: Locale, hidden: boolean): string {
    const both = [row.journey, ...(row.target ? [row.target] : [])];
    const data = (values: (s: JourneySummary) => string[]) => e([...new Set(both.flatMap(values))].join(' '));
    return `<article class="ov-row jm-status-${row.worst}${row.target ? ' ov-paired' : ''}" data-owner="${data(s => s.owner ? [s.owner.id] : [])}" data-persona="${data(s => s.personas.map(p => p.id))}" data-channel="${data(s => s.channels)}" data-tag="${data(s => s.tags)}"${hidden ? ' hidden' : ''}>`
        + journeyHtml(row.journey, options, locale)
        + (row.target ? journeyHtml(row.target, options, locale) : '')
        + '</article>';
}

function journeyHtml(summary: JourneySummary, options: OverviewOptions, locale: Locale): string {
    const m = messages(locale);
    const state = summary.state ? `<span class="ov-state ov-state-${summary.state}">${e(m.t(summary.state === 'target' ? 'overview.state.target' : 'overview.state.current'))}</span>` : '';
    const owner = summary.owner ? `<span>${e(m.t('overview.owner', { owner: summary.owner.title }))}</span>` : `<span class="jm-muted">${e(m.t('overview.no-owner'))}</span>`;
    const personas = summary.personas.length ? `<span>${e(summary.personas.map(p => p.title).join(', '))}</span>` : '';
    const pains = SEVERITIES.filter(s => summary.pains[s] > 0)
        .map(s => `<span class="ov-pain" style="--ov-sev:${SEVERITY_COLORS[s]}">${e(m.t(PAIN_KEYS[s], { count: summary.pains[s] }))}</span>`).join(' ');
    // Worst first; KPIs without data folded into one chip that names them.
    const judged = summary.kpis.filter(kpi => kpi.evaluation.status !== 'no-data')
        .sort((a, b) => STATUS_ORDER.indexOf(a.evaluation.status) - STATUS_ORDER.indexOf(b.evaluation.status));
    const unmeasured = summary.kpis.filter(kpi => kpi.evaluation.status === 'no-data');
    const chips = judged.map(kpi => {
        const value = kpi.evaluation.latest ? formatValue(kpi.evaluation.latest.value, kpi.unit, locale) : '';
        const tip = [kpi.title, value, kpi.target ? m.t('overview.target', { target: targetWords(kpi.target, locale) }) : '', statusWord(kpi.evaluation.status, locale)].filter(Boolean).join(' · ');
        return `<span class="ov-chip jm-status-${kpi.evaluation.status}" title="${e(tip)}"><span class="jm-dot"></span><span class="ov-chip-title">${e(kpi.title)}</span>${value ? ` <b>${e(value)}</b>` : ''} <span class="jm-status-label">${e(statusWord(kpi.evaluation.status, locale))}</span></span>`;
    }).join('') + (unmeasured.length ? `<span class="ov-chip jm-status-no-data" title="${e(unmeasured.map(k => k.title).join('\n'))}"><span class="jm-dot"></span>${e(m.t('overview.unmeasured', { count: unmeasured.length }))}</span>` : '');
    const painLabel = `<span class="jm-muted">${e(m.t('overview.pains'))}</span> `;
    return `<section class="ov-journey">
<h2><a href="${e(options.hrefFor(summary.file, summary.id))}">${e(summary.title)}</a> ${state}</h2>
<p class="ov-facts">${owner}${personas ? ` · ${personas}` : ''} · <span class="jm-muted">${e(summary.file)}</span></p>
<div class="ov-health">${emotionSparkline(summary, m.t('overview.emotion-curve', { title: summary.title }))}<span class="ov-pains">${pains ? painLabel + pains : `<span class="jm-muted">${e(m.t('overview.no-pains'))}</span>`}</span> <span class="ov-mot">${e(m.t('overview.moments-of-truth', { count: summary.momentsOfTruth }))}</span></div>
<div class="ov-chips">${chips || `<span class="jm-muted">${e(m.t('overview.no-kpis'))}</span>`}</div>
</section>`;
}

const SPARK_W = 120;
const SPARK_H = 28;

/** Points of a sparkline at most: a longer journey is drawn from the means of as many runs of touchpoints. */
const SPARK_POINTS = 40;

/** The emotion along the journey on the journey's scale, zero dashed; dots coloured by sign when few. */
export function emotionSparkline(summary: Pick<JourneySummary, 'emotions' | 'emotionScale'>, label: string): string {
    const { min, max } = summary.emotionScale;
    const all = summary.emotions;
    if (all.length === 0 || max <= min) return `<svg class="ov-spark" width="${SPARK_W}" height="${SPARK_H}" role="img" aria-label="${e(label)}"></svg>`;
    const buckets = Math.min(all.length, SPARK_POINTS);
    const values = Array.from({ length: buckets }, (_, b) => {
        const run = all.slice(Math.floor(b * all.length / buckets), Math.floor((b + 1) * all.length / buckets));
        return run.reduce((sum, v) => sum + v, 0) / run.length;
    });
    const x = (i: number) => values.length === 1 ? SPARK_W / 2 : 3 + i * (SPARK_W - 6) / (values.length - 1);
    const y = (v: number) => 3 + (max - v) * (SPARK_H - 6) / (max - min);
    const zero = min < 0 && max > 0 ? `<line x1="0" x2="${SPARK_W}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="currentColor" stroke-opacity=".35" stroke-dasharray="2 2"/>` : '';
    const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const dots = values.length > 16 ? '' : values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2" fill="${EMOTION_COLORS[emotionTone(v)]}"/>`).join('');
    return `<svg class="ov-spark" width="${SPARK_W}" height="${SPARK_H}" viewBox="0 0 ${SPARK_W} ${SPARK_H}" role="img" aria-label="${e(label)}"><title>${e(label)}</title>${zero}<polyline points="${points}" fill="none" stroke="currentColor" stroke-width="1.5"/>${dots}</svg>`;
}

export const OVERVIEW_CSS = String.raw`
.ov-head h1 { margin: .8rem 0 .2rem; font-size: 1.4rem; }
.ov-head p { margin: .2rem 0; }
.ov-filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .6rem 0; }
.ov-filters select { max-width: 14rem; background: var(--jm-bg); color: var(--jm-fg); border: 1px solid var(--jm-border); }
.ov-rows { display: flex; flex-direction: column; gap: .5rem; }
/* Rows off screen are not laid out nor painted until scrolled to: a portfolio of 1,000 journeys opens at once. */
.ov-row { content-visibility: auto; contain-intrinsic-size: auto 9rem; display: grid; grid-template-columns: 1fr; gap: .5rem; border: 1px solid var(--jm-border); border-left: 6px solid var(--jm-status); border-radius: 6px; padding: .4rem .6rem; }
.ov-row[hidden] { display: none; }
.ov-row.ov-paired { grid-template-columns: 1fr 1fr; }
@media (max-width: 700px) { .ov-row.ov-paired { grid-template-columns: 1fr; } }
.ov-journey { min-width: 0; }
.ov-paired .ov-journey + .ov-journey { border-left: 1px dashed var(--jm-border); padding-left: .6rem; }
@media (max-width: 700px) { .ov-paired .ov-journey + .ov-journey { border-left: 0; padding-left: 0; border-top: 1px dashed var(--jm-border); padding-top: .4rem; } }
.ov-journey h2 { font-size: 1rem; margin: 0; overflow-wrap: anywhere; }
.ov-facts { margin: .1rem 0; font-size: .85rem; overflow-wrap: anywhere; }
.ov-health { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .8rem; font-size: .85rem; }
.ov-spark { color: var(--jm-fg); flex: none; }
.ov-pain { border-left: 4px solid var(--ov-sev); padding-left: .25rem; margin-right: .3rem; white-space: nowrap; }
.ov-state { font-size: .75rem; font-weight: 400; border: 1px solid var(--jm-border); border-radius: 3px; padding: 0 .3rem; color: var(--jm-muted); }
.ov-chips { display: flex; flex-wrap: wrap; gap: .25rem; margin-top: .25rem; }
.ov-chip { display: inline-flex; align-items: baseline; gap: .2rem; max-width: 100%; font-size: .8rem; border: 1px solid var(--jm-border); border-left: 4px solid var(--jm-status); border-radius: 3px; padding: 0 .35rem; background: var(--jm-card); }
.ov-chip-title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 16rem; }
.ov-totals .ov-chip { font-size: .9rem; }
@media print { .ov-filters { display: none; } .ov-row { break-inside: avoid; } }
`;

/** The filters applied at once in the page: rows hidden by their data attributes, the URL kept in step. */
export const OVERVIEW_SCRIPT = String.raw`(function () {
  var form = document.querySelector('.ov-filters');
  if (!form) return;
  // Filters picked in the page survive the live reload: they are kept in the URL.
  var rows = Array.prototype.slice.call(document.querySelectorAll('.ov-row'));
  var none = document.querySelector('.ov-none');
  var params = new URLSearchParams(location.search);
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter]'));
  selects.forEach(function (s) { var v = params.get(s.name); if (v !== null) s.value = v; });
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) { return !s.value || (row.getAttribute('data-' + s.name) || '').split(' ').indexOf(s.value) >= 0; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    if (none) none.hidden = shown > 0;
    var query = new URLSearchParams();
    selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
    var search = query.toString();
    if (location.protocol !== 'file:' && history.replaceState) history.replaceState(null, '', search ? '?' + search : location.pathname);
  }
  form.addEventListener('change', apply);
  if (document.body.getAttribute('data-live') === 'true' && window.EventSource) {
    new EventSource('/events').addEventListener('change', function () { location.reload(); });
  }
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  apply();
})();`;

/** A whole page: the overview, its styles and (with a nonce) its filter script. */
export function renderOverviewPage(data: Portfolio, options: OverviewOptions & { nonce?: string; csp?: string; live?: boolean }): string {
    const locale = options.locale ?? DEFAULT_LOCALE;
    return `<!DOCTYPE html>
<html lang="${e(locale)}"><head><meta charset="utf-8">
${options.csp ? `<meta http-equiv="Content-Security-Policy" content="${e(options.csp)}">` : ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(options.title)}</title><style>${MAP_CSS}${OVERVIEW_CSS}</style></head>
<body class="ov-page"${options.live ? ' data-live="true"' : ''}>
${renderOverviewHtml(data, options)}
${options.nonce ? `<script nonce="${e(options.nonce)}">${OVERVIEW_SCRIPT}</script>` : ''}
</body></html>
`;
}
