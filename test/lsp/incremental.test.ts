import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Codes } from '../../src/language/journey-diagnostics.js';
import { ADHESION, CATALOG, TARGET, workspaceOf, type Workspace } from './helpers.js';

async function edit(workspace: Workspace, name: string, text: string): Promise<void> {
    const uri = workspace.doc(name).uri;
    workspace.shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'journey', Date.now(), text));
    await workspace.shared.workspace.DocumentBuilder.update([uri], []);
}

const unresolved = (workspace: Workspace, name: string) =>
    (workspace.doc(name).diagnostics ?? []).filter(d => d.code === Codes.unresolvedReference).map(d => d.message);

describe('the global scope follows edits without being rebuilt', () => {
    it('sees a catalog entry removed, added back, and renamed in another file', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION, 'cible.journey': TARGET });
        expect(unresolved(workspace, 'adhesion.journey')).toEqual([]);

        await edit(workspace, 'catalog.journey', CATALOG.replace('channel Web "Site web" online\n', ''));
        expect(unresolved(workspace, 'adhesion.journey')).toHaveLength(2);
        expect(unresolved(workspace, 'cible.journey')).toHaveLength(1);

        await edit(workspace, 'catalog.journey', CATALOG);
        expect(unresolved(workspace, 'adhesion.journey')).toEqual([]);

        await edit(workspace, 'adhesion.journey', ADHESION.replace('touchpoint Signature "', 'touchpoint Signer "').replace('of Signature)', 'of Signer)'));
        expect(unresolved(workspace, 'adhesion.journey')).toEqual([]);
        expect(unresolved(workspace, 'cible.journey')).toEqual([expect.stringContaining("'Adhesion.Signature'")]);
    });

    it('forgets the symbols of a deleted file', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION });
        const catalog = workspace.doc('catalog.journey').uri;
        await workspace.shared.workspace.DocumentBuilder.update([], [catalog]);
        expect(unresolved(workspace, 'adhesion.journey').length).toBeGreaterThan(0);
    });
});
