/**
 * The visual diff for a preview payload: the head map (as the language server built it) with
 * the marks of its diff from a git revision or a path. Used by VS Code's "Journey: Compare
 * with…" (and the same computation as `journey render --diff`).
 */
import type { PreviewPayload } from '../render/preview-data.js';
import { marksFromDiff } from './diff-marks.js';
import { diffAgainst } from './diff-sources.js';

export async function comparisonPayload(payload: PreviewPayload, base: string, root: string): Promise<PreviewPayload> {
    const diff = await diffAgainst(base, root, payload.model);
    const title = payload.title ?? payload.file ?? 'Journey map';
    return { ...payload, marks: marksFromDiff(diff), title: `${title} — compared with ${base}` };
}
