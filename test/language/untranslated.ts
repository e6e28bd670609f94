/**
 * What tells an English text left in a French surface: the product's English vocabulary, read
 * from the catalogues (the words of the English messages that no French message uses), and the
 * text a person reads in HTML, SVG, Markdown and plain text. Used by untranslated.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { Parser } from 'htmlparser2';
import { grammarKeywords } from '../../src/language/grammar-keywords.js';
import { JourneyLanguageGrammar } from '../../src/language/generated/grammar.js';
import { catalogue, type Locale } from '../../src/language/i18n/i18n.js';

/** Words of a text, lower-cased; apostrophes and hyphens split them (`l'étape` → `l`, `étape`). */
export function wordsOf(text: string): string[] {
    return (text.match(/\p{L}+/gu) ?? []).map(word => word.toLowerCase());
}

/** The literal text of an ICU message: placeholders, plural and select keys left out, their branches' text kept. */
function literals(elements: MessageFormatElement[], into: string[] = []): string[] {
    for (const element of elements) {
        if (element.type === TYPE.literal) into.push(element.value);
        if (element.type === TYPE.plural || element.type === TYPE.select) {
            for (const option of Object.values(element.options)) literals(option.value, into);
        }
        if (element.type === TYPE.tag) literals(element.children, into);
    }
    return into;
}

/** Every word the messages of `locale` write. */
export function catalogueWords(locale: Locale): Set<string> {
    // Code a message quotes (`<code>touchpoint …</code>`, `journey check`) is the language's keywords, not prose.
    const prose = (text: string) => text.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/`[^`]*`/g, ' ');
    return new Set(Object.values(catalogue(locale)).flatMap(text => literals(parse(text, { ignoreTag: true })).map(prose).flatMap(wordsOf)));
}

/**
 * The product's English: the words of the English catalogue that the French one never writes
 * (`stage`, `touchpoint`, `missed`, `with`, `the`…). A word both catalogues write (`KPI`,
 * `segment`, `minutes`) tells nothing and is left out.
 */
export function englishVocabulary(): Set<string> {
    const french = catalogueWords('fr');
    // One letter says nothing (the `s` of `job's`).
    return new Set([...catalogueWords('en')].filter(word => word.length > 1 && !french.has(word)));
}

const KEYWORDS = new Set([...grammarKeywords(JourneyLanguageGrammar())].map(keyword => keyword.toLowerCase()));

/**
 * The words that come from a folder's journey files and data: quoted texts, and ids (every
 * word that is not a keyword of the grammar); comments left out. Data files give the values
 * their rows hold (segments, channels), headers left out. Keywords stay in the vocabulary: a
 * map that writes `touchpoint` where French says `point de contact` is caught.
 */
export function journeyWords(folder: string): Set<string> {
    const words = new Set<string>();
    for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(journey|csv|jsonl|json)$/.test(file)) continue;
        const text = readFileSync(path.join(folder, file), 'utf8');
        if (file.endsWith('.journey')) {
            const code = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
            for (const quoted of code.matchAll(/"((?:\\.|[^"\\])*)"/g)) for (const word of wordsOf(quoted[1])) words.add(word);
            for (const id of code.replace(/"(?:\\.|[^"\\])*"/g, ' ').matchAll(/[_\p{L}][\w\p{L}]*/gu)) {
                if (!KEYWORDS.has(id[0].toLowerCase())) for (const word of wordsOf(id[0])) words.add(word);
            }
        } else {
            for (const word of wordsOf(text.slice(text.indexOf('\n') + 1))) words.add(word);
        }
    }
    return words;
}

/** Attributes a person reads (or hears, with a screen reader). */
const READ_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'alt', 'placeholder', 'label'];

/**
 * The texts a person reads in an HTML page or an SVG document: text nodes outside scripts and
 * styles, the read attributes, `<title>` and `<meta name="description">`. `skip` names classes
 * whose elements are left out, with their content.
 */
export function readTexts(markup: string, options: { xml?: boolean; skip?: string[] } = {}): string[] {
    const texts: string[] = [];
    const stack: boolean[] = [];
    let hidden = 0;
    const parser = new Parser({
        onopentag(name, attributes) {
            const skipped = name === 'script' || name === 'style' || (options.skip ?? []).some(c => (attributes.class ?? '').split(/\s+/).includes(c));
            stack.push(skipped);
            if (skipped) hidden++;
            if (hidden) return;
            for (const attribute of READ_ATTRIBUTES) if (attributes[attribute]?.trim()) texts.push(attributes[attribute]);
            if (name === 'meta' && attributes.name === 'description' && attributes.content) texts.push(attributes.content);
        },
        onclosetag() {
            if (stack.pop()) hidden--;
        },
        ontext(text) {
            if (!hidden && text.trim()) texts.push(text.trim());
        }
    }, { decodeEntities: true, xmlMode: options.xml ?? false, recognizeSelfClosing: true });
    parser.write(markup);
    parser.end();
    return texts;
}

/** The prose of a Markdown text: code spans and blocks (paths, ids, commits) and link targets left out, HTML read as HTML. */
export function markdownTexts(markdown: string): string[] {
    const prose = markdown.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ').replace(/\]\([^)]*\)/g, '] ');
    return readTexts(prose);
}

/** File paths, commits and URLs say nothing of the language: out of a plain text. */
export function withoutNames(text: string): string {
    return text.replace(/\bhttps?:\/\/\S+/g, ' ').replace(/[\w./-]*\.(journey|csv|jsonl|json|svg|md|html|pdf)\b/g, ' ').replace(/\b[0-9a-f]{7,40}\b/g, ' ');
}

export interface Leftover {
    surface: string;
    text: string;
    words: string[];
}

/** The texts of `surface` that hold words of the English vocabulary that are no word of the journeys. */
export function englishLeft(surface: string, texts: string[], vocabulary: Set<string>, fromJourneys: Set<string>): Leftover[] {
    const found: Leftover[] = [];
    for (const text of texts) {
        const words = wordsOf(withoutNames(text)).filter(word => vocabulary.has(word) && !fromJourneys.has(word));
        if (words.length) found.push({ surface, text: text.length > 160 ? `${text.slice(0, 160)}…` : text, words: [...new Set(words)] });
    }
    return found;
}
