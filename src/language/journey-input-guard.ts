/**
 * The input guard: what the parser should not even try to read (a huge file, binary data,
 * another kind of file), said in one clear error. Used by the journey parser (journey-parser.ts)
 * and by completion.
 */

/** Larger files are not analysed: parsing them would block the language server for seconds. */
export const MAX_ANALYSED_CHARACTERS = 1_000_000;
/** More characters than this that cannot appear outside quotes, and the file is not a journey. */
const MAX_FOREIGN_CHARACTERS = 200;

const STRING = /"(?:\\.|[^"\\])*"/y;
const COMMENT = /\/\*[\s\S]*?\*\/|\/\/[^\n\r]*/y;
/** Characters that may appear outside quotes and comments. */
const JOURNEY_CHARACTER = /[\s\w\u00C0-\u024F{}(),.%€$<>=≥≤+-]/;
const LATIN_END = 0x250;
const LATIN_JOURNEY_CHARACTERS = Array.from({ length: LATIN_END }, (_, code) => JOURNEY_CHARACTER.test(String.fromCharCode(code)));

export type Refusal = { message: string; offset: number };

/**
 * Why `text` should not be parsed (too large, binary, not a journey), or undefined. Cheap: one
 * pass over the characters, where the lexer would spend tens of microseconds on every character
 * it cannot read.
 */
export function refusalReason(text: string): Refusal | undefined {
    return sizeOrBinaryRefusal(text) ?? foreignTextRefusal(text);
}

/** The cheap part of `refusalReason`: too large, or binary. */
export function sizeOrBinaryRefusal(text: string): Refusal | undefined {
    if (text.length > MAX_ANALYSED_CHARACTERS) {
        const megabytes = (text.length / 1_000_000).toFixed(1);
        return { offset: 0, message: `${TOO_LARGE_MESSAGE} ${megabytes}` };
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return { offset: nul, message: BINARY_MESSAGE };
    // Bytes that are not UTF-8 are read as U+FFFD, by the CLI as by editors: an accent saved in
    // Latin-1 would otherwise go into every map as "Adh�sion", and an id holding one would not parse.
    const replaced = text.indexOf('\uFFFD');
    if (replaced >= 0) return { offset: replaced, message: NOT_UTF8_MESSAGE };
    return undefined;
}

/*
 * The refusals travel as lexer errors, which carry a message only: these codes name them, and
 * journey-diagnostics.ts (friendlySyntaxMessage) words them from the catalogues in the reader's
 * language. The size of a too large file follows its code.
 */
/** A file holding U+FFFD (the mark of bytes that were not UTF-8). */
export const NOT_UTF8_MESSAGE = 'journey-input-guard:not-utf8';
/** A file holding a NUL byte. */
export const BINARY_MESSAGE = 'journey-input-guard:binary';
/** A file over MAX_ANALYSED_CHARACTERS, followed by its size in millions of characters. */
export const TOO_LARGE_MESSAGE = 'journey-input-guard:too-large';
/** A file with more than MAX_FOREIGN_CHARACTERS characters that cannot appear outside quotes. */
export const FOREIGN_MESSAGE = 'journey-input-guard:foreign';
export { MAX_FOREIGN_CHARACTERS };

/** The rest of `refusalReason`: too many characters that cannot appear outside quotes. */
export function foreignTextRefusal(text: string): Refusal | undefined {
    let count = 0;
    let first = -1;
    for (let offset = 0; offset < text.length;) {
        const code = text.charCodeAt(offset);
        // Quoted text and comments may hold anything; an unclosed quote or comment is itself foreign.
        const skipped = code === 0x22 ? STRING : code === 0x2f ? COMMENT : undefined;
        if (skipped) {
            skipped.lastIndex = offset;
            if (skipped.test(text)) {
                offset = skipped.lastIndex;
                continue;
            }
        }
        if (!(code < LATIN_END ? LATIN_JOURNEY_CHARACTERS[code] : JOURNEY_CHARACTER.test(text[offset]))) {
            if (first < 0) first = offset;
            if (++count > MAX_FOREIGN_CHARACTERS) {
                return { offset: first, message: FOREIGN_MESSAGE };
            }
        }
        offset++;
    }
    return undefined;
}
