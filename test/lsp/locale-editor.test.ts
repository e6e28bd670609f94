// What a person reads in the editor, in French and English, over a real client on stdio: the
// hovers of a touchpoint, a stage, a KPI and a journey, the completion list's details, and the
// code lens above a KPI with its target and computed status (periods as a reader says them:
// `S27 2026`, `juin 2027`). The client sends `fr-FR` in `initialize`; `journey.locale: en`
// switches every one of them without a restart.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeLensRequest, CompletionRequest, DidChangeConfigurationNotification, DidOpenTextDocumentNotification, DocumentLinkRequest, HoverRequest, RenameRequest,
    type CodeLens, type CompletionItem, type CompletionList, type DocumentLink, type Hover
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lsp-client.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/mutuelle-sante');
const FILE = 'adhesion-actuel.journey';
/** After CartesJ1's 2027-06 deadline: its 42.9 % is missed (as in kpi-status.test.ts). */
const TODAY = '2027-07-01';
/** French puts a no-break space before `%` (U+00A0 or U+202F, as the platform's Intl data says): written `~` here. */
const noBreak = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, '~');
const NNBSP = '~';

let folder: string;
let client: LspClient;
let text: string;
const uri = () => pathToFileURL(join(folder, FILE)).toString();

/** Line and character of `needle` + `delta` in the example file. */
function at(needle: string, delta = 0): { line: number; character: number } {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`not in ${FILE}: ${needle}`);
    const before = text.slice(0, offset + delta).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

async function hover(needle: string, delta = 0): Promise<string> {
    const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: at(needle, delta) }) as Hover;
    return (result.contents as { value: string }).value;
}

async function completion(needle: string): Promise<Map<string, string | undefined>> {
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position: at(needle, needle.length) }) as CompletionList | CompletionItem[];
    const items = Array.isArray(result) ? result : result.items;
    return new Map(items.map(item => [String(item.label), item.detail]));
}

async function lensOf(id: string): Promise<string | undefined> {
    const line = at(`kpi ${id} `).line;
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri() } }) as CodeLens[];
    return lenses.find(lens => lens.range.start.line === line)?.command?.title;
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
    folder = mkdtempSync(join(tmpdir(), 'journey-locale-editor-'));
    cpSync(EXAMPLE, folder, { recursive: true });
    text = readFileSync(join(folder, FILE), 'utf8');
    client = await LspClient.start(folder, {}, undefined, { JOURNEY_TODAY: TODAY }, 'fr-FR');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(), languageId: 'journey', version: 1, text } });
}, 60_000);

afterAll(async () => {
    await client?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the editor in French (initialize locale fr-FR)', () => {
    it('code lens: target and status with French numbers and periods', async () => {
        const title = await waitForLens('CartesJ1', t => t.includes('·'));
        expect(noBreak(title)).toBe(`Cible ≥ 95${NNBSP}% d'ici juin 2027 (alerte à 90${NNBSP}%) · manqué : 42,9${NNBSP}% en S27 2026 ↘`);
        expect(noBreak(await lensOf('ConversionDevis'))).toMatch(new RegExp(`· atteint : 45${NNBSP}% en juin 2026 ↗$`));
    }, 60_000);

    it('hover of a touchpoint: every label and sentence in French', async () => {
        const markdown = await hover('DevisEnLigne "', 2);
        expect(markdown).toContain('**Point de contact** `AdhesionActuelle.DevisEnLigne` — Devis en ligne');
        expect(markdown).toContain('**Étape :** `Devis` Devis et conseil');
        expect(markdown).toMatch(/\*\*Canaux :\*\* `SiteWeb` \([^)]*canal en ligne\)/);
        expect(markdown).toContain('**Responsable :** `Marketing`');
        expect(markdown).toContain('**Émotion :** -1 (échelle de -2 à +2)');
        expect(markdown).toContain('**Irritants**');
        expect(markdown).toContain('_(gravité forte)_');
        expect(markdown).toContain('**Opportunités**');
        expect(markdown).not.toMatch(/\b(Stage|Channels|Owner|Emotion|scale|severity|Pain points|Opportunities)\b/);
    });

    it('hover of a KPI: measure, target, status, rows, in French', async () => {
        const markdown = noBreak(await hover('kpi CartesJ1 ', 5))!;
        expect(markdown).toContain('**KPI** `AdhesionActuelle.CartesJ1`');
        expect(markdown).toContain("**Mesure :** part des dossiers qui atteignent `EnvoiCarte` sous J+1 après `Signature`");
        expect(markdown).toContain(`**Objectif :** ≥ 95${NNBSP}% d'ici juin 2027 (alerte à 90${NNBSP}%)`);
        expect(markdown).toMatch(new RegExp(`\\*\\*Statut :\\*\\* \\*\\*manqué : 42,9${NNBSP}% en S27 2026 ↘\\*\\* _\\([\\d~]+ lignes utilisées, \\d+ rejetées?\\)_`));
        expect(markdown).toContain('**Périmètre :** point de contact `EnvoiCarte`');
        expect(markdown).toContain('**Fréquence :** hebdomadaire');
    }, 30_000);

    it('hover of a stage and of the journey', async () => {
        expect(await hover('stage Devis ', 7)).toMatch(/^\*\*Étape\*\* `AdhesionActuelle.Devis` — Devis et conseil[\s\S]*\n\n3 points de contact : `DevisEnLigne`, `RappelConseiller`, `RendezVousAgence`$/);
        const journey = await hover('journey AdhesionActuelle', 9);
        expect(journey).toContain('**Parcours** `AdhesionActuelle`');
        expect(journey).toContain('**État :** actuel');
        expect(journey).toContain('**Étapes :** `Besoin` › `Devis`');
    });

    it('completion: keyword details and what an id names, in French', async () => {
        const inTouchpoint = await completion('touchpoint DevisEnLigne "Devis en ligne" via SiteWeb by Marketing {\n');
        expect(inTouchpoint.get('moment')).toBe('moment de vérité');
        expect(inTouchpoint.get('pain')).toBe('irritants');
        const channels = await completion('touchpoint DevisEnLigne "Devis en ligne" via ');
        expect(channels.get('SiteWeb')).toMatch(/^Canal — /);
    });
});

describe('the editor in French: refusals and links', () => {
    it('refuses a rename to a keyword or a non-id in French, and titles a data file link', async () => {
        const rename = (newName: string) => client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uri() }, position: at('DevisEnLigne "', 2), newName });
        await expect(rename('stage')).rejects.toThrow('« stage » est un mot-clé du langage des parcours : choisissez un autre identifiant.');
        await expect(rename('Site web')).rejects.toThrow(/^« Site web » n'est pas un identifiant valide/);
        const sources = pathToFileURL(join(folder, 'sources.journey')).toString();
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: sources, languageId: 'journey', version: 1, text: readFileSync(join(folder, 'sources.journey'), 'utf8') } });
        const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: sources } }) as DocumentLink[];
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) expect(link.tooltip).toMatch(/^Ouvrir data\//);
    });
});

describe('journey.locale: en switches the editor to English without a restart', () => {
    it('code lens, hover and completion in English', async () => {
        const refreshed = client.nextCodeLensRefresh();
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'en' } } });
        await refreshed;
        expect(await waitForLens('CartesJ1', t => t.startsWith('Target'))).toBe('Target ≥ 95% by June 2027 (warning at 90%) · missed: 42.9% in W27 2026 ↘');
        const touchpoint = await hover('DevisEnLigne "', 2);
        expect(touchpoint).toContain('**Touchpoint** `AdhesionActuelle.DevisEnLigne` — Devis en ligne');
        expect(touchpoint).toContain('**Emotion:** -1 (scale -2 to +2)');
        expect(touchpoint).toContain('_(severity high)_');
        const kpi = await hover('kpi CartesJ1 ', 5);
        expect(kpi).toContain('**Measures:** share of cases reaching `EnvoiCarte` within J+1 of `Signature`');
        expect(kpi).toMatch(/\*\*Status:\*\* \*\*missed: 42\.9% in W27 2026 ↘\*\* _\([\d,]+ rows used, \d+ rejected\)_/);
        expect(kpi).toContain('**Frequency:** weekly');
        expect(await hover('stage Devis ', 7)).toMatch(/3 touchpoints: `DevisEnLigne`, `RappelConseiller`, `RendezVousAgence`$/);
        const inTouchpoint = await completion('touchpoint DevisEnLigne "Devis en ligne" via SiteWeb by Marketing {\n');
        expect(inTouchpoint.get('moment')).toBe('moment of truth');
        expect((await completion('touchpoint DevisEnLigne "Devis en ligne" via ')).get('SiteWeb')).toMatch(/^Channel — /);
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { journey: { locale: 'auto' } } });
    }, 60_000);
});
