// The extension inside a real VS Code: the `vscode` API against the fixture workspace
// (test/e2e/fixtures/workspace), the same one the code-server end-to-end test opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'journey-as-code.journey-as-code';

function fileUri(path: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace is open');
    return vscode.Uri.joinPath(folder.uri, path);
}

async function until<T>(what: string, probe: () => T | undefined | Thenable<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) return value as T;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}

/** The text of each file after `edit` (its text edits applied, last first), without touching the documents. */
async function afterEdit(edit: vscode.WorkspaceEdit): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const [uri, edits] of edit.entries()) {
        const document = await vscode.workspace.openTextDocument(uri);
        let text = document.getText();
        const ordered = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
        for (const change of ordered) {
            text = text.slice(0, document.offsetAt(change.range.start)) + change.newText + text.slice(document.offsetAt(change.range.end));
        }
        texts.set(uri.path.split('/').pop()!, text);
    }
    return texts;
}

async function textOf(path: string): Promise<string> {
    return (await vscode.workspace.openTextDocument(fileUri(path))).getText();
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
    const index = document.getText().indexOf(needle);
    assert.ok(index >= 0, `'${needle}' is in ${document.uri.path}`);
    return document.positionAt(index + delta);
}

export function extensionSuite(): void {
    describe('Journey as Code in VS Code', () => {
        let adhesion: vscode.TextDocument;

        before(async () => {
            const extension = vscode.extensions.getExtension(EXTENSION_ID);
            assert.ok(extension, `${EXTENSION_ID} is installed`);
            adhesion = await vscode.workspace.openTextDocument(fileUri('journeys/adhesion.journey'));
            await vscode.window.showTextDocument(adhesion);
            await until('the extension to activate', () => extension.isActive);
        });

        it('gives .journey files the journey language', () => {
            assert.equal(adhesion.languageId, 'journey');
        });

        it('shows the unknown channel as an error', async () => {
            const diagnostics = await until('diagnostics', () => {
                const found = vscode.languages.getDiagnostics(adhesion.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
                return found.length > 0 ? found : undefined;
            });
            assert.match(diagnostics[0].message, /Unknown channel 'Pigeon'/);
            assert.equal(diagnostics[0].code, 'unresolved-reference');
        });

        it('completes channels after "via"', async () => {
            const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', adhesion.uri, positionOf(adhesion, 'via Web', 4));
            const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
            assert.ok(labels.includes('Web') && labels.includes('Courrier'), labels.join(', '));
        });

        it('hovers a touchpoint with its channel, owner and pain points', async () => {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', adhesion.uri, positionOf(adhesion, 'Devis "', 1));
            const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
            assert.match(text, /Touchpoint/);
            assert.match(text, /Formulaire de 40 champs/);
        });

        it('goes to the definition of a channel in the catalog file', async () => {
            const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', adhesion.uri, positionOf(adhesion, 'via Web', 5));
            const target = 'targetUri' in locations[0] ? locations[0].targetUri : locations[0].uri;
            assert.equal(target.toString(), fileUri('catalog.journey').toString());
        });

        it('renames a touchpoint at its declaration and at every reference, and nothing else', async () => {
            // EnvoiCarte is declared in its stage and measured by the KPI: share(EnvoiCarte within J+1 of Signature).
            const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', adhesion.uri, positionOf(adhesion, 'EnvoiCarte "', 1), 'CarteEnvoyee');
            const texts = await afterEdit(edit);
            assert.deepEqual([...texts.keys()], ['adhesion.journey']);
            const before = adhesion.getText();
            assert.equal((before.match(/\bEnvoiCarte\b/g) ?? []).length, 2);
            assert.equal(texts.get('adhesion.journey'), before.replace(/\bEnvoiCarte\b/g, 'CarteEnvoyee'));
        });

        it('renames a KPI in both journeys, keeping the journey part of a qualified reference', async () => {
            const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', adhesion.uri, positionOf(adhesion, 'CartesJ1 "', 1), 'CartesEnvoyees');
            const texts = await afterEdit(edit);
            assert.deepEqual([...texts.keys()].sort(), ['adhesion.journey', 'cible.journey']);
            assert.equal(texts.get('adhesion.journey'), adhesion.getText().replace('kpi CartesJ1 "', 'kpi CartesEnvoyees "'));
            const cible = await textOf('journeys/cible.journey');
            assert.ok(cible.includes('track Adhesion.CartesJ1\n'));
            assert.equal(texts.get('cible.journey'), cible.replace('track Adhesion.CartesJ1\n', 'track Adhesion.CartesEnvoyees\n'));
        });

        it('outlines journey › stage › touchpoint', async () => {
            const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', adhesion.uri);
            assert.equal(symbols[0].name, 'Adhesion');
            assert.deepEqual(symbols[0].children.map(s => s.name), ['Souscription', 'Carte', 'CartesJ1']);
        });

        it('offers to declare the missing channel in the catalog', async () => {
            const range = new vscode.Range(positionOf(adhesion, 'Pigeon'), positionOf(adhesion, 'Pigeon', 6));
            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', adhesion.uri, range);
            assert.ok(actions.some(a => a.title === "Declare channel 'Pigeon' in catalog.journey"), actions.map(a => a.title).join(', '));
        });

        it('formats a document', async () => {
            const messy = await vscode.workspace.openTextDocument({ language: 'journey', content: 'journey Messy {\nstage S {touchpoint T via Web}\n}' });
            const edits = await until('formatting edits', () =>
                vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', messy.uri, { tabSize: 2, insertSpaces: true }));
            const workspaceEdit = new vscode.WorkspaceEdit();
            workspaceEdit.set(messy.uri, edits);
            assert.ok(await vscode.workspace.applyEdit(workspaceEdit));
            assert.equal(messy.getText(), 'journey Messy {\n  stage S {\n    touchpoint T via Web\n  }\n}\n');
        });
    });
}
