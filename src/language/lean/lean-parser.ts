import { AstUtils, GrammarAST, type AstNode, type CstNode, type LangiumCoreServices, type ParseResult } from 'langium';
import { PARSED_SOURCE, type ParsedSource, type Span } from '../source-positions.js';
import { END_OF_INPUT, LeanLexer, type TokenType } from './lean-lexer.js';
import { GIVE_UP, LeanCursor, type LeanGrammarParser, type LeanParserContext, type RuleConversions } from './lean-runtime.js';

/**
 * The fast path of the batch commands (`journey check`, `render`, `diff`…): builds the AST
 * Langium's parser builds, without the concrete syntax tree (CST), which is most of a parsed
 * file's memory and of its parse time. Instead of CST nodes, each node keeps its span and the
 * spans of the values written for its properties, which is all the diagnostics and the model
 * read (through source-positions.ts), so a file is parsed once, with or without diagnostics.
 *
 * The parser itself is code generated from the grammar at build time
 * (src/language/generated/lean-parser.ts, by lean-parser-generator.ts), over the lean lexer's
 * tokens, with Langium's value converter and linker. On a lexer or syntax error it gives up
 * (`parse` returns undefined), and Langium's parser reads the text instead, with its error
 * recovery and messages. `test/language/lean-parser.test.ts` checks that both parsers build the
 * same AST and that both give the same positions.
 */
export class LeanParser {
    private readonly lexer?: LeanLexer;
    private readonly context?: LeanParserContext;
    /** Lexer token types that are keywords, by index. */
    private readonly keywordTypes: boolean[] = [];
    private readonly tokenBuilder: LangiumCoreServices['parser']['TokenBuilder'];

    /**
     * `generated` is the generated module's parser; undefined when the generator refused the
     * grammar (`unsupported` says why), and then every text goes to Langium's parser.
     */
    constructor(services: LangiumCoreServices, private readonly generated: LeanGrammarParser | undefined, readonly unsupported?: string) {
        this.tokenBuilder = services.parser.TokenBuilder;
        if (!generated) return;
        const tokenTypes = Object.values(services.parser.Lexer.definition as Record<string, TokenType>);
        const names = tokenTypes.map(type => type.name);
        if (names.join('\n') !== generated.tokenNames.join('\n')) {
            throw new Error('The generated lean parser does not match the grammar\'s tokens: run `npm run build` to generate it again.');
        }
        this.lexer = new LeanLexer(tokenTypes);
        // One pass over the grammar: its keywords, and a call of each rule.
        const keywords = new Set<string>();
        const calls = new Map<string, GrammarAST.RuleCall>();
        for (const element of AstUtils.streamAllContents(services.Grammar)) {
            if (GrammarAST.isKeyword(element)) keywords.add(element.value);
            else if (GrammarAST.isRuleCall(element) && element.rule.ref && !calls.has(element.rule.ref.name)) calls.set(element.rule.ref.name, element);
        }
        const terminals = new Set(services.Grammar.rules.filter(GrammarAST.isTerminalRule).map(rule => rule.name));
        tokenTypes.forEach((type, index) => { this.keywordTypes[index] = keywords.has(type.name) && !terminals.has(type.name); });
        const converter = services.parser.ValueConverter;
        const linker = services.references.Linker;
        this.context = {
            conversions: generated.conversions.map(name => {
                const call = calls.get(name);
                if (!call) throw new Error(`The generated lean parser converts values of the rule ${name}, which the grammar never calls: run \`npm run build\`.`);
                const direct = (converter as Partial<RuleConversions>).conversionOf?.(call.rule.ref!);
                if (direct) return direct;
                // What the value converter gets as the CST node: it reads only the rule call.
                const source = { grammarSource: call } as unknown as CstNode;
                return (text: string) => converter.convert(text, source);
            }),
            reference: (node, property, text) => linker.buildReference(node, property, undefined, text)
        };
    }

    /** The parse of `text`, or undefined when it must go to Langium's parser. */
    parse(text: string): ParseResult<AstNode> | undefined {
        if (!this.generated || !this.lexer || !this.context) return undefined;
        const cursor = new LeanCursor(this.lexer, text, this.context);
        let root: AstNode;
        try {
            root = this.generated.parse(cursor);
        } catch (error) {
            if (error === GIVE_UP) return undefined;
            throw error;
        }
        // Text left over, or text no token matches (a lexer error).
        if (cursor.type !== END_OF_INPUT) return undefined;
        (root as AstNode & { [PARSED_SOURCE]: ParsedSource })[PARSED_SOURCE] = new LeanSource(text, this.generated.properties, cursor.assignments(), this);
        return { value: root, lexerErrors: [], lexerReport: this.tokenBuilder.flushLexingReport?.(text), parserErrors: [] };
    }

    /** The keyword tokens that start in [start, end) of `text`: lexed again on demand (no diagnostic reads them on a valid file). */
    keywordsIn(text: string, start: number, end: number): Span[] {
        const spans: Span[] = [];
        if (!this.lexer) return spans;
        for (const tokens = this.lexer.tokens(text, start); tokens.type >= 0 && tokens.start < end; tokens.advance()) {
            if (this.keywordTypes[tokens.type]) spans.push({ start: tokens.start, end: tokens.end });
        }
        return spans;
    }
}

/** The text of a lean parse, on its root node (source-positions.ts reads it). */
class LeanSource implements ParsedSource {
    constructor(readonly text: string, readonly properties: readonly string[], readonly assignments: Int32Array, private readonly parser: LeanParser) {}

    keywordsIn(start: number, end: number): Span[] {
        return this.parser.keywordsIn(this.text, start, end);
    }
}
