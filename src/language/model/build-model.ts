import type { AstNode, Reference } from 'langium';
import {
    isCountMeasure, isDurationMeasure, isFlowMeasure, isJourney, isShareMeasure, isSimpleMeasure,
    type BlueprintLane, type Channel, type Emotion, type Journey, type PainPoint, type Kpi, type Measure, type Model, type Organisation, type Persona, type Research, type Role,
    type Segment, type Source, type Stage, type TagFamily, type Target, type Team, type Touchpoint, type Window, type Timing, type Deadline, type TimeOffset, type Outcome, isStage, isTouchpoint
} from '../generated/ast.js';
import { isJourneyMember, owningJourney } from '../journey-naming.js';
import { lineOf, sourceTextOf } from '../source-positions.js';
import {
    comparatorSymbol, effectiveEmotionScale, defaultUnit, effectiveDirection, normalizeComparator, normalizeUnit, quantityText, toHours,
    type CanonicalUnit, type DirectionValue, type EmotionScale, type KpiKind
} from './kpi-semantics.js';
import {
    SCHEMA_VERSION, type BaselineModel, type BlueprintModel, type EmotionRangeModel, type PainPointModel, type Severity, type CatalogEntry, type ChannelModel, type JourneyModel, type KpiModel, type KpiScopeModel,
    type MeasureModel, type QuantityModel, type ResearchModel, type SourceModel, type TagFamilyModel, type TimingModel, type DeadlineModel, type OutcomeModel, type TimeOffsetModel, type TimeUnitName, type StageModel, type TargetModel, type TouchpointModel, type WindowModel, type WorkspaceModel
} from './journey-model.js';

/** Turns a document URI into the `file` written in the model (workspace-relative). */
export type FileNamer = (node: AstNode) => string;

/** What one document contributes to the workspace model. */
export type DocumentEntries = Pick<WorkspaceModel, (typeof ENTRY_KEYS)[number]>;

export interface ModelOptions {
    /** The workspace's emotion scale (the `journey.emotionScale` setting), for journeys that declare none. */
    emotionScale?: EmotionScale;
}

/**
 * Builds the workspace model from parsed and linked documents. Elements are listed in file
 * order, files in the order given. With `cache`, each document's entries are taken from it when
 * there, and put in it otherwise: the caller removes the documents whose AST or links changed
 * (and keeps one cache per `options`).
 */
export function buildWorkspaceModel(models: Model[], fileOf: FileNamer, cache?: WeakMap<Model, DocumentEntries>, options: ModelOptions = {}): WorkspaceModel {
    const builder = new ModelBuilder(fileOf, options);
    const workspace: WorkspaceModel = {
        schemaVersion: SCHEMA_VERSION, ...emptyEntries()
    };
    for (const model of models) {
        let entries = cache?.get(model);
        if (!entries) {
            entries = builder.document(model);
            cache?.set(model, entries);
        }
        for (const key of ENTRY_KEYS) for (const entry of entries[key]) (workspace[key] as unknown[]).push(entry);
    }
    return workspace;
}

const ENTRY_KEYS = ['journeys', 'channels', 'personas', 'segments', 'teams', 'roles', 'organisations', 'tagFamilies', 'kpis', 'sources'] as const;

function emptyEntries(): DocumentEntries {
    return { journeys: [], channels: [], personas: [], segments: [], teams: [], roles: [], organisations: [], tagFamilies: [], kpis: [], sources: [] };
}

class ModelBuilder {
    constructor(private readonly fileOf: FileNamer, private readonly options: ModelOptions = {}) {}

    document(model: Model): DocumentEntries {
        const entries = emptyEntries();
        for (const element of model.elements) {
            switch (element.$type) {
                case 'Channel': entries.channels.push(this.channel(element as Channel)); break;
                case 'Persona': entries.personas.push(this.entry(element as Persona)); break;
                case 'Segment': entries.segments.push(this.entry(element as Segment)); break;
                case 'Team': entries.teams.push(this.entry(element as Team)); break;
                case 'Role': entries.roles.push(this.entry(element as Role)); break;
                case 'Organisation': entries.organisations.push(this.entry(element as Organisation)); break;
                case 'TagFamily': entries.tagFamilies.push(this.tagFamily(element as TagFamily)); break;
                case 'Kpi': entries.kpis.push(this.kpi(element as Kpi)); break;
                case 'Source': entries.sources.push(this.source(element as Source)); break;
                case 'Journey': entries.journeys.push(this.journey(element as Journey)); break;
            }
        }
        return entries;
    }

    private located(node: AstNode): { file: string; line: number } {
        return { file: this.fileOf(node), line: lineOf(node) };
    }

    entry(node: Persona | Segment | Team | Role | Organisation | TagFamily | Channel | Journey | Source): CatalogEntry {
        return {
            id: node.name,
            title: node.title ?? node.name,
            ...optional('description', node.description),
            ...this.located(node)
        };
    }

    channel(channel: Channel): ChannelModel {
        return { ...this.entry(channel), ...optional('kind', channel.kind) };
    }

    tagFamily(family: TagFamily): TagFamilyModel {
        return { ...this.entry(family), tags: family.tags.map(tag => ({ id: tag.name, title: tag.title ?? tag.name })) };
    }

    journey(journey: Journey): JourneyModel {
        const scale = effectiveEmotionScale(journey.scale, this.options.emotionScale);
        const tracked = journey.tracked.map(ref => ref.ref).filter((kpi): kpi is Kpi => kpi !== undefined);
        return {
            ...this.entry(journey),
            ...optional('state', journey.state),
            ...optional('improves', journey.improves ? refId(journey.improves, journey) : undefined),
            personas: journey.personas.map(ref => refId(ref, journey)),
            ...optional('owner', journey.owner ? refId(journey.owner, journey) : undefined),
            emotionScale: { min: scale.min, max: scale.max },
            ...customerView(journey),
            ...optional('research', journey.research.length ? journey.research.map(research) : undefined),
            stages: journey.stages.map(stage => this.stage(stage)),
            kpis: [...journey.kpis.map(kpi => this.kpi(kpi)), ...tracked.map(kpi => ({ ...this.kpi(kpi), shared: true }))]
        };
    }

    // Stages and touchpoints are most of a model (100,000 touchpoints on 1,000 files): their
    // objects are built by assignment, in the same key order; spreading optional parts was
    // half of the model's build time.

    private stage(stage: Stage): StageModel {
        const model = { id: stage.name, title: stage.title ?? stage.name } as StageModel;
        if (stage.description !== undefined) model.description = stage.description;
        if (stage.owner) model.owner = refId(stage.owner, stage);
        if (stage.order) model.order = stage.order as 'any' | 'parallel';
        if (stage.timing) model.timing = timingModel(stage.timing, stage);
        if (stage.deadline) model.deadline = deadlineModel(stage.deadline, stage);
        Object.assign(model, customerView(stage));
        Object.assign(model, feltEmotions(stage.emotions));
        if (stage.painPoints.length) model.painPoints = stage.painPoints.map(painPoint);
        if (stage.momentOfTruth) model.momentOfTruth = true;
        if (stage.opportunities.length) model.opportunities = [...stage.opportunities];
        if (stage.tags.length) model.tags = stage.tags.map(ref => ref.$refText.replace(/\s+/g, ''));
        if (stage.condition !== undefined) model.condition = stage.condition;
        if (stage.optional) model.optional = true;
        model.file = this.fileOf(stage);
        model.line = lineOf(stage);
        model.touchpoints = stage.touchpoints.map(touchpoint => this.touchpoint(touchpoint));
        return model;
    }

    private touchpoint(touchpoint: Touchpoint): TouchpointModel {
        const model = { id: touchpoint.name, title: touchpoint.title ?? touchpoint.name } as TouchpointModel;
        if (touchpoint.description !== undefined) model.description = touchpoint.description;
        model.channels = touchpoint.channels.map(ref => refId(ref, touchpoint));
        if (touchpoint.owner) model.owner = refId(touchpoint.owner, touchpoint);
        model.actors = touchpoint.actors.map(ref => refId(ref, touchpoint));
        Object.assign(model, feltEmotions(touchpoint.emotions));
        model.painPoints = touchpoint.painPoints.map(painPoint);
        model.momentOfTruth = touchpoint.momentOfTruth;
        model.opportunities = [...touchpoint.opportunities];
        model.blueprint = blueprint(touchpoint.lanes);
        if (touchpoint.duration !== undefined) model.duration = touchpoint.duration;
        if (touchpoint.timing) model.timing = timingModel(touchpoint.timing, touchpoint);
        if (touchpoint.deadline) model.deadline = deadlineModel(touchpoint.deadline, touchpoint);
        Object.assign(model, customerView(touchpoint));
        if (touchpoint.segments.length) model.segments = touchpoint.segments.map(ref => refId(ref, touchpoint));
        if (touchpoint.tags.length) model.tags = touchpoint.tags.map(ref => ref.$refText.replace(/\s+/g, ''));
        if (touchpoint.condition !== undefined) model.condition = touchpoint.condition;
        if (touchpoint.optional) model.optional = true;
        if (touchpoint.outcomes.length) model.outcomes = touchpoint.outcomes.map(outcome => outcomeModel(outcome, touchpoint));
        model.file = this.fileOf(touchpoint);
        model.line = lineOf(touchpoint);
        return model;
    }

    kpi(kpi: Kpi): KpiModel {
        const kind = (kpi.measure?.kind ?? 'unspecified') as KpiKind | 'unspecified';
        const unit = kpiUnit(kpi);
        const direction = kpiDirection(kpi);
        return {
            id: kpi.name,
            title: kpi.title ?? kpi.name,
            ...optional('description', kpi.description),
            kind,
            ...optional('measure', kpi.measure ? measure(kpi.measure, kpi) : undefined),
            ...optional('unit', unit),
            scope: scope(kpi),
            ...optional('direction', direction),
            ...optional('mode', kpi.mode),
            ...optional('frequency', kpi.frequency),
            ...optional('owner', kpi.owner ? refId(kpi.owner, kpi) : undefined),
            ...optional('target', kpiTarget(kpi)),
            ...optional('data', kpi.data ? refId(kpi.data, kpi) : undefined),
            ...optional('baseline', kpi.baseline?.value?.value !== undefined ? baseline(kpi.baseline.value.value, normalizeUnit(kpi.baseline.value.unit) ?? unit, kpi.baseline.date) : undefined),
            ...optional('threshold', kpi.threshold?.value === undefined ? undefined : quantity(kpi.threshold.value, normalizeUnit(kpi.threshold.unit) ?? unit)),
            ...optional('breakdown', kpi.breakdown),
            ...optional('collectedVia', kpi.collectedVia),
            ...optional('respondent', kpi.respondent),
            ...optional('question', kpi.question),
            ...this.located(kpi)
        };
    }

    source(source: Source): SourceModel {
        return {
            ...this.entry(source),
            format: source.format as SourceModel['format'],
            path: source.path,
            columns: Object.fromEntries(source.columns.map(column => [column.field, column.name])),
            events: Object.fromEntries(source.events.map(event => [event.value, event.touchpoint])),
            ...(source.timezone ? { timezone: source.timezone } : {})
        };
    }
}

/** The customer's goal, expectations, thoughts and quotes, only those written. */
function customerView(node: Journey | Stage | Touchpoint): Pick<StageModel, 'goal' | 'expectations' | 'thoughts' | 'quotes'> {
    const view: Pick<StageModel, 'goal' | 'expectations' | 'thoughts' | 'quotes'> = {};
    if (node.goal !== undefined) view.goal = node.goal;
    if (node.expectations.length) view.expectations = [...node.expectations];
    if (node.thoughts.length) view.thoughts = [...node.thoughts];
    if (node.quotes.length) view.quotes = [...node.quotes];
    return view;
}

function painPoint(pain: PainPoint): PainPointModel {
    return pain.severity ? { text: pain.text, severity: pain.severity as Severity } : { text: pain.text };
}

/** An emotion's number, range and word as the model holds them (a range's number is its middle). */
function emotionParts(emotion: Emotion): { emotion: number; emotionRange?: EmotionRangeModel; emotionWord?: string } {
    const parts: { emotion: number; emotionRange?: EmotionRangeModel; emotionWord?: string } = { emotion: emotion.value };
    if (emotion.upTo !== undefined) {
        const min = Math.min(emotion.value, emotion.upTo);
        const max = Math.max(emotion.value, emotion.upTo);
        parts.emotion = (min + max) / 2;
        parts.emotionRange = { min, max };
    }
    if (emotion.word !== undefined) parts.emotionWord = emotion.word;
    return parts;
}

/** The emotion said without a condition (the first, if written twice), then those said with one. */
export function feltEmotions(emotions: Emotion[]): Pick<StageModel, 'emotion' | 'emotionRange' | 'emotionWord' | 'emotionsIf'> {
    const felt: Pick<StageModel, 'emotion' | 'emotionRange' | 'emotionWord' | 'emotionsIf'> = {};
    const plain = emotions.find(emotion => emotion.condition === undefined);
    if (plain) Object.assign(felt, emotionParts(plain));
    const conditional = emotions.filter(emotion => emotion.condition !== undefined);
    if (conditional.length) felt.emotionsIf = conditional.map(emotion => ({ condition: emotion.condition!, ...emotionParts(emotion) }));
    return felt;
}

function research(research: Research): ResearchModel {
    const model: ResearchModel = { text: research.text };
    if (research.sample !== undefined) model.sample = research.sample;
    if (research.link !== undefined) model.link = research.link;
    return model;
}

/** The unit a KPI's values are in: written, else its target's, else its kind's natural one. */
export function kpiUnit(kpi: Kpi): CanonicalUnit | undefined {
    const kind = kpi.measure?.kind as KpiKind | undefined;
    return normalizeUnit(kpi.unit) ?? normalizeUnit(kpi.target?.value?.unit) ?? (kind ? defaultUnit(kind) : undefined);
}

/** Which way a KPI aims: written, else its kind's, else its target comparator's. */
export function kpiDirection(kpi: Kpi): DirectionValue | undefined {
    const kind = kpi.measure?.kind as KpiKind | undefined;
    const comparator = kpi.target ? normalizeComparator(kpi.target.comparator) : undefined;
    return kind ? effectiveDirection(kind, kpi.direction as DirectionValue | undefined, comparator) : kpi.direction as DirectionValue | undefined;
}

export function kpiTarget(kpi: Kpi): TargetModel | undefined {
    return kpi.target ? target(kpi.target, kpiUnit(kpi)) : undefined;
}

function measure(measure: Measure, kpi: Kpi): MeasureModel {
    if (isShareMeasure(measure)) {
        return { kind: 'share', reached: refId(measure.reached, kpi), start: refId(measure.start, kpi), window: windowModel(measure.window) };
    }
    if (isDurationMeasure(measure)) {
        return { kind: 'duration', start: refId(measure.start, kpi), end: refId(measure.end, kpi), statistic: (measure.statistic ?? 'median') as 'median' };
    }
    if (isFlowMeasure(measure)) {
        return { kind: measure.kind as 'conversion', from: refId(measure.from, kpi), to: refId(measure.to, kpi) };
    }
    if (isCountMeasure(measure)) {
        return { kind: 'count', ...optional('of', measure.of ? refId(measure.of, kpi) : undefined), perChannel: kpi.breakdown === 'channel' };
    }
    if (isSimpleMeasure(measure)) return { kind: measure.kind as 'nps' };
    throw new Error(`Unknown measure ${(measure as AstNode).$type}`);
}

/** `J+1` and `D+1` are calendar days; `2 business days` skips weekends; `48 h` is a duration. */
export function windowModel(window: Window | undefined): WindowModel {
    if (!window) return { kind: 'calendar-days', days: 0, text: '' }; // only in text that does not parse
    const text = sourceTextOf(window)?.replace(/^within\s+/, '').replace(/\s+/g, ' ') ?? '';
    if (window.dayOffset) {
        const days = Number(window.dayOffset.slice(1)); // J-90 → -90: the validator says a window counts forward
        return window.business ? { kind: 'business-days', days, text } : { kind: 'calendar-days', days, text };
    }
    const amount = window.amount?.value ?? 0;
    if (window.business) return { kind: 'business-days', days: amount, text };
    const unit = normalizeUnit(window.amount?.unit) ?? 'hours';
    return { kind: 'duration', hours: toHours(amount, unit) ?? amount, text };
}

export function outcomeModel(outcome: Outcome, touchpoint: Touchpoint): OutcomeModel {
    const model: OutcomeModel = { id: outcome.name, title: outcome.title ?? outcome.name };
    if (outcome.target) model.leadsTo = refId(outcome.target, touchpoint);
    if (outcome.target?.ref && leadsBack(touchpoint, outcome.target.ref)) model.loop = true;
    return model;
}

/**
 * Where a step is in its journey's order: its stage's index, then its index in the stage (-1 for
 * the stage itself, which begins before its touchpoints). Undefined outside a journey.
 */
export function stepPosition(node: AstNode): [number, number] | undefined {
    const stage = isTouchpoint(node) ? node.$container : node;
    if (!isStage(stage) || !isJourney(stage.$container)) return undefined;
    return [stage.$containerIndex ?? 0, isTouchpoint(node) ? node.$containerIndex ?? 0 : -1];
}

/** `to` is `from` itself or comes before it in the same journey: going there is a loop. */
export function leadsBack(from: AstNode, to: AstNode): boolean {
    const a = stepPosition(from);
    const b = stepPosition(to);
    if (!a || !b || owningJourney(from) !== owningJourney(to)) return false;
    return b[0] < a[0] || (b[0] === a[0] && b[1] <= a[1]);
}

/** The words of a node as written, on one line. */
function writtenText(node: AstNode, keyword: string): string {
    return sourceTextOf(node)?.replace(new RegExp(`^${keyword}\\s+`), '').replace(/\s+/g, ' ') ?? '';
}

const TIME_UNITS: Record<string, TimeUnitName> = {
    min: 'minutes', minutes: 'minutes', h: 'hours', hours: 'hours', d: 'days', day: 'days', days: 'days',
    week: 'weeks', weeks: 'weeks', month: 'months', months: 'months', year: 'years', years: 'years'
};

/** `J-90` → 90 days, `day 40` → 40 days, `6 to 12 months` as written. */
export function timeOffsetModel(offset: TimeOffset | undefined): TimeOffsetModel {
    const text = offset ? writtenText(offset, '') : '';
    if (offset?.dayOffset) return { amount: Math.abs(Number(offset.dayOffset.slice(1))), unit: 'days', text };
    if (offset?.day !== undefined) return { amount: offset.day, unit: 'days', text };
    return {
        amount: offset?.amount ?? 0, ...(offset?.upTo !== undefined ? { upTo: offset.upTo } : {}),
        unit: TIME_UNITS[offset?.unit ?? ''] ?? 'days', text
    };
}

/** A `timing` fact; its references as ids (`Journey.Id` for another journey's step). */
export function timingModel(timing: Timing, from: AstNode): TimingModel {
    const text = writtenText(timing, 'timing');
    if (timing.every) return { kind: 'every', every: timing.count ?? 1, unit: TIME_UNITS[timing.period ?? ''] ?? 'days', text };
    if (timing.anyTime) return { kind: 'during', during: refId(timing.during, from), text };
    return { kind: 'relative', offset: timeOffsetModel(timing.offset), relation: timing.relation === 'before' ? 'before' : 'after', event: refId(timing.event, from), text };
}

export function deadlineModel(deadline: Deadline, from: AstNode): DeadlineModel {
    return {
        offset: timeOffsetModel(deadline.offset), relation: deadline.relation === 'before' ? 'before' : 'after',
        event: refId(deadline.event, from), text: writtenText(deadline, 'deadline')
    };
}

function target(target: Target, kpiUnit: CanonicalUnit | undefined): TargetModel {
    const comparator = normalizeComparator(target.comparator);
    const value = target.value?.value ?? 0; // absent only in text that does not parse
    const unit = normalizeUnit(target.value?.unit) ?? kpiUnit;
    return {
        comparator,
        value,
        ...optional('unit', unit),
        ...optional('deadline', target.deadline),
        ...optional('warning', target.warning?.value),
        text: `${comparatorSymbol(comparator)} ${quantityText(value, unit)}`
    };
}

function baseline(value: number, unit: CanonicalUnit | undefined, date: string | undefined): BaselineModel {
    return { ...quantity(value, unit), ...optional('date', date) };
}

function quantity(value: number, unit: CanonicalUnit | undefined): QuantityModel {
    return { value, ...optional('unit', unit) };
}

function scope(kpi: Kpi): KpiScopeModel {
    const written = kpi.scope;
    if (written?.stage) return { level: 'stage', ref: refId(written.stage, kpi) };
    if (written?.touchpoint) return { level: 'touchpoint', ref: refId(written.touchpoint, kpi) };
    if (written?.channel) return { level: 'channel', ref: refId(written.channel, kpi) };
    return { level: 'journey' };
}

function blueprint(lanes: BlueprintLane[]): BlueprintModel {
    const model: BlueprintModel = { customerActions: [], frontstage: [], backstage: [], supportSystems: [], evidence: [] };
    for (const lane of lanes) {
        const key = LANE_KEYS[lane.lane];
        if (key) model[key].push(lane.text);
    }
    return model;
}

/** The blueprint list of each lane keyword. */
const LANE_KEYS: Record<string, keyof BlueprintModel> = {
    customer: 'customerActions', frontstage: 'frontstage', backstage: 'backstage', support: 'supportSystems', evidence: 'evidence'
};

/**
 * The id written in the model for a reference: the plain id, or `Journey.Id` for a member of a
 * journey other than the referring element's own. Unresolved references keep their text.
 */
function refId(reference: Reference | undefined, from: AstNode): string {
    const target = reference?.ref;
    if (!target) return reference?.$refText ?? '';
    const name = (target as unknown as { name: string }).name;
    if (!isJourneyMember(target)) return name;
    const journey = owningJourney(target)!;
    const home = isJourney(from) ? from : owningJourney(from);
    return journey === home ? name : `${journey.name}.${name}`;
}

/** `{ key: value }` when value is defined, `{}` otherwise: keeps the JSON free of nulls. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}


