/**
 * Applies a diff's change list to the base model. This defines what the JSON output means: the
 * result equals the head model up to file and line positions and the order of unordered
 * collections (compare with `normalizeModel`). The tests check it on random edit sequences.
 */
import type { JourneyModel, KpiModel, StageModel, TouchpointModel, WorkspaceModel } from '../language/model/journey-model.js';
import type { EmotionParts } from '../language/model/journey-facts.js';
import type { AddedChange, MovedChange, WorkspaceDiff } from './diff-types.js';
import { cloneModel, emptyRenames, memberMap, renameInModel } from './model-refs.js';

type CatalogKey = 'channels' | 'personas' | 'segments' | 'teams' | 'roles' | 'organisations' | 'tagFamilies' | 'sources' | 'kpis';
const CATALOG_OF: Record<string, CatalogKey> = {
    channel: 'channels', persona: 'personas', segment: 'segments', team: 'teams', role: 'roles', organisation: 'organisations',
    tagfamily: 'tagFamilies', source: 'sources', kpi: 'kpis'
};

export function applyDiff(base: WorkspaceModel, diff: WorkspaceDiff): WorkspaceModel {
    const model = cloneModel(base);
    const changes = diff.changes;

    const renames = emptyRenames();
    for (const change of changes) {
        if (change.type !== 'renamed') continue;
        const { kind, journey, id } = change.element;
        if (kind === 'journey') renames.journeys.set(change.from, id);
        else if (kind === 'stage') memberMap(renames.stages, journey!).set(change.from, id);
        else if (kind === 'touchpoint') memberMap(renames.touchpoints, journey!).set(change.from, id);
        else if (kind === 'kpi' && journey) memberMap(renames.journeyKpis, journey).set(change.from, id);
        else renames[CATALOG_OF[kind]].set(change.from, id);
    }
    renameInModel(model, renames);

    const journey = (id: string) => model.journeys.find(j => j.id === id);
    const stage = (journeyId: string, id: string) => journey(journeyId)?.stages.find(s => s.id === id);
    const tracked = new Map(model.journeys.map(j => [j.id, j.kpis.filter(k => k.shared).map(k => k.id)]));
    for (const j of model.journeys) j.kpis = j.kpis.filter(k => !k.shared);

    // Touchpoints leave their stage first (their stage or journey may be removed next).
    const inserts = new Map<StageModel | string, { index: number; touchpoint: TouchpointModel }[]>();
    const movedTouchpoints: { change: MovedChange; touchpoint: TouchpointModel }[] = [];
    for (const change of changes) {
        if (change.type !== 'moved') continue;
        const from = stage(change.from.journey, change.from.stage!);
        const at = from?.touchpoints.findIndex(t => t.id === change.element.id) ?? -1;
        if (!from || at < 0) throw new Error(`moved touchpoint ${change.element.id} not found in ${change.from.journey}.${change.from.stage}`);
        movedTouchpoints.push({ change, touchpoint: from.touchpoints.splice(at, 1)[0] });
    }

    for (const change of changes) {
        if (change.type !== 'removed') continue;
        const { kind, id } = change.element;
        if (kind === 'journey') model.journeys = model.journeys.filter(j => j.id !== id);
        else if (kind === 'stage') {
            const j = journey(change.element.journey!)!;
            j.stages = j.stages.filter(s => s.id !== id);
        } else if (kind === 'touchpoint') {
            const s = stage(change.place!.journey, change.place!.stage!)!;
            s.touchpoints = s.touchpoints.filter(t => t.id !== id);
        } else if (kind === 'kpi' && change.element.journey) {
            const j = journey(change.element.journey)!;
            j.kpis = j.kpis.filter(k => k.id !== id);
        } else {
            const key = CATALOG_OF[kind];
            (model[key] as { id: string }[]) = (model[key] as { id: string }[]).filter(item => item.id !== id);
        }
    }

    // Order of what both versions have, then additions at their head positions.
    for (const change of changes) {
        if (change.type !== 'reordered') continue;
        const rank = new Map(change.order.map((id, i) => [id, i]));
        const sort = <T extends { id: string }>(items: T[]) => items.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
        if (change.children === 'stages') sort(journey(change.element.id)!.stages);
        else sort(stage(change.element.journey!, change.element.id)!.touchpoints);
    }
    for (const change of changes) {
        if (change.type === 'added' && change.element.kind === 'journey') model.journeys.push(cloneModel(change.value as JourneyModel));
    }
    for (const j of model.journeys) if (!tracked.has(j.id)) {
        tracked.set(j.id, j.kpis.filter(k => k.shared).map(k => k.id));
        j.kpis = j.kpis.filter(k => !k.shared);
    }
    const stageAdds = changes.filter((c): c is AddedChange => c.type === 'added' && c.element.kind === 'stage').sort((a, b) => a.index! - b.index!);
    for (const change of stageAdds) journey(change.place!.journey)!.stages.splice(change.index!, 0, cloneModel(change.value as StageModel));
    for (const change of changes) {
        if (change.type === 'added' && change.element.kind === 'touchpoint') {
            const s = stage(change.place!.journey, change.place!.stage!)!;
            inserts.set(s, [...(inserts.get(s) ?? []), { index: change.index!, touchpoint: cloneModel(change.value as TouchpointModel) }]);
        }
    }
    for (const { change, touchpoint } of movedTouchpoints) {
        const s = stage(change.to.journey, change.to.stage!)!;
        inserts.set(s, [...(inserts.get(s) ?? []), { index: change.index, touchpoint }]);
    }
    for (const [s, items] of inserts) {
        for (const item of items.sort((a, b) => a.index - b.index)) (s as StageModel).touchpoints.splice(item.index, 0, item.touchpoint);
    }
    for (const change of changes) {
        if (change.type !== 'added') continue;
        const { kind, journey: journeyId } = change.element;
        if (kind === 'kpi' && journeyId) journey(journeyId)!.kpis.push(cloneModel(change.value as KpiModel));
        else if (kind in CATALOG_OF) (model[CATALOG_OF[kind]] as unknown[]).push(cloneModel(change.value));
    }

    for (const change of changes) {
        if (change.type !== 'changed') continue;
        const { kind, id, journey: journeyId } = change.element;
        if (kind === 'journey' && change.attribute === 'tracked') {
            tracked.set(id, [...(change.to as string[])]);
            continue;
        }
        const target = kind === 'journey' ? journey(id)
            : kind === 'stage' ? stage(journeyId!, id)
            : kind === 'touchpoint' ? journey(journeyId!)?.stages.flatMap(s => s.touchpoints).find(t => t.id === id)
            : kind === 'kpi' && journeyId ? journey(journeyId)?.kpis.find(k => k.id === id)
            : (model[CATALOG_OF[kind]] as { id: string }[]).find(item => item.id === id);
        if (!target) throw new Error(`changed ${kind} ${id} not found`);
        if (change.attribute === 'emotion' && (kind === 'stage' || kind === 'touchpoint')) {
            setEmotion(target as EmotionParts, change.to);
            continue;
        }
        setPath(target as unknown as Record<string, unknown>, change.attribute.split('.'), change.to);
    }

    const catalogKpis = new Map(model.kpis.map(k => [k.id, k]));
    for (const j of model.journeys) {
        for (const id of tracked.get(j.id) ?? []) {
            const kpi = catalogKpis.get(id);
            if (kpi) j.kpis.push({ ...cloneModel(kpi), shared: true });
        }
    }
    return model;
}

/**
 * An emotion as the diff records it: a number, `{ value | range, word }`, or nothing; the model
 * holds it as a number (a range's middle), a range and a word.
 */
function setEmotion(target: EmotionParts, value: unknown): void {
    delete target.emotion;
    delete target.emotionRange;
    delete target.emotionWord;
    if (typeof value === 'number') target.emotion = value;
    else if (value && typeof value === 'object') {
        const emotion = value as { value?: number; range?: { min: number; max: number }; word?: string };
        if (emotion.range) {
            target.emotionRange = { ...emotion.range };
            target.emotion = (emotion.range.min + emotion.range.max) / 2;
        } else if (emotion.value !== undefined) target.emotion = emotion.value;
        if (emotion.word !== undefined) target.emotionWord = emotion.word;
    }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
    let object = target;
    for (const part of path.slice(0, -1)) {
        if (object[part] === undefined || object[part] === null) return;
        object = object[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (value === undefined) delete object[last];
    else object[last] = cloneModel(value);
}

/**
 * The model without positions, with unordered collections sorted: two models that mean the
 * same compare equal. Stages and touchpoints keep their order (it is meaningful).
 */
export function normalizeModel(model: WorkspaceModel): WorkspaceModel {
    const strip = JSON.parse(JSON.stringify(model, (k, v) => (k === 'file' || k === 'line' ? undefined : v))) as WorkspaceModel;
    const sort = <T extends { id: string }>(items: T[]) => items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sort(strip.journeys);
    sort(strip.channels);
    sort(strip.personas);
    sort(strip.teams);
    sort(strip.segments);
    sort(strip.roles);
    sort(strip.organisations);
    sort(strip.tagFamilies);
    sort(strip.sources);
    sort(strip.kpis);
    // An empty list of these optional facts says what their absence says.
    const dropEmpty = (element: object, fields: string[]) => {
        for (const field of fields) if (Array.isArray((element as Record<string, unknown>)[field]) && !((element as Record<string, unknown[]>)[field]).length) delete (element as Record<string, unknown>)[field];
    };
    for (const journey of strip.journeys) {
        dropEmpty(journey, ['research']);
        for (const stage of journey.stages) {
            dropEmpty(stage, ['tags']);
            for (const touchpoint of stage.touchpoints) dropEmpty(touchpoint, ['segments', 'tags']);
        }
    }
    for (const journey of strip.journeys) {
        journey.kpis = [...sort(journey.kpis.filter(k => !k.shared)), ...sort(journey.kpis.filter(k => k.shared))];
    }
    return strip;
}
