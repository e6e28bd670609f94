/**
 * The language server's view of the workspace on disk, the same as `journey check`'s: journey
 * files found by the one walk (src/node/journey-files.ts: .gitignore honoured, symbolic links
 * followed while they stay in the workspace), links not followed reported as warnings at the
 * link (as `journey check` lists them) in the editor's language, and files read without their
 * byte-order mark.
 */
import * as path from 'node:path';
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { NodeFileSystemProvider } from 'langium/node';
import { DiagnosticSeverity, type Connection } from 'vscode-languageserver';
import { JourneyWorkspaceManager } from '../language/lsp/journey-configuration.js';
import type { JourneyServices } from '../language/journey-module.js';
import { listJourneyFiles, readJourneyText, type FoundJourneyFiles } from '../node/journey-files.js';

/** Files read as `journey check` reads them: UTF-8 without the byte-order mark (columns count without it). */
export class JourneyNodeFileSystemProvider extends NodeFileSystemProvider {
    override readFile(uri: URI): Promise<string> {
        return readJourneyText(uri.fsPath);
    }
}

export class ServerWorkspaceManager extends JourneyWorkspaceManager {
    private readonly connection: Connection | undefined;
    private readonly shared: LangiumSharedServices;
    /** Each folder walked → the workspace folder its links must stay in: walked again to reword the link warnings when the language changes. */
    private readonly walked = new Map<string, string>();
    private followsLocale = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.connection = services.lsp.Connection;
        this.shared = services;
    }

    /** The journey files under `folder` as `journey check` finds them (called for each workspace folder, and for folders created later). */
    protected override async traverseFolder(folder: URI, uris: URI[]): Promise<void> {
        try {
            // Links must stay in the workspace folder holding `folder` (a folder created later is walked alone).
            const workspace = this.workspaceFolders?.map(f => URI.parse(f.uri).fsPath).find(root => isInside(root, folder.fsPath)) ?? folder.fsPath;
            this.walked.set(folder.fsPath, workspace);
            const { files } = await this.walk(folder.fsPath, workspace);
            uris.push(...files.map(file => URI.file(file)));
        } catch (error) {
            this.connection?.console.error(`Cannot read the folder ${folder.fsPath}: ${(error as Error).message}`);
        }
    }

    /** The journey files under `folder`; the links not followed are reported, worded in the editor's language. */
    private async walk(folder: string, workspace: string): Promise<FoundJourneyFiles> {
        const settings = (this.shared.ServiceRegistry.all.find(services => 'JourneySettings' in services) as JourneyServices | undefined)?.JourneySettings;
        if (settings && !this.followsLocale) {
            this.followsLocale = true;
            settings.onLocaleChange(() => void this.reportLinksAgain());
        }
        const found = await listJourneyFiles([folder], workspace, settings?.locale);
        for (const warning of found.warnings) {
            void this.connection?.sendDiagnostics({
                uri: URI.file(warning.link).toString(), diagnostics: [{
                    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                    severity: DiagnosticSeverity.Warning, code: warning.code, message: warning.message, source: 'journey'
                }]
            });
        }
        return found;
    }

    /** `journey.locale` changed: the link warnings are sent again in the new language. */
    private async reportLinksAgain(): Promise<void> {
        for (const [folder, workspace] of this.walked) await this.walk(folder, workspace).catch(() => undefined);
    }
}

function isInside(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
}
