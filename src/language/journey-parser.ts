import type { AstNode, LangiumCoreServices, LangiumParser, ParseResult } from 'langium';
import { createLangiumParser } from 'langium';
import type { Model } from './generated/ast.js';
import { foreignTextRefusal, sizeOrBinaryRefusal } from './journey-input-guard.js';
import { LeanParser } from './lean-parser.js';

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
 * Langium's parser behind the input guard (journey-input-guard.ts): input it would choke on gets
 * one clear error instead of a parse. With `leanParsing` on, the lean parser tries first.
 */
export function createJourneyParser(services: LangiumCoreServices): JourneyParser {
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
