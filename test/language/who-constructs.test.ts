/**
 * Research, segments (`for`), roles and outside organisations (`by`, `actors`) and declared tags
 * (`tags … { … }`, `tagged`), end to end (issue 16): model and JSON export, checks in English and
 * French, formatter, hover, completion, the map in HTML and SVG, the diff in CX words, the outline,
 * the Mermaid export's notes. Fixture workspace: test/language/fixtures/who.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { applyDiff, normalizeModel } from '../../src/diff/apply-diff.js';
import { outlineModel } from '../../src/diff/outline.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace, createBatchServices } from '../../src/node/journey-workspace.js';
import { journeyMap } from '../../src/render/journey-map.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { after, workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const FOLDER = join(import.meta.dirname, 'fixtures/who');
const CATALOG = readFileSync(join(FOLDER, 'catalog.journey'), 'utf8');
const PRET = readFileSync(join(FOLDER, 'pret.journey'), 'utf8');

async function build(pret = PRET, catalog = CATALOG, locale: 'en' | 'fr' = 'en') {
    return buildWorkspace([{ path: 'catalog.journey', text: catalog }, { path: 'pret.journey', text: pret }], '/ws', createBatchServices({}, locale));
}

const problems = (workspace: Awaited<ReturnType<typeof build>>) =>
    workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${d.file}:${d.line} ${d.code} ${d.message}`);

describe('research, segments, roles, organisations and tags', () => {
    it('are read into the model, checked clean, and exported as JSON (schemaVersion 2)', async () => {
        const workspace = await build();
        expect(problems(workspace)).toEqual([]);
        const { model } = workspace;
        expect(model.segments.map(s => s.id)).toEqual(['GrandsComptes', 'Particuliers']);
        expect(model.roles).toMatchObject([{ id: 'ConseillerCredit', title: 'Conseiller crédit', description: 'Instruit le dossier en agence' }]);
        expect(model.organisations).toMatchObject([{ id: 'Assureur', title: 'Assureur emprunteur' }]);
        expect(model.tagFamilies.map(f => ({ id: f.id, title: f.title, tags: f.tags }))).toEqual([
            { id: 'Famille', title: "Famille d'interaction", tags: [{ id: 'Acces', title: 'Accès' }, { id: 'Usage', title: 'Usage' }, { id: 'Relation', title: 'Relation' }, { id: 'Partage', title: 'Partage' }] },
            { id: 'Perception', title: 'Perception', tags: [{ id: 'Utile', title: 'Utile' }, { id: 'Facile', title: 'Facile' }, { id: 'Agreable', title: 'Agréable' }] }
        ]);
        const journey = model.journeys[0];
        expect(journey.research).toEqual([
            { text: 'Entretiens avec des emprunteurs', sample: 115, link: 'https://example.org/etude-pret' },
            { text: 'Analyse des réclamations 2026' }
        ]);
        const [demande, offre] = journey.stages;
        expect(demande.tags).toEqual(['Famille.Acces']);
        expect(offre).not.toHaveProperty('tags');
        expect(demande.touchpoints[0].tags).toEqual(['Perception.Utile', 'Perception.Facile']);
        expect(demande.touchpoints[1]).toMatchObject({ owner: 'ConseillerCredit', actors: ['Emprunteur', 'ConseillerCredit'] });
        expect(demande.touchpoints[1]).not.toHaveProperty('segments');
        expect(offre.touchpoints[0]).toMatchObject({ owner: 'Credit', segments: ['GrandsComptes'], tags: ['Famille.Relation'] });
        expect(offre.touchpoints[1]).toMatchObject({ owner: 'Assureur', segments: ['Particuliers', 'Emprunteur'], actors: ['Emprunteur', 'Assureur'] });

        const json = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/journey.js'), 'export', FOLDER], { encoding: 'utf8' }));
        expect(json.schemaVersion).toBe(2);
        expect(json.journeys[0].research[0].sample).toBe(115);
        expect(json.journeys[0].stages[1].touchpoints[0].segments).toEqual(['GrandsComptes']);
        expect(json.tagFamilies[1].tags[2]).toEqual({ id: 'Agreable', title: 'Agréable' });
        expect(json.organisations[0].id).toBe('Assureur');
    });

    it('leave a journey without them as it was: no new field in its JSON', async () => {
        const plain = PRET.replace(/ {2}research .*\n/g, '').replace(/ *(for|tagged) .*\n/g, '');
        const journey = (await build(plain)).model.journeys[0];
        expect(journey).not.toHaveProperty('research');
        for (const stage of journey.stages) {
            expect(stage).not.toHaveProperty('tags');
            for (const touchpoint of stage.touchpoints) expect(Object.keys(touchpoint)).not.toEqual(expect.arrayContaining(['segments']));
        }
    });

    it('report an unknown tag, segment or performer with the closest declared one, in English and in French', async () => {
        const typos = PRET.replace('tagged Famille.Acces', 'tagged Famille.Acess').replace('for GrandsComptes', 'for GrandComptes')
            .replace('by Assureur {', 'by Asureur {').replace('tagged Famille.Relation', 'tagged Humeur.Relation');
        expect((await build(typos)).diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([
            "Unknown tag 'Famille.Acess': did you mean 'Famille.Acces'? Otherwise write a tag of a declared family, as Family.Tag (tags Family { Tag … } in a catalog file).",
            "Unknown persona or segment 'GrandComptes': did you mean 'GrandsComptes'? Otherwise declare it in a catalog file: persona GrandComptes \"…\" or segment GrandComptes \"…\".",
            "Unknown tag 'Humeur.Relation': write a tag of a declared family, as Family.Tag (tags Family { Tag … } in a catalog file).",
            "Unknown team, role or organisation 'Asureur': did you mean 'Assureur'? Otherwise declare it in a catalog file: team Asureur \"…\", role Asureur \"…\" or organisation Asureur \"…\"."
        ]);
        expect((await build(typos, CATALOG, 'fr')).diagnostics.filter(d => d.severity === 'error').map(d => d.message)[0])
            .toBe("Étiquette inconnue « Famille.Acess » : vouliez-vous dire « Famille.Acces » ? Sinon, écrivez une étiquette d'une famille déclarée, sous la forme Famille.Étiquette (tags Famille { Étiquette … } dans un fichier de catalogue).");
    });

    it('check a research link (a web address) and sample (a count of people)', async () => {
        const bad = PRET.replace('link "https://example.org/etude-pret"', 'link "javascript:alert(1)"').replace('sample 115', 'sample 0');
        const workspace = await build(bad);
        expect(workspace.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code} ${d.message}`)).toEqual([
            'invalid-sample The sample of a research counts the people who took part: write a whole number of at least 1, not ‘0’.',
            'invalid-research-link The link ‘javascript:alert(1)’ of this research is not a web address: write it in full, starting with https:// (for example "https://example.org/study").'
        ]);
        expect((await build(bad, CATALOG, 'fr')).diagnostics.filter(d => d.code === 'invalid-research-link')[0].message)
            .toBe("Le lien « javascript:alert(1) » de cette étude n'est pas une adresse web : écrivez-la en entier, en commençant par https:// (par exemple \"https://example.org/etude\").");
    });

    it('are laid out one fact per line by the formatter', () => {
        for (const text of [CATALOG, PRET]) {
            const canonical = text.replace(/^\/\/.*\n/, '');
            const result = formatJourneyText(canonical.replace(/\n\s*/g, ' '));
            expect(result.ok && result.text).toBe(canonical);
        }
    });

    it('are shown in the hover', async () => {
        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'pret.journey': PRET });
        const hover = async (needle: string) => JSON.stringify((await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc('pret.journey'), {
            textDocument: { uri: editor.uri('pret.journey') }, position: editor.at('pret.journey', needle)
        }))?.contents);
        const journey = await hover('Pret "');
        expect(journey).toContain('Entretiens avec des emprunteurs _(115 people)_ <https://example.org/etude-pret>');
        expect(journey).toContain('- Analyse des réclamations 2026');
        const welcome = await hover('AppelBienvenue "');
        expect(welcome).toContain('**Segments:** Grands comptes');
        expect(welcome).toContain('**Tags:** Relation');
        const insurance = await hover('Assurance "');
        expect(insurance).toContain('`Assureur` (Assureur emprunteur, outside organisation)');
        expect(insurance).toContain('**Segments:** Particuliers, Emprunteur');
        expect(await hover('Demande "')).toContain('**Tags:** Accès');
        const tag = await hover('Famille.Acces');
        expect(tag).toContain('**Tag** `Famille.Acces` — Accès');
    });

    it('are offered by completion: the keywords inside a touchpoint, and the declared tags after `tagged`', async () => {
        const text = PRET.replace('      tagged Famille.Relation\n', '      tagged \n');
        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'pret.journey': text });
        const complete = async (needle: string, nth = 1) => (await editor.services.lsp.CompletionProvider!.getCompletion(editor.doc('pret.journey'), {
            textDocument: { uri: editor.uri('pret.journey') }, position: after(editor, 'pret.journey', needle, nth)
        }))?.items.map(item => item.label) ?? [];
        expect(await complete('tagged ', 2)).toEqual(expect.arrayContaining(['Famille.Acces', 'Perception.Agreable']));
        const inside = await complete('emotion +1\n    ');
        expect(inside).toEqual(expect.arrayContaining(['for', 'tagged']));
    });

    it('are drawn on the map: research in the header, segments and tags on the cards, filters over the map, in HTML and SVG', async () => {
        const { model } = await build();
        const payload = previewPayload({ model, results: [], file: 'pret.journey', today: '2026-06-15' });
        const cards = journeyMap(payload, model.journeys[0]).lanes.find(l => l.kind === 'touchpoints');
        expect(cards?.kind === 'touchpoints' && cards.cells.map(c => c?.facts)).toEqual([
            [{ word: 'tags', text: 'Utile, Facile' }], [], [{ word: 'segments', text: 'Grands comptes' }, { word: 'tags', text: 'Relation' }],
            [{ word: 'segments', text: 'Particuliers, Emprunteur' }]
        ]);
        const html = renderPreviewHtml(payload);
        expect(html).toContain('<b>Entretiens avec des emprunteurs</b> <span class="jm-muted">(115 people)</span> <a class="jm-research-link" href="https://example.org/etude-pret" target="_blank" rel="noopener noreferrer">open the study</a>');
        expect(html).toContain('data-for="GrandsComptes"');
        expect(html).toContain('data-tags="Famille.Acces Perception.Utile Perception.Facile"');
        expect(html).toContain('<optgroup label="Segments"><option value="GrandsComptes">Grands comptes</option><option value="Particuliers">Particuliers</option></optgroup>');
        expect(html).toContain('<option value="Perception.Facile">Facile</option>');
        expect(html).toContain('<span class="jm-stage-fact"><span class="jm-tp-fact-word">tags</span> Accès</span>');
        expect(html).toContain('Assureur emprunteur'); // the organisation in the owners lane and the actors
        const svg = await renderMapSvg(payload, { charts: false });
        expect(svg).toContain('Research: Entretiens avec des emprunteurs (115 people) · Analyse des réclamations 2026');
        expect(svg).toContain('>segments Grands comptes</text>');
        expect(svg).toContain('tags Accès');

        const french = renderPreviewHtml({ ...payload, locale: 'fr' });
        expect(french).toContain('Études : <span class="jm-study"><b>Entretiens avec des emprunteurs</b> <span class="jm-muted">(115 personnes)</span>');
        expect(french).toContain('<span class="jm-tp-fact-word">étiquettes</span> Relation');
        expect(french).toContain('Afficher pour <select class="jm-filter" data-filter="audience"><option value="">tous les clients</option>');
    });

    it('escape what the file writes, and link only http(s) addresses', async () => {
        const hostile = PRET.replace('"Entretiens avec des emprunteurs"', '"<img src=x onerror=alert(1)>"').replace('https://example.org/etude-pret', 'https://example.org/?a=1&b="><script>');
        const { model } = await build(hostile);
        const html = renderPreviewHtml(previewPayload({ model, results: [], file: 'pret.journey' }));
        expect(html).not.toContain('<img src=x');
        expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(html).not.toContain('"><script>');
        const notWeb = PRET.replace('https://example.org/etude-pret', 'javascript:alert(1)');
        const shown = renderPreviewHtml(previewPayload({ model: (await build(notWeb)).model, results: [], file: 'pret.journey' }));
        expect(shown).not.toContain('javascript:');
    });

    it('are compared in CX words by the diff, applied back by applyDiff, and written in the outline', async () => {
        const before = (await build()).model;
        const changed = PRET.replace('research "Analyse des réclamations 2026"', 'research "Analyse des réclamations 2026" sample 1200')
            .replace('for GrandsComptes', 'for GrandsComptes, Particuliers')
            .replace('by ConseillerCredit', 'by Assureur')
            .replace('tagged Perception.Utile, Perception.Facile', 'tagged Perception.Utile');
        const now = (await build(changed, CATALOG.replace('  Partage\n', '  Partage\n  Conseil\n').replace('role ConseillerCredit "Conseiller crédit"', 'role ConseillerCredit "Conseiller de clientèle"'))).model;
        const diff = diffModels(before, now);
        expect(diff.changes.map(c => c.message)).toEqual([
            'role "Conseiller de clientèle" retitled from "Conseiller crédit"',
            'tags of tag family "Famille d\'interaction": added Conseil (affects 1 stage and 1 touchpoint)',
            'research of journey "Prêt immobilier": changed "Analyse des réclamations 2026" → "Analyse des réclamations 2026" (1,200 people)',
            'tags of touchpoint "Simulation en ligne": removed Facile',
            'owner of touchpoint "Rendez-vous en agence" changed from Conseiller de clientèle to Assureur emprunteur',
            'segments of touchpoint "Appel de bienvenue": added Particuliers'
        ]);
        expect(normalizeModel(applyDiff(before, diff))).toEqual(normalizeModel(now));
        const removed = diffModels(before, (await build(PRET.replace(/ {2}research .*\n/g, ''))).model);
        expect(normalizeModel(applyDiff(before, removed))).toEqual(normalizeModel((await build(PRET.replace(/ {2}research .*\n/g, ''))).model));
        const outline = outlineModel(before);
        expect(outline).toContain('  research "Entretiens avec des emprunteurs" sample 115 link "https://example.org/etude-pret"\n');
        expect(outline).toContain('    tagged Famille.Acces\n');
        expect(outline).toContain('      for GrandsComptes\n      tagged Famille.Relation\n');
        expect(outline).toContain('tags Perception "Perception"\n  Utile\n  Facile\n  Agreable "Agréable"\n');
        expect(outline).toContain('organisation Assureur "Assureur emprunteur"\n');
    });

    it('are named among what the Mermaid export cannot say; roles and organisations are actors there', async () => {
        const { model } = await build();
        const { text, notes } = journeyToMermaid(model.journeys[0], model);
        expect(text).toContain('Rendez-vous en agence: 4: Emprunteur, Conseiller crédit');
        expect(text).toContain('Adhésion à l#39;assurance: 2: Emprunteur, Assureur emprunteur'.replace('l#39;', "l'"));
        expect(notes.at(-1)?.message).toBe('not written, Mermaid journeys have no place for them: research (1 journey), channels (4 touchpoints), tags (2 touchpoints), owner (3 touchpoints), segments (2 touchpoints), tags (1 stage)');
    });
});
