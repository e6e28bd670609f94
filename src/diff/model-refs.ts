/**
 * Renaming ids in a workspace model together with every reference to them. The diff renames
 * the base before comparing it with the head (so a renamed channel is one change, not one per
 * touchpoint using it), and applying a diff renames the same way.
 */
import type { JourneyModel, KpiModel, MeasureModel, TouchpointModel, WorkspaceModel } from '../language/model/journey-model.js';

export type IdMap = Map<string, string>;

/** Base id → head id, per namespace. Member maps are keyed by the journey's head id. */
export interface Renames {
    journeys: IdMap;
    channels: IdMap;
    personas: IdMap;
    segments: IdMap;
    teams: IdMap;
    roles: IdMap;
    organisations: IdMap;
    tagFamilies: IdMap;
    sources: IdMap;
    /** Catalog KPIs (also the ids of their tracked copies). */
    kpis: IdMap;
    stages: Map<string, IdMap>;
    touchpoints: Map<string, IdMap>;
    journeyKpis: Map<string, IdMap>;
}

export function emptyRenames(): Renames {
    return {
        journeys: new Map(), channels: new Map(), personas: new Map(), segments: new Map(), teams: new Map(), roles: new Map(),
        organisations: new Map(), tagFamilies: new Map(), sources: new Map(), kpis: new Map(),
        stages: new Map(), touchpoints: new Map(), journeyKpis: new Map()
    };
}

export function hasRenames(renames: Renames): boolean {
    const { stages, touchpoints, journeyKpis, ...catalogs } = renames;
    return Object.values(catalogs).some((map: IdMap) => map.size > 0) ||
        [stages, touchpoints, journeyKpis].some(members => [...members.values()].some(map => map.size > 0));
}

export function memberMap(maps: Map<string, IdMap>, journey: string): IdMap {
    let map = maps.get(journey);
    if (!map) maps.set(journey, map = new Map());
    return map;
}

/** A deep copy (the model is plain JSON). */
export function cloneModel<T>(value: T): T {
    return structuredClone(value);
}

const map = (ids: IdMap, id: string) => ids.get(id) ?? id;

/**
 * Rewrites ids and references of `model` in place. References to journey members are written
 * `Id` inside their journey and `Journey.Id` elsewhere (see build-model.ts).
 */
export function renameInModel(model: WorkspaceModel, renames: Renames): void {
    if (!hasRenames(renames)) return;
    for (const channel of model.channels) channel.id = map(renames.channels, channel.id);
    for (const persona of model.personas) persona.id = map(renames.personas, persona.id);
    for (const team of model.teams) team.id = map(renames.teams, team.id);
    for (const segment of model.segments) segment.id = map(renames.segments, segment.id);
    for (const role of model.roles) role.id = map(renames.roles, role.id);
    for (const organisation of model.organisations) organisation.id = map(renames.organisations, organisation.id);
    for (const family of model.tagFamilies) family.id = map(renames.tagFamilies, family.id);
    for (const source of model.sources) source.id = map(renames.sources, source.id);
    for (const kpi of model.kpis) {
        kpi.id = map(renames.kpis, kpi.id);
        renameInKpi(kpi, undefined, renames);
    }
    for (const journey of model.journeys) {
        journey.id = map(renames.journeys, journey.id);
        if (journey.improves) journey.improves = map(renames.journeys, journey.improves);
        journey.personas = journey.personas.map(id => map(renames.personas, id));
        if (journey.owner) journey.owner = map(renames.teams, journey.owner);
    }
    for (const journey of model.journeys) renameInJourney(journey, renames);
}

function renameInJourney(journey: JourneyModel, renames: Renames): void {
    const stages = renames.stages.get(journey.id);
    const touchpoints = renames.touchpoints.get(journey.id);
    const kpis = renames.journeyKpis.get(journey.id);
    for (const stage of journey.stages) {
        if (stages) stage.id = map(stages, stage.id);
        if (stage.owner) stage.owner = map(renames.teams, stage.owner);
        if (stage.tags) stage.tags = stage.tags.map(tag => renameTag(tag, renames));
        for (const touchpoint of stage.touchpoints) {
            if (touchpoints) touchpoint.id = map(touchpoints, touchpoint.id);
            renameInTouchpoint(touchpoint, renames);
        }
    }
    for (const kpi of journey.kpis) {
        kpi.id = map(kpi.shared ? renames.kpis : kpis ?? new Map(), kpi.id);
        renameInKpi(kpi, kpi.shared ? undefined : journey.id, renames);
    }
}

function renameInTouchpoint(touchpoint: TouchpointModel, renames: Renames): void {
    touchpoint.channels = touchpoint.channels.map(id => map(renames.channels, id));
    const performer = (id: string) => renames.teams.get(id) ?? renames.roles.get(id) ?? renames.organisations.get(id) ?? id;
    if (touchpoint.owner) touchpoint.owner = performer(touchpoint.owner);
    touchpoint.actors = touchpoint.actors.map(id => renames.personas.get(id) ?? performer(id));
    if (touchpoint.segments) touchpoint.segments = touchpoint.segments.map(id => renames.personas.get(id) ?? renames.segments.get(id) ?? id);
    if (touchpoint.tags) touchpoint.tags = touchpoint.tags.map(tag => renameTag(tag, renames));
}

/** `Family.Tag` with its family renamed. */
function renameTag(tag: string, renames: Renames): string {
    const dot = tag.indexOf('.');
    return dot < 0 ? tag : `${map(renames.tagFamilies, tag.slice(0, dot))}${tag.slice(dot)}`;
}

type MemberKind = 'stage' | 'touchpoint' | 'step';

/** A reference to a stage or touchpoint written from `home` (undefined: from the catalog). */
function renameMemberRef(ref: string, home: string | undefined, kind: MemberKind, renames: Renames): string {
    const dot = ref.indexOf('.');
    const journey = dot < 0 ? home : map(renames.journeys, ref.slice(0, dot));
    const id = dot < 0 ? ref : ref.slice(dot + 1);
    if (journey === undefined) return ref;
    const touchpoints = renames.touchpoints.get(journey);
    const stages = renames.stages.get(journey);
    const renamed = kind === 'stage' ? stages?.get(id)
        : kind === 'touchpoint' ? touchpoints?.get(id)
        : touchpoints?.get(id) ?? stages?.get(id);
    const newId = renamed ?? id;
    return dot < 0 ? newId : `${journey}.${newId}`;
}

function renameInKpi(kpi: KpiModel, home: string | undefined, renames: Renames): void {
    if (kpi.owner) kpi.owner = map(renames.teams, kpi.owner);
    if (kpi.data) kpi.data = map(renames.sources, kpi.data);
    if (kpi.scope.level === 'channel') kpi.scope = { level: 'channel', ref: map(renames.channels, kpi.scope.ref) };
    else if (kpi.scope.level !== 'journey') {
        kpi.scope = { level: kpi.scope.level, ref: renameMemberRef(kpi.scope.ref, home, kpi.scope.level, renames) };
    }
    if (kpi.measure) kpi.measure = renameInMeasure(kpi.measure, home, renames);
}

function renameInMeasure(measure: MeasureModel, home: string | undefined, renames: Renames): MeasureModel {
    const touchpoint = (ref: string) => renameMemberRef(ref, home, 'touchpoint', renames);
    const step = (ref: string) => renameMemberRef(ref, home, 'step', renames);
    switch (measure.kind) {
        case 'share': return { ...measure, reached: touchpoint(measure.reached), start: touchpoint(measure.start) };
        case 'duration': return { ...measure, start: touchpoint(measure.start), end: touchpoint(measure.end) };
        case 'conversion': case 'abandonment': return { ...measure, from: step(measure.from), to: step(measure.to) };
        case 'count': return measure.of === undefined ? measure : { ...measure, of: touchpoint(measure.of) };
        default: return measure;
    }
}
