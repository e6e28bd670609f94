// KPI statuses in the language server's web worker: series files read through the editor's
// file system (here an in-memory one, as the client answers the worker), with the same results
// and the same problems as `journey metrics` reading the same files from disk.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { seriesResults } from '../../src/metrics/series-csv.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { seriesKpiEngine } from '../../src/server/kpi-engine-browser.js';

const FILES: Record<string, string | Buffer> = {
    'journeys/attente.journey': `source Attente "Attente" series "../data/attente.csv"
source Dehors "Hors de l'espace" series "../../ailleurs.csv"
source Absente "Absente" series "../data/absente.csv"
source Latin "Export Latin-1" series "../data/latin.csv"

journey Attente "Attente" {
  stage Appel "Appel" {
    touchpoint Decroche "Décroché"
  }
  kpi Moyenne "Attente moyenne" {
    measures average
    unit minutes
    lower is better
    target <= 3 minutes
    data Attente
  }
  kpi HorsEspace "Hors de l'espace" {
    measures average
    data Dehors
  }
  kpi SansFichier "Sans fichier" {
    measures average
    data Absente
  }
  kpi Accents "Accents" {
    measures average
    data Latin
  }
}
`,
    'data/attente.csv': 'period,value\n2026-W02,4.5\n2026-W03,3.5\n2026-W04,oops\n',
    // "é" in Latin-1 on line 3.
    'data/latin.csv': Buffer.concat([Buffer.from('period,value\n2026-W02,4\n2026-W03,4 '), Buffer.from([0xe9]), Buffer.from('\n')])
};

const root = mkdtempSync(path.join(tmpdir(), 'journey-series-'));
for (const [file, content] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The workspace's files as the client gives them to the worker: decoded as UTF-8, U+FFFD where bytes are not. */
class InMemoryFiles implements Partial<FileSystemProvider> {
    async readFile(uri: URI): Promise<string> {
        const file = path.relative(root, uri.fsPath);
        const content = FILES[file];
        if (content === undefined) throw new Error(`ENOENT ${file}`);
        return new TextDecoder().decode(typeof content === 'string' ? new TextEncoder().encode(content) : content);
    }
    async readDirectory(): Promise<FileSystemNode[]> {
        return [];
    }
}

describe('KPI statuses from series files in the web worker', () => {
    it('gives the results and problems journey metrics gives for the same files', async () => {
        const workspace = await loadWorkspace([root], { root });
        const engine = seriesKpiEngine(new InMemoryFiles() as FileSystemProvider);
        const inWorker = await engine(workspace.model, URI.file(root));
        const onDisk = (await seriesResults(workspace.model, root)).results;
        expect(inWorker).toEqual(onDisk);

        const byKpi = Object.fromEntries(inWorker.map(result => [result.kpi, result]));
        expect(byKpi.Moyenne.status).toBe('missed');
        expect(byKpi.Moyenne.latest?.value).toBe(3.5);
        expect(byKpi.Moyenne.rowsRejected).toBe(1);
        expect(byKpi.HorsEspace.problems.map(p => p.code)).toEqual(['series-outside']);
        expect(byKpi.SansFichier.problems.map(p => p.code)).toEqual(['series-missing']);
        expect(byKpi.Accents.problems.map(p => [p.code, p.file, p.line])).toEqual([['not-utf8', 'data/latin.csv', 3]]);
    });
});
