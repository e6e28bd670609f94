/**
 * Model → journey map as one standalone SVG (Node): the same lanes as the HTML map, laid out
 * with fixed column widths, and the same Vega-Lite charts rendered to SVG by Vega in Node
 * (`renderer: 'none'`, expressions through vega-interpreter). For documents and pull requests.
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { JourneyModel, TouchpointModel, WorkspaceModel } from '../language/model/journey-model.js';
import { signed } from '../language/model/kpi-semantics.js';
import { escapeHtml } from './escape.js';
import { STATUS_WORDS, formatValue } from '../language/model/kpi-format.js';
import { STATUS_COLORS, domId, journeyGroups, kpiView, type KpiView, type PreviewPayload } from './preview-data.js';
import { LIGHT_THEME, chartSpecs } from './vega-specs.js';

const LABEL_W = 130;
const COL_W = 190;
const PAD = 8;
const LINE_H = 15;
const CHAR_W = 6.4;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif';
const C = { fg: '#1f2328', muted: '#656d76', border: '#d0d7de', card: '#f6f8fa', stage: '#eaeef2', accent: '#0969da', mot: '#b8860b' };
const SEVERITY: Record<string, string> = { low: '#8a8a8a', medium: '#e67700', high: '#d9480f', critical: '#c62828' };

/** XML text: escaped, without the control characters XML forbids. */
function x(text: unknown): string {
    // eslint-disable-next-line no-control-regex
    return escapeHtml(String(text ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}

/** Greedy word wrap by an estimated character width. */
function wrap(text: string, width: number, maxLines = 4): string[] {
    const perLine = Math.max(8, Math.floor(width / CHAR_W));
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

function textBlock(lines: string[], px: number, py: number, attrs = ''): string {
    return lines.map((line, i) => `<text x="${px}" y="${py + i * LINE_H}"${attrs}>${x(line)}</text>`).join('');
}

function titleOf(list: { id: string; title: string }[], id: string): string {
    return list.find(item => item.id === id)?.title ?? id;
}

interface Column { stageIndex: number; touchpoint?: TouchpointModel }

/** Renders one Vega-Lite spec to an SVG string in Node. */
export async function specToSvg(spec: TopLevelSpec): Promise<{ svg: string; width: number; height: number }> {
    const view = new View(parse(compile(spec).spec, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
    const svg = await view.toSVG();
    view.finalize();
    const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 400);
    const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 200);
    return { svg, width, height };
}

/** The map of the payload's journeys as one SVG document. */
export async function renderMapSvg(payload: PreviewPayload): Promise<string> {
    const specs = chartSpecs(payload, LIGHT_THEME);
    const parts: string[] = [];
    let y = 0;
    let width = 600;
    for (const journey of journeyGroups(payload).flat()) {
        const drawn = await journeySvg(payload, journey, y, specs);
        parts.push(drawn.svg);
        y = drawn.bottom + 30;
        width = Math.max(width, drawn.width);
    }
    if (parts.length === 0) parts.push(`<text x="10" y="24" fill="${C.muted}">No journey in ${x(payload.file ?? 'this workspace')}.</text>`), y = 40;
    return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(y)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(y)}" font-family="${FONT}" font-size="12">
<title>${x(payload.title ?? payload.file ?? 'Journey map')}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}

async function journeySvg(payload: PreviewPayload, journey: JourneyModel, top: number, specs: Record<string, TopLevelSpec>): Promise<{ svg: string; bottom: number; width: number }> {
    const model: WorkspaceModel = payload.model;
    const out: string[] = [];
    const columns: Column[] = journey.stages.flatMap((stage, stageIndex) => stage.touchpoints.length ? stage.touchpoints.map(touchpoint => ({ stageIndex, touchpoint })) : [{ stageIndex }]);
    const mapWidth = LABEL_W + Math.max(1, columns.length) * COL_W;
    const colX = (i: number) => LABEL_W + i * COL_W;
    let y = top + 24;
    out.push(`<g class="journey" data-journey="${x(journey.id)}" data-file="${x(journey.file)}" data-line="${journey.line}">`);
    out.push(`<text x="${PAD}" y="${y}" font-size="20" font-weight="700" fill="${C.fg}" data-line="${journey.line}">${x(journey.title)}</text>`);
    y += 20;
    const meta = [journey.state ? `${journey.state} journey` : '', journey.improves ? `improves ${titleOf(model.journeys, journey.improves)}` : '',
        journey.personas.length ? `persona ${journey.personas.map(p => titleOf(model.personas, p)).join(', ')}` : '',
        journey.owner ? `owner ${titleOf(model.teams, journey.owner)}` : ''].filter(Boolean).join(' · ');
    if (meta) { out.push(`<text x="${PAD}" y="${y}" fill="${C.muted}">${x(meta)}</text>`); y += LINE_H; }
    if (journey.description) { out.push(textBlock(wrap(journey.description, mapWidth, 2), PAD, y, ` fill="${C.muted}"`)); y += 2 * LINE_H; }
    y += 6;

    const lane = (label: string, height: number, draw: (rowTop: number) => string) => {
        out.push(`<rect x="0" y="${y}" width="${mapWidth}" height="${height}" fill="none" stroke="${C.border}"/>`);
        out.push(`<text x="${PAD}" y="${y + 18}" font-size="11" font-weight="700" fill="${C.muted}" letter-spacing=".5">${x(label.toUpperCase())}</text>`);
        out.push(draw(y));
        for (let i = 0; i <= columns.length; i++) out.push(`<line x1="${colX(i)}" x2="${colX(i)}" y1="${y}" y2="${y + height}" stroke="${C.border}"/>`);
        y += height;
    };

    if (columns.length) {
        // Stages.
        const stageH = 30;
        out.push(`<rect x="0" y="${y}" width="${mapWidth}" height="${stageH}" fill="${C.stage}"/>`);
        out.push(`<text x="${PAD}" y="${y + 19}" font-size="11" font-weight="700" fill="${C.muted}">STAGES</text>`);
        let start = 0;
        journey.stages.forEach((stage, s) => {
            const span = Math.max(1, stage.touchpoints.length);
            const owner = stage.owner ? ` · ${titleOf(model.teams, stage.owner)}` : '';
            const room = span * COL_W - 2 * PAD;
            const title = wrap(`${s + 1}. ${stage.title}`, room, 1)[0];
            const ownerText = owner && (title.length + owner.length) * CHAR_W < room ? owner : '';
            out.push(`<g data-line="${stage.line}"><rect x="${colX(start)}" y="${y}" width="${span * COL_W}" height="${stageH}" fill="${C.stage}" stroke="${C.border}"/>`
                + `<text x="${colX(start) + PAD}" y="${y + 19}" font-weight="700" fill="${C.fg}">${x(title)}<tspan font-weight="400" fill="${C.muted}">${x(ownerText)}</tspan></text></g>`);
            start += span;
        });
        y += stageH;

        // Touchpoints.
        const cards = columns.map(c => {
            const tp = c.touchpoint;
            if (!tp) return { lines: [] as string[], channels: '', tp };
            const channels = tp.channels.map(ch => titleOf(model.channels, ch)).join(', ');
            return { lines: wrap(tp.title, COL_W - 2 * PAD, 3), channels, tp };
        });
        const tpH = PAD + 6 + LINE_H * Math.max(2, ...cards.map(c => c.lines.length + (c.channels ? 1 : 0) + (c.tp?.momentOfTruth ? 1 : 0)));
        lane('Touchpoints', tpH, rowTop => cards.map((card, i) => {
            if (!card.tp) return `<text x="${colX(i) + PAD}" y="${rowTop + 20}" fill="${C.muted}">no touchpoint</text>`;
            const tp = card.tp;
            let ty = rowTop + 18;
            const bits = [`<g data-line="${tp.line}"><rect x="${colX(i) + 3}" y="${rowTop + 3}" width="${COL_W - 6}" height="${tpH - 6}" rx="4" fill="${C.card}"${tp.momentOfTruth ? ` stroke="${C.mot}" stroke-width="2"` : ''}/>`];
            if (tp.momentOfTruth) { bits.push(`<text x="${colX(i) + PAD}" y="${ty}" font-size="11" font-weight="700" fill="${C.mot}">★ MOMENT OF TRUTH</text>`); ty += LINE_H; }
            bits.push(textBlock(card.lines, colX(i) + PAD, ty, ` font-weight="600" fill="${C.fg}"`)); ty += card.lines.length * LINE_H;
            if (card.channels) bits.push(`<text x="${colX(i) + PAD}" y="${ty}" font-size="11" fill="${C.accent}">${x(wrap(card.channels, COL_W - 2 * PAD, 1)[0])}</text>`);
            bits.push('</g>');
            return bits.join('');
        }).join(''));

        // Emotion curve.
        const emoH = 90;
        const { min, max } = journey.emotionScale;
        lane('Emotion', emoH, rowTop => {
            const ey = (v: number) => rowTop + 14 + ((max - v) / (max - min)) * (emoH - 28);
            const pts = columns.map((c, i) => ({ cx: colX(i) + COL_W / 2, tp: c.touchpoint })).filter(p => p.tp?.emotion !== undefined);
            const zero = min < 0 && max > 0 ? `<line x1="${LABEL_W}" x2="${mapWidth}" y1="${ey(0)}" y2="${ey(0)}" stroke="${C.border}" stroke-dasharray="4 3"/>` : '';
            const line = pts.length > 1 ? `<polyline fill="none" stroke="${C.accent}" stroke-width="2.5" points="${pts.map(p => `${p.cx},${ey(p.tp!.emotion!).toFixed(1)}`).join(' ')}"/>` : '';
            const dots = pts.map(p => {
                const v = p.tp!.emotion!;
                const color = v > 0 ? STATUS_COLORS.met : v < 0 ? STATUS_COLORS.missed : STATUS_COLORS['no-data'];
                return `<g data-line="${p.tp!.line}"><circle cx="${p.cx}" cy="${ey(v).toFixed(1)}" r="10" fill="${color}"${p.tp!.momentOfTruth ? ` stroke="${C.mot}" stroke-width="3"` : ''}/><text x="${p.cx}" y="${(ey(v) + 4).toFixed(1)}" text-anchor="middle" font-size="10" font-weight="700" fill="#fff">${x(signed(v))}</text></g>`;
            }).join('');
            return zero + line + dots;
        });

        // Pain points.
        const pains = columns.map(c => (c.touchpoint?.painPoints ?? []).map(p => ({ severity: p.severity, lines: wrap(p.text, COL_W - 2 * PAD - 4, 3) })));
        const painH = Math.max(30, PAD + 8 + LINE_H * Math.max(0, ...pains.map(list => list.reduce((n, p) => n + p.lines.length + 1, 0))));
        lane('Pain points', painH, rowTop => pains.map((list, i) => {
            let py = rowTop + 18;
            return list.map(p => {
                const s = `<rect x="${colX(i) + PAD}" y="${py - 11}" width="${p.severity.length * 7 + 8}" height="14" rx="2" fill="${SEVERITY[p.severity]}"/><text x="${colX(i) + PAD + 4}" y="${py}" font-size="10" font-weight="700" fill="#fff">${x(p.severity.toUpperCase())}</text>`
                    + textBlock(p.lines, colX(i) + PAD, py + LINE_H, ` fill="${C.fg}"`);
                py += LINE_H * (p.lines.length + 1);
                return s;
            }).join('');
        }).join(''));

        const simpleLane = (label: string, items: (string[])[]) => {
            const wrapped = items.map(list => list.map(t => wrap(t, COL_W - 2 * PAD, 3)));
            const h = PAD + 8 + LINE_H * Math.max(1, ...wrapped.map(list => list.reduce((n, l) => n + l.length, 0)));
            lane(label, h, rowTop => wrapped.map((list, i) => {
                let ly = rowTop + 18;
                return list.map(lines => { const s = textBlock(lines, colX(i) + PAD, ly, ` fill="${C.fg}"`); ly += lines.length * LINE_H; return s; }).join('');
            }).join(''));
        };
        if (columns.some(c => c.touchpoint?.opportunities.length)) simpleLane('Opportunities', columns.map(c => c.touchpoint?.opportunities ?? []));
        if (columns.some(c => c.touchpoint?.owner || journey.stages[c.stageIndex].owner)) {
            simpleLane('Owners', columns.map(c => {
                const owner = c.touchpoint?.owner ?? journey.stages[c.stageIndex].owner;
                return owner ? [titleOf(model.teams, owner)] : [];
            }));
        }
        const blueprint = [['evidence', 'Evidence'], ['customerActions', 'Customer actions'], ['frontstage', 'Frontstage'], ['backstage', 'Backstage'], ['supportSystems', 'Support systems']] as const;
        let visibility = false;
        for (const [key, label] of blueprint) {
            if (!columns.some(c => c.touchpoint?.blueprint[key].length)) continue;
            if ((key === 'backstage' || key === 'supportSystems') && !visibility) {
                visibility = true;
                out.push(`<line x1="0" x2="${mapWidth}" y1="${y + 6}" y2="${y + 6}" stroke="${C.muted}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${PAD}" y="${y + 18}" font-size="10" fill="${C.muted}">LINE OF VISIBILITY</text>`);
                y += 22;
            }
            simpleLane(label, columns.map(c => c.touchpoint?.blueprint[key] ?? []));
        }

        // KPIs where they are scoped.
        const views = journey.kpis.map(k => kpiView(payload, k, journey));
        const same = (ref: string | undefined, id: string) => ref === id || ref === `${journey.id}.${id}`;
        const perColumn = columns.map(c => views.filter(v => (v.kpi.scope.level === 'touchpoint' && c.touchpoint && same(v.kpi.scope.ref, c.touchpoint.id))
            || (v.kpi.scope.level === 'channel' && c.touchpoint?.channels.includes(v.kpi.scope.ref!))
            || (v.kpi.scope.level === 'stage' && same(v.kpi.scope.ref, journey.stages[c.stageIndex].id) && columns.findIndex(o => o.stageIndex === c.stageIndex) === columns.indexOf(c))));
        if (perColumn.some(list => list.length)) {
            const h = PAD + 8 + 2 * LINE_H * Math.max(1, ...perColumn.map(l => l.length));
            lane('KPIs', h, rowTop => perColumn.map((list, i) => list.map((v, k) => chip(v, colX(i) + PAD, rowTop + 16 + k * 2 * LINE_H)).join('')).join(''));
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
        out.push(`<text x="${at.x}" y="${at.y + 12}" font-weight="700" fill="${C.fg}">Emotion curve</text><g transform="translate(${at.x},${at.y + 18})">${stripXmlDecl(chart.svg)}</g>`);
    }
    for (const kpi of journey.kpis) {
        const view = kpiView(payload, kpi, journey);
        const spec = specs[domId('kpi', journey.id, kpi.id)];
        const facts = [`target ${kpi.target?.text ?? 'none'}${kpi.target?.deadline ? ` by ${kpi.target.deadline}` : ''}`,
            view.evaluation.latest ? `latest ${formatValue(view.evaluation.latest.value, kpi.unit)} (${view.evaluation.latest.period})` : 'no measured value'];
        const chart = spec ? await specToSvg(spec) : undefined;
        const w = chart ? chart.width : Math.min(420, Math.max(260, (kpi.title.length + 10) * 7.5));
        const h = 46 + (chart ? chart.height : 0);
        const at = place(w, h);
        const color = STATUS_COLORS[view.evaluation.status];
        out.push(`<g data-line="${kpi.line}"><rect x="${at.x}" y="${at.y}" width="${w}" height="4" fill="${color}"/>`
            + `<text x="${at.x}" y="${at.y + 20}" font-weight="700" fill="${C.fg}">${x(wrap(kpi.title, w - 70, 1)[0])} <tspan fill="${color}">${x(STATUS_WORDS[view.evaluation.status])}</tspan></text>`
            + `<text x="${at.x}" y="${at.y + 36}" fill="${C.muted}">${x(wrap(facts.join(' · '), w, 1)[0])}</text>`
            + (chart ? `<g transform="translate(${at.x},${at.y + 44})">${stripXmlDecl(chart.svg)}</g>` : '') + '</g>');
    }
    out.push('</g>');
    return { svg: out.join('\n'), bottom: rowBottom, width };
}

function chip(view: KpiView, cx: number, cy: number): string {
    const color = STATUS_COLORS[view.evaluation.status];
    return `<g data-line="${view.kpi.line}"><circle cx="${cx + 4}" cy="${cy - 4}" r="4" fill="${color}"/>`
        + `<text x="${cx + 12}" y="${cy}" font-size="11" fill="${C.fg}">${x(wrap(view.kpi.title, COL_W - 30, 1)[0])}</text>`
        + `<text x="${cx + 12}" y="${cy + LINE_H - 2}" font-size="10" fill="${C.muted}">${x(view.kpi.target?.text ?? '')} <tspan fill="${color}" font-weight="700">${x(STATUS_WORDS[view.evaluation.status])}</tspan></text></g>`;
}

function stripXmlDecl(svg: string): string {
    return svg.replace(/^<\?xml[^>]*>\s*/, '');
}
