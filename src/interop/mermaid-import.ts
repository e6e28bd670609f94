/**
 * `journey import mermaid`: a `.mmd` file, or every ```mermaid code block of a Markdown file
 * that holds a journey, turned into one journey file (one journey per diagram; personas shared
 * and declared once). Pure: no file system, so the CLI and the VS Code command share it.
 */
import MarkdownIt from 'markdown-it';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { MAX_ANALYSED_CHARACTERS } from '../language/journey-input-guard.js';
import { journeyTextFromMermaid } from './mermaid-to-journey.js';
import { readMermaidJourney, type ImportProblem, type MermaidJourney } from './mermaid-reader.js';

export type { ImportProblem } from './mermaid-reader.js';

export interface MermaidBlock {
    text: string;
    /** 1-based line, in the Markdown file, of the block's first line of content. */
    line: number;
}

export interface ImportResult {
    /** Journey-language text (formatted); empty when nothing could be imported. */
    text: string;
    journeys: MermaidJourney[];
    /** Sorted by line; lines are those of the input file. */
    problems: ImportProblem[];
}

export interface ImportOptions {
    /** `markdown` reads ```mermaid blocks; `auto` decides from the text. */
    kind?: 'mermaid' | 'markdown' | 'auto';
    /** The input's name for the header comment and for the id of a journey without title. */
    source?: string;
    reservedIds?: string[];
    /** Personas or teams already declared, by actor name → id (see `journeyTextFromMermaid`). */
    knownActors?: ReadonlyMap<string, string>;
    /** The language of the problems and of the comments written in the journey text. */
    locale?: Locale;
}

let markdown: MarkdownIt | undefined;

/** The fenced code blocks whose language is `mermaid`, in order. */
export function mermaidBlocks(text: string): MermaidBlock[] {
    markdown ??= new MarkdownIt('commonmark');
    const blocks: MermaidBlock[] = [];
    for (const token of markdown.parse(text, {})) {
        if (token.type !== 'fence' || !token.map) continue;
        const language = token.info.trim().split(/\s+/)[0].toLowerCase();
        if (language === 'mermaid') blocks.push({ text: token.content, line: token.map[0] + 2 });
    }
    return blocks;
}

/** Whether text looks like Markdown holding Mermaid blocks rather than a bare diagram. */
export function looksLikeMarkdown(text: string): boolean {
    return /^[ \t>]*(```|~~~)[ \t]*mermaid\b/im.test(text);
}

export function importMermaid(input: string, options: ImportOptions = {}): ImportResult {
    const kind = options.kind === 'auto' || options.kind === undefined ? (looksLikeMarkdown(input) ? 'markdown' : 'mermaid') : options.kind;
    const locale = options.locale ?? DEFAULT_LOCALE;
    const m = messages(locale);
    const problems: ImportProblem[] = [];
    const journeys: MermaidJourney[] = [];
    if (kind === 'markdown') {
        const blocks = mermaidBlocks(input);
        if (blocks.length === 0) {
            problems.push({ line: 1, severity: 'error', message: m.t('mermaid.import.noBlock') });
        }
        let others = 0;
        for (const block of blocks) {
            const result = readMermaidJourney(block.text, block.line, { locale, block: true });
            if (result.journey) {
                journeys.push(result.journey);
                problems.push(...result.problems);
            } else {
                others++;
                problems.push(...result.problems.map(problem => ({ ...problem, severity: 'info' as const })));
            }
        }
        if (blocks.length > 0 && journeys.length === 0) {
            problems.push({ line: 1, severity: 'error', message: m.t('mermaid.import.noJourneyBlock', { count: others }) });
        }
    } else {
        const result = readMermaidJourney(input, 1, { locale });
        if (result.journey) journeys.push(result.journey);
        problems.push(...result.problems);
    }
    const text = journeys.length === 0 ? '' : journeyTextFromMermaid(journeys, {
        source: options.source,
        fallbackName: options.source ? baseName(options.source) : undefined,
        reservedIds: options.reservedIds,
        knownActors: options.knownActors,
        locale
    });
    if (text.length > MAX_ANALYSED_CHARACTERS) {
        problems.push({
            line: journeys[0].line, severity: 'warning',
            message: m.t('mermaid.import.tooLarge', {
                size: m.numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(text.length / 1_000_000),
                max: m.numberFormat({ maximumFractionDigits: 1 }).format(MAX_ANALYSED_CHARACTERS / 1_000_000)
            })
        });
    }
    problems.sort((a, b) => a.line - b.line);
    return { text, journeys, problems };
}

function baseName(file: string): string {
    const name = file.split(/[\\/]/).pop() ?? file;
    return name.replace(/\.[^.]*$/, '');
}
