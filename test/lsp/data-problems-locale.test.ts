/**
 * The data problems the language server's KPI engine (DuckDB) finds are worded in the editor's
 * language, and worded again when `journey.locale` changes: a real client over stdio asks for
 * the preview, whose problem list is what the map shows under it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import type { DataProblem } from '../../src/language/model/kpi-results.js';
import { LspClient } from './lsp-client.js';

const FILES: Record<string, string> = {
    'j.journey': 'source Journal events "data/journal.csv"\njourney J "Parcours" {\n  stage S "Étape" {\n    touchpoint A "Début"\n    touchpoint B "Fin"\n  }\n'
        + '  kpi Part "Part à J+1" {\n    measures share(B within J+1 of A)\n    target >= 90%\n    data Journal\n  }\n}\n',
    // Nothing in February; one row without its case.
    'data/journal.csv': 'case,event,timestamp\n1,A,2026-01-05 09:00\n1,B,2026-01-05 18:00\n2,A,2026-03-02 09:00\n,B,2026-03-02 10:00\n'
};

let folder: string;
let client: LspClient;

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-data-locale-'));
    for (const [name, text] of Object.entries(FILES)) {
        mkdirSync(join(folder, name, '..'), { recursive: true });
        writeFileSync(join(folder, name), text);
    }
    client = await LspClient.start(folder, {}, undefined, { JOURNEY_TODAY: '2026-06-15' }, 'fr-FR');
}, 60_000);

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

/** The preview's problems once they hold a message matching `expected` (the engine runs after the build, debounced). */
async function problemsWhen(expected: RegExp): Promise<DataProblem[]> {
    const deadline = Date.now() + 60_000;
    for (;;) {
        const result = await client.connection.sendRequest('journey/previewModel', { uri: pathToFileURL(join(folder, 'j.journey')).toString(), root: pathToFileURL(folder).toString() }) as { payload: { problems?: DataProblem[] } };
        const problems = result.payload.problems ?? [];
        if (problems.some(p => expected.test(p.message))) return problems;
        if (Date.now() > deadline) throw new Error(`no problem matching ${expected}: ${JSON.stringify(problems)}`);
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}

describe('data problems in the editor follow its language', () => {
    it('in French from the client’s locale, in English after journey.locale: en, with the same codes and lines', async () => {
        const french = await problemsWhen(/^Aucune donnée pour février 2026/);
        // No-break spaces (inside « » and before :) compared as plain ones.
        expect(french.map(p => [p.code, p.line, p.message.replace(/[\u00a0\u202f]/g, ' ')])).toEqual([
            ['missing-value', 5, '1 ligne rejetée : cellule vide pour le champ case dans la colonne « case » (ligne 5). Remplissez les cellules ou supprimez les lignes.'],
            ['empty-period', undefined, 'Aucune donnée pour février 2026 (entre la première et la dernière période de « Part ») : vérifiez que le fichier contient les lignes de cette période.']
        ]);
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'en' } } });
        const english = await problemsWhen(/^No data for February 2026/);
        expect(english.map(p => [p.code, p.line])).toEqual(french.map(p => [p.code, p.line]));
        expect(english[0].message).toBe("1 row without a case in the column 'case' (line 5): left out. Fill the cells or remove the rows.");
    }, 120_000);
});
