/**
 * "Journey: Compare with…" (`journey.compareWith`): pick a branch, tag or commit through VS
 * Code's git extension, then open the journey map of the current file with what changed since
 * that revision marked (added, changed, moved; removals listed). The language server builds
 * the payload and its marks (`journey/compareModel`); the map is the preview's renderer.
 *
 * In the browser (github.dev, vscode.dev) there is no git for the server to run: the other
 * version is what the editor shows beside this file (the original side of an open diff, as the
 * pull request view and Source Control open them) or a folder or file the user picks; this
 * client reads its journey texts through the editor and sends them.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { COMPARE_MODEL_METHOD, type CompareModelParams, type PreviewModelResult } from '../server/protocol.js';
import { selfContainedPage } from './preview/page-assets.js';
import { extensionMessages } from './extension-locale.js';

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

/** Git's ref types (head, remote head, tag), as the picker names them. */
const REF_KINDS = ['branch', 'remote', 'tag'];

/** `git`: the server reads revisions itself (desktop); `texts`: this client sends the other version's texts (web). */
export type OtherVersionSource = 'git' | 'texts';

export function registerCompareWith(context: vscode.ExtensionContext, client: LanguageClient, source: OtherVersionSource = 'git'): void {
    context.subscriptions.push(vscode.commands.registerCommand('journey.compareWith', async (uri?: vscode.Uri, revision?: string) => {
        const m = extensionMessages();
        const document = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!document || !document.path.endsWith('.journey')) {
            void vscode.window.showInformationMessage(m.t('ext.compare.openJourney'));
            return;
        }
        const folder = vscode.workspace.getWorkspaceFolder(document);
        if (!folder) {
            void vscode.window.showInformationMessage(m.t('ext.compare.openFolder'));
            return;
        }
        const other = source === 'texts' ? await pickOtherTexts(document, folder.uri) : await pickRevision(document, revision);
        if (!other) return;
        const base = other.base;
        try {
            const params: CompareModelParams = { uri: document.toString(), root: folder.uri.toString(), ...other };
            const result = await client.sendRequest<PreviewModelResult>(COMPARE_MODEL_METHOD, params);
            const html = await selfContainedPage(context, result.payload);
            const panel = vscode.window.createWebviewPanel('journey.compare', `${vscode.workspace.asRelativePath(document)} ↔ ${base}`,
                vscode.ViewColumn.Beside, { enableScripts: true, enableFindWidget: true, localResourceRoots: [] });
            panel.webview.html = html;
        } catch (error) {
            void vscode.window.showErrorMessage(m.t('ext.compare.failed', { base, error: error instanceof Error ? error.message : String(error) }));
        }
    }));
}

type OtherVersion = Pick<CompareModelParams, 'base' | 'baseFiles' | 'baseOverlay'>;

async function pickRevision(document: vscode.Uri, given: string | undefined): Promise<OtherVersion | undefined> {
    const base = given ?? await pickGitRevision(document);
    return base ? { base } : undefined;
}

/** Branches, tags and recent commits of the file's repository, from the git extension. */
async function pickGitRevision(document: vscode.Uri): Promise<string | undefined> {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    const api = extension ? (extension.isActive ? extension.exports : await extension.activate()).getAPI(1) : undefined;
    const repository = api ? await repositoryOf(api, document) : undefined;
    const m = extensionMessages();
    if (!repository) {
        return vscode.window.showInputBox({ title: m.t('ext.compare.revisionTitle'), prompt: m.t('ext.compare.revisionPrompt'), value: 'HEAD' });
    }
    const refs = repository.getRefs ? await repository.getRefs({}) : repository.state.refs;
    const commits = repository.log ? await repository.log({ maxEntries: 15 }).catch(() => []) : [];
    const items: (vscode.QuickPickItem & { revision: string })[] = [
        { label: 'HEAD', description: m.t('ext.compare.head'), revision: 'HEAD' },
        ...refs.filter(ref => ref.name).map(ref => ({ label: ref.name!, description: REF_KINDS[ref.type] ? m.t('ext.compare.refKind', { kind: REF_KINDS[ref.type] }) : '', revision: ref.name! })),
        ...commits.map(commit => ({ label: commit.hash.slice(0, 8), description: commit.message.split('\n')[0], revision: commit.hash }))
    ];
    const picked = await vscode.window.showQuickPick(items, { title: m.t('ext.compare.title'), placeHolder: m.t('ext.compare.placeHolder') });
    return picked?.revision;
}

/** The file's repository, waiting a little for the git extension to open it if it has not yet. */
async function repositoryOf(api: GitApi, document: vscode.Uri): Promise<GitRepository | undefined> {
    const found = api.getRepository(document);
    if (found) return found;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: extensionMessages().t('ext.compare.waitingGit') }, () => new Promise(resolve => {
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

/**
 * The other version's journey texts, read through the editor: the original side of an open
 * diff of this file (github.dev's pull request and Source Control views open the base version
 * so), or a folder (the other version's workspace) or a file the user picks.
 */
async function pickOtherTexts(document: vscode.Uri, root: vscode.Uri): Promise<OtherVersion | undefined> {
    const m = extensionMessages();
    const diffs = openDiffsOf(document);
    const browse: vscode.QuickPickItem & { original?: vscode.Uri } = { label: `$(folder-opened) ${m.t('ext.compare.browse')}`, description: m.t('ext.compare.browseDescription') };
    const items: (vscode.QuickPickItem & { original?: vscode.Uri })[] = [
        ...diffs.map(diff => ({ label: `$(diff) ${diff.label}`, description: m.t('ext.compare.openDiff'), original: diff.original })),
        browse
    ];
    const picked = items.length === 1 ? browse : await vscode.window.showQuickPick(items, { title: m.t('ext.compare.title'), placeHolder: m.t('ext.compare.placeHolder') });
    if (!picked) return undefined;
    if (picked.original) {
        const text = (await vscode.workspace.openTextDocument(picked.original)).getText();
        return { base: picked.label.replace(/^\$\(diff\) /, ''), baseFiles: { [document.toString()]: text }, baseOverlay: true };
    }
    const [chosen] = await vscode.window.showOpenDialog({
        title: m.t('ext.compare.title'), openLabel: m.t('ext.compare.open'), canSelectFiles: true, canSelectFolders: true, canSelectMany: false,
        defaultUri: root, filters: { [m.t('ext.compare.filter')]: ['journey'] }
    }) ?? [];
    if (!chosen) return undefined;
    const label = vscode.workspace.asRelativePath(chosen);
    if ((await vscode.workspace.fs.stat(chosen)).type & vscode.FileType.Directory) {
        // The folder is the other version's workspace: its files take the place of this workspace's at the same paths.
        const baseFiles: Record<string, string> = {};
        for (const file of await journeyFilesUnder(chosen)) {
            const relative = file.path.slice(chosen.path.replace(/\/$/, '').length + 1);
            baseFiles[vscode.Uri.joinPath(root, relative).toString()] = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        }
        return { base: label, baseFiles, baseOverlay: false };
    }
    return { base: label, baseFiles: { [document.toString()]: new TextDecoder().decode(await vscode.workspace.fs.readFile(chosen)) }, baseOverlay: true };
}

/** The diff editors open on `document` (its modified side), with the URI of their original side. */
function openDiffsOf(document: vscode.Uri): { label: string; original: vscode.Uri }[] {
    const diffs: { label: string; original: vscode.Uri }[] = [];
    for (const tab of vscode.window.tabGroups.all.flatMap(group => group.tabs)) {
        if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === document.toString()) {
            diffs.push({ label: tab.label, original: tab.input.original });
        }
    }
    return diffs;
}

/** The .journey files under `folder`, skipping hidden folders and node_modules as the language server's walk does. */
async function journeyFilesUnder(folder: vscode.Uri): Promise<vscode.Uri[]> {
    const files: vscode.Uri[] = [];
    for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
        const uri = vscode.Uri.joinPath(folder, name);
        if (type & vscode.FileType.Directory) {
            if (!name.startsWith('.') && name !== 'node_modules') files.push(...await journeyFilesUnder(uri));
        } else if (name.endsWith('.journey')) {
            files.push(uri);
        }
    }
    return files;
}
