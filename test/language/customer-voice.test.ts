/**
 * The customer's voice (issue 16): goal, expects, thinks, says on a journey, a stage and a
 * touchpoint; a stage's emotion, pain points, opportunities and moment of truth; emotion words,
 * ranges and emotions under a condition. Read from the fixture files of
 * test/language/fixtures/voice (one per construct) through the model, validation, JSON export,
 * diff, outline, Mermaid export, formatter and hover.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { outlineModel } from '../../src/diff/outline.js';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { formatJourneyText } from '../../src/node/format-text.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { messages } from '../../src/language/i18n/i18n.js';
import { journeyMap } from '../../src/render/journey-map.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { emotionCurveSpec } from '../../src/render/vega-specs.js';
import { portfolio } from '../../src/language/model/portfolio.js';
import { painLine } from '../../src/render/report-html.js';
import { after, workspaceOf as editorWorkspaceOf } from '../lsp/helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/voice');
const ERRORS = join(import.meta.dirname, 'fixtures/voice-errors');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const CATALOG = fixture('catalog.journey');

async function build(files: Record<string, string>) {
    return buildWorkspace([{ path: 'catalog.journey', text: CATALOG }, ...Object.entries(files).map(([path, text]) => ({ path, text }))], '/ws');
}
const serious = (diagnostics: { severity: string }[]) => diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');

describe('the customer\'s voice', () => {
    it('reads every fixture clean (no error, no warning), as journey check does', () => {
        const out = execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/journey.js'), 'check', FIXTURES], { encoding: 'utf8' });
        expect(out).toMatch(/0 errors, 0 warnings/);
    });

    it('puts goal, expectations, thoughts and quotes on the journey, the stage and the touchpoint', async () => {
        const { model, diagnostics } = await build({ 'a.journey': fixture('customer-view.journey') });
        expect(serious(diagnostics)).toEqual([]);
        const journey = model.journeys[0];
        expect(journey).toMatchObject({ goal: 'Buy a flat before the summer', expectations: ['An answer within a week'], quotes: ["I don't want to chase the bank"] });
        expect(journey).not.toHaveProperty('thoughts');
        const stage = journey.stages[0];
        expect(stage).toMatchObject({ goal: 'Know how much I can borrow', thoughts: ['Why does it cost this much?'], quotes: ['The rates change every day', 'I tried three simulators'] });
        expect(stage.touchpoints[0]).toMatchObject({ expectations: ['A rate I can trust'], quotes: ['It asked the same thing twice'] });
    });

    it('gives a stage its emotion, pain points, opportunities and moment of truth; a stage told only by them is not empty', async () => {
        const { model, diagnostics } = await build({ 'a.journey': fixture('stage-felt.journey') });
        expect(diagnostics.map(d => d.code)).not.toContain('empty-stage');
        expect(diagnostics.map(d => d.code)).not.toContain('invalid-scale');
        expect(serious(diagnostics)).toEqual([]);
        const [choc, declaration] = model.journeys[0].stages;
        expect(choc).toMatchObject({
            emotion: -2, emotionWord: 'anxiety', opportunities: ['A night line'], thoughts: ['Am I covered?'],
            painPoints: [{ text: 'Nobody to call at night', severity: 'high' }, { text: 'Forms before help' }]
        });
        expect(choc.painPoints![1]).not.toHaveProperty('severity');
        expect(choc).not.toHaveProperty('momentOfTruth');
        expect(declaration).toMatchObject({ emotion: -1, momentOfTruth: true });
        // A stage saying nothing of the customer, without touchpoints, is still a placeholder.
        const empty = await build({ 'b.journey': 'journey E { stage Vide "Vide" { description "plus tard" } }' });
        expect(empty.diagnostics.map(d => d.code)).toContain('empty-stage');
    });

    it('says the stage moment of truth nobody measures, and not the one a KPI of the stage measures', async () => {
        const measured = await build({ 'a.journey': fixture('stage-felt.journey') });
        expect(measured.diagnostics.map(d => d.code)).not.toContain('unmeasured-moment-of-truth');
        const unmeasured = await build({ 'a.journey': fixture('stage-felt.journey').replace('measures count(Appel)\n    scope stage Declaration', 'measures count') });
        expect(unmeasured.diagnostics.filter(d => d.code === 'unmeasured-moment-of-truth').map(d => d.message)).toEqual([expect.stringContaining("'Declaration'")]);
    });

    it('reads emotion words, ranges (their middle is the curve\'s number) and emotions under a condition', async () => {
        const { model, diagnostics } = await build({ 'a.journey': fixture('emotion-words.journey') });
        expect(serious(diagnostics)).toEqual([]);
        const stage = model.journeys[0].stages[0];
        expect(stage).toMatchObject({ emotion: 1.5, emotionRange: { min: 1, max: 2 }, emotionWord: 'relief' });
        const [envoi, accuse] = stage.touchpoints;
        expect(envoi).toMatchObject({
            emotion: -2, emotionWord: 'frustration',
            emotionsIf: [
                { condition: 'the file is incomplete', emotion: -2, emotionWord: 'anxiety' },
                { condition: 'the file is accepted at once', emotion: 1.5, emotionRange: { min: 1, max: 2 }, emotionWord: 'relief' }
            ]
        });
        expect(envoi).not.toHaveProperty('emotionRange');
        expect(accuse).toMatchObject({ emotion: 0.5, emotionRange: { min: 0, max: 1 } });
        expect(accuse).not.toHaveProperty('emotionWord');
    });

    it('judges both ends of a range against the effective emotion scale', async () => {
        const outside = await build({ 'a.journey': 'journey J {\n  stage S {\n    emotion +1 to +3 "joy"\n  }\n}\n' });
        expect(outside.diagnostics.filter(d => d.code === 'emotion-out-of-scale').map(d => `${d.line}:${d.message}`)).toEqual([expect.stringMatching(/^3:Emotion \+3 is outside the emotion scale \(-2 to \+2\)/)]);
        const declared = await build({ 'a.journey': 'journey J {\n  emotion scale -3 to +3\n  stage S {\n    emotion +1 to +3 "joy"\n  }\n}\n' });
        expect(declared.diagnostics.map(d => d.code)).not.toContain('emotion-out-of-scale');
    });

    it('says where `emotion scale` belongs when a stage writes it, once, and keeps the stage\'s emotion', async () => {
        const { model, diagnostics } = await build({ 'a.journey': readFileSync(join(ERRORS, 'stage-emotion-scale.journey'), 'utf8') });
        expect(diagnostics.filter(d => d.severity === 'error').map(d => `${d.code} ${d.line}`)).toEqual(['misplaced-scale 4']);
        expect(diagnostics[0].message).toContain("move 'emotion scale …' to the journey's lines");
        expect(diagnostics.map(d => d.code)).not.toContain('syntax-error');
        expect(model.journeys[0].emotionScale).toEqual({ min: -2, max: 2 });
        expect(model.journeys[0].stages[0].emotion).toBe(-1);
        expect(messages('fr').t('diag.misplacedScale', { kind: 'stage', name: 'Etape' })).toContain("L'échelle d'émotion vaut pour tout le parcours, pas pour l'étape « Etape »");
    });

    it('says an emotion written in the journey itself belongs to a stage, once, and keeps the stages after it', async () => {
        const { model, diagnostics } = await build({ 'a.journey': 'journey J {\n  emotion -1\n  stage S {\n    emotion -1\n  }\n}\n' });
        expect(diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${d.code} ${d.line}`)).toEqual(['misplaced-emotion 2']);
        expect(model.journeys[0].stages.map(s => [s.id, s.emotion])).toEqual([['S', -1]]);
    });

    it('exports the facts in the JSON (schemaVersion 2), absent when not written', () => {
        const json = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/journey.js'), 'export', FIXTURES], { encoding: 'utf8' }));
        expect(json.schemaVersion).toBe(2);
        const byId = Object.fromEntries(json.journeys.map((j: { id: string }) => [j.id, j]));
        expect(byId.Pret.goal).toBe('Buy a flat before the summer');
        expect(byId.Sinistre.stages[0].painPoints[0]).toEqual({ text: 'Nobody to call at night', severity: 'high' });
        expect(byId.Dossier.stages[0].touchpoints[0].emotionsIf[0]).toEqual({ condition: 'the file is incomplete', emotion: -2, emotionWord: 'anxiety' });
        expect(byId.Sinistre.stages[1].touchpoints[0]).not.toHaveProperty('quotes');
        expect(byId.Sinistre.stages[1].touchpoints[0]).not.toHaveProperty('emotionsIf');
    });

    it('keeps every fixture as the formatter writes it', () => {
        for (const name of readdirSync(FIXTURES)) {
            const text = fixture(name);
            const result = formatJourneyText(text);
            expect(result.ok && result.text, name).toBe(text);
            const messy = formatJourneyText(text.replace(/\/\/[^\n]*\n/g, '').replace(/\n\s*/g, ' '));
            expect(messy.ok && messy.text, `${name} on one line`).toBe(text.replace(/^\/\/[^\n]*\n/, ''));
        }
    });

    it('describes each change in CX words in the diff, and writes the facts in the outline', async () => {
        const before = (await build({ 'a.journey': fixture('emotion-words.journey') })).model;
        const after = (await build({
            'a.journey': fixture('emotion-words.journey')
                .replace('emotion +1 to +2 "relief"\n    touchpoint', 'emotion +1 to +2 "calm"\n    says "Done at last"\n    touchpoint')
                .replace('emotion -2 "frustration"', 'emotion -1 "frustration"')
                .replace('emotion -2 "anxiety" if "the file is incomplete"', 'emotion -1 "anxiety" if "the file is incomplete"')
        })).model;
        expect(diffModels(before, after).changes.map(c => c.message)).toEqual([
            'customer\'s words of stage "Dépôt": added "Done at last"',
            'emotion of stage "Dépôt" changed from between +1 and +2 “relief” to between +1 and +2 “calm”',
            'emotion at touchpoint "Envoi du dossier" improved from -2 “frustration” to -1 “frustration”',
            'emotions under a condition of touchpoint "Envoi du dossier": added -1 “anxiety” if “the file is incomplete”; removed -2 “anxiety” if “the file is incomplete”'
        ]);
        const outline = outlineModel(after);
        expect(outline).toContain('  stage Depot "Dépôt"\n    says "Done at last"\n    emotion +1 to +2 "calm"\n');
        expect(outline).toContain('      emotion -1 "frustration"\n      emotion -1 "anxiety" if "the file is incomplete"\n      emotion +1 to +2 "relief" if "the file is accepted at once"\n');
        const felt = (await build({ 'a.journey': fixture('stage-felt.journey') })).model;
        const withoutPain = (await build({ 'a.journey': fixture('stage-felt.journey').replace('    pain "Forms before help"\n', '').replace('    moment of truth\n', '') })).model;
        expect(diffModels(felt, withoutPain).changes.map(c => c.message)).toEqual([
            expect.stringMatching(/^pain points of stage "Le choc".*removed .*Forms before help/),
            'stage "Déclaration" is no longer a moment of truth'
        ]);
    });

    it('lists in the Mermaid export\'s notes what Mermaid cannot say, and says a range\'s score is its middle', async () => {
        const { model } = await build({ 'a.journey': fixture('emotion-words.journey'), 'b.journey': fixture('customer-view.journey'), 'c.journey': fixture('stage-felt.journey') });
        const notes = (id: string) => journeyToMermaid(model.journeys.find(j => j.id === id)!, model).notes.map(n => n.message).join('\n');
        expect(notes('Dossier')).toContain("emotion 0 to +1: Mermaid has one score and no word, written as 4 (the range's middle, +0.5)");
        expect(notes('Dossier')).toContain('emotion -2 “frustration”: Mermaid has one score and no word, written as 1');
        expect(notes('Dossier')).toContain('emotions under a condition (1 touchpoint)');
        expect(notes('Dossier')).toContain('emotion (1 stage)');
        expect(notes('Pret')).toContain('facts of the journey not written, a Mermaid journey has no place for them: goal, expects, says');
        expect(notes('Pret')).toMatch(/expects \(1 touchpoint\), says \(1 touchpoint\)/);
        for (const stated of ['thinks (1 stage)', 'emotion (2 stages)', 'pain points (1 stage)', 'moment of truth (1 stage)', 'opportunities (1 stage)']) expect(notes('Sinistre')).toContain(stated);
    });

    it('shows the stage\'s and the journey\'s facts in the hover, and offers the new words in completion', async () => {
        const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'a.journey': fixture('emotion-words.journey'), 'b.journey': fixture('customer-view.journey') });
        const hover = async (file: string, at: string) => JSON.stringify((await editor.services.lsp.HoverProvider!.getHoverContent(editor.doc(file), {
            textDocument: { uri: editor.uri(file) }, position: editor.at(file, at)
        }))?.contents);
        expect(await hover('a.journey', 'Depot "')).toContain('**Emotion:** \\\\+1 to \\\\+2 “relief” (scale -2 to +2)');
        expect(await hover('a.journey', 'Envoi "')).toContain('**Emotion:** -2 “anxiety” if “the file is incomplete”');
        expect(await hover('b.journey', 'Simulation "')).toContain('**Thinks:** Why does it cost this much?');
        expect(await hover('b.journey', 'Pret "')).toContain('**Goal:** Buy a flat before the summer');
        // Inside a stage, the new words are offered as the facts they begin.
        const text = fixture('customer-view.journey').replace('    says "I tried three simulators"\n', '    \n');
        const completing = await editorWorkspaceOf({ 'catalog.journey': CATALOG, 'c.journey': text });
        const list = await completing.services.lsp.CompletionProvider!.getCompletion(completing.doc('c.journey'), {
            textDocument: { uri: completing.uri('c.journey') }, position: after(completing, 'c.journey', 'every day"\n    ')
        });
        const detail = (label: string) => list?.items.find(item => item.label === label)?.detail;
        expect([detail('goal'), detail('expects'), detail('thinks'), detail('says'), detail('emotion')]).toEqual(['goal', 'expects', 'thinks', 'says', 'emotion']);
        // After `emotion` in a stage, a number is expected: `scale` (the journey's) is not offered there, but is in the journey.
        const afterEmotion = async (file: string, text: string, at: string) => {
            const editor = await editorWorkspaceOf({ 'catalog.journey': CATALOG, [file]: text });
            return (await editor.services.lsp.CompletionProvider!.getCompletion(editor.doc(file), {
                textDocument: { uri: editor.uri(file) }, position: after(editor, file, at)
            }))?.items.map(item => item.label) ?? [];
        };
        expect(await afterEmotion('d.journey', 'journey J {\n  stage S {\n    emotion \n  }\n}\n', '    emotion ')).not.toContain('scale');
        expect(await afterEmotion('e.journey', 'journey J {\n  emotion \n  stage S\n}\n', '  emotion ')).toContain('scale');
    });

    it('draws the stage\'s and the journey\'s voice on the map, a stage\'s emotion on the curve and a range as a band (HTML, SVG, chart)', async () => {
        const { model } = await build({ 'a.journey': fixture('emotion-words.journey'), 'b.journey': fixture('stage-felt.journey'), 'c.journey': fixture('customer-view.journey') });
        const payloadOf = (file: string) => previewPayload({ model, results: [], file, today: '2026-06-15' });
        const journeyOf = (id: string) => model.journeys.find(j => j.id === id)!;

        // Stages told without touchpoints join the curve; one whose touchpoints have emotions is drawn across it.
        const sinistre = journeyMap(payloadOf('b.journey'), journeyOf('Sinistre'));
        const emotion = sinistre.lanes.find(l => l.kind === 'emotion');
        expect(emotion?.kind === 'emotion' && emotion.points.map(p => [p.title, p.label, p.joined, p.word ?? ''])).toEqual([
            ['Le choc', '-2', true, 'anxiety'], ['Déclaration', '-1', false, ''], ['Appel au conseiller', '+1', true, '']
        ]);
        const voice = sinistre.lanes.find(l => l.kind === 'stage-voice');
        expect(voice?.kind === 'stage-voice' && voice.cells.map(c => [c.items.map(i => `${i.word}: ${i.text}`), c.pains.length, c.momentOfTruth])).toEqual([
            [['thinks: Am I covered?', 'opportunities: A night line'], 2, false], [[], 0, true]
        ]);
        const html = renderPreviewHtml(payloadOf('b.journey'));
        expect(html).toContain('<li class="jm-voice-thoughts"><span class="jm-tp-fact-word">thinks</span> Am I covered?</li>');
        expect(html).toContain('<li class="jm-pain jm-sev-high"><span class="jm-sev">high</span> Nobody to call at night</li><li class="jm-pain jm-sev-none">Forms before help</li>');
        expect(html).toMatch(/class="jm-emo jm-emo-negative jm-emo-of-stage"[^>]*title="Stage “Le choc” as a whole: -2 “anxiety”">-2<span class="jm-emo-word">anxiety<\/span>/);
        expect(html).toContain('class="jm-emo-stage"');
        const svg = await renderMapSvg(payloadOf('b.journey'), { charts: false });
        expect(svg).toMatch(/>THE CUSTOMER<\/text>.*>AT THIS STAGE<\/text>/s);
        expect(svg).toContain('>HIGH · Nobody to call at</text>');
        expect(svg).toContain('>2. ★ Déclaration</text>');

        // A range: the point at its middle, a band between its ends, the label as written; a condition on the card.
        const dossier = journeyMap(payloadOf('a.journey'), journeyOf('Dossier'));
        const points = dossier.lanes.find(l => l.kind === 'emotion');
        const accuse = points?.kind === 'emotion' ? points.points.find(p => p.title === 'Accusé de réception') : undefined;
        expect(accuse).toMatchObject({ value: 0.5, label: '0…+1', y: 0.375, range: { top: 0.25, bottom: 0.5 } });
        const cards = dossier.lanes.find(l => l.kind === 'touchpoints');
        expect(cards?.kind === 'touchpoints' && cards.cells[0]?.facts).toContainEqual({ word: 'emotion', text: '-2 “anxiety” if “the file is incomplete”' });
        const dossierHtml = renderPreviewHtml(payloadOf('a.journey'));
        expect(dossierHtml).toMatch(/<line class="jm-emo-range jm-emo-range-positive" x1="75\.000" x2="75\.000" y1="25\.00" y2="50\.00"\/>/);
        const dossierSvg = await renderMapSvg(payloadOf('a.journey'), { charts: false });
        expect(dossierSvg).toContain('>0…+1</text>');
        expect(dossierSvg).toContain('font-style="italic" fill="#1f2328">relief</text>');
        const chart = emotionCurveSpec(journeyOf('Dossier')) as { datasets: Record<string, { label: string; low: number | null; high: number | null }[]> };
        expect(Object.values(chart.datasets)[0].map(v => [v.label, v.low, v.high])).toEqual([['-2 “frustration”', null, null], ['0 to +1', 0, 1]]);

        // The journey's goal, expectations and quotes under its title.
        const pretHtml = renderPreviewHtml(payloadOf('c.journey'));
        expect(pretHtml).toContain('<li class="jm-voice-quotes"><span class="jm-tp-fact-word">says</span> <q>I don&#39;t want to chase the bank</q></li>');
        const pretSvg = await renderMapSvg(payloadOf('c.journey'), { charts: false });
        expect(pretSvg).toContain('<tspan fill="#656d76" font-style="normal">goal</tspan> Buy a flat before the summer</text>');
    });

    it('counts a stage\'s own emotion, pain points and moment of truth in the portfolio and the committee report', async () => {
        const { model } = await build({ 'b.journey': fixture('stage-felt.journey') });
        const summary = portfolio(model, [], new Date('2026-06-15')).rows.find(row => row.journey.id === 'Sinistre')!.journey;
        // "Le choc" has no touchpoint: its own emotion is its point; "Déclaration" is drawn by its touchpoint's.
        expect(summary.emotions).toEqual([-2, 1]);
        expect(summary.stages.map(s => s.emotion)).toEqual([-2, 1]);
        expect(summary.momentsOfTruth).toBe(1);
        expect(summary.pains.high).toBe(1);
        expect(summary.topPains.map(pain => painLine(pain))).toEqual(['high: Nobody to call at night (Le choc, the stage as a whole)', expect.stringContaining('Forms before help (Le choc, the stage as a whole)')]);
        expect(painLine(summary.topPains[0], 'fr')).toContain("(Le choc, l'étape dans son ensemble)");
    });
});
