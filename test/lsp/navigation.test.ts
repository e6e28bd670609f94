import { ResponseError } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { ADHESION, after, applyEdits, CATALOG, TARGET, workspaceOf } from './helpers.js';

const FILES = { 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION, 'cible.journey': TARGET };

async function hoverText(needle: string, file = 'adhesion.journey', delta = 1, nth = 1): Promise<string> {
    const workspace = await workspaceOf(FILES);
    const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.doc(file), {
        textDocument: { uri: workspace.uri(file) }, position: workspace.at(file, needle, delta, nth)
    });
    const contents = hover?.contents as { value: string } | undefined;
    return contents?.value ?? '';
}

describe('hover', () => {
    it('shows a touchpoint\'s channel, owner, emotion and pain points', async () => {
        const text = await hoverText('Devis "Devis', 'adhesion.journey');
        expect(text).toContain('**Touchpoint** `Adhesion.Devis`');
        expect(text).toContain('`Web` (Site web, online channel)');
        expect(text).toContain('**Owner:** `LoveTeam` (Équipe parcours) _(inherited)_');
        expect(text).toContain('-1 (scale -2 to +2)');
        expect(text).toContain('Formulaire de 40 champs _(severity high)_');
    });

    it('shows the touchpoint a qualified reference in another file points to', async () => {
        const text = await hoverText('Adhesion.EnvoiCarte', 'cible.journey', 10);
        expect(text).toContain('**Touchpoint** `Adhesion.EnvoiCarte`');
        expect(text).toContain('**Owner:** `Gestion`');
        expect(text).toContain('**Moment of truth**');
    });

    it('shows a KPI\'s definition and target, where it is declared and where it is tracked', async () => {
        const declared = await hoverText('CartesJ1', 'adhesion.journey');
        expect(declared).toContain('share of cases reaching `EnvoiCarte` within J+1 of `Signature`');
        expect(declared).toContain('**Target:** ≥ 95%');
        const tracked = await hoverText('Adhesion.CartesJ1', 'cible.journey', 12);
        expect(tracked).toContain('**KPI** `Adhesion.CartesJ1`');
        expect(tracked).toContain('**Target:** ≥ 95%');
    });

    it('escapes markdown written in journey text', async () => {
        const workspace = await workspaceOf({ 'a.journey': 'journey J { stage S { touchpoint T "[click](http://x) <b>" } }' });
        const hover = await workspace.services.lsp.HoverProvider!.getHoverContent(workspace.doc('a.journey'), {
            textDocument: { uri: workspace.uri('a.journey') }, position: workspace.at('a.journey', 'T "', 0)
        });
        const value = (hover?.contents as { value: string }).value;
        expect(value).toContain('\\[click\\]\\(http://x\\) \\<b\\>');
    });
});

describe('definition and references', () => {
    it('goes from a channel reference to its declaration in the catalog file', async () => {
        const workspace = await workspaceOf(FILES);
        const links = await workspace.services.lsp.DefinitionProvider!.getDefinition(workspace.doc('adhesion.journey'), {
            textDocument: { uri: workspace.uri('adhesion.journey') }, position: workspace.at('adhesion.journey', 'via Courrier', 5)
        });
        expect(links).toHaveLength(1);
        expect(links![0].targetUri).toBe(workspace.uri('catalog.journey'));
        expect(links![0].targetSelectionRange.start).toEqual(workspace.at('catalog.journey', 'Courrier'));
    });

    it('goes from a qualified reference to the touchpoint in the other journey', async () => {
        const workspace = await workspaceOf(FILES);
        const links = await workspace.services.lsp.DefinitionProvider!.getDefinition(workspace.doc('cible.journey'), {
            textDocument: { uri: workspace.uri('cible.journey') }, position: workspace.at('cible.journey', 'Adhesion.Signature', 10)
        });
        expect(links![0].targetUri).toBe(workspace.uri('adhesion.journey'));
        expect(links![0].targetSelectionRange.start).toEqual(workspace.at('adhesion.journey', 'Signature "'));
    });

    it('finds the references to a channel in every file', async () => {
        const workspace = await workspaceOf(FILES);
        const locations = await workspace.services.lsp.ReferencesProvider!.findReferences(workspace.doc('catalog.journey'), {
            textDocument: { uri: workspace.uri('catalog.journey') }, position: workspace.at('catalog.journey', 'Web'),
            context: { includeDeclaration: false }
        });
        const files = locations.map(l => l.uri.slice(l.uri.lastIndexOf('/') + 1)).sort();
        expect(files).toEqual(['adhesion.journey', 'adhesion.journey', 'cible.journey']);
    });
});

describe('rename', () => {
    async function rename(file: string, needle: string, newName: string, delta = 0) {
        const workspace = await workspaceOf(FILES);
        const edit = await workspace.services.lsp.RenameProvider!.rename(workspace.doc(file), {
            textDocument: { uri: workspace.uri(file) }, position: workspace.at(file, needle, delta), newName
        });
        const result: Record<string, string> = {};
        for (const name of Object.keys(FILES)) result[name] = applyEdits(workspace.text(name), edit?.changes?.[workspace.uri(name)] ?? []);
        return result;
    }

    it('renames a channel in the catalog and in every journey', async () => {
        const result = await rename('catalog.journey', 'Web', 'SiteWeb');
        expect(result['catalog.journey']).toContain('channel SiteWeb "Site web" online');
        expect(result['adhesion.journey'].match(/via SiteWeb/g)).toHaveLength(2);
        expect(result['cible.journey']).toContain('via SiteWeb');
        expect(result['adhesion.journey']).not.toMatch(/\bWeb\b(?! ")/);
    });

    it('renames a touchpoint and keeps the journey part of qualified references', async () => {
        const result = await rename('adhesion.journey', 'Signature "', 'SignatureEnLigne');
        expect(result['adhesion.journey']).toContain('touchpoint SignatureEnLigne "Signature électronique"');
        expect(result['adhesion.journey']).toContain('of SignatureEnLigne)');
        expect(result['cible.journey']).toContain('duration(Adhesion.SignatureEnLigne to Adhesion.EnvoiCarte)');
    });

    it('renames a journey, its improves reference and the journey part of qualified names', async () => {
        const result = await rename('adhesion.journey', 'Adhesion "', 'AdhesionActuelle');
        expect(result['adhesion.journey']).toContain('journey AdhesionActuelle "Adhésion"');
        expect(result['cible.journey']).toContain('improves AdhesionActuelle');
        expect(result['cible.journey']).toContain('track AdhesionActuelle.CartesJ1');
        expect(result['cible.journey']).toContain('duration(AdhesionActuelle.Signature to AdhesionActuelle.EnvoiCarte)');
        // The renamed workspace still links without errors.
        const renamed = await workspaceOf(result);
        const errors = Object.keys(result).flatMap(name => renamed.doc(name).diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors).toEqual([]);
    });

    it.each([['stage', /keyword/], ['1abc', /not a valid id/], ['Site web', /not a valid id/], ['A.B', /not a valid id/], ['', /not a valid id/]])(
        'refuses the invalid name %j', async (newName, reason) => {
            const error = await rename('catalog.journey', 'Web', newName).then(() => undefined, (e: unknown) => e);
            expect(error).toBeInstanceOf(ResponseError);
            expect((error as Error).message).toMatch(reason);
        });

    it('prepares the rename on the last segment of a qualified reference', async () => {
        const workspace = await workspaceOf(FILES);
        const range = await workspace.services.lsp.RenameProvider!.prepareRename(workspace.doc('cible.journey'), {
            textDocument: { uri: workspace.uri('cible.journey') }, position: workspace.at('cible.journey', 'Adhesion.CartesJ1', 12)
        });
        expect(workspace.doc('cible.journey').textDocument.getText(range as never)).toBe('CartesJ1');
    });
});

describe('symbols', () => {
    it('outlines journey › stage › touchpoint, with the KPIs', async () => {
        const workspace = await workspaceOf(FILES);
        const symbols = await workspace.services.lsp.DocumentSymbolProvider!.getSymbols(workspace.doc('adhesion.journey'), { textDocument: { uri: workspace.uri('adhesion.journey') } });
        const tree = (list: typeof symbols): unknown[] => list.map(s => (s.children?.length ? { [s.name]: tree(s.children) } : s.name));
        expect(tree(symbols)).toEqual([{ Adhesion: [{ Souscription: ['Devis', 'Signature'] }, { Carte: ['EnvoiCarte'] }, 'CartesJ1'] }]);
        expect(symbols[0].detail).toBe('Adhésion');
    });

    it('lists catalog entries as top-level symbols', async () => {
        const workspace = await workspaceOf(FILES);
        const symbols = await workspace.services.lsp.DocumentSymbolProvider!.getSymbols(workspace.doc('catalog.journey'), { textDocument: { uri: workspace.uri('catalog.journey') } });
        expect(symbols.map(s => s.name)).toEqual(['Web', 'Courrier', 'Assure', 'Gestion', 'LoveTeam']);
    });

    it('finds workspace symbols across files by qualified name', async () => {
        const workspace = await workspaceOf(FILES);
        const symbols = await workspace.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'Signature' });
        expect(symbols.map(s => s.name)).toContain('Adhesion.Signature');
        expect(symbols.find(s => s.name === 'Adhesion.Signature')!.location.uri).toBe(workspace.uri('adhesion.journey'));
    });
});
