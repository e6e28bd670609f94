import { GrammarAST, type Grammar, type Lexer, type LexerResult, type ParseResult } from 'langium';
import { lineStartElements, wordKeywords } from './grammar-keywords.js';
import { DEFAULT_LOCALE, messages, type Locale, type MessageKey } from './i18n/i18n.js';

/**
 * Recovery from a misspelt keyword, a missing brace or a stray line, so that the rest of the file
 * keeps its meaning and the mistake is reported once, where it is. Chevrotain's own recovery
 * re-synchronises on the tokens that may follow the rule it failed in: a misspelt `touchpoin`
 * closed the stage around it, and every touchpoint after it fell into the journey (29 errors,
 * most of them about touchpoints that exist).
 *
 * Here, after a parse with errors, the token of the first error is repaired in the token stream
 * and the file is parsed again, as long as each repair moves the first error further on (a
 * repair that does not is undone):
 * 1. a word close to a keyword of the grammar is read as that keyword ("Unknown word
 *    'touchpoin': did you mean 'touchpoint'?"), so a misspelt block keeps its content;
 * 2. before a keyword that starts a line, a missing `}` is supplied (the block above was not closed);
 * 3. a line starting with a word that is understood nowhere is skipped (with the block it opens);
 *    words in the middle of a line, to the end of the line.
 * Valid files are never touched: this runs only when the parse has errors. Both parsers meet it
 * (the lean parser gives up on any error and Langium's parser reads the file).
 */

/** A repair made, reported as one syntax error at its token. */
export interface RecoveryError {
    name: 'JourneyRecovery';
    message: string;
    token: Token;
    resyncedTokens: Token[];
    context: { ruleStack: string[]; ruleOccurrenceStack: number[] };
    /** The message key and its values, to say it in another language. */
    recovery: { key: MessageKey; values: Record<string, string> };
    /** What may be written instead of the token (the quick fixes offered). */
    replacements?: string[];
}

type Token = ParseResult['parserErrors'][number]['token'];
type TokenType = NonNullable<Token['tokenType']>;

/** Parses a file from tokens, as the parser would from the text. */
export type TokensParser = (tokens: Token[]) => ParseResult;

/** Repairs made in one file at most. */
const MAX_REPAIRS = 12;

/**
 * Tokens parsed again for repairs, at most, in one file. Performance: each repair tried is a parse
 * of the whole file, on every edit of a file with errors; a large file gets few tries.
 */
const REPARSE_BUDGET = 1_000_000;

export function isRecoveryError(error: unknown): error is RecoveryError {
    return (error as RecoveryError | undefined)?.name === 'JourneyRecovery';
}

/** The message of a repair in `locale`. */
export function recoveryMessage(error: RecoveryError, locale: Locale = DEFAULT_LOCALE): string {
    return messages(locale).t(error.recovery.key, error.recovery.values);
}

/**
 * The words of a grammar that are keywords (`touchpoint`, `emotion`, `severity`…), with their
 * token types: the keywords an id could be spelt as (grammar-keywords.ts), of two characters or
 * more (a one-letter unit is no typo of anything).
 */
export function keywordTokens(grammar: Grammar, lexer: Lexer): Map<string, TokenType> {
    const definition = lexer.definition as Record<string, TokenType>;
    const keywords = new Map<string, TokenType>();
    for (const word of wordKeywords(grammar)) if (word.length >= 2 && definition[word]) keywords.set(word, definition[word]);
    return keywords;
}

/**
 * The words a line begun by a keyword may end with, by that keyword: the keyword choices of the
 * line's own rule (`channel Agence "Agence" online|offline`: `channel` → online, offline), read
 * from the grammar up to the brace that opens the rule's block. A word found where one of them
 * goes is reported with them ("write ‘online’ or ‘offline’"), each offered as a quick fix.
 */
export function lineChoices(grammar: Grammar): LineChoices {
    const choices = new Map<string, string[]>();
    const keywordsOf = (rule: GrammarAST.AbstractRule | undefined): string[] => {
        if (!GrammarAST.isParserRule(rule) || !rule.dataType) return [];
        const definition = rule.definition;
        const options = GrammarAST.isAlternatives(definition) ? definition.elements : [definition];
        return options.every(GrammarAST.isKeyword) ? options.map(option => (option as GrammarAST.Keyword).value) : [];
    };
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || !GrammarAST.isGroup(rule.definition)) continue;
        const [first, ...rest] = rule.definition.elements;
        if (!GrammarAST.isKeyword(first) || !/^[a-z]{2,}$/i.test(first.value)) continue;
        const found: string[] = [];
        for (const element of rest) {
            if (GrammarAST.isKeyword(element) && element.value === '{') break;
            if (GrammarAST.isGroup(element) && GrammarAST.isKeyword(element.elements[0]) && element.elements[0].value === '{') break;
            if (GrammarAST.isAssignment(element) && GrammarAST.isRuleCall(element.terminal)) found.push(...keywordsOf(element.terminal.rule.ref));
        }
        if (found.length) choices.set(first.value, found);
    }
    // A keyword that begins a fact or a block (`description`, `touchpoint`) is a new line written on
    // the same one, not a wrong choice; any other keyword may be (`in` of `baseline … in 2026-01`).
    const lineStarts = new Set([...lineStartElements(grammar)].filter(GrammarAST.isKeyword).map(keyword => keyword.value));
    return { byKeyword: choices, lineStarts };
}

/** The keyword choices of lines (see lineChoices), and the keywords that begin a line. */
export interface LineChoices {
    byKeyword: Map<string, string[]>;
    lineStarts: Set<string>;
}

/**
 * The parse of a file with errors after the repairs that move its first error further on, with one
 * error per repair (in text order, before the errors left).
 */
export function recover(first: ParseResult, lexed: LexerResult, keywords: Map<string, TokenType>, closeBrace: TokenType | undefined, parse: TokensParser, dayOffset?: TokenType, choices?: LineChoices): ParseResult {
    let tokens = lexed.tokens;
    let result = first;
    const repairs: RecoveryError[] = [];
    let budget = REPARSE_BUDGET;
    for (let round = 0; round < MAX_REPAIRS && result.parserErrors.length && budget >= tokens.length; round++) {
        const token = result.parserErrors[0].token;
        const index = indexOfToken(tokens, token);
        if (index < 0) break;
        // The first repair after which the line parses; else the one that moves the first error furthest.
        let best: { tokens: Token[]; error: RecoveryError; result: ParseResult; reach: number } | undefined;
        for (const { tokens: repaired, error } of tryRepairs(tokens, index, keywords, closeBrace, dayOffset, choices)) {
            if ((budget -= repaired.length) < 0) break;
            const next = parse(repaired);
            const reach = firstErrorOffset(next);
            if (reach > token.startOffset && (!best || reach > best.reach)) best = { tokens: repaired, error, result: next, reach };
            if (reach > lineEndOffset(tokens, index)) break;
        }
        if (!best) break;
        tokens = best.tokens;
        result = best.result;
        repairs.push(best.error);
    }
    if (!repairs.length) return first;
    const errors = [...repairs, ...result.parserErrors] as ParseResult['parserErrors'];
    errors.sort((a, b) => offsetOf(a.token) - offsetOf(b.token));
    return { ...result, lexerErrors: first.lexerErrors, parserErrors: errors };
}

interface Attempt {
    tokens: Token[];
    error: RecoveryError;
}

/** The repairs worth a parse for the token at `index`, most likely first. */
function* tryRepairs(tokens: Token[], index: number, keywords: Map<string, TokenType>, closeBrace: TokenType | undefined, dayOffset?: TokenType, choices?: LineChoices): Generator<Attempt> {
    const token = tokens[index];
    // `J-90` is read as the id `J` and the number -90: a day offset counts days after its start.
    const next = tokens[index + 1];
    if (dayOffset && /^[JD]$/.test(token.image) && next && /^-\d+$/.test(next.image) && next.startOffset === token.startOffset + 1) {
        const offset = { ...token, image: `${token.image}+${next.image.slice(1)}`, endOffset: next.endOffset, endColumn: next.endColumn, tokenType: dayOffset, tokenTypeIdx: dayOffset.tokenTypeIdx! };
        yield {
            tokens: [...tokens.slice(0, index), offset, ...tokens.slice(index + 2)],
            error: recoveryError({ ...token, image: token.image + next.image, endOffset: next.endOffset, endColumn: next.endColumn }, 'syntax.negative-day-offset', { offset: token.image + next.image, after: `${token.image}+${next.image.slice(1)}` })
        };
    }
    const startsLine = index === 0 || tokens[index - 1].endLine! < token.startLine!;
    const isWord = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(token.image);
    const isKeyword = keywords.get(token.image) === token.tokenType;
    if (isWord && !isKeyword) {
        for (const keyword of closeKeywords(token.image, keywords)) {
            // The keyword's text too: a data type rule (`higher is better`) takes its value from it.
            const corrected = { ...token, image: keyword, tokenType: keywords.get(keyword)!, tokenTypeIdx: keywords.get(keyword)!.tokenTypeIdx! };
            yield {
                tokens: [...tokens.slice(0, index), corrected, ...tokens.slice(index + 1)],
                error: recoveryError(token, 'syntax.unknown-word', { word: token.image, keyword })
            };
        }
    }
    if (startsLine && isKeyword && closeBrace && index > 0) {
        const brace = { ...token, image: '}', tokenType: closeBrace, tokenTypeIdx: closeBrace.tokenTypeIdx!, isInsertedInRecovery: true };
        yield {
            tokens: [...tokens.slice(0, index), brace, ...tokens.slice(index)],
            error: recoveryError(token, 'syntax.missing-brace', { word: token.image })
        };
    }
    let end = index;
    while (end + 1 < tokens.length && tokens[end + 1].startLine === token.startLine) end++;
    const opens = tokens[end].image === '{';
    if (startsLine) {
        // The line, and the block it opens.
        if (opens) end = matchingBrace(tokens, end);
        yield {
            tokens: [...tokens.slice(0, index), ...tokens.slice(end + 1)],
            error: recoveryError(token, !isWord ? 'syntax.unexpected-line' : opens ? 'syntax.unknown-block' : 'syntax.unknown-line', { word: token.image })
        };
    } else {
        // The rest of the line, but the brace that opens a block (its content is read).
        if (opens && end > index) end--;
        if (opens && end === index && token.image === '{') return;
        // A word where the line's rule takes one of a few keywords (`in person` for online/offline).
        let start = index;
        while (start > 0 && tokens[start - 1].startLine === token.startLine) start--;
        const expected = isWord && !(isKeyword && choices?.lineStarts.has(token.image)) && keywords.get(tokens[start].image) === tokens[start].tokenType
            ? choices?.byKeyword.get(tokens[start].image) : undefined;
        if (expected) {
            const words = tokens.slice(index, end + 1).map(t => t.image).join(' ');
            const last = tokens[end];
            yield {
                tokens: [...tokens.slice(0, index), ...tokens.slice(end + 1)],
                error: recoveryError({ ...token, image: words, endOffset: last.endOffset, endLine: last.endLine, endColumn: last.endColumn }, 'syntax.expected-choice',
                    { word: words, choices: expected.join(', ') }, expected)
            };
            return;
        }
        yield {
            tokens: [...tokens.slice(0, index), ...tokens.slice(end + 1)],
            error: recoveryError(token, 'syntax.unexpected-word', { word: token.image })
        };
    }
}

/** Keywords within a small edit distance of `word`, closest first (at most three). */
function closeKeywords(word: string, keywords: Map<string, TokenType>): string[] {
    const lower = word.toLowerCase();
    const bound = word.length <= 3 ? 1 : 2;
    const found: Array<{ keyword: string; distance: number }> = [];
    for (const keyword of keywords.keys()) {
        if (Math.abs(keyword.length - word.length) > bound) continue;
        const distance = typingDistance(lower, keyword);
        if (distance <= bound) found.push({ keyword, distance });
    }
    found.sort((a, b) => a.distance - b.distance || (a.keyword < b.keyword ? -1 : 1));
    return found.slice(0, 3).map(entry => entry.keyword);
}

/**
 * Edits from `a` to `b`, two swapped neighbours counting as one (a typing slip: `onwer`): the
 * optimal string alignment distance. Keywords are short: no bound needed.
 */
export function typingDistance(a: string, b: string): number {
    const rows: number[][] = [];
    for (let i = 0; i <= a.length; i++) {
        rows.push([i]);
        for (let j = 1; j <= b.length; j++) {
            if (i === 0) { rows[0].push(j); continue; }
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let cell = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cell = Math.min(cell, rows[i - 2][j - 2] + 1);
            rows[i].push(cell);
        }
    }
    return rows[a.length][b.length];
}

/** The index of the `}` closing the `{` at `open` (the last token when none does). */
function matchingBrace(tokens: Token[], open: number): number {
    let depth = 0;
    for (let index = open; index < tokens.length; index++) {
        if (tokens[index].image === '{') depth++;
        else if (tokens[index].image === '}' && --depth === 0) return index;
    }
    return tokens.length - 1;
}

function indexOfToken(tokens: Token[], token: Token): number {
    if (!Number.isFinite(token.startOffset) || token.isInsertedInRecovery) return -1;
    let low = 0;
    let high = tokens.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const offset = tokens[middle].startOffset;
        if (offset === token.startOffset && !tokens[middle].isInsertedInRecovery) return middle;
        if (offset < token.startOffset || (offset === token.startOffset && tokens[middle].isInsertedInRecovery)) low = middle + 1;
        else high = middle - 1;
    }
    return -1;
}

/** Where the first error of `result` is (after every token when there is none, or at the end of the file). */
function firstErrorOffset(result: ParseResult): number {
    const at = result.parserErrors[0]?.token.startOffset;
    return at !== undefined && Number.isFinite(at) ? at : Number.MAX_SAFE_INTEGER;
}

/** The offset of the last token on the line of the token at `index`. */
function lineEndOffset(tokens: Token[], index: number): number {
    let end = index;
    while (end + 1 < tokens.length && tokens[end + 1].startLine === tokens[index].startLine) end++;
    return tokens[end].startOffset;
}

function offsetOf(token: Token): number {
    return Number.isFinite(token.startOffset) ? token.startOffset : Number.MAX_SAFE_INTEGER;
}

function recoveryError(token: Token, key: MessageKey, values: Record<string, string>, replacements?: string[]): RecoveryError {
    return {
        ...(replacements ? { replacements } : {}),
        name: 'JourneyRecovery',
        message: messages(DEFAULT_LOCALE).t(key, values),
        token,
        resyncedTokens: [],
        context: { ruleStack: [], ruleOccurrenceStack: [] },
        recovery: { key, values }
    };
}
