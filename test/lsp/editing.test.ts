import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { Codes } from '../../src/language/journey-diagnostics.js';
import { ADHESION, applyEdits, CATALOG, TARGET, workspaceOf, type Workspace } from './helpers.js';

function diagnostics(workspace: Workspace, name: string, code: string) {
    return (workspace.doc(name).diagnostics ?? []).filter(d => d.code === code);
}

async function actionsFor(workspace: Workspace, name: string, code: string): Promise<CodeAction[]> {
    const found = diagnostics(workspace, name, code);
    expect(found.length, `a '${code}' diagnostic in ${name}`).toBeGreaterThan(0);
    const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(workspace.doc(name), {
        textDocument: { uri: workspace.uri(name) }, range: found[0].range, context: { diagnostics: [found[0]] }
    });
    return (actions ?? []) as CodeAction[];
}

function applyAction(workspace: Workspace, action: CodeAction, name: string): string {
    return applyEdits(workspace.text(name), action.edit?.changes?.[workspace.uri(name)] ?? []);
}

describe('quick fixes', () => {
    it('declares a missing channel in the catalog file, after the other channels', async () => {
        const workspace = await workspaceOf({
            'catalog.journey': CATALOG, 'adhesion.journey': ADHESION.replace('via Web {', 'via Application {')
        });
        const [action] = await actionsFor(workspace, 'adhesion.journey', Codes.unresolvedReference);
        expect(action.title).toBe("Declare channel 'Application' in catalog.journey");
        const catalog = applyAction(workspace, action, 'catalog.journey');
        expect(catalog).toContain('channel Courrier "Courrier postal" offline\nchannel Application "Application"\npersona Assure');
        const fixed = await workspaceOf({ 'catalog.journey': catalog, 'adhesion.journey': workspace.text('adhesion.journey') });
        expect(diagnostics(fixed, 'adhesion.journey', Codes.unresolvedReference)).toEqual([]);
    });

    it('offers a persona, a team, a role or an organisation for a missing actor, and a team for a missing owner', async () => {
        const journey = 'journey J {\n  owner Juridique\n  stage S { touchpoint T via Web { actors Courtier } }\n}';
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'j.journey': journey });
        const all = await workspace.services.lsp.CodeActionProvider!.getCodeActions(workspace.doc('j.journey'), {
            textDocument: { uri: workspace.uri('j.journey') }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
            context: { diagnostics: diagnostics(workspace, 'j.journey', Codes.unresolvedReference) }
        }) as CodeAction[];
        expect(all.map(a => a.title).sort()).toEqual([
            "Declare organisation 'Courtier' in catalog.journey", "Declare persona 'Courtier' in catalog.journey", "Declare role 'Courtier' in catalog.journey",
            "Declare team 'Courtier' in catalog.journey", "Declare team 'Juridique' in catalog.journey"
        ]);
        const team = all.find(a => a.title.includes("team 'Juridique'"))!;
        expect(applyAction(workspace, team, 'catalog.journey')).toContain('team LoveTeam "Équipe parcours"\nteam Juridique "Juridique"');
    });

    it('turns a comparator that contradicts the KPI direction', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION.replace('target >= 95%', 'target <= 95%') });
        const [action] = await actionsFor(workspace, 'adhesion.journey', Codes.comparatorContradictsDirection);
        expect(applyAction(workspace, action, 'adhesion.journey')).toContain('target >= 95%');
    });

    it('writes >= for ≥ and the standard unit spelling, one by one or all at once', async () => {
        const text = ADHESION.replace('target >= 95%', 'target ≥ 95%') + 'kpi Attente { measures resolution unit h target ≤ 48 h }\n';
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': text });
        const notation = diagnostics(workspace, 'adhesion.journey', Codes.nonStandardNotation);
        expect(notation.map(d => workspace.doc('adhesion.journey').textDocument.getText(d.range))).toEqual(['≥', 'h', '≤', 'h']);
        expect(notation.every(d => d.severity === 4)).toBe(true); // a hint
        const actions = await actionsFor(workspace, 'adhesion.journey', Codes.nonStandardNotation);
        expect(actions[0].title).toBe("Write '>='");
        expect(applyAction(workspace, actions[0], 'adhesion.journey')).toContain('target >= 95%');
        const all = actions.find(a => a.kind === 'source.fixAll')!;
        expect(applyAction(workspace, all, 'adhesion.journey')).toContain('kpi Attente { measures resolution unit hours target <= 48 hours }');
    });

    it('is off outside the editor: `journey check` accepts both spellings', async () => {
        const { createJourneyServices } = await import('../../src/language/journey-module.js');
        const { EmptyFileSystem, URI } = await import('langium');
        const { shared } = createJourneyServices(EmptyFileSystem);
        const document = shared.workspace.LangiumDocumentFactory.fromString('kpi K { measures csat target ≥ 95 % }', URI.parse('file:///cli/k.journey'));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        expect(document.diagnostics!.map(d => d.code)).not.toContain(Codes.nonStandardNotation);
    });

    it('accepts "1 day" but not "2 day"', async () => {
        const text = 'journey J { stage S { touchpoint A via Web touchpoint B via Web }\n kpi K { measures share(B within 1 day of A) target >= 90% }\n kpi L { measures share(B within 2 day of A) target >= 90% } }';
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'j.journey': text });
        const notation = diagnostics(workspace, 'j.journey', Codes.nonStandardNotation);
        expect(notation).toHaveLength(1);
        expect(notation[0].range.start.line).toBe(2);
    });
});

describe('settings from the editor', () => {
    it('changes severities and the default emotion scale through the configuration provider', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'j.journey': 'journey J { stage S { touchpoint T { emotion 4 } } }' });
        const codes = () => (workspace.doc('j.journey').diagnostics ?? []).map(d => `${d.code}:${d.severity}`).sort();
        expect(codes()).toEqual(['emotion-out-of-scale:1', 'missing-channel:3']);
        workspace.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { journey: { emotionScale: { min: -5, max: 5 }, severity: { 'missing-channel': 'warning', bogus: 'loud' } } }
        });
        // The re-validation runs under the workspace's write lock: a read waits for it.
        await workspace.shared.workspace.WorkspaceLock.read(() => undefined);
        expect(workspace.services.JourneySettings.emotionScale).toEqual({ min: -5, max: 5 });
        expect(workspace.services.JourneySettings.checkSeverity).toEqual({ 'missing-channel': 'warning' });
        expect(codes()).toEqual(['missing-channel:2']);
    });
});

describe('code lens, document links, folding, semantic tokens, formatting', () => {
    it('puts the target above each KPI', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION, 'cible.journey': TARGET });
        const lenses = await workspace.services.lsp.CodeLensProvider!.provideCodeLens(workspace.doc('cible.journey'), { textDocument: { uri: workspace.uri('cible.journey') } });
        expect(lenses!.map(l => [l.range.start.line, l.command?.title])).toEqual([[10, 'Target ≤ 24 hours']]);
        const adhesion = await workspace.services.lsp.CodeLensProvider!.provideCodeLens(workspace.doc('adhesion.journey'), { textDocument: { uri: workspace.uri('adhesion.journey') } });
        expect(adhesion!.map(l => l.command?.title)).toEqual(['Target ≥ 95%']);
    });

    it('links the data file of a source, relative to the journey file', async () => {
        const workspace = await workspaceOf({ 'kpis/sources.journey': 'source Envois events "../data/envois cartes.csv"\nsource Bad series "/etc/passwd"' });
        const links = await workspace.services.lsp.DocumentLinkProvider!.getDocumentLinks(workspace.doc('kpis/sources.journey'), { textDocument: { uri: workspace.uri('kpis/sources.journey') } });
        expect(links).toHaveLength(1);
        expect(links[0].target).toBe('file:///ws/data/envois%20cartes.csv');
        expect(workspace.doc('kpis/sources.journey').textDocument.getText(links[0].range)).toBe('../data/envois cartes.csv');
    });

    it('folds journeys, stages, touchpoints and KPIs', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': '/* A long\n   comment */\n' + ADHESION });
        const ranges = await workspace.services.lsp.FoldingRangeProvider!.getFoldingRanges(workspace.doc('adhesion.journey'), { textDocument: { uri: workspace.uri('adhesion.journey') } });
        const starts = ranges.map(r => r.startLine).sort((a, b) => a - b);
        expect(starts).toEqual(expect.arrayContaining([2, 6, 7, 13, 14, 19]));
    });

    it('colours ids by what they name, in declarations and references', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'adhesion.journey': ADHESION });
        const provider = workspace.services.lsp.SemanticTokenProvider!;
        const tokens = await provider.semanticHighlight(workspace.doc('adhesion.journey'), { textDocument: { uri: workspace.uri('adhesion.journey') } });
        const types = Object.fromEntries(Object.entries(provider.tokenTypes).map(([name, index]) => [index, name]));
        const decoded: Array<[string, string]> = [];
        let line = 0, character = 0;
        const text = workspace.text('adhesion.journey').split('\n');
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
            line += deltaLine;
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            decoded.push([text[line].slice(character, character + length), types[type]]);
        }
        expect(decoded).toEqual(expect.arrayContaining([
            ['Adhesion', 'namespace'], ['Souscription', 'class'], ['Devis', 'function'], ['Web', 'enumMember'], ['Assure', 'type'],
            ['LoveTeam', 'struct'], ['CartesJ1', 'variable'], ['EnvoiCarte', 'function'], ['>=', 'operator'], ['95', 'number'], ['%', 'keyword'], ['J+1', 'number']
        ]));
    });

    it('formats a whole document and a range through the LSP formatter', async () => {
        const messy = 'journey J {\nstage S {   touchpoint T via Web\n}\n   kpi K { measures nps target >= 30 }\n}';
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'j.journey': messy });
        const formatter = workspace.services.lsp.Formatter!;
        const options = { tabSize: 2, insertSpaces: true };
        const whole = await formatter.formatDocument(workspace.doc('j.journey'), { textDocument: { uri: workspace.uri('j.journey') }, options });
        expect(applyEdits(messy, whole)).toBe('journey J {\n  stage S {\n    touchpoint T via Web\n  }\n  kpi K {\n    measures nps\n    target >= 30\n  }\n}\n');
        const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } };
        const partial = applyEdits(messy, await formatter.formatDocumentRange(workspace.doc('j.journey'), { textDocument: { uri: workspace.uri('j.journey') }, options, range }));
        expect(partial).toContain('  stage S {\n    touchpoint T via Web');
        expect(partial).toContain('   kpi K { measures nps target >= 30 }'); // outside the range: untouched
    });
});
