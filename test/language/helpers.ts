import { buildWorkspace, type FileDiagnostic, type JourneyWorkspace } from '../../src/node/journey-workspace.js';

/** A small catalog most test journeys refer to. */
export const CATALOG = `
channel Web "Site web" online
channel Courrier "Courrier postal" offline
channel Telephone "Téléphone" offline
persona Assure "Assuré"
team Gestion "Service gestion"
team LoveTeam "Équipe parcours"
`;

/** Builds an in-memory workspace of `files` (path → text) with the real pipeline. */
export function workspaceOf(files: Record<string, string>): Promise<JourneyWorkspace> {
    return buildWorkspace(Object.entries(files).map(([path, text]) => ({ path, text })), '/ws');
}

/** Diagnostics of one journey text checked together with CATALOG. */
export async function diagnosticsOf(text: string): Promise<FileDiagnostic[]> {
    const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'test.journey': text });
    return workspace.diagnostics;
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
    let index = -1;
    for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' not found in the test text`);
    const before = text.slice(0, index).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
}
