/**
 * The language server's view of the workspace on disk, the same as `journey check`'s: journey
 * files found by the one walk (src/node/journey-files.ts: .gitignore honoured, symbolic links
 * followed while they stay in the workspace), links not followed reported as warnings at the
 * link (as `journey check` lists them), and files read without their byte-order mark.
 */
import * as path from 'node:path';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { NodeFileSystemProvider } from 'langium/node';
import { DiagnosticSeverity, type Connection } from 'vscode-languageserver';
import { JourneyWorkspaceManager } from '../language/lsp/journey-configuration.js';
import { listJourneyFiles, readJourneyText } from '../node/journey-files.js';

/** Files read as `journey check` reads them: UTF-8 without the byte-order mark (columns count without it). */
export class JourneyNodeFileSystemProvider extends NodeFileSystemProvider {
    override readFile(uri: URI): Promise<string> {
        return readJourneyText(uri.fsPath);
    }
}

export class ServerWorkspaceManager extends JourneyWorkspaceManager {
    private readonly connection: Connection | undefined;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.connection = services.lsp.Connection;
    }

    /** The journey files under `folder` as `journey check` finds them (called for each workspace folder, and for folders created later). */
    protected override async traverseFolder(folder: URI, uris: URI[]): Promise<void> {
        try {
            // Links must stay in the workspace folder holding `folder` (a folder created later is walked alone).
            const workspace = this.workspaceFolders?.map(f => URI.parse(f.uri).fsPath).find(root => isInside(root, folder.fsPath)) ?? folder.fsPath;
            const { files, warnings } = await listJourneyFiles([folder.fsPath], workspace);
            uris.push(...files.map(file => URI.file(file)));
            for (const warning of warnings) {
                void this.connection?.sendDiagnostics({
                    uri: URI.file(warning.link).toString(), diagnostics: [{
                        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                        severity: DiagnosticSeverity.Warning, code: warning.code, message: warning.message, source: 'journey'
                    }]
                });
            }
        } catch (error) {
            this.connection?.console.error(`Cannot read the folder ${folder.fsPath}: ${(error as Error).message}`);
        }
    }
}

function isInside(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
}
