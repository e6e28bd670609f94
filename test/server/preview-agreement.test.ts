// One payload builder: the language server's preview (`journey/previewModel`, over stdio, after
// its KPI service has computed the example's event logs and surveys) and `journey render` /
// `journey serve` (src/cli/preview-workspace.ts) give the same payload for the same file.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreviewWorkspace, payloadFor } from '../../src/cli/preview-workspace.js';
import { kpiOfResult, type KpiResult } from '../../src/language/model/kpi-results.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { PREVIEW_MODEL_METHOD, type PreviewModelParams, type PreviewModelResult } from '../../src/server/protocol.js';
import { LspClient } from '../lsp/lsp-client.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/mutuelle-sante');
const FILE = 'adhesion-actuel.journey';

let folder: string;
let client: LspClient;

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-preview-agreement-'));
    cpSync(EXAMPLE, folder, { recursive: true });
    client = await LspClient.start(folder);
}, 60_000);

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the preview payload', () => {
    it('is the same from the language server and from the CLI', async () => {
        const params: PreviewModelParams = { uri: pathToFileURL(join(folder, FILE)).toString(), root: pathToFileURL(folder).toString() };
        // The server computes the KPIs after its first build, then asks for a code lens refresh.
        let fromServer: PreviewModelResult;
        for (;;) {
            const refreshed = client.nextCodeLensRefresh();
            fromServer = await client.connection.sendRequest<PreviewModelResult>(PREVIEW_MODEL_METHOD, params);
            if (fromServer.payload.results.length) break;
            await refreshed;
        }
        const server = fromServer.payload;
        const cli = payloadFor(await loadPreviewWorkspace(folder), FILE);
        expect(server.results.some(r => r.kpi === 'CartesJ1' && r.points.length > 0)).toBe(true);
        const { results: serverResults, ...serverRest } = server;
        const { results: cliResults, ...cliRest } = cli;
        expect(serverRest).toEqual(cliRest);
        // The CLI computes every KPI (an empty result for those that read no data); the server only the files that bind data.
        const bound = (results: KpiResult[]) => results.filter(r => kpiOfResult(server.model, r)?.data !== undefined);
        // To 12 significant digits: DuckDB sums a mean's values in parallel, in an order that
        // varies from run to run (74.16666666666666 or 74.1666666666666 for the same data).
        const digits = (results: KpiResult[]) => JSON.parse(JSON.stringify(results), (_, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));
        expect(digits(bound(serverResults))).toEqual(digits(bound(cliResults)));
        expect(bound(serverResults).length).toBeGreaterThan(5);
        // And the map drawn from either is the same, hints included.
        expect(renderPreviewHtml(server)).toBe(renderPreviewHtml(cli));
    }, 120_000);
});
