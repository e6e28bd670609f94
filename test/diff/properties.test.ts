import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDiff, normalizeModel } from '../../src/diff/apply-diff.js';
import { diffModels } from '../../src/diff/diff-engine.js';
import type { Change, ChangedChange, ElementKind } from '../../src/diff/diff-types.js';
import { cloneModel, emptyRenames, memberMap, renameInModel } from '../../src/diff/model-refs.js';
import type { KpiModel, TargetModel, WindowModel, WorkspaceModel } from '../../src/language/model/journey-model.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** One edit a CX person could make, on the model. `pick` values in [0, 1) choose the targets, `d` (0–99) a new value. */
type Edit = { op: number; a: number; b: number; c: number; d: number };

function pick<T>(items: T[], at: number): T | undefined {
    return items.length ? items[Math.floor(at * items.length) % items.length] : undefined;
}

let fresh = 0;
function applyEdit(model: WorkspaceModel, edit: Edit): void {
    const journey = pick(model.journeys, edit.a);
    if (!journey) return;
    const stage = pick(journey.stages, edit.b);
    const touchpoint = stage && pick(stage.touchpoints, edit.c);
    const kpi = pick(journey.kpis.filter(k => !k.shared), edit.c);
    // Any journey's KPI measuring a share within a window (few journeys have one).
    const share = pick(model.journeys.flatMap(j => j.kpis).filter(k => !k.shared && k.measure?.kind === 'share'), edit.c);
    const ops: (() => void)[] = [
        () => { if (touchpoint) touchpoint.title = `${touchpoint.title} (révisé)`; },
        () => { if (touchpoint) touchpoint.emotion = (edit.d % 5) - 2; },
        () => { if (touchpoint) touchpoint.channels = [pick(model.channels, edit.b)!.id]; },
        () => { if (touchpoint) touchpoint.momentOfTruth = !touchpoint.momentOfTruth; },
        () => { if (touchpoint) touchpoint.painPoints.push({ text: `Irritant ${fresh++}`, severity: 'high' }); },
        () => { if (touchpoint) touchpoint.painPoints = touchpoint.painPoints.map(p => ({ ...p, severity: p.severity === 'low' ? 'critical' : 'low' })); },
        () => { if (stage && touchpoint) stage.touchpoints.splice(stage.touchpoints.indexOf(touchpoint), 1); },
        () => {
            if (!stage) return;
            const id = `Nouveau${fresh++}`;
            stage.touchpoints.splice(Math.floor(edit.c * (stage.touchpoints.length + 1)), 0, {
                id, title: `Nouveau point de contact ${id}`, channels: [model.channels[0].id], actors: [], painPoints: [], momentOfTruth: false,
                opportunities: [], blueprint: { customerActions: [], frontstage: [], backstage: [], supportSystems: [], evidence: [] }, file: 'x', line: 1
            });
        },
        () => {
            // Move a touchpoint to another stage of any journey.
            if (!stage || !touchpoint) return;
            const target = pick(pick(model.journeys, edit.c)!.stages, edit.a);
            if (!target) return;
            const j2 = model.journeys.find(j => j.stages.includes(target))!;
            if (j2 !== journey && j2.stages.some(s => s.touchpoints.some(t => t.id === touchpoint.id))) return;
            stage.touchpoints.splice(stage.touchpoints.indexOf(touchpoint), 1);
            target.touchpoints.splice(Math.floor(edit.b * (target.touchpoints.length + 1)), 0, touchpoint);
        },
        () => {
            // Rename a touchpoint and the references to it.
            if (!touchpoint) return;
            const renames = emptyRenames();
            memberMap(renames.touchpoints, journey.id).set(touchpoint.id, `${touchpoint.id}Renomme${fresh++}`);
            renameInModel(model, renames);
        },
        () => { if (stage) stage.touchpoints.reverse(); },
        () => { journey.stages.reverse(); },
        () => { if (stage) journey.stages.splice(journey.stages.indexOf(stage), 1); },
        () => {
            journey.stages.splice(Math.floor(edit.b * (journey.stages.length + 1)), 0,
                { id: `Etape${fresh++}`, title: 'Nouvelle étape', touchpoints: [], file: 'x', line: 1 });
        },
        () => { if (stage) stage.title = `${stage.title} !`; },
        () => { if (kpi?.target) kpi.target = { ...kpi.target, value: kpi.target.value + 5, text: `≥ ${kpi.target.value + 5}` }; },
        () => { if (kpi?.target) kpi.target = { ...kpi.target, deadline: kpi.target.deadline ? (edit.d % 2 ? '2025-03-15' : '2029-09') : '2028-01' }; },
        () => { if (kpi) journey.kpis.splice(journey.kpis.indexOf(kpi), 1); },
        () => { if (share?.measure?.kind === 'share') share.measure = { ...share.measure, window: { kind: 'calendar-days', days: 3, text: 'J+3' } }; },
        () => { const channel = pick(model.channels, edit.b); if (channel) channel.title = `${channel.title} (nouveau)`; },
        () => { const channel = pick(model.channels, edit.b); if (channel) model.channels.splice(model.channels.indexOf(channel), 1); },
        () => {
            const channel = pick(model.channels, edit.b);
            if (!channel) return;
            const renames = emptyRenames();
            renames.channels.set(channel.id, `${channel.id}Bis${fresh++}`);
            renameInModel(model, renames);
        },
        () => { const j = journey.kpis.find(k => k.shared); if (j) journey.kpis.splice(journey.kpis.indexOf(j), 1); },
        () => { journey.title = `${journey.title} v2`; journey.description = undefined; },
        () => {
            // A touchpoint replaced by a new one on the same channels, with the same owner, emotion
            // and some actors: a different touchpoint (new id, new title, at most 8 shared tokens
            // against 3 + 3 for the titles: similarity below 0.6 by construction), not a rename.
            if (!stage || !touchpoint) return;
            const id = `Remplace${fresh++}`;
            stage.touchpoints.splice(stage.touchpoints.indexOf(touchpoint), 1, {
                id, title: `Remplaçant ${id}`, channels: touchpoint.channels.slice(0, 3), owner: touchpoint.owner, actors: touchpoint.actors.slice(0, 3),
                emotion: touchpoint.emotion, painPoints: [], momentOfTruth: false, opportunities: [],
                blueprint: { customerActions: [], frontstage: [], backstage: [], supportSystems: [], evidence: [] }, file: 'x', line: 1
            });
        },
        () => {
            // A KPI replaced by another on the same measure and scope, with a new title and no target: a new KPI, not a rename.
            if (!kpi) return;
            const id = `Remplace${fresh++}`;
            const { description: _, target: __, owner: ___, mode: ____, frequency: _____, data: ______, ...kept } = kpi;
            journey.kpis.splice(journey.kpis.indexOf(kpi), 1, { ...cloneModel(kept), id, title: `Indicateur ${id}` });
        },
        () => { if (kpi?.target) kpi.target = { ...kpi.target, value: Math.max(0, kpi.target.value - 7), text: `≈ ${kpi.target.value - 7}` }; },
        () => { if (share?.measure?.kind === 'share') share.measure = { ...share.measure, window: { kind: 'duration', hours: 6, text: '6 h' } }; },
        // Wider than every example's window (examples/carte-identite has a 15-day one), so that widening is exercised too.
        () => { if (share?.measure?.kind === 'share') share.measure = { ...share.measure, window: { kind: 'duration', hours: 24 * 90, text: '90 days' } }; }
    ];
    ops[edit.op % ops.length]();
}

/** Every element of a model with an id, by kind (journey members with their journey's id). */
function elements(model: WorkspaceModel): Array<{ kind: ElementKind; journey?: string; id: string; item: object }> {
    const list: Array<{ kind: ElementKind; journey?: string; id: string; item: object }> = [];
    for (const [kind, items] of [['channel', model.channels], ['persona', model.personas], ['team', model.teams], ['source', model.sources], ['kpi', model.kpis]] as const) {
        for (const item of items) list.push({ kind, id: item.id, item });
    }
    for (const journey of model.journeys) {
        list.push({ kind: 'journey', id: journey.id, item: journey });
        for (const stage of journey.stages) {
            list.push({ kind: 'stage', journey: journey.id, id: stage.id, item: stage });
            for (const touchpoint of stage.touchpoints) list.push({ kind: 'touchpoint', journey: journey.id, id: touchpoint.id, item: touchpoint });
        }
        for (const kpi of journey.kpis) list.push({ kind: 'kpi', journey: journey.id, id: kpi.id, item: kpi });
    }
    return list;
}

/**
 * A copy of `base` whose elements remember which base element they are (edits keep the
 * objects: renames and moves change ids and places in place; additions are new objects).
 */
function trackedCopy(base: WorkspaceModel): { head: WorkspaceModel; origin: Map<object, string> } {
    const head = cloneModel(base);
    const origin = new Map<object, string>();
    const from = elements(base);
    elements(head).forEach((element, i) => origin.set(element.item, from[i].id));
    return { head, origin };
}

/** What a change of value means, worked out here from the values alone (not by the engine's code). */
function expectedMeaning(change: ChangedChange, kpi: KpiModel | undefined): string | undefined {
    const { attribute, from, to } = change;
    if (attribute === 'emotion' && typeof from === 'number' && typeof to === 'number') return to > from ? 'improved' : 'worsened';
    if (attribute === 'target.deadline' && typeof from === 'string' && typeof to === 'string') {
        const day = (date: string) => (date.length === 7 ? `${date}-01` : date);
        return day(to) < day(from) ? 'earlier' : 'later';
    }
    if (attribute === 'target' && from && to) {
        const [a, b] = [from as TargetModel, to as TargetModel];
        if (a.comparator !== b.comparator || a.unit !== b.unit || a.value === b.value) return undefined;
        // A higher-is-better KPI ("≥ 95 %") is harder to meet with a higher bar; a lower-is-better one with a lower ceiling.
        const aimsHigher = b.comparator === '>=' || b.comparator === '>';
        if (kpi?.direction && (kpi.direction === 'higher') !== aimsHigher) return undefined;
        return (b.value > a.value) === aimsHigher ? 'tightened' : 'loosened';
    }
    if (attribute === 'measure.window' && from && to) {
        const hours = (w: WindowModel) => (w.kind === 'duration' ? w.hours : w.kind === 'calendar-days' ? w.days * 24 : undefined);
        const [a, b] = [hours(from as WindowModel), hours(to as WindowModel)];
        if (a === undefined || b === undefined || a === b) return undefined;
        return b > a ? 'widened' : 'narrowed';
    }
    return undefined;
}

const unit = () => fc.double({ min: 0, max: 0.999, noNaN: true });
const anEdit = fc.record({ op: fc.nat(100), a: unit(), b: unit(), c: unit(), d: fc.nat(99) });

describe('diff properties', () => {
    let base: WorkspaceModel;
    beforeAll(async () => {
        const workspace = await loadWorkspace([EXAMPLES]);
        base = workspace.model;
        // A second journey, so that touchpoints can move between journeys.
        const copy = cloneModel(base.journeys[0]);
        copy.id = `${copy.id}Copie`;
        copy.title = `${copy.title} (copie)`;
        copy.kpis = copy.kpis.filter(k => k.shared);
        base = { ...base, journeys: [...base.journeys, copy] };
        // Deadlines on every other journey KPI with a target (the examples have few), so that edits can move them.
        base.journeys.flatMap(j => j.kpis).filter(k => k.target && !k.target.deadline && !k.shared)
            .forEach((kpi, i) => { if (i % 2 === 0) kpi.target = { ...kpi.target!, deadline: '2027-06' }; });
    });

    it('applying the reported changes to the base gives the head, for random edit sequences', () => {
        fc.assert(fc.property(fc.array(anEdit, { minLength: 1, maxLength: 8 }), edits => {
            const head = cloneModel(base);
            for (const e of edits) applyEdit(head, e);
            const diff = diffModels(base, head);
            expect(normalizeModel(applyDiff(base, diff))).toEqual(normalizeModel(head));
            // Applying the JSON (what other tools read) gives the same.
            expect(normalizeModel(applyDiff(base, JSON.parse(JSON.stringify(diff))))).toEqual(normalizeModel(head));
        }), { numRuns: Number(process.env.DIFF_RUNS ?? 60), seed: Number(process.env.DIFF_SEED ?? 6) });
    }, 600_000);

    it('reports as renamed only elements that are the same element, and every meaning as the values say', () => {
        const seen = { renamed: 0, meanings: new Map<string, number>() };
        fc.assert(fc.property(fc.array(anEdit, { minLength: 1, maxLength: 8 }), edits => {
            const { head, origin } = trackedCopy(base);
            for (const e of edits) applyEdit(head, e);
            const diff = diffModels(base, head);
            const headElements = elements(head);
            for (const change of diff.changes as Change[]) {
                if (change.type === 'renamed') {
                    // The head element is the base element `from` under a new id, not another one that looks like it.
                    const candidates = headElements.filter(e => e.kind === change.element.kind && e.id === change.element.id);
                    expect(candidates.map(e => origin.get(e.item)), `${change.message}`).toContain(change.from);
                    seen.renamed++;
                }
                if (change.type === 'changed' && change.meaning) {
                    const kpi = change.element.kind === 'kpi'
                        ? headElements.find(e => e.kind === 'kpi' && e.id === change.element.id && e.journey === change.element.journey)?.item as KpiModel | undefined
                        : undefined;
                    const expected = expectedMeaning(change, kpi);
                    if (expected === undefined) continue;
                    expect(change.meaning, change.message).toBe(expected);
                    // And the sentence a reviewer reads says it.
                    expect(change.message).toContain(expected);
                    seen.meanings.set(expected, (seen.meanings.get(expected) ?? 0) + 1);
                }
            }
        }), { numRuns: Number(process.env.DIFF_RUNS ?? 200), seed: Number(process.env.DIFF_SEED ?? 6) });
        // The runs did exercise what is checked.
        expect(seen.renamed).toBeGreaterThan(0);
        expect([...seen.meanings.keys()].sort()).toEqual(['earlier', 'improved', 'later', 'loosened', 'narrowed', 'tightened', 'widened', 'worsened']);
    }, 600_000);

    it('finds no change between every example workspace and itself', async () => {
        const folders = readdirSync(EXAMPLES, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => path.join(EXAMPLES, e.name));
        expect(folders.length).toBeGreaterThan(0);
        for (const folder of folders) {
            const workspace = await loadWorkspace([folder], { root: folder });
            const again = await loadWorkspace([folder], { root: folder });
            expect(workspace.model.journeys.length + workspace.model.channels.length, folder).toBeGreaterThan(0);
            expect(diffModels(workspace.model, again.model).changes, folder).toEqual([]);
            // And each journey file alone (its references to other files unresolved), loaded twice.
            for (const journey of workspace.model.journeys) {
                const alone = await loadWorkspace([path.join(folder, journey.file)], { root: folder });
                const aloneAgain = await loadWorkspace([path.join(folder, journey.file)], { root: folder });
                expect(aloneAgain.model).not.toBe(alone.model);
                expect(diffModels(alone.model, aloneAgain.model).changes, journey.file).toEqual([]);
            }
        }
    });
});
