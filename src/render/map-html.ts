/**
 * Model → journey map as an HTML fragment. Pure string building (no DOM), so the same code runs
 * in the webview, in `journey render` and in `journey serve`. What each lane shows is computed
 * by journey-map.ts (shared with the SVG map); this file only writes it as HTML. Every text from a journey file
 * goes through `escapeHtml`; every element written in a file carries `data-line` (and its
 * section `data-file`) for source sync.
 */
import type { JourneyModel, KpiModel, PainPointModel, ResearchModel, Severity, WorkspaceModel } from '../language/model/journey-model.js';
import type { Messages } from '../language/i18n/i18n.js';
import { baselineWords, formatValue, periodLabel, statusWord, targetWords, trendWords } from '../language/model/kpi-format.js';
import { KPI_FACTS, summaryFacts } from '../language/model/journey-facts.js';
import { pastThreshold } from '../language/model/kpi-semantics.js';
import { diffBanner, markClass, markWordsStyle } from './diff-marks-html.js';
import { escapeHtml as e } from './escape.js';
import { referenceTitle } from '../language/model/journey-facts.js';
import { alignStages, hasEmotionChart, journeyMap, journeyVoice, sameRef, titleIn, type EmotionPoint, type EmotionTone, type JourneyMap, type MapFilter, type MapFlow, type MapLane, type StageSlot } from './journey-map.js';
import { domId, journeyGroups, kpiView, payloadMessages, type KpiView, type PreviewPayload } from './preview-data.js';

/** How the preview shows a map besides its payload: per journey id, the filter whose left-out touchpoints are hidden ("hide the others"). */
export interface PreviewView {
    hide?: Record<string, MapFilter>;
}

/** The whole preview body: every journey group of the payload, then the data problems. */
export function renderPreviewHtml(payload: PreviewPayload, view: PreviewView = {}): string {
    const groups = journeyGroups(payload);
    const parts: string[] = [];
    const m = payloadMessages(payload);
    if (payload.stale) parts.push(renderStaleBanner(payload.stale, payload.file ?? '', m));
    if (groups.length === 0) {
        // The message holds markup (<code>): the file name is escaped before it goes in.
        parts.push(`<p class="jm-empty">${m.t('map.empty', { file: e(payload.file ?? m.t('map.emptyWorkspace')) })}</p>`);
    }
    for (const group of groups) parts.push(group.length > 1 ? renderComparison(payload, group, view) : renderJourney(payload, group[0], undefined, view));
    if (payload.problems?.length) parts.push(renderProblems(payload));
    return parts.join('\n');
}

/** The banner over the map of a file with errors: which map this is, and the first error. */
function renderStaleBanner(stale: NonNullable<PreviewPayload['stale']>, file: string, m: Messages): string {
    const what = m.t(stale.kept ? 'preview.stale.kept' : 'preview.stale.read', { file, count: stale.count });
    const first = m.t('preview.stale.first-error', { line: stale.line, message: stale.message });
    return `<div class="jm-stale" role="status" data-line="${stale.line}"><b>${e(what)}</b> ${e(first)}</div>`;
}

/** A current journey and its target journey(s): switchable, or side by side. */
function renderComparison(payload: PreviewPayload, group: JourneyModel[], view: PreviewView): string {
    const m = payloadMessages(payload);
    // Every map of the group on the same stage columns: shown together, their stages are one above the other.
    const slots = alignStages(group);
    // The journey of the previewed file is shown first; the others are one click away.
    const own = Math.max(0, group.findIndex(j => j.file === payload.file));
    // The buttons say which journey; its title is the heading below (one title each).
    const buttons = group.map((j, i) => `<button type="button" class="jm-switch" data-view="${i}" aria-pressed="${i === own}">${e(stateLabel(j, m))}</button>`).join('');
    return `<div class="jm-compare" data-view="${own}">
<div class="jm-switches" role="group" aria-label="${e(m.t('map.compare.group'))}">${buttons}<button type="button" class="jm-switch" data-view="all" aria-pressed="false">${e(m.t('map.compare.sideBySide'))}</button></div>
<div class="jm-compare-body">${group.map((j, i) => `<div class="jm-compare-item" data-index="${i}">${renderJourney(payload, j, slots, view)}</div>`).join('')}</div>
${renderComparedKpis(payload, group)}
<figure class="jm-chart-card jm-compare-emotions"><figcaption>${e(m.t('map.compare.emotions'))}</figcaption><div class="jm-chart" data-chart="${e(domId('emotions', group[0].id))}"></div></figure>
</div>`;
}

function stateLabel(journey: JourneyModel, m: Messages): string {
    return m.t(journey.state === 'target' ? 'map.compare.target' : journey.state === 'current' ? 'map.compare.current' : 'map.compare.journey');
}

/** Above the map: fit to width and zoom (driven by the preview script), and the legend of its marks. */
/** A study as the map's header writes it: its text, its sample, a link to it. */
function researchHtml(research: ResearchModel, m: Messages): string {
    const sample = research.sample !== undefined ? ` <span class="jm-muted">(${e(m.t('map.research.sample', { sample: research.sample }))})</span>` : '';
    const link = research.link && /^https?:\/\//i.test(research.link)
        ? ` <a class="jm-research-link" href="${e(research.link)}" target="_blank" rel="noopener noreferrer">${e(m.t('map.research.link'))}</a>` : '';
    return `<span class="jm-study"><b>${e(research.text)}</b>${sample}${link}</span>`;
}

/**
 * The map's filters, when its touchpoints say whom they are for or carry tags: one list of the
 * personas and segments, one of the tags; the preview script dims the touchpoints left out.
 */
function renderFilters(map: JourneyMap, model: WorkspaceModel, m: Messages): string {
    const cards = map.lanes.flatMap(lane => lane.kind === 'touchpoints' ? lane.cells : []).filter(card => card !== undefined);
    const filters: string[] = [];
    const audience = new Set(cards.flatMap(card => card.audience));
    if (audience.size) {
        for (const persona of map.journey.personas) audience.add(persona);
        const group = (label: string, ids: string[]) => ids.length
            ? `<optgroup label="${e(label)}">${ids.map(id => `<option value="${e(id)}">${e(referenceTitle(model, 'audience', id))}</option>`).join('')}</optgroup>` : '';
        const personas = [...audience].filter(id => (model.personas ?? []).some(p => p.id === id));
        const segments = [...audience].filter(id => !personas.includes(id));
        filters.push(`<label class="jm-filter-label">${e(m.t('map.filter.audience'))} <select class="jm-filter" data-filter="audience">`
            + `<option value="">${e(m.t('map.filter.everyone'))}</option>${group(m.t('map.filter.personas'), personas)}${group(m.t('map.filter.segments'), segments)}</select></label>`);
    }
    const tags = [...new Set(cards.flatMap(card => card.tags))];
    if (tags.length) {
        const byFamily = new Map<string, string[]>();
        for (const tag of tags) {
            const family = tag.slice(0, tag.indexOf('.'));
            byFamily.set(family, [...(byFamily.get(family) ?? []), tag]);
        }
        const groups = [...byFamily].map(([family, ids]) => `<optgroup label="${e((model.tagFamilies ?? []).find(f => f.id === family)?.title ?? family)}">`
            + ids.map(id => `<option value="${e(id)}">${e(referenceTitle(model, 'tag', id))}</option>`).join('') + '</optgroup>').join('');
        filters.push(`<label class="jm-filter-label">${e(m.t('map.filter.tag'))} <select class="jm-filter" data-filter="tag"><option value="">${e(m.t('map.filter.allTags'))}</option>${groups}</select></label>`);
    }
    // Dimming is the default (the journey keeps its shape); hiding is a choice.
    if (filters.length) filters.push(`<label class="jm-filter-label"><input type="checkbox" class="jm-filter-hide" data-filter="hide"> ${e(m.t('map.filter.hide'))}</label>`);
    return filters.length ? `<span class="jm-filters">${filters.join('')}</span>` : '';
}

function renderToolbar(m: Messages, filters = ''): string {
    const tones = { positive: 'map.legend.positive', neutral: 'map.legend.neutral', negative: 'map.legend.negative' } as const satisfies Record<EmotionTone, string>;
    const severities: Severity[] = ['low', 'medium', 'high', 'critical'];
    const legend = `<div class="jm-legend" role="note" aria-label="${e(m.t('map.legend'))}">`
        + `<span class="jm-legend-group"><span class="jm-channel jm-online">${e(m.t('map.legend.online'))}</span><span class="jm-channel jm-offline">${e(m.t('map.legend.offline'))}</span></span>`
        + `<span class="jm-legend-group">${e(m.t('map.legend.emotion'))} ${Object.entries(tones).map(([tone, key]) => `<span class="jm-legend-emo"><span class="jm-emo-swatch jm-emo-${tone}"></span>${e(m.t(key))}</span>`).join('')}</span>`
        + `<span class="jm-legend-group">${e(m.t('map.legend.severity'))} ${severities.map(sev => `<span class="jm-pain jm-sev-${sev}"><span class="jm-sev">${e(m.t('map.severity', { severity: sev }))}</span></span>`).join('')}</span>`
        + `<span class="jm-legend-group"><span class="jm-mot-badge">★ ${e(m.t('map.legend.momentOfTruth'))}</span></span></div>`;
    const button = (zoom: string, text: string, label?: string) => `<button type="button" class="jm-zoom" data-zoom="${zoom}"${label ? ` aria-label="${e(label)}" title="${e(label)}"` : ''}>${e(text)}</button>`;
    return `<div class="jm-toolbar" role="toolbar" aria-label="${e(m.t('map.view.toolbar'))}">`
        + `<span class="jm-zoom-buttons">${button('fit', m.t('map.view.fit'))}${button('out', '−', m.t('map.view.zoomOut'))}<output class="jm-zoom-level"></output>${button('in', '+', m.t('map.view.zoomIn'))}${button('reset', m.t('map.view.actualSize'))}</span>`
        + `${filters}${legend}</div>`;
}

/**
 * The KPIs of the current journey beside the same KPIs (same id, else same title) of its target
 * journeys: "today 42.9% → target ≥ 98%", today's value from the current journey's data, the
 * target as the target journey writes it.
 */
function renderComparedKpis(payload: PreviewPayload, group: JourneyModel[]): string {
    const m = payloadMessages(payload);
    const [current, ...targets] = group;
    const rows: string[] = [];
    for (const kpi of current.kpis) {
        for (const target of targets) {
            const aim = target.kpis.find(k => k.id === kpi.id) ?? target.kpis.find(k => k.title.toLowerCase() === kpi.title.toLowerCase());
            if (!aim) continue;
            const view = kpiView(payload, kpi, current);
            const today = view.evaluation.latest ? formatValue(view.evaluation.latest.value, kpi.unit, m.locale) : m.t('map.compare.noValue');
            rows.push(`<li class="jm-kpi-pair jm-status-${view.evaluation.status}" data-line="${kpi.line}" data-file="${e(kpi.file)}"><span class="jm-dot"></span><b>${e(kpi.title)}</b> `
                + `<span>${e(m.t('map.compare.kpiPair', { today, target: aim.target ? targetWords(aim.target, m.locale) : m.t('map.compare.noTarget') }))}</span></li>`);
        }
    }
    if (!rows.length) return '';
    return `<section class="jm-compare-kpis"><h3>${e(m.t('map.compare.kpis'))}</h3><ul>${rows.join('')}</ul></section>`;
}

/** One journey: header, the map grid, then the charts and KPI cards; `slots` line its stages up with the journeys it is compared with. */
export function renderJourney(payload: PreviewPayload, journey: JourneyModel, slots?: StageSlot[], view: PreviewView = {}): string {
    const model = payload.model;
    const whole = journeyMap(payload, journey, slots ? { slots } : {});
    // The filters list every persona, segment and tag of the whole map, whatever is hidden.
    const hide = view.hide?.[journey.id];
    const map = hide ? journeyMap(payload, journey, { ...(slots ? { slots } : {}), hide }) : whole;
    const m = payloadMessages(payload);
    const touchpoints = journey.stages.flatMap(s => s.touchpoints);
    const meta: string[] = [];
    if (journey.state) meta.push(`<span class="jm-state jm-state-${e(journey.state)}">${e(stateLabel(journey, m))}</span>`);
    // These messages hold markup (<b>): the titles are escaped before they go in.
    if (journey.improves) meta.push(`<span>${m.t('map.meta.improves', { journey: e(titleIn(model.journeys, journey.improves)) })}</span>`);
    if (journey.personas.length) {
        const personas = journey.personas.map(p => `<b>${e(titleIn(model.personas, p))}</b>`).join(', ');
        meta.push(`<span>${m.t('map.meta.personas', { count: journey.personas.length, personas })}</span>`);
    }
    if (journey.owner) meta.push(`<span>${m.t('map.meta.owner', { team: e(titleIn(model.teams, journey.owner)) })}</span>`);
    // Where the journey comes from: each study, its sample and a link that opens it (http(s) only).
    const research = journey.research?.length
        ? `<p class="jm-research">${e(m.t('map.research', { studies: '' }).trim())} ${journey.research.map(r => researchHtml(r, m)).join(' · ')}</p>` : '';
    meta.push(`<span>${[m.t('count.stages', { count: journey.stages.length }), m.t('count.touchpoints', { count: touchpoints.length }), m.t('count.kpis', { count: map.kpis.length })].join(' · ')}</span>`);
    const markWords = markWordsStyle(payload.marks, m);
    return `<section class="jm-journey${markClass(payload.marks, 'journey', journey.id)}" id="${e(domId('journey', journey.id))}" data-journey="${e(journey.id)}" data-file="${e(journey.file)}" data-line="${journey.line}"${markWords ? ` style="${e(markWords)}"` : ''}>
<header class="jm-head" data-line="${journey.line}">
<h2 class="jm-title">${e(journey.title)}</h2>
<div class="jm-meta">${meta.join(' ')}</div>
${journey.description ? `<p class="jm-desc">${e(journey.description)}</p>` : ''}
${renderJourneyVoice(journey, m)}
${research}
</header>
${diffBanner(payload.marks, journey.id, m)}
${map.columns.length ? renderToolbar(m, renderFilters(whole, model, m)) : ''}
${renderGrid(payload, map)}
${renderPanels(journey, map.kpis, touchpoints.length, model, payload.seriesOnly === true, m)}
</section>`;
}

function renderGrid(payload: PreviewPayload, map: JourneyMap): string {
    const { journey, columns } = map;
    const m = payloadMessages(payload);
    if (columns.length === 0) {
        return `<p class="jm-empty" data-line="${journey.line}">${m.t('map.noStage')}</p>`;
    }
    const rows: string[] = [];
    let row = 1;
    // A cell of one column names it (`data-col`): the preview's filters dim a touchpoint's whole column.
    const cell: Cell = (column, span, classes, inner, line, data = '') =>
        `<div class="${classes}" style="grid-row:${row};grid-column:${column + 2} / span ${span}"${span === 1 && row > 1 ? ` data-col="${column}"` : ''}${line ? ` data-line="${line}"` : ''}${data}>${inner}</div>`;
    const label = (text: string, extra = '') => `<div class="jm-label${extra}" style="grid-row:${row}">${e(text)}</div>`;

    // Stages (sticky header row).
    rows.push(`<div class="jm-corner" style="grid-row:${row}">${e(m.t('map.stages'))}</div>`);
    for (const { stage, number, start, span, owner, facts, absent, order, when } of map.stages) {
        if (absent) {
            rows.push(cell(start, span, 'jm-stage jm-stage-absent', `<div class="jm-stage-inner"><span class="jm-stage-title">${e(stage.title)}</span><span class="jm-owner">${e(m.t('map.compare.absentStage'))}</span></div>`));
            continue;
        }
        const ownerHtml = (owner ? `<span class="jm-owner">${e(owner)}</span>` : '')
            + facts.map(f => `<span class="jm-stage-fact"><span class="jm-tp-fact-word">${e(f.word)}</span> ${e(f.text)}</span>`).join('');
        const mot = stage.momentOfTruth ? ` <span class="jm-mot-badge" title="${e(m.t('map.momentOfTruth'))}">★ ${e(m.t('map.momentOfTruth'))}</span>` : '';
        rows.push(cell(start, span, `jm-stage${markClass(payload.marks, 'stage', journey.id, stage.id)}`, `<div class="jm-stage-inner"><span class="jm-stage-num">${number}</span> <span class="jm-stage-title">${e(stage.title)}</span>${mot}${ownerHtml}${order ? `<span class="jm-stage-order">${e(order)}</span>` : ''}${when.map(w => `<span class="jm-stage-when"><span class="jm-tp-fact-word">${e(w.word)}</span> ${e(w.text)}</span>`).join('')}${stage.description ? `<span class="jm-stage-desc">${e(stage.description)}</span>` : ''}</div>`, stage.line));
    }
    row++;

    for (const lane of map.lanes) {
        if (lane.kind === 'visibility') {
            rows.push(`<div class="jm-visibility" style="grid-row:${row};grid-column:1 / span ${columns.length + 1}"><span>${e(lane.label)}</span></div>`);
        } else {
            rows.push(label(lane.label, lane.kind === 'text' && lane.key !== 'opportunities' ? ' jm-bp-label' : ''));
            rows.push(...laneCells(payload, map, lane, cell));
        }
        row++;
    }

    return `<div class="jm-scroll jm-fit" tabindex="0"><div class="jm-grid" style="--jm-cols:${columns.length}">
${rows.join('\n')}
</div></div>`;
}

/** A grid cell of the current row: column (0-based, after the labels), span, classes, inner HTML, source line. */
type Cell = (column: number, span: number, classes: string, inner: string, line?: number, data?: string) => string;

/** The cells of one lane (its label is written by the caller). */
function laneCells(payload: PreviewPayload, map: JourneyMap, lane: Exclude<MapLane, { kind: 'visibility' }>, cell: Cell): string[] {
    const { journey, columns } = map;
    const m = payloadMessages(payload);
    const chip = (view: KpiView) => kpiChip(view, m);
    // A pain point without severity gets no badge: "not given" is not "medium".
    const painItem = (p: PainPointModel) => p.severity ? `<li class="jm-pain jm-sev-${e(p.severity)}"><span class="jm-sev">${e(m.t('map.severity', { severity: p.severity }))}</span> ${e(p.text)}</li>` : `<li class="jm-pain jm-sev-none">${e(p.text)}</li>`;
    switch (lane.kind) {
        case 'touchpoints':
            return lane.cells.map((card, i) => {
                if (!card && columns[i].filler) return cell(i, 1, 'jm-cell jm-filler', '');
                if (!card) return cell(i, 1, 'jm-cell jm-none', `<span class="jm-muted">${e(columns[i].hidden ? m.t('map.filter.hiddenHere', { count: columns[i].hidden }) : m.t('map.noTouchpoint'))}</span>`, columns[i].stage.line);
                const tp = card.touchpoint;
                const channels = card.channels.map(c => `<span class="jm-channel${c.kind ? ` jm-${e(c.kind)}` : ''}">${e(c.title)}</span>`).join('');
                const actors = card.actors.length ? `<div class="jm-actors">${card.actors.map(a => e(a)).join(', ')}</div>` : '';
                const facts = card.facts.map(f => `<div class="jm-tp-fact"><span class="jm-tp-fact-word">${e(f.word)}</span> ${e(f.text)}</div>`).join('');
                const mot = tp.momentOfTruth ? `<span class="jm-mot-badge" title="${e(m.t('map.momentOfTruth'))}">★ ${e(m.t('map.momentOfTruth'))}</span>` : '';
                const filterData = `${card.audience.length ? ` data-for="${e(card.audience.join(' '))}"` : ''}${card.tags.length ? ` data-tags="${e(card.tags.join(' '))}"` : ''}`;
                return cell(i, 1, `jm-cell jm-touchpoint${tp.momentOfTruth ? ' jm-mot' : ''}${tp.optional || tp.condition !== undefined ? ' jm-branch' : ''}${markClass(payload.marks, 'touchpoint', journey.id, tp.id)}`,
                    `${mot}<div class="jm-tp-title">${e(tp.title)}</div>${channels ? `<div class="jm-channels">${channels}</div>` : ''}${actors}${facts}${tp.description ? `<div class="jm-tp-desc">${e(tp.description)}</div>` : ''}`, tp.line, filterData);
            });
        case 'flows':
            return [cell(0, columns.length, 'jm-flows', flowArrows(lane.flows, lane.tracks, columns.length, journey.id, m), undefined, ` data-tracks="${lane.tracks}"`)];
        case 'emotion':
            return [cell(0, columns.length, lane.points.some(p => p.word !== undefined) ? 'jm-emotion jm-emotion-words' : 'jm-emotion', emotionCurve(lane.points, lane.zero, columns.length, m), journey.line)];
        case 'stage-voice':
            return lane.cells.map((voice, s) => {
                const { start, span, stage } = map.stages[s];
                const items = voice.items.map(item => `<li class="jm-voice-${item.kind}"><span class="jm-tp-fact-word">${e(item.word)}</span> ${item.kind === 'quotes' ? `<q>${e(item.text)}</q>` : e(item.text)}</li>`).join('');
                const pains = voice.pains.map(painItem).join('');
                const inner = (voice.momentOfTruth ? `<span class="jm-mot-badge">★ ${e(m.t('map.momentOfTruth'))}</span>` : '')
                    + (items ? `<ul class="jm-voice">${items}</ul>` : '') + (pains ? `<ul class="jm-stage-pains">${pains}</ul>` : '');
                return cell(start, span, `jm-cell jm-stage-voice${voice.momentOfTruth ? ' jm-mot' : ''}`, inner, inner ? stage.line : undefined);
            });
        case 'pains':
            return lane.cells.map((pains, i) => {
                const items = pains.map(painItem).join('');
                return cell(i, 1, 'jm-cell jm-pains', items ? `<ul>${items}</ul>` : '', columns[i].touchpoint?.line);
            });
        case 'text': {
            const classes = lane.key === 'opportunities' ? 'jm-cell jm-opps' : `jm-cell jm-bp jm-bp-${lane.key}`;
            return lane.cells.map((texts, i) => {
                const items = texts.map(t => `<li>${e(t)}</li>`).join('');
                return cell(i, 1, classes, items ? `<ul>${items}</ul>` : '', columns[i].touchpoint?.line);
            });
        }
        case 'owners':
            // An owner inherited from the stage is shown muted.
            return lane.cells.map((owner, i) => {
                const inner = !owner ? '' : owner.inherited
                    ? `<span class="jm-owner jm-inherited" title="${e(m.t('map.ownerOfStage'))}">${e(owner.title)}</span>` : `<span class="jm-owner">${e(owner.title)}</span>`;
                return cell(i, 1, 'jm-cell jm-owners', inner, columns[i].touchpoint?.line ?? columns[i].stage.line);
            });
        case 'stage-kpis':
            return lane.cells.map((own, s) => {
                const { start, span, stage } = map.stages[s];
                return cell(start, span, 'jm-cell jm-kpis jm-kpis-stage', own.map(chip).join(''), own.length ? stage.line : undefined);
            });
        case 'kpis':
            return lane.cells.map((own, i) => {
                const tp = columns[i].touchpoint;
                if (!tp) return cell(i, 1, 'jm-cell jm-kpis', '');
                return cell(i, 1, 'jm-cell jm-kpis', own.map(chip).join(''), own.length ? tp.line : undefined);
            });
    }
}

function kpiChip(view: KpiView, m: Messages): string {
    const status = view.evaluation.status;
    const latest = view.evaluation.latest ? ` · ${formatValue(view.evaluation.latest.value, view.kpi.unit, m.locale)}` : '';
    return `<a class="jm-kpi-chip jm-status-${status}" href="#${e(domId('kpi', view.journey?.id ?? '', view.kpi.id))}" data-line="${view.kpi.line}" data-file="${e(view.kpi.file)}">`
        + `<span class="jm-dot"></span>${e(view.kpi.title)}${view.kpi.target ? ` <span class="jm-target">${e(targetWords(view.kpi.target, m.locale))}</span>` : ''}${e(latest)} <span class="jm-status-label">${statusWord(status, m.locale)}</span></a>`;
}

/** The flow lane's geometry in pixels: its tracks' pitch (room for a label of two lines above each) and the line of a track. */
const FLOW_PITCH = 32;
const flowTrackY = (track: number) => 4 + (track + 1) * FLOW_PITCH;

/**
 * The outcomes as arrows under the cards (journey-map.ts lays them out in columns, here turned
 * into percents of the lane): down from the card, along the track, up into the card it leads
 * to; a loop dashed. The label says the outcome above its track; the whole sentence is its
 * tooltip; the cards keep the same words for screen readers (the drawing is hidden from them).
 */
function flowArrows(flows: MapFlow[], tracks: number, columnCount: number, journeyId: string, m: Messages): string {
    const at = (column: number) => `${(column / columnCount * 100).toFixed(3)}%`;
    const arrow = e(domId('flow-arrow', journeyId));
    const lines = flows.map(flow => {
        const y = flowTrackY(flow.track);
        return `<g class="jm-flow${flow.loop ? ' jm-flow-loop' : ''}" data-flow="${flow.from} ${flow.to}">`
            + `<circle cx="${at(flow.startX)}" cy="3" r="3"/>`
            + `<line x1="${at(flow.startX)}" y1="3" x2="${at(flow.startX)}" y2="${y}"/>`
            + `<line x1="${at(flow.startX)}" y1="${y}" x2="${at(flow.endX)}" y2="${y}"/>`
            + `<line x1="${at(flow.endX)}" y1="${y}" x2="${at(flow.endX)}" y2="2" marker-end="url(#${arrow})"/></g>`;
    }).join('');
    const labels = flows.map(flow => {
        const title = m.t('map.flow', { loop: flow.loop ? 'yes' : 'no', outcome: flow.outcome.title, from: flow.touchpoint.title, step: flow.step });
        return `<span class="jm-flow-label" data-flow="${flow.from} ${flow.to}" data-line="${flow.touchpoint.line}" title="${e(title)}" `
            + `style="left:${at(flow.labelX)};top:${flowTrackY(flow.track) - 3}px;max-width:${at(flow.labelWidth)}">${flow.loop ? '↺ ' : ''}${e(flow.outcome.title)}</span>`;
    }).join('');
    return `<svg class="jm-flow-lines" width="100%" height="${flowTrackY(tracks - 1) + 6}" aria-hidden="true">`
        + `<defs><marker id="${arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>${lines}</svg>${labels}`;
}

/**
 * The emotion curve across the lane: a line in a 0–100 box through the joined points, the values
 * as markers placed in percent; a range as a band between its ends, a stage's own emotion drawn
 * across the stage when its touchpoints have theirs, an emotion's word under its marker.
 */
function emotionCurve(points: EmotionPoint[], zero: number | undefined, columnCount: number, m: Messages): string {
    const joined = points.filter(p => p.joined);
    const path = joined.map(p => `${(p.x * 100).toFixed(3)},${(p.y * 100).toFixed(2)}`).join(' ');
    const zeroLine = zero === undefined ? '' : `<line class="jm-zero" x1="0" x2="100" y1="${(zero * 100).toFixed(2)}" y2="${(zero * 100).toFixed(2)}"/>`;
    const bands = points.filter(p => p.range).map(p => `<line class="jm-emo-range jm-emo-range-${p.tone}" x1="${(p.x * 100).toFixed(3)}" x2="${(p.x * 100).toFixed(3)}" y1="${(p.range!.top * 100).toFixed(2)}" y2="${(p.range!.bottom * 100).toFixed(2)}"/>`).join('');
    const across = points.filter(p => p.stage && !p.joined).map(p =>
        `<line class="jm-emo-stage" x1="${(p.start / columnCount * 100).toFixed(3)}" x2="${((p.start + p.span) / columnCount * 100).toFixed(3)}" y1="${(p.y * 100).toFixed(2)}" y2="${(p.y * 100).toFixed(2)}"/>`).join('');
    // The curve's box: .6rem above, and below .6rem or 1.6rem when words are written under the markers (map-css.ts).
    const margins = points.some(p => p.word !== undefined) ? '2.2rem' : '1.2rem';
    const markers = points.map(p => {
        const where = `left:${(p.x * 100).toFixed(3)}%;top:calc(.6rem + ${p.y.toFixed(4)} * (100% - ${margins}))`;
        const word = p.word === undefined ? '' : `<span class="jm-emo-word">${e(p.word)}</span>`;
        const of = p.stage ? m.t('map.emotion.ofStage', { stage: p.title, emotion: p.text }) : `${p.title}: ${p.text}`;
        return `<span class="jm-emo jm-emo-${p.tone}${p.momentOfTruth ? ' jm-emo-mot' : ''}${p.stage ? ' jm-emo-of-stage' : ''}" style="${where}" data-line="${p.line}" title="${e(of)}">${e(p.label)}${word}</span>`;
    }).join('');
    return `<svg class="jm-curve" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">${zeroLine}${bands}${across}${joined.length > 1 ? `<polyline points="${path}"/>` : ''}</svg>${markers}`
        + (points.length === 0 ? `<span class="jm-muted jm-emo-none">${m.t('map.noEmotion')}</span>` : '');
}

/** Under the journey's title: the customer's goal, expectations, thoughts and quotes about the whole journey. */
function renderJourneyVoice(journey: JourneyModel, m: Messages): string {
    const items = journeyVoice(journey, m.locale).map(item =>
        `<li class="jm-voice-${item.kind}"><span class="jm-tp-fact-word">${e(item.word)}</span> ${item.kind === 'quotes' ? `<q>${e(item.text)}</q>` : e(item.text)}</li>`);
    return items.length ? `<ul class="jm-voice jm-journey-voice" aria-label="${e(m.t('map.voice.journey'))}">${items.join('')}</ul>` : '';
}

/** Below the map: the emotion chart and one card per KPI with its chart. */
function renderPanels(journey: JourneyModel, kpis: KpiView[], touchpointCount: number, model: WorkspaceModel, seriesOnly: boolean, m: Messages): string {
    const emotion = touchpointCount && hasEmotionChart(journey)
        ? `<figure class="jm-chart-card"><figcaption>${e(m.t('map.emotionCurve'))}</figcaption><div class="jm-chart" data-chart="${e(domId('emotion', journey.id))}"></div></figure>` : '';
    const cards = kpis.map(view => kpiCard(journey, view, model, seriesOnly, m)).join('\n');
    if (!emotion && !cards) return '';
    return `<div class="jm-panels">${emotion}${cards ? `<div class="jm-kpi-cards">${cards}</div>` : ''}</div>`;
}

function scopeText(kpi: KpiModel, journey: JourneyModel, model: WorkspaceModel, m: Messages): string {
    const scope = kpi.scope;
    if (scope.level === 'journey') return m.t('map.scope.journey');
    if (scope.level === 'stage') return m.t('map.scope.stage', { title: journey.stages.find(s => sameRef(scope.ref, s.id, journey))?.title ?? scope.ref });
    if (scope.level === 'touchpoint') return m.t('map.scope.touchpoint', { title: journey.stages.flatMap(s => s.touchpoints).find(t => sameRef(scope.ref, t.id, journey))?.title ?? scope.ref });
    return m.t('map.scope.channel', { title: titleIn(model.channels, scope.ref) });
}

function kpiCard(journey: JourneyModel, view: KpiView, model: WorkspaceModel, seriesOnly: boolean, m: Messages): string {
    const { kpi, evaluation } = view;
    const status = evaluation.status;
    const facts: string[] = [];
    const locale = m.locale;
    facts.push(`<dt>${e(m.t('map.kpi.scope'))}</dt><dd>${e(scopeText(kpi, journey, model, m))}</dd>`);
    facts.push(`<dt>${e(m.t('map.kpi.target'))}</dt><dd>${kpi.target ? e(targetWords(kpi.target, locale)) : `<span class="jm-muted">${m.t('map.kpi.noTarget')}</span>`}</dd>`);
    if (kpi.baseline) facts.push(`<dt>${e(m.t('map.kpi.baseline'))}</dt><dd>${e(baselineWords(kpi.baseline, locale))}</dd>`);
    if (kpi.threshold) {
        const past = evaluation.latest && pastThreshold(kpi, evaluation.latest.value);
        facts.push(`<dt>${e(m.t('map.kpi.threshold'))}</dt><dd>${e(formatValue(kpi.threshold.value, kpi.threshold.unit, locale))}${past ? ` <span class="jm-alert">${e(m.t('kpi.threshold.past'))}</span>` : ''}</dd>`);
    }
    if (kpi.target?.deadline) {
        const written = periodLabel(kpi.target.deadline, locale);
        const deadline = evaluation.deadlinePassed ? m.t('map.kpi.deadlinePassed', { deadline: written }) : written;
        facts.push(`<dt>${e(m.t('map.kpi.deadline'))}</dt><dd>${e(deadline)}</dd>`);
    }
    if (evaluation.latest) facts.push(`<dt>${e(m.t('map.kpi.latest'))}</dt><dd>${e(formatValue(evaluation.latest.value, kpi.unit, locale))} <span class="jm-muted">(${e(periodLabel(evaluation.latest.period, locale))})</span>${evaluation.trend ? ` <span class="jm-trend jm-trend-${evaluation.trend}">${e(trendWords(evaluation, locale))}</span>` : ''}</dd>`);
    if (kpi.owner) facts.push(`<dt>${e(m.t('map.kpi.owner'))}</dt><dd>${e(titleIn(model.teams, kpi.owner))}</dd>`);
    // Breakdown and survey details, from the facts table (as in the hover).
    for (const fact of summaryFacts(KPI_FACTS, kpi, locale)) facts.push(`<dt>${e(fact.word[0].toUpperCase() + fact.word.slice(1))}</dt><dd>${e(fact.text)}</dd>`);
    // What the KPI reads decides the hint, not whether an engine sent an (empty) result for it: the editor computes only the files that bind data, the CLI every KPI.
    if (!kpi.data) facts.push(`<dt>${e(m.t('map.kpi.data'))}</dt><dd class="jm-muted">${m.t('map.kpi.noData')}</dd>`);
    else if (!view.result) {
        // The messages hold markup (<code>), no text of the journey.
        const why = seriesOnly ? m.t('map.kpi.notComputedHere') : e(m.t('map.kpi.notRead'));
        facts.push(`<dt>${e(m.t('map.kpi.data'))}</dt><dd>${e(kpi.data)} <span class="jm-muted jm-not-computed">${why}</span></dd>`);
    }
    const chart = view.result?.points.length ? `<div class="jm-chart" data-chart="${e(domId('kpi', journey.id, kpi.id))}"></div>` : '';
    return `<article class="jm-kpi-card jm-status-${status}" id="${e(domId('kpi', journey.id, kpi.id))}" data-line="${kpi.line}" data-file="${e(kpi.file)}">
<header><span class="jm-dot"></span><h3>${e(kpi.title)}</h3><span class="jm-status-badge">${statusWord(status, locale)}</span></header>
${kpi.description ? `<p class="jm-desc">${e(kpi.description)}</p>` : ''}<dl>${facts.join('')}</dl>${chart}
</article>`;
}

function renderProblems(payload: PreviewPayload): string {
    const items = payload.problems!.map(p => `<li class="jm-problem jm-${e(p.severity)}">${e(p.file)}${p.line ? `:${p.line}` : ''}: ${e(p.message)}</li>`).join('');
    return `<section class="jm-problems"><h3>${e(payloadMessages(payload).t('map.problems'))}</h3><ul>${items}</ul></section>`;
}
