// The language server's own requests in the editor's language, with a real client over stdio
// whose `initialize` says `fr-FR`, as VS Code in French sends it: Compare with… (the diff's
// sentences, the removed elements, the error for a base that is not found), Import Mermaid
// Journey (problems and the comment of the journey text), and the warnings of symbolic links not
// followed. `journey.locale` switches them all to English without a restart.
import { rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { DidChangeConfigurationNotification, ResponseError } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffFromTexts } from '../../src/server/compare-texts.js';
import { COMPARE_MODEL_METHOD, IMPORT_MERMAID_METHOD, type CompareModelParams, type ImportMermaidResult, type PreviewModelResult } from '../../src/server/protocol.js';
import { serverWorkspaceModel } from '../../src/server/server-model.js';
import { git, pullRequestRepository } from '../diff/git-fixture.js';
import { workspaceOf } from '../lsp/helpers.js';
import { LspClient } from '../lsp/lsp-client.js';

let repo: string;
let client: LspClient;

const uriOf = (file: string) => pathToFileURL(path.join(repo, file)).toString();
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const compare = (base: string): CompareModelParams => ({ uri: uriOf('journeys/parcours-adhesion.journey'), root: pathToFileURL(repo).toString(), base });

beforeAll(async () => {
    repo = pullRequestRepository();
    git(repo, 'checkout', '-q', 'revue');
    symlinkSync(path.join(repo, 'journeys/nowhere.journey'), path.join(repo, 'journeys/perdu.journey'));
    client = await LspClient.start(repo, {}, undefined, {}, 'fr-FR');
    await client.diagnosticsFor(uriOf('journeys/parcours-adhesion.journey'));
});

afterAll(async () => {
    await client?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('the server\'s requests in the editor\'s language', () => {
    it('Compare with…: the diff\'s sentences and the removed elements in French, the same marks as in English', async () => {
        const { payload } = await client.connection.sendRequest<PreviewModelResult>(COMPARE_MODEL_METHOD, compare('main'));
        expect(payload.locale).toBe('fr');
        expect(payload.marks?.elements['touchpoint:Adhesion.EnvoiCarte']).toBe('changed');
        expect(payload.marks?.elements['journey:AdhesionCible']).toBe('added');
        expect(plain(payload.marks!.removed.Adhesion.join('\n'))).toBe('étape « Support »');
        const sentences = plain(Object.values(payload.marks!.changes).flat().join('\n'));
        expect(sentences).toMatch(/cible du KPI « .+ » resserrée de ≥ 90 % à ≥ 95 %/);
        expect(sentences).toMatch(/étape « Support » supprimée/);
        expect(sentences).not.toMatch(/\b(added|removed|changed|tightened|stage|target)\b/);
    });

    it('Compare with…: a base that is neither a revision nor a path is refused in French', async () => {
        const error = await client.connection.sendRequest(COMPARE_MODEL_METHOD, compare('no-such-branch')).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect(plain((error as ResponseError<unknown>).message)).toBe('no-such-branch : ni un fichier ou un dossier, ni une révision git (branche, tag, commit) de ce dépôt.');
    });

    it('Import Mermaid Journey: problems and the journey\'s comment in French', async () => {
        const text = 'journey\ntitle Déménagement\nsection Préparer\n  Faire les cartons: 9: Moi\n';
        const result = await client.connection.sendRequest<ImportMermaidResult>(IMPORT_MERMAID_METHOD, { text, kind: 'auto', source: 'move.mmd' });
        expect(result.problems.map(p => [p.line, p.severity, plain(p.message)])).toEqual([
            [4, 'error', 'Le score « 9 » de la tâche « Faire les cartons » n\'est pas un nombre entier de 1 à 5. Tâche importée sans émotion.']
        ]);
        expect(result.text.split('\n')[0]).toBe('// Importé depuis Mermaid\u202f: move.mmd');
    });

    it('a symbolic link not followed is said in French, and again in English when journey.locale says so', async () => {
        const link = uriOf('journeys/perdu.journey');
        const french = await client.diagnosticsFor(link, d => d.length > 0);
        expect(plain(french[0].message)).toMatch(/^Non lu : ce lien symbolique mène à .*nowhere\.journey, qui n'existe pas\. Corrigez ou supprimez le lien\.$/);
        const code = french[0].code;

        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'en' } } });
        const english = await client.diagnosticsFor(link, d => d.some(x => x.message.startsWith('Not read')), { current: false });
        expect(english.map(d => [d.code, d.message])).toEqual([[code, expect.stringMatching(/^Not read: this symbolic link leads to .*nowhere\.journey, which does not exist\./)]]);

        // Compare with… and the import follow the setting too.
        const { payload } = await client.connection.sendRequest<PreviewModelResult>(COMPARE_MODEL_METHOD, compare('main'));
        expect(payload.marks!.removed.Adhesion).toEqual(['stage “Support”']);
        const imported = await client.connection.sendRequest<ImportMermaidResult>(IMPORT_MERMAID_METHOD, { text: 'journey\nsection A\n  B: 9\n', kind: 'auto', source: 'x.mmd' });
        expect(imported.problems[0].message).toBe("The score '9' of 'B' is not a whole number from 1 to 5. Imported without emotion.");
    });
});

describe('Compare with… in the browser (the other version\'s texts sent by the client)', () => {
    it('words the diff, the head\'s label and a missing base in the editor\'s language', async () => {
        const before = 'journey J "Adhésion" {\n  stage S "Souscription" {\n    touchpoint A "Devis" { emotion +1 }\n  }\n}\n';
        const workspace = await workspaceOf({ 'j.journey': before.replace('emotion +1', 'emotion -1') });
        const root = URI.parse('file:///ws');
        const model = serverWorkspaceModel(workspace.shared, root);
        const params = { uri: workspace.uri('j.journey'), base: 'avant', baseFiles: { [workspace.uri('j.journey')]: before } };
        const french = await diffFromTexts(workspace.shared, params, root, model, 'fr');
        expect(french.head.label).toBe('cette version');
        expect(plain(french.changes.map(c => c.message).join('\n'))).toMatch(/^émotion au point de contact « Devis » dégradée de \+1 à -1$/);
        const english = await diffFromTexts(workspace.shared, params, root, model, 'en');
        expect(english.head.label).toBe('this version');
        expect(english.changes.map(c => c.message)).toEqual(['emotion at touchpoint "Devis" worsened from +1 to -1']);
        expect(french.changes.map(c => c.type)).toEqual(english.changes.map(c => c.type));
        await expect(diffFromTexts(workspace.shared, { uri: params.uri, base: 'avant' }, root, model, 'fr')).rejects.toThrow(/^avant\u202f: les fichiers de l'autre version n'ont pas été envoyés\.$/);
    });
});
