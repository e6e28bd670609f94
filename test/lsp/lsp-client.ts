import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    CodeLensRefreshRequest, ConfigurationRequest, createProtocolConnection, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification,
    RegistrationRequest, StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection
} from 'vscode-languageserver-protocol/node';

const ROOT = join(import.meta.dirname, '../..');

/**
 * A real LSP client over stdio, talking to `journey lsp --stdio` as an editor would: it answers
 * the server's configuration and registration requests and keeps the last diagnostics per file.
 */
export class LspClient {
    readonly connection: ProtocolConnection;
    readonly diagnostics = new Map<string, Diagnostic[]>();
    readonly stderr: string[] = [];
    private readonly waiters: Array<{ uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
    private exited: number | null | undefined;
    private readonly refreshWaiters: Array<() => void> = [];

    private constructor(readonly process: ChildProcess, configuration: unknown) {
        this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
        this.connection.onRequest(ConfigurationRequest.type, params => params.items.map(item => (item.section === 'journey' ? configuration : null)));
        this.connection.onRequest(RegistrationRequest.type, () => undefined);
        // The server asks for code lenses again when KPI results are in.
        this.connection.onRequest(CodeLensRefreshRequest.type, () => {
            for (const resolve of this.refreshWaiters.splice(0)) resolve();
        });
        this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
            this.diagnostics.set(uri, diagnostics);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === uri && waiter.test(diagnostics)) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(diagnostics);
                }
            }
        });
        process.stderr!.on('data', chunk => this.stderr.push(String(chunk)));
        process.on('exit', code => { this.exited = code; });
        this.connection.listen();
    }

    /**
     * Spawns `node bin/journey.js lsp --stdio` (built sources in out/) and initializes it on
     * `folder`. `env` is added to the server's environment (JOURNEY_TODAY pins its day);
     * `locale` is the user's language as an editor sends it in `initialize`.
     */
    static async start(
        folder: string, configuration: unknown = {}, command: string[] = ['bin/journey.js', 'lsp', '--stdio'], env: Record<string, string> = {}, locale?: string
    ): Promise<LspClient> {
        if (!existsSync(join(ROOT, 'out/cli/main.js'))) throw new Error('out/ is missing: run `npm run build` before the LSP tests.');
        const child = spawn(process.execPath, command, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
        const client = new LspClient(child, configuration);
        const folderUri = pathToFileURL(folder).toString();
        await client.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            ...(locale ? { locale } : {}),
            rootUri: folderUri,
            workspaceFolders: [{ uri: folderUri, name: 'workspace' }],
            capabilities: {
                workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, codeLens: { refreshSupport: true } },
                textDocument: {
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown'] },
                    rename: { prepareSupport: true },
                    publishDiagnostics: { relatedInformation: true }
                }
            }
        });
        await client.connection.sendNotification(InitializedNotification.type, {});
        return client;
    }

    get alive(): boolean {
        return this.exited === undefined;
    }

    /** The next diagnostics published for `uri` that satisfy `test` (or the current ones if they already do). */
    diagnosticsFor(uri: string, test: (d: Diagnostic[]) => boolean = () => true, { current = true } = {}): Promise<Diagnostic[]> {
        const known = this.diagnostics.get(uri);
        if (current && known && test(known)) return Promise.resolve(known);
        return new Promise(resolve => this.waiters.push({ uri, test, resolve }));
    }

    /** Resolves at the server's next `workspace/codeLens/refresh` request. */
    nextCodeLensRefresh(): Promise<void> {
        return new Promise(resolve => this.refreshWaiters.push(resolve));
    }

    async stop(): Promise<void> {
        if (!this.alive) return;
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            // already gone
        }
        this.connection.dispose();
        await new Promise(resolve => setTimeout(resolve, 200));
        if (this.alive) this.process.kill();
    }
}
