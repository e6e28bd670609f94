/**
 * The semantic diff of two workspace models: a list of changes matched by ids, JSON-able and
 * versioned like the model. Every change carries enough data to be applied to the base model
 * (see apply-diff.ts): applying the list to the base gives the head, up to file and line
 * positions and the order of unordered collections (journeys, catalogs, KPIs).
 */
import type {
    CatalogEntry, ChannelModel, JourneyModel, KpiModel, PersonaModel, SourceModel, StageModel, TagFamilyModel, TeamModel, TouchpointModel
} from '../language/model/journey-model.js';

export const DIFF_VERSION = 1;

export type ElementKind = 'journey' | 'stage' | 'touchpoint' | 'kpi' | 'channel' | 'persona' | 'segment' | 'team' | 'role' | 'organisation' | 'tagfamily' | 'source';
export type CatalogKind = 'channel' | 'persona' | 'segment' | 'team' | 'role' | 'organisation' | 'tagfamily' | 'source' | 'kpi';

/** Which element a change is about. `journey` is set for stages, touchpoints and journey KPIs. */
export interface ElementRef {
    kind: ElementKind;
    /** Id of the owning journey (head id; base id for removals). Absent for journeys and catalog entries. */
    journey?: string;
    id: string;
    /** Its title (head title; base title for removals). */
    title: string;
}

/** Where a touchpoint or stage sits. */
export interface Place {
    journey: string;
    stage?: string;
}

export type ElementValue = JourneyModel | StageModel | TouchpointModel | KpiModel | ChannelModel | PersonaModel | TeamModel | CatalogEntry | TagFamilyModel | SourceModel;

interface ChangeBase {
    element: ElementRef;
    /** The change in one plain-text sentence. */
    message: string;
    /** Titles and values as a person reads them, used to write the sentence (stage titles, `≥ 95 %`...). */
    display?: Record<string, string | string[]>;
}

export interface AddedChange extends ChangeBase {
    type: 'added';
    /** For stages and touchpoints: where, and the position among its siblings in the head. */
    place?: Place;
    index?: number;
    value: ElementValue;
}

export interface RemovedChange extends ChangeBase {
    type: 'removed';
    place?: Place;
    value: ElementValue;
    /** What went away with it: touchpoints of a removed stage, KPIs scoped to it... */
    with?: { stages?: number; touchpoints?: number; kpis?: number };
    /** Base elements that referred to a removed catalog entry: "a channel used by 3 touchpoints". */
    usedBy?: UsageCount;
    /** Set when the removal is summarised by another change (a KPI removed with its stage). */
    partOf?: ElementRef;
}

export interface UsageCount {
    journeys?: number;
    stages?: number;
    touchpoints?: number;
    kpis?: number;
}

export interface RenamedChange extends ChangeBase {
    type: 'renamed';
    /** The base id; `element.id` is the head id. */
    from: string;
    /** How alike the two versions are, 0..1 (1: same content). */
    similarity: number;
    usedBy?: UsageCount;
}

export interface MovedChange extends ChangeBase {
    type: 'moved';
    from: Place;
    to: Place;
    index: number;
}

export interface ReorderedChange extends ChangeBase {
    type: 'reordered';
    /** `stages` of a journey or `touchpoints` of a stage. */
    children: 'stages' | 'touchpoints';
    /** Head order of the children present in both versions. */
    order: string[];
    /** The children that changed places (the others kept their relative order). */
    moved: string[];
}

/** What a change of value means for the customer or the team. */
export type Meaning =
    | 'tightened' | 'loosened' | 'set' | 'unset' | 'earlier' | 'later' | 'widened' | 'narrowed' | 'improved' | 'worsened';

export interface ChangedChange extends ChangeBase {
    type: 'changed';
    /** A field of the element's model, dotted for nested ones: `target`, `target.deadline`, `blueprint.backstage`. */
    attribute: string;
    from?: unknown;
    to?: unknown;
    meaning?: Meaning;
    /** How many base elements the change affects (a channel's kind changed: the touchpoints using it). */
    usedBy?: UsageCount;
    /** Set when another change of the element explains this one (a unit taken from the changed target): not listed. */
    impliedBy?: string;
}

export interface FileMovedChange extends ChangeBase {
    type: 'file-moved';
    from: string;
    to: string;
}

export type Change = AddedChange | RemovedChange | RenamedChange | MovedChange | ReorderedChange | ChangedChange | FileMovedChange;

/** A file of one side that could not be read as a journey file: left out of the comparison. */
export interface SideProblem {
    file: string;
    /** Which version the file is in. */
    side?: 'base' | 'head';
    line?: number;
    message: string;
}

export interface SideInfo {
    /** `HEAD`, `main`, `working tree`, a path... */
    label: string;
    files: number;
    /** Files that did not parse: what they contain is not compared. */
    unreadable: SideProblem[];
    /** Files skipped: binary content, not UTF-8. */
    skipped: string[];
}

export interface DiffSummary {
    journeys: { added: number; removed: number; changed: number };
    changes: number;
    byType: Record<Change['type'], number>;
}

/** A journey the diff is about, for headings. */
export interface JourneySummary {
    id: string;
    title: string;
    /** Head file (base file for a removed journey). */
    file: string;
    status: 'added' | 'removed' | 'changed';
    changes: number;
}

export interface WorkspaceDiff {
    version: typeof DIFF_VERSION;
    base: SideInfo;
    head: SideInfo;
    summary: DiffSummary;
    /** The journeys with changes, in head order, removed ones last. */
    journeys: JourneySummary[];
    changes: Change[];
}
