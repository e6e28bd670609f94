import {
    AstUtils, DefaultValueConverter, GrammarAST, GrammarUtils, isAstNode, isReference,
    type AstNode, type CstNode, type LangiumCoreServices, type ParseResult, type Reference, type ValueType
} from 'langium';
import { END_OF_INPUT, LeanLexer, UnsupportedTokens, type LeanTokens, type TokenType } from './lean-lexer.js';

/**
 * A fast path for text without syntax errors: builds the same AST as Langium's parser, without
 * the concrete syntax tree (CST). The CST is most of a parsed file's memory and of its parse time,
 * and `journey check` of a valid workspace never reads it. It is built on first use instead: the
 * first read of `$cstNode` on any node of a file parses the file with Langium and grafts that
 * parse's CST onto the existing AST, so every Langium service keeps working unchanged.
 *
 * The parser is generic: it interprets the grammar (LL(1): one token decides every choice) with
 * Langium's token types (read by lean-lexer.ts), value converter and linker. On anything
 * unexpected (a lexer or syntax error, a single-valued property written twice, a grammar
 * construct it does not know) it gives up, and Langium's parser, with its error recovery and
 * messages, parses the text instead.
 * `test/language/lean-parser.test.ts` checks that both parsers build the same AST.
 */

/** Source span of a lean node, [start, end) offsets, kept because the node has no CST yet. */
const START = Symbol('start');
const END = Symbol('end');
/** On the root node: the text it was parsed from, to build the CST from later. */
const TEXT = Symbol('text');

type LeanNode = AstNode & { [START]: number; [END]: number; [TEXT]?: string } & Record<string, unknown>;

/** Thrown to leave the fast path: the text goes to Langium's parser. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not on the fast path');

/** What a rule body writes into: an AST node, or the text of a data type rule. */
interface Frame {
    node: LeanNode;
    value: string;
}

type Cursor = LeanTokens;

type Run = (cursor: Cursor, frame: Frame) => void;

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
    private readonly entry?: Run;
    /** Why the grammar cannot be parsed on the fast path, if it cannot. */
    readonly unsupported?: string;
    /** Prototype of lean nodes: reading `$cstNode` builds the CST of the whole file. */
    private readonly prototype: object;

    constructor(services: LangiumCoreServices, private readonly fullParse: (text: string) => ParseResult<AstNode>) {
        this.tokenBuilder = services.parser.TokenBuilder;
        const graft = (node: AstNode): CstNode | undefined => {
            this.buildCst(AstUtils.findRootNode(node));
            return Object.getOwnPropertyDescriptor(node, '$cstNode')?.value as CstNode | undefined;
        };
        // Not enumerable: walks over the node's properties (for…in) keep V8's fast path.
        this.prototype = Object.defineProperty({}, '$cstNode', {
            get(this: AstNode): CstNode | undefined { return graft(this); },
            set(this: AstNode, value: CstNode | undefined) { defineCstNode(this, value); },
            enumerable: false
        });
        try {
            this.lexer = new LeanLexer(Object.values(services.parser.Lexer.definition as Record<string, TokenType>));
            this.entry = new GrammarCompiler(services, this.prototype).compileEntry();
        } catch (error) {
            if (!(error instanceof Unsupported || error instanceof UnsupportedTokens)) throw error;
            this.unsupported = error.message;
        }
    }

    /** The parse of `text`, or undefined when it must go to Langium's parser. */
    parse(text: string): ParseResult<AstNode> | undefined {
        if (!this.entry || !this.lexer) return undefined;
        const cursor = this.lexer.tokens(text);
        const frame: Frame = { node: undefined as unknown as LeanNode, value: '' };
        try {
            this.entry(cursor, frame);
        } catch (error) {
            if (error === GIVE_UP) return undefined;
            throw error;
        }
        // Text left over, or text no token matches (a lexer error).
        if (cursor.type !== END_OF_INPUT) return undefined;
        const root = frame.node;
        root[TEXT] = text;
        return { value: root, lexerErrors: [], lexerReport: this.tokenBuilder.flushLexingReport?.(text), parserErrors: [] };
    }

    /** Parses the root's text with Langium and gives every lean node its CST node. */
    private buildCst(root: AstNode): void {
        if (Object.prototype.hasOwnProperty.call(root, '$cstNode')) return;
        const text = textOfRoot(root);
        const full = this.fullParse(text);
        if (full.lexerErrors.length || full.parserErrors.length) {
            throw new Error(`The fast parser accepted text that Langium rejects (${root.$document?.uri.toString() ?? 'unsaved'}): a bug in lean-parser.ts.`);
        }
        graftCst(root, full.value);
    }
}

function copyDefault(value: unknown): unknown {
    return Array.isArray(value) ? value.map(copyDefault) : value;
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

class Unsupported extends Error {}

/** Turns the grammar into closures that parse one LL(1) decision at a time. */
class GrammarCompiler {
    private readonly tokenTypes: Record<string, TokenType>;
    private readonly rules = new Map<GrammarAST.ParserRule, (cursor: Cursor, source?: CstNode) => unknown>();
    private readonly firstSets = new Map<GrammarAST.AbstractElement | GrammarAST.AbstractRule, Set<number>>();
    private readonly defaultsByType = new Map<string, Array<[string, unknown]>>();
    private readonly converter: LangiumCoreServices['parser']['ValueConverter'];
    private readonly linker: LangiumCoreServices['references']['Linker'];
    private readonly reflection: LangiumCoreServices['shared']['AstReflection'];

    constructor(private readonly services: LangiumCoreServices, private readonly prototype: object) {
        const definition = services.parser.Lexer.definition as Record<string, TokenType> | undefined;
        if (!definition || Array.isArray(definition)) throw new Unsupported('a multi-mode lexer');
        this.tokenTypes = definition;
        this.converter = services.parser.ValueConverter;
        this.linker = services.references.Linker;
        this.reflection = services.shared.AstReflection;
    }

    compileEntry(): Run {
        const entry = this.services.Grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry) as GrammarAST.ParserRule | undefined;
        if (!entry) throw new Unsupported('no entry rule');
        const parse = this.rule(entry);
        return (cursor, frame) => {
            frame.node = parse(cursor) as LeanNode;
        };
    }

    // ------------------------------------------------------------------ rules

    /** A function parsing `rule`, compiled once (rules may call each other). */
    private rule(rule: GrammarAST.ParserRule): (cursor: Cursor, source?: CstNode) => unknown {
        const known = this.rules.get(rule);
        if (known) return known;
        if (rule.parameters.length || GrammarAST.isInfixRule(rule)) throw new Unsupported(`rule ${rule.name} has parameters or is an infix rule`);
        // Compiled after `parse` is registered: the body may call this rule again.
        let body: Run | undefined;
        let parse: (cursor: Cursor, source?: CstNode) => unknown;
        if (GrammarUtils.isDataTypeRule(rule)) {
            const convert = this.conversion(rule);
            parse = (cursor, source) => {
                const frame: Frame = { node: undefined as unknown as LeanNode, value: '' };
                body!(cursor, frame);
                return convert(frame.value, source!);
            };
        } else {
            const type = GrammarUtils.getTypeName(rule);
            const prototype = this.prototype;
            const defaults = this.defaults(type);
            parse = cursor => {
                const node = Object.create(prototype) as LeanNode;
                (node as { $type: string }).$type = type;
                const consumed = cursor.consumed;
                const start = cursor.start;
                const frame: Frame = { node, value: '' };
                body!(cursor, frame);
                const result = frame.node;
                // A node from an unassigned rule call (`Element: Channel | …`) got its defaults there.
                if (result === node) {
                    for (const [name, value] of defaults) if (node[name] === undefined) node[name] = copyDefault(value);
                }
                if (cursor.consumed > consumed) {
                    result[START] = start;
                    result[END] = cursor.previousEnd;
                } else {
                    result[START] = result[END] = cursor.type === END_OF_INPUT ? 0 : start;
                }
                return result;
            };
        }
        this.rules.set(rule, parse);
        body = this.element(rule.definition, { dataType: GrammarUtils.isDataTypeRule(rule) });
        return parse;
    }

    /** The default values Langium's parser gives a node of `type` (`[]`, `false`). */
    private defaults(type: string): Array<[string, unknown]> {
        let list = this.defaultsByType.get(type);
        if (!list) {
            list = Object.values(this.reflection.getTypeMetaData(type).properties)
                .filter(property => property.defaultValue !== undefined)
                .map(property => [property.name, property.defaultValue]);
            this.defaultsByType.set(type, list);
        }
        return list;
    }

    // ------------------------------------------------------------------ elements

    /** Compiles `element` with its cardinality. */
    private element(element: GrammarAST.AbstractElement, context: Context): Run {
        const once = this.once(element, context);
        const cardinality = element.cardinality;
        if (!cardinality) return once;
        if (this.nullable(element, true)) throw new Unsupported(`an optional element that can be empty in ${ruleName(element)}`);
        const first: boolean[] = [];
        for (const index of this.first(element)) first[index] = true;
        const next = (cursor: Cursor): boolean => first[cursor.type] === true;
        switch (cardinality) {
            case '?': return (cursor, frame) => { if (next(cursor)) once(cursor, frame); };
            case '*': return (cursor, frame) => { while (next(cursor)) once(cursor, frame); };
            case '+': return (cursor, frame) => { do once(cursor, frame); while (next(cursor)); };
        }
    }

    /** Compiles `element` once, ignoring its cardinality. */
    private once(element: GrammarAST.AbstractElement, context: Context): Run {
        if (GrammarAST.isGroup(element)) {
            if (element.guardCondition) throw new Unsupported('a guarded group');
            const parts = element.elements.map(part => this.element(part, context));
            return (cursor, frame) => { for (const part of parts) part(cursor, frame); };
        }
        if (GrammarAST.isAlternatives(element)) return this.alternatives(element, context);
        if (GrammarAST.isAssignment(element)) {
            if (context.assignment) throw new Unsupported('a nested assignment');
            if (GrammarAST.isCrossReference(element.terminal)) return this.crossReference(element, element.terminal);
            return this.element(element.terminal, { ...context, assignment: element });
        }
        if (GrammarAST.isKeyword(element)) return this.keyword(element, context);
        if (GrammarAST.isRuleCall(element)) return this.ruleCall(element, context);
        throw new Unsupported(`${element.$type} in ${ruleName(element)}`);
    }

    private alternatives(element: GrammarAST.Alternatives, context: Context): Run {
        const choices = element.elements.map(choice => {
            if (this.nullable(choice, true)) throw new Unsupported(`an alternative that can be empty in ${ruleName(element)}`);
            return { first: this.first(choice), run: this.element(choice, context) };
        });
        // One token must decide: Langium's parser looks further ahead, so overlapping choices would diverge.
        const seen = new Set<number>();
        for (const choice of choices) {
            for (const index of choice.first) {
                if (seen.has(index)) throw new Unsupported(`alternatives that start with the same token in ${ruleName(element)}`);
                seen.add(index);
            }
        }
        const byToken: Run[] = [];
        for (const choice of choices) for (const index of choice.first) byToken[index] = choice.run;
        return (cursor, frame) => {
            const run = byToken[cursor.type];
            if (!run) throw GIVE_UP;
            run(cursor, frame);
        };
    }

    private keyword(keyword: GrammarAST.Keyword, context: Context): Run {
        const type = this.tokenType(keyword.value);
        const consume = this.consumer(type);
        // The token's text is the keyword, unless other token types are in the keyword's category.
        const read = this.matches(type).length === 1 ? () => keyword.value : (cursor: Cursor) => cursor.image();
        if (context.dataType) return (cursor, frame) => { frame.value += read(cursor); consume(cursor); };
        const assign = context.assignment && assigner(context.assignment);
        if (!assign) return consume;
        return (cursor, frame) => {
            const image = read(cursor);
            consume(cursor);
            assign(frame, image);
        };
    }

    private ruleCall(call: GrammarAST.RuleCall, context: Context): Run {
        const rule = call.rule.ref;
        if (!rule) throw new Unsupported(`an unresolved rule in ${ruleName(call)}`);
        if (call.arguments.length) throw new Unsupported(`a rule call with arguments in ${ruleName(call)}`);
        if (GrammarAST.isTerminalRule(rule)) {
            const consume = this.consumer(this.tokenType(rule.name));
            const source = { grammarSource: call } as unknown as CstNode;
            const conversion = this.conversion(rule);
            const convert = (cursor: Cursor) => {
                const image = cursor.image();
                consume(cursor);
                return conversion(image, source);
            };
            if (context.dataType) return (cursor, frame) => { frame.value += String(convert(cursor)); };
            const assign = context.assignment && assigner(context.assignment);
            if (!assign) return consume;
            return (cursor, frame) => assign(frame, convert(cursor));
        }
        if (!GrammarAST.isParserRule(rule)) throw new Unsupported(`a call of ${rule.$type} in ${ruleName(call)}`);
        if (rule.fragment) return this.element(rule.definition, context);
        const parse = this.rule(rule);
        // What a data type rule's value converter gets as its CST node: it only reads the call.
        const source = { grammarSource: call } as unknown as CstNode;
        if (context.dataType) return (cursor, frame) => { frame.value += String(parse(cursor, source)); };
        const assign = context.assignment && assigner(context.assignment);
        if (assign) {
            return (cursor, frame) => {
                const value = parse(cursor, source);
                if (isAstNode(value)) setContainer(value, frame.node, context.assignment!);
                assign(frame, value);
            };
        }
        if (GrammarUtils.isDataTypeRule(rule)) return cursor => { parse(cursor, source); };
        // An unassigned call (`Element: Channel | Persona`): the called rule's node replaces the current one.
        return (cursor, frame) => {
            const result = parse(cursor, source) as LeanNode;
            for (const [name, value] of Object.entries(frame.node)) {
                const own = result[name];
                if (own === undefined) result[name] = value;
                else if (Array.isArray(own) && Array.isArray(value)) result[name] = [...value, ...own];
            }
            frame.node = result;
        };
    }

    /** `owner=[Team:ID]`: the reference text is read as a data type rule would read it, then linked later. */
    private crossReference(assignment: GrammarAST.Assignment, crossReference: GrammarAST.CrossReference): Run {
        if (crossReference.isMulti) throw new Unsupported(`a multi-target reference in ${ruleName(assignment)}`);
        if (!crossReference.terminal) throw new Unsupported(`a reference without terminal in ${ruleName(assignment)}`);
        const readText = this.element(crossReference.terminal, { dataType: true });
        const linker = this.linker;
        const feature = assignment.feature;
        const assign = assigner(assignment);
        return (cursor, frame) => {
            const text: Frame = { node: frame.node, value: '' };
            readText(cursor, text);
            assign(frame, linker.buildReference(frame.node, feature, undefined, text.value));
        };
    }

    /**
     * The value converter of `rule`: what `ValueConverter.convert` does for a call of `rule`,
     * without looking the rule up from the CST node on every token.
     */
    private conversion(rule: GrammarAST.AbstractRule): (input: string, source: CstNode) => ValueType {
        const converter = this.converter as unknown as { runConverter?: (rule: GrammarAST.AbstractRule, input: string, source: CstNode) => ValueType };
        if (converter instanceof DefaultValueConverter && typeof converter.runConverter === 'function') {
            return (input, source) => converter.runConverter!(rule, input, source);
        }
        return (input, source) => this.converter.convert(input, source);
    }

    // ------------------------------------------------------------------ tokens

    private tokenType(name: string): TokenType {
        const type = this.tokenTypes[name];
        if (!type) throw new Unsupported(`no token for '${name}'`);
        return type;
    }

    /** Token type indexes a token of `type` may have: the type and the types in its category. */
    private matches(type: TokenType): number[] {
        const augmented = type as TokenType & { tokenTypeIdx: number; categoryMatches?: number[] };
        return [augmented.tokenTypeIdx, ...(augmented.categoryMatches ?? [])];
    }

    /** Moves past a token of `type`, or leaves the fast path. */
    private consumer(type: TokenType): (cursor: Cursor) => void {
        const accepted: boolean[] = [];
        for (const index of this.matches(type)) accepted[index] = true;
        return cursor => {
            if (accepted[cursor.type] !== true) throw GIVE_UP;
            cursor.advance();
        };
    }

    // ------------------------------------------------------------------ grammar analysis

    /** Token type indexes that can start `element`. */
    private first(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule): Set<number> {
        const known = this.firstSets.get(element);
        if (known) return known;
        const first = new Set<number>();
        this.firstSets.set(element, first); // left recursion would stop here; the grammar has none
        const add = (indexes: Iterable<number>) => { for (const index of indexes) first.add(index); };
        if (GrammarAST.isParserRule(element)) add(this.first(element.definition));
        else if (GrammarAST.isTerminalRule(element)) add(this.matches(this.tokenType(element.name)));
        else if (GrammarAST.isKeyword(element)) add(this.matches(this.tokenType(element.value)));
        else if (GrammarAST.isRuleCall(element)) add(this.first(element.rule.ref!));
        else if (GrammarAST.isAssignment(element)) add(this.first(element.terminal));
        else if (GrammarAST.isCrossReference(element) && element.terminal) add(this.first(element.terminal));
        else if (GrammarAST.isAlternatives(element)) for (const choice of element.elements) add(this.first(choice));
        else if (GrammarAST.isGroup(element)) {
            for (const part of element.elements) {
                add(this.first(part));
                if (!this.nullable(part, false)) break;
            }
        } else throw new Unsupported(`${element.$type} in ${ruleName(element)}`);
        return first;
    }

    /** Whether `element` can match no token (`ignoreCardinality`: as if it had none). */
    private nullable(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule, ignoreCardinality: boolean): boolean {
        if (!ignoreCardinality && 'cardinality' in element && (element.cardinality === '?' || element.cardinality === '*')) return true;
        if (GrammarAST.isParserRule(element)) return this.nullable(element.definition, false);
        if (GrammarAST.isInfixRule(element)) return false;
        if (GrammarAST.isRuleCall(element)) return GrammarAST.isParserRule(element.rule.ref) && this.nullable(element.rule.ref, false);
        if (GrammarAST.isAssignment(element)) return this.nullable(element.terminal, false);
        if (GrammarAST.isAlternatives(element)) return element.elements.some(choice => this.nullable(choice, false));
        if (GrammarAST.isGroup(element)) return element.elements.every(part => this.nullable(part, false));
        return false;
    }
}

interface Context {
    dataType: boolean;
    assignment?: GrammarAST.Assignment;
}

/** Writes a value as Langium's parser does; a single-valued property written twice leaves the fast path. */
function assigner(assignment: GrammarAST.Assignment): (frame: Frame, value: unknown) => void {
    const feature = assignment.feature;
    switch (assignment.operator) {
        case '=': return (frame, value) => {
            if (frame.node[feature] !== undefined) throw GIVE_UP;
            frame.node[feature] = value;
        };
        case '?=': return (frame) => {
            if (frame.node[feature] !== undefined) throw GIVE_UP;
            frame.node[feature] = true;
        };
        case '+=': return (frame, value) => {
            const list = frame.node[feature] as unknown[] | undefined;
            if (list) list.push(value); else frame.node[feature] = [value];
        };
    }
}

/** `$container` and friends, set as Langium's `linkContentToContainer` does after a parse. */
function setContainer(child: AstNode, parent: AstNode, assignment: GrammarAST.Assignment): void {
    const mutable = child as { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
    mutable.$container = parent;
    mutable.$containerProperty = assignment.feature;
    if (assignment.operator === '+=') {
        mutable.$containerIndex = ((parent as unknown as Record<string, unknown[] | undefined>)[assignment.feature]?.length ?? 0);
    }
}

function ruleName(element: GrammarAST.AbstractElement | GrammarAST.AbstractRule): string {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name ?? 'the grammar';
}
