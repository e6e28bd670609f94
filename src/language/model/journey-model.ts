/**
 * The journey model: the resolved workspace as plain, JSON-able objects. Every surface (CLI
 * export, preview, metrics, diff, interop) reads this and never the syntax tree. References
 * are ids; a stage, touchpoint or KPI of another journey is referred to as `Journey.Id`.
 *
 * Versioned: `schemaVersion` changes when a field changes meaning or disappears.
 */
import type { CanonicalUnit, Comparator, DirectionValue, KpiKind } from './kpi-semantics.js';
import type { Frequency } from './periods.js';

/**
 * 2 (see the README's "Changed from schemaVersion 1"): a pain point written without a severity has none (`severity` absent: "not given"); in 1 it
 * read `medium`, so that the map, the export and the diff said what the author had not.
 */
export const SCHEMA_VERSION = 2;

export interface WorkspaceModel {
    schemaVersion: typeof SCHEMA_VERSION;
    journeys: JourneyModel[];
    channels: ChannelModel[];
    personas: PersonaModel[];
    /** Customers some touchpoints are for (`segment`, used by `for`). */
    segments: SegmentModel[];
    teams: TeamModel[];
    /** Roles people hold and organisations outside the company: actors and performers beside the teams. */
    roles: RoleModel[];
    organisations: OrganisationModel[];
    /** Declared vocabularies of tags (`tags Perception { Useful Easy }`). */
    tagFamilies: TagFamilyModel[];
    /** KPIs declared outside any journey, reusable with `track`. */
    kpis: KpiModel[];
    sources: SourceModel[];
}

/** Where an element is written: workspace-relative file (forward slashes) and 1-based line. */
export interface Located {
    file: string;
    line: number;
}

export interface CatalogEntry extends Located {
    id: string;
    title: string;
    description?: string;
}

export interface ChannelModel extends CatalogEntry {
    kind?: 'online' | 'offline';
}

export type PersonaModel = CatalogEntry;
export type SegmentModel = CatalogEntry;
export type TeamModel = CatalogEntry;
export type RoleModel = CatalogEntry;
export type OrganisationModel = CatalogEntry;

/** A tag of a family: its id inside the family (`Easy`); it is referred to as `Family.Tag`. */
export interface TagModel {
    id: string;
    title: string;
}

export interface TagFamilyModel extends CatalogEntry {
    tags: TagModel[];
}

/** The research a journey comes from: what was done, with how many people, where to read it. */
export interface ResearchModel {
    text: string;
    /** How many people took part (`sample 115`). */
    sample?: number;
    /** An http(s) address (`link "https://…"`). */
    link?: string;
}

export interface JourneyModel extends CatalogEntry {
    state?: 'current' | 'target';
    /** The current journey this target journey improves. */
    improves?: string;
    personas: string[];
    owner?: string;
    emotionScale: { min: number; max: number };
    /** The customer's goal, expectations, thoughts and quotes about the whole journey (absent when none). */
    goal?: string;
    expectations?: string[];
    thoughts?: string[];
    quotes?: string[];
    /** The research behind the journey; absent when none is written. */
    research?: ResearchModel[];
    stages: StageModel[];
    /** The journey's own KPIs, then the catalog KPIs it tracks (`shared: true`). */
    kpis: KpiModel[];
}

export interface StageModel extends Located {
    id: string;
    title: string;
    description?: string;
    owner?: string;
    /**
     * `any`: the stage's touchpoints happen in no set order; `parallel`: at the same time.
     * Absent: one after the other, as written.
     */
    order?: 'any' | 'parallel';
    /** When the stage happens, relative to another step or recurring. */
    timing?: TimingModel;
    /** A date the customer must meet, relative to another step. */
    deadline?: DeadlineModel;
    /** What the customer wants, expects, thinks and says during the stage (absent when none). */
    goal?: string;
    expectations?: string[];
    thoughts?: string[];
    quotes?: string[];
    /** How the customer lives the stage as a whole, as a touchpoint's (absent when not said). */
    emotion?: number;
    emotionRange?: EmotionRangeModel;
    emotionWord?: string;
    emotionsIf?: ConditionalEmotionModel[];
    painPoints?: PainPointModel[];
    /** Present (true) only when the stage is a moment of truth. */
    momentOfTruth?: boolean;
    opportunities?: string[];
    /** `Family.Tag` ids of the tags the stage has; absent when none. */
    tags?: string[];
    /** Only some customers go through it: `only if "…"`. */
    condition?: string;
    /** `optional` ("if applicable"); absent when not written. */
    optional?: true;
    touchpoints: TouchpointModel[];
}

/** The ends of an emotion written as a range (`emotion +1 to +2`), lower first. */
export interface EmotionRangeModel {
    min: number;
    max: number;
}

/** An emotion felt only under a condition: `emotion -2 "anxiety" if "the file is incomplete"`. */
export interface ConditionalEmotionModel {
    condition: string;
    /** The number written, or the middle of the range. */
    emotion: number;
    emotionRange?: EmotionRangeModel;
    emotionWord?: string;
}

/** One way a touchpoint ends (`outcome Incomplete "incomplete" leads to Relance`). */
export interface OutcomeModel {
    id: string;
    title: string;
    /** The stage or touchpoint it leads to (`Journey.Id` for another journey's). */
    leadsTo?: string;
    /** It leads back to the touchpoint itself or to an earlier step of the journey: a loop (a resubmission). */
    loop?: true;
}

export type TimeUnitName = 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';

/** An amount of time from an event: `6 to 12 months`, `day 40` and `J-90` (in days, `J-90` as 90). */
export interface TimeOffsetModel {
    amount: number;
    /** The upper end of a range (`6 to 12 months`). */
    upTo?: number;
    unit: TimeUnitName;
    /** As written: `6 to 12 months`, `day 40`, `J-90`. */
    text: string;
}

/**
 * When a step happens: `relative` to another step (`event`, a stage or touchpoint id of the same
 * journey), `every` period again and again, or at any moment `during` another step. `text` is the
 * fact as written after `timing`.
 */
export type TimingModel =
    | { kind: 'relative'; offset: TimeOffsetModel; relation: 'before' | 'after'; event: string; text: string }
    | { kind: 'every'; every: number; unit: TimeUnitName; text: string }
    | { kind: 'during'; during: string; text: string };

/** A date to meet, `offset` `relation` another step (`J-90 before Demenagement`); `text` as written after `deadline`. */
export interface DeadlineModel {
    offset: TimeOffsetModel;
    relation: 'before' | 'after';
    event: string;
    text: string;
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface PainPointModel {
    text: string;
    /** Absent when the file does not give one ("not given"). */
    severity?: Severity;
}

export interface BlueprintModel {
    customerActions: string[];
    frontstage: string[];
    backstage: string[];
    supportSystems: string[];
    evidence: string[];
}

export interface TouchpointModel extends Located {
    id: string;
    title: string;
    description?: string;
    channels: string[];
    /** Who carries it out (`by`): a team, a role or an outside organisation. */
    owner?: string;
    /** Personas, teams, roles and organisations taking part. */
    actors: string[];
    /**
     * The emotion, a number on the journey's scale: as written, or the middle of a range
     * (`emotion +1 to +2` → 1.5, with `emotionRange`); the one said without a condition.
     */
    emotion?: number;
    /** Present when the emotion is written as a range. */
    emotionRange?: EmotionRangeModel;
    /** The emotion's word: `emotion -2 "frustration"`. */
    emotionWord?: string;
    /** Emotions felt only under a condition (absent when none). */
    emotionsIf?: ConditionalEmotionModel[];
    painPoints: PainPointModel[];
    momentOfTruth: boolean;
    opportunities: string[];
    blueprint: BlueprintModel;
    /** How long the touchpoint lasts for the customer, as written: `2 days`, `15 minutes`. */
    duration?: string;
    /** When the touchpoint happens, relative to another step or recurring. */
    timing?: TimingModel;
    /** A date the customer must meet, relative to another step. */
    deadline?: DeadlineModel;
    /** What the customer wants, expects, thinks and says here (absent when none). */
    goal?: string;
    expectations?: string[];
    thoughts?: string[];
    quotes?: string[];
    /** The personas and segments it is for (`for`); absent: every customer of the journey. */
    segments?: string[];
    /** `Family.Tag` ids of its tags; absent when none. */
    tags?: string[];
    /** Only some customers meet it: `only if "…"`. */
    condition?: string;
    /** `optional` ("if applicable"); absent when not written. */
    optional?: true;
    /** The ways it can end, each leading to a step: a branch; absent when none is written. */
    outcomes?: OutcomeModel[];
}

/** A time window after a start event: calendar days (J+1), business days, or a duration. */
export type WindowModel =
    | { kind: 'calendar-days'; days: number; text: string }
    | { kind: 'business-days'; days: number; text: string }
    | { kind: 'duration'; hours: number; text: string };

export type MeasureModel =
    | { kind: Exclude<KpiKind, 'share' | 'duration' | 'conversion' | 'abandonment' | 'count'> }
    | { kind: 'share'; reached: string; start: string; window: WindowModel }
    | { kind: 'duration'; start: string; end: string; statistic: 'median' | 'mean' | 'p90' | 'p95' }
    | { kind: 'conversion' | 'abandonment'; from: string; to: string }
    /** `perChannel`: the KPI's `breakdown` is `channel` (kept for readers of schema 1). */
    | { kind: 'count'; of?: string; perChannel: boolean };

export interface QuantityModel {
    value: number;
    unit?: CanonicalUnit;
}

export interface TargetModel {
    comparator: Comparator;
    value: number;
    unit?: CanonicalUnit;
    /** `YYYY-MM` or `YYYY-MM-DD`. */
    deadline?: string;
    /** Threshold of the "at risk" band, between it and the target. */
    warning?: number;
    /** As a person reads it: `≥ 95 %`. */
    text: string;
}

export interface BaselineModel extends QuantityModel {
    /** `YYYY-MM` or `YYYY-MM-DD`: when the KPI stood there. */
    date?: string;
}

export type KpiScopeModel =
    | { level: 'journey'; ref?: undefined }
    | { level: 'stage' | 'touchpoint' | 'channel'; ref: string };

export interface KpiModel extends Located {
    id: string;
    title: string;
    description?: string;
    kind: KpiKind | 'unspecified';
    measure?: MeasureModel;
    /** The unit values are in: written, else the target's, else the kind's natural one. */
    unit?: CanonicalUnit;
    scope: KpiScopeModel;
    /** Written, or the kind's natural direction. */
    direction?: DirectionValue;
    mode?: 'hot' | 'cold';
    frequency?: Frequency;
    owner?: string;
    target?: TargetModel;
    /** Id of the data source bound to the KPI. */
    data?: string;
    /** Where the KPI stands today, not a goal (`baseline 90% in 2026-01`): in `unit`, with the month or day it was seen. */
    baseline?: BaselineModel;
    /**
     * Alert level (`threshold 93%`), in `unit`: a value at it or past it on the worse side of
     * `direction` raises an alert, whatever the target (which may be absent). Not the target's
     * `warning`, which bounds the "at risk" band between the target and "off track".
     */
    threshold?: QuantityModel;
    /** The field the KPI is broken down by (`per channel`, `per device`): one series per value of that column. */
    breakdown?: string;
    /**
     * How a survey KPI's answers are collected, as written (`collected via "online questionnaire"`):
     * a text, since the way answers are collected (a questionnaire, a call, an interview) is not a channel of the journey.
     */
    collectedVia?: string;
    /** Who answers a survey KPI (`respondent "buyer"`); filters the answers when the survey maps `respondent_type`. */
    respondent?: string;
    /** The question a survey KPI asks, as written. */
    question?: string;
    /** True for a catalog KPI tracked by a journey. */
    shared?: boolean;
}

export interface SourceModel extends CatalogEntry {
    format: 'series' | 'survey' | 'events';
    /** As written: relative to `file`. */
    path: string;
    /** Standard field → the file's column name. */
    columns: Record<string, string>;
    /** Event value in the file → touchpoint id. */
    events: Record<string, string>;
    /** IANA time zone of naive timestamps and calendar days (`timezone "Europe/Paris"`); absent: UTC. */
    timezone?: string;
}
