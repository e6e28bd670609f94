/**
 * The second guard of issue 17: no English sentence written in the code, outside the catalogues.
 * The TypeScript sources are read with the compiler's own parser; a string literal (or a piece
 * of a template) whose text outside HTML tags holds two words of the product's English
 * vocabulary in a row (untranslated.ts: the English catalogue's words the French one never
 * writes) is a sentence a person might read, and fails here unless ALLOWED says why it is none.
 * It catches what untranslated.test.ts cannot reach by drawing the examples: error paths, CI
 * messages, rare banners. Codes and ids (no space), message keys and imports are not text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/language/i18n/i18n.js';
import { englishVocabulary, wordsOf } from './untranslated.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

interface Allowed {
    /** A file, or a folder (ending with `/`), under src/. */
    where: string;
    /** Part of the literal; none: every literal of `where`. */
    text?: string;
    reason: string;
}

/** Literals that are no sentence a person reads in the product, each with its reason. */
const ALLOWED: Allowed[] = [
    // Code, not prose.
    { where: 'render/map-html.ts', text: 'top:calc(', reason: 'an inline style (CSS `left` and `top`)' },
    { where: 'render/overview-html.ts', text: 'document.querySelector', reason: 'the overview\'s inline script: code and its comments' },
    { where: 'language/lean/', reason: 'the lean parser\'s generator and its internal errors: a build step and programming errors, met by developers only' },
    // Programming errors: a broken build or a bug, not something a user can act on.
    { where: 'language/grammar-keywords.ts', reason: 'the journey language\'s own keywords (the words of the first edition), the reasons a keyword is reserved (read by the tests of the grammar) and the internal errors of a broken grammar' },
    { where: 'language/journey-scope.ts', text: 'has no name', reason: 'Langium\'s own internal error, for a node the scope should never describe' },
    { where: 'diff/diff-engine.ts', text: 'has no comparison for the fact', reason: 'a fact added to the model without its comparison: a bug, caught by the diff tests' },
    { where: 'server/client-file-system.ts', text: 'asynchronously only', reason: 'a synchronous read in the browser server: a bug' },
    // SQL: the names of a query's tables.
    { where: 'metrics/kpi-sql.ts', text: 'checks AS (SELECT', reason: 'a SQL query (a table named checks)' },
    { where: 'metrics/kpi-sql.ts', text: 'FROM rounds WHERE end_ts', reason: 'a SQL query (a table named rounds)' },
    { where: 'metrics/source-input.ts', text: 'SELECT answers.*', reason: 'a SQL query (a table named answers)' },
    { where: 'diff/apply-diff.ts', text: 'not found', reason: 'a diff that does not apply to the model it was computed from: a bug' },
    { where: 'language/model/build-model.ts', text: 'Unknown measure', reason: 'a measure of the grammar the model does not know: a bug' },
    // Logs for troubleshooting, in the editor's Output panel or the server's stderr, with a library's English error in them.
    { where: 'language/lsp/journey-document-update-handler.ts', text: 'could not build the changed documents', reason: 'console log of an unexpected build failure, with its stack' },
    { where: 'server/kpi-engine-node.ts', text: 'cannot load here', reason: 'Output-panel log when DuckDB cannot load, with its English error' },
    { where: 'server/kpi-engine-node.ts', text: 'are computed by', reason: 'the same log, continued' },
    { where: 'server/server-workspace.ts', text: 'Cannot read the folder', reason: 'Output-panel log of a file-system error, with its English error' }
];

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
        return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}

export interface Sentence {
    file: string;
    line: number;
    text: string;
}

/** The literals of a TypeScript text that read as English sentences of the product. */
export function englishSentences(file: string, code: string, vocabulary: Set<string>, keys: Set<string>): Sentence[] {
    const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
    const found: Sentence[] = [];
    const visit = (node: ts.Node) => {
        // A template is read whole, its placeholders as `{}`: `The stage ${id} has no owner.`
        const text = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text
            : ts.isTemplateExpression(node) ? node.head.text + node.templateSpans.map(span => `{}${span.literal.text}`).join('') : undefined;
        const imported = text !== undefined && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent)
            || (ts.isCallExpression(node.parent) && node.parent.expression.kind === ts.SyntaxKind.ImportKeyword));
        // Codes, ids, class lists and selectors (`off-track`, `jm-cell jm-kpis-stage`, `select.jm-filter, input.jm-hide`) are no text.
        const codes = text !== undefined && text.trim().split(/\s+/).every(token => /^[\w:.,#[\]="'>*()]*-[\w:.,#[\]="'>*()-]*$/.test(token) || !/\s/.test(text.trim()));
        // Markup's attributes alone (` font-size="11" fill="${color}"`) are no text either.
        const attributesOnly = text !== undefined && /^(\s*[\w:-]+="[^"]*")+\s*$/.test(text);
        if (text !== undefined && !codes && !attributesOnly && !keys.has(text) && !imported) {
            // What a person reads of it: the text between tags (the end of a tag opened in the previous piece, the start of one closed in the next, left out).
            // The read attributes' values too (title, aria-label, alt…).
            const attributes = [...text.matchAll(/\b(?:title|aria-label|aria-description|alt|placeholder|label)="([^"]*)"/g)].map(match => match[1]);
            // Of a stylesheet, only what it writes on the page: `content: "…"`.
            const stylesheet = /[.#\w-]+\s*\{[^{}]*:[^{}]*\}/.test(text);
            const prose = stylesheet ? [...text.matchAll(/content:\s*"([^"]*)"/g)].map(match => match[1]).join(' \u0000 ')
                : [text.replace(/<[^<>]*>/g, ' ').replace(/^[^<]*>/, ' ').replace(/<[^>]*$/, ' '), ...attributes].join(' \u0000 ');
            let run = 0;
            // Words in capitals and snake_case names are SQL's or codes (`SELECT start_ts AS n`), not prose.
            for (const word of wordsOf(prose.replace(/\b\p{Lu}{2,}\b|\b\w*_\w*\b/gu, ' \u0000 '))) {
                run = vocabulary.has(word) ? run + 1 : 0;
                // What a stylesheet writes is shown as it is: one word is enough.
                if (run >= (stylesheet ? 1 : 2)) {
                    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
                    break;
                }
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

const allows = (sentence: Sentence) => (entry: Allowed) =>
    (entry.where.endsWith('/') ? sentence.file.startsWith(entry.where) : sentence.file === entry.where) && (entry.text === undefined || sentence.text.includes(entry.text));

describe('English sentences in the code', () => {
    const vocabulary = englishVocabulary();
    const keys = new Set(Object.keys(catalogue('en')));
    const sentences = sourceFiles(SRC).flatMap(full => englishSentences(path.relative(SRC, full).split(path.sep).join('/'), readFileSync(full, 'utf8'), vocabulary, keys));

    it('are all in the catalogues: none is left in a string literal, but those ALLOWED says are no text a person reads', () => {
        const left = sentences.filter(sentence => !ALLOWED.some(allows(sentence)));
        expect(left.map(s => `src/${s.file}:${s.line}: ${JSON.stringify(s.text.length > 120 ? `${s.text.slice(0, 120)}…` : s.text)}`).join('\n')).toBe('');
    });

    it('has no allowance left that nothing needs', () => {
        expect(ALLOWED.filter(entry => !sentences.some(sentence => allows(sentence)(entry))).map(entry => `${entry.where} ${entry.text ?? ''}`)).toEqual([]);
    });

    it('catches an English sentence in a template, in a tag\'s text or an attribute, a word a stylesheet writes, and not a code, a key, markup or style rules', () => {
        const code = [
            'const a = `<text x="${x}">no touchpoint</text>`;',
            'const b = `<span title="the stage has no owner">${t}</span>`;',
            "const c = m.t('map.noTouchpoint');",
            "const d = 'off-track';",
            "import { x } from './the stage.js';",
            'const e = `<div class="jm-legend jm-emotion">`;',
            'const f = `.jm-diff::before { content: "+ added"; font-size: .75em; } .jm-emo-negative { color: red; }`;',
            'const g = `.jm-emo-negative, .jm-emo-neutral { background: var(--jm-card); }`;',
            'const h = ` font-size="11" fill="${color}"`;'
        ].join('\n');
        expect(englishSentences('sample.ts', code, vocabulary, keys).map(s => s.line)).toEqual([1, 2, 7]);
    });
});
