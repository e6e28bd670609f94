/**
 * The semantic diff engine: compares two workspace models element by element, matched by ids.
 *
 * 1. Renames are found first (an id that disappeared and one that appeared with a similar
 *    content) and applied to a copy of the base together with every reference to them.
 * 2. The renamed base and the head are then compared by id: added, removed, moved (a touchpoint
 *    to another stage or journey), reordered, changed attributes with their meaning.
 *
 * Pure: no I/O, no Node APIs. Loading revisions lives in diff-sources.ts.
 */
import type {
    BaselineModel, CatalogEntry, ChannelModel, DeadlineModel, JourneyModel, KpiModel, KpiScopeModel, MeasureModel, OutcomeModel, PainPointModel, PersonaModel, ResearchModel,
    SourceModel, StageModel, TagFamilyModel, TagModel, TargetModel, TeamModel, TimeOffsetModel, TimingModel, TouchpointModel, WindowModel, WorkspaceModel
} from '../language/model/journey-model.js';
import { formatQuantity, periodLabel, targetWords } from '../language/model/kpi-format.js';
import { deadlineWords, offsetWords, timingWords } from '../language/model/timing-words.js';
import { FACTS, conditionalEmotionText, emotionText, factValue, type EmotionParts, type Fact, type FactReference } from '../language/model/journey-facts.js';
import { comparatorDirection, signed, toHours, unitFamily } from '../language/model/kpi-semantics.js';
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';
import { describe, joinWords } from './describe.js';
import {
    DIFF_VERSION, type Change, type ChangedChange, type ElementKind, type ElementRef, type JourneySummary, type Meaning, type Place, type RemovedChange,
    type SideInfo, type UsageCount, type WorkspaceDiff
} from './diff-types.js';
import { cloneModel, emptyRenames, hasRenames, memberMap, renameInModel, type IdMap, type Renames } from './model-refs.js';
import {
    RENAME_THRESHOLD, catalogTokens, journeyTokens, kpiTokens, matchBySimilarity, stageTokens, touchpointTokens, type Tokens
} from './similarity.js';

export interface DiffOptions {
    base?: Partial<SideInfo>;
    head?: Partial<SideInfo>;
    /** Report journeys and catalog entries that moved to another file (default true). */
    reportFileMoves?: boolean;
    /** The language of the sentences (`message`, `display`); codes and fields are the same in every language. */
    locale?: Locale;
}

type CatalogEntryModel = ChannelModel | PersonaModel | TeamModel | CatalogEntry | TagFamilyModel | SourceModel | KpiModel;
type CatalogKey = 'channels' | 'personas' | 'segments' | 'teams' | 'roles' | 'organisations' | 'tagFamilies' | 'sources' | 'kpis';
type TitledKind = 'channel' | 'persona' | 'segment' | 'team' | 'role' | 'organisation' | 'tagfamily' | 'source' | 'kpi' | 'journey';
const CATALOGS: { key: CatalogKey; kind: Exclude<TitledKind, 'journey'> }[] = [
    { key: 'channels', kind: 'channel' }, { key: 'personas', kind: 'persona' }, { key: 'segments', kind: 'segment' }, { key: 'teams', kind: 'team' },
    { key: 'roles', kind: 'role' }, { key: 'organisations', kind: 'organisation' }, { key: 'tagFamilies', kind: 'tagfamily' },
    { key: 'sources', kind: 'source' }, { key: 'kpis', kind: 'kpi' }
];

interface TouchpointPlace {
    touchpoint: TouchpointModel;
    journey: JourneyModel;
    stage: StageModel;
    index: number;
}

const SEP = '\u0000';
const key = (journey: string, id: string) => journey + SEP + id;

function indexTouchpoints(model: WorkspaceModel, leftOut: Set<JourneyModel>): Map<string, TouchpointPlace> {
    const index = new Map<string, TouchpointPlace>();
    for (const journey of model.journeys) {
        if (leftOut.has(journey)) continue;
        for (const stage of journey.stages) {
            stage.touchpoints.forEach((touchpoint, i) => {
                const k = key(journey.id, touchpoint.id);
                if (!index.has(k)) index.set(k, { touchpoint, journey, stage, index: i });
            });
        }
    }
    return index;
}

const byId = <T extends { id: string }>(items: T[]) => {
    const map = new Map<string, T>();
    for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
    return map;
};

const withoutPlace = (name: string, value: unknown) => (name === 'file' || name === 'line' ? undefined : value);
/** JSON of an element without its file and line: equal strings, same content. */
export function contentKey(value: unknown): string {
    return JSON.stringify(value, withoutPlace) ?? 'undefined';
}

/** Deep equality of two model values, ignoring `file` and `line`. */
export function sameContent(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
        return true;
    }
    if (Array.isArray(b)) return false;
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    let count = 0;
    for (const k in x) {
        if (k === 'file' || k === 'line' || x[k] === undefined) continue;
        count++;
        if (!sameContent(x[k], y[k])) return false;
    }
    for (const k in y) if (k !== 'file' && k !== 'line' && y[k] !== undefined) count--;
    return count === 0;
}

const ownKpis = (journey: JourneyModel) => journey.kpis.filter(kpi => !kpi.shared);
const trackedKpis = (journey: JourneyModel) => journey.kpis.filter(kpi => kpi.shared).map(kpi => kpi.id);

interface RenameRecord {
    element: ElementRef;
    from: string;
    similarity: number;
}

export function diffModels(base: WorkspaceModel, head: WorkspaceModel, options: DiffOptions = {}): WorkspaceDiff {
    return new DiffBuilder(base, head, options).run();
}

class DiffBuilder {
    /** The base with the renames applied: the base itself until there is a rename (copied then). */
    private mapped: WorkspaceModel;
    private copied = false;
    private readonly renames: RenameRecord[] = [];
    private readonly crossMoves = new Map<string, string>();
    private readonly crossMovedIn = new Set<string>();
    private readonly reportFileMoves: boolean;
    /** The messages of the diff's language. */
    readonly m: Messages;

    constructor(base: WorkspaceModel, private readonly head: WorkspaceModel, private readonly options: DiffOptions) {
        this.mapped = base;
        this.m = messages(options.locale ?? DEFAULT_LOCALE);
        this.reportFileMoves = options.reportFileMoves ?? true;
    }

    run(): WorkspaceDiff {
        this.findRenames();
        const changes = this.compare();
        for (const change of changes) change.message = describe(change, undefined, this.m);
        const journeysChanged = new Set(changes.filter(c => c.element.kind !== 'journey' && c.element.journey).map(c => c.element.journey));
        for (const c of changes) if (c.element.kind === 'journey' && c.type !== 'added' && c.type !== 'removed') journeysChanged.add(c.element.id);
        const byType = { added: 0, removed: 0, renamed: 0, moved: 0, reordered: 0, changed: 0, 'file-moved': 0 };
        for (const c of changes) byType[c.type]++;
        const journeysAdded = changes.filter(c => c.type === 'added' && c.element.kind === 'journey');
        const journeysRemoved = changes.filter(c => c.type === 'removed' && c.element.kind === 'journey');
        for (const c of [...journeysAdded, ...journeysRemoved]) journeysChanged.delete(c.element.id);
        const side = (info: Partial<SideInfo> | undefined, label: string): SideInfo => ({
            label: info?.label ?? label, files: info?.files ?? 0, unreadable: info?.unreadable ?? [], skipped: info?.skipped ?? []
        });
        const journeys: JourneySummary[] = [];
        const groupOf = (c: Change) => (c.element.kind === 'journey' ? c.element.id : c.element.journey);
        const counts = new Map<string, number>();
        for (const c of changes) {
            const group = groupOf(c);
            if (group !== undefined) counts.set(group, (counts.get(group) ?? 0) + 1);
        }
        const removedIds = new Set(journeysRemoved.map(c => c.element.id));
        const addedIds = new Set(journeysAdded.map(c => c.element.id));
        for (const journey of this.head.journeys) {
            if (!counts.has(journey.id)) continue;
            journeys.push({ id: journey.id, title: journey.title, file: journey.file, status: addedIds.has(journey.id) ? 'added' : 'changed', changes: counts.get(journey.id)! });
        }
        for (const journey of this.mapped.journeys) {
            if (!removedIds.has(journey.id)) continue;
            journeys.push({ id: journey.id, title: journey.title, file: journey.file, status: 'removed', changes: counts.get(journey.id)! });
        }
        return {
            version: DIFF_VERSION,
            base: side(this.options.base, 'base'),
            head: side(this.options.head, 'head'),
            summary: {
                journeys: { added: journeysAdded.length, removed: journeysRemoved.length, changed: journeysChanged.size },
                changes: changes.length,
                byType
            },
            journeys,
            changes
        };
    }

    // ------------------------------------------------------------------ renames

    private findRenames(): void {
        const first = emptyRenames();
        for (const { key: catalog, kind } of CATALOGS) {
            const baseItems = this.mapped[catalog] as CatalogEntryModel[];
            const headItems = this.head[catalog] as CatalogEntryModel[];
            const tokens = kind === 'kpi' ? (k: CatalogEntryModel) => kpiTokens(k as KpiModel) : (e: CatalogEntryModel) => catalogTokens(e as ChannelModel);
            this.matchUnmatched(baseItems, headItems, tokens, first[catalog], kind, undefined);
        }
        this.matchUnmatched(this.mapped.journeys, this.head.journeys, journeyTokens, first.journeys, 'journey', undefined, 0.5);
        this.rename(first);

        const second = emptyRenames();
        const headJourneys = byId(this.head.journeys);
        for (const journey of this.mapped.journeys) {
            const other = headJourneys.get(journey.id);
            if (!other) continue;
            this.matchUnmatched(journey.stages, other.stages, stageTokens, memberMap(second.stages, journey.id), 'stage', journey.id);
            this.matchUnmatched(ownKpis(journey), ownKpis(other), kpiTokens, memberMap(second.journeyKpis, journey.id), 'kpi', journey.id);
        }
        this.matchTouchpoints(second);
        this.rename(second);
        // Cross-journey moves were recorded with base ids; renames of their id happened just now.
        for (const [from, to] of [...this.crossMoves]) {
            const [journey, id] = from.split(SEP);
            const renamed = second.touchpoints.get(journey)?.get(id);
            if (renamed !== undefined) {
                this.crossMoves.delete(from);
                this.crossMoves.set(key(journey, renamed), to);
            }
        }
        for (const to of this.crossMoves.values()) this.crossMovedIn.add(to);
    }

    private readonly indexes = new Map<WorkspaceModel, Map<string, TouchpointPlace>>();

    /**
     * Touchpoints by journey and id, computed once per model object (a rename makes a new one).
     * Journeys that both sides share as one object are left out: nothing of theirs changed,
     * moved or was renamed (the base built by updateWorkspace shares those of unchanged files).
     */
    private index(model: WorkspaceModel): Map<string, TouchpointPlace> {
        let index = this.indexes.get(model);
        if (!index) {
            const inHead = new Set(this.head.journeys);
            this.indexes.set(model, index = indexTouchpoints(model, new Set(this.mapped.journeys.filter(journey => inHead.has(journey)))));
        }
        return index;
    }

    private rename(renames: Renames): void {
        if (!hasRenames(renames)) return;
        if (!this.copied) {
            this.mapped = cloneModel(this.mapped);
            this.copied = true;
        }
        renameInModel(this.mapped, renames);
        this.indexes.delete(this.mapped);
    }

    /** Pairs the elements whose id is on one side only, by similarity, into `renames`. */
    private matchUnmatched<T extends { id: string; title: string }>(
        baseItems: T[], headItems: T[], tokens: (item: T) => Tokens, renames: IdMap, kind: ElementKind, journey: string | undefined,
        threshold = RENAME_THRESHOLD
    ): void {
        const headIds = new Set(headItems.map(item => item.id));
        const baseIds = new Set(baseItems.map(item => item.id));
        const lonelyBase = baseItems.filter(item => !headIds.has(item.id));
        const lonelyHead = headItems.filter(item => !baseIds.has(item.id));
        if (!lonelyBase.length || !lonelyHead.length) return;
        const pairs = matchBySimilarity(
            lonelyBase.map(item => ({ item, tokens: tokens(item) })), lonelyHead.map(item => ({ item, tokens: tokens(item) })), threshold
        );
        for (const pair of pairs) {
            renames.set(pair.base.id, pair.head.id);
            this.renames.push({ element: { kind, ...(journey ? { journey } : {}), id: pair.head.id, title: pair.head.title }, from: pair.base.id, similarity: round(pair.similarity) });
        }
    }

    private matchTouchpoints(second: Renames): void {
        const baseIndex = this.index(this.mapped);
        const headIndex = this.index(this.head);
        const lonelyBase: TouchpointPlace[] = [];
        const lonelyHead: TouchpointPlace[] = [];
        baseIndex.forEach((place, k) => { if (!headIndex.has(k)) lonelyBase.push(place); });
        headIndex.forEach((place, k) => { if (!baseIndex.has(k)) lonelyHead.push(place); });
        if (!lonelyBase.length || !lonelyHead.length) return;
        const usedBase = new Set<TouchpointPlace>();
        const usedHead = new Set<TouchpointPlace>();
        const tokenCache = new Map<TouchpointPlace, Tokens>();
        const tokens = (place: TouchpointPlace) => {
            let t = tokenCache.get(place);
            if (!t) tokenCache.set(place, t = touchpointTokens(place.touchpoint));
            return t;
        };
        const record = (b: TouchpointPlace, h: TouchpointPlace, score: number) => {
            usedBase.add(b);
            usedHead.add(h);
            if (b.touchpoint.id !== h.touchpoint.id) {
                memberMap(second.touchpoints, b.journey.id).set(b.touchpoint.id, h.touchpoint.id);
                this.renames.push({
                    element: { kind: 'touchpoint', journey: b.journey.id, id: h.touchpoint.id, title: h.touchpoint.title },
                    from: b.touchpoint.id, similarity: round(score)
                });
            }
            if (b.journey.id !== h.journey.id) this.crossMoves.set(key(b.journey.id, b.touchpoint.id), key(h.journey.id, h.touchpoint.id));
        };
        const match = (bs: TouchpointPlace[], hs: TouchpointPlace[], threshold = RENAME_THRESHOLD) => {
            const pairs = matchBySimilarity(
                bs.filter(b => !usedBase.has(b)).map(item => ({ item, tokens: tokens(item) })),
                hs.filter(h => !usedHead.has(h)).map(item => ({ item, tokens: tokens(item) })), threshold
            );
            for (const pair of pairs) record(pair.base, pair.head, pair.similarity);
        };
        // Same journey, new id: renamed.
        const byJourney = (places: TouchpointPlace[]) => groupBy(places, place => place.journey.id);
        const headByJourney = byJourney(lonelyHead);
        for (const [journey, places] of byJourney(lonelyBase)) match(places, headByJourney.get(journey) ?? []);
        // Same id in another journey: moved there.
        const headById = groupBy(lonelyHead, place => place.touchpoint.id);
        for (const place of lonelyBase) {
            if (usedBase.has(place)) continue;
            match([place], headById.get(place.touchpoint.id) ?? []);
        }
        // Another id in another journey: renamed and moved.
        match(lonelyBase, lonelyHead);
    }

    // ------------------------------------------------------------------ comparison

    private compare(): Change[] {
        const changes: Change[] = [];
        const mapped = this.mapped;
        const head = this.head;
        for (const rename of this.renames) {
            changes.push({
                type: 'renamed', element: rename.element, from: rename.from, similarity: rename.similarity, message: '',
                ...optionalUsage(this.usage(this.mapped, rename.element.kind, rename.element.id, rename.element.journey))
            });
        }
        changes.push(...this.compareCatalogs());

        const baseTouchpoints = this.index(mapped);
        const headTouchpoints = this.index(head);
        const headJourneys = byId(head.journeys);
        const baseJourneys = byId(mapped.journeys);
        const movedOut = new Set<string>();
        baseTouchpoints.forEach((_, k) => {
            if (this.crossMoves.has(k) || (headTouchpoints.has(k) && !this.crossMovedIn.has(k))) movedOut.add(k);
        });
        const existsInBase = (k: string) => (baseTouchpoints.has(k) && !this.crossMoves.has(k)) || this.crossMovedIn.has(k);

        for (const journey of head.journeys) {
            const before = baseJourneys.get(journey.id);
            if (!before) {
                const value = cloneModel(journey);
                for (const stage of value.stages) stage.touchpoints = stage.touchpoints.filter(t => !existsInBase(key(journey.id, t.id)));
                const contents = contentsText(value, this.m);
                changes.push({
                    type: 'added', element: ref('journey', undefined, journey), value, message: '', ...(contents ? { display: { contents } } : {})
                });
                changes.push(...this.touchpointChanges(journey, undefined, baseTouchpoints, headTouchpoints));
                continue;
            }
            // The same object on both sides: its file and what it links to did not change (updateWorkspace).
            if (before === journey) continue;
            changes.push(...this.compareJourney(before, journey, baseTouchpoints, headTouchpoints));
        }
        for (const journey of mapped.journeys) {
            if (headJourneys.has(journey.id)) continue;
            const value = cloneModel(journey);
            for (const stage of value.stages) stage.touchpoints = stage.touchpoints.filter(t => !movedOut.has(key(journey.id, t.id)));
            const contents = contentsText(value, this.m);
            changes.push({
                type: 'removed', element: ref('journey', undefined, journey), value, message: '', ...(contents ? { display: { contents } } : {})
            });
        }
        return changes;
    }

    private compareJourney(
        before: JourneyModel, after: JourneyModel, baseTouchpoints: Map<string, TouchpointPlace>, headTouchpoints: Map<string, TouchpointPlace>
    ): Change[] {
        const changes: Change[] = [];
        const element = ref('journey', undefined, after);
        if (this.reportFileMoves && before.file !== after.file) {
            changes.push({ type: 'file-moved', element, from: before.file, to: after.file, message: '' });
        }
        this.compareFacts('journey', before, after, new Attributes(element, changes, this));

        // Stages.
        const headStages = byId(after.stages);
        const baseStages = byId(before.stages);
        const removedStages: RemovedChange[] = [];
        for (const stage of before.stages) {
            if (headStages.has(stage.id)) continue;
            const value = cloneModel(stage);
            value.touchpoints = value.touchpoints.filter(t => {
                const k = key(before.id, t.id);
                return !(headTouchpoints.has(k) && !this.crossMovedIn.has(k)) && !this.crossMoves.has(k);
            });
            const removed: RemovedChange = { type: 'removed', element: ref('stage', after.id, stage), place: { journey: after.id }, value, message: '' };
            removedStages.push(removed);
            changes.push(removed);
        }
        after.stages.forEach((stage, index) => {
            const old = baseStages.get(stage.id);
            const stageRef = ref('stage', after.id, stage);
            if (!old) {
                const value = cloneModel(stage);
                value.touchpoints = value.touchpoints.filter(t => {
                    const k = key(after.id, t.id);
                    return !(baseTouchpoints.has(k) && !this.crossMoves.has(k)) && !this.crossMovedIn.has(k);
                });
                changes.push({
                    type: 'added', element: stageRef, place: { journey: after.id }, index, value, message: '',
                    ...(value.touchpoints.length ? { display: { contents: this.m.t('count.touchpoints', { count: value.touchpoints.length }) } } : {})
                });
                return;
            }
            if (this.reportFileMoves && old.file !== stage.file && before.file === after.file) {
                changes.push({ type: 'file-moved', element: stageRef, from: old.file, to: stage.file, message: '' });
            }
            this.compareFacts('stage', old, stage, new Attributes(stageRef, changes, this));
        });
        const commonStages = after.stages.filter(s => baseStages.has(s.id)).map(s => s.id);
        const baseOrder = before.stages.filter(s => headStages.has(s.id)).map(s => s.id);
        const reorder = reordering(baseOrder, commonStages);
        if (reorder) {
            changes.push({
                type: 'reordered', element, children: 'stages', order: commonStages, moved: reorder, message: '',
                display: { moved: reorder.map(id => headStages.get(id)!.title) }
            });
        }

        // Touchpoints.
        const removedTouchpoints: RemovedChange[] = [];
        changes.push(...this.touchpointChanges(after, before, baseTouchpoints, headTouchpoints, removedTouchpoints));

        // KPIs of the journey itself.
        const headKpis = byId(ownKpis(after));
        const baseKpis = byId(ownKpis(before));
        for (const kpi of ownKpis(before)) {
            if (headKpis.has(kpi.id)) continue;
            const removed: RemovedChange = { type: 'removed', element: ref('kpi', after.id, kpi), value: cloneModel(kpi), message: '' };
            const owner = [...removedStages, ...removedTouchpoints].find(r => kpiRefersTo(kpi, r));
            if (owner) {
                removed.partOf = owner.element;
                owner.with = { ...owner.with, kpis: (owner.with?.kpis ?? 0) + 1 };
            }
            changes.push(removed);
        }
        for (const kpi of ownKpis(after)) {
            const old = baseKpis.get(kpi.id);
            if (!old) changes.push({ type: 'added', element: ref('kpi', after.id, kpi), value: cloneModel(kpi), message: '' });
            else this.compareKpi(old, kpi, ref('kpi', after.id, kpi), changes);
        }
        for (const removed of removedStages) {
            const touchpoints = (removed.value as StageModel).touchpoints.length;
            if (touchpoints) removed.with = { ...removed.with, touchpoints };
            const parts = [
                ...(removed.with?.touchpoints ? [this.m.t('count.touchpoints', { count: removed.with.touchpoints })] : []),
                ...(removed.with?.kpis ? [this.m.t('count.kpis', { count: removed.with.kpis })] : [])
            ];
            if (parts.length) removed.display = { contents: joinWords(parts, this.m) };
        }
        for (const removed of removedTouchpoints) {
            if (removed.with?.kpis) removed.display = { ...removed.display, contents: this.m.t('count.kpis', { count: removed.with.kpis }) };
        }
        return changes;
    }

    /** Touchpoints of a head journey: added, moved, reordered, changed; removed ones of its base version. */
    private touchpointChanges(
        after: JourneyModel, before: JourneyModel | undefined, baseTouchpoints: Map<string, TouchpointPlace>,
        headTouchpoints: Map<string, TouchpointPlace>, removedOut: RemovedChange[] = []
    ): Change[] {
        const changes: Change[] = [];
        const baseStageIds = new Set(before?.stages.map(s => s.id) ?? []);
        const headStageIds = new Set(after.stages.map(s => s.id));
        const reverseCross = new Map([...this.crossMoves].map(([from, to]) => [to, from]));
        for (const stage of after.stages) {
            const common: string[] = [];
            stage.touchpoints.forEach((touchpoint, index) => {
                const k = key(after.id, touchpoint.id);
                let cached: ElementRef | undefined;
                const element = () => (cached ??= ref('touchpoint', after.id, touchpoint));
                const crossFrom = reverseCross.get(k);
                const old = crossFrom !== undefined ? baseTouchpoints.get(crossFrom) : this.crossMoves.has(k) ? undefined : baseTouchpoints.get(k);
                if (!old) {
                    if (before && baseStageIds.has(stage.id)) {
                        changes.push({
                            type: 'added', element: element(), place: { journey: after.id, stage: stage.id }, index, value: cloneModel(touchpoint), message: '',
                            display: { stage: stage.title }
                        });
                    } else if (before) {
                        // In a new stage: part of the stage's addition.
                    }
                    return;
                }
                const from: Place = { journey: old.journey.id, stage: old.stage.id };
                if (from.journey !== after.id || from.stage !== stage.id) {
                    const display: Record<string, string> = { fromStage: old.stage.title, toStage: stage.title };
                    if (from.journey !== after.id) {
                        display.fromJourney = old.journey.title;
                        display.toJourney = after.title;
                    }
                    changes.push({ type: 'moved', element: element(), from, to: { journey: after.id, stage: stage.id }, index, message: '', display });
                } else {
                    common.push(touchpoint.id);
                }
                this.compareTouchpoint(old.touchpoint, touchpoint, element, changes);
            });
            if (before && baseStageIds.has(stage.id)) {
                const oldStage = before.stages.find(s => s.id === stage.id)!;
                const commonSet = new Set(common);
                const baseOrder = oldStage.touchpoints.map(t => t.id).filter(id => commonSet.has(id));
                const moved = reordering(baseOrder, common);
                if (moved) {
                    const titles = byId(stage.touchpoints);
                    changes.push({
                        type: 'reordered', element: ref('stage', after.id, stage), children: 'touchpoints', order: common, moved, message: '',
                        display: { moved: moved.map(id => titles.get(id)!.title) }
                    });
                }
            }
        }
        if (before) {
            for (const stage of before.stages) {
                if (!headStageIds.has(stage.id)) continue;
                for (const touchpoint of stage.touchpoints) {
                    const k = key(before.id, touchpoint.id);
                    if (this.crossMoves.has(k) || (headTouchpoints.has(k) && !this.crossMovedIn.has(k))) continue;
                    const removed: RemovedChange = {
                        type: 'removed', element: ref('touchpoint', before.id, touchpoint), place: { journey: before.id, stage: stage.id },
                        value: cloneModel(touchpoint), message: '', display: { stage: stage.title }
                    };
                    removedOut.push(removed);
                    changes.push(removed);
                }
            }
        }
        return changes;
    }

    private compareTouchpoint(old: TouchpointModel, now: TouchpointModel, element: () => ElementRef, changes: Change[]): void {
        if (sameContent(old, now)) return;
        this.compareFacts('touchpoint', old, now, new Attributes(element(), changes, this));
    }

    /** The facts of the table that changed between two versions of an element, each in its shape's way. */
    private compareFacts(kind: Exclude<ElementKind, 'kpi'>, old: object, now: object, attrs: Attributes): void {
        for (const fact of FACTS[kind]) {
            const a = factValue(old, fact);
            const b = factValue(now, fact);
            switch (fact.shape) {
                case 'text':
                    // Titles and descriptions have sentences of their own; other texts are quoted ("only if “…”").
                    attrs.text(fact.field, a as string | undefined, b as string | undefined, fact.field !== 'title' && fact.field !== 'description');
                    break;
                case 'word':
                    attrs.scalar(fact.field, a as string | undefined, b as string | undefined, word => this.wordText(`${fact.element}.${fact.field}`, word));
                    break;
                case 'signed':
                    attrs.scalar(fact.field, a as number | undefined, b as number | undefined, signed, fact.higherIsBetter
                        ? (x, y) => (x === undefined || y === undefined ? undefined : y > x ? 'improved' : 'worsened') : undefined);
                    break;
                case 'ref':
                    attrs.scalar(fact.field, a as string | undefined, b as string | undefined, id => this.refTitle(fact.refers, id));
                    break;
                case 'refs':
                    attrs.list(fact.field, (a ?? []) as string[], (b ?? []) as string[], id => this.refTitle(fact.refers, id));
                    break;
                case 'texts':
                    attrs.list(fact.field, (a ?? []) as string[], (b ?? []) as string[], text => this.quote(text));
                    break;
                case 'flag':
                    // The model's values as they are (`optional` is true or absent), so that the change applies.
                    if (Boolean(a) !== Boolean(b)) attrs.push(fact.field, a, b);
                    break;
                case 'own':
                    this.compareOwnFact(fact, old, now, attrs);
                    break;
            }
        }
    }

    /** The facts whose shape is their own (pain points, an emotion scale, tracked KPIs, a source's columns). */
    private compareOwnFact(fact: Fact, old: object, now: object, attrs: Attributes): void {
        switch (`${fact.element}.${fact.field}`) {
            case 'touchpoint.painPoints': case 'stage.painPoints':
                attrs.painPoints((old as TouchpointModel).painPoints ?? [], (now as TouchpointModel).painPoints ?? []);
                return;
            case 'touchpoint.emotion': case 'stage.emotion': {
                // Number, range and word as one fact: "emotion improved from -1 to +1 to +2 “relief”".
                const a = old as EmotionParts;
                const b = now as EmotionParts;
                const parts = (e: EmotionParts) => ({ emotion: e.emotion, emotionRange: e.emotionRange, emotionWord: e.emotionWord });
                if (contentKey(parts(a)) === contentKey(parts(b))) return;
                // A plain number stays a number in the JSON, as before ranges and words.
                const value = (e: EmotionParts) => (e.emotion === undefined ? undefined : !e.emotionRange && e.emotionWord === undefined ? e.emotion
                    : { ...e.emotionRange ? { range: e.emotionRange } : { value: e.emotion }, ...e.emotionWord !== undefined ? { word: e.emotionWord } : {} });
                const meaning = a.emotion === undefined || b.emotion === undefined ? setMeaning(a.emotion, b.emotion)
                    : b.emotion > a.emotion ? 'improved' : b.emotion < a.emotion ? 'worsened' : undefined;
                attrs.push('emotion', value(a), value(b), { from: this.emotionWords(a), to: this.emotionWords(b) }, meaning);
                return;
            }
            case 'touchpoint.emotionsIf': case 'stage.emotionsIf':
                attrs.shownList('emotionsIf', (old as TouchpointModel).emotionsIf, (now as TouchpointModel).emotionsIf, emotion => conditionalEmotionText(emotion, this.m.locale));
                return;
            case 'journey.emotionScale':
                attrs.value('emotionScale', (old as JourneyModel).emotionScale, (now as JourneyModel).emotionScale, s => this.m.t('diff.value.scale', { min: signed(s.min), max: signed(s.max) }));
                return;
            case 'journey.tracked':
                attrs.list('tracked', trackedKpis(old as JourneyModel), trackedKpis(now as JourneyModel), id => this.title('kpi', id));
                return;
            case 'stage.timing': case 'stage.deadline': case 'touchpoint.timing': case 'touchpoint.deadline':
                this.compareTiming(fact.field as 'timing' | 'deadline', factValue(old, fact) as TimingModel | undefined, factValue(now, fact) as TimingModel | undefined, attrs);
                return;
            case 'journey.research':
                attrs.items('research', (old as JourneyModel).research, (now as JourneyModel).research, r => r.text, r => this.researchText(r));
                return;
            case 'tagfamily.tags':
                attrs.items('tags', (old as TagFamilyModel).tags, (now as TagFamilyModel).tags, t => t.id,
                    (t: TagModel) => t.title === t.id ? t.id : `${t.id} ${this.quote(t.title)}`);
                return;
            case 'touchpoint.outcomes':
                attrs.outcomes((old as TouchpointModel).outcomes, (now as TouchpointModel).outcomes, id => this.stepTitle(attrs.element.journey, id));
                return;
            case 'source.columns': case 'source.events':
                attrs.record(fact.field, factValue(old, fact) as Record<string, string>, factValue(now, fact) as Record<string, string>);
                return;
            default:
                throw new Error(`The diff has no comparison for the fact ${fact.element}.${fact.field}: add one here.`);
        }
    }

    /**
     * A timing or deadline compared by what it means (amount or range, unit, before or after,
     * the step, every, during): `1 month` rewritten `1 months` or `J-30` is the same, kept in the
     * JSON as a spelling change so that the change list still gives the head.
     */
    private compareTiming(field: 'timing' | 'deadline', a: TimingModel | DeadlineModel | undefined, b: TimingModel | DeadlineModel | undefined, attrs: Attributes): void {
        if (contentKey(a) === contentKey(b)) return;
        const journey = attrs.element.journey;
        const titleOf = (id: string) => this.stepTitle(journey, id);
        const words = (t: TimingModel | DeadlineModel) => 'kind' in t ? timingWords(t, this.m.locale, titleOf) : deadlineWords(t, this.m.locale, titleOf);
        const event = (t: TimingModel | DeadlineModel | undefined) => !t ? undefined : 'kind' in t ? (t.kind === 'relative' ? t.event : undefined) : t.event;
        // "now 6 to 12 months before “Signature” (was 3 to 6 months before)": the step is said once when it stays.
        const wasWords = (t: TimingModel | DeadlineModel) => {
            const offset = 'kind' in t ? (t.kind === 'relative' ? t : undefined) : t;
            return offset && event(a) === event(b) ? this.m.t('time.relativeShort', { offset: offsetWords(offset.offset, this.m.locale), relation: offset.relation })
                : words(t);
        };
        attrs.push(field, a, b, { from: a ? wasWords(a) : '', to: b ? words(b) : '' }, setMeaning(a, b));
        if (a && b && timingKey(a) === timingKey(b)) attrs.last().impliedBy = 'spelling';
    }

    /** A keyword value in the reader's words (`current` → « actuel »); a code (a source's format) as written. */
    private wordText(fact: string, word: string): string {
        switch (fact) {
            case 'journey.state': return this.m.t('hover.state', { state: word });
            case 'channel.kind': return this.m.t('hover.channelKind', { kind: word });
            default: return word;
        }
    }

    /**
     * An emotion in a sentence that already says "from … to …": a range reads "between -2 and
     * -1", not "-2 to -1" ("worsened from -1 to between -2 and -1 “anxiety”").
     */
    private emotionWords(parts: EmotionParts): string {
        if (!parts.emotionRange) return emotionText(parts, this.m.locale);
        const value = this.m.t('diff.value.emotionRange', { min: signed(parts.emotionRange.min), max: signed(parts.emotionRange.max) });
        return parts.emotionWord === undefined ? value : this.m.t('emotion.word', { value, word: parts.emotionWord });
    }

    /** Free text from a journey file between the language's quotes: "…" / « … ». */
    quote(text: string): string {
        return this.m.t('diff.quoted', { text });
    }

    /** A study as a reviewer reads it: `“Interviews” (115 people, https://…)`. */
    private researchText(research: ResearchModel): string {
        return this.m.t('diff.item.research', {
            title: this.quote(research.text),
            people: research.sample === undefined ? 'none' : this.m.t('diff.item.people', { count: research.sample }),
            link: research.link ?? 'none'
        });
    }

    private readonly stepTitles = new Map<string, Map<string, string>>();

    /** A stage or touchpoint of a journey by its title (`Id` in the journey, or `Journey.Id`), from the head, else the base. */
    stepTitle(journey: string | undefined, ref: string): string {
        const dot = ref.indexOf('.');
        const [owner, id] = dot > 0 ? [ref.slice(0, dot), ref.slice(dot + 1)] : [journey, ref];
        if (owner === undefined) return ref;
        let titles = this.stepTitles.get(owner);
        if (!titles) {
            titles = new Map();
            for (const model of [this.mapped, this.head]) {
                const j = model.journeys.find(x => x.id === owner);
                for (const stage of j?.stages ?? []) {
                    titles.set(stage.id, stage.title);
                    for (const t of stage.touchpoints) titles.set(t.id, t.title);
                }
            }
            this.stepTitles.set(owner, titles);
        }
        return titles.get(id) ?? ref;
    }

    /** The title of what a reference fact names, for the sentence. */
    private refTitle(refers: FactReference | undefined, id: string): string {
        switch (refers) {
            case 'actor': return this.title('persona', id, 'team', 'role', 'organisation');
            case 'performer': return this.title('team', id, 'role', 'organisation');
            case 'audience': return this.title('persona', id, 'segment');
            case 'tag': return this.tagTitle(id);
            case 'channel': case 'team': case 'journey': case 'kpi': case 'source': return this.title(refers, id);
            default: return id;
        }
    }

    compareKpi(old: KpiModel, now: KpiModel, element: ElementRef, changes: Change[]): void {
        if (sameContent(old, now)) return;
        const attrs = new Attributes(element, changes, this);
        attrs.text('title', old.title, now.title);
        attrs.text('description', old.description, now.description);
        attrs.scalar('kind', old.kind, now.kind, kind => this.m.t('words.measure.kind', { kind }));
        // The kind follows the measure (`duration(…)` to `count(…)`): the measure's change says it.
        if (old.kind !== now.kind && old.measure && now.measure) attrs.last().impliedBy = 'measure';
        // `count per channel` is the breakdown's change, said once below.
        if (contentKey(measureWithoutBreakdown(old.measure)) !== contentKey(measureWithoutBreakdown(now.measure))) {
            const a = old.measure;
            const b = now.measure;
            if (a?.kind === 'share' && b?.kind === 'share') {
                if (a.window.text !== b.window.text || contentKey(a.window) !== contentKey(b.window)) {
                    attrs.push('measure.window', a.window, b.window, { from: a.window.text, to: b.window.text }, windowMeaning(a.window, b.window));
                    // `48 h` rewritten `48 hours`: the same window, spelt differently.
                    if (a.window.kind === b.window.kind && windowHours(a.window) === windowHours(b.window)) {
                        (changes[changes.length - 1] as ChangedChange).impliedBy = 'spelling';
                    }
                }
                if (a.reached !== b.reached || a.start !== b.start) attrs.push('measure', a, b, { from: this.measureWords(a, element), to: this.measureWords(b, element) });
            } else {
                attrs.push('measure', a, b, { from: a ? this.measureWords(a, element) : '', to: b ? this.measureWords(b, element) : '' }, setMeaning(a, b));
            }
        }
        const unitFromTarget = old.unit === old.target?.unit && now.unit === now.target?.unit;
        attrs.scalar('unit', old.unit, now.unit);
        if (unitFromTarget && old.unit !== now.unit) (changes[changes.length - 1] as ChangedChange).impliedBy = 'target';
        attrs.value('scope', old.scope, now.scope, scope => this.m.t('diff.value.scope', { level: scope.level, ref: this.scopeTitle(scope, element) }));
        attrs.scalar('direction', old.direction, now.direction, direction => this.m.t('diff.value.direction', { direction }));
        attrs.scalar('mode', old.mode, now.mode, mode => this.m.t('diff.value.mode', { mode }));
        attrs.scalar('frequency', old.frequency, now.frequency, frequency => this.m.t('hover.frequency', { frequency }));
        attrs.scalar('owner', old.owner, now.owner, id => this.title('team', id));
        attrs.scalar('data', old.data, now.data, id => this.title('source', id));
        attrs.scalar('breakdown', old.breakdown, now.breakdown, field => this.m.t('diff.value.breakdown', { field }));
        this.compareBaseline(old.baseline, now.baseline, attrs);
        if (contentKey(old.threshold) !== contentKey(now.threshold)) {
            const threshold = (q: KpiModel['threshold']) => q ? formatQuantity(q.value, q.unit, this.m.locale) : '';
            attrs.push('threshold', old.threshold, now.threshold, { from: threshold(old.threshold), to: threshold(now.threshold) }, setMeaning(old.threshold, now.threshold));
        }
        attrs.text('collectedVia', old.collectedVia, now.collectedVia, true);
        attrs.text('respondent', old.respondent, now.respondent, true);
        attrs.text('question', old.question, now.question, true);
        const a = old.target;
        const b = now.target;
        const target = (t: TargetModel) => targetWords(t, this.m.locale);
        if (!a || !b) {
            if (a || b) attrs.push('target', a, b, { from: a ? target(a) : '', to: b ? target(b) : '' }, b ? 'set' : 'unset');
            return;
        }
        if (a.comparator !== b.comparator || a.value !== b.value || a.unit !== b.unit) {
            attrs.push('target', a, b, { from: target(a), to: target(b) }, targetMeaning(a, b, now.direction));
        }
        if (a.deadline !== b.deadline) {
            const meaning: Meaning | undefined = !a.deadline ? 'set' : !b.deadline ? 'unset' : dateKey(b.deadline) < dateKey(a.deadline) ? 'earlier' : 'later';
            const period = (deadline: string | undefined) => deadline ? periodLabel(deadline, this.m.locale) : '';
            attrs.push('target.deadline', a.deadline, b.deadline, { from: period(a.deadline), to: period(b.deadline) }, meaning);
        }
        if (a.warning !== b.warning) {
            // The warning is in the target's unit: "3.5 days", not "3.5".
            const warning = (value: number | undefined) => value === undefined ? '' : formatQuantity(value, b.unit ?? now.unit, this.m.locale);
            attrs.push('target.warning', a.warning, b.warning, { from: warning(a.warning), to: warning(b.warning) }, setMeaning(a.warning, b.warning));
        }
    }

    /**
     * A baseline: a change of its period alone says so ("baseline period changed from January
     * 2026 to March 2026"), a change of its value alone keeps the period aside.
     */
    private compareBaseline(a: BaselineModel | undefined, b: BaselineModel | undefined, attrs: Attributes): void {
        if (contentKey(a) === contentKey(b)) return;
        const locale = this.m.locale;
        if (a && b && a.value === b.value && a.unit === b.unit) {
            const period = (date: string | undefined) => date ? periodLabel(date, locale) : '';
            attrs.push('baseline', a, b, { from: period(a.date), to: period(b.date), period: 'yes', value: formatQuantity(b.value, b.unit, locale) });
        } else if (a && b && a.date === b.date && a.date) {
            attrs.push('baseline', a, b, { from: formatQuantity(a.value, a.unit, locale), to: formatQuantity(b.value, b.unit, locale), date: periodLabel(a.date, locale) });
        } else {
            // As written (every decimal), its period as a reader says it: `90 % (January 2026)`.
            const words = (baseline: BaselineModel | undefined) => !baseline ? '' : baseline.date
                ? this.m.t('kpi.baseline.dated', { value: formatQuantity(baseline.value, baseline.unit, locale), date: periodLabel(baseline.date, locale) })
                : formatQuantity(baseline.value, baseline.unit, locale);
            attrs.push('baseline', a, b, { from: words(a), to: words(b) }, setMeaning(a, b));
        }
    }

    /** What a KPI measures, in words, its steps by their titles: "median time from “Préparer” to “Clôture”". */
    private measureWords(measure: MeasureModel, kpi: ElementRef): string {
        const m = this.m;
        const step = (id: string) => this.quote(kpi.journey ? this.stepTitle(kpi.journey, id) : this.stepTitle(undefined, id));
        switch (measure.kind) {
            case 'share': {
                const w = measure.window;
                const window = w.kind === 'calendar-days' ? m.t('words.window', { amount: w.text, business: 'no' })
                    : w.kind === 'business-days' ? m.t('words.window', { amount: m.numberFormat({}).format(w.days), business: 'yes' })
                        : m.t('words.window', { amount: formatQuantity(w.hours, 'hours', m.locale), business: 'no' });
                return m.t('words.measure.share', { reached: step(measure.reached), window, start: step(measure.start) });
            }
            case 'duration': return m.t('words.measure.duration', { statistic: measure.statistic, start: step(measure.start), end: step(measure.end) });
            case 'conversion': case 'abandonment': return m.t('words.measure.flow', { kind: measure.kind, from: step(measure.from), to: step(measure.to) });
            case 'count': return m.t('words.measure.count', { of: measure.of ? step(measure.of) : 'none' });
            default: return m.t('words.measure.kind', { kind: measure.kind });
        }
    }

    /** The step or channel a KPI is scoped to, by its title. */
    private scopeTitle(scope: KpiScopeModel, kpi: ElementRef): string {
        if (scope.level === 'journey') return '';
        if (scope.level === 'channel') return this.quote(this.title('channel', scope.ref));
        return this.quote(this.stepTitle(kpi.journey, scope.ref));
    }

    private compareCatalogs(): Change[] {
        const changes: Change[] = [];
        for (const { key: catalog, kind } of CATALOGS) {
            const before = this.mapped[catalog] as CatalogEntryModel[];
            const after = this.head[catalog] as CatalogEntryModel[];
            const headItems = byId(after);
            const baseItems = byId(before);
            for (const item of before) {
                if (headItems.has(item.id)) continue;
                changes.push({
                    type: 'removed', element: ref(kind, undefined, item), value: cloneModel(item), message: '',
                    ...optionalUsage(this.usage(this.mapped, kind, item.id, undefined))
                });
            }
            for (const item of after) {
                const old = baseItems.get(item.id);
                const element = ref(kind, undefined, item);
                if (!old) {
                    changes.push({ type: 'added', element, value: cloneModel(item), message: '' });
                    continue;
                }
                if (this.reportFileMoves && old.file !== item.file) {
                    changes.push({ type: 'file-moved', element, from: old.file, to: item.file, message: '' });
                }
                if (kind === 'kpi') {
                    this.compareKpi(old as KpiModel, item as KpiModel, element, changes);
                    continue;
                }
                if (sameContent(old, item)) continue;
                this.compareFacts(kind, old, item, new Attributes(element, changes, this, this.usage(this.mapped, kind, item.id, undefined)));
            }
        }
        return changes;
    }

    // ------------------------------------------------------------------ helpers

    /** The title of a catalog entry or journey, from the head, else the base. */
    title(kind: TitledKind, id: string, ...alternatives: TitledKind[]): string {
        const find = (model: WorkspaceModel, k: TitledKind) => {
            const items: { id: string; title: string }[] = k === 'journey' ? model.journeys : model[CATALOGS.find(c => c.kind === k)!.key] ?? [];
            return items.find(item => item.id === id)?.title;
        };
        for (const k of [kind, ...alternatives]) {
            const found = find(this.head, k) ?? find(this.mapped, k);
            if (found !== undefined) return found;
        }
        return id;
    }

    /** `Perception.Easy` as "Easy" (its title), from the head, else the base. */
    tagTitle(id: string): string {
        const [family, tag] = [id.slice(0, id.indexOf('.')), id.slice(id.indexOf('.') + 1)];
        const find = (model: WorkspaceModel) => model.tagFamilies?.find(f => f.id === family)?.tags.find(t => t.id === tag)?.title;
        return find(this.head) ?? find(this.mapped) ?? id;
    }

    /** How many elements of `model` refer to a catalog entry (or a stage or touchpoint). */
    usage(model: WorkspaceModel, kind: ElementKind, id: string, journey: string | undefined): UsageCount | undefined {
        const count: UsageCount = {};
        const inc = (k: keyof UsageCount) => { count[k] = (count[k] ?? 0) + 1; };
        const kpiUses = (kpi: KpiModel) => {
            switch (kind) {
                case 'channel': return kpi.scope.level === 'channel' && kpi.scope.ref === id;
                case 'team': return kpi.owner === id;
                case 'source': return kpi.data === id;
                default: return false;
            }
        };
        for (const j of model.journeys) {
            if (kind === 'persona' && j.personas.includes(id)) inc('journeys');
            if (kind === 'team' && j.owner === id) inc('journeys');
            if (kind === 'kpi' && !journey && j.kpis.some(k => k.shared && k.id === id)) inc('journeys');
            const tagged = (tags: string[] | undefined) => kind === 'tagfamily' && (tags ?? []).some(tag => tag.startsWith(`${id}.`));
            for (const stage of j.stages) {
                if ((kind === 'team' && stage.owner === id) || tagged(stage.tags)) inc('stages');
                for (const t of stage.touchpoints) {
                    if ((kind === 'channel' && t.channels.includes(id)) ||
                        ((kind === 'team' || kind === 'role' || kind === 'organisation') && (t.owner === id || t.actors.includes(id))) ||
                        (kind === 'persona' && (t.actors.includes(id) || (t.segments ?? []).includes(id))) ||
                        (kind === 'segment' && (t.segments ?? []).includes(id)) || tagged(t.tags)) inc('touchpoints');
                }
            }
            for (const kpi of ownKpis(j)) if (kpiUses(kpi)) inc('kpis');
        }
        for (const kpi of model.kpis) if (kpiUses(kpi)) inc('kpis');
        return Object.keys(count).length ? count : undefined;
    }
}

/** Collects the changed attributes of one element. */
class Attributes {
    constructor(
        readonly element: ElementRef, private readonly changes: Change[], private readonly builder: DiffBuilder,
        private readonly usedBy?: UsageCount
    ) {}

    push(attribute: string, from: unknown, to: unknown, display?: Record<string, string | string[]>, meaning?: Meaning): void {
        const change: ChangedChange = {
            type: 'changed', element: this.element, attribute, message: '',
            ...(from === undefined ? {} : { from: cloneModel(from) }),
            ...(to === undefined ? {} : { to: cloneModel(to) }),
            ...(meaning ? { meaning } : {}),
            ...(display ? { display } : {}),
            ...(this.usedBy ? { usedBy: this.usedBy } : {})
        };
        this.changes.push(change);
    }

    /** A text fact; `quote`: shown between the language's quotes (a goal, a question), not as is (a title). */
    /** The change pushed last. */
    last(): ChangedChange {
        return this.changes[this.changes.length - 1] as ChangedChange;
    }

    text(attribute: string, from: string | undefined, to: string | undefined, quote = false): void {
        if (from === to) return;
        const show = (text: string | undefined) => text === undefined ? '' : quote ? this.builder.quote(text) : text;
        this.push(attribute, from, to, { from: show(from), to: show(to) }, setMeaning(from, to));
    }

    scalar<T extends string | number>(
        attribute: string, from: T | undefined, to: T | undefined, show: (value: T) => string = String,
        meaning?: (a: T | undefined, b: T | undefined) => Meaning | undefined
    ): void {
        if (from === to) return;
        this.push(attribute, from, to, { from: from === undefined ? '' : show(from), to: to === undefined ? '' : show(to) },
            meaning?.(from, to) ?? setMeaning(from, to));
    }

    value<T>(attribute: string, from: T, to: T, show: (value: T) => string): void {
        if (contentKey(from) === contentKey(to)) return;
        this.push(attribute, from, to, { from: show(from), to: show(to) });
    }

    list(attribute: string, from: string[], to: string[], show: (value: string) => string): void {
        if (from.length === to.length && from.every((item, i) => item === to[i])) return;
        const added = to.filter(item => !from.includes(item));
        const removed = from.filter(item => !to.includes(item));
        const display: Record<string, string | string[]> = { from: from.map(show).join(', '), to: to.map(show).join(', ') };
        if (added.length) display.added = added.map(show);
        if (removed.length) display.removed = removed.map(show);
        if (!added.length && !removed.length) display.changedItems = [this.builder.m.t('diff.item.order')];
        this.push(attribute, from, to, display);
    }

    /** Items of a list of objects, told apart by `keyOf`: added, removed, changed (same key, other content). */
    items<T>(attribute: string, from: T[] | undefined, to: T[] | undefined, keyOf: (item: T) => string, show: (item: T) => string): void {
        if (contentKey(from ?? []) === contentKey(to ?? [])) return;
        const before = new Map((from ?? []).map(item => [keyOf(item), item]));
        const after = new Map((to ?? []).map(item => [keyOf(item), item]));
        const display: Record<string, string | string[]> = {};
        const added = (to ?? []).filter(item => !before.has(keyOf(item))).map(show);
        const removed = (from ?? []).filter(item => !after.has(keyOf(item))).map(show);
        const changed = (to ?? []).filter(item => before.has(keyOf(item)) && contentKey(before.get(keyOf(item))) !== contentKey(item))
            .map(item => `${show(before.get(keyOf(item))!)} → ${show(item)}`);
        if (added.length) display.added = added;
        if (removed.length) display.removed = removed;
        if (changed.length) display.changedItems = changed;
        if (!added.length && !removed.length && !changed.length) display.changedItems = [this.builder.m.t('diff.item.order')];
        this.push(attribute, from, to, display);
    }

    /**
     * A list compared by what a person reads of its items (`shown`), its model values kept as
     * the change's from/to so that the change applies (emotions under a condition).
     */
    shownList<T>(attribute: string, from: T[] | undefined, to: T[] | undefined, shown: (item: T) => string): void {
        const before = (from ?? []).map(shown);
        const after = (to ?? []).map(shown);
        if (contentKey(from ?? []) === contentKey(to ?? [])) return;
        const added = after.filter(item => !before.includes(item));
        const removed = before.filter(item => !after.includes(item));
        const display: Record<string, string | string[]> = { from: before.join(', '), to: after.join(', ') };
        if (added.length) display.added = added;
        if (removed.length) display.removed = removed;
        if (!added.length && !removed.length) display.changedItems = [this.builder.m.t('diff.item.order')];
        this.push(attribute, from, to, display);
    }

    /**
     * Outcomes by id: added and removed ones with where they lead, a new destination or title
     * said as such ("outcome “incomplet” now leads to “Relance” (was “Liste”, a loop)").
     */
    outcomes(from: OutcomeModel[] | undefined, to: OutcomeModel[] | undefined, stepTitle: (id: string) => string): void {
        if (contentKey(from ?? []) === contentKey(to ?? [])) return;
        const m = this.builder.m;
        const q = (text: string) => this.builder.quote(text);
        const show = (o: OutcomeModel) => m.t('diff.item.outcome', {
            title: q(o.title), step: o.leadsTo === undefined ? 'none' : q(stepTitle(o.leadsTo)), loop: o.loop ? 'yes' : 'no'
        });
        const before = new Map((from ?? []).map(o => [o.id, o]));
        const after = new Map((to ?? []).map(o => [o.id, o]));
        const display: Record<string, string | string[]> = {};
        const added = (to ?? []).filter(o => !before.has(o.id)).map(show);
        const removed = (from ?? []).filter(o => !after.has(o.id)).map(show);
        const notes: string[] = [];
        for (const now of to ?? []) {
            const old = before.get(now.id);
            if (!old) continue;
            if (old.title !== now.title) notes.push(m.t('diff.item.outcomeTitle', { from: q(old.title), to: q(now.title) }));
            if (old.leadsTo !== now.leadsTo || Boolean(old.loop) !== Boolean(now.loop)) {
                const step = (o: OutcomeModel) => o.leadsTo === undefined ? '–' : q(stepTitle(o.leadsTo));
                notes.push(m.t('diff.item.outcomeLeads', {
                    title: q(now.title), to: step(now), from: step(old), loop: now.loop ? 'yes' : 'no', wasLoop: old.loop ? 'yes' : 'no'
                }));
            }
        }
        if (added.length) display.added = added;
        if (removed.length) display.removed = removed;
        if (notes.length) display.notes = notes;
        if (!added.length && !removed.length && !notes.length) display.changedItems = [m.t('diff.item.order')];
        this.push('outcomes', from, to, display);
    }

    record(attribute: string, from: Record<string, string>, to: Record<string, string>): void {
        if (contentKey(from) === contentKey(to)) return;
        const show = (record: Record<string, string>, k: string) => `${k} → ${record[k]}`;
        const added = Object.keys(to).filter(k => !(k in from)).map(k => show(to, k));
        const removed = Object.keys(from).filter(k => !(k in to)).map(k => show(from, k));
        const changed = Object.keys(to).filter(k => k in from && from[k] !== to[k]).map(k => `${k}: ${from[k]} → ${to[k]}`);
        const display: Record<string, string | string[]> = {};
        if (added.length) display.added = added;
        if (removed.length) display.removed = removed;
        if (changed.length) display.changedItems = changed;
        if (!added.length && !removed.length && !changed.length) display.changedItems = [this.builder.m.t('diff.item.order')];
        this.push(attribute, from, to, display);
    }

    painPoints(from: PainPointModel[], to: PainPointModel[]): void {
        if (contentKey(from) === contentKey(to)) return;
        const m = this.builder.m;
        const severity = (p: PainPointModel | undefined) => p?.severity ? m.t(`severity.${p.severity}`) : m.t('diff.severity.notGiven');
        const show = (p: PainPointModel) => m.t('diff.item.pain', { text: p.text, severity: severity(p) });
        const fromTexts = new Map(from.map(p => [p.text, p]));
        const toTexts = new Map(to.map(p => [p.text, p]));
        const display: Record<string, string | string[]> = {};
        const added = to.filter(p => !fromTexts.has(p.text)).map(show);
        const removed = from.filter(p => !toTexts.has(p.text)).map(show);
        const changed = to.filter(p => fromTexts.has(p.text) && fromTexts.get(p.text)!.severity !== p.severity)
            .map(p => m.t('diff.item.painSeverity', { text: p.text, from: severity(fromTexts.get(p.text)), to: severity(p) }));
        if (added.length) display.added = added;
        if (removed.length) display.removed = removed;
        if (changed.length) display.changedItems = changed;
        if (!added.length && !removed.length && !changed.length) display.changedItems = [m.t('diff.item.order')];
        const worse = severityScore(to) > severityScore(from) ? 'worsened' : severityScore(to) < severityScore(from) ? 'improved' : undefined;
        this.push('painPoints', from, to, display, worse);
    }
}

const SEVERITY_WEIGHT = { low: 1, medium: 2, high: 3, critical: 4 } as const;
function severityScore(points: PainPointModel[]): number {
    // Not given counts as nothing: giving a severity is not a worsening of what was said.
    return points.reduce((sum, p) => sum + (p.severity ? SEVERITY_WEIGHT[p.severity] : 0), 0);
}

function ref(kind: ElementKind, journey: string | undefined, item: { id: string; title: string }): ElementRef {
    return { kind, ...(journey !== undefined ? { journey } : {}), id: item.id, title: item.title };
}

function optionalUsage(usedBy: UsageCount | undefined): { usedBy?: UsageCount } {
    return usedBy ? { usedBy } : {};
}

function setMeaning(from: unknown, to: unknown): Meaning | undefined {
    if (from === undefined && to !== undefined) return 'set';
    if (from !== undefined && to === undefined) return 'unset';
    return undefined;
}

/** Minutes or months: the units a timing's amount can be counted in without a calendar. */
const UNIT_SCALE: Record<TimeOffsetModel['unit'], [number, string]> = {
    minutes: [1, 'min'], hours: [60, 'min'], days: [1440, 'min'], weeks: [10080, 'min'], months: [1, 'month'], years: [12, 'month']
};

function offsetKey(offset: Pick<TimeOffsetModel, 'amount' | 'upTo' | 'unit'>): string {
    const [scale, base] = UNIT_SCALE[offset.unit];
    return `${offset.amount * scale}|${offset.upTo === undefined ? '' : offset.upTo * scale}|${base}`;
}

/** What a timing or deadline means, whatever its spelling: `1 month` = `1 months`, `2 weeks` = `14 days`. */
function timingKey(t: TimingModel | DeadlineModel): string {
    if (!('kind' in t)) return `deadline|${offsetKey(t.offset)}|${t.relation}|${t.event}`;
    switch (t.kind) {
        case 'every': return `every|${offsetKey({ amount: t.every, unit: t.unit })}`;
        case 'during': return `during|${t.during}`;
        case 'relative': return `relative|${offsetKey(t.offset)}|${t.relation}|${t.event}`;
    }
}
function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const k = keyOf(item);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
    }
    return groups;
}

const round = (value: number) => Math.round(value * 100) / 100;

function contentsText(journey: JourneyModel, m: Messages): string | undefined {
    const stages = journey.stages.length;
    const touchpoints = journey.stages.reduce((n, s) => n + s.touchpoints.length, 0);
    const kpis = ownKpis(journey).length;
    const parts = [
        ...(stages ? [m.t('count.stages', { count: stages })] : []),
        ...(touchpoints ? [m.t('count.touchpoints', { count: touchpoints })] : []),
        ...(kpis ? [m.t('count.kpis', { count: kpis })] : [])
    ];
    return parts.length ? joinWords(parts, m) : undefined;
}

/** Whether a removed KPI was about a removed stage or touchpoint (its scope or its measure). */
function kpiRefersTo(kpi: KpiModel, removed: RemovedChange): boolean {
    const ids = new Set<string>([removed.element.id]);
    if (removed.element.kind === 'stage') for (const t of (removed.value as StageModel).touchpoints) ids.add(t.id);
    const refs: string[] = [];
    if (kpi.scope.level === 'stage' || kpi.scope.level === 'touchpoint') refs.push(kpi.scope.ref);
    const m = kpi.measure;
    if (m?.kind === 'share') refs.push(m.reached, m.start);
    else if (m?.kind === 'duration') refs.push(m.start, m.end);
    else if (m?.kind === 'conversion' || m?.kind === 'abandonment') refs.push(m.from, m.to);
    else if (m?.kind === 'count' && m.of) refs.push(m.of);
    return refs.some(r => ids.has(r));
}

/** The children that left the longest common subsequence of two orders; undefined when the order is the same. */
export function reordering(before: string[], after: string[]): string[] | undefined {
    if (before.length === after.length && before.every((id, i) => id === after[i])) return undefined;
    const n = before.length;
    const m = after.length;
    const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            table[i][j] = before[i] === after[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
        }
    }
    const kept = new Set<string>();
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        if (before[i] === after[j]) { kept.add(after[j]); i++; j++; }
        else if (table[i + 1][j] >= table[i][j + 1]) i++;
        else j++;
    }
    return after.filter(id => !kept.has(id));
}

export function measureText(measure: MeasureModel): string {
    switch (measure.kind) {
        case 'share': return `share(${measure.reached} within ${measure.window.text} of ${measure.start})`;
        case 'duration': return `duration(${measure.start} to ${measure.end}) ${measure.statistic}`;
        case 'conversion': case 'abandonment': return `${measure.kind}(${measure.from} to ${measure.to})`;
        case 'count': return `count${measure.of ? `(${measure.of})` : ''}`;
        default: return measure.kind;
    }
}

/** A measure without the count's `perChannel`, which the KPI's breakdown says. */
function measureWithoutBreakdown(measure: MeasureModel | undefined): MeasureModel | undefined {
    return measure?.kind === 'count' ? { ...measure, perChannel: false } : measure;
}


function windowHours(window: WindowModel): number {
    switch (window.kind) {
        case 'calendar-days': return window.days * 24;
        case 'business-days': return window.days * 24 * 7 / 5;
        case 'duration': return window.hours;
    }
}

function windowMeaning(a: WindowModel, b: WindowModel): Meaning | undefined {
    const x = windowHours(a);
    const y = windowHours(b);
    return y > x ? 'widened' : y < x ? 'narrowed' : undefined;
}

function dateKey(date: string): string {
    return date.length === 7 ? `${date}-01` : date;
}

/**
 * Tightened: harder to meet given the KPI's direction (a higher bar for a higher-is-better KPI,
 * a lower ceiling for a lower-is-better one, or a strict comparator at the same value).
 */
export function targetMeaning(a: TargetModel, b: TargetModel, direction: 'higher' | 'lower' | undefined): Meaning | undefined {
    const aim = comparatorDirection(b.comparator);
    if (comparatorDirection(a.comparator) !== aim) return undefined;
    if (direction && direction !== aim) return undefined;
    let x = a.value;
    let y = b.value;
    if (a.unit !== b.unit) {
        if (unitFamily(a.unit) !== 'time' || unitFamily(b.unit) !== 'time') return undefined;
        x = toHours(a.value, a.unit!)!;
        y = toHours(b.value, b.unit!)!;
    }
    if (x === y) {
        const strictA = a.comparator === '>' || a.comparator === '<';
        const strictB = b.comparator === '>' || b.comparator === '<';
        return strictA === strictB ? undefined : strictB ? 'tightened' : 'loosened';
    }
    const higherBar = y > x;
    return (aim === 'higher') === higherBar ? 'tightened' : 'loosened';
}
