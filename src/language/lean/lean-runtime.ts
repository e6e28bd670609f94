import type { AstNode, GrammarAST, Reference, ValueType } from 'langium';
import type { ASSIGNMENTS_AT, NODE_END, NODE_START } from '../source-positions.js';
import { END_OF_INPUT, LeanTokens, type LeanLexer } from './lean-lexer.js';

/**
 * What the generated lean parser (src/language/generated/lean-parser.ts, written at build time
 * by lean-parser-generator.ts) is made of: its node base class, its cursor over the tokens, and
 * the signal to give up.
 */

/** Thrown by the generated code where the text leaves the fast path: Langium's parser reads it instead. */
export const GIVE_UP = new (class GiveUp extends Error {})('not on the fast path');

/** What a generated parser module exports. */
export interface LeanGrammarParser {
    /** Names of the lexer's token types, in the lexer's order: the token numbers in the code index this list. */
    readonly tokenNames: readonly string[];
    /** Names of the rules whose values the code converts: `LeanCursor.convert`'s first argument indexes this list. */
    readonly conversions: readonly string[];
    /** Names of the properties the code assigns: `LeanCursor.assigned`'s first argument indexes this list. */
    readonly properties: readonly string[];
    /** The entry rule. */
    readonly parse: (cursor: LeanCursor) => AstNode;
}

/**
 * A value converter that gives the conversion of a rule's values once (the journey language's
 * does). Performance: Langium's `convert` finds the rule from a CST node on every value; other
 * converters are called that way.
 */
export interface RuleConversions {
    conversionOf(rule: GrammarAST.AbstractRule): (input: string) => ValueType;
}

/** What the generated code needs from the language's services. */
export interface LeanParserContext {
    /** The value converter of each rule of `LeanGrammarParser.conversions`. */
    readonly conversions: ReadonlyArray<(text: string) => unknown>;
    /** A reference as Langium's linker builds it (`Linker.buildReference`), linked later. */
    reference(node: AstNode, property: string, text: string): Reference;
}

/**
 * Base class of lean nodes: its fields are declared here and written by each generated class's
 * own initialisers. Each AST type has its class, whose fields give every property of the type a
 * value in one order (optional ones `undefined`, lists `[]`, flags `false`). Performance: all
 * nodes of a type then share one shape, allocated at its final size (nodes grown property by
 * property cost about four times as much to build, and their varied shapes slowed every later
 * walk); and each class writes its own fields, where initialisers shared by all types through
 * this base class would see every shape (a third of the parse time, measured). The spans are
 * read through source-positions.ts.
 */
export abstract class LeanNode {}

export interface LeanNode {
    readonly $type: string;
    $container: AstNode | undefined;
    $containerProperty: string | undefined;
    $containerIndex: number | undefined;
    [NODE_START]: number;
    [NODE_END]: number;
    [ASSIGNMENTS_AT]: number;
}

/**
 * The empty list every list property of a lean node starts as: one frozen array shared by all
 * nodes, replaced by a list of the node's own when the parse adds an item (`added`). Performance:
 * a touchpoint has 12 list properties and most are empty; an array each was half the objects of
 * the AST, which every young-generation collection during a build copied (and a first `push`
 * gives an empty array room for 17 items). Frozen: the AST's lists are read, never written, after
 * the parse, and a write would throw rather than reach every node.
 */
export const NO_ITEMS: never[] = Object.freeze([]) as unknown as never[];

/** `list` with `item` added: a new list for the first item (`NO_ITEMS`), else the same list. */
export function added<T>(list: T[], item: T): T[] {
    if (list === NO_ITEMS) return [item];
    list.push(item);
    return list;
}

/** A table of ranks by property number (`LeanCursor.inOrder`): `pairs` are property number, rank; -1 elsewhere. */
export function rankTable(size: number, ...pairs: number[]): Int8Array {
    const table = new Int8Array(size).fill(-1);
    for (let index = 0; index < pairs.length; index += 2) table[pairs[index]] = pairs[index + 1];
    return table;
}

/** A table of the token numbers given: `table[type] === true` tests a token against all of them at once. */
export function tokenTable(...types: number[]): readonly boolean[] {
    const table: boolean[] = Array.from({ length: Math.max(0, ...types) + 1 }, () => false);
    for (const type of types) table[type] = true;
    return table;
}

/**
 * The generated code's view of the text: the current token (`LeanTokens`), value conversion,
 * references, and the spans of the nodes being built.
 */
export class LeanCursor extends LeanTokens {
    /** Assignments of the nodes being built, innermost last, as triples `property number, start, end`. */
    private stack: Int32Array = new Int32Array(96);
    private top = 0;
    /** The blocks of the nodes built (source-positions.ts, `ParsedSource.assignments`). */
    private table: Int32Array;
    private used = 0;

    constructor(lexer: LeanLexer, text: string, private readonly context: LeanParserContext) {
        super(lexer, text);
        // About one assignment per 15 characters in journey files: rarely grown.
        this.table = new Int32Array(64 + (text.length >> 2));
    }

    /**
     * The current token's type. A method, not the field: TypeScript would narrow the field after
     * one test and reject the tests after `advance()`.
     */
    token(): number {
        return this.type;
    }

    convert(conversion: number, text: string): unknown {
        return this.context.conversions[conversion](text);
    }

    reference(node: AstNode, property: string, text: string): Reference {
        return this.context.reference(node, property, text);
    }

    /** Where the assignments of a node about to be built begin. */
    open(): number {
        return this.top;
    }

    /** Records that the value of property number `property` was read from `start` to the last token consumed. */
    assigned(property: number, start: number): void {
        if (this.top + 3 > this.stack.length) this.stack = grown(this.stack, this.top + 3);
        const stack = this.stack;
        stack[this.top++] = property;
        stack[this.top++] = start;
        stack[this.top++] = this.previousEnd;
    }

    /** Where a node that consumed no token starts (and ends): `start`, or 0 at the end of the text. */
    emptyAt(start: number): number {
        return this.type === END_OF_INPUT ? 0 : start;
    }

    /**
     * Moves the assignments of a node just built (since `mark`) into the table, and gives where
     * they are (-1 when none). A child's assignments leave the stack before its parent's next
     * ones, so each node's are contiguous.
     */
    close(mark: number): number {
        const length = this.top - mark;
        if (length === 0) return -1;
        if (this.used + 1 + length > this.table.length) this.table = grown(this.table, this.used + 1 + length);
        const table = this.table;
        const at = this.used;
        table[at] = length / 3;
        for (let index = 0; index < length; index++) table[at + 1 + index] = this.stack[mark + index];
        this.used = at + 1 + length;
        this.top = mark;
        return at;
    }

    /**
     * Whether the properties `ranks` ranks (the node-holding ones of a type, in its class's order;
     * -1 for the others) are first assigned, in the block at `at` (`close`), in that order.
     */
    inOrder(at: number, ranks: Int8Array): boolean {
        const table = this.table;
        const end = at + 1 + table[at] * 3;
        let last = -1;
        let seen = 0;
        for (let index = at + 1; index < end; index += 3) {
            const rank = ranks[table[index]];
            if (rank < 0) continue;
            if (rank >= last) {
                last = rank;
                seen |= 1 << rank;
            } else if ((seen & (1 << rank)) === 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Puts `node`'s node-holding properties in the order its text first assigns them (the block at
     * `at`), as Langium's parser does: walks visit children in property order, so both parsers'
     * walks (linking, validation, document order) meet the same nodes in the same order. Only for
     * a node whose text breaks its class's order (`inOrder`); performance: its properties are
     * moved (deleted and written again), which leaves this node alone in a slower shape.
     */
    textOrder(node: LeanNode, at: number, ranks: Int8Array, properties: readonly string[]): void {
        const table = this.table;
        const end = at + 1 + table[at] * 3;
        const record = node as unknown as Record<string, unknown>;
        let moved = 0;
        for (let index = at + 1; index < end; index += 3) {
            const rank = ranks[table[index]];
            if (rank < 0 || (moved & (1 << rank)) !== 0) continue;
            moved |= 1 << rank;
            const name = properties[table[index]];
            const value = record[name];
            delete record[name];
            record[name] = value;
        }
    }

    /** The assignments of all the nodes built, at their exact size. */
    assignments(): Int32Array {
        return this.table.slice(0, this.used);
    }
}

function grown(array: Int32Array, needed: number): Int32Array {
    const larger = new Int32Array(Math.max(needed, array.length * 2));
    larger.set(array);
    return larger;
}
