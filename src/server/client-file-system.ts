/**
 * The files of a language server that has no disk (a web worker): every read is a request to
 * the client (`journey/fs/*`, src/server/protocol.ts), which answers through
 * `vscode.workspace.fs`. Langium's workspace manager walks the workspace folders with it, so
 * that cross-file references resolve as on the desktop.
 */
import type { FileSystemNode, FileSystemProvider, URI as LangiumUri } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { FS_READ_DIRECTORY_METHOD, FS_READ_FILE_METHOD, FS_STAT_METHOD, type FileEntry, type FileParams } from './protocol.js';

export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Connection) {}

    async stat(uri: LangiumUri): Promise<FileSystemNode> {
        return node(await this.connection.sendRequest<FileEntry>(FS_STAT_METHOD, params(uri)));
    }

    async exists(uri: LangiumUri): Promise<boolean> {
        return this.stat(uri).then(() => true, () => false);
    }

    async readFile(uri: LangiumUri): Promise<string> {
        return this.connection.sendRequest<string>(FS_READ_FILE_METHOD, params(uri));
    }

    async readBinary(uri: LangiumUri): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: LangiumUri): Promise<FileSystemNode[]> {
        return (await this.connection.sendRequest<FileEntry[]>(FS_READ_DIRECTORY_METHOD, params(uri))).map(node);
    }

    // A worker cannot wait for the client: Langium's own services use the asynchronous reads.
    statSync(): FileSystemNode { throw new Error(SYNC_READS); }
    existsSync(): boolean { throw new Error(SYNC_READS); }
    readBinarySync(): Uint8Array { throw new Error(SYNC_READS); }
    readFileSync(): string { throw new Error(SYNC_READS); }
    readDirectorySync(): FileSystemNode[] { throw new Error(SYNC_READS); }
}

const SYNC_READS = 'The language server in the browser reads files through the editor, asynchronously only.';

function params(uri: LangiumUri): FileParams {
    return { uri: uri.toString() };
}

function node(entry: FileEntry): FileSystemNode {
    return { uri: URI.parse(entry.uri), isFile: entry.isFile, isDirectory: entry.isDirectory };
}
