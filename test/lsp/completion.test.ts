import { describe, expect, it } from 'vitest';
import { ADHESION, after, CATALOG, workspaceOf } from './helpers.js';

async function labelsAt(files: Record<string, string>, name: string, needle: string, nth = 1): Promise<string[]> {
    const workspace = await workspaceOf(files);
    const list = await workspace.services.lsp.CompletionProvider!.getCompletion(workspace.doc(name), {
        textDocument: { uri: workspace.uri(name) }, position: after(workspace, name, needle, nth)
    });
    return list?.items.map(item => item.label) ?? [];
}

async function detailsAt(files: Record<string, string>, name: string, needle: string): Promise<Map<string, string | undefined>> {
    const workspace = await workspaceOf(files);
    const list = await workspace.services.lsp.CompletionProvider!.getCompletion(workspace.doc(name), {
        textDocument: { uri: workspace.uri(name) }, position: after(workspace, name, needle)
    });
    return new Map(list?.items.map(item => [String(item.label), item.detail]) ?? []);
}

describe('completion', () => {
    it('says which fact a keyword begins, and what a measure or unit word means', async () => {
        const files = { 'catalog.journey': CATALOG, 'a.journey': 'journey J {\n  stage S { touchpoint T via Web {\n    \n  } }\n  kpi K { measures  }\n}' };
        const inTouchpoint = await detailsAt(files, 'a.journey', 'via Web {\n    ');
        expect(inTouchpoint.get('moment')).toBe('moment of truth');
        expect(inTouchpoint.get('pain')).toBe('pain points');
        expect(inTouchpoint.get('description')).toBe('description');
        const inMeasure = await detailsAt(files, 'a.journey', 'measures ');
        expect(inMeasure.get('duration')).toBe('duration(A to B): time between two touchpoints or stages');
        expect(inMeasure.get('nps')).toMatch(/^Net Promoter Score/);
    });

    it('offers the channels of the whole workspace after "via"', async () => {
        const labels = await labelsAt({ 'catalog.journey': CATALOG, 'a.journey': 'journey J { stage S { touchpoint T via  } }' }, 'a.journey', 'via ');
        expect(labels).toEqual(expect.arrayContaining(['Web', 'Courrier']));
        expect(labels).not.toContain('Gestion');
    });

    it('offers teams after "by" and personas after a journey\'s "persona"', async () => {
        const files = { 'catalog.journey': CATALOG, 'a.journey': 'journey J {\n  persona \n  stage S { touchpoint T via Web by  }\n}' };
        expect(await labelsAt(files, 'a.journey', 'by ')).toEqual(expect.arrayContaining(['Gestion', 'LoveTeam']));
        const personas = await labelsAt(files, 'a.journey', 'persona ');
        expect(personas).toContain('Assure');
        expect(personas).not.toContain('Web');
    });

    it('offers the keywords that fit the place: inside a journey, inside a touchpoint', async () => {
        const files = { 'catalog.journey': CATALOG, 'a.journey': 'journey J {\n  \n  stage S { touchpoint T via Web {\n    \n  } }\n}' };
        const inJourney = await labelsAt(files, 'a.journey', 'journey J {\n  ');
        expect(inJourney).toEqual(expect.arrayContaining(['stage', 'kpi', 'persona', 'owner', 'state', 'track']));
        expect(inJourney).not.toContain('touchpoint');
        const inTouchpoint = await labelsAt(files, 'a.journey', 'via Web {\n    ');
        expect(inTouchpoint).toEqual(expect.arrayContaining(['emotion', 'pain', 'moment', 'actors', 'opportunity']));
        expect(inTouchpoint).not.toContain('stage');
    });

    it('offers comparators after "target" and units after a target value', async () => {
        const files = { 'a.journey': 'journey J { kpi K { measures csat target ' };
        const comparators = await labelsAt(files, 'a.journey', 'target ');
        expect(comparators).toEqual(expect.arrayContaining(['>=', '<=', '>', '<']));
        expect(comparators).not.toContain('≥');
        const units = await labelsAt({ 'a.journey': 'journey J { kpi K { measures csat target >= 95 } }' }, 'a.journey', '>= 95');
        expect(units).toEqual(expect.arrayContaining(['%', 'points', 'hours', 'days']));
    });

    it('offers measure kinds, and touchpoints inside share(…) including other journeys\' by qualified name', async () => {
        const files = {
            'catalog.journey': CATALOG,
            'adhesion.journey': ADHESION,
            'b.journey': 'journey B {\n  stage S { touchpoint Local via Web }\n  kpi K { measures share( }\n}'
        };
        expect(await labelsAt(files, 'adhesion.journey', 'measures ')).toEqual(expect.arrayContaining(['nps', 'csat', 'share', 'duration', 'conversion']));
        const touchpoints = await labelsAt(files, 'b.journey', 'share(');
        expect(touchpoints).toContain('Local');
        expect(touchpoints).toContain('Adhesion.Signature');
        expect(touchpoints).not.toContain('B.Local'); // its own journey's members are offered by plain id
    });

    it('offers KPI ids after "track"', async () => {
        const files = { 'adhesion.journey': ADHESION, 'b.journey': 'journey B {\n  track \n}' };
        expect(await labelsAt(files, 'b.journey', 'track ')).toContain('Adhesion.CartesJ1');
    });
});
