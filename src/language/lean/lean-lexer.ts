import { RegExpUtils, type LexerResult } from 'langium';

/** Chevrotain's token type, as Langium's lexer gives them. */
export type TokenType = LexerResult['tokens'][number]['tokenType'];

/** `LeanTokens.type` after the last token. */
export const END_OF_INPUT = -1;
/** `LeanTokens.type` where no token type matches (Chevrotain would report a lexer error): no rule accepts it. */
export const UNREADABLE = -2;

/** Thrown where the lean lexer cannot follow Chevrotain's lexer: lean parsing is then off. */
export class UnsupportedTokens extends Error {}

/** Characters up to here (Latin scripts) have their candidates in an array, the others in a map. */
const LATIN_END = 0x250;

/** One token type as the scanner tries it: a keyword (`text`) or a sticky regular expression. */
interface Pattern {
    typeIndex: number;
    text?: string;
    regex?: RegExp;
    /** Longer alternatives (`LONGER_ALT`: an identifier that starts like a keyword), in order. */
    longer: Pattern[];
    /** Whitespace and comments: matched, then dropped. */
    skipped: boolean;
    /** For `[…]+` and `[…][…]*` patterns: the ASCII characters each part accepts. */
    asciiRun?: { first: boolean[]; rest: boolean[] };
}

/** A single-character class: `\s`, `\w`, `\d` (and negations), or `[…]`. */
const CLASS = String.raw`\\[sSwWdD]|\[(?:\\.|[^\]\\])*\]`;
const CLASS_RUN = new RegExp(`^(?:(${CLASS})\\+|(${CLASS})(${CLASS})\\*)$`);

/**
 * The ASCII tables of a pattern that is one character class repeated (`\s+`), or one class then
 * another repeated (an identifier), else undefined. Performance: a loop over character codes
 * reads whitespace and identifiers faster than a regular expression call per token.
 */
function asciiRunOf(regex: RegExp): Pattern['asciiRun'] {
    const parts = CLASS_RUN.exec(regex.source);
    if (!parts) return undefined;
    const [first, rest] = parts[1] ? [parts[1], parts[1]] : [parts[2], parts[3]];
    const table = (part: string) => {
        const single = new RegExp(`^${part}$`, regex.flags.replace(/[gy]/g, ''));
        return Array.from({ length: 128 }, (_, code) => single.test(String.fromCharCode(code)));
    };
    return { first: table(first), rest: table(rest) };
}

/**
 * The lean parser's lexer: the tokens of Langium's (Chevrotain's) lexer, same types and same
 * boundaries, read one at a time. Performance: Chevrotain builds an object per token, with lines
 * and columns, and keeps them all (88,000 for a 10,000-touchpoint journey); the lean parser needs
 * one token of look-ahead and offsets only.
 *
 * It follows Chevrotain's rules on the same token definitions: at each offset, the first type in
 * definition order that matches wins, unless one of its longer alternatives matches more text.
 * Candidates are narrowed by their first character, like Chevrotain's own optimisation.
 */
export class LeanLexer {
    private readonly patterns: Pattern[];
    /** Our index of each token type, by Chevrotain's index (`tokenTypeIdx`), for category matches. */
    private readonly indexes = new Map<number, number>();
    /** Candidate patterns by first character code, built on first sight of each character. */
    private readonly byLatinChar: Array<Pattern[] | undefined> = new Array<Pattern[] | undefined>(LATIN_END).fill(undefined);
    private readonly byOtherChar = new Map<number, Pattern[]>();
    private readonly partials: Array<RegExp | undefined>;

    /**
     * `LeanTokens.type` is the token type's index in `tokenTypes`, not Chevrotain's index, which
     * counts every token type ever created in the process: the same grammar's types then have
     * the same indexes in every set of services, and its generated parser the same code.
     */
    constructor(readonly tokenTypes: TokenType[]) {
        tokenTypes.forEach((type, index) => this.indexes.set((type as TokenType & { tokenTypeIdx: number }).tokenTypeIdx, index));
        // Chevrotain leaves out the types that only group others (pattern `Lexer.NA`, /NOT_APPLICABLE/).
        const definition = tokenTypes.filter(type => !(type.PATTERN instanceof RegExp && type.PATTERN.source === 'NOT_APPLICABLE'));
        const byType = new Map<TokenType, Pattern>();
        this.patterns = definition.map(type => {
            if (type.PUSH_MODE !== undefined || type.POP_MODE) throw new UnsupportedTokens(`lexer modes (${type.name})`);
            const source = type.PATTERN;
            const pattern: Pattern = {
                typeIndex: tokenTypes.indexOf(type),
                longer: [],
                skipped: type.GROUP !== undefined
            };
            if (typeof source === 'string') pattern.text = source;
            else if (source instanceof RegExp && !source.multiline) {
                pattern.regex = new RegExp(source.source, source.flags.replace('g', '') + 'y');
                pattern.asciiRun = asciiRunOf(source);
            }
            else throw new UnsupportedTokens(`a token pattern that is not a string or a regular expression (${type.name})`);
            byType.set(type, pattern);
            return pattern;
        });
        definition.forEach((type, index) => {
            const alternatives = type.LONGER_ALT === undefined ? [] : Array.isArray(type.LONGER_ALT) ? type.LONGER_ALT : [type.LONGER_ALT];
            for (const alternative of alternatives) {
                const pattern = byType.get(alternative);
                if (!pattern) throw new UnsupportedTokens(`a longer alternative outside the lexer (${type.name})`);
                this.patterns[index].longer.push(pattern);
            }
        });
        // A regular expression that matches the prefixes of its matches: can it start with this character?
        this.partials = this.patterns.map(pattern => pattern.regex && new RegExp(`^(?:${RegExpUtils.partialRegExp(pattern.regex).source})`, pattern.regex.flags.replace('y', '')));
    }

    /**
     * The `LeanTokens.type`s a token of `type` may have: its own, then those of the types in its
     * category (Chevrotain's `categoryMatches`).
     */
    matchesOf(type: TokenType): number[] {
        const own = this.tokenTypes.indexOf(type);
        if (own < 0) throw new UnsupportedTokens(`the token type ${type.name}, outside the lexer`);
        const categoryMatches = (type as TokenType & { categoryMatches?: number[] }).categoryMatches ?? [];
        return [own, ...categoryMatches.map(index => this.indexes.get(index)).filter(index => index !== undefined)];
    }

    /** A stream of the tokens of `text` from `offset` (a token boundary), on its first token. */
    tokens(text: string, offset = 0): LeanTokens {
        return new LeanTokens(this, text, offset);
    }

    /** Moves `tokens` to the next token the parser reads. */
    scan(tokens: LeanTokens): void {
        const text = tokens.text;
        let offset = tokens.end;
        while (offset < text.length) {
            const candidates = this.candidates(text.charCodeAt(offset));
            let matched: Pattern | undefined;
            let length = -1;
            for (const pattern of candidates) {
                length = matchLength(pattern, text, offset);
                if (length < 0) continue;
                matched = pattern;
                for (const alternative of pattern.longer) {
                    const longer = matchLength(alternative, text, offset);
                    if (longer > length) {
                        matched = alternative;
                        length = longer;
                        break;
                    }
                }
                break;
            }
            if (!matched || length <= 0) {
                tokens.type = UNREADABLE;
                tokens.start = tokens.end = offset;
                return;
            }
            if (matched.skipped) {
                offset += length;
                continue;
            }
            tokens.type = matched.typeIndex;
            tokens.start = offset;
            tokens.end = offset + length;
            return;
        }
        tokens.type = END_OF_INPUT;
        tokens.start = tokens.end = text.length;
    }

    private candidates(code: number): Pattern[] {
        if (code < LATIN_END) return this.byLatinChar[code] ??= this.startingWith(code);
        let candidates = this.byOtherChar.get(code);
        if (!candidates) this.byOtherChar.set(code, candidates = this.startingWith(code));
        return candidates;
    }

    private startingWith(code: number): Pattern[] {
        const char = String.fromCharCode(code);
        return this.patterns.filter((pattern, index) => pattern.text !== undefined ? pattern.text.charCodeAt(0) === code : this.partials[index]!.test(char));
    }
}

/** Length of the match of `pattern` at `offset`, or -1. */
function matchLength(pattern: Pattern, text: string, offset: number): number {
    if (pattern.text !== undefined) return text.startsWith(pattern.text, offset) ? pattern.text.length : -1;
    const run = pattern.asciiRun;
    if (run) {
        let code = text.charCodeAt(offset);
        if (code < 128) {
            if (!run.first[code]) return -1;
            let end = offset + 1;
            for (code = text.charCodeAt(end); code < 128 && run.rest[code]; code = text.charCodeAt(++end));
            // Stopped at the end of the text or at an ASCII character outside the class: that is
            // the match. Past ASCII the tables cannot tell, and the expression decides.
            if (end >= text.length || code < 128) return end - offset;
        }
    }
    const regex = pattern.regex!;
    regex.lastIndex = offset;
    return regex.test(text) ? regex.lastIndex - offset : -1;
}

/** The parser's cursor: the current token (type and span) and the end of the one before. */
export class LeanTokens {
    type = END_OF_INPUT;
    start = 0;
    end = 0;
    /** End offset of the last token consumed. */
    previousEnd = 0;
    /** Tokens consumed so far. */
    consumed = 0;

    constructor(private readonly lexer: LeanLexer, readonly text: string, offset = 0) {
        this.end = this.previousEnd = offset;
        lexer.scan(this);
    }

    /** The text of the current token. */
    image(): string {
        return this.text.slice(this.start, this.end);
    }

    /** Moves past the current token. */
    advance(): void {
        this.previousEnd = this.end;
        this.consumed++;
        this.lexer.scan(this);
    }
}
