/**
 * Model → journey map as an HTML fragment. Pure string building (no DOM), so the same code runs
 * in the webview, in `journey render` and in `journey serve`. Every text from a journey file
 * goes through `escapeHtml`; every element written in a file carries `data-line` (and its
 * section `data-file`) for source sync.
 */
import type { JourneyModel, KpiModel, StageModel, TouchpointModel, WorkspaceModel } from '../language/model/journey-model.js';
import { signed } from '../language/model/kpi-semantics.js';
import { escapeHtml as e } from './escape.js';
import { STATUS_WORDS, TREND_WORDS, formatValue } from '../language/model/kpi-format.js';
import { domId, journeyGroups, kpiView, type KpiView, type PreviewPayload } from './preview-data.js';
import { diffBanner, markClass } from './diff-marks-html.js';

/** Service-blueprint lanes, top to bottom; the line of visibility comes before `backstage`. */
const BLUEPRINT_LANES = [
    ['evidence', 'Evidence', false],
    ['customerActions', 'Customer actions', false],
    ['frontstage', 'Frontstage', false],
    ['backstage', 'Backstage', true],
    ['supportSystems', 'Support systems', true]
] as const;

/** The whole preview body: every journey group of the payload, then the data problems. */
export function renderPreviewHtml(payload: PreviewPayload): string {
    const groups = journeyGroups(payload);
    const parts: string[] = [];
    if (groups.length === 0) {
        parts.push(`<p class="jm-empty">No journey in ${e(payload.file ?? 'this workspace')} yet. Write <code>journey Id "Title" { … }</code> to start a map.</p>`);
    }
    for (const group of groups) parts.push(group.length > 1 ? renderComparison(payload, group) : renderJourney(payload, group[0]));
    if (payload.problems?.length) parts.push(renderProblems(payload));
    return parts.join('\n');
}

/** A current journey and its target journey(s): switchable, or side by side. */
function renderComparison(payload: PreviewPayload, group: JourneyModel[]): string {
    // The journey of the previewed file is shown first; the others are one click away.
    const own = Math.max(0, group.findIndex(j => j.file === payload.file));
    const buttons = group.map((j, i) => `<button type="button" class="jm-switch" data-view="${i}" aria-pressed="${i === own}">${e(stateLabel(j))}: ${e(j.title)}</button>`).join('');
    return `<div class="jm-compare" data-view="${own}">
<div class="jm-switches" role="group" aria-label="Compare journeys">${buttons}<button type="button" class="jm-switch" data-view="all" aria-pressed="false">Side by side</button></div>
<div class="jm-compare-body">${group.map((j, i) => `<div class="jm-compare-item" data-index="${i}">${renderJourney(payload, j)}</div>`).join('')}</div>
</div>`;
}

function stateLabel(journey: JourneyModel): string {
    return journey.state === 'target' ? 'Target' : journey.state === 'current' ? 'Current' : 'Journey';
}

function titleOf(list: { id: string; title: string }[], id: string): string {
    return list.find(item => item.id === id)?.title ?? id;
}

/** One journey: header, the map grid, then the charts and KPI cards. */
export function renderJourney(payload: PreviewPayload, journey: JourneyModel): string {
    const model = payload.model;
    const kpis = journey.kpis.map(kpi => kpiView(payload, kpi, journey));
    const touchpoints = journey.stages.flatMap(s => s.touchpoints);
    const meta: string[] = [];
    if (journey.state) meta.push(`<span class="jm-state jm-state-${e(journey.state)}">${e(stateLabel(journey))} journey</span>`);
    if (journey.improves) meta.push(`<span>improves <b>${e(titleOf(model.journeys, journey.improves))}</b></span>`);
    if (journey.personas.length) meta.push(`<span>persona ${journey.personas.map(p => `<b>${e(titleOf(model.personas, p))}</b>`).join(', ')}</span>`);
    if (journey.owner) meta.push(`<span>owner <b>${e(titleOf(model.teams, journey.owner))}</b></span>`);
    meta.push(`<span>${journey.stages.length} stages · ${touchpoints.length} touchpoints · ${kpis.length} KPIs</span>`);
    return `<section class="jm-journey${markClass(payload.marks, 'journey', journey.id)}" id="${e(domId('journey', journey.id))}" data-journey="${e(journey.id)}" data-file="${e(journey.file)}" data-line="${journey.line}">
<header class="jm-head" data-line="${journey.line}">
<h2 class="jm-title">${e(journey.title)}</h2>
<div class="jm-meta">${meta.join(' ')}</div>
${journey.description ? `<p class="jm-desc">${e(journey.description)}</p>` : ''}
</header>
${diffBanner(payload.marks, journey.id)}
${renderGrid(payload, journey, kpis)}
${renderPanels(journey, kpis, touchpoints.length, model)}
</section>`;
}

interface Column {
    stage: StageModel;
    touchpoint?: TouchpointModel;
}

function columnsOf(journey: JourneyModel): Column[] {
    return journey.stages.flatMap(stage => stage.touchpoints.length ? stage.touchpoints.map(touchpoint => ({ stage, touchpoint })) : [{ stage }]);
}

function renderGrid(payload: PreviewPayload, journey: JourneyModel, kpis: KpiView[]): string {
    const model = payload.model;
    const columns = columnsOf(journey);
    if (columns.length === 0) {
        return `<p class="jm-empty" data-line="${journey.line}">This journey has no stage yet: add <code>stage Id "Title" { touchpoint … }</code>.</p>`;
    }
    const rows: string[] = [];
    let row = 1;
    const cell = (column: number, span: number, classes: string, inner: string, line?: number) =>
        `<div class="${classes}" style="grid-row:${row};grid-column:${column + 2} / span ${span}"${line ? ` data-line="${line}"` : ''}>${inner}</div>`;
    const label = (text: string, extra = '') => `<div class="jm-label${extra}" style="grid-row:${row}">${e(text)}</div>`;

    // Stages (sticky header row).
    rows.push(`<div class="jm-corner" style="grid-row:${row}">Stages</div>`);
    let index = 0;
    for (const stage of journey.stages) {
        const span = Math.max(1, stage.touchpoints.length);
        const owner = stage.owner ? `<span class="jm-owner">${e(titleOf(model.teams, stage.owner))}</span>` : '';
        rows.push(cell(index, span, `jm-stage${markClass(payload.marks, 'stage', journey.id, stage.id)}`, `<div class="jm-stage-inner"><span class="jm-stage-num">${journey.stages.indexOf(stage) + 1}</span> <span class="jm-stage-title">${e(stage.title)}</span>${owner}</div>`, stage.line));
        index += span;
    }
    row++;

    // Touchpoints with their channels.
    rows.push(label('Touchpoints'));
    columns.forEach((column, i) => {
        const tp = column.touchpoint;
        if (!tp) { rows.push(cell(i, 1, 'jm-cell jm-none', '<span class="jm-muted">no touchpoint</span>', column.stage.line)); return; }
        const channels = tp.channels.map(c => {
            const channel = model.channels.find(ch => ch.id === c);
            return `<span class="jm-channel${channel?.kind ? ` jm-${e(channel.kind)}` : ''}">${e(channel?.title ?? c)}</span>`;
        }).join('');
        const actors = tp.actors.length ? `<div class="jm-actors">${tp.actors.map(a => e(titleOf([...model.personas, ...model.teams], a))).join(', ')}</div>` : '';
        const mot = tp.momentOfTruth ? '<span class="jm-mot-badge" title="Moment of truth">★ Moment of truth</span>' : '';
        rows.push(cell(i, 1, `jm-cell jm-touchpoint${tp.momentOfTruth ? ' jm-mot' : ''}${markClass(payload.marks, 'touchpoint', journey.id, tp.id)}`,
            `${mot}<div class="jm-tp-title">${e(tp.title)}</div>${channels ? `<div class="jm-channels">${channels}</div>` : ''}${actors}${tp.description ? `<div class="jm-tp-desc">${e(tp.description)}</div>` : ''}`, tp.line));
    });
    row++;

    // Emotion curve across the journey.
    rows.push(label('Emotion'));
    rows.push(cell(0, columns.length, 'jm-emotion', renderEmotionLane(journey, columns), journey.line));
    row++;

    // Pain points with severity.
    rows.push(label('Pain points'));
    columns.forEach((column, i) => {
        const tp = column.touchpoint;
        const pains = (tp?.painPoints ?? []).map(p => `<li class="jm-pain jm-sev-${e(p.severity)}"><span class="jm-sev">${e(p.severity)}</span> ${e(p.text)}</li>`).join('');
        rows.push(cell(i, 1, 'jm-cell jm-pains', pains ? `<ul>${pains}</ul>` : '', tp?.line));
    });
    row++;

    if (columns.some(c => c.touchpoint?.opportunities.length)) {
        rows.push(label('Opportunities'));
        columns.forEach((column, i) => {
            const items = (column.touchpoint?.opportunities ?? []).map(o => `<li>${e(o)}</li>`).join('');
            rows.push(cell(i, 1, 'jm-cell jm-opps', items ? `<ul>${items}</ul>` : '', column.touchpoint?.line));
        });
        row++;
    }

    // Owners: the touchpoint's, else the stage's (inherited, shown muted).
    if (columns.some(c => c.touchpoint?.owner || c.stage.owner)) {
        rows.push(label('Owners'));
        columns.forEach((column, i) => {
            const own = column.touchpoint?.owner;
            const inner = own ? `<span class="jm-owner">${e(titleOf(model.teams, own))}</span>`
                : column.stage.owner ? `<span class="jm-owner jm-inherited" title="Owner of the stage">${e(titleOf(model.teams, column.stage.owner))}</span>` : '';
            rows.push(cell(i, 1, 'jm-cell jm-owners', inner, column.touchpoint?.line ?? column.stage.line));
        });
        row++;
    }

    // Service blueprint, when the journey has one.
    const lanes = BLUEPRINT_LANES.filter(([key]) => columns.some(c => c.touchpoint?.blueprint[key].length));
    let visibilityDrawn = false;
    for (const [key, title, belowLine] of lanes) {
        if (belowLine && !visibilityDrawn) {
            rows.push(`<div class="jm-visibility" style="grid-row:${row};grid-column:1 / span ${columns.length + 1}"><span>line of visibility</span></div>`);
            visibilityDrawn = true;
            row++;
        }
        rows.push(label(title, ' jm-bp-label'));
        columns.forEach((column, i) => {
            const items = (column.touchpoint?.blueprint[key] ?? []).map(t => `<li>${e(t)}</li>`).join('');
            rows.push(cell(i, 1, `jm-cell jm-bp jm-bp-${key}`, items ? `<ul>${items}</ul>` : '', column.touchpoint?.line));
        });
        row++;
    }

    // KPIs where they are scoped.
    const scoped = kpis.filter(k => k.kpi.scope.level === 'stage' || k.kpi.scope.level === 'touchpoint' || k.kpi.scope.level === 'channel');
    if (scoped.some(k => k.kpi.scope.level === 'stage')) {
        rows.push(label('Stage KPIs'));
        let start = 0;
        for (const stage of journey.stages) {
            const span = Math.max(1, stage.touchpoints.length);
            const own = scoped.filter(k => k.kpi.scope.level === 'stage' && sameRef(k.kpi.scope.ref, stage.id, journey));
            rows.push(cell(start, span, 'jm-cell jm-kpis jm-kpis-stage', own.map(kpiChip).join(''), own.length ? stage.line : undefined));
            start += span;
        }
        row++;
    }
    if (scoped.some(k => k.kpi.scope.level !== 'stage')) {
        rows.push(label('KPIs'));
        columns.forEach((column, i) => {
            const tp = column.touchpoint;
            if (!tp) { rows.push(cell(i, 1, 'jm-cell jm-kpis', '')); return; }
            const own = scoped.filter(k => (k.kpi.scope.level === 'touchpoint' && sameRef(k.kpi.scope.ref, tp.id, journey))
                || (k.kpi.scope.level === 'channel' && tp.channels.includes(k.kpi.scope.ref!)));
            rows.push(cell(i, 1, 'jm-cell jm-kpis', own.map(kpiChip).join(''), own.length ? tp.line : undefined));
        });
        row++;
    }

    return `<div class="jm-scroll" tabindex="0"><div class="jm-grid" style="--jm-cols:${columns.length}">
${rows.join('\n')}
</div></div>`;
}

/** A scope reference written `Id` or `Journey.Id` designates this journey's element `id`. */
function sameRef(ref: string | undefined, id: string, journey: JourneyModel): boolean {
    return ref === id || ref === `${journey.id}.${id}`;
}

function kpiChip(view: KpiView): string {
    const status = view.evaluation.status;
    const latest = view.evaluation.latest ? ` · ${formatValue(view.evaluation.latest.value, view.kpi.unit)}` : '';
    return `<a class="jm-kpi-chip jm-status-${status}" href="#${e(domId('kpi', view.journey?.id ?? '', view.kpi.id))}" data-line="${view.kpi.line}" data-file="${e(view.kpi.file)}">`
        + `<span class="jm-dot"></span>${e(view.kpi.title)}${view.kpi.target ? ` <span class="jm-target">${e(view.kpi.target.text)}</span>` : ''}${e(latest)} <span class="jm-status-label">${STATUS_WORDS[status]}</span></a>`;
}

function renderEmotionLane(journey: JourneyModel, columns: Column[]): string {
    const { min, max } = journey.emotionScale;
    const n = columns.length;
    const y = (v: number) => ((max - v) / (max - min)) * 100;
    const points = columns.map((c, i) => ({ x: ((i + 0.5) / n) * 100, emotion: c.touchpoint?.emotion, tp: c.touchpoint }))
        .filter((p): p is { x: number; emotion: number; tp: TouchpointModel } => p.emotion !== undefined && p.tp !== undefined);
    const path = points.map(p => `${p.x.toFixed(3)},${y(p.emotion).toFixed(2)}`).join(' ');
    const zero = min < 0 && max > 0 ? `<line class="jm-zero" x1="0" x2="100" y1="${y(0).toFixed(2)}" y2="${y(0).toFixed(2)}"/>` : '';
    const markers = points.map(p => {
        const tone = p.emotion > 0 ? 'pos' : p.emotion < 0 ? 'neg' : 'neutral';
        return `<span class="jm-emo jm-emo-${tone}${p.tp.momentOfTruth ? ' jm-emo-mot' : ''}" style="left:${p.x.toFixed(3)}%;top:calc(.6rem + ${(y(p.emotion) / 100).toFixed(4)} * (100% - 1.2rem))" data-line="${p.tp.line}" title="${e(p.tp.title)}: ${e(signed(p.emotion))}">${e(signed(p.emotion))}</span>`;
    }).join('');
    return `<svg class="jm-curve" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">${zero}${points.length > 1 ? `<polyline points="${path}"/>` : ''}</svg>${markers}`
        + (points.length === 0 ? '<span class="jm-muted jm-emo-none">no emotion written: add <code>emotion +1</code> to touchpoints</span>' : '');
}

/** Below the map: the emotion chart and one card per KPI with its chart. */
function renderPanels(journey: JourneyModel, kpis: KpiView[], touchpointCount: number, model: WorkspaceModel): string {
    const emotion = touchpointCount && journey.stages.some(s => s.touchpoints.some(t => t.emotion !== undefined))
        ? `<figure class="jm-chart-card"><figcaption>Emotion curve</figcaption><div class="jm-chart" data-chart="${e(domId('emotion', journey.id))}"></div></figure>` : '';
    const cards = kpis.map(view => kpiCard(journey, view, model)).join('\n');
    if (!emotion && !cards) return '';
    return `<div class="jm-panels">${emotion}${cards ? `<div class="jm-kpi-cards">${cards}</div>` : ''}</div>`;
}

function scopeText(kpi: KpiModel, journey: JourneyModel, model: WorkspaceModel): string {
    const scope = kpi.scope;
    if (scope.level === 'journey') return 'whole journey';
    if (scope.level === 'stage') return `stage ${journey.stages.find(s => sameRef(scope.ref, s.id, journey))?.title ?? scope.ref}`;
    if (scope.level === 'touchpoint') return `touchpoint ${journey.stages.flatMap(s => s.touchpoints).find(t => sameRef(scope.ref, t.id, journey))?.title ?? scope.ref}`;
    return `channel ${titleOf(model.channels, scope.ref)}`;
}

function kpiCard(journey: JourneyModel, view: KpiView, model: WorkspaceModel): string {
    const { kpi, evaluation } = view;
    const status = evaluation.status;
    const facts: string[] = [];
    facts.push(`<dt>Scope</dt><dd>${e(scopeText(kpi, journey, model))}</dd>`);
    facts.push(`<dt>Target</dt><dd>${kpi.target ? e(kpi.target.text) : '<span class="jm-muted">none: add <code>target &gt;= …</code></span>'}</dd>`);
    if (kpi.target?.deadline) facts.push(`<dt>Deadline</dt><dd>${e(kpi.target.deadline)}${evaluation.deadlinePassed ? ' (passed)' : ''}</dd>`);
    if (evaluation.latest) facts.push(`<dt>Latest</dt><dd>${e(formatValue(evaluation.latest.value, kpi.unit))} <span class="jm-muted">(${e(evaluation.latest.period)})</span>${evaluation.trend ? ` <span class="jm-trend jm-trend-${evaluation.trend}">${e(TREND_WORDS[evaluation.trend])}</span>` : ''}</dd>`);
    if (kpi.owner) facts.push(`<dt>Owner</dt><dd>${e(titleOf(model.teams, kpi.owner))}</dd>`);
    if (!view.result && kpi.data) facts.push(`<dt>Data</dt><dd>${e(kpi.data)} <span class="jm-muted">(not read)</span></dd>`);
    if (!kpi.data && !view.result) facts.push(`<dt>Data</dt><dd class="jm-muted">no data bound: add <code>data SourceId</code></dd>`);
    const chart = view.result?.points.length ? `<div class="jm-chart" data-chart="${e(domId('kpi', journey.id, kpi.id))}"></div>` : '';
    return `<article class="jm-kpi-card jm-status-${status}" id="${e(domId('kpi', journey.id, kpi.id))}" data-line="${kpi.line}" data-file="${e(kpi.file)}">
<header><span class="jm-dot"></span><h3>${e(kpi.title)}</h3><span class="jm-status-badge">${STATUS_WORDS[status]}</span></header>
${kpi.description ? `<p class="jm-desc">${e(kpi.description)}</p>` : ''}<dl>${facts.join('')}</dl>${chart}
</article>`;
}

function renderProblems(payload: PreviewPayload): string {
    const items = payload.problems!.map(p => `<li class="jm-problem jm-${e(p.severity)}">${e(p.file)}${p.line ? `:${p.line}` : ''}: ${e(p.message)}</li>`).join('');
    return `<section class="jm-problems"><h3>Problems in the data files</h3><ul>${items}</ul></section>`;
}
