/**
 * The workspace's files for the language server in a web worker, which has no disk: it asks
 * (`journey/fs/*`, src/server/protocol.ts) and this client reads through `vscode.workspace.fs`,
 * whatever file system the editor opened (github.dev's repository, a vscode.dev folder, an
 * in-memory one).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FS_READ_DIRECTORY_METHOD, FS_READ_FILE_METHOD, FS_STAT_METHOD, type FileEntry, type FileParams } from '../server/protocol.js';

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
    return [
        client.onRequest(FS_STAT_METHOD, async ({ uri }: FileParams): Promise<FileEntry> => {
            const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
            return entry(uri, stat.type);
        }),
        client.onRequest(FS_READ_DIRECTORY_METHOD, async ({ uri }: FileParams): Promise<FileEntry[]> => {
            const folder = vscode.Uri.parse(uri);
            const entries = await vscode.workspace.fs.readDirectory(folder);
            return entries.map(([name, type]) => entry(vscode.Uri.joinPath(folder, name).toString(), type));
        }),
        // UTF-8 without the byte-order mark, as `journey check` reads; bytes that are not UTF-8
        // become U+FFFD, which the parser's input guard reports as not-utf8.
        client.onRequest(FS_READ_FILE_METHOD, async ({ uri }: FileParams): Promise<string> =>
            new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))))
    ];
}

function entry(uri: string, type: vscode.FileType): FileEntry {
    // A symbolic link carries its target's type with the SymbolicLink bit.
    return { uri, isFile: (type & vscode.FileType.File) !== 0, isDirectory: (type & vscode.FileType.Directory) !== 0 };
}
