/**
 * `channel Agence "Agence" in person`: the kind of a channel is `online` or `offline`, and the
 * error says so and offers both as quick fixes (issue 16), in the editor and in `journey check`.
 */
import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { Codes } from '../../src/language/journey-diagnostics.js';
import { buildWorkspace, createBatchServices } from '../../src/node/journey-workspace.js';
import { applyEdits, workspaceOf } from './helpers.js';

const CATALOG = 'channel Agence "Agence" in person\nchannel Web "Site web" online\npersona Client "Client"\n';

describe('a channel written `in person`', () => {
    it('is one error that names online and offline, and the rest of the file keeps its meaning', async () => {
        const { diagnostics, model } = await buildWorkspace([{ path: 'catalog.journey', text: CATALOG }], '/ws');
        expect(diagnostics.filter(d => d.severity === 'error').map(d => `${d.line}:${d.column} ${d.message}`)).toEqual([
            '1:25 ‘in person’ is not understood here: write one of these words: online, offline. The rest of the line is skipped.'
        ]);
        expect(model.channels.map(c => c.id)).toEqual(['Agence', 'Web']);
        expect(model.personas.map(p => p.id)).toEqual(['Client']);
    });

    it('says so in French', async () => {
        const { diagnostics } = await buildWorkspace([{ path: 'catalog.journey', text: CATALOG }], '/ws', createBatchServices({}, 'fr'));
        expect(diagnostics.find(d => d.severity === 'error')?.message)
            .toBe("« in person » n'est pas compris ici : écrivez l'un de ces mots : online, offline. La fin de la ligne est ignorée.");
    });

    it('offers online and offline as quick fixes, which leave the file without errors', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG });
        const [error] = (workspace.doc('catalog.journey').diagnostics ?? []).filter(d => d.code === Codes.syntaxError);
        expect(workspace.doc('catalog.journey').textDocument.getText(error.range)).toBe('in person');
        const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(workspace.doc('catalog.journey'), {
            textDocument: { uri: workspace.uri('catalog.journey') }, range: error.range, context: { diagnostics: [error] }
        }) as CodeAction[];
        expect(actions.map(a => a.title)).toEqual(["Write 'online'", "Write 'offline'"]);
        const fixed = applyEdits(workspace.text('catalog.journey'), actions[1].edit!.changes![workspace.uri('catalog.journey')]);
        expect(fixed.split('\n')[0]).toBe('channel Agence "Agence" offline');
        const again = await buildWorkspace([{ path: 'catalog.journey', text: fixed }], '/ws');
        expect(again.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(again.model.channels[0].kind).toBe('offline');
    });
});
