/**
 * Mermaid's own journey parser (the jison grammar shipped in the `mermaid` package), driven
 * with a recording database instead of Mermaid's (whose title handling needs a browser DOM).
 * Before parsing, entity codes are hidden the way Mermaid's renderer does, so that `#59;` is
 * text and not a comment; the recorded values are decoded back to characters.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeHTMLStrict } from 'entities';

export interface ParsedByMermaid {
    title?: string;
    accTitle?: string;
    accDescr?: string;
    sections: string[];
    /** `sectionIndex` is -1 for tasks before the first section. */
    tasks: Array<{ section: string; sectionIndex: number; task: string; score: number; people: string[] }>;
}

interface JisonParser {
    yy: unknown;
    parse(text: string): unknown;
}

let parser: JisonParser | undefined;

async function loadParser(): Promise<JisonParser> {
    if (parser) return parser;
    const packageJson = createRequire(import.meta.url).resolve('mermaid/package.json');
    const chunks = path.join(path.dirname(packageJson), 'dist/chunks/mermaid.core');
    const chunk = readdirSync(chunks).find(name => /^journeyDiagram-.*\.mjs$/.test(name));
    if (!chunk) throw new Error(`Mermaid's journey parser was not found in ${chunks}: is the mermaid package installed (npm ci)?`);
    const { diagram } = await import(pathToFileURL(path.join(chunks, chunk)).href) as { diagram: { parser: JisonParser } };
    parser = diagram.parser;
    return parser;
}

const OPEN = '\uE010';
const CLOSE = '\uE011';

function decode(text: string): string {
    return text.replace(new RegExp(`${OPEN}(\\w+)${CLOSE}`, 'g'), (_, name: string) =>
        /^\d+$/.test(name) ? String.fromCodePoint(Number(name)) : decodeHTMLStrict(`&${name};`));
}

/** Parses with Mermaid's grammar; throws Mermaid's own error on text it rejects. */
export async function parseWithMermaid(text: string): Promise<ParsedByMermaid> {
    const jison = await loadParser();
    const result: ParsedByMermaid = { sections: [], tasks: [] };
    let section = '';
    jison.yy = {
        setDiagramTitle: (t: string) => { result.title = decode(t); },
        setAccTitle: (t: string) => { result.accTitle = decode(t); },
        setAccDescription: (t: string) => { result.accDescr = decode(t).replace(/\n\s+/g, '\n'); },
        addSection: (t: string) => { section = decode(t); result.sections.push(section); },
        addTask: (name: string, data: string) => {
            const pieces = data.slice(1).split(':');
            result.tasks.push({
                section, sectionIndex: result.sections.length - 1, task: decode(name), score: Number(pieces[0]),
                people: pieces.length === 1 ? [] : pieces[1].split(',').map(p => decode(p).trim())
            });
        }
    };
    jison.parse(text.replace(/\r\n?/g, '\n').replace(/#(\w+);/g, (_, name: string) => `${OPEN}${name}${CLOSE}`));
    return result;
}
