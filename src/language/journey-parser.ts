import { createParser, LangiumParser, type AstNode, type Grammar, type LangiumCoreServices, type Lexer, type LexerResult, type ParseResult, type ParserOptions } from 'langium';
import type { Model } from './generated/ast.js';
import { foreignTextRefusal, sizeOrBinaryRefusal, type Refusal } from './journey-input-guard.js';
import { keywordTokens, lineChoices, recover } from './journey-recovery.js';

/**
 * Langium's parser behind the input guard (journey-input-guard.ts): input it would choke on (huge,
 * binary, not a journey) gets one clear error instead of a parse. The language server's parser;
 * the batch commands' (journey-batch-module.ts) tries the lean parser first.
 */
export class GuardedParser extends LangiumParser {
    private readonly grammar: Grammar;
    private keywords?: ReturnType<typeof keywordTokens>;
    private choices?: ReturnType<typeof lineChoices>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.grammar = services.Grammar;
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const refusal = sizeOrBinaryRefusal(input) ?? foreignTextRefusal(input);
        if (refusal) return refused(input, refusal);
        const result = super.parse<T>(input, options);
        // A parse of one rule (completion's) is not a file: nothing to recover.
        if (!result.parserErrors.length || options?.rule) return result;
        return this.recovered(input, result);
    }

    /** The parse of a file with syntax errors after the repairs of journey-recovery.ts. */
    private recovered<T extends AstNode>(input: string, first: ParseResult<T>): ParseResult<T> {
        const lexer = this.lexer;
        const lexed = lexer.tokenize(input);
        const definition = lexer.definition as Record<string, Parameters<typeof recover>[3]>;
        this.keywords ??= keywordTokens(this.grammar, lexer);
        this.choices ??= lineChoices(this.grammar);
        const parseTokens = (tokens: LexerResult['tokens']): ParseResult => {
            // Langium's parse lexes the text: for one parse, its lexer hands out the repaired tokens.
            const replaced: Lexer = { definition: lexer.definition, tokenize: () => ({ ...lexed, tokens, hidden: [...lexed.hidden] }) };
            const self = this as unknown as { lexer: Lexer };
            self.lexer = replaced;
            try {
                return super.parse(input);
            } finally {
                self.lexer = lexer;
            }
        };
        return recover(first as ParseResult, lexed, this.keywords, definition['}'], parseTokens, definition.DAY_OFFSET, this.choices) as ParseResult<T>;
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
