// Rename from a qualified reference (issue 15): with the cursor on the journey part of
// `Journey.Member`, the rename is the journey's, as prepareRename announces.
import { describe, expect, it } from 'vitest';
import { ADHESION, CATALOG, TARGET, applyEdits, workspaceOf } from './helpers.js';

const FILES = { 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION, 'cible.journey': TARGET };

describe('rename from a qualified reference', () => {
    it('renames the journey when the cursor is on the journey part, the member when it is on the member part', async () => {
        const workspace = await workspaceOf(FILES);
        const renameAt = async (delta: number, newName: string) => {
            const params = { textDocument: { uri: workspace.uri('cible.journey') }, position: workspace.at('cible.journey', 'Adhesion.CartesJ1', delta) };
            const range = await workspace.services.lsp.RenameProvider!.prepareRename(workspace.doc('cible.journey'), params);
            const edit = await workspace.services.lsp.RenameProvider!.rename(workspace.doc('cible.journey'), { ...params, newName });
            const result: Record<string, string> = {};
            for (const name of Object.keys(FILES)) result[name] = applyEdits(workspace.text(name), edit?.changes?.[workspace.uri(name)] ?? []);
            return { prepared: workspace.doc('cible.journey').textDocument.getText(range as never), result };
        };

        for (const delta of [0, 3, 8]) {
            const { prepared, result } = await renameAt(delta, 'AdhesionActuelle');
            expect(prepared, `cursor at ${delta}`).toBe('Adhesion');
            expect(result['adhesion.journey']).toContain('journey AdhesionActuelle "Adhésion"');
            expect(result['adhesion.journey']).toContain('kpi CartesJ1 "Cartes envoyées à J+1"');
            expect(result['cible.journey']).toContain('improves AdhesionActuelle');
            expect(result['cible.journey']).toContain('track AdhesionActuelle.CartesJ1');
            expect(result['cible.journey']).toContain('duration(AdhesionActuelle.Signature to AdhesionActuelle.EnvoiCarte)');
        }

        const { prepared, result } = await renameAt(12, 'CartesAJ1');
        expect(prepared).toBe('CartesJ1');
        expect(result['adhesion.journey']).toContain('kpi CartesAJ1 "Cartes envoyées à J+1"');
        expect(result['adhesion.journey']).toContain('journey Adhesion "Adhésion"');
        expect(result['cible.journey']).toContain('track Adhesion.CartesAJ1');
    });
});
