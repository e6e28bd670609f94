/**
 * Readable ids derived from free titles, for journey files written by importers: ASCII
 * PascalCase (accents folded: "Réception de la carte" → `ReceptionDeLaCarte`), valid for the
 * language's ID terminal, never a keyword, unique within their namespace.
 */
import { JourneyLanguageGrammar } from '../language/generated/grammar.js';
import { wordKeywords } from '../language/grammar-keywords.js';

/** The keywords of the journey grammar an id could be spelt as, read from the grammar once. */
let keywords: ReadonlySet<string> | undefined;
export function journeyWordKeywords(): ReadonlySet<string> {
    return (keywords ??= wordKeywords(JourneyLanguageGrammar()));
}

/** Letters that Unicode decomposition does not reduce to ASCII. */
const SPECIAL_LETTERS: Record<string, string> = {
    'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D',
    'ł': 'l', 'Ł': 'L', 'þ': 'th', 'Þ': 'Th', 'ı': 'i', 'ħ': 'h', 'Ħ': 'H', 'ŋ': 'ng', 'Ŋ': 'Ng'
};

/** Longest id derived from a title; longer titles are cut at a word boundary. */
const MAX_ID_LENGTH = 40;

/** ASCII letters and digits of `title` as PascalCase words; '' when nothing is left. */
export function idWords(title: string): string {
    const folded = /^[\x20-\x7e]*$/.test(title) ? title : title
        .replace(/[ßẞæÆœŒøØđĐðÐłŁþÞıħĦŋŊ]/g, letter => SPECIAL_LETTERS[letter] ?? letter)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '');
    let id = '';
    for (const word of folded.split(/[^A-Za-z0-9]+/)) {
        if (word === '') continue;
        const next = word[0].toUpperCase() + word.slice(1);
        if (id.length > 0 && id.length + next.length > MAX_ID_LENGTH) break;
        id += next.slice(0, MAX_ID_LENGTH);
    }
    return id;
}

/** Hands out ids in one namespace (the workspace's, or one journey's members). */
export class IdAllocator {
    private readonly used = new Set<string>();
    private readonly nextNumber = new Map<string, number>();

    /** Marks ids as taken (ids already in the file, or in the workspace). */
    reserve(...ids: string[]): void {
        for (const id of ids) this.used.add(id);
    }

    /** A fresh id for `title`; `fallback` (a word such as `Stage`) when the title has no letter or starts with a digit. */
    allocate(title: string, fallback: string): string {
        let base = idWords(title);
        if (base === '') base = fallback;
        else if (/^[0-9]/.test(base)) base = fallback + base;
        let id = base;
        const separator = /[0-9]$/.test(base) ? '_' : '';
        // Numbering resumes where it stopped for this base: many equal titles stay linear.
        let n = this.nextNumber.get(base) ?? 2;
        const keywords = journeyWordKeywords();
        while (this.used.has(id) || keywords.has(id)) id = `${base}${separator}${n++}`;
        if (id !== base) this.nextNumber.set(base, n);
        this.used.add(id);
        return id;
    }
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0', '"': '\\"', '\\': '\\\\' };

/** A journey-language string literal: quotes, backslashes and control characters escaped (NUL as `\0`). */
export function journeyString(text: string): string {
    return '"' + text.replace(/[\\"\n\r\t\b\f\v\0]/g, c => ESCAPES[c]) + '"';
}
