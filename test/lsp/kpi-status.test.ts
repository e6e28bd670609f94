// KPI statuses in the editor: the language server computes the KPIs of the workspace with the
// metrics engine (DuckDB, on the example's event log and surveys) and shows where each stands in
// the code lens above the KPI and in its hover; editing a target or a data file updates them.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeLensRequest, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, HoverRequest,
    type CodeLens, type Hover
} from 'vscode-languageserver-protocol/node';
import { DATA_FILES_CHANGED, SERVER_STATS_METHOD, type ServerStats } from '../../src/server/protocol.js';
import { LspClient } from './lsp-client.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/mutuelle-sante');
const FILE = 'adhesion-actuel.journey';
/**
 * The server's "today", pinned: after CartesJ1's 2027-06 deadline, so that its 42.9 % is missed
 * (before the deadline it is at risk, which the real clock would give until mid-2027: pinning a
 * day after it shows that the pin reaches the server).
 */
const TODAY = '2027-07-01';

let folder: string;
let client: LspClient;
let text: string;
const uri = () => pathToFileURL(join(folder, FILE)).toString();

async function lenses(): Promise<CodeLens[]> {
    return client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri() } }) as Promise<CodeLens[]>;
}

/** The code lens of the KPI declared as `kpi <id>`. */
async function lensOf(id: string): Promise<string | undefined> {
    const line = text.split('\n').findIndex(l => l.trim().startsWith(`kpi ${id} `));
    return (await lenses()).find(lens => lens.range.start.line === line)?.command?.title;
}

/** Waits for code lens refreshes until `id`'s lens satisfies `test`. */
async function waitForLens(id: string, test: (title: string) => boolean): Promise<string> {
    for (;;) {
        const refreshed = client.nextCodeLensRefresh();
        const title = await lensOf(id);
        if (title && test(title)) return title;
        await refreshed;
    }
}

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-kpi-status-'));
    cpSync(EXAMPLE, folder, { recursive: true });
    text = readFileSync(join(folder, FILE), 'utf8');
    client = await LspClient.start(folder, {}, undefined, { JOURNEY_TODAY: TODAY });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(), languageId: 'journey', version: 1, text } });
}, 60_000);

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('KPI statuses in the code lens and hover', () => {
    it('shows the J+1 share computed from the event log above the KPI, with its target', async () => {
        // 42.9 % in week 27, as `journey metrics --today 2027-07-01` computes it: missed, its deadline has passed.
        const title = await waitForLens('CartesJ1', t => t.includes('·'));
        expect(title).toBe('Target ≥ 95% by June 2027 (warning at 90%) · missed: 42.9% in W27 2026 ↘');
        await expect(lensOf('ConversionDevis')).resolves.toMatch(/· met: 45% in June 2026 ↗$/);
    }, 60_000);

    it('states the status in the KPI hover, with the rows used', async () => {
        const line = text.split('\n').findIndex(l => l.trim().startsWith('kpi EffortJustificatifs '));
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line, character: 6 } }) as Hover;
        const markdown = (hover.contents as { value: string }).value;
        expect(markdown).toMatch(/\*\*Status:\*\* \*\*missed: 5\.8 in July 2026 ↗\*\* _\(70 rows used, 0 rejected\)_/);
    }, 30_000);

    it('follows an edited target at once, and a changed data file', async () => {
        const edited = text.replace(/(kpi ConversionDevis[\s\S]*?target )>= 25%/, '$1>= 60%');
        expect(edited).not.toBe(text);
        text = edited;
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(), version: 2 }, contentChanges: [{ text }] });
        // At once: the points already computed, judged against the target as written now.
        await expect(waitForLens('ConversionDevis', t => t.includes('≥ 60%'))).resolves.toMatch(/^Target ≥ 60% \(warning at 20%\) · at risk: 45% in June 2026 ↗$/);

        // Hot survey answers of a new week: the CSAT after signature is computed again.
        const before = await lensOf('CsatSignature');
        expect(before).toMatch(/in W27 2026/);
        appendFileSync(join(folder, 'data/avis-a-chaud.jsonl'), [1, 2, 1].map((score, i) =>
            JSON.stringify({ repondant: `R-NEW-${i}`, note: score, point_de_contact: 'Signature', date: '2026-07-15', canal: 'Sms' })).join('\n') + '\n');
        await client.connection.sendNotification(DATA_FILES_CHANGED);
        await expect(waitForLens('CsatSignature', t => !t.includes('W27 2026'))).resolves.toMatch(/· missed: 0% in W29 2026 ↘$/);
    }, 60_000);

    it('follows a data file changed on disk as any client reports it (workspace/didChangeWatchedFiles), not only VS Code', async () => {
        const before = await lensOf('CsatRemboursement');
        expect(before).toMatch(/· (met|at risk|missed): [\d.]+% in /);
        appendFileSync(join(folder, 'data/avis-a-chaud.jsonl'), [1, 1, 1].map((score, i) =>
            JSON.stringify({ repondant: `R-DISK-${i}`, note: score, point_de_contact: 'PremierRemboursement', date: '2026-12-01', canal: 'Sms' })).join('\n') + '\n');
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
            changes: [{ uri: pathToFileURL(join(folder, 'data/avis-a-chaud.jsonl')).toString(), type: FileChangeType.Changed }]
        });
        await expect(waitForLens('CsatRemboursement', t => t !== before)).resolves.toMatch(/· missed: 0% in December 2026 ↘$/);
    }, 60_000);

    it('runs the engine again only when what the KPIs read changed', async () => {
        const stats = () => client.connection.sendRequest(SERVER_STATS_METHOD) as Promise<ServerStats>;
        const before = await stats();
        // The target journey binds no KPI to data: editing it leaves the engine's inputs as they were.
        const name = 'adhesion-cible.journey';
        const target = readFileSync(join(folder, name), 'utf8');
        const other = pathToFileURL(join(folder, name)).toString();
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: other, languageId: 'journey', version: 1, text: target } });
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: other, version: 2 }, contentChanges: [{ text: target + '\n// relu\n' }] });
        let after = await stats();
        while (after.kpiPasses === before.kpiPasses) {
            await new Promise(resolve => setTimeout(resolve, 50));
            after = await stats();
        }
        expect(after.kpiEngineRuns).toBe(before.kpiEngineRuns);
    }, 60_000);
});

