import { AstUtils, isAstNode, isReference, type AstNode, type CstNode, type LangiumCoreServices, type ParseResult, type Reference } from 'langium';
import { END, generateLeanParser, GIVE_UP, START, UnsupportedGrammar, type GeneratedParser } from './lean-parser-generator.js';
import { END_OF_INPUT, LeanLexer, UnsupportedTokens, type TokenType } from './lean-lexer.js';

/**
 * A fast path for text without syntax errors: builds the same AST as Langium's parser, without
 * the concrete syntax tree (CST). The CST is most of a parsed file's memory and of its parse time,
 * and `journey check` of a valid workspace never reads it. It is built on first use instead: the
 * first read of `$cstNode` on any node of a file parses the file with Langium and grafts that
 * parse's CST onto the existing AST, so every Langium service keeps working unchanged.
 *
 * The parser is generic: code generated from the grammar (lean-parser-generator.ts; LL(1): one
 * token decides every choice) with Langium's token types (read by lean-lexer.ts), value
 * converter and linker. On anything unexpected (a lexer or syntax error, a single-valued
 * property written twice, a grammar construct it does not know) it gives up, and Langium's
 * parser, with its error recovery and messages, parses the text instead.
 * `test/language/lean-parser.test.ts` checks that both parsers build the same AST.
 */

/** On the root node: the text it was parsed from, to build the CST from later. */
const TEXT = Symbol('text');
/** On the root node: the lean parser that built it, which builds its CST. */
const PARSER = Symbol('parser');

type LeanNode = AstNode & { [START]: number; [END]: number; [TEXT]?: string; [PARSER]?: LeanParser } & Record<string, unknown>;

/**
 * Base class of lean nodes: reading `$cstNode` builds the CST of the whole file. An accessor on
 * the prototype, so not enumerable: walks over a node's properties skip it.
 */
class LeanNodeBase {
    get $cstNode(): CstNode | undefined {
        const root = AstUtils.findRootNode(this as unknown as AstNode) as LeanNode;
        root[PARSER]?.buildCst(root);
        return Object.getOwnPropertyDescriptor(this, '$cstNode')?.value as CstNode | undefined;
    }

    set $cstNode(value: CstNode | undefined) {
        defineCstNode(this as unknown as AstNode, value);
    }
}

/** Whether `node` was built by the fast path and its CST is not built yet. */
export function isLean(node: AstNode): boolean {
    return START in node && !Object.prototype.hasOwnProperty.call(node, '$cstNode');
}

/** The CST node of a reference held by `container`, building the file's CST if it is lean. */
export function referenceNodeOf(reference: Reference, container: AstNode): CstNode | undefined {
    if (!reference.$refNode && isLean(container)) void container.$cstNode;
    return reference.$refNode;
}

/** The 1-based line where `node` starts (0 when unknown), without building a CST. */
export function lineOf(node: AstNode): number {
    if (!(START in node)) return (node.$cstNode?.range.start.line ?? -1) + 1;
    const root = AstUtils.findRootNode(node);
    const start = (node as LeanNode)[START];
    return (root.$document?.textDocument.positionAt(start).line ?? countLines(textOfRoot(root), start)) + 1;
}

/** The source text of `node` (as `$cstNode.text`), without building a CST. */
export function sourceTextOf(node: AstNode): string | undefined {
    if (!(START in node)) return node.$cstNode?.text;
    const lean = node as LeanNode;
    return textOfRoot(AstUtils.findRootNode(node)).slice(lean[START], lean[END]);
}

function textOfRoot(root: AstNode): string {
    return (root as LeanNode)[TEXT] ?? root.$document?.textDocument.getText() ?? '';
}

function countLines(text: string, end: number): number {
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
    return lines;
}

export class LeanParser {
    private readonly lexer?: LeanLexer;
    private readonly tokenBuilder: LangiumCoreServices['parser']['TokenBuilder'];
    private readonly generated?: GeneratedParser;
    /** Why the grammar cannot be parsed on the fast path, if it cannot. */
    readonly unsupported?: string;

    constructor(services: LangiumCoreServices, private readonly fullParse: (text: string) => ParseResult<AstNode>) {
        this.tokenBuilder = services.parser.TokenBuilder;
        try {
            this.lexer = new LeanLexer(Object.values(services.parser.Lexer.definition as Record<string, TokenType>));
            this.generated = generateLeanParser(services, this.lexer, LeanNodeBase);
        } catch (error) {
            if (!(error instanceof UnsupportedGrammar || error instanceof UnsupportedTokens)) throw error;
            this.unsupported = error.message;
        }
    }

    /** The parse of `text`, or undefined when it must go to Langium's parser. */
    parse(text: string): ParseResult<AstNode> | undefined {
        if (!this.generated || !this.lexer) return undefined;
        const tokens = this.lexer.tokens(text);
        let root: LeanNode;
        try {
            root = this.generated(tokens) as LeanNode;
        } catch (error) {
            if (error === GIVE_UP) return undefined;
            throw error;
        }
        // Text left over, or text no token matches (a lexer error).
        if (tokens.type !== END_OF_INPUT) return undefined;
        root[TEXT] = text;
        root[PARSER] = this;
        return { value: root, lexerErrors: [], lexerReport: this.tokenBuilder.flushLexingReport?.(text), parserErrors: [] };
    }

    /** Parses the root's text with Langium and gives every lean node its CST node. */
    buildCst(root: AstNode): void {
        if (Object.prototype.hasOwnProperty.call(root, '$cstNode')) return;
        const text = textOfRoot(root);
        const full = this.fullParse(text);
        if (full.lexerErrors.length || full.parserErrors.length) {
            throw new Error(`The fast parser accepted text that Langium rejects (${root.$document?.uri.toString() ?? 'unsaved'}): a bug in lean-parser.ts.`);
        }
        graftCst(root, full.value);
    }
}

function defineCstNode(node: AstNode, cstNode: CstNode | undefined): void {
    Object.defineProperty(node, '$cstNode', { value: cstNode, writable: true, enumerable: true, configurable: true });
}

/** Walks the lean AST and Langium's AST of the same text together, moving CST nodes across. */
function graftCst(lean: AstNode, full: AstNode): void {
    if (lean.$type !== full.$type) {
        throw new Error(`The fast parser and Langium disagree: ${lean.$type} against ${full.$type}; a bug in lean-parser.ts.`);
    }
    defineCstNode(lean, full.$cstNode);
    if (full.$cstNode) (full.$cstNode as { astNode: AstNode }).astNode = lean;
    for (const [property, value] of Object.entries(lean)) {
        if (property.startsWith('$')) continue;
        const other = (full as unknown as Record<string, unknown>)[property];
        if (Array.isArray(value)) {
            value.forEach((item, index) => graftValue(item, (other as unknown[] | undefined)?.[index]));
        } else {
            graftValue(value, other);
        }
    }
}

function graftValue(lean: unknown, full: unknown): void {
    if (isAstNode(lean) && isAstNode(full)) graftCst(lean, full);
    else if (isReference(lean) && isReference(full)) (lean as { $refNode?: CstNode }).$refNode = full.$refNode;
}
