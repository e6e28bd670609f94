import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateJourney } from '../../bench/generate-workspace.mjs';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { END_OF_INPUT, LeanLexer, UNREADABLE, UnsupportedTokens, type TokenType } from '../../src/language/lean/lean-lexer.js';

// The lean lexer must cut text into the tokens Langium's (Chevrotain's) lexer gives: same
// types, same offsets, and stop where Chevrotain reports its first error.

const langiumLexer = createJourneyServices(EmptyFileSystem).Journey.parser.Lexer;
const definition = Object.values(langiumLexer.definition as Record<string, TokenType>);
const lexer = new LeanLexer(definition);

type Token = { type: string; start: number; end: number };

/** Lean tokens, then where it stopped: the end, or the first character it could not read. */
function leanTokens(text: string): { tokens: Token[]; stop: { unreadableAt?: number } } {
    const stream = lexer.tokens(text);
    const tokens: Token[] = [];
    while (stream.type !== END_OF_INPUT && stream.type !== UNREADABLE) {
        tokens.push({ type: lexer.tokenTypes[stream.type].name, start: stream.start, end: stream.end });
        stream.advance();
    }
    return { tokens, stop: stream.type === UNREADABLE ? { unreadableAt: stream.start } : {} };
}

/** Chevrotain's tokens up to its first error, and where that error is. */
function chevrotainTokens(text: string): { tokens: Token[]; stop: { unreadableAt?: number } } {
    const result = langiumLexer.tokenize(text);
    const firstError = result.errors.length ? Math.min(...result.errors.map(error => error.offset)) : undefined;
    const tokens = result.tokens
        .filter(token => firstError === undefined || token.startOffset < firstError)
        .map(token => ({ type: token.tokenType.name, start: token.startOffset, end: token.endOffset! + 1 }));
    return { tokens, stop: firstError === undefined ? {} : { unreadableAt: firstError } };
}

function journeyTexts(root: string): string[] {
    return readdirSync(root).flatMap(entry => {
        const full = join(root, entry);
        if (statSync(full).isDirectory()) return journeyTexts(full);
        return entry.endsWith('.journey') ? [readFileSync(full, 'utf8')] : [];
    });
}

describe('lean lexer', () => {
    it('cuts every example and a generated journey as Chevrotain does', () => {
        const texts = [...journeyTexts('examples'), generateJourney(500, { seed: 5, perStage: 25, detail: 1 })];
        let compared = 0;
        for (const text of texts) {
            const lean = leanTokens(text);
            expect(lean.stop).toEqual({});
            expect(lean).toEqual(chevrotainTokens(text));
            compared += lean.tokens.length;
        }
        expect(compared).toBeGreaterThan(10_000);
    });

    it('follows keyword, longer-alternative and terminal order on tricky words', () => {
        // `days` a keyword, `dayz` an id, `d` a keyword, `dx` an id, `J+1` a day offset, `J` an id,
        // ids and whitespace running into characters past ASCII…
        const text = 'days dayz day d dx h hx J+1 J D+12 Dd p90 p90x 2027-06 2027-06-30 +3.5 -2 12 ≥ >= > "é\\"x" // c\n/* m\n */ é_1 _x Réception2 aé\u00A0b\u2003 \u00A0 \t\r\n z';
        const lean = leanTokens(text);
        expect(lean.stop).toEqual({});
        expect(lean).toEqual(chevrotainTokens(text));
    });

    it('stops where Chevrotain reports its first error', () => {
        for (const text of ['stage S @ x', 'touchpoint "open', 'a /* open', 'x # y', 'emoji 😀 here', 'kpi K\u0000']) {
            const lean = leanTokens(text);
            expect(lean.stop.unreadableAt, text).toBeDefined();
            expect(lean, text).toEqual(chevrotainTokens(text));
        }
    });

    it('agrees with Chevrotain on randomly edited examples', () => {
        const pieces = ['"', '"x"', '/*', '*/', '//', '\n', ' ', '\t', '@', '#', '😀', 'é', 'Ω', '€', '$', '≥', '≤', '>=', '<', '=', 'J+', 'J+1', 'D+', '+', '-',
            '.5', '2027-', '2027-06-3', 'days', 'dayz', 'h', 'p9', '0', '_', '\\', '{', '}'];
        let stopped = 0;
        fc.assert(fc.property(
            fc.constantFrom(...journeyTexts('examples')),
            fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 6 }),
            (text, edits) => {
                let edited = text;
                for (const { at, remove, insert } of edits) {
                    const position = at % (edited.length + 1);
                    edited = edited.slice(0, position) + insert + edited.slice(position + remove);
                }
                const lean = leanTokens(edited);
                if (lean.stop.unreadableAt !== undefined) stopped++;
                expect(lean).toEqual(chevrotainTokens(edited));
            }
        ), { numRuns: 500, seed: 20261123 });
        // Both readable and unreadable texts were compared.
        expect(stopped).toBeGreaterThan(20);
        expect(stopped).toBeLessThan(480);
    });

    it('leaves out category-only token types, as Chevrotain does', () => {
        const category = { ...definition[0], name: 'CATEGORY', PATTERN: /NOT_APPLICABLE/, LONGER_ALT: undefined } as unknown as TokenType;
        const withCategory = new LeanLexer([category, ...definition]);
        const stream = withCategory.tokens('NOT_APPLICABLE');
        expect(withCategory.tokenTypes[stream.type].name).toBe(chevrotainTokens('NOT_APPLICABLE').tokens[0].type);
        expect(stream.end).toBe('NOT_APPLICABLE'.length);
    });

    it('refuses token definitions it cannot follow', () => {
        const custom = { ...definition[0], name: 'CUSTOM', PATTERN: () => null } as unknown as TokenType;
        expect(() => new LeanLexer([custom, ...definition])).toThrow(UnsupportedTokens);
        const moded = { ...definition[0], name: 'MODED', PUSH_MODE: 'other' } as unknown as TokenType;
        expect(() => new LeanLexer([moded])).toThrow(UnsupportedTokens);
    });
});
