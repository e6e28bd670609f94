import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest, CodeLensRequest, DidChangeConfigurationNotification, type CodeAction, type CodeLens, type Diagnostic
} from 'vscode-languageserver-protocol/node';
import { CATALOG } from './helpers.js';
import { LspClient } from './lsp-client.js';

/** A workspace with an unknown channel, a touchpoint without channel and a syntax error. */
const FILES: Record<string, string> = {
    'catalog.journey': CATALOG,
    'broken.journey': 'journey Broken "Cassé" {\n  stage S "Étape" {\n    touchpoint T "Appel" via Courier\n    touchpoint U "Sans canal"\n  }\n}\n',
    'kpi.journey': 'journey Mesure "Mesure" {\n  stage S "Étape" {\n    touchpoint A "Début" via Web\n    touchpoint B "Fin" via Web\n  }\n  kpi Part "Part à J+1" {\n    measures share(B within J+1 of A)\n    target >= 95%\n  }\n  kpi Sans "Sans cible" {\n    measures share(B within J+1 of A)\n  }\n}\n',
    'syntax.journey': 'journey Syntaxe "Syntaxe" {\n  stage S "Étape" {\n    touchpoint T "Appel" { emotion }\n  }\n}\n'
};

let folder: string;
let client: LspClient;
const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
const messagesOf = (diagnostics: Diagnostic[]) => diagnostics.map(d => `${d.code}: ${d.message}`).sort();

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'journey-locale-'));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(folder, name), text);
    client = await LspClient.start(folder, {}, undefined, {}, 'fr-FR');
});

afterAll(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
});

describe('the language server speaks the client’s language', () => {
    it('words diagnostics and quick fixes in the locale of initialize', async () => {
        const broken = await client.diagnosticsFor(uri('broken.journey'), d => d.length >= 2);
        expect(messagesOf(broken)).toEqual([
            'missing-channel: Le point de contact « U » n\'a pas de canal : indiquez où il a lieu avec « via <canal> ».',
            'unresolved-reference: Canal inconnu « Courier » : vouliez-vous dire « Courrier » ? Sinon, déclarez-le dans un fichier de catalogue : channel Courier "…" online.'
        ]);
        const syntax = await client.diagnosticsFor(uri('syntax.journey'), d => d.length > 0);
        expect(syntax[0].message).toMatch(/^Erreur de syntaxe : /);
        const actions = await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri: uri('broken.journey') }, range: broken[0].range,
            context: { diagnostics: broken.filter(d => d.code === 'unresolved-reference') }
        }) as CodeAction[];
        expect(actions.map(a => a.title)).toEqual(['Déclarer le canal « Courier » dans catalog.journey']);
        const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('kpi.journey') } }) as CodeLens[];
        // A no-break space before % (U+00A0 or U+202F, as the platform's Intl writes it).
        expect(lenses.map(lens => lens.command?.title.replace(/[\u00a0\u202f]/g, '~'))).toEqual(['Cible ≥ 95~%', 'Pas encore de cible']);
    });

    it('switches language when journey.locale changes, without a restart, and asks for code lenses again', async () => {
        const refreshed = client.nextCodeLensRefresh();
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'en' } } });
        const english = await client.diagnosticsFor(uri('broken.journey'), d => d.some(x => x.message.startsWith('Unknown channel')), { current: false });
        expect(messagesOf(english)).toEqual([
            'missing-channel: The touchpoint \'U\' has no channel: say where it happens with \'via <channel>\'.',
            'unresolved-reference: Unknown channel \'Courier\': did you mean \'Courrier\'? Otherwise declare it in a catalog file: channel Courier "…" online.'
        ]);
        await refreshed;
        // `auto` follows the client's locale again.
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'auto' } } });
        const french = await client.diagnosticsFor(uri('broken.journey'), d => d.some(x => x.message.startsWith('Canal inconnu')), { current: false });
        expect(french).toHaveLength(2);
    });

    it('gives the preview its language: the payload carries the locale the map is drawn in', async () => {
        const result = await client.connection.sendRequest('journey/previewModel', { uri: uri('broken.journey'), root: pathToFileURL(folder).toString() }) as { payload: { locale?: string; model: unknown } };
        expect(result.payload.locale).toBe('fr');
        const { renderPreviewHtml } = await import('../../src/render/map-html.js');
        const html = renderPreviewHtml(result.payload as Parameters<typeof renderPreviewHtml>[0]);
        expect(html).toContain('Points de contact');
        expect(html).toContain('1 étape · 2 points de contact · 0 KPI');
    });

    it('gives the overview the locale journey.locale chooses, which the extension draws it in', async () => {
        const ask = async () => (await client.connection.sendRequest('journey/overview', { root: pathToFileURL(folder).toString() }) as { locale: string }).locale;
        expect(await ask()).toBe('fr');
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'en' } } });
        await client.diagnosticsFor(uri('broken.journey'), d => d.some(x => x.message.startsWith('Unknown channel')), { current: false });
        expect(await ask()).toBe('en');
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'auto' } } });
        await client.diagnosticsFor(uri('broken.journey'), d => d.some(x => x.message.startsWith('Canal inconnu')), { current: false });
    });
});
