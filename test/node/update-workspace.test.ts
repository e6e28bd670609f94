import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, updateWorkspace, type SourceFile } from '../../src/node/journey-workspace.js';

// updateWorkspace must give the model a fresh build of the same files gives, whatever changed:
// `journey diff` builds its base this way from the head.

const ROOT = '/ws';
const EXAMPLE = 'examples/mutuelle-sante';
const example: SourceFile[] = readdirSync(EXAMPLE).filter(name => name.endsWith('.journey')).sort()
    .map(name => ({ path: name, text: readFileSync(join(EXAMPLE, name), 'utf8') }));

type Edit = (files: SourceFile[]) => SourceFile[];
const inFile = (name: string, change: (text: string) => string): Edit =>
    files => files.map(file => (file.path === name ? { ...file, text: change(file.text) } : file));

/** Edits a pull request makes, each keeping the ids unique. */
const EDITS: Record<string, Edit> = {
    'retitle a touchpoint': inFile('adhesion-actuel.journey', text => text.replace(/(touchpoint \w+ ")([^"]*)/, '$1$2 (révisé)')),
    'tighten a catalog KPI a journey tracks': inFile('catalog.journey', text => text.replace('target >= 30 by 2027-12', 'target >= 35 by 2027-12')),
    'rename a channel in the catalog only': inFile('catalog.journey', text => text.replace('channel Sms ', 'channel Texto ')),
    'rename a channel everywhere': files => files.map(file => ({ ...file, text: file.text.replace(/\bSms\b/g, 'Texto') })),
    'remove the data sources': files => files.filter(file => file.path !== 'sources.journey'),
    'add a journey': files => [...files, {
        path: 'nouveau.journey',
        text: 'journey Nouveau "Nouveau parcours" {\n  state current\n  stage Debut "Début" {\n    touchpoint Appel "Appel" via Sms\n  }\n}\n'
    }],
    'move a file': files => files.map(file => (file.path === 'adhesion-cible.journey' ? { ...file, path: 'cible/adhesion-cible.journey' } : file)),
    'break a reference': inFile('adhesion-cible.journey', text => text.replace('improves AdhesionActuelle', 'improves AdhesionDisparue')),
    'break the syntax of a file': inFile('adhesion-actuel.journey', text => text.replace(/stage (\w+) "/, 'stage $1 {{ "'))
};

async function freshModel(files: SourceFile[]) {
    return (await buildWorkspace(files, ROOT)).model;
}

async function updatedModel(from: SourceFile[], to: SourceFile[]) {
    const workspace = await buildWorkspace(from, ROOT);
    void workspace.model; // built before the update, as journey diff does: its entries get reused
    return (await updateWorkspace(workspace, to)).model;
}

describe('updateWorkspace', () => {
    it.each(Object.keys(EDITS))('gives the model of a fresh build after: %s (both ways)', async name => {
        const edited = EDITS[name](example);
        expect(edited).not.toEqual(example);
        expect(await updatedModel(example, edited)).toEqual(await freshModel(edited));
        expect(await updatedModel(edited, example)).toEqual(await freshModel(example));
    });

    it('gives the model of a fresh build after random combinations of edits', async () => {
        await fc.assert(fc.asyncProperty(
            fc.subarray(Object.keys(EDITS), { minLength: 1 }), fc.subarray(Object.keys(EDITS)),
            async (fromEdits, toEdits) => {
                const from = fromEdits.reduce((files, name) => EDITS[name](files), example);
                const to = toEdits.reduce((files, name) => EDITS[name](files), example);
                expect(await updatedModel(from, to)).toEqual(await freshModel(to));
            }
        ), { numRuns: 25, seed: 20261123 });
    });

    it('reuses the model entries of files it did not parse or link again', async () => {
        const catalog = example.find(file => file.path === 'catalog.journey')!;
        const journey = (id: string, title: string): SourceFile => ({
            path: `${id}.journey`, text: `journey ${id} "${title}" {\n  stage Debut "Début" {\n    touchpoint Appel "Appel" via Sms\n  }\n}\n`
        });
        const files = [catalog, journey('Premier', 'Premier'), journey('Second', 'Second')];
        const workspace = await buildWorkspace(files, ROOT);
        const old = new Map(workspace.model.journeys.map(model => [model.id, model]));
        const edited = [catalog, journey('Premier', 'Premier (révisé)'), journey('Second', 'Second')];
        const now = new Map((await updateWorkspace(workspace, edited)).model.journeys.map(model => [model.id, model]));
        // The edited journey is built again; the other one, in an unchanged file linking to unchanged files only, is the same object.
        expect(now.get('Premier')!.title).toBe('Premier (révisé)');
        expect(now.get('Second')).toBe(old.get('Second'));
    });
});
