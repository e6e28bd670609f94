import { createParser, LangiumParser, type AstNode, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';
import type { Model } from './generated/ast.js';
import { foreignTextRefusal, sizeOrBinaryRefusal, type Refusal } from './journey-input-guard.js';

/**
 * Langium's parser behind the input guard (journey-input-guard.ts): input it would choke on (huge,
 * binary, not a journey) gets one clear error instead of a parse. The language server's parser;
 * the batch commands' (journey-batch-module.ts) tries the lean parser first.
 */
export class GuardedParser extends LangiumParser {
    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const refusal = sizeOrBinaryRefusal(input) ?? foreignTextRefusal(input);
        return refusal ? refused(input, refusal) : super.parse<T>(input, options);
    }
}

/** A parser of `services`' grammar, of `parserClass` (Langium's `createLangiumParser`, for a subclass). */
export function createParserOf<P extends LangiumParser>(services: LangiumCoreServices, parserClass: new (services: LangiumCoreServices) => P): P {
    const parser = createParser(services.Grammar, new parserClass(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** What a refused input parses to: an empty journey file with one error where the refusal says. */
export function refused<T>(input: string, refusal: Refusal): ParseResult<T> {
    const before = input.slice(0, refusal.offset).split('\n');
    const empty: Model = { $type: 'Model', elements: [] } as unknown as Model;
    return {
        value: empty as unknown as T,
        parserErrors: [],
        lexerErrors: [{ offset: refusal.offset, length: 1, line: before.length, column: before[before.length - 1].length + 1, message: refusal.message }]
    };
}
