/**
 * Model → Vega-Lite specs: the emotion curve of a journey and, per KPI, its measured values
 * over time against the target (rule, and the "at risk" band when a warning is written), the
 * deadline and the status colour. Data are inlined: a spec is self-contained.
 */
import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { JourneyModel } from '../language/model/journey-model.js';
import { emotionText } from '../language/model/journey-facts.js';
import { convertUnit } from '../language/model/kpi-semantics.js';
import { deadlineLastDay, periodStartDay } from '../language/model/periods.js';
import { DEFAULT_LOCALE, messages, type Messages } from '../language/i18n/i18n.js';
import { baselineWords, formatValue, periodLabel, statusWord, targetWords } from '../language/model/kpi-format.js';
import { KEYWORD_HINTS } from '../language/model/journey-facts.js';
import { alignStages, EMOTION_COLORS, emotionTone, hasEmotionChart, journeyMap, type EmotionTone } from './journey-map.js';
import { STATUS_COLORS } from './palette.js';
import { domId, journeyGroups, kpiView, payloadMessages, type KpiView, type PreviewPayload } from './preview-data.js';
import { vegaLocale } from './vega-locale.js';

/** Colours of the charts' text and lines; the webview passes VS Code's theme colours. */
export interface ChartTheme {
    foreground: string;
    muted: string;
    grid: string;
    line: string;
    font: string;
}

export const LIGHT_THEME: ChartTheme = {
    foreground: '#1f2328', muted: '#656d76', grid: '#d8dee4', line: '#0969da',
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif'
};

function config(theme: ChartTheme, m: Messages) {
    return {
        // Numbers and month names of axes and labels in the reader's language (`92,5`, `juin 2026`).
        locale: vegaLocale(m.locale),
        // Vega's own descriptions of axes, legends and marks are English sentences built from the
        // data's field names ("X-axis for a time scale with…", "key: …; tone: negative"): off, the
        // chart is named by its `description`, in the reader's language, as its card's title is.
        aria: false,
        background: null as unknown as string,
        font: theme.font,
        view: { stroke: null as unknown as string },
        axis: { labelColor: theme.muted, titleColor: theme.foreground, gridColor: theme.grid, domainColor: theme.grid, tickColor: theme.grid, labelFontSize: 11, titleFontSize: 11 },
        legend: { labelColor: theme.foreground, titleColor: theme.foreground },
        title: { color: theme.foreground, anchor: 'start' as const, fontSize: 13 },
        text: { color: theme.foreground }
    };
}

export const EMOTION_DATASET = 'emotion';

const TONES = Object.keys(EMOTION_COLORS) as EmotionTone[];

/** The emotion at each touchpoint, in journey order, and each stage's own across its touchpoints; moments of truth drawn as stars. */
export function emotionCurveSpec(journey: JourneyModel, theme: ChartTheme = LIGHT_THEME, m: Messages = messages(DEFAULT_LOCALE)): TopLevelSpec {
    // A range at its middle, with its ends (a band behind the point); the tooltip says it as written, word included.
    const values = journey.stages.flatMap((stage, s) => stage.touchpoints.map(tp => ({
        stage: stage.title, stageIndex: s, touchpoint: tp.title, id: tp.id, line: tp.line, emotion: tp.emotion ?? null, moment: tp.momentOfTruth,
        label: emotionText(tp, m.locale), tone: tp.emotion === undefined ? null : emotionTone(tp.emotion),
        low: tp.emotionRange?.min ?? null, high: tp.emotionRange?.max ?? null
    })))
        .map((v, order) => ({ ...v, order: order + 1, key: `${order + 1}. ${v.touchpoint}` }));
    const { min, max } = journey.emotionScale;
    // Past 60 touchpoints the names no longer fit under the curve (and laying 300 labels out costs
    // more than the rest of the chart): they are left to the tooltips and to the map's emotion lane.
    const named = values.length <= 60;
    const x = named
        // labelLimit 0: the touchpoints' names whole, never cut with an ellipsis.
        ? { field: 'key', type: 'ordinal' as const, sort: { field: 'order' }, title: null, axis: { labelAngle: -40, labelLimit: 0 } }
        : { field: 'order', type: 'quantitative' as const, scale: { domain: [1, values.length], nice: false }, title: m.t('chart.touchpointNumber', { count: values.length }) };
    const y = { field: 'emotion', type: 'quantitative' as const, scale: { domain: [min, max] }, title: m.t('chart.emotion'), axis: { tickMinStep: 1 } };
    const width = named ? Math.max(360, values.length * 28) : Math.min(2400, values.length * 6);
    // A stage's own emotion (`emotion +1 to +2 "relief"` in the stage), across its touchpoints' columns
    // from half a step before the first to half a step after the last: a dashed rule, a band for a range,
    // its word written at the stage's start; the tooltip says it as written.
    const stages = journey.stages.flatMap(stage => {
        const first = values.find(v => v.stageIndex === journey.stages.indexOf(stage));
        const last = [...values].reverse().find(v => v.stageIndex === journey.stages.indexOf(stage));
        if (stage.emotion === undefined || !first || !last) return [];
        const emotion = stage.emotion;
        return [{
            stage: stage.title, line: stage.line, emotion, label: emotionText({ ...stage, emotion }, m.locale), word: stage.emotionWord ?? null, tone: emotionTone(emotion),
            low: stage.emotionRange?.min ?? emotion, high: stage.emotionRange?.max ?? emotion, range: stage.emotionRange !== undefined,
            first: named ? first.key : first.order, last: named ? last.key : last.order
        }];
    });
    // Half a step of the x scale, in pixels: a point scale's step is width / count, a linear one's width / (count - 1).
    const half = (named ? width / values.length : width / Math.max(1, values.length - 1)) / 2;
    const stageX = { ...x, field: 'first' };
    const stageTooltip = [{ field: 'stage', title: m.t('chart.stage') }, { field: 'label', title: m.t('chart.stageEmotion') }];
    const toneColor = { field: 'tone', type: 'nominal' as const, scale: { domain: TONES, range: TONES.map(tone => EMOTION_COLORS[tone]) }, legend: null };
    const stageLayers = stages.length ? [
        {
            data: { values: stages }, transform: [{ filter: 'datum.range' }],
            mark: { type: 'rect', opacity: 0.14, xOffset: -half, x2Offset: half },
            encoding: { x: stageX, x2: { field: 'last' }, y: { ...y, field: 'low' }, y2: { field: 'high' }, color: toneColor, tooltip: stageTooltip }
        },
        {
            data: { values: stages },
            mark: { type: 'rule', strokeWidth: 2, strokeDash: [6, 4], xOffset: -half, x2Offset: half },
            encoding: { x: stageX, x2: { field: 'last' }, y, color: toneColor, tooltip: stageTooltip }
        },
        {
            data: { values: stages }, transform: [{ filter: 'datum.word != null' }],
            mark: { type: 'text', align: 'left', baseline: 'bottom', dx: -half + 3, dy: -3, fontSize: 10, fontStyle: 'italic', color: theme.foreground },
            encoding: { x: stageX, y: { ...y, field: 'high' }, text: { field: 'word' }, tooltip: stageTooltip }
        }
    ] : [];
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        description: m.t('chart.emotionOf', { journey: journey.title }),
        width,
        height: 160,
        // A named dataset: the preview swaps the values of a drawn chart instead of redrawing it.
        datasets: { [EMOTION_DATASET]: values },
        data: { name: EMOTION_DATASET },
        config: config(theme, m),
        layer: [
            { data: { values: [{}] }, mark: { type: 'rule', color: theme.grid, strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
            ...stageLayers,
            {
                mark: { type: 'rule', strokeWidth: 10, strokeCap: 'round', opacity: 0.3 },
                transform: [{ filter: 'datum.low != null' }],
                encoding: {
                    x, y: { ...y, field: 'low' }, y2: { field: 'high' },
                    color: { field: 'tone', type: 'nominal', scale: { domain: TONES, range: TONES.map(tone => EMOTION_COLORS[tone]) }, legend: null }
                }
            },
            // Straight segments: a smoothed curve would show values between touchpoints that nobody wrote.
            { mark: { type: 'line', color: theme.line, interpolate: 'linear', strokeWidth: 2 }, transform: [{ filter: 'datum.emotion != null' }], encoding: { x, y } },
            {
                mark: { type: 'point', filled: true, size: 70 },
                transform: [{ filter: 'datum.emotion != null' }],
                encoding: {
                    x, y,
                    shape: { field: 'moment', type: 'nominal', scale: { domain: [false, true], range: ['circle', 'diamond'] }, legend: null },
                    // The tones and colours of the map's emotion lane.
                    color: { field: 'tone', type: 'nominal', scale: { domain: TONES, range: TONES.map(tone => EMOTION_COLORS[tone]) }, legend: null },
                    tooltip: [{ field: 'touchpoint', title: m.t('chart.touchpoint') }, { field: 'stage', title: m.t('chart.stage') }, { field: 'label', title: m.t('chart.emotionValue') }]
                }
            }
        ]
    } as TopLevelSpec;
}

/** Measured values of a KPI over time against its target, coloured by status. */
export function kpiChartSpec(view: KpiView, theme: ChartTheme = LIGHT_THEME, m: Messages = messages(DEFAULT_LOCALE)): TopLevelSpec {
    const { kpi, evaluation } = view;
    const status = evaluation.status;
    const color = STATUS_COLORS[status];
    // `period` and `shown` are what the tooltip says: `S27 2026`, `42,9 %`.
    const points = (view.result?.points ?? []).map(p => ({ period: periodLabel(p.period, m.locale), date: periodStartDay(p.period), value: p.value, shown: formatValue(p.value, kpi.unit, m.locale), all: p.segment === undefined, segment: p.segment ?? m.t('chart.allSegments') }))
        .filter(p => p.date !== undefined);
    const segmented = points.some(p => !p.all);
    const target = kpi.target;
    const deadline = target?.deadline ? deadlineLastDay(target.deadline)?.toISOString().slice(0, 10) : undefined;
    // Baseline and alert threshold in the KPI's unit (a baseline in days on a KPI in hours is converted).
    const baseline = kpi.baseline ? convertUnit(kpi.baseline.value, kpi.baseline.unit, kpi.unit) : undefined;
    const threshold = kpi.threshold ? convertUnit(kpi.threshold.value, kpi.threshold.unit, kpi.unit) : undefined;
    const values = points.map(p => p.value).concat(target ? [target.value] : [], target?.warning !== undefined ? [target.warning] : [],
        baseline !== undefined ? [baseline] : [], threshold !== undefined ? [threshold] : []);
    const pad = Math.max(1, (Math.max(...values) - Math.min(...values)) * 0.15);
    const domain = values.length ? [Math.min(...values) - pad, Math.max(...values) + pad] : undefined;
    const x = { field: 'date', type: 'temporal' as const, title: null, axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 } };
    // The card holding the chart shows the KPI's title and status: the axis says the unit only.
    const y = { field: 'value', type: 'quantitative' as const, title: unitTitle(kpi.unit, m), scale: { domain, zero: false, nice: false } };
    const layers: unknown[] = [];
    // Rules and labels need one datum to be drawn.
    const one = { values: [{}] };
    if (target && target.warning !== undefined) {
        layers.push({ data: one, mark: { type: 'rect', color: STATUS_COLORS['at-risk'], opacity: 0.12 }, encoding: { y: { datum: target.warning, type: 'quantitative', scale: y.scale }, y2: { datum: target.value } } });
    }
    if (target) {
        layers.push({ data: one, mark: { type: 'rule', color: theme.foreground, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { datum: target.value, type: 'quantitative', scale: y.scale } } });
        layers.push({ data: one, mark: { type: 'text', align: 'left', dx: 4, dy: -7, color: theme.foreground, fontSize: 11 }, encoding: { y: { datum: target.value, type: 'quantitative', scale: y.scale }, x: { value: 0 }, text: { value: m.t('chart.target', { target: targetWords(target, m.locale) }) } } });
    }
    if (baseline !== undefined) {
        layers.push({ data: one, mark: { type: 'rule', color: theme.muted, strokeDash: [2, 2], strokeWidth: 1 }, encoding: { y: { datum: baseline, type: 'quantitative', scale: y.scale } } });
        layers.push({ data: one, mark: { type: 'text', align: 'right', dx: -4, dy: -7, color: theme.muted, fontSize: 11 }, encoding: { y: { datum: baseline, type: 'quantitative', scale: y.scale }, x: { value: 'width' }, text: { value: m.t('chart.baseline', { baseline: baselineWords(kpi.baseline!, m.locale) }) } } });
    }
    if (threshold !== undefined) {
        layers.push({ data: one, mark: { type: 'rule', color: STATUS_COLORS.missed, strokeDash: [8, 3], strokeWidth: 1.5 }, encoding: { y: { datum: threshold, type: 'quantitative', scale: y.scale } } });
        layers.push({ data: one, mark: { type: 'text', align: 'right', dx: -4, dy: 12, color: STATUS_COLORS.missed, fontSize: 11 }, encoding: { y: { datum: threshold, type: 'quantitative', scale: y.scale }, x: { value: 'width' }, text: { value: m.t('chart.threshold', { threshold: formatValue(kpi.threshold!.value, kpi.threshold!.unit, m.locale) }) } } });
    }
    // The time axis ends at the latest value: a deadline after it is written at the right edge, not drawn by stretching the axis to it.
    const dates = points.map(p => p.date!).sort();
    if (dates.length > 1) (x as { scale?: unknown }).scale = { domain: [dateTime(dates[0]), dateTime(dates[dates.length - 1])] };
    if (deadline && target?.deadline) {
        const inside = dates.length > 1 && deadline >= dates[0] && deadline <= dates[dates.length - 1];
        if (inside) {
            layers.push({ data: one, mark: { type: 'rule', color: theme.muted, strokeDash: [2, 3] }, encoding: { x: { datum: dateTime(deadline), type: 'temporal' } } });
            layers.push({ data: one, mark: { type: 'text', align: 'right', dx: -4, baseline: 'top', y: 4, color: theme.muted, fontSize: 11 }, encoding: { x: { datum: dateTime(deadline), type: 'temporal' }, text: { value: m.t('chart.deadline', { deadline: periodLabel(target.deadline, m.locale) }) } } });
        } else {
            const after = dates.length === 0 || deadline > dates[dates.length - 1];
            layers.push({ data: one, mark: { type: 'text', align: after ? 'right' : 'left', baseline: 'top', y: 4, color: theme.muted, fontSize: 11 }, encoding: { x: { value: after ? 'width' : 0 }, text: { value: m.t(after ? 'chart.deadlineAfter' : 'chart.deadlineBefore', { deadline: periodLabel(target.deadline, m.locale) }) } } });
        }
    }
    const base = { data: { values: points }, encoding: { x, y } };
    if (segmented) {
        layers.push({ ...base, mark: { type: 'line', point: true, strokeWidth: 1.5 }, encoding: { x, y, strokeDash: { condition: { test: 'datum.all', value: [1, 0] }, value: [4, 2] }, color: { field: 'segment', type: 'nominal', title: kpi.breakdown ?? m.t('chart.segment') }, tooltip: [{ field: 'period', title: m.t('chart.period') }, { field: 'segment', title: kpi.breakdown ?? m.t('chart.segment') }, { field: 'shown', title: m.t('chart.value') }] } });
    } else {
        layers.push({ ...base, mark: { type: 'line', color, strokeWidth: 2, point: { color, size: 45, filled: true } }, encoding: { x, y, tooltip: [{ field: 'period', title: m.t('chart.period') }, { field: 'shown', title: m.t('chart.value') }] } });
    }
    if (evaluation.latest) {
        const latest = { period: evaluation.latest.period, date: periodStartDay(evaluation.latest.period), value: evaluation.latest.value };
        layers.push({ data: { values: [latest] }, mark: { type: 'point', filled: true, size: 140, color, stroke: theme.foreground, strokeWidth: 1 }, encoding: { x, y } });
    }
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        description: `${kpi.title}: ${statusWord(status, m.locale)}`,
        width: 360,
        height: 170,
        config: config(theme, m),
        layer: layers
    } as TopLevelSpec;
}

/** The value axis's title: the KPI's unit in words (`%`, `days` / `jours`); none for points. */
function unitTitle(unit: string | undefined, m: Messages): string | null {
    if (!unit || unit === 'points') return null;
    const words = unit === '%' ? undefined : KEYWORD_HINTS[unit];
    return words ? m.t(words) : unit;
}

/** A Vega-Lite date from `YYYY-MM-DD` (read as a calendar day, as the points are). */
function dateTime(day: string): { year: number; month: number; date: number; utc: true } {
    const [year, month, date] = day.split('-').map(Number);
    return { year, month, date, utc: true };
}

/**
 * The emotion curves of compared journeys on one chart, each touchpoint at its column of the
 * aligned maps (alignStages), the stages named under their columns.
 */
export function comparedEmotionsSpec(payload: PreviewPayload, group: JourneyModel[], theme: ChartTheme = LIGHT_THEME): TopLevelSpec {
    const m = payloadMessages(payload);
    const slots = alignStages(group);
    const maps = group.map(journey => journeyMap(payload, journey, { slots }));
    const label = (journey: JourneyModel) => m.t(journey.state === 'target' ? 'map.compare.target' : journey.state === 'current' ? 'map.compare.current' : 'map.compare.journey');
    const names = [...new Set(group.map(label))];
    const values = maps.flatMap(map => map.lanes.flatMap(lane => lane.kind === 'emotion'
        ? lane.points.map(p => ({ journey: label(map.journey), x: p.column + 0.5, emotion: p.value, touchpoint: p.title, label: p.label })) : []));
    const columns = maps[0].columns.length;
    const centres = maps[0].stages.map(s => ({ at: s.start + s.span / 2, title: s.stage.title }));
    // Stage names under their columns: a chain of conditions on the tick's value (the expression language has no lookup table).
    const labelExpr = centres.reduceRight((otherwise, c) => `datum.value == ${c.at} ? ${JSON.stringify(c.title)} : ${otherwise}`, "''");
    const min = Math.min(...group.map(j => j.emotionScale.min));
    const max = Math.max(...group.map(j => j.emotionScale.max));
    const x = { field: 'x', type: 'quantitative' as const, title: null, scale: { domain: [0, columns], nice: false }, axis: { values: centres.map(c => c.at), labelExpr, labelAngle: -30, labelLimit: 0, labelOverlap: false, grid: false } };
    const y = { field: 'emotion', type: 'quantitative' as const, title: m.t('map.legend.emotion'), scale: { domain: [min, max] }, axis: { tickMinStep: 1 } };
    const color = { field: 'journey', type: 'nominal' as const, title: null, scale: { domain: names, range: names.map((_, i) => i === 0 ? theme.muted : theme.line) }, legend: { orient: 'top' as const } };
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        description: m.t('map.compare.emotions'),
        width: Math.max(420, columns * 48),
        height: 170,
        data: { values },
        config: config(theme, m),
        layer: [
            { data: { values: [{}] }, mark: { type: 'rule', color: theme.grid, strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
            { mark: { type: 'line', interpolate: 'linear', strokeWidth: 2, point: { filled: true, size: 50 } }, encoding: { x, y, color, detail: { field: 'journey' }, tooltip: [{ field: 'journey' }, { field: 'touchpoint' }, { field: 'label', title: m.t('map.legend.emotion') }] } }
        ]
    } as TopLevelSpec;
}

/** Every chart of the payload's shown journeys, keyed by the `data-chart` id of its placeholder. */
export function chartSpecs(payload: PreviewPayload, theme: ChartTheme = LIGHT_THEME): Record<string, TopLevelSpec> {
    const specs: Record<string, TopLevelSpec> = {};
    const m = payloadMessages(payload);
    for (const group of journeyGroups(payload)) {
        if (group.length > 1) specs[domId('emotions', group[0].id)] = comparedEmotionsSpec(payload, group, theme);
    }
    for (const journey of journeyGroups(payload).flat()) {
        if (hasEmotionChart(journey)) {
            specs[domId('emotion', journey.id)] = emotionCurveSpec(journey, theme, m);
        }
        for (const kpi of journey.kpis) {
            const view = kpiView(payload, kpi, journey);
            if (view.result?.points.length) specs[domId('kpi', journey.id, kpi.id)] = kpiChartSpec(view, theme, m);
        }
    }
    return specs;
}

/**
 * A chart as Vega draws it: the Vega-Lite spec compiled, every mark left out of the accessibility
 * tree. Vega names marks by their type in English ("line mark container"); the chart as a whole
 * is named by its `description`, in the reader's language (the webview and the SVG export both
 * draw from here).
 */
export function vegaSpec(spec: TopLevelSpec): VegaSpec {
    const compiled = compile(spec).spec;
    const hide = (marks: unknown[] | undefined) => {
        for (const mark of (marks ?? []) as Array<{ aria?: boolean; marks?: unknown[] }>) {
            mark.aria = false;
            hide(mark.marks);
        }
    };
    hide(compiled.marks);
    return compiled;
}
