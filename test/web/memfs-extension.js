// A test helper extension for the browser workbench (test/web/vscode-web.ts): an in-memory file
// system, `memfs:`, holding the files the test serves at ./files.json, so that the workbench
// opens a virtual workspace as github.dev opens a repository. Edits stay in memory.
// "Test: Open the Base Diff" opens /base/journeys/adhesion.journey beside the workspace's
// version in a diff editor, as github.dev's pull request view opens a changed file.
const vscode = require('vscode');

class MemFs {
    constructor(files) {
        this.entries = new Map([['/', { type: vscode.FileType.Directory, mtime: Date.now() }]]);
        this.emitter = new vscode.EventEmitter();
        this.onDidChangeFile = this.emitter.event;
        for (const [path, text] of Object.entries(files)) this.put(path, new TextEncoder().encode(text));
    }
    put(path, data) {
        const parts = path.split('/').filter(Boolean);
        for (let i = 1; i < parts.length; i++) {
            const folder = '/' + parts.slice(0, i).join('/');
            if (!this.entries.has(folder)) this.entries.set(folder, { type: vscode.FileType.Directory, mtime: Date.now() });
        }
        this.entries.set('/' + parts.join('/'), { type: vscode.FileType.File, mtime: Date.now(), data });
    }
    get(uri) {
        const entry = this.entries.get(uri.path.replace(/\/$/, '') || '/');
        if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
        return entry;
    }
    watch() { return new vscode.Disposable(() => undefined); }
    stat(uri) {
        const entry = this.get(uri);
        return { type: entry.type, ctime: entry.mtime, mtime: entry.mtime, size: entry.data ? entry.data.length : 0 };
    }
    readDirectory(uri) {
        const folder = uri.path.replace(/\/$/, '');
        const result = [];
        for (const [path, entry] of this.entries) {
            if (path !== '/' && path.startsWith(folder + '/') && !path.slice(folder.length + 1).includes('/')) result.push([path.slice(folder.length + 1), entry.type]);
        }
        this.get(uri);
        return result;
    }
    readFile(uri) {
        const entry = this.get(uri);
        if (entry.type !== vscode.FileType.File) throw vscode.FileSystemError.FileIsADirectory(uri);
        return entry.data;
    }
    writeFile(uri, content) {
        const existed = this.entries.has(uri.path);
        this.put(uri.path, content);
        this.emitter.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    }
    createDirectory(uri) {
        this.entries.set(uri.path, { type: vscode.FileType.Directory, mtime: Date.now() });
        this.emitter.fire([{ type: vscode.FileChangeType.Created, uri }]);
    }
    delete(uri) {
        for (const path of [...this.entries.keys()]) if (path === uri.path || path.startsWith(uri.path + '/')) this.entries.delete(path);
        this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    }
    rename(from, to) {
        const entry = this.get(from);
        this.entries.delete(from.path);
        this.entries.set(to.path, entry);
        this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to }]);
    }
}

exports.activate = async context => {
    const files = await (await fetch(vscode.Uri.joinPath(context.extensionUri, 'files.json').toString(true))).json();
    context.subscriptions.push(
        vscode.workspace.registerFileSystemProvider('memfs', new MemFs(files), { isCaseSensitive: true }),
        vscode.commands.registerCommand('memfs.openBaseDiff', () => vscode.commands.executeCommand('vscode.diff',
            vscode.Uri.parse('memfs:/base/journeys/adhesion.journey'), vscode.Uri.parse('memfs:/workspace/journeys/adhesion.journey'),
            'adhesion.journey (base ↔ pull request)'))
    );
};
