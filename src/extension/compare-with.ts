/**
 * "Journey: Compare with…" (`journey.compareWith`): pick a branch, tag or commit through VS
 * Code's git extension, then open the journey map of the current file with what changed since
 * that revision marked (added, changed, moved; removals listed). The language server builds
 * the payload and its marks (`journey/compareModel`); the map is the preview's renderer.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { COMPARE_MODEL_METHOD, type CompareModelParams, type PreviewModelResult } from '../server/protocol.js';
import { selfContainedPage } from './preview/page-assets.js';

/** The part of the git extension's API (`vscode.git`, version 1) used here. */
interface GitRef { type: number; name?: string; commit?: string }
interface GitRepository {
    rootUri: vscode.Uri;
    state: { refs: GitRef[]; HEAD?: GitRef };
    getRefs?(query?: object): Promise<GitRef[]>;
    log?(options?: { maxEntries?: number }): Promise<{ hash: string; message: string }[]>;
}
interface GitApi {
    getRepository(uri: vscode.Uri): GitRepository | null;
    onDidOpenRepository: vscode.Event<GitRepository>;
}

/** How long to wait for the git extension to open the file's repository (it does so after start-up). */
const REPOSITORY_WAIT_MS = 15_000;

const REF_KINDS = ['branch', 'remote branch', 'tag'];

export function registerCompareWith(context: vscode.ExtensionContext, client: LanguageClient): void {
    context.subscriptions.push(vscode.commands.registerCommand('journey.compareWith', async (uri?: vscode.Uri, revision?: string) => {
        const document = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!document || !document.path.endsWith('.journey')) {
            void vscode.window.showInformationMessage('Open a .journey file to compare its journey map with another version.');
            return;
        }
        const folder = vscode.workspace.getWorkspaceFolder(document);
        if (!folder) {
            void vscode.window.showInformationMessage('Open the folder that holds this journey (a git repository) to compare it.');
            return;
        }
        const base = revision ?? await pickRevision(document);
        if (!base) return;
        try {
            const params: CompareModelParams = { uri: document.toString(), root: folder.uri.toString(), base };
            const result = await client.sendRequest<PreviewModelResult>(COMPARE_MODEL_METHOD, params);
            const html = await selfContainedPage(context, result.payload);
            const panel = vscode.window.createWebviewPanel('journey.compare', `${vscode.workspace.asRelativePath(document)} ↔ ${base}`,
                vscode.ViewColumn.Beside, { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
            panel.webview.html = html;
        } catch (error) {
            void vscode.window.showErrorMessage(`Journey: cannot compare with ${base}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }));
}

/** Branches, tags and recent commits of the file's repository, from the git extension. */
async function pickRevision(document: vscode.Uri): Promise<string | undefined> {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    const api = extension ? (extension.isActive ? extension.exports : await extension.activate()).getAPI(1) : undefined;
    const repository = api ? await repositoryOf(api, document) : undefined;
    if (!repository) {
        return vscode.window.showInputBox({ title: 'Compare with…', prompt: 'A git revision (branch, tag, commit) or a path', value: 'HEAD' });
    }
    const refs = repository.getRefs ? await repository.getRefs({}) : repository.state.refs;
    const commits = repository.log ? await repository.log({ maxEntries: 15 }).catch(() => []) : [];
    const items: (vscode.QuickPickItem & { revision: string })[] = [
        { label: 'HEAD', description: 'the last commit', revision: 'HEAD' },
        ...refs.filter(ref => ref.name).map(ref => ({ label: ref.name!, description: REF_KINDS[ref.type] ?? '', revision: ref.name! })),
        ...commits.map(commit => ({ label: commit.hash.slice(0, 8), description: commit.message.split('\n')[0], revision: commit.hash }))
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Journey: Compare with…', placeHolder: 'The version to compare the journey map with' });
    return picked?.revision;
}

/** The file's repository, waiting a little for the git extension to open it if it has not yet. */
async function repositoryOf(api: GitApi, document: vscode.Uri): Promise<GitRepository | undefined> {
    const found = api.getRepository(document);
    if (found) return found;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Journey: waiting for git…' }, () => new Promise(resolve => {
        const done = (repository: GitRepository | undefined) => {
            clearTimeout(timer);
            subscription.dispose();
            resolve(repository);
        };
        const timer = setTimeout(() => done(api.getRepository(document) ?? undefined), REPOSITORY_WAIT_MS);
        const subscription = api.onDidOpenRepository(() => {
            const repository = api.getRepository(document);
            if (repository) done(repository);
        });
    }));
}
