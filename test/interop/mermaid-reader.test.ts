import { describe, expect, it } from 'vitest';
import { readMermaidJourney, type MermaidJourney } from '../../src/interop/mermaid-reader.js';

/** Reads and expects a journey; returns it with the problems. */
function read(text: string, firstLine = 1) {
    const result = readMermaidJourney(text, firstLine);
    expect(result.journey, JSON.stringify(result.problems)).toBeDefined();
    return { journey: result.journey as MermaidJourney, problems: result.problems };
}

/** Sections as `[title, [task, score, actors…]…]` for compact expectations. */
function outline(journey: MermaidJourney) {
    return journey.sections.map(s => [s.title, s.tasks.map(t => [t.title, t.score, ...t.actors])]);
}

describe('Mermaid journey reader: the documented syntax', () => {
    it('reads a diagram shaped like the documentation example (title, sections, tasks with actors)', () => {
        const { journey, problems } = read(`journey
    title Saturday at the market
    section Getting there
      Pack the bags: 4: Ana
      Catch the tram: 2: Ana, Luis
    section Shopping
      Taste cheese: 5: Luis
      Pay at the stall: 3: Ana
`);
        expect(problems).toEqual([]);
        expect(journey.title).toBe('Saturday at the market');
        expect(outline(journey)).toEqual([
            ['Getting there', [['Pack the bags', 4, 'Ana'], ['Catch the tram', 2, 'Ana', 'Luis']]],
            ['Shopping', [['Taste cheese', 5, 'Luis'], ['Pay at the stall', 3, 'Ana']]]
        ]);
        expect(journey.sections[1].tasks[0].line).toBe(7);
        expect(journey.sections[0].line).toBe(3);
    });

    it('takes the keywords in any case, as Mermaid\'s lexer does', () => {
        const { journey, problems } = read('JOURNEY\nTitle Upper\nSECTION One\n  Task: 3: Me\naccTITLE: x\n');
        expect(problems).toEqual([]);
        expect(journey.title).toBe('Upper');
        expect(journey.accTitle).toBe('x');
        expect(outline(journey)).toEqual([['One', [['Task', 3, 'Me']]]]);
    });

    it('accepts a task without actors, an empty actor list and trailing commas', () => {
        const { journey, problems } = read('journey\nsection S\n  A: 5\n  B: 4:\n  C: 3: Me,\n  D: 2: , Me, ,Cat ,\n  E:1:Me,Me\n');
        expect(problems).toEqual([]);
        expect(outline(journey)).toEqual([['S', [['A', 5], ['B', 4], ['C', 3, 'Me'], ['D', 2, 'Me', 'Cat'], ['E', 1, 'Me']]]]);
    });

    it('keeps tasks written before the first section in a section without title', () => {
        const { journey } = read('journey\n  title T\n  Wake up: 2: Me\n  section Later\n  Sleep: 5: Me\n');
        expect(outline(journey)).toEqual([[undefined, [['Wake up', 2, 'Me']]], ['Later', [['Sleep', 5, 'Me']]]]);
    });

    it('reads accTitle and accDescr, one-line and block', () => {
        const one = read('journey\naccTitle: Accessible title; with # signs\naccDescr: One line: kept whole\nsection S\n  T: 3: Me\n');
        expect(one.journey.accTitle).toBe('Accessible title; with # signs');
        expect(one.journey.accDescr).toBe('One line: kept whole');
        const block = read('journey\n  accDescr {\n    First line\n      second line\n  }\n  title After the block\n  section S\n    T: 3: Me\n');
        expect(block.problems).toEqual([]);
        expect(block.journey.accDescr).toBe('First line\nsecond line');
        expect(block.journey.title).toBe('After the block');
        const inline = read('journey\naccDescr { all on one line }\nsection S\n  T: 3\n');
        expect(inline.journey.accDescr).toBe('all on one line');
    });

    it('skips %% comments, # comments and %%{init}%% directives, on one line or several', () => {
        const { journey, problems } = read(`%%{init: {"theme": "forest"}}%%
%% a comment before the header
journey
  %% a comment line
  %%{
    init: { "journey": { "diagramMarginX": 10 } }
  }%%
  title Commented # not part of the title
  section S # nor of the section
    T: 4: Me # nor of the actors
    # a whole comment line
`);
        expect(problems).toEqual([]);
        expect(journey.title).toBe('Commented');
        expect(outline(journey)).toEqual([['S', [['T', 4, 'Me']]]]);
        expect(journey.line).toBe(3);
    });

    it('reads YAML front matter: its title is used unless a title line follows', () => {
        const front = read('---\ntitle: From the front matter\nconfig:\n  theme: dark\n---\njourney\nsection S\n  T: 3: Me\n');
        expect(front.problems).toEqual([]);
        expect(front.journey.title).toBe('From the front matter');
        expect(front.journey.sections[0].tasks[0].line).toBe(8);
        const both = read('---\ntitle: Front\n---\njourney\ntitle Body wins\nsection S\n  T: 3\n');
        expect(both.journey.title).toBe('Body wins');
    });

    it('decodes Mermaid entity codes, which let titles hold : ; # and ,', () => {
        const { journey, problems } = read('journey\ntitle Q#38;A #35;1\nsection Step #58; one\n  Pay #59; sign: 4: Smith#44; J., Ana #amp; co\n  Keep #unknownentity; as written: 3\n');
        expect(problems).toEqual([]);
        expect(journey.title).toBe('Q&A #1');
        expect(outline(journey)).toEqual([['Step : one', [['Pay ; sign', 4, 'Smith, J.', 'Ana & co'], ['Keep #unknownentity; as written', 3]]]]);
    });

    it('skips lines Mermaid\'s lexer takes as comments: a leading %, or %% in 2nd position', () => {
        const { journey, problems } = read('journey\nsection S\n  % single: 3: Me\n  a%% b: 3: Me\n  %{odd: 2\n  ab%%c: 4\n');
        expect(problems).toEqual([]);
        expect(outline(journey)).toEqual([['S', [['%{odd', 2], ['ab%%c', 4]]]]);
    });

    it('keeps the header and a statement on the same line, as Mermaid does', () => {
        const { journey } = read('journey title Same line\nsection S\n  T: 3\n');
        expect(journey.title).toBe('Same line');
    });
});

describe('Mermaid journey reader: bad input is reported by line, the rest imported', () => {
    it('reports scores outside 1–5, missing or not whole, and keeps the task without score', () => {
        const { journey, problems } = read('journey\nsection S\n  A: 0: Me\n  B: 6: Me\n  C: two: Me\n  D: 2.5\n  E: : Me\n  F: 5.0: Me\n  G: -1\n');
        expect(outline(journey)).toEqual([['S', [['A', undefined, 'Me'], ['B', undefined, 'Me'], ['C', undefined, 'Me'], ['D', undefined], ['E', undefined, 'Me'], ['F', 5, 'Me'], ['G', undefined]]]]);
        expect(problems.map(p => [p.line, p.severity])).toEqual([[3, 'error'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'error'], [9, 'error']]);
        expect(problems[1].message).toContain("'6'");
        expect(problems[1].message).toContain('1 to 5');
    });

    it('reports malformed lines and skips only them', () => {
        const { journey, problems } = read('journey\nsection S\n  no colon here\n  : 3: nameless\n  Good: 3: Me\n  Semi; colon: 3: Me\n  section Bad: title\n  Also good: 4\n');
        expect(outline(journey)).toEqual([['S', [['Good', 3, 'Me'], ['Also good', 4]]]]);
        expect(problems.map(p => p.line)).toEqual([3, 4, 6, 7]);
        expect(problems.every(p => p.severity === 'error')).toBe(true);
        expect(problems[2].message).toContain('#59;');
    });

    it('warns about extra fields, a second title and empty sections', () => {
        const { journey, problems } = read('journey\ntitle One\ntitle Two\nsection Empty\nsection Full\n  T: 3: Me: extra\n');
        expect(journey.title).toBe('Two');
        expect(outline(journey)).toEqual([['Full', [['T', 3, 'Me']]]]);
        expect(problems.map(p => [p.line, p.severity])).toEqual([[3, 'warning'], [4, 'info'], [6, 'warning']]);
    });

    it('says what is wrong with text that is not a journey', () => {
        expect(readMermaidJourney('flowchart LR\n  A --> B\n').problems[0].message).toContain("starts with 'flowchart'");
        expect(readMermaidJourney('').problems[0].message).toContain('empty');
        expect(readMermaidJourney('%% only a comment\n\n').journey).toBeUndefined();
        expect(readMermaidJourney('journeys\nsection S\n').journey).toBeUndefined();
    });

    it('reports invalid YAML front matter and still reads the diagram', () => {
        const { journey, problems } = read('---\ntitle: [unclosed\n---\njourney\nsection S\n  T: 3\n');
        expect(journey.sections).toHaveLength(1);
        expect(problems[0].severity).toBe('error');
        expect(problems[0].message).toContain('front matter');
    });

    it('reports an accDescr block that is never closed and keeps reading', () => {
        const { journey, problems } = read('journey\naccDescr { starts here\nsection S\n  T: 3: Me\n');
        expect(problems.map(p => p.line)).toEqual([2]);
        expect(journey.accDescr).toBe('starts here');
        expect(outline(journey)).toEqual([['S', [['T', 3, 'Me']]]]);
    });

    it('gives line numbers relative to the enclosing file', () => {
        const { problems } = read('journey\nsection S\n  broken\n', 41);
        expect(problems.map(p => [p.line, p.severity])).toEqual([[41, 'warning'], [42, 'info'], [43, 'error']]);
    });
});

describe('Mermaid journey reader: odd and hostile input', () => {
    it('handles CRLF, lone CR, tabs, a BOM and trailing spaces', () => {
        const { journey, problems } = read('\uFEFFjourney\r\n\ttitle\tTabbed  \r\n\tsection\tS1 \r\t\tT\t: 4 :\tMe\t,\tCat \r\n');
        expect(problems).toEqual([]);
        expect(journey.title).toBe('Tabbed');
        expect(outline(journey)).toEqual([['S1', [['T', 4, 'Me', 'Cat']]]]);
        expect(journey.sections[0].tasks[0].line).toBe(4);
    });

    it('keeps Unicode, quotes, backslashes and HTML verbatim', () => {
        const { journey } = read('journey\ntitle Réception « carte » 🎉\nsection 顧客の旅\n  <script>alert("x")</script> \\ path\\to: 5: Élodie, Zoë 👩‍💻\n');
        expect(journey.title).toBe('Réception « carte » 🎉');
        expect(outline(journey)).toEqual([['顧客の旅', [['<script>alert("x")</script> \\ path\\to', 5, 'Élodie', 'Zoë 👩‍💻']]]]);
    });

    it('reads very long lines', () => {
        const name = 'x'.repeat(200_000);
        const { journey } = read(`journey\nsection S\n  ${name}: 3: ${'a'.repeat(50_000)}\n`);
        expect(journey.sections[0].tasks[0].title).toHaveLength(200_000);
        expect(journey.sections[0].tasks[0].actors[0]).toHaveLength(50_000);
    });

    it('reads 10,000 tasks', () => {
        const lines = ['journey', 'title Big'];
        for (let s = 0; s < 100; s++) {
            lines.push(`section Section ${s}`);
            for (let t = 0; t < 100; t++) lines.push(`  Task ${s}.${t}: ${1 + ((s + t) % 5)}: Actor ${t % 7}`);
        }
        const { journey, problems } = read(lines.join('\n'));
        expect(problems).toEqual([]);
        expect(journey.sections.flatMap(s => s.tasks)).toHaveLength(10_000);
        expect(journey.sections[99].tasks[99]).toMatchObject({ title: 'Task 99.99', score: 4, actors: ['Actor 1'], line: 10_102 });
    });

    // How long such input takes is measured by `node bench/mermaid.bench.mjs` (reading time at n
    // and 8n: a quadratic reader shows ~64×), not here: a test bounded by its timeout cannot tell.
    it('reads past 20,000 unclosed directives and an unclosed front matter of 20,000 lines', () => {
        const directives = read(`journey\nsection S\n${'  %%{ never closed\n'.repeat(20_000)}  T: 3: Me\n`);
        expect(directives.journey.sections[0].tasks[0].line).toBe(20_003);
        const front = readMermaidJourney(`---\n${'---x\n'.repeat(20_000)}journey\n`);
        expect(front.journey).toBeUndefined();
        const closedLater = read('journey\n%%{init:\n  {}\n}%%\nsection S\n  %%{a}%% T: 3\n');
        expect(closedLater.journey.sections[0].tasks[0]).toMatchObject({ title: 'T', line: 6 });
    });

    it('reads 20,000 entity codes, 50,000 commas and an unclosed directive of 10,000 %', () => {
        const { journey } = read(`journey\nsection S\n  ${'#59;'.repeat(20_000)}: 3: ${','.repeat(50_000)}\n%%{${'%'.repeat(10_000)}\n`);
        expect(journey.sections[0].tasks[0].title).toBe(';'.repeat(20_000));
        expect(journey.sections[0].tasks[0].actors).toEqual([]);
    });

    it('reports each of 20,000 unclosed accDescr blocks and keeps reading', () => {
        const { journey, problems } = read(`journey\nsection S\n${'  accDescr { open\n'.repeat(20_000)}  T: 3: Me\n`);
        expect(problems).toHaveLength(20_000);
        expect(problems.every(p => p.message.includes("'accDescr {' has no closing '}'"))).toBe(true);
        expect(problems.map(p => p.line).slice(0, 2)).toEqual([3, 4]);
        expect(journey.accDescr).toBe('open');
        expect(outline(journey)).toEqual([['S', [['T', 3, 'Me']]]]);
    });
});
