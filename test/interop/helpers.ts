import { expect } from 'vitest';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace, type JourneyWorkspace } from '../../src/node/journey-workspace.js';

/**
 * Checks produced journey text the way `journey check` and `journey fmt --check` would:
 * no error, no warning (notes such as "no channel" are expected: Mermaid has no channels),
 * and already in the canonical layout. Returns the workspace for further assertions.
 */
export async function expectCleanJourney(text: string): Promise<JourneyWorkspace> {
    const workspace = await buildWorkspace([{ path: 'imported.journey', text }], '/ws');
    const problems = workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
    expect(problems, text.slice(0, 2000)).toEqual([]);
    const notes = new Set(workspace.diagnostics.map(d => d.code));
    notes.delete('missing-channel');
    expect([...notes]).toEqual([]);
    const formatted = formatJourneyText(text);
    expect(formatted.ok).toBe(true);
    if (formatted.ok) expect(formatted.text).toBe(text);
    return workspace;
}
