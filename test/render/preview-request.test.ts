import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { URI } from 'vscode-uri';
import { describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { LastValidMaps } from '../../src/render/preview-data.js';
import { previewModel } from '../../src/server/preview-request.js';
import { serverWorkspaceModel } from '../../src/server/server-model.js';
import { MUTUELLE } from './render-helpers.js';

describe('journey/previewModel (language server → preview)', () => {
    it('gives the model of the server documents, the previewed file, the latest KPI results and the version', async () => {
        const { shared, Journey } = createJourneyServices(EmptyFileSystem);
        const documents = [];
        for (const name of ['catalog.journey', 'adhesion.journey', 'adhesion-cible.journey']) {
            const text = await fs.readFile(path.join(MUTUELLE, name), 'utf8');
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(path.join(MUTUELLE, name)));
            shared.workspace.LangiumDocuments.addDocument(document);
            documents.push(document);
        }
        await shared.workspace.DocumentBuilder.build(documents, { validation: false });
        // The server's KPI status service computes them after each build; here, the engine directly.
        const root = URI.file(MUTUELLE).fsPath;
        Journey.KpiStatuses.set((await computeMetrics(await shared.workspace.WorkspaceLock.read(async () => serverWorkspaceModel(shared, URI.file(root))), root)).results);
        const result = await previewModel(shared, Journey, { uri: URI.file(path.join(MUTUELLE, 'adhesion.journey')).toString(), root: URI.file(MUTUELLE).toString() });
        expect(result.payload.file).toBe('adhesion.journey');
        expect(result.payload.title).toBe('Adhésion à la mutuelle santé');
        expect(result.payload.model.journeys.map(j => j.id).sort()).toEqual(['Adhesion', 'AdhesionCible']);
        expect(result.payload.model.channels.map(c => c.id)).toContain('Courrier');
        const cards = result.payload.results.find(r => r.kpi === 'CartesJ1')!;
        expect(cards.points).toHaveLength(5);
        // Results are judged against the targets as written now, not as they were when computed.
        Journey.KpiStatuses.set(result.payload.results.map(r => (r === cards ? { ...r, status: cards.status === 'met' ? 'missed' : 'met' } : r)));
        const again = await previewModel(shared, Journey, { uri: URI.file(path.join(MUTUELLE, 'adhesion.journey')).toString(), root: URI.file(MUTUELLE).toString() });
        expect(again.payload.results.find(r => r.kpi === 'CartesJ1')!.status).toBe(cards.status);
        // Without a workspace folder, names are relative to the document's folder.
        const alone = await previewModel(shared, Journey, { uri: URI.file(path.join(MUTUELLE, 'adhesion-cible.journey')).toString() });
        expect(alone.payload.file).toBe('adhesion-cible.journey');
    });

    it('keeps the last map without errors while the file has errors, under a banner naming the first error and its line', async () => {
        const { shared, Journey } = createJourneyServices(EmptyFileSystem);
        const uri = URI.file('/ws/parcours.journey');
        const documents = shared.workspace.LangiumDocuments;
        const write = async (text: string) => {
            if (documents.hasDocument(uri)) documents.deleteDocument(uri);
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
            documents.addDocument(document);
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
        };
        const valid = 'channel Web "Web" online\njourney J "Parcours" {\n  stage S1 "Un" { touchpoint A "A" via Web }\n  stage S2 "Deux" { touchpoint B "B" via Web }\n}\n';
        const params = { uri: uri.toString(), root: URI.file('/ws').toString() };
        const lastValid = new LastValidMaps();
        await write(valid);
        const before = (await previewModel(shared, Journey, params, lastValid)).payload;
        expect(before.stale).toBeUndefined();
        expect(renderPreviewHtml(before)).not.toContain('jm-stale');

        // A block the parser cannot read: what it reads has one stage; the preview keeps both.
        await write(valid.replace('stage S2', 'chapitre S2'));
        const broken = (await previewModel(shared, Journey, params, lastValid)).payload;
        expect(broken.stale).toMatchObject({ kept: true, line: 4, count: 1 });
        expect(broken.stale!.message).toContain('chapitre');
        expect(broken.model.journeys[0].stages.map(s => s.id)).toEqual(['S1', 'S2']);
        const html = renderPreviewHtml(broken);
        expect(html).toContain('parcours.journey has an error: this is its last map without errors.');
        expect(html).toContain('First error, line 4: ‘chapitre’ is not understood here: the line is skipped.');
        expect(await renderMapSvg(broken)).toContain('First error, line 4:');

        // Without a last valid map (never seen without errors), the map read is shown, under the banner.
        const fresh = (await previewModel(shared, Journey, params, new LastValidMaps())).payload;
        expect(fresh.stale).toMatchObject({ kept: false, line: 4 });
        expect(fresh.model.journeys[0].stages.map(s => s.id)).toEqual(['S1']);
        expect(renderPreviewHtml(fresh)).toContain('this map shows what could be read, and may miss elements');

        await write(valid.replace('"Deux"', '"Deux bis"'));
        const fixed = (await previewModel(shared, Journey, params, lastValid)).payload;
        expect(fixed.stale).toBeUndefined();
        expect(fixed.model.journeys[0].stages[1].title).toBe('Deux bis');
    });
});
