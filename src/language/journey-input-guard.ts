import type { AstNode, LangiumCoreServices, LangiumParser, ParseResult } from 'langium';
import { createLangiumParser } from 'langium';
import type { Model } from './generated/ast.js';
import { LeanParser } from './lean-parser.js';

/** Larger files are not analysed: parsing them would block the language server for seconds. */
export const MAX_ANALYSED_CHARACTERS = 1_000_000;
/** More characters than this that cannot appear outside quotes, and the file is not a journey. */
const MAX_FOREIGN_CHARACTERS = 200;

const STRING = /"(?:\\.|[^"\\])*"/y;
const COMMENT = /\/\*[\s\S]*?\*\/|\/\/[^\n\r]*/y;
/** Characters that may appear outside quotes and comments. */
const JOURNEY_CHARACTER = /[\s\w\u00C0-\u024F{}(),.%€$<>=≥≤+-]/;
const LATIN_END = 0x250;
const LATIN_JOURNEY_CHARACTERS = Array.from({ length: LATIN_END }, (_, code) => JOURNEY_CHARACTER.test(String.fromCharCode(code)));

type Refusal = { message: string; offset: number };

/**
 * Why `text` should not be parsed (too large, binary, not a journey), or undefined. Cheap: one
 * pass over the characters, where the lexer would spend tens of microseconds on every character
 * it cannot read.
 */
export function refusalReason(text: string): Refusal | undefined {
    return sizeOrBinaryRefusal(text) ?? foreignTextRefusal(text);
}

function sizeOrBinaryRefusal(text: string): Refusal | undefined {
    if (text.length > MAX_ANALYSED_CHARACTERS) {
        const megabytes = (text.length / 1_000_000).toFixed(1);
        return { offset: 0, message: `this file has ${megabytes} million characters; journey files over ${MAX_ANALYSED_CHARACTERS / 1_000_000} million are not analysed. Split it into several files (one journey per file, the catalog apart).` };
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return { offset: nul, message: 'this file holds binary data (a NUL byte): it is not a journey file. Journey files are UTF-8 text.' };
    return undefined;
}

function foreignTextRefusal(text: string): Refusal | undefined {
    let count = 0;
    let first = -1;
    for (let offset = 0; offset < text.length;) {
        const code = text.charCodeAt(offset);
        // Quoted text and comments may hold anything; an unclosed quote or comment is itself foreign.
        const skipped = code === 0x22 ? STRING : code === 0x2f ? COMMENT : undefined;
        if (skipped) {
            skipped.lastIndex = offset;
            if (skipped.test(text)) {
                offset = skipped.lastIndex;
                continue;
            }
        }
        if (!(code < LATIN_END ? LATIN_JOURNEY_CHARACTERS[code] : JOURNEY_CHARACTER.test(text[offset]))) {
            if (first < 0) first = offset;
            if (++count > MAX_FOREIGN_CHARACTERS) {
                return { offset: first, message: `this file does not look like a journey file: more than ${MAX_FOREIGN_CHARACTERS} characters cannot appear outside quotes. Text must be in double quotes ("…"); is it another kind of file?` };
            }
        }
        offset++;
    }
    return undefined;
}

/** The journey parser: Langium's, with the input guard and the optional lean fast path. */
export interface JourneyParser extends LangiumParser {
    /**
     * Parse valid text without building its CST until something reads it (lean-parser.ts).
     * On for batch commands (`journey check`), off in the language server, which reads the CST
     * of every open file at once (highlighting, folding).
     */
    leanParsing: boolean;
    /** The fast path, built on first use. */
    readonly lean: LeanParser;
}

/**
 * The Langium parser, refusing input it would choke on with one clear error instead of parsing
 * it, and trying the lean parser first when `leanParsing` is on.
 */
export function createGuardedParser(services: LangiumCoreServices): JourneyParser {
    const parser = createLangiumParser(services) as JourneyParser;
    const parse = parser.parse.bind(parser) as (input: string, options?: unknown) => ParseResult<AstNode>;
    let lean: LeanParser | undefined;
    Object.defineProperty(parser, 'lean', { get: () => lean ??= new LeanParser(services, text => parse(text)) });
    parser.leanParsing = false;
    parser.parse = (<T>(input: string, options?: unknown): ParseResult<T> => {
        let refusal = sizeOrBinaryRefusal(input);
        if (!refusal) {
            // Text the lean parser reads whole has no foreign characters: the last check only protects Langium's lexer.
            const fast = parser.leanParsing && !options ? parser.lean.parse(input) : undefined;
            if (fast) return fast as ParseResult<T>;
            refusal = foreignTextRefusal(input);
            if (!refusal) return parse(input, options) as ParseResult<T>;
        }
        const before = input.slice(0, refusal.offset).split('\n');
        const empty: Model = { $type: 'Model', elements: [] } as unknown as Model;
        return {
            value: empty as unknown as T,
            parserErrors: [],
            lexerErrors: [{ offset: refusal.offset, length: 1, line: before.length, column: before[before.length - 1].length + 1, message: refusal.message }]
        };
    }) as LangiumParser['parse'];
    return parser;
}
