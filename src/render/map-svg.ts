/**
 * Model → journey map as one standalone SVG: the lanes of journey-map.ts, as the HTML map draws
 * them, laid out with fixed column widths, and the same Vega-Lite charts rendered to SVG by
 * Vega (`renderer: 'none'`, expressions through vega-interpreter). For documents and pull
 * requests: `journey render --format svg`, and Export Map… through the language server.
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import type { JourneyModel, WorkspaceModel } from '../language/model/journey-model.js';
import type { Messages } from '../language/i18n/i18n.js';
import { baselineWords, formatValue, periodLabel, statusWord, targetWords } from '../language/model/kpi-format.js';
import { pastThreshold } from '../language/model/kpi-semantics.js';
import { markOf, type DiffMark, type DiffMarks } from '../diff/diff-marks.js';
import { markLabel } from './diff-marks-html.js';
import { escapeHtml } from './escape.js';
import { referenceTitle } from '../language/model/journey-facts.js';
import { alignStages, EMOTION_COLORS, journeyMap, journeyVoice, researchWords, titleIn, type StageSlot } from './journey-map.js';
import { MOMENT_OF_TRUTH_COLOR, SEVERITY_COLORS, STATUS_COLORS } from './palette.js';
import { domId, journeyGroups, payloadMessages, type KpiView, type PreviewPayload } from './preview-data.js';
import { LIGHT_THEME, chartSpecs, vegaSpec } from './vega-specs.js';

const LABEL_W = 130;
const COL_W = 190;
const PAD = 8;
const LINE_H = 15;
/** The flow lane's tracks: room for a label of two lines above each. */
const FLOW_PITCH = 30;
/**
 * The width of a character, by font size: a generous average (DejaVu Sans, the widest of the
 * fonts named, runs 0.55–0.6 em for lowercase, more in capitals and bold), so that wrapped text
 * stays inside its box whichever of the fonts the viewer has.
 */
const charWidth = (size = 12, bold = false, capitals = false) => size * (capitals ? 0.74 : bold ? 0.66 : 0.6);
const CHAR_W = charWidth();
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif';
const C = { fg: '#1f2328', muted: '#656d76', border: '#d0d7de', card: '#f6f8fa', stage: '#eaeef2', accent: '#0969da' };

/** How a visual-diff mark is drawn: outline colour, dashes, and the label shown on the element. */
const MARKS: Record<DiffMark, { color: string; dash?: string }> = {
    added: { color: '#2e7d32' },
    changed: { color: '#e67700' },
    moved: { color: '#0969da', dash: '6 3' },
    removed: { color: '#c62828', dash: '4 3' }
};

/** A mark with its label in the reader's language: `+ ajouté`. */
function markStyle(kind: DiffMark, m: Messages): { color: string; dash?: string; label: string } {
    return { ...MARKS[kind], label: markLabel(kind, m) };
}

/** The banner's first sentence: which version the map shows and what it is compared with. */
function bannerSentence(marks: DiffMarks, m: Messages): string {
    return m.t(marks.side === 'base' ? 'svg.before' : 'svg.after', { base: marks.base });
}

/** The note above a map drawn with some of its stages. */
function partialMapSentence(shown: number, all: number, m: Messages): string {
    return m.t('svg.partial', { shown, all });
}

/** XML text: escaped, without the control characters XML forbids. */
function x(text: unknown): string {
    // eslint-disable-next-line no-control-regex
    return escapeHtml(String(text ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}

/** Greedy word wrap by an estimated character width (`charWidth`). */
function wrap(text: string, width: number, maxLines = 4, size = 12, bold = false, capitals = false): string[] {
    const perLine = Math.max(6, Math.floor(width / charWidth(size, bold, capitals)));
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        let w = word;
        while (w.length > perLine) {
            if (current) { lines.push(current); current = ''; }
            lines.push(w.slice(0, perLine)); w = w.slice(perLine);
        }
        if (!current) current = w;
        else if ((current + ' ' + w).length <= perLine) current += ' ' + w;
        else { lines.push(current); current = w; }
    }
    if (current) lines.push(current);
    if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), lines[maxLines - 1].slice(0, perLine - 1) + '…'];
    return lines;
}

/**
 * A stage header's facts on up to `maxLines` lines of `room` pixels (11 px text), joined by " · ", in
 * their order; a fact too long for a line is wrapped when the lines left hold it whole. What does
 * not fit is counted at the end of the last line ("+2"), never dropped silently.
 */
function stageLines(parts: string[], room: number, m: Messages, maxLines = 2): { lines: string[]; hidden: number } {
    const fits = (text: string) => text.length * charWidth(11) <= room;
    const lines: string[][] = [];
    let hidden = 0;
    for (const part of parts) {
        const last = lines[lines.length - 1];
        if (last && hidden === 0 && fits([...last, part].join(' · '))) { last.push(part); continue; }
        const wrapped = wrap(part, room, maxLines, 11);
        if (hidden === 0 && lines.length + wrapped.length <= maxLines && !wrapped[wrapped.length - 1].endsWith('…')) wrapped.forEach(line => lines.push([line]));
        else hidden++;
    }
    if (hidden) {
        const more = () => m.t('svg.stage.more', { count: hidden });
        if (!lines.length) lines.push([]);
        // Room for the count on the last line: the facts before it give way (and are counted).
        while (lines[lines.length - 1].length && !fits([...lines[lines.length - 1], more()].join(' · '))) { lines[lines.length - 1].pop(); hidden++; }
        lines[lines.length - 1].push(more());
    }
    return { lines: lines.map(line => line.join(' · ')), hidden };
}

function textBlock(lines: string[], px: number, py: number, attrs = ''): string {
    return lines.map((line, i) => `<text x="${px}" y="${py + i * LINE_H}"${attrs}>${x(line)}</text>`).join('');
}

/** Renders one Vega-Lite spec to an SVG string in Node. */
export async function specToSvg(spec: TopLevelSpec): Promise<{ svg: string; width: number; height: number }> {
    const view = new View(parse(vegaSpec(spec), undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
    // The chart named in the reader's language, as a picture: its marks are out of the accessibility tree (vegaSpec).
    const svg = (await view.toSVG()).replace('<svg ', `<svg role="img" aria-label="${x(spec.description ?? '')}" `);
    view.finalize();
    const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 400);
    const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 200);
    return { svg, width, height };
}

export interface MapSvgOptions {
    /** Draw only these journeys (ids) of the payload's. */
    journeys?: string[];
    /** `false`: KPI cards without their charts, no emotion chart (the map's emotion lane stays): smaller, for pull-request comments. */
    charts?: boolean;
    /** Draw only the stages with these ids (a note says so), when the journey has some of them. */
    stages?: string[];
}

/** The map of the payload's journeys as one SVG document, with the visual diff's marks when the payload has them. */
export async function renderMapSvg(payload: PreviewPayload, options: MapSvgOptions = {}): Promise<string> {
    const specs = options.charts === false ? {} : chartSpecs(payload, LIGHT_THEME);
    const parts: string[] = [];
    let y = 0;
    let width = 600;
    if (payload.stale) {
        // The banner of a file with errors, as the page shows it above the map.
        const m = payloadMessages(payload);
        const lines = [
            m.t(payload.stale.kept ? 'preview.stale.kept' : 'preview.stale.read', { file: payload.file ?? '', count: payload.stale.count }),
            m.t('preview.stale.first-error', { line: payload.stale.line, message: payload.stale.message })
        ].flatMap(line => wrap(line, 900, 3));
        parts.push(`<g class="stale" data-line="${payload.stale.line}">${lines.map((line, i) => `<text x="${PAD}" y="${22 + i * 16}" fill="${STATUS_COLORS.missed}"${i === 0 ? ' font-weight="700"' : ''}>${x(line)}</text>`).join('')}</g>`);
        y = 22 + lines.length * 16;
    }
    for (const group of journeyGroups(payload)) {
        // A current journey and its target on the same stage columns, one above the other (not for a map drawn with some of its stages).
        const slots = group.length > 1 && !options.stages ? alignStages(group) : undefined;
        for (const journey of group.filter(j => !options.journeys || options.journeys.includes(j.id))) {
            const drawn = await journeySvg(payload, journey, y, specs, options.stages, slots);
            parts.push(drawn.svg);
            y = drawn.bottom + 30;
            width = Math.max(width, drawn.width);
        }
    }
    if (parts.length === 0) {
        const m = payloadMessages(payload);
        parts.push(`<text x="10" y="24" fill="${C.muted}">${x(m.t('svg.noJourney', { file: payload.file ?? m.t('map.emptyWorkspace') }))}</text>`);
        y = 40;
    }
    return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(y)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(y)}" font-family="${FONT}" font-size="12">
<title>${x(payload.title ?? payload.file ?? payloadMessages(payload).t('page.defaultTitle'))}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}

async function journeySvg(payload: PreviewPayload, journey: JourneyModel, top: number, specs: Record<string, TopLevelSpec>, stages?: string[], slots?: StageSlot[]): Promise<{ svg: string; bottom: number; width: number }> {
    const model: WorkspaceModel = payload.model;
    const map = journeyMap(payload, journey, stages ? { stages } : slots ? { slots } : {});
    const marks = payload.marks;
    const mark = (kind: 'journey' | 'stage' | 'touchpoint' | 'kpi', id?: string) => markOf(marks, kind, journey.id, id);
    const { columns } = map;
    const out: string[] = [];
    const mapWidth = LABEL_W + Math.max(1, columns.length) * COL_W;
    const colX = (i: number) => LABEL_W + i * COL_W;
    let y = top + 24;
    out.push(`<g class="journey" data-journey="${x(journey.id)}" data-file="${x(journey.file)}" data-line="${journey.line}">`);
    const journeyMark = mark('journey');
    const journeyStyle = journeyMark ? markStyle(journeyMark, payloadMessages(payload)) : undefined;
    const journeyTag = journeyStyle ? `<tspan font-size="12" fill="${journeyStyle.color}" data-mark="${journeyMark}"> ${x(journeyStyle.label)}</tspan>` : '';
    const titleLines = wrap(journey.title, Math.max(mapWidth, 600) - 2 * PAD - (journeyStyle ? journeyStyle.label.length * charWidth(12, true) : 0), 3, 20, true);
    titleLines.forEach((line, i) => out.push(`<text x="${PAD}" y="${y + i * 24}" font-size="20" font-weight="700" fill="${C.fg}" data-line="${journey.line}">${x(line)}${i === titleLines.length - 1 ? journeyTag : ''}</text>`));
    y += 20 + (titleLines.length - 1) * 24;
    const words = payloadMessages(payload);
    const meta = [journey.state ? words.t('svg.meta.state', { state: journey.state }) : '',
        journey.improves ? words.t('svg.meta.improves', { journey: titleIn(model.journeys, journey.improves) }) : '',
        journey.personas.length ? words.t('svg.meta.personas', { count: journey.personas.length, personas: journey.personas.map(p => titleIn(model.personas, p)).join(', ') }) : '',
        journey.owner ? words.t('svg.meta.owner', { team: titleIn(model.teams, journey.owner) }) : ''].filter(Boolean).join(' · ');
    if (meta) { out.push(`<text x="${PAD}" y="${y}" fill="${C.muted}">${x(meta)}</text>`); y += LINE_H; }
    if (journey.research?.length) {
        const studies = journey.research.map(r => researchWords(r, words)).join(' · ');
        const lines = wrap(words.t('map.research', { studies }), Math.max(mapWidth, 600) - 2 * PAD, 2);
        out.push(textBlock(lines, PAD, y, ` fill="${C.muted}"`));
        y += lines.length * LINE_H;
    }
    if (journey.description) { out.push(textBlock(wrap(journey.description, mapWidth, 2), PAD, y, ` fill="${C.muted}"`)); y += 2 * LINE_H; }
    // The customer's goal, expectations, thoughts and quotes about the whole journey.
    for (const item of journeyVoice(journey, words.locale)) {
        const text = item.kind === 'quotes' ? `“${item.text}”` : item.text;
        out.push(`<text x="${PAD}" y="${y}" fill="${C.fg}"${item.kind === 'quotes' ? ' font-style="italic"' : ''}><tspan fill="${C.muted}" font-style="normal">${x(item.word)}</tspan> ${x(wrap(text, Math.max(mapWidth, 600) - 2 * PAD - item.word.length * CHAR_W - PAD, 1)[0])}</text>`);
        y += LINE_H;
    }
    y += 6;
    if (columns.length) y = legendSvg(out, y, Math.max(mapWidth, 600), payloadMessages(payload));
    if (marks) y = diffBannerSvg(out, marks, journey.id, Math.max(mapWidth, 600), y, payloadMessages(payload));
    if (map.stages.length < journey.stages.length) {
        out.push(`<text x="${PAD}" y="${y + 12}" fill="${C.muted}" font-style="italic">${x(partialMapSentence(map.stages.length, journey.stages.length, payloadMessages(payload)))}</text>`);
        y += 22;
    }

    /** A lane: its label, its cells drawn by `draw`, a line before each column (or only before `dividers`, columns where cells start). */
    const row = (label: string, rowHeight: number, draw: (rowTop: number) => string, dividers?: number[]) => {
        // Lane names in capitals, wrapped inside the label column (CUSTOMER / ACTIONS).
        const labelLines = wrap(label.toUpperCase(), LABEL_W - 2 * PAD, 3, 11, true, true);
        const height = Math.max(rowHeight, 24 + (labelLines.length - 1) * 13);
        out.push(`<rect x="0" y="${y}" width="${mapWidth}" height="${height}" fill="none" stroke="${C.border}"/>`);
        out.push(labelLines.map((line, i) => `<text x="${PAD}" y="${y + 18 + i * 13}" font-size="11" font-weight="700" fill="${C.muted}" letter-spacing=".5">${x(line)}</text>`).join(''));
        out.push(draw(y));
        for (const i of dividers ? [...dividers, columns.length] : columns.map((_, i) => i).concat(columns.length)) out.push(`<line x1="${colX(i)}" x2="${colX(i)}" y1="${y}" y2="${y + height}" stroke="${C.border}"/>`);
        y += height;
    };
    /** Lines of text per column (wrapped), in `fill` or, per item, muted and italic. */
    const textRow = (label: string, cells: { text: string; muted?: boolean }[][]) => {
        const wrapped = cells.map(list => list.map(item => ({ ...item, lines: wrap(item.text, COL_W - 2 * PAD, 3) })));
        const h = PAD + 8 + LINE_H * Math.max(1, ...wrapped.map(list => list.reduce((n, item) => n + item.lines.length, 0)));
        row(label, h, rowTop => wrapped.map((list, i) => {
            let ly = rowTop + 18;
            return list.map(item => {
                const s = textBlock(item.lines, colX(i) + PAD, ly, item.muted ? ` fill="${C.muted}" font-style="italic"` : ` fill="${C.fg}"`);
                ly += item.lines.length * LINE_H;
                return s;
            }).join('');
        }).join(''));
    };
    /** KPI chips, `cells[k]` drawn from column `at(k)`. */
    const kpiRow = (label: string, cells: KpiView[][], at: (k: number) => number) => {
        const h = PAD + 8 + 2 * LINE_H * Math.max(1, ...cells.map(l => l.length));
        row(label, h, rowTop => cells.map((list, k) => list.map((v, n) => chip(v, colX(at(k)) + PAD, rowTop + 16 + n * 2 * LINE_H, payloadMessages(payload), mark('kpi', v.kpi.id))).join('')).join(''));
    };

    if (columns.length) {
        // Stages: the title on its line, then what the stage says (the order of its touchpoints, its timing and deadline, its
        // owner, its tags) on up to two lines, what does not fit counted at the end ("+2") and listed in the tooltip.
        const headers = map.stages.map(({ stage, number, span, owner, facts, absent, order, when }) => {
            if (absent) return undefined;
            const stageMark = mark('stage', stage.id);
            const tag = stageMark ? markStyle(stageMark, words) : undefined;
            const room = span * COL_W - 2 * PAD;
            const title = wrap(`${number}. ${stage.momentOfTruth ? '★ ' : ''}${stage.title}`, room - (tag ? tag.label.length * charWidth(11, true) + PAD : 0), 1, 12, true)[0];
            // Its tags one by one (the first after the fact's word), so that those that fit are written and the others counted.
            const tagWord = words.t('fact.tags');
            const factParts = facts.flatMap(f => f.word === tagWord && stage.tags?.length
                ? stage.tags.map((id, i) => `${i === 0 ? `${f.word} ` : ''}${referenceTitle(model, 'tag', id)}`) : [`${f.word} ${f.text}`]);
            const parts = [order, ...when.map(w => `${w.word} ${w.text}`), owner, ...factParts].filter((part): part is string => !!part);
            return { stage, stageMark, tag, title, parts, ...stageLines(parts, room, words) };
        });
        const stageH = 30 + LINE_H * Math.max(0, ...headers.map(h => h?.lines.length ?? 0));
        out.push(`<rect x="0" y="${y}" width="${mapWidth}" height="${stageH}" fill="${C.stage}"/>`);
        out.push(`<text x="${PAD}" y="${y + 19}" font-size="11" font-weight="700" fill="${C.muted}">${x(words.t('map.stages').toLocaleUpperCase(words.locale))}</text>`);
        for (const [s, { stage, start, span }] of map.stages.entries()) {
            const header = headers[s];
            if (!header) {
                const note = wrap(`${stage.title} · ${words.t('map.compare.absentStage')}`, span * COL_W - 2 * PAD, 1, 12)[0];
                out.push(`<g><rect x="${colX(start)}" y="${y}" width="${span * COL_W}" height="${stageH}" fill="${C.card}" stroke="${C.border}"/><text x="${colX(start) + PAD}" y="${y + 19}" font-style="italic" fill="${C.muted}">${x(note)}</text></g>`);
                continue;
            }
            const { stageMark, tag, title, parts, lines, hidden } = header;
            const outline = tag ? ` stroke="${tag.color}" stroke-width="3"${tag.dash ? ` stroke-dasharray="${tag.dash}"` : ''}` : ` stroke="${C.border}"`;
            const inset = tag ? 1.5 : 0;
            const label = tag ? `<text x="${colX(start + span) - PAD}" y="${y + 19}" text-anchor="end" font-size="11" font-weight="700" fill="${tag.color}">${x(tag.label)}</text>` : '';
            const tooltip = hidden ? `<title>${x([stage.title, ...parts].join(' · '))}</title>` : '';
            out.push(`<g class="stage" data-line="${stage.line}"${stageMark ? ` data-mark="${stageMark}"` : ''}>${tooltip}<rect x="${colX(start) + inset}" y="${y + inset}" width="${span * COL_W - 2 * inset}" height="${stageH - 2 * inset}" fill="${C.stage}"${outline}/>`
                + `<text x="${colX(start) + PAD}" y="${y + 19}" font-weight="700" fill="${C.fg}">${x(title)}</text>${label}`
                + textBlock(lines, colX(start) + PAD, y + 19 + LINE_H, ` font-size="11" fill="${C.muted}"`) + '</g>');
        }
        y += stageH;

        for (const lane of map.lanes) {
            switch (lane.kind) {
                case 'touchpoints': {
                    // Title, channels and facts (timing, deadline, outcomes…) wrapped in the card, as descriptions are elsewhere.
                    const cards = lane.cells.map(card => card && {
                        card, lines: wrap(card.touchpoint.title, COL_W - 2 * PAD, 3, 12, true),
                        channels: card.channels.length ? wrap(card.channels.map(c => c.title).join(', '), COL_W - 2 * PAD, 2, 11) : [],
                        facts: card.facts.map(f => wrap(`${f.word} ${f.text}`, COL_W - 2 * PAD, 4, 11))
                    });
                    const tpMarks = cards.map(c => (c ? mark('touchpoint', c.card.touchpoint.id) : undefined));
                    const markLine = tpMarks.some(Boolean) ? 1 : 0;
                    const factLines = (c: NonNullable<(typeof cards)[number]>) => c.facts.reduce((n, lines) => n + lines.length, 0);
                    const tpH = PAD + 6 + LINE_H * Math.max(2, ...cards.map(c => c ? markLine + c.lines.length + c.channels.length + factLines(c) + (c.card.touchpoint.momentOfTruth ? 1 : 0) : 0));
                    row(lane.label, tpH, rowTop => cards.map((c, i) => {
                        if (!c && columns[i].filler) return '';
                        if (!c) return `<text x="${colX(i) + PAD}" y="${rowTop + 20}" fill="${C.muted}">${x(words.t('map.noTouchpoint'))}</text>`;
                        const tp = c.card.touchpoint;
                        let ty = rowTop + 18;
                        const tpMark = tpMarks[i];
                        const tag = tpMark ? markStyle(tpMark, words) : undefined;
                        const outline = tag ? ` stroke="${tag.color}" stroke-width="3"${tag.dash ? ` stroke-dasharray="${tag.dash}"` : ''}` : tp.momentOfTruth ? ` stroke="${MOMENT_OF_TRUTH_COLOR}" stroke-width="2"` : tp.optional || tp.condition !== undefined ? ` stroke="${C.muted}" stroke-dasharray="5 3"` : '';
                        const bits = [`<g data-line="${tp.line}"${tpMark ? ` data-mark="${tpMark}"` : ''}><rect x="${colX(i) + 3}" y="${rowTop + 3}" width="${COL_W - 6}" height="${tpH - 6}" rx="4" fill="${C.card}"${outline}/>`];
                        if (tag) { bits.push(`<text x="${colX(i) + PAD}" y="${ty}" font-size="11" font-weight="700" fill="${tag.color}">${x(tag.label)}</text>`); ty += LINE_H; } else if (markLine) ty += LINE_H;
                        if (tp.momentOfTruth) { bits.push(`<text x="${colX(i) + PAD}" y="${ty}" font-size="11" font-weight="700" fill="${MOMENT_OF_TRUTH_COLOR}">★ ${x(words.t('map.momentOfTruth').toLocaleUpperCase(words.locale))}</text>`); ty += LINE_H; }
                        bits.push(textBlock(c.lines, colX(i) + PAD, ty, ` font-weight="600" fill="${C.fg}"`)); ty += c.lines.length * LINE_H;
                        bits.push(textBlock(c.channels, colX(i) + PAD, ty, ` font-size="11" fill="${C.accent}"`)); ty += c.channels.length * LINE_H;
                        for (const lines of c.facts) { bits.push(textBlock(lines, colX(i) + PAD, ty, ` font-size="11" fill="${C.muted}"`)); ty += lines.length * LINE_H; }
                        bits.push('</g>');
                        return bits.join('');
                    }).join(''));
                    break;
                }
                case 'flows': {
                    // The outcomes as arrows under the cards, as the HTML map draws them (journey-map.ts lays them out).
                    const trackY = (track: number) => 4 + (track + 1) * FLOW_PITCH;
                    const at = (column: number) => (colX(0) + column * COL_W).toFixed(1);
                    row(lane.label, trackY(lane.tracks - 1) + 8, rowTop => {
                        const arrows = lane.flows.map(flow => {
                            const y = rowTop + trackY(flow.track);
                            const color = C.accent;
                            const dash = flow.loop ? ' stroke-dasharray="5 3"' : '';
                            const head = `${at(flow.endX)},${rowTop + 2} ${(Number(at(flow.endX)) - 4).toFixed(1)},${rowTop + 10} ${(Number(at(flow.endX)) + 4).toFixed(1)},${rowTop + 10}`;
                            return `<g data-line="${flow.touchpoint.line}"><circle cx="${at(flow.startX)}" cy="${rowTop + 3}" r="3" fill="${color}"/>`
                                + `<path d="M${at(flow.startX)},${rowTop + 3} V${y} H${at(flow.endX)} V${rowTop + 9}" fill="none" stroke="${color}" stroke-width="1.8"${dash}/>`
                                + `<polygon points="${head}" fill="${color}"/></g>`;
                        }).join('');
                        const labels = lane.flows.map(flow => {
                            const title = words.t('map.flow', { loop: flow.loop ? 'yes' : 'no', outcome: flow.outcome.title, from: flow.touchpoint.title, step: flow.step });
                            const lines = wrap(`${flow.loop ? '↺ ' : ''}${flow.outcome.title}`, flow.labelWidth * COL_W, 2, 10);
                            const bottom = rowTop + trackY(flow.track) - 4;
                            return `<g data-line="${flow.touchpoint.line}"><title>${x(title)}</title>${lines.map((line, i) => `<text x="${at(flow.labelX)}" y="${bottom - (lines.length - 1 - i) * 12}" text-anchor="middle" font-size="10" fill="${C.fg}">${x(line)}</text>`).join('')}</g>`;
                        }).join('');
                        return `<g class="flows">${arrows}${labels}</g>`;
                    }, [0]);
                    break;
                }
                case 'emotion': {
                    const hasWords = lane.points.some(p => p.word !== undefined);
                    const emoH = hasWords ? 104 : 90;
                    row(lane.label, emoH, rowTop => {
                        const ey = (place: number) => rowTop + 14 + place * (emoH - (hasWords ? 42 : 28));
                        const cx = (column: number) => colX(column) + COL_W / 2;
                        const zero = lane.zero === undefined ? '' : `<line x1="${LABEL_W}" x2="${mapWidth}" y1="${ey(lane.zero)}" y2="${ey(lane.zero)}" stroke="${C.border}" stroke-dasharray="4 3"/>`;
                        const joined = lane.points.filter(p => p.joined);
                        const line = joined.length > 1 ? `<polyline fill="none" stroke="${C.accent}" stroke-width="2.5" points="${joined.map(p => `${cx(p.column)},${ey(p.y).toFixed(1)}`).join(' ')}"/>` : '';
                        // A range: a band between its ends; a stage's own emotion beside its touchpoints': a dashed line across the stage.
                        const bands = lane.points.filter(p => p.range).map(p => `<line x1="${cx(p.column)}" x2="${cx(p.column)}" y1="${ey(p.range!.top).toFixed(1)}" y2="${ey(p.range!.bottom).toFixed(1)}" stroke="${EMOTION_COLORS[p.tone]}" stroke-opacity=".3" stroke-width="14" stroke-linecap="round"/>`).join('');
                        const across = lane.points.filter(p => p.stage && !p.joined).map(p => `<line x1="${colX(p.start) + PAD}" x2="${colX(p.start + p.span) - PAD}" y1="${ey(p.y).toFixed(1)}" y2="${ey(p.y).toFixed(1)}" stroke="${C.muted}" stroke-width="3" stroke-dasharray="6 4"/>`).join('');
                        const dots = lane.points.map(p => {
                            // A range's ellipsis (`+1…+2`) runs wider than the average character.
                            const w = Math.max(20, p.label.length * charWidth(10, true) + 8 + (p.range ? 6 : 0));
                            const ring = p.momentOfTruth ? ` stroke="${MOMENT_OF_TRUTH_COLOR}" stroke-width="3"` : p.stage ? ` stroke="${C.muted}" stroke-width="2"` : '';
                            const wordText = p.word === undefined ? '' : wrap(p.word, COL_W - 2 * PAD, 1, 10)[0];
                            // A stage's own emotion sits across its stage, often on a column border: its word gets a white ground over it.
                            const groundWidth = wordText.length * charWidth(10) + 6;
                            const ground = p.word === undefined || !p.stage ? ''
                                : `<rect x="${(cx(p.column) - groundWidth / 2).toFixed(1)}" y="${(ey(p.y) + 12).toFixed(1)}" width="${groundWidth.toFixed(1)}" height="13" fill="#fff"/>`;
                            const word = p.word === undefined ? '' : `${ground}<text x="${cx(p.column)}" y="${(ey(p.y) + 22).toFixed(1)}" text-anchor="middle" font-size="10" font-style="italic" fill="${C.fg}">${x(wordText)}</text>`;
                            return `<g data-line="${p.line}"><title>${x(p.stage ? words.t('map.emotion.ofStage', { stage: p.title, emotion: p.text }) : `${p.title}: ${p.text}`)}</title><rect x="${(cx(p.column) - w / 2).toFixed(1)}" y="${(ey(p.y) - 10).toFixed(1)}" width="${w.toFixed(1)}" height="20" rx="10" fill="${EMOTION_COLORS[p.tone]}"${ring}/>`
                                + `<text x="${cx(p.column)}" y="${(ey(p.y) + 4).toFixed(1)}" text-anchor="middle" font-size="10" font-weight="700" fill="#fff">${x(p.label)}</text>${word}</g>`;
                        }).join('');
                        return zero + bands + across + line + dots;
                    });
                    break;
                }
                case 'stage-voice': {
                    // One cell per stage, as wide as the stage: its goal, quotes… then its pain points.
                    const cells = lane.cells.map((voice, s) => {
                        const width = map.stages[s].span * COL_W - 2 * PAD;
                        // `word` starts an item's first line, muted (as on the HTML map).
                        const lines: { text: string; attrs: string; word?: string }[] = [];
                        if (voice.momentOfTruth) lines.push({ text: `★ ${words.t('map.momentOfTruth').toLocaleUpperCase(words.locale)}`, attrs: ` font-size="11" font-weight="700" fill="${MOMENT_OF_TRUTH_COLOR}"` });
                        for (const item of voice.items) {
                            const text = item.kind === 'quotes' ? `${item.word} “${item.text}”` : `${item.word} ${item.text}`;
                            wrap(text, width, 3).forEach((part, i) => lines.push({
                                text: i === 0 ? part.slice(item.word.length) : part, ...(i === 0 ? { word: item.word } : {}),
                                attrs: item.kind === 'quotes' ? ` fill="${C.fg}" font-style="italic"` : ` fill="${C.fg}"`
                            }));
                        }
                        for (const pain of voice.pains) {
                            const badge = pain.severity ? `${words.t('map.severity', { severity: pain.severity }).toLocaleUpperCase(words.locale)} · ` : '';
                            for (const part of wrap(`${badge}${pain.text}`, width, 3)) lines.push({ text: part, attrs: ` fill="${pain.severity ? SEVERITY_COLORS[pain.severity] : C.fg}"` });
                        }
                        return lines;
                    });
                    const h = PAD + 8 + LINE_H * Math.max(1, ...cells.map(lines => lines.length));
                    row(lane.label, h, rowTop => cells.map((lines, s) => {
                        const { start, span, stage } = map.stages[s];
                        const frame = lane.cells[s].momentOfTruth ? `<rect x="${colX(start) + 3}" y="${rowTop + 3}" width="${span * COL_W - 6}" height="${h - 6}" rx="4" fill="none" stroke="${MOMENT_OF_TRUTH_COLOR}" stroke-width="2"/>` : '';
                        const texts = lines.map((line, i) => `<text x="${colX(start) + PAD}" y="${rowTop + 18 + i * LINE_H}"${line.attrs}>${line.word ? `<tspan fill="${C.muted}" font-style="normal">${x(line.word)}</tspan>` : ''}${x(line.text)}</text>`).join('');
                        return lines.length ? `<g data-line="${stage.line}">${frame}${texts}</g>` : '';
                    }).join(''), map.stages.map(st => st.start));
                    break;
                }
                case 'pains': {
                    const pains = lane.cells.map(list => list.map(p => ({ severity: p.severity, lines: wrap(p.text, COL_W - 2 * PAD - 4, 3) })));
                    const painH = Math.max(30, PAD + 8 + LINE_H * Math.max(0, ...pains.map(list => list.reduce((n, p) => n + p.lines.length + 1, 0))));
                    row(lane.label, painH, rowTop => pains.map((list, i) => {
                        let py = rowTop + 18;
                        return list.map(p => {
                            // A pain point without severity gets no badge: "not given" is not "medium".
                            const s = (p.severity ? `<rect x="${colX(i) + PAD}" y="${py - 11}" width="${Math.ceil(words.t('map.severity', { severity: p.severity }).length * charWidth(10, true, true)) + 8}" height="14" rx="2" fill="${SEVERITY_COLORS[p.severity]}"/><text x="${colX(i) + PAD + 4}" y="${py}" font-size="10" font-weight="700" fill="#fff">${x(words.t('map.severity', { severity: p.severity }).toLocaleUpperCase(words.locale))}</text>` : '')
                                + textBlock(p.lines, colX(i) + PAD, py + LINE_H, ` fill="${C.fg}"`);
                            py += LINE_H * (p.lines.length + 1);
                            return s;
                        }).join('');
                    }).join(''));
                    break;
                }
                case 'text':
                    textRow(lane.label, lane.cells.map(list => list.map(text => ({ text }))));
                    break;
                case 'owners':
                    textRow(lane.label, lane.cells.map(owner => owner ? [{ text: owner.title, muted: owner.inherited }] : []));
                    break;
                case 'visibility':
                    out.push(`<line x1="0" x2="${mapWidth}" y1="${y + 6}" y2="${y + 6}" stroke="${C.muted}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${PAD}" y="${y + 18}" font-size="10" fill="${C.muted}">${x(lane.label.toUpperCase())}</text>`);
                    y += 22;
                    break;
                case 'stage-kpis':
                    kpiRow(lane.label, lane.cells, s => map.stages[s].start);
                    break;
                case 'kpis':
                    kpiRow(lane.label, lane.cells, i => i);
                    break;
            }
        }
    }

    // Charts and KPI cards.
    y += 24;
    let chartX = 0;
    let rowBottom = y;
    let width = mapWidth;
    const place = (w: number, h: number) => {
        if (chartX > 0 && chartX + w > Math.max(mapWidth, 900)) { chartX = 0; y = rowBottom + 16; }
        const at = { x: chartX, y };
        chartX += w + 24;
        rowBottom = Math.max(rowBottom, y + h);
        width = Math.max(width, at.x + w);
        return at;
    };
    const emotionSpec = specs[domId('emotion', journey.id)];
    if (emotionSpec) {
        const chart = await specToSvg(emotionSpec);
        const at = place(chart.width, chart.height + 20);
        out.push(`<text x="${at.x}" y="${at.y + 12}" font-weight="700" fill="${C.fg}">${x(payloadMessages(payload).t('map.emotionCurve'))}</text><g transform="translate(${at.x},${at.y + 18})">${stripXmlDecl(chart.svg)}</g>`);
    }
    for (const view of map.kpis) {
        const kpi = view.kpi;
        const spec = specs[domId('kpi', journey.id, kpi.id)];
        const m = payloadMessages(payload);
        const target = kpi.target;
        const facts = [
            !target ? m.t('svg.kpiNoTarget')
                : target.deadline ? m.t('svg.kpiTargetBy', { target: targetWords(target, m.locale), deadline: periodLabel(target.deadline, m.locale) })
                    : m.t('svg.kpiTarget', { target: targetWords(target, m.locale) }),
            ...(kpi.baseline ? [m.t('svg.kpiBaseline', { baseline: baselineWords(kpi.baseline, m.locale) })] : []),
            ...(kpi.threshold ? [m.t('svg.kpiThreshold', {
                threshold: formatValue(kpi.threshold.value, kpi.threshold.unit, m.locale),
                past: view.evaluation.latest && pastThreshold(kpi, view.evaluation.latest.value) ? 'yes' : 'no'
            })] : []),
            view.evaluation.latest
                ? m.t('svg.kpiLatest', { value: formatValue(view.evaluation.latest.value, kpi.unit, m.locale), period: periodLabel(view.evaluation.latest.period, m.locale) })
                : m.t('svg.kpiNoValue')];
        const chart = spec ? await specToSvg(spec) : undefined;
        const w = chart ? chart.width : Math.min(420, Math.max(260, (kpi.title.length + 10) * 7.5));
        // Target, then baseline and alert threshold when written, then the latest value: one line each.
        const factLines = facts.length <= 2 ? [wrap(facts.join(' · '), w, 1)[0]] : facts.map(fact => wrap(fact, w, 1)[0]);
        const factsHeight = 16 * (factLines.length - 1);
        const h = 46 + factsHeight + (chart ? chart.height : 0);
        const at = place(w, h);
        const color = STATUS_COLORS[view.evaluation.status];
        const kpiMark = mark('kpi', kpi.id);
        const kpiStyle = kpiMark ? markStyle(kpiMark, m) : undefined;
        const tag = kpiStyle ? `<tspan fill="${kpiStyle.color}" data-mark="${kpiMark}"> ${x(kpiStyle.label)}</tspan>` : '';
        const frame = kpiStyle ? `<rect x="${at.x - 4}" y="${at.y - 4}" width="${w + 8}" height="${h + 8}" fill="none" stroke="${kpiStyle.color}" stroke-width="2"${kpiStyle.dash ? ` stroke-dasharray="${kpiStyle.dash}"` : ''}/>` : '';
        const statusText = statusWord(view.evaluation.status, m.locale);
        const statusRoom = statusText.length * charWidth(12, true) + (kpiStyle ? kpiStyle.label.length * CHAR_W + PAD : 0) + PAD;
        out.push(`<g data-line="${kpi.line}">${frame}<rect x="${at.x}" y="${at.y}" width="${w}" height="4" fill="${color}"/>`
            + `<text x="${at.x}" y="${at.y + 20}" font-weight="700" fill="${C.fg}">${x(wrap(kpi.title, w - statusRoom, 1, 12, true)[0])}</text>`
            + `<text x="${at.x + w}" y="${at.y + 20}" text-anchor="end" font-weight="700" fill="${color}">${x(statusText)}${tag}</text>`
            + factLines.map((line, i) => `<text x="${at.x}" y="${at.y + 36 + 16 * i}" fill="${C.muted}">${x(line)}</text>`).join('')
            + (chart ? `<g transform="translate(${at.x},${at.y + 44 + factsHeight})">${stripXmlDecl(chart.svg)}</g>` : '') + '</g>');
    }
    out.push('</g>');
    return { svg: out.join('\n'), bottom: rowBottom, width };
}

function chip(view: KpiView, cx: number, cy: number, m: Messages, diffMark?: DiffMark): string {
    const color = STATUS_COLORS[view.evaluation.status];
    const ring = diffMark ? `<circle cx="${cx + 4}" cy="${cy - 4}" r="7" fill="none" stroke="${MARKS[diffMark].color}" stroke-width="2"/>` : '';
    return `<g data-line="${view.kpi.line}"${diffMark ? ` data-mark="${diffMark}"` : ''}>${ring}<circle cx="${cx + 4}" cy="${cy - 4}" r="4" fill="${color}"/>`
        + `<text x="${cx + 12}" y="${cy}" font-size="11" fill="${C.fg}">${x(wrap(view.kpi.title, COL_W - 30, 1, 11)[0])}</text>`
        + `<text x="${cx + 12}" y="${cy + LINE_H - 2}" font-size="10" fill="${C.muted}">${x(wrap(view.kpi.target ? targetWords(view.kpi.target, m.locale) : '', COL_W - 30 - statusWord(view.evaluation.status, m.locale).length * charWidth(10, true), 1, 10)[0] ?? '')} <tspan fill="${color}" font-weight="700">${x(statusWord(view.evaluation.status, m.locale))}</tspan></text></g>`;
}

/**
 * The visual diff's banner under a journey's title: which version this is, the legend of the
 * marks, and (after the change) what was removed. Returns the y below it.
 */
function diffBannerSvg(out: string[], marks: DiffMarks, journeyId: string, width: number, top: number, m: Messages): number {
    const removed = marks.side === 'base' ? [] : marks.removed[journeyId] ?? [];
    const removedLines = removed.length ? wrap(m.t('svg.removed', { items: removed.join(', ') }), width - 3 * PAD, 3) : [];
    const height = PAD + LINE_H * (2 + removedLines.length) + 4;
    out.push(`<g class="diff-banner"><rect x="0" y="${top}" width="${width}" height="${height}" fill="${C.card}" stroke="${C.border}"/><rect x="0" y="${top}" width="4" height="${height}" fill="${C.accent}"/>`);
    out.push(`<text x="${2 * PAD}" y="${top + LINE_H + 2}" font-weight="700" fill="${C.fg}">${x(bannerSentence(marks, m))}</text>`);
    let lx = 2 * PAD;
    const legend: DiffMark[] = marks.side === 'base' ? ['removed', 'changed', 'moved'] : ['added', 'changed', 'moved'];
    for (const kind of legend) {
        const { color, dash, label } = markStyle(kind, m);
        out.push(`<rect x="${lx}" y="${top + LINE_H + 8}" width="14" height="11" rx="2" fill="none" stroke="${color}" stroke-width="2"${dash ? ' stroke-dasharray="3 2"' : ''}/><text x="${lx + 20}" y="${top + 2 * LINE_H + 3}" fill="${color}" font-weight="700">${x(label)}</text>`);
        lx += 20 + label.length * CHAR_W + 18;
    }
    out.push(textBlock(removedLines, 2 * PAD, top + 3 * LINE_H + 3, ` fill="${MARKS.removed.color}"`));
    out.push('</g>');
    return top + height + 8;
}

/** The legend above the map, as the HTML map has it: channel styles, emotion tones, severities, the moment-of-truth star. Returns the y below it. */
function legendSvg(out: string[], top: number, width: number, m: Messages): number {
    let base = top + 14;
    let lx = PAD;
    const parts: string[] = [];
    /** Goes to the next line when an item of width `w` would pass the right edge. */
    const room = (w: number) => { if (lx > PAD && lx + w > width - PAD) { lx = PAD; base += 20; } };
    const text = (value: string, attrs = '', size = 11, bold = false) => {
        room(value.length * charWidth(size, bold));
        parts.push(`<text x="${lx}" y="${base}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${C.muted}"${attrs}>${x(value)}</text>`);
        lx += value.length * charWidth(size, bold) + 6;
    };
    const pill = (value: string, frame: string, italic: boolean) => {
        const w = value.length * charWidth(11) + 12;
        room(w);
        parts.push(`<rect x="${lx}" y="${base - 11}" width="${w}" height="15" rx="7" ${frame}/><text x="${lx + 6}" y="${base}" font-size="11" fill="${C.fg}"${italic ? ' font-style="italic"' : ''}>${x(value)}</text>`);
        lx += w + 6;
    };
    pill(m.t('map.legend.online'), `fill="#dbe9fb" stroke="${C.accent}" stroke-width="1.5"`, false);
    pill(m.t('map.legend.offline'), `fill="none" stroke="${C.fg}" stroke-width="2" stroke-dasharray="4 3"`, true);
    lx += 10;
    text(m.t('map.legend.emotion'));
    for (const [tone, key] of [['positive', 'map.legend.positive'], ['neutral', 'map.legend.neutral'], ['negative', 'map.legend.negative']] as const) {
        room(14 + m.t(key).length * charWidth(11));
        parts.push(`<circle cx="${lx + 5}" cy="${base - 4}" r="5" fill="${EMOTION_COLORS[tone]}"/>`);
        lx += 14;
        text(m.t(key));
    }
    lx += 10;
    text(m.t('map.legend.severity'));
    for (const severity of ['low', 'medium', 'high', 'critical'] as const) {
        // Worded as the cards' badges are, in the reader's language.
        const label = m.t('map.severity', { severity }).toLocaleUpperCase(m.locale);
        const w = Math.ceil(label.length * charWidth(10, true, true)) + 8;
        room(w);
        parts.push(`<rect x="${lx}" y="${base - 11}" width="${w}" height="14" rx="2" fill="${SEVERITY_COLORS[severity]}"/><text x="${lx + 4}" y="${base}" font-size="10" font-weight="700" fill="#fff">${x(label)}</text>`);
        lx += w + 4;
    }
    lx += 12;
    const star = `★ ${m.t('map.legend.momentOfTruth')}`;
    room(star.length * charWidth(11, true));
    parts.push(`<text x="${lx}" y="${base}" font-size="11" font-weight="700" fill="${MOMENT_OF_TRUTH_COLOR}">${x(star)}</text>`);
    out.push(`<g class="legend">${parts.join('')}</g>`);
    return base + 10;
}

function stripXmlDecl(svg: string): string {
    return svg.replace(/^<\?xml[^>]*>\s*/, '');
}
