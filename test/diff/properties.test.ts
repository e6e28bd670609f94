import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDiff, normalizeModel } from '../../src/diff/apply-diff.js';
import { diffModels } from '../../src/diff/diff-engine.js';
import { cloneModel, emptyRenames, memberMap, renameInModel } from '../../src/diff/model-refs.js';
import type { WorkspaceModel } from '../../src/language/model/journey-model.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** One edit a CX person could make, on the model. `pick` values in [0, 1) choose the targets. */
type Edit = { op: number; a: number; b: number; c: number };

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
    const ops: (() => void)[] = [
        () => { if (touchpoint) touchpoint.title = `${touchpoint.title} (révisé)`; },
        () => { if (touchpoint) touchpoint.emotion = Math.round(edit.b * 4) - 2; },
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
        () => { if (kpi?.target) kpi.target = { ...kpi.target, deadline: '2028-01' }; },
        () => { if (kpi) journey.kpis.splice(journey.kpis.indexOf(kpi), 1); },
        () => { if (kpi && kpi.measure?.kind === 'share') kpi.measure = { ...kpi.measure, window: { kind: 'calendar-days', days: 3, text: 'J+3' } }; },
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
        () => { journey.title = `${journey.title} v2`; journey.description = undefined; }
    ];
    ops[edit.op % ops.length]();
}

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
    });

    it('applying the reported changes to the base gives the head, for random edit sequences', () => {
        const edit = fc.record({ op: fc.nat(100), a: fc.double({ min: 0, max: 0.999, noNaN: true }), b: fc.double({ min: 0, max: 0.999, noNaN: true }), c: fc.double({ min: 0, max: 0.999, noNaN: true }) });
        fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), edits => {
            const head = cloneModel(base);
            for (const e of edits) applyEdit(head, e);
            const diff = diffModels(base, head);
            expect(normalizeModel(applyDiff(base, diff))).toEqual(normalizeModel(head));
            // Applying the JSON (what other tools read) gives the same.
            expect(normalizeModel(applyDiff(base, JSON.parse(JSON.stringify(diff))))).toEqual(normalizeModel(head));
        }), { numRuns: Number(process.env.DIFF_RUNS ?? 60), seed: Number(process.env.DIFF_SEED ?? 6) });
    }, 600_000);

    it('finds no change between every example workspace and itself', async () => {
        const folders = readdirSync(EXAMPLES, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => path.join(EXAMPLES, e.name));
        expect(folders.length).toBeGreaterThan(0);
        for (const folder of folders) {
            const workspace = await loadWorkspace([folder], { root: folder });
            const again = await loadWorkspace([folder], { root: folder });
            expect(workspace.model.journeys.length + workspace.model.channels.length, folder).toBeGreaterThan(0);
            expect(diffModels(workspace.model, again.model).changes, folder).toEqual([]);
            // And each journey file alone (its references to other files unresolved).
            for (const journey of workspace.model.journeys) {
                const alone = await loadWorkspace([path.join(folder, journey.file)], { root: folder });
                expect(diffModels(alone.model, alone.model).changes, journey.file).toEqual([]);
            }
        }
    });
});
