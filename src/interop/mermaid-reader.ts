/**
 * Reads a Mermaid `journey` diagram the way Mermaid 11 does, line by line (no code taken from
 * Mermaid; behaviour checked against its grammar and documentation):
 *
 * - preprocessing: CRLF/CR become LF; a YAML front-matter block (`---` … `---`) at the top is
 *   parsed (its `title` is the diagram's title unless a `title` line follows); `%%{…}%%`
 *   directives are dropped (rendering configuration); lines starting with `%%` are comments
 *   (Mermaid's lexer even skips any line starting with a single `%`);
 * - the header `journey` (any case), possibly followed by a statement on the same line;
 * - statements, one per line: `title …`, `accTitle: …`, `accDescr: …`, `accDescr { … }`
 *   (several lines), `section …`, and tasks `name: score: actor, actor`;
 * - `#` starts a comment to the end of the line, `;` is rejected (as Mermaid does), and
 *   entity codes `#59;` / `#amp;` stand for the character (Mermaid decodes them when rendering).
 *
 * Unlike Mermaid, which rejects a whole diagram at its first bad line, this reader reports each
 * malformed line with its line number and keeps the rest.
 */
import { decodeHTMLStrict } from 'entities';
import { load as loadYaml, JSON_SCHEMA } from 'js-yaml';
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Something wrong or lossy in the input, at a 1-based line of the file it was read from. */
export interface ImportProblem {
    line: number;
    severity: ProblemSeverity;
    message: string;
}

export interface MermaidTask {
    /** Trimmed, entity codes decoded. */
    title: string;
    /** 1–5; absent when the score is missing or invalid (reported). */
    score?: number;
    /** Distinct, trimmed, non-empty actor names, in written order. */
    actors: string[];
    line: number;
}

export interface MermaidSection {
    /** Undefined for the tasks written before the first `section` line. */
    title?: string;
    line: number;
    tasks: MermaidTask[];
}

export interface MermaidJourney {
    /** From the `title` line, else from the front matter's `title`. */
    title?: string;
    accTitle?: string;
    accDescr?: string;
    sections: MermaidSection[];
    /** Line of the `journey` header. */
    line: number;
}

export interface ReadResult {
    /** Undefined when the text is not a Mermaid journey at all (see `problems`). */
    journey?: MermaidJourney;
    problems: ImportProblem[];
}

/** Private-use placeholders that stand for entity codes while a line is split. */
const ENTITY_OPEN = '\uE000';
const ENTITY_CLOSE = '\uE001';

export interface ReadOptions {
    /** The language of the problems. */
    locale?: Locale;
    /** The text is a code block of a Markdown file: one that is not a journey is said to be skipped. */
    block?: boolean;
}

/**
 * Parses Mermaid journey text. `firstLine` is the line number of the text's first line in its
 * file (for a code block of a Markdown file), so that problems point at the right line.
 */
export function readMermaidJourney(input: string, firstLine = 1, options: ReadOptions = {}): ReadResult {
    const m = messages(options.locale ?? DEFAULT_LOCALE);
    const block = options.block ? 'yes' : 'no';
    const problems: ImportProblem[] = [];
    const report = (index: number, severity: ProblemSeverity, message: string) =>
        problems.push({ line: firstLine + index, severity, message });

    let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const front = readFrontMatter(text, report, m);
    text = front.text;
    text = blankDirectives(text);
    const lines = text.split('\n');

    let index = 0;
    const isSkippable = (line: string) => line.trim() === '' || /^\s*%%/.test(line);
    while (index < lines.length && isSkippable(lines[index])) index++;
    if (index >= lines.length) {
        report(0, 'error', m.t('mermaid.read.empty', { block }));
        return { problems };
    }
    const header = /^\s*journey(?=\s|$)(.*)$/i.exec(lines[index]);
    if (!header) {
        const word = lines[index].trim().split(/\s+/)[0].slice(0, 40);
        report(index, 'error', m.t('mermaid.read.notJourney', { word, block }));
        return { problems };
    }
    const journey: MermaidJourney = { sections: [], line: firstLine + index };
    if (front.title !== undefined) journey.title = front.title;
    let titleLine: number | undefined;
    let current: MermaidSection | undefined;

    const statement = (raw: string, at: number): void => {
        const line = raw.trim();
        // Mermaid's lexer skips a line starting with '%' (but not '%{'), or whose 2nd and 3rd
        // characters are '%%'.
        if (line === '' || /^(%(?!\{)|[^}]%%)/.test(line)) return;
        let match: RegExpExecArray | null;
        // Accessibility values run to the end of the line, `#` and `;` included.
        if ((match = /^accTitle\s*:\s*(.*)$/i.exec(line))) {
            journey.accTitle = decodeEntities(match[1].trim());
            return;
        }
        if ((match = /^accDescr\s*:\s*(.*)$/i.exec(line))) {
            journey.accDescr = decodeEntities(match[1].trim());
            return;
        }
        const masked = maskEntities(line);
        const hash = masked.indexOf('#');
        const code = (hash >= 0 ? masked.slice(0, hash) : masked).trim();
        if (code === '') return;
        if (code.includes(';')) {
            report(at, 'error', m.t('mermaid.read.semicolon'));
            return;
        }
        if ((match = /^title(?:\s+(.*))?$/i.exec(code))) {
            const title = unmask(match[1] ?? '').trim();
            if (title === '') {
                report(at, 'warning', m.t('mermaid.read.titleEmpty'));
                return;
            }
            if (titleLine !== undefined) {
                report(at, 'warning', m.t('mermaid.read.secondTitle', { line: titleLine }));
            }
            journey.title = title;
            titleLine = firstLine + at;
            return;
        }
        if ((match = /^section(?:\s+(.*))?$/i.exec(code))) {
            const rest = match[1] ?? '';
            if (rest.includes(':')) {
                report(at, 'error', m.t('mermaid.read.sectionColon'));
                return;
            }
            const title = unmask(rest).trim();
            if (title === '') {
                report(at, 'error', m.t('mermaid.read.sectionEmpty'));
                return;
            }
            current = { title, line: firstLine + at, tasks: [] };
            journey.sections.push(current);
            return;
        }
        if (/^journey$/i.test(code)) {
            report(at, 'warning', m.t('mermaid.read.secondHeader'));
            return;
        }
        const colon = code.indexOf(':');
        if (colon < 0) {
            report(at, 'error', m.t('mermaid.read.notStatement'));
            return;
        }
        const title = unmask(code.slice(0, colon)).trim();
        if (title === '') {
            report(at, 'error', m.t('mermaid.read.taskNoName'));
            return;
        }
        const pieces = code.slice(colon + 1).split(':');
        const task: MermaidTask = { title, actors: [], line: firstLine + at };
        const scoreText = unmask(pieces[0]).trim();
        if (scoreText === '') {
            report(at, 'error', m.t('mermaid.read.noScore', { title }));
        } else if (!/^[+-]?\d+(\.0+)?$/.test(scoreText) || Number(scoreText) < 1 || Number(scoreText) > 5) {
            report(at, 'error', m.t('mermaid.read.badScore', { score: scoreText, title }));
        } else {
            task.score = Number(scoreText);
        }
        if (pieces.length > 2) {
            report(at, 'warning', m.t('mermaid.read.afterActors', { title, text: unmask(pieces.slice(2).join(':')).trim() }));
        }
        for (const actor of (pieces[1] ?? '').split(',')) {
            const name = unmask(actor).trim();
            if (name !== '' && !task.actors.includes(name)) task.actors.push(name);
        }
        if (!current) {
            current = { line: firstLine + at, tasks: [] };
            journey.sections.push(current);
        }
        current.tasks.push(task);
    };

    statement(header[1], index);
    // Once an `accDescr {` ran to the end without its '}', no later line holds one: later unclosed
    // blocks are reported without scanning to the end again (which made n of them quadratic).
    let noBraceAfter = Infinity;
    for (index++; index < lines.length; index++) {
        const line = lines[index];
        const block = /^\s*accDescr\s*\{(.*)$/i.exec(line);
        if (block) {
            const start = index;
            const parts: string[] = [];
            let rest = block[1];
            let closed = false;
            while (start <= noBraceAfter) {
                const end = rest.indexOf('}');
                if (end >= 0) {
                    parts.push(rest.slice(0, end));
                    rest = rest.slice(end + 1);
                    closed = true;
                    break;
                }
                if (!/^\s*%%/.test(rest)) parts.push(rest);
                if (index + 1 >= lines.length) break;
                rest = lines[++index];
            }
            if (!closed) {
                noBraceAfter = Math.min(noBraceAfter, start);
                report(start, 'error', m.t('mermaid.read.accDescrOpen'));
                index = start;
                journey.accDescr = decodeEntities(block[1].trim());
                continue;
            }
            journey.accDescr = decodeEntities(parts.join('\n').trim().replace(/\n\s+/g, '\n'));
            statement(rest, index);
            continue;
        }
        statement(line, index);
    }

    for (const section of journey.sections) {
        if (section.tasks.length === 0) {
            problems.push({ line: section.line, severity: 'info', message: m.t('mermaid.read.emptySection', { title: section.title }) });
        }
    }
    journey.sections = journey.sections.filter(section => section.tasks.length > 0);
    if (journey.sections.length === 0) {
        problems.push({ line: journey.line, severity: 'warning', message: m.t('mermaid.read.noTask') });
    }
    problems.sort((a, b) => a.line - b.line);
    return { journey, problems };
}

/** Removes a YAML front-matter block at the top, keeping its lines (as blank lines) for numbering. */
function readFrontMatter(text: string, report: (index: number, severity: ProblemSeverity, message: string) => void, m: Messages): { text: string; title?: string } {
    if (!/^[ \t]*---/.test(text)) return { text };
    const match = /^([ \t]*)---[ \t]*\n([\s\S]*?)\n?^\1---[ \t]*(\n|$)/my.exec(text);
    if (!match) return { text };
    const indent = match[1];
    const body = match[2].split('\n').map(line => line.startsWith(indent) ? line.slice(indent.length) : line).join('\n');
    const lineCount = match[0].split('\n').length - 1;
    const rest = '\n'.repeat(lineCount) + text.slice(match[0].length);
    let data: unknown;
    try {
        data = loadYaml(body, { schema: JSON_SCHEMA });
    } catch (error) {
        const mark = (error as { mark?: { line?: number } }).mark;
        report(1 + (mark?.line ?? 0), 'error', m.t('mermaid.read.badFrontMatter', { reason: (error as { reason?: string }).reason ?? (error as Error).message }));
        return { text: rest };
    }
    const title = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).title : undefined;
    if (title === undefined || title === null || title === '') return { text: rest };
    return { text: rest, title: String(typeof title === 'object' ? JSON.stringify(title) : title).trim() };
}

/** Replaces `%%{ … }%%` directives (possibly over several lines) by blanks, keeping line breaks. */
function blankDirectives(text: string): string {
    if (!text.includes('%%{')) return text;
    const parts: string[] = [];
    let from = 0;
    let closedAfter = 0;
    for (let start = text.indexOf('%%{'); start >= 0; start = text.indexOf('%%{', from)) {
        // One search for the closing '}%%' per directive, and none once there is no closing left.
        let end = closedAfter >= 0 ? text.indexOf('}%%', start + 3) : -1;
        if (end < 0) {
            closedAfter = -1;
            end = text.indexOf('\n', start);
            if (end < 0) end = text.length;
        } else {
            end += 3;
        }
        parts.push(text.slice(from, start), text.slice(start, end).replace(/[^\n]/g, ' '));
        from = end;
    }
    parts.push(text.slice(from));
    return parts.join('');
}

/** Entity codes `#59;`, `#amp;` become placeholders, so that their `#` and `;` are not syntax. */
function maskEntities(text: string): string {
    return text.includes('#') ? text.replace(/#(\w+);/g, (_, name: string) => `${ENTITY_OPEN}${name}${ENTITY_CLOSE}`) : text;
}

const MASKED = new RegExp(`${ENTITY_OPEN}(\\w+)${ENTITY_CLOSE}`, 'g');

function unmask(text: string): string {
    return text.includes(ENTITY_OPEN) ? text.replace(MASKED, (_, name: string) => entity(name)) : text;
}

function decodeEntities(text: string): string {
    return unmask(maskEntities(text));
}

/** The character an entity code stands for (`59` → `;`, `amp` → `&`); unknown codes stay as written. */
function entity(name: string): string {
    if (/^\+?\d+$/.test(name)) {
        const code = Number(name);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : `#${name};`;
    }
    const decoded = decodeHTMLStrict(`&${name};`);
    return decoded === `&${name};` ? `#${name};` : decoded;
}
