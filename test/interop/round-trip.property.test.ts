/**
 * Property tests: for any Mermaid journey (random titles with Mermaid's special characters,
 * Unicode, random layout: indentation, tabs, CRLF, comments, spaces around ':' and ',', trailing
 * commas), Mermaid → journey → Mermaid keeps title, sections, tasks, scores and actors; the
 * journey text checks clean and is formatted; Mermaid's own parser agrees with ours on the input
 * and reads our output back to the same diagram.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { importMermaid } from '../../src/interop/mermaid-import.js';
import { readMermaidJourney, type MermaidJourney } from '../../src/interop/mermaid-reader.js';
import { expectCleanJourney } from './helpers.js';
import { parseWithMermaid, type ParsedByMermaid } from './real-mermaid.js';

interface Diagram {
    title: string;
    /** Tasks before the first section, then sections. */
    loose: Task[];
    sections: Array<{ title: string; tasks: Task[] }>;
}

interface Task {
    title: string;
    score: number;
    actors: string[];
}

/** Characters that matter: Mermaid syntax, journey-string escapes, HTML, accents, emoji. */
const CHARACTERS = [...'abcXYZ019 éÀçœß:;#,%"\\\'<>&{}()-_.!?/|*', 'Ω', '日', '😀', '\t'];

const text = fc.array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 14 })
    .map(chars => chars.join('').trim())
    .filter(value => value !== '');

const task: fc.Arbitrary<Task> = fc.record({
    title: text,
    score: fc.integer({ min: 1, max: 5 }),
    actors: fc.uniqueArray(fc.oneof(fc.constantFrom('Me', 'Cat', 'Élodie'), text), { maxLength: 3 })
});

const diagram: fc.Arbitrary<Diagram> = fc.record({
    title: text,
    loose: fc.array(task, { maxLength: 2 }),
    sections: fc.array(fc.record({ title: text, tasks: fc.array(task, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 4 })
});

interface Layout {
    indent: string;
    newline: string;
    spaceBeforeColon: string;
    spaceAfterColon: string;
    trailingComma: boolean;
    comments: boolean;
    upperKeywords: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
    indent: fc.constantFrom('', '  ', '    ', '\t', ' \t '),
    newline: fc.constantFrom('\n', '\r\n'),
    spaceBeforeColon: fc.constantFrom('', ' ', '\t'),
    spaceAfterColon: fc.constantFrom('', ' ', '  '),
    trailingComma: fc.boolean(),
    comments: fc.boolean(),
    upperKeywords: fc.boolean()
});

/**
 * Mermaid text for a diagram, written independently of the exporter under test: every
 * character that is not a letter, digit or space is an entity code, which Mermaid decodes.
 */
function writeMermaid(d: Diagram, l: Layout): string {
    const code = (s: string) => s.replace(/[^\p{L}\p{N} ]/gu, c => `#${c.codePointAt(0)};`);
    const keyword = (word: string) => (l.upperKeywords ? word.toUpperCase() : word);
    const lines = [keyword('journey')];
    if (l.comments) lines.push('%% a comment', `${l.indent}%%{init: {"theme": "neutral"}}%%`);
    lines.push(`${l.indent}${keyword('title')} ${code(d.title)}`);
    const taskLine = (t: Task) => {
        const actors = t.actors.map(code).join(', ') + (l.trailingComma && t.actors.length ? ',' : '');
        const tail = t.actors.length || l.trailingComma ? `${l.spaceBeforeColon}:${l.spaceAfterColon}${actors}` : '';
        return `${l.indent}${l.indent}${code(t.title)}${l.spaceBeforeColon}:${l.spaceAfterColon}${t.score}${tail}`;
    };
    lines.push(...d.loose.map(taskLine));
    for (const section of d.sections) {
        lines.push(`${l.indent}${keyword('section')} ${code(section.title)}${l.comments ? ' # a comment' : ''}`);
        lines.push(...section.tasks.map(taskLine));
        if (l.comments) lines.push(`${l.indent}%% between tasks`);
    }
    return lines.join(l.newline) + l.newline;
}

/** What must survive the round trip, as plain data. */
function essence(j: MermaidJourney | undefined) {
    return {
        title: j?.title,
        sections: j?.sections.map(s => ({ title: s.title, tasks: s.tasks.map(t => ({ title: t.title, score: t.score, actors: t.actors })) }))
    };
}

function expected(d: Diagram) {
    const sections = d.sections.map(s => ({ title: s.title, tasks: s.tasks }));
    return { title: d.title, sections: d.loose.length ? [{ title: undefined, tasks: d.loose }, ...sections] : sections };
}

/** Mermaid's parse, in the same shape (Mermaid keeps surrounding spaces and empty actors; we trim and drop them). */
function essenceOfMermaid(parsed: ParsedByMermaid) {
    const sections = new Map<number, { title: string | undefined; tasks: Task[] }>();
    for (const t of parsed.tasks) {
        let section = sections.get(t.sectionIndex);
        if (!section) sections.set(t.sectionIndex, section = { title: t.sectionIndex < 0 ? undefined : t.section.trim(), tasks: [] });
        section.tasks.push({ title: t.task.trim(), score: t.score, actors: [...new Set(t.people.filter(p => p !== ''))] });
    }
    return { title: parsed.title?.trim(), sections: [...sections.values()] };
}

describe('Mermaid → journey → Mermaid', () => {
    it('our reader agrees with Mermaid\'s own parser on any journey', async () => {
        await fc.assert(fc.asyncProperty(diagram, layout, async (d, l) => {
            const input = writeMermaid(d, l).replace(/%%\{[^\n]*\}%%/g, '').replace(/^\s*%%[^\n]*$/gm, '');
            const ours = readMermaidJourney(input);
            expect(ours.problems).toEqual([]);
            expect(essence(ours.journey)).toEqual(expected(d));
            expect(essenceOfMermaid(await parseWithMermaid(input))).toEqual(expected(d));
        }), { numRuns: 200 });
    });

    it('keeps title, sections, tasks, scores and actors; the journey checks clean and is formatted', async () => {
        await fc.assert(fc.asyncProperty(diagram, layout, async (d, l) => {
            const imported = importMermaid(writeMermaid(d, l));
            expect(imported.problems).toEqual([]);
            const workspace = await expectCleanJourney(imported.text);
            const { text } = journeyToMermaid(workspace.model.journeys[0], workspace.model);
            const back = readMermaidJourney(text);
            expect(back.problems).toEqual([]);
            expect(essence(back.journey)).toEqual(expected(d));
            expect(essenceOfMermaid(await parseWithMermaid(text))).toEqual(expected(d));
        }), { numRuns: 60 });
    });
});
