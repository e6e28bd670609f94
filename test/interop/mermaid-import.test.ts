import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { IdAllocator, journeyWordKeywords, idWords, journeyString } from '../../src/interop/journey-ids.js';
import { importMermaid, mermaidBlocks } from '../../src/interop/mermaid-import.js';
import { JourneyLanguageGrammar } from '../../src/language/generated/grammar.js';
import { expectCleanJourney } from './helpers.js';

const WORKING_DAY = `journey
    title Moving to a new flat
    section Before the move
      Find boxes: 3: Paul
      Pack the kitchen: 1: Paul, Sophie
    section Moving day
      Load the van: 2: Paul, Movers
      First dinner: 5: Sophie
`;

describe('Mermaid import: mapping to the journey language', () => {
    it('maps title, sections, tasks, scores and actors, and the result checks clean', async () => {
        const result = importMermaid(WORKING_DAY, { source: 'docs/move.mmd' });
        expect(result.problems).toEqual([]);
        expect(result.text).toBe(`// Imported from Mermaid: docs/move.mmd

persona Paul
persona Sophie
persona Movers

journey MovingToANewFlat "Moving to a new flat" {
  stage BeforeTheMove "Before the move" {
    touchpoint FindBoxes "Find boxes" {
      actors Paul
      emotion 0
    }
    touchpoint PackTheKitchen "Pack the kitchen" {
      actors Paul, Sophie
      emotion -2
    }
  }

  stage MovingDay "Moving day" {
    touchpoint LoadTheVan "Load the van" {
      actors Paul, Movers
      emotion -1
    }
    touchpoint FirstDinner "First dinner" {
      actors Sophie
      emotion +2
    }
  }
}
`);
        const workspace = await expectCleanJourney(result.text);
        const [journey] = workspace.model.journeys;
        expect(journey.title).toBe('Moving to a new flat');
        expect(journey.stages.map(s => s.title)).toEqual(['Before the move', 'Moving day']);
        expect(journey.stages[1].touchpoints.map(t => [t.title, t.emotion, t.actors])).toEqual([
            ['Load the van', -1, ['Paul', 'Movers']], ['First dinner', 2, ['Sophie']]
        ]);
        expect(workspace.model.personas.map(p => p.title)).toEqual(['Paul', 'Sophie', 'Movers']);
    });

    it('puts tasks written before the first section into a first stage without title', async () => {
        const result = importMermaid('journey\ntitle T\nWake up: 2: Me\nsection Start\nGo: 4: Me\n');
        const workspace = await expectCleanJourney(result.text);
        const stages = workspace.model.journeys[0].stages;
        expect(stages.map(s => [s.id, s.title, s.touchpoints.map(t => t.title)])).toEqual([
            ['Start', '', ['Wake up']], ['Start2', 'Start', ['Go']]
        ]);
    });

    it('imports a task with a bad score without emotion, and skips malformed lines, still checking clean', async () => {
        const result = importMermaid('journey\nsection S\n  Good: 4: Me\n  Bad: 9: Me\n  garbage line\n');
        expect(result.problems.map(p => [p.line, p.severity])).toEqual([[4, 'error'], [5, 'error']]);
        const workspace = await expectCleanJourney(result.text);
        expect(workspace.model.journeys[0].stages[0].touchpoints.map(t => [t.title, t.emotion])).toEqual([['Good', 1], ['Bad', undefined]]);
    });

    it('maps accDescr to the description and keeps accTitle as a comment', async () => {
        const result = importMermaid('journey\ntitle Visible\naccTitle: For screen readers\naccDescr {\n  Two\n  lines "quoted"\n}\nsection S\n  T: 3\n');
        expect(result.text).toContain('// Mermaid accTitle: For screen readers\n');
        const workspace = await expectCleanJourney(result.text);
        expect(workspace.model.journeys[0].description).toBe('Two\nlines "quoted"');
    });

    it('names a journey without title after the file, or after accTitle', async () => {
        const byFile = await expectCleanJourney(importMermaid('journey\nsection S\n  T: 3\n', { source: 'docs/onboarding-flow.mmd' }).text);
        expect(byFile.model.journeys[0].id).toBe('OnboardingFlow');
        const byAcc = await expectCleanJourney(importMermaid('journey\naccTitle: Accessible name\nsection S\n  T: 3\n').text);
        expect(byAcc.model.journeys[0]).toMatchObject({ id: 'AccessibleName', title: 'Accessible name' });
        const bare = await expectCleanJourney(importMermaid('journey\nsection S\n  T: 3\n').text);
        expect(bare.model.journeys[0].id).toBe('Journey');
    });

    it('escapes quotes, backslashes, tabs and keeps HTML and Unicode titles verbatim', async () => {
        const title = '<script>alert("x")</script> C:\\temp\\ "quoted"\tand tab';
        const task = title.replace(':', '#58;');
        const result = importMermaid(`journey\ntitle ${title}\nsection Réception « carte »\n  ${task}: 5: Élodie "E", Zoë\\\n`);
        expect(result.problems).toEqual([]);
        const workspace = await expectCleanJourney(result.text);
        const [journey] = workspace.model.journeys;
        expect(journey.title).toBe(title);
        expect(journey.stages[0]).toMatchObject({ id: 'ReceptionCarte', title: 'Réception « carte »' });
        expect(journey.stages[0].touchpoints[0].title).toBe(title);
        expect(workspace.model.personas.map(p => [p.id, p.title])).toEqual([['ElodieE', 'Élodie "E"'], ['Zoe', 'Zoë\\']]);
    });

    it('derives readable, unique ids that are never keywords, for any title', async () => {
        const result = importMermaid(`journey
title stage
section stage
  stage: 3: persona, Persona, touchpoint
  Stage: 3: journey
  123 go: 3: 42
  😀: 3: 😀, 日本
  emotion: 3: to
  A very long task title that goes on and on and on and on and on: 3
  A very long task title that goes on and on and on and on and on!: 3
section 2nd stage
  x: 1
section  Stage 
  y: 2
`);
        expect(result.problems).toEqual([]);
        const workspace = await expectCleanJourney(result.text);
        const [journey] = workspace.model.journeys;
        expect(journey.id).toBe('Stage');
        expect(journey.stages.map(s => s.id)).toEqual(['Stage', 'Stage2ndStage', 'Stage4']);
        expect(journey.stages[0].touchpoints.map(t => t.id)).toEqual([
            'Stage2', 'Stage3', 'Touchpoint123Go', 'Touchpoint', 'Emotion', 'AVeryLongTaskTitleThatGoesOnAndOnAndOn', 'AVeryLongTaskTitleThatGoesOnAndOnAndOn2'
        ]);
        expect(workspace.model.personas.map(p => [p.id, p.title])).toEqual([
            ['Persona', 'persona'], ['Persona2', 'Persona'], ['Touchpoint', 'touchpoint'], ['Journey', 'journey'], ['Persona42', '42'],
            ['Persona3', '😀'], ['Persona4', '日本'], ['To', 'to']
        ]);
    });

    it('never produces a keyword, even from a lowercase-looking fold', () => {
        const allocator = new IdAllocator();
        expect(idWords('ünit')).toBe('Unit');
        expect(idWords('Straße Œuvre Łódź')).toBe('StrasseOEuvreLodz');
        allocator.reserve('Taken');
        expect(allocator.allocate('taken', 'X')).toBe('Taken2');
        expect(allocator.allocate('Room 1', 'X')).toBe('Room1');
        expect(allocator.allocate('room-1', 'X')).toBe('Room1_2');
        for (const keyword of journeyWordKeywords()) expect(/^[A-Z]/.test(allocator.allocate(keyword, 'X'))).toBe(true);
    });

    it('knows every word keyword of the grammar', () => {
        const words = new Set<string>();
        for (const rule of JourneyLanguageGrammar().rules) {
            for (const keyword of AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword)) {
                if (/^[A-Za-z_]\w*$/.test(keyword.value)) words.add(keyword.value);
            }
        }
        expect([...journeyWordKeywords()].sort()).toEqual([...words].sort());
        expect(journeyWordKeywords()).toContain('touchpoint');
    });

    it('never hands out an id the grammar reads as a keyword, whatever its case', () => {
        // A title folding to a lowercase keyword (a fallback or reserved base) gets a number instead.
        const allocator = new IdAllocator();
        expect(allocator.allocate('', 'days')).toBe('days2');
        expect(allocator.allocate('!!', 'p90')).toBe('p90_2');
    });

    it('writes journey strings the language reads back exactly', async () => {
        expect(journeyString('a"b\\c\nd\re\tf')).toBe('"a\\"b\\\\c\\nd\\re\\tf"');
        expect(journeyString('\0\b\f\v')).toBe('"\\0\\b\\f\\v"');
        const text = 'x\\"y\n\r\t\\n \u0000\u0001\b\v\f end\\';
        const workspace = await expectCleanJourney(`journey J ${journeyString(text)} {\n  stage S {\n    touchpoint T\n  }\n}\n`);
        expect(workspace.model.journeys[0].title).toBe(text);
    });
});

describe('Mermaid import: Markdown files', () => {
    const PAGE = `# Our journeys

Some text.

\`\`\`mermaid
journey
  title First
  section S
    A: 5: Me
\`\`\`

A flowchart is not a journey:

\`\`\`mermaid
flowchart LR
  A --> B
\`\`\`

- In a list:

  ~~~mermaid
  journey
    title Second
    section S
      B: 1: Me, You
      broken
  ~~~

\`\`\`js
journey
  title Not mermaid
\`\`\`
`;

    it('finds the mermaid code blocks with the line of their content', () => {
        const blocks = mermaidBlocks(PAGE);
        expect(blocks.map(b => [b.line, b.text.split('\n')[0]])).toEqual([[6, 'journey'], [15, 'flowchart LR'], [22, 'journey']]);
    });

    it('imports every journey block into one file, personas declared once, lines of the Markdown file', async () => {
        const result = importMermaid(PAGE, { kind: 'markdown', source: 'docs/journeys.md' });
        expect(result.journeys.map(j => j.title)).toEqual(['First', 'Second']);
        expect(result.problems.map(p => [p.line, p.severity])).toEqual([[15, 'info'], [26, 'error']]);
        expect(result.problems[0].message).toContain("starts with 'flowchart'");
        const workspace = await expectCleanJourney(result.text);
        expect(workspace.model.journeys.map(j => j.id)).toEqual(['First', 'Second']);
        expect(workspace.model.personas.map(p => p.id)).toEqual(['Me', 'You']);
        expect(result.text.match(/^persona Me$/gm)).toHaveLength(1);
    });

    it('detects Markdown by content when asked to guess', () => {
        expect(importMermaid(PAGE, { kind: 'auto' }).journeys).toHaveLength(2);
        expect(importMermaid(WORKING_DAY, { kind: 'auto' }).journeys).toHaveLength(1);
    });

    it('says so when a Markdown file has no journey', () => {
        expect(importMermaid('# Nothing\n', { kind: 'markdown' }).problems[0].message).toContain('No ```mermaid code block');
        const onlyFlow = importMermaid('```mermaid\ngraph TD\n```\n', { kind: 'markdown' });
        expect(onlyFlow.text).toBe('');
        expect(onlyFlow.problems.map(p => p.message).join('\n')).toContain('None of the 1 mermaid code block');
    });

    it('two journeys with the same title get distinct ids', async () => {
        const block = '```mermaid\njourney\ntitle Same\nsection S\n  T: 3: Me\n```\n';
        const workspace = await expectCleanJourney(importMermaid(block + block, { kind: 'markdown' }).text);
        expect(workspace.model.journeys.map(j => j.id)).toEqual(['Same', 'Same2']);
    });
});

describe('Mermaid import: size', () => {
    it('imports a 100,000-character task title and a 10,000-actor line into a journey that checks clean', async () => {
        const title = 'Très long '.repeat(10_000).trim();
        const actors = Array.from({ length: 10_000 }, (_, i) => `Acteur ${i}`).join(', ');
        const result = importMermaid(`journey\nsection S\n  ${title}: 4: ${actors}\n`);
        expect(result.problems).toEqual([]);
        const workspace = await expectCleanJourney(result.text);
        expect(workspace.model.journeys[0].stages[0].touchpoints[0].title).toBe(title);
        expect(workspace.model.personas).toHaveLength(10_000);
    }, 300_000);

    it('warns when the journey text is too long for the journey tools to analyse', () => {
        const tasks = Array.from({ length: 2000 }, (_, i) => `  ${'Long title '.repeat(45)}${i}: 3: Me`);
        const result = importMermaid(['journey', 'section S', ...tasks].join('\n'));
        expect(result.text.length).toBeGreaterThan(1_000_000);
        expect(result.problems).toEqual([expect.objectContaining({ line: 1, severity: 'warning', message: expect.stringMatching(/has 1\.\d million characters/) })]);
        expect(importMermaid(['journey', 'section S', ...tasks.slice(0, 100)].join('\n')).problems).toEqual([]);
    });


    // A few seconds on a loaded 2-core machine; the long timeout only spares a busy CI run. It is
    // no speed check: the language's speed on a 10,000-touchpoint journey is bench/language.bench.mjs's.
    it('imports 10,000 tasks into a journey that checks clean', { timeout: 300_000 }, async () => {
        const lines = ['journey', 'title Big'];
        for (let s = 0; s < 100; s++) {
            lines.push(`section Étape ${s}`);
            for (let t = 0; t < 100; t++) lines.push(`  Tâche ${s}.${t}: ${1 + ((s + t) % 5)}: Acteur ${t % 7}`);
        }
        const result = importMermaid(lines.join('\n'));
        expect(result.problems).toEqual([]);
        const workspace = await expectCleanJourney(result.text);
        const touchpoints = workspace.model.journeys[0].stages.flatMap(s => s.touchpoints);
        expect(touchpoints).toHaveLength(10_000);
        expect(new Set(touchpoints.map(t => t.id)).size).toBe(10_000);
        expect(touchpoints[10_000 - 1]).toMatchObject({ title: 'Tâche 99.99', emotion: 1, actors: ['Acteur1'] });
    });
});
