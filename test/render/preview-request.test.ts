import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { URI } from 'vscode-uri';
import { describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
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
});
