/**
 * What a journey's map shows, computed once for every drawing of it: the columns (one per
 * touchpoint, one for a stage without touchpoints), the stages above them, and each lane, top
 * to bottom, with what its cells hold: titles resolved, emotions placed on the journey's scale
 * with their tone and label, owners inherited or not, the service-blueprint lanes with the line
 * of visibility, KPIs where they are scoped. map-html.ts and map-svg.ts only serialize this;
 * vega-specs.ts colours the emotion chart with the same tones.
 */
import type { BlueprintModel, JourneyModel, OutcomeModel, PainPointModel, ResearchModel, StageModel, TouchpointModel, WorkspaceModel } from '../language/model/journey-model.js';
import type { KpiStatus } from '../language/model/kpi-results.js';
import { STAGE_FACTS, TOUCHPOINT_FACTS, referenceTitle, conditionalEmotionText, emotionText, factItems, factOf, factWord, summaryFacts, type EmotionParts } from '../language/model/journey-facts.js';
import { signed } from '../language/model/kpi-semantics.js';
import { STATUS_COLORS } from './palette.js';
import { messages, type Locale, type MessageKey, type Messages } from '../language/i18n/i18n.js';
import { deadlineWords, timingWords } from '../language/model/timing-words.js';
import { kpiView, payloadMessages, type KpiView, type PreviewPayload } from './preview-data.js';

export interface MapColumn {
    stage: StageModel;
    /** Absent for a stage without touchpoints, which still gets a column. */
    touchpoint?: TouchpointModel;
    /** A blank column that keeps the stage as wide as its counterpart in the compared journey. */
    filler?: boolean;
    /** The stage's only column when the filter hides all its touchpoints: how many are hidden. */
    hidden?: number;
}

/** The persona or segment and the tag chosen in the map's filters ('' or absent: all). */
export interface MapFilter {
    audience?: string;
    tag?: string;
}

/**
 * The filters' rule, the same for dimming (the preview script reads it from the cards' data) and
 * hiding: a touchpoint for no one in particular is for everyone; a stage's tags count for its touchpoints.
 */
export function touchpointApplies(touchpoint: TouchpointModel, stage: StageModel, filter: MapFilter): boolean {
    const audience = touchpoint.segments ?? [];
    if (filter.audience && audience.length && !audience.includes(filter.audience)) return false;
    return !filter.tag || (stage.tags ?? []).includes(filter.tag) || (touchpoint.tags ?? []).includes(filter.tag);
}

export interface MapStage {
    stage: StageModel;
    /** 1-based, in journey order. */
    number: number;
    /** First column and number of columns. */
    start: number;
    span: number;
    /** The stage owner's title. */
    owner?: string;
    /** The stage's summary facts of the facts table (its tags), in its order. */
    facts: { word: string; text: string }[];
    /** The compared journey has this stage, this one does not: its place is kept, empty. */
    absent?: boolean;
    /** Its touchpoints in no set order or at the same time (`order any|parallel`), in the reader's words. */
    order?: string;
    /** Its summary facts (`only if …`, `optional`), timing and deadline, as "word text" in the reader's words (`deadline J-90 before "Move"`). */
    when: { word: string; text: string }[];
}

/** One stage's place when journeys are compared: its id, title and the columns it takes in each. */
export interface StageSlot {
    id: string;
    title: string;
    span: number;
}

/**
 * The stages of compared journeys lined up: the first journey's stages in order, a stage of
 * another journey after the stage it follows there, matched by id (else by title); each as
 * wide as its widest version, so the maps drawn from it have their stages one above the other.
 */
export function alignStages(journeys: JourneyModel[]): StageSlot[] {
    const slots: StageSlot[] = [];
    const keyOf = (stage: StageModel) => slots.find(s => s.id === stage.id) ?? slots.find(s => s.title.toLowerCase() === stage.title.toLowerCase());
    for (const journey of journeys) {
        let after = -1;
        for (const stage of journey.stages) {
            const span = Math.max(1, stage.touchpoints.length);
            const slot = keyOf(stage);
            if (slot) {
                slot.span = Math.max(slot.span, span);
                after = slots.indexOf(slot);
            } else {
                slots.splice(after + 1, 0, { id: stage.id, title: stage.title, span });
                after++;
            }
        }
    }
    return slots;
}

export interface TouchpointCard {
    touchpoint: TouchpointModel;
    channels: { id: string; title: string; kind?: 'online' | 'offline' }[];
    /** Titles of the personas, teams, roles and organisations acting. */
    actors: string[];
    /** Ids of the personas and segments it is for (none: every customer), for the preview's filter. */
    audience: string[];
    /** `Family.Tag` ids of its tags and of its stage's, for the preview's filter. */
    tags: string[];
    /** The touchpoint's summary facts of the facts table ("duration 2 days"), in its order. */
    facts: { word: string; text: string }[];
}

export type EmotionTone = 'positive' | 'negative' | 'neutral';

/** A tone is drawn in the colour of a KPI status: good, bad, neither. */
export const EMOTION_TONE_STATUS: Record<EmotionTone, KpiStatus> = { positive: 'met', negative: 'missed', neutral: 'no-data' };
export const EMOTION_COLORS: Record<EmotionTone, string> = {
    positive: STATUS_COLORS[EMOTION_TONE_STATUS.positive],
    negative: STATUS_COLORS[EMOTION_TONE_STATUS.negative],
    neutral: STATUS_COLORS[EMOTION_TONE_STATUS.neutral]
};

/** A journey has an emotion chart when one of its touchpoints, or a stage with touchpoints, says an emotion. */
export function hasEmotionChart(journey: JourneyModel): boolean {
    return journey.stages.some(s => s.touchpoints.length > 0 && (s.emotion !== undefined || s.touchpoints.some(t => t.emotion !== undefined)));
}

export function emotionTone(value: number): EmotionTone {
    return value > 0 ? 'positive' : value < 0 ? 'negative' : 'neutral';
}

export interface EmotionPoint {
    /** The column it stands over: a touchpoint's, or the middle of a stage's columns (may be a half). */
    column: number;
    /** The touchpoint whose emotion this is; absent for a stage's own emotion. */
    touchpoint?: TouchpointModel;
    /** The stage whose own emotion this is (`emotion -1` in the stage). */
    stage?: StageModel;
    /** Columns it spans from `start`: 1 for a touchpoint, the stage's for a stage. */
    start: number;
    span: number;
    /** Joined by the curve: a touchpoint's, or a stage's when none of its touchpoints says an emotion. */
    joined: boolean;
    /** What it is said of, its line, and whether it is a moment of truth. */
    title: string;
    line: number;
    momentOfTruth: boolean;
    /** The number placed: as written, or a range's middle. */
    value: number;
    /** `+2`, `0`, `-1`; a range `+1…+2`. */
    label: string;
    /** As a person reads it, word included: `+1 to +2 “relief”`. */
    text: string;
    /** The emotion's word ("relief"). */
    word?: string;
    tone: EmotionTone;
    /** Centre of the column, as a fraction of the lane's width. */
    x: number;
    /** Place on the journey's scale, as a fraction of the lane's height from the top (its maximum). */
    y: number;
    /** For a range: the places of its ends (fractions from the top: `top` is the higher emotion). */
    range?: { top: number; bottom: number };
}

/** One item of what a stage or the journey says from the customer's side (its goal, a quote…), in the facts table's words. */
export interface StageVoiceItem {
    kind: 'goal' | 'expectations' | 'thoughts' | 'quotes' | 'emotionsIf' | 'opportunities';
    word: string;
    text: string;
}

/** What a stage says besides its touchpoints: the customer's view, its pain points, whether it is a moment of truth. */
export interface StageVoice {
    items: StageVoiceItem[];
    pains: PainPointModel[];
    momentOfTruth: boolean;
}

export type BlueprintKey = keyof BlueprintModel;

/** Service-blueprint lanes, top to bottom; the line of visibility runs above the first one below it. */
export const BLUEPRINT_LANES: readonly { key: BlueprintKey; label: MessageKey; belowVisibility: boolean }[] = [
    { key: 'evidence', label: 'map.lane.evidence', belowVisibility: false },
    { key: 'customerActions', label: 'map.lane.customerActions', belowVisibility: false },
    { key: 'frontstage', label: 'map.lane.frontstage', belowVisibility: false },
    { key: 'backstage', label: 'map.lane.backstage', belowVisibility: true },
    { key: 'supportSystems', label: 'map.lane.supportSystems', belowVisibility: true }
];

export type MapLane =
    | { kind: 'touchpoints'; label: string; cells: (TouchpointCard | undefined)[] }
    /** Under the touchpoints: their outcomes as arrows from card to card, on `tracks` levels (flowLayout). */
    | { kind: 'flows'; label: string; tracks: number; flows: MapFlow[] }
    | {
        kind: 'emotion'; label: string; scale: { min: number; max: number };
        /** Where 0 lies (fraction from the top), when the scale has values on both sides. */
        zero?: number;
        points: EmotionPoint[];
    }
    | { kind: 'pains'; label: string; cells: PainPointModel[][] }
    /** One cell per stage (as `stages`): what the stage itself says of the customer. */
    | { kind: 'stage-voice'; label: string; cells: StageVoice[] }
    | { kind: 'text'; key: 'opportunities' | BlueprintKey; label: string; cells: string[][] }
    | { kind: 'owners'; label: string; cells: ({ title: string; inherited: boolean } | undefined)[] }
    | { kind: 'visibility'; label: string }
    /** One cell per stage (as `stages`). */
    | { kind: 'stage-kpis'; label: string; cells: KpiView[][] }
    /** One cell per column: KPIs scoped to its touchpoint or to one of its channels. */
    | { kind: 'kpis'; label: string; cells: KpiView[][] };

/**
 * One outcome drawn as an arrow under the cards: down from its touchpoint's card, along its track,
 * up into the card of the step it leads to (a stage: its first column). Places are in columns
 * from the map's left edge (3.5 is the middle of the fourth column), so the HTML map (percent of
 * the lane) and the SVG map (pixels) draw the same picture.
 */
export interface MapFlow {
    touchpoint: TouchpointModel;
    outcome: OutcomeModel;
    /** The columns of the touchpoint and of the step it leads to. */
    from: number;
    to: number;
    /** The title of the step it leads to. */
    step: string;
    /** It leads back (a resubmission): drawn dashed, its label marked ↺. */
    loop: boolean;
    /** 0 for the track nearest the cards. */
    track: number;
    /** Where its two legs stand (columns). */
    startX: number;
    endX: number;
    /** The middle of its label and the width it may take (columns): a stretch of its track no other leg crosses. */
    labelX: number;
    labelWidth: number;
}

/** Flows past this many tracks are not drawn (their cards still say where they lead). */
export const MAX_FLOW_TRACKS = 8;
/** How far a column's legs spread around its middle, in columns. */
const LEG_SPREAD = 0.36;

export interface JourneyMap {
    journey: JourneyModel;
    columns: MapColumn[];
    stages: MapStage[];
    /** Below the stages, top to bottom; empty when the journey has no stage. */
    lanes: MapLane[];
    /** The journey's KPIs with their status, in order (cards and charts). */
    kpis: KpiView[];
}

/** How a stage's touchpoints follow one another, in the reader's words. */
const ORDER_WORDS: Record<NonNullable<StageModel['order']>, MessageKey> = { any: 'map.order.any', parallel: 'map.order.parallel' };

/** A study in words, for the SVG map's header: `Interviews (115 people)`. */
export function researchWords(research: ResearchModel, m: Messages): string {
    return `${research.text}${research.sample !== undefined ? ` (${m.t('map.research.sample', { sample: research.sample })})` : ''}`;
}

export function titleIn(list: { id: string; title: string }[], id: string): string {
    return list.find(item => item.id === id)?.title ?? id;
}

/** A scope reference written `Id` or `Journey.Id` designates this journey's element `id`. */
export function sameRef(ref: string | undefined, id: string, journey: JourneyModel): boolean {
    return ref === id || ref === `${journey.id}.${id}`;
}

/**
 * `stages`: draw only the stages with these ids (keeping their numbers), when the journey has some of them.
 * `slots`: lay the stages out on these (alignStages), for a journey drawn above the one it is compared with.
 */
export function journeyMap(payload: PreviewPayload, journey: JourneyModel, options: { stages?: string[]; slots?: StageSlot[]; hide?: MapFilter } = {}): JourneyMap {
    const model = payload.model;
    const m = payloadMessages(payload);
    const kpis = journey.kpis.map(kpi => kpiView(payload, kpi, journey));
    const numbered = journey.stages.map((stage, index) => ({ stage, number: index + 1 }));
    const chosen = numbered.filter(({ stage }) => options.stages?.includes(stage.id));
    let drawn: { stage: StageModel; number: number; span?: number; absent?: boolean }[] = chosen.length ? chosen : numbered;
    if (options.slots) {
        const own = (slot: StageSlot) => numbered.find(n => n.stage.id === slot.id) ?? numbered.find(n => n.stage.title.toLowerCase() === slot.title.toLowerCase());
        drawn = options.slots.map(slot => {
            const found = own(slot);
            return found ? { ...found, span: slot.span }
                : { stage: { id: slot.id, title: slot.title, touchpoints: [], file: journey.file, line: journey.line }, number: 0, span: slot.span, absent: true };
        });
    }
    // Hidden by the filters: the touchpoints left out are not drawn at all (their stage keeps one column, saying how many).
    const hidden = new Map<StageModel, number>();
    if (options.hide && (options.hide.audience || options.hide.tag)) {
        const only = options.hide;
        drawn = drawn.map(item => {
            const shown = item.stage.touchpoints.filter(touchpoint => touchpointApplies(touchpoint, item.stage, only));
            if (shown.length === item.stage.touchpoints.length) return item;
            const stage = { ...item.stage, touchpoints: shown };
            hidden.set(stage, item.stage.touchpoints.length - shown.length);
            return { ...item, stage };
        });
    }
    const columns: MapColumn[] = [];
    const stages: MapStage[] = [];
    for (const { stage, number, span: slotSpan, absent } of drawn) {
        const span = Math.max(1, stage.touchpoints.length, slotSpan ?? 0);
        stages.push({
            stage, number, start: columns.length, span, ...(stage.owner ? { owner: titleIn(model.teams, stage.owner) } : {}), ...(absent ? { absent } : {}),
            ...(stage.order && !absent ? { order: m.t(ORDER_WORDS[stage.order]) } : {}),
            when: absent ? [] : whenFacts(stage, journey, m.locale),
            // The other summary facts of the table (its tags); the order has its words above.
            facts: summaryFacts(STAGE_FACTS.filter(fact => fact.field !== 'order'), stage, m.locale, model)
        });
        stage.touchpoints.forEach(touchpoint => columns.push({ stage, touchpoint }));
        if (!stage.touchpoints.length && !absent) columns.push({ stage, ...(hidden.has(stage) ? { hidden: hidden.get(stage) } : {}) });
        while (columns.length < stages[stages.length - 1].start + span) columns.push({ stage, filler: true });
    }
    const lanes: MapLane[] = columns.length === 0 ? [] : [
        ...stageVoiceLane(stages, m),
        { kind: 'touchpoints', label: m.t('map.lane.touchpoints'), cells: columns.map(c => c.touchpoint && touchpointCard(c.touchpoint, c.stage, journey, model, m.locale)) },
        ...flowLane(journey, stages, columns, m),
        emotionLane(journey, stages, columns, m),
        { kind: 'pains', label: m.t('map.lane.pains'), cells: columns.map(c => c.touchpoint?.painPoints ?? []) },
        ...(columns.some(c => c.touchpoint?.opportunities.length)
            ? [{ kind: 'text' as const, key: 'opportunities' as const, label: m.t('map.lane.opportunities'), cells: columns.map(c => c.touchpoint?.opportunities ?? []) }] : []),
        ...ownersLane(columns, model, m),
        ...blueprintLanes(columns, m),
        ...kpiLanes(journey, stages, columns, kpis, m)
    ];
    return { journey, columns, stages, lanes, kpis };
}

/** A stage's or touchpoint's title from its id (`Id` or `Journey.Id`); the id when unknown. */
function stepTitle(journey: JourneyModel): (id: string) => string {
    // Built at the first look-up only: every card asks for one, few cards have a timing or an
    // outcome to name (built eagerly, it made a 300-card map ten times slower to draw).
    let titles: Map<string, string> | undefined;
    return id => {
        if (!titles) {
            titles = new Map();
            for (const step of [...journey.stages, ...journey.stages.flatMap(s => s.touchpoints)]) if (!titles.has(step.id)) titles.set(step.id, step.title);
        }
        // `Journey.Id` names a step of this journey too (sameRef).
        return titles.get(id) ?? (id.startsWith(`${journey.id}.`) ? titles.get(id.slice(journey.id.length + 1)) : undefined) ?? id;
    };
}

/** A touchpoint's outcomes, "word text": `"incomplete" ↺ back to "Relance"`. */
function outcomeFacts(touchpoint: TouchpointModel, journey: JourneyModel, locale: Locale): { word: string; text: string }[] {
    const titleOf = stepTitle(journey);
    const m = messages(locale);
    return (touchpoint.outcomes ?? []).map(outcome => ({
        word: outcome.title,
        text: outcome.leadsTo ? m.t('map.outcome', { loop: outcome.loop ? 'yes' : 'no', step: titleOf(outcome.leadsTo) }) : ''
    }));
}

/**
 * The outcomes that lead to a step drawn on this map, laid out under the cards: each on a track
 * (shortest first, on the first track where no other flow shares one of its columns), the legs
 * of a column spread around its middle (the flows going left on the left, the nearest track
 * outermost, so legs do not cross the tracks of their own column's flows), each label on the
 * widest stretch of its track that no leg reaching that deep crosses.
 */
export function flowLayout(journey: JourneyModel, stages: MapStage[], columns: MapColumn[]): { flows: MapFlow[]; tracks: number } {
    const titleOf = stepTitle(journey);
    const columnOf = (id: string): number | undefined => {
        const at = columns.findIndex(c => c.touchpoint && sameRef(id, c.touchpoint.id, journey));
        if (at >= 0) return at;
        const stage = stages.find(s => !s.absent && sameRef(id, s.stage.id, journey));
        return stage && !columns[stage.start].filler ? stage.start : undefined;
    };
    type Draft = Omit<MapFlow, 'track' | 'startX' | 'endX' | 'labelX' | 'labelWidth'> & Partial<MapFlow>;
    const drafts: Draft[] = [];
    columns.forEach((column, from) => {
        for (const outcome of column.touchpoint?.outcomes ?? []) {
            const to = outcome.leadsTo === undefined ? undefined : columnOf(outcome.leadsTo);
            if (to === undefined) continue;
            drafts.push({ touchpoint: column.touchpoint!, outcome, from, to, step: titleOf(outcome.leadsTo!), loop: outcome.loop === true || to <= from });
        }
    });
    const low = (f: Draft) => Math.min(f.from, f.to);
    const high = (f: Draft) => Math.max(f.from, f.to);
    const taken: Draft[][] = [];
    for (const flow of [...drafts].sort((a, b) => (high(a) - low(a)) - (high(b) - low(b)) || low(a) - low(b))) {
        const track = [...taken.keys(), taken.length].find(t => !(taken[t] ?? []).some(other => low(other) <= high(flow) && low(flow) <= high(other)))!;
        if (track >= MAX_FLOW_TRACKS) continue;
        (taken[track] ??= []).push(flow);
        flow.track = track;
    }
    const placed = drafts.filter(f => f.track !== undefined) as (Draft & { track: number })[];
    // The legs of each column: going left first (nearest track outermost), then going right (nearest track outermost).
    const legs = new Map<number, { flow: Draft & { track: number }; end: 'start' | 'end'; left: boolean }[]>();
    for (const flow of placed) {
        for (const end of ['start', 'end'] as const) {
            const column = end === 'start' ? flow.from : flow.to;
            const other = end === 'start' ? flow.to : flow.from;
            const list = legs.get(column) ?? [];
            list.push({ flow, end, left: other < column || (other === column && end === 'end') });
            legs.set(column, list);
        }
    }
    for (const [column, list] of legs) {
        list.sort((a, b) => a.left !== b.left ? (a.left ? -1 : 1) : a.left ? a.flow.track - b.flow.track : b.flow.track - a.flow.track);
        const spread = Math.min(LEG_SPREAD, 0.12 * (list.length - 1));
        list.forEach((leg, i) => {
            const x = column + 0.5 + (list.length > 1 ? -spread / 2 + spread * i / (list.length - 1) : 0);
            if (leg.end === 'start') leg.flow.startX = x; else leg.flow.endX = x;
        });
    }
    for (const flow of placed) {
        // Legs reaching this track: its own, and those of the flows on it or deeper.
        const left = Math.min(flow.startX!, flow.endX!);
        const right = Math.max(flow.startX!, flow.endX!);
        const crossing = placed.filter(other => other !== flow && other.track >= flow.track).flatMap(other => [other.startX!, other.endX!])
            .filter(x => x > left && x < right).sort((a, b) => a - b);
        const stops = [left, ...crossing, right];
        let best = { x: left, width: -1 };
        for (let i = 0; i + 1 < stops.length; i++) {
            const width = stops[i + 1] - stops[i];
            if (width > best.width) best = { x: (stops[i] + stops[i + 1]) / 2, width };
        }
        flow.labelX = best.x;
        // A flow to its own column has no stretch of its own: its label takes the middle of the column.
        flow.labelWidth = Math.max(0.3, best.width - 0.06);
    }
    return { flows: placed as MapFlow[], tracks: taken.length };
}

function flowLane(journey: JourneyModel, stages: MapStage[], columns: MapColumn[], m: Messages): MapLane[] {
    const { flows, tracks } = flowLayout(journey, stages, columns);
    return flows.length ? [{ kind: 'flows', label: m.t('map.lane.flows'), tracks, flows }] : [];
}

/** A step's timing and deadline in the reader's words, the steps they name by their titles. */
function whenFacts(step: StageModel | TouchpointModel, journey: JourneyModel, locale: Locale): { word: string; text: string }[] {
    const titleOf = stepTitle(journey);
    const m = messages(locale);
    return [
        ...(step.timing ? [{ word: m.t('fact.timing'), text: timingWords(step.timing, locale, titleOf) }] : []),
        ...(step.deadline ? [{ word: m.t('fact.deadline'), text: deadlineWords(step.deadline, locale, titleOf) }] : [])
    ];
}

function touchpointCard(touchpoint: TouchpointModel, stage: StageModel, journey: JourneyModel, model: WorkspaceModel, locale: Locale): TouchpointCard {
    return {
        touchpoint,
        channels: touchpoint.channels.map(id => {
            const channel = model.channels.find(c => c.id === id);
            return { id, title: channel?.title ?? id, ...(channel?.kind ? { kind: channel.kind } : {}) };
        }),
        actors: touchpoint.actors.map(id => referenceTitle(model, 'actor', id)),
        audience: touchpoint.segments ?? [],
        tags: [...new Set([...(stage.tags ?? []), ...(touchpoint.tags ?? [])])],
        facts: [
            ...summaryFacts(TOUCHPOINT_FACTS, touchpoint, locale, model),
            ...whenFacts(touchpoint, journey, locale),
            ...outcomeFacts(touchpoint, journey, locale),
            // Emotions under a condition: the curve draws the one said without.
            ...(touchpoint.emotionsIf ?? []).map(emotion => ({ word: factWord(EMOTION_FACT, locale), text: conditionalEmotionText(emotion, locale) }))
        ]
    };
}

const EMOTION_FACT = factOf('touchpoint', 'emotion')!;

/** The stage facts drawn in the stage's lane, in the facts table's order. */
const STAGE_VOICE_FIELDS: readonly StageVoiceItem['kind'][] = ['goal', 'expectations', 'thoughts', 'quotes', 'emotionsIf', 'opportunities'];

/** The customer's goal, expectations, thoughts and quotes about the whole journey, drawn under its title. */
export function journeyVoice(journey: JourneyModel, locale: Locale): StageVoiceItem[] {
    return (['goal', 'expectations', 'thoughts', 'quotes'] as const).flatMap(kind => {
        const fact = factOf('journey', kind)!;
        return factItems(journey, fact).map(item => ({ kind, word: factWord(fact, locale), text: String(item) }));
    });
}

/** The lane of what stages say themselves (goal, quotes, pain points…), when one says something. */
function stageVoiceLane(stages: MapStage[], m: Messages): MapLane[] {
    const cells = stages.map(({ stage }): StageVoice => ({
        items: STAGE_VOICE_FIELDS.flatMap((kind): StageVoiceItem[] => {
            const fact = factOf('stage', kind)!;
            const word = factWord(fact, m.locale);
            if (kind === 'emotionsIf') return (stage.emotionsIf ?? []).map(emotion => ({ kind, word: factWord(EMOTION_FACT, m.locale), text: conditionalEmotionText(emotion, m.locale) }));
            return factItems(stage, fact).map(item => ({ kind, word, text: String(item) }));
        }),
        pains: stage.painPoints ?? [],
        momentOfTruth: stage.momentOfTruth === true
    }));
    if (!cells.some(cell => cell.items.length || cell.pains.length || cell.momentOfTruth)) return [];
    return [{ kind: 'stage-voice', label: m.t('map.lane.stageVoice'), cells }];
}

/**
 * The emotion curve on the journey's own scale (`emotionScale` of the model): each touchpoint's
 * emotion, and a stage's own over the middle of its columns (joined by the curve when none of its
 * touchpoints says one, else drawn across the stage); a range at its middle, with its ends.
 */
function emotionLane(journey: JourneyModel, stages: MapStage[], columns: MapColumn[], m: Messages): MapLane {
    const { min, max } = journey.emotionScale;
    const place = (value: number) => (max - value) / (max - min);
    const points: EmotionPoint[] = [];
    const point = (parts: EmotionParts & { emotion: number }, at: Pick<EmotionPoint, 'column' | 'start' | 'span' | 'joined' | 'title' | 'line' | 'momentOfTruth' | 'touchpoint' | 'stage'>): EmotionPoint => ({
        ...at,
        value: parts.emotion,
        label: parts.emotionRange ? `${signed(parts.emotionRange.min)}…${signed(parts.emotionRange.max)}` : signed(parts.emotion),
        text: emotionText(parts, m.locale),
        ...(parts.emotionWord !== undefined ? { word: parts.emotionWord } : {}),
        tone: emotionTone(parts.emotion),
        x: (at.column + 0.5) / columns.length,
        y: place(parts.emotion),
        ...(parts.emotionRange ? { range: { top: place(parts.emotionRange.max), bottom: place(parts.emotionRange.min) } } : {})
    });
    for (const { stage, start, span, absent } of stages) {
        if (absent) continue;
        const own = stage.emotion;
        const touchpointsFelt = stage.touchpoints.some(touchpoint => touchpoint.emotion !== undefined);
        if (own !== undefined) {
            // Across touchpoints that have their own, its marker stands on a column border (a quarter into a lone column), not on theirs.
            const column = !touchpointsFelt ? start + (span - 1) / 2 : span === 1 ? start - 0.25 : start + Math.floor(span / 2) - 0.5;
            points.push(point({ ...stage, emotion: own }, {
                column, start, span, joined: !touchpointsFelt, stage,
                title: stage.title, line: stage.line, momentOfTruth: stage.momentOfTruth === true
            }));
        }
        columns.forEach((column, index) => {
            const touchpoint = column.touchpoint;
            if (column.stage !== stage || !touchpoint || touchpoint.emotion === undefined) return;
            points.push(point({ ...touchpoint, emotion: touchpoint.emotion }, {
                column: index, start: index, span: 1, joined: true, touchpoint, title: touchpoint.title, line: touchpoint.line, momentOfTruth: touchpoint.momentOfTruth
            }));
        });
    }
    points.sort((a, b) => a.x - b.x);
    return { kind: 'emotion', label: m.t('map.lane.emotion'), scale: { min, max }, ...(min < 0 && max > 0 ? { zero: place(0) } : {}), points };
}

/** The touchpoint's owner, else its stage's (inherited); only when someone owns something. */
function ownersLane(columns: MapColumn[], model: WorkspaceModel, m: Messages): MapLane[] {
    if (!columns.some(c => c.touchpoint?.owner || c.stage.owner)) return [];
    return [{
        kind: 'owners', label: m.t('map.lane.owners'), cells: columns.map(c => {
            const own = c.touchpoint?.owner;
            if (own) return { title: referenceTitle(model, 'performer', own), inherited: false };
            return c.stage.owner ? { title: titleIn(model.teams, c.stage.owner), inherited: true } : undefined;
        })
    }];
}

/** The blueprint lanes the journey fills, with the line of visibility before the first one below it. */
function blueprintLanes(columns: MapColumn[], m: Messages): MapLane[] {
    const lanes: MapLane[] = [];
    let visibilityDrawn = false;
    for (const { key, label, belowVisibility } of BLUEPRINT_LANES) {
        if (!columns.some(c => c.touchpoint?.blueprint[key].length)) continue;
        if (belowVisibility && !visibilityDrawn) {
            lanes.push({ kind: 'visibility', label: m.t('map.lane.visibility') });
            visibilityDrawn = true;
        }
        lanes.push({ kind: 'text', key, label: m.t(label), cells: columns.map(c => c.touchpoint?.blueprint[key] ?? []) });
    }
    return lanes;
}

/** KPIs where they are scoped: a stage's under the stage, a touchpoint's or a channel's under the touchpoints. */
function kpiLanes(journey: JourneyModel, stages: MapStage[], columns: MapColumn[], kpis: KpiView[], m: Messages): MapLane[] {
    const lanes: MapLane[] = [];
    const byStage = kpis.filter(k => k.kpi.scope.level === 'stage');
    if (byStage.length) {
        lanes.push({ kind: 'stage-kpis', label: m.t('map.lane.stageKpis'), cells: stages.map(s => byStage.filter(k => sameRef(k.kpi.scope.ref, s.stage.id, journey))) });
    }
    const byColumn = kpis.filter(k => k.kpi.scope.level === 'touchpoint' || k.kpi.scope.level === 'channel');
    if (byColumn.length) {
        lanes.push({
            kind: 'kpis', label: m.t('map.lane.kpis'), cells: columns.map(({ touchpoint }) => !touchpoint ? [] : byColumn.filter(k =>
                (k.kpi.scope.level === 'touchpoint' && sameRef(k.kpi.scope.ref, touchpoint.id, journey))
                || (k.kpi.scope.level === 'channel' && touchpoint.channels.includes(k.kpi.scope.ref!))))
        });
    }
    return lanes;
}
