import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typingDistance } from '../../src/language/journey-recovery.js';
import { CATALOG, diagnosticsOf, editorDiagnosticsOf, positionOf, workspaceOf } from './helpers.js';

const STAGES = `  state current
  stage S1 "Un" {
    touchpoint A "A" via Web {
      description "Premier"
      emotion -1
    }
    touchpoint B "B" via Web
  }
  stage S2 "Deux" {
    touchpoint C "C" via Courrier
  }`;

function journey(body: string): string {
    return `journey J "Parcours" {\n${body}\n}\n`;
}

const errorsOf = async (text: string) => (await diagnosticsOf(text)).filter(d => d.file === 'test.journey' && d.severity === 'error');

describe('recovery from typos, stray lines and missing braces', () => {
    it("reads the issue's example as written: `touchpoin CreationEspace` is one error, and the journey keeps its 6 stages, 14 touchpoints and 14 KPIs", async () => {
        const folder = 'examples/mutuelle-sante';
        const files = readdirSync(folder).filter(file => file.endsWith('.journey')).map(file => ({ path: file, text: readFileSync(join(folder, file), 'utf8') }));
        const clean = await workspaceOf(Object.fromEntries(files.map(file => [file.path, file.text])));
        const typo = files.map(file => file.path === 'adhesion-actuel.journey' ? { ...file, text: file.text.replace('touchpoint CreationEspace', 'touchpoin CreationEspace') } : file);
        const workspace = await workspaceOf(Object.fromEntries(typo.map(file => [file.path, file.text])));
        const errors = workspace.diagnostics.filter(d => d.severity === 'error');
        const at = positionOf(typo.find(file => file.path === 'adhesion-actuel.journey')!.text, 'touchpoin CreationEspace');
        expect(errors.map(d => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
            `adhesion-actuel.journey:${at.line}:${at.column} Unknown word ‘touchpoin’: did you mean ‘touchpoint’?`
        ]);
        const counts = (model: typeof workspace.model) => model.journeys.filter(j => j.file === 'adhesion-actuel.journey').map(j => ({
            stages: j.stages.length, touchpoints: j.stages.flatMap(s => s.touchpoints).length, kpis: j.kpis.length
        }));
        expect(counts(workspace.model)).toEqual(counts(clean.model));
        expect(counts(clean.model)[0]).toMatchObject({ stages: 6, touchpoints: 14 });
    });

    it('reports a misspelt fact keyword once, with the keyword it resembles, and keeps the fact', async () => {
        const text = journey(STAGES.replace('emotion -1', 'emotoin -1'));
        const errors = await errorsOf(text);
        expect(errors.map(d => [d.line, d.column, d.message])).toEqual([[positionOf(text, 'emotoin').line, positionOf(text, 'emotoin').column, 'Unknown word ‘emotoin’: did you mean ‘emotion’?']]);
        const workspace = await workspaceOf({ 'catalog.journey': '', 'test.journey': text });
        expect(workspace.model.journeys[0].stages[0].touchpoints.map(t => t.id)).toEqual(['A', 'B']);
    });

    it('skips a stray line inside a block, reporting it once where it is', async () => {
        const text = journey(STAGES.replace('      emotion -1', '      blah blah blah\n      emotion -1'));
        const errors = await errorsOf(text);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ ...positionOf(text, 'blah'), code: 'syntax-error' });
        expect(errors[0].message).toContain('‘blah’ is not understood here');
    });

    it('skips a block whose first word is no keyword, and nothing else', async () => {
        const text = journey(STAGES.replace('  stage S2 "Deux" {', '  chapitre X "X" {\n    touchpoint Z "Z" via Web\n  }\n  stage S2 "Deux" {'));
        const errors = await errorsOf(text);
        expect(errors.map(d => d.message)).toEqual(['‘chapitre’ is not a kind of block here: the block is skipped up to its closing brace. Check the first word of the line.']);
        const workspace = await workspaceOf({ 'catalog.journey': '', 'test.journey': text });
        expect(workspace.model.journeys[0].stages.map(s => s.id)).toEqual(['S1', 'S2']);
    });

    it('reports a missing closing brace at the line where the next block starts, and keeps what follows', async () => {
        const text = journey(STAGES.replace('      emotion -1\n    }', '      emotion -1'));
        const errors = await errorsOf(text);
        expect(errors.map(d => [d.line, d.message])).toEqual([[positionOf(text, 'touchpoint B').line, 'A closing brace is missing before ‘touchpoint’: the block above is not closed.']]);
        const workspace = await workspaceOf({ 'catalog.journey': '', 'test.journey': text });
        expect(workspace.model.journeys[0].stages.map(s => s.touchpoints.map(t => t.id))).toEqual([['A', 'B'], ['C']]);
    });

    it('reports `within J-90` once, where it is written, and keeps the KPIs after it', async () => {
        const text = journey(`${STAGES}\n  kpi W { measures share(B within J-90 of A) target >= 90% }\n  kpi N "N" { measures nps target >= 30 }`);
        const errors = await errorsOf(text);
        expect(errors.map(d => [d.line, d.column, d.endColumn])).toEqual([[positionOf(text, 'J-90').line, positionOf(text, 'J-90').column, positionOf(text, 'J-90').column + 4]]);
        expect(errors[0].message).toContain('‘J-90’ is not a day offset');
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'test.journey': text });
        expect(workspace.model.journeys[0].kpis.map(k => k.id)).toEqual(['W', 'N']);
    });

    it('says an unexpected character in plain words, without the parser\'s offsets', async () => {
        const text = journey(STAGES.replace('description "Premier"', 'description @Premier'));
        const errors = await errorsOf(text);
        expect(errors[0].message).toBe('Unexpected character ‘@’: text must be in double quotes ("…").');
        for (const error of errors) expect(error.message).not.toMatch(/->|<-|offset|token|EOF/i);
    });

    it.each([
        ['a misspelt block keyword', (t: string) => t.replace('touchpoint B', 'touchpoin B')],
        ['a misspelt fact keyword', (t: string) => t.replace('description', 'descripton')],
        ['a stray line', (t: string) => t.replace('      emotion -1', '      blah\n      emotion -1')],
        ['a missing brace', (t: string) => t.replace('      emotion -1\n    }', '      emotion -1')],
        ['an unknown block', (t: string) => t.replace('  stage S2', '  etape X { touchpoint Y }\n  stage S2')],
        ['a negative day offset', (t: string) => `${t}\n  kpi W { measures share(B within J-90 of A) target >= 90% }`]
    ])('%s: the editor reports what journey check reports', async (_name, edit) => {
        const text = journey(edit(STAGES));
        const byPosition = (a: { file: string; line: number; column: number; message: string }, b: typeof a) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
        expect(await editorDiagnosticsOf(text)).toEqual([...await diagnosticsOf(text)].sort(byPosition));
    });

    it('counts two swapped letters as one slip', () => {
        expect(typingDistance('onwer', 'owner')).toBe(1);
        expect(typingDistance('onwer', 'lower')).toBe(2);
        expect(typingDistance('touchpoin', 'touchpoint')).toBe(1);
    });
});
