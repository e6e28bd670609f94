import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JourneyModel, WorkspaceModel } from '../../src/language/model/journey-model.js';
import { seriesResults } from '../../src/metrics/series-csv.js';
import { buildWorkspace, loadWorkspace } from '../../src/node/journey-workspace.js';
import type { PreviewPayload } from '../../src/render/preview-data.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const MUTUELLE = path.join(FIXTURES, 'mutuelle');
export const TODAY = '2026-06-15';

/** The fixture workspace with its series read, as every surface receives it. */
export async function mutuellePayload(file?: string): Promise<PreviewPayload> {
    const workspace = await loadWorkspace(['.'], { cwd: MUTUELLE });
    const { results, problems } = await seriesResults(workspace.model, MUTUELLE, new Date(`${TODAY}T12:00:00Z`));
    return { model: workspace.model, results, problems, ...(file ? { file } : {}), today: TODAY };
}

/** A journey of `stages` × `perStage` touchpoints, written as text and built by the language. */
export function largeJourneyText(stages = 15, perStage = 20): string {
    const lines = ['channel Web "Web" online', 'team Ops "Ops"', 'journey Big "Big journey" {', '  state current'];
    for (let s = 0; s < stages; s++) {
        lines.push(`  stage S${s} "Stage ${s}" {`);
        for (let t = 0; t < perStage; t++) {
            lines.push(`    touchpoint T${s}_${t} "Touchpoint ${s}.${t}" via Web by Ops {`, `      emotion ${((s + t) % 5) - 2}`);
            if (t % 7 === 0) lines.push(`      pain "Pain ${s}.${t}" severity high`);
            if (t % 11 === 0) lines.push('      moment of truth');
            lines.push('    }');
        }
        lines.push('  }');
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

export async function modelOf(text: string, file = 'big.journey'): Promise<WorkspaceModel> {
    const workspace = await buildWorkspace([{ path: file, text }], '/tmp/journey-render-test');
    return workspace.model;
}

export function journeyOf(model: WorkspaceModel, id: string): JourneyModel {
    const journey = model.journeys.find(j => j.id === id);
    if (!journey) throw new Error(`no journey ${id}`);
    return journey;
}
