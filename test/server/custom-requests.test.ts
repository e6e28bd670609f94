// The language server's own requests (src/server/protocol.ts), over stdio with a real client, as
// the VS Code extension sends them: Compare with… (`journey/compareModel`), Import Mermaid Journey
// (`journey/importMermaid`) and Export Map… as SVG (`journey/renderMapSvg`). The extension holds
// none of this code (test/architecture), so these requests are where it is tested below the UI.
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMermaid } from '../../src/interop/mermaid-import.js';
import {
    COMPARE_MODEL_METHOD, IMPORT_MERMAID_METHOD, OVERVIEW_METHOD, PREVIEW_MODEL_METHOD, RENDER_MAP_SVG_METHOD,
    type CompareModelParams, type OverviewResult, type ImportMermaidParams, type ImportMermaidResult, type PreviewModelParams, type PreviewModelResult, type RenderMapSvgResult
} from '../../src/server/protocol.js';
import { git, pullRequestRepository } from '../diff/git-fixture.js';
import { LspClient } from '../lsp/lsp-client.js';

let repo: string;
let client: LspClient;

const uriOf = (file: string) => pathToFileURL(path.join(repo, file)).toString();

beforeAll(async () => {
    repo = pullRequestRepository();
    git(repo, 'checkout', '-q', 'revue');
    client = await LspClient.start(repo);
    // The server has read the workspace when the first file's diagnostics are out.
    await client.diagnosticsFor(uriOf('journeys/parcours-adhesion.journey'));
});

afterAll(async () => {
    await client?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('journey/compareModel (Compare with…)', () => {
    it('gives the head payload with the marks of its diff from a revision', async () => {
        const params: CompareModelParams = { uri: uriOf('journeys/parcours-adhesion.journey'), root: pathToFileURL(repo).toString(), base: 'main' };
        const { payload } = await client.connection.sendRequest<PreviewModelResult>(COMPARE_MODEL_METHOD, params);
        expect(payload.file).toBe('journeys/parcours-adhesion.journey');
        expect(payload.title).toBe('Adhésion à la mutuelle santé — compared with main');
        expect(payload.marks?.elements['touchpoint:Adhesion.EnvoiCarte']).toBe('changed');
        expect(payload.marks?.elements['journey:AdhesionCible']).toBe('added');
        expect(payload.marks?.removed.Adhesion).toEqual(['stage “Support”']);
        // The preview's payload for the same file is the same map without marks.
        const preview = await client.connection.sendRequest<PreviewModelResult>(PREVIEW_MODEL_METHOD, { uri: params.uri, root: params.root });
        expect(preview.payload.marks).toBeUndefined();
        expect(preview.payload.model).toEqual(payload.model);
    });

    it('fails with a message for the user when the base is neither a revision nor a path', async () => {
        const params: CompareModelParams = { uri: uriOf('journeys/parcours-adhesion.journey'), root: pathToFileURL(repo).toString(), base: 'no-such-branch' };
        const error = await client.connection.sendRequest(COMPARE_MODEL_METHOD, params).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).message).toBe('no-such-branch: neither a file or folder nor a git revision (branch, tag, commit) of this repository.');
        expect(client.alive).toBe(true);
    });
});

describe('journey/importMermaid (Import Mermaid Journey)', () => {
    it('answers with the text and problems of `journey import mermaid`, and the counts the command shows', async () => {
        const text = 'journey\ntitle Déménagement\nsection Préparer\n  Faire les cartons: 2: Moi, Famille\n  Bad: 9: Moi\nsection Arriver\n  Ouvrir: 5: Moi\n';
        const params: ImportMermaidParams = { text, kind: 'auto', source: 'docs/move.mmd' };
        const result = await client.connection.sendRequest<ImportMermaidResult>(IMPORT_MERMAID_METHOD, params);
        const direct = importMermaid(text, { kind: 'auto', source: 'docs/move.mmd' });
        expect(result.text).toBe(direct.text);
        expect(result.text).toContain('journey Demenagement "Déménagement"');
        expect(result.problems).toEqual(direct.problems);
        expect(result.problems.map(p => p.line)).toEqual([5]);
        expect(result).toMatchObject({ journeys: 1, touchpoints: 3 });
    });

    it('reads the mermaid blocks of a Markdown text', async () => {
        const text = '# Notes\n\n```mermaid\njourney\nsection A\n  One: 3\n```\n\n```mermaid\nflowchart LR\n  a --> b\n```\n';
        const result = await client.connection.sendRequest<ImportMermaidResult>(IMPORT_MERMAID_METHOD, { text, kind: 'markdown', source: 'notes.md' });
        expect(result).toMatchObject({ journeys: 1, touchpoints: 1 });
        expect(result.problems.some(p => p.severity === 'info' && p.line === 10)).toBe(true);
    });
});

describe('journey/renderMapSvg (Export Map… as SVG)', () => {
    it('draws the previewed file\'s map with its charts, as `journey render --format svg` does', async () => {
        const params: PreviewModelParams = { uri: uriOf('journeys/parcours-adhesion.journey'), root: pathToFileURL(repo).toString() };
        const { svg } = await client.connection.sendRequest<RenderMapSvgResult>(RENDER_MAP_SVG_METHOD, params);
        expect(svg.startsWith('<?xml')).toBe(true);
        expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
        expect(svg).toContain('<title>Adhésion à la mutuelle santé</title>');
        expect(svg).toContain('Envoi de la carte');
        // The emotion chart, rendered by Vega in the server.
        expect(svg).toContain('Emotion curve</text><g transform=');
    });
});

describe('journey/overview (Journey: Overview)', () => {
    it('gives one row per journey with the target journey beside the current one, as the CLI\'s overview does', async () => {
        const { portfolio, today } = await client.connection.sendRequest<OverviewResult>(OVERVIEW_METHOD, { root: pathToFileURL(repo).toString() });
        expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(portfolio.rows.map(row => [row.journey.id, row.target?.id])).toEqual([['Adhesion', 'AdhesionCible']]);
        expect(portfolio.rows[0].journey.file).toBe('journeys/parcours-adhesion.journey');
        expect(portfolio.rows[0].target!.state).toBe('target');
        const { loadWorkspace } = await import('../../src/node/journey-workspace.js');
        const { portfolio: cliPortfolio } = await import('../../src/language/model/portfolio.js');
        const workspace = await loadWorkspace(['.'], { cwd: repo });
        const cli = cliPortfolio(workspace.model, [], new Date(`${today}T00:00:00Z`));
        const shape = (p: typeof portfolio) => p.rows.map(r => [r.journey.id, r.journey.pains, r.journey.momentsOfTruth, r.journey.kpis.map(k => k.id), r.target?.kpis.map(k => k.id)]);
        expect(shape(portfolio)).toEqual(shape(cli));
    });
});
