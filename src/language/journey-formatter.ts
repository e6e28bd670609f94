import { CstUtils, GrammarAST, type AstNode, type CstNode, type Grammar, type LangiumDocument, type LeafCstNode, type MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, FormattingOptions, Range, TextEdit
} from 'vscode-languageserver';
import { isModel } from './generated/ast.js';
import { lineStartElements } from './grammar-keywords.js';

const NO_SPACE_BEFORE = new Set([',', ')', '.']);
const NO_SPACE_AFTER = new Set(['(', '.']);

/**
 * The canonical layout: one fact per line, two-space indentation per block, one space between
 * the words of a line, at most one blank line, comments kept where they are. Only whitespace
 * between tokens changes, so the result parses to the same model, and formatting it again
 * changes nothing. Which tokens begin a line is read from the grammar, per rule
 * (`lineStartElements`): a token begins a line when the grammar element that read it begins a
 * fact of a body, whatever its spelling.
 */
export class JourneyFormatter implements Formatter {
    private readonly lineStarts: Set<GrammarAST.AbstractElement>;

    constructor(grammar: Grammar) {
        this.lineStarts = lineStartElements(grammar);
    }

    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return this.format(document, params.options);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        return this.format(document, params.options, params.range);
    }

    formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        return [];
    }

    get formatOnTypeOptions(): undefined {
        return undefined;
    }

    /** Text edits turning `document` into its canonical layout; none when it does not parse. */
    format(document: LangiumDocument, options: Partial<FormattingOptions> = {}, range?: Range): TextEdit[] {
        const { parseResult, textDocument } = document;
        const root = parseResult.value.$cstNode;
        if (!root || parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return [];
        const unit = options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize ?? 2);
        const text = textDocument.getText();
        const leaves = CstUtils.flattenCst(root).toArray();
        const lineStarts = lineStartingLeaves(root, this.lineStarts);
        const edits: TextEdit[] = [];
        let depth = 0;
        let previous: LeafCstNode | undefined;
        let previousEnd = 0;
        for (const leaf of leaves) {
            if (leaf.text === '}') depth--;
            const gap = text.slice(previousEnd, leaf.offset);
            const wanted = this.gap(previous, leaf, gap, depth, unit, lineStarts);
            if (wanted !== gap && (!range || overlaps(range, previousEnd, leaf.offset, textDocument))) {
                edits.push({ range: { start: textDocument.positionAt(previousEnd), end: textDocument.positionAt(leaf.offset) }, newText: wanted });
            }
            if (leaf.text === '{') depth++;
            previous = leaf;
            previousEnd = leaf.end;
        }
        const ending = text.slice(previousEnd);
        const wantedEnding = previous ? '\n' : '';
        if (ending !== wantedEnding && (!range || overlaps(range, previousEnd, text.length, textDocument))) {
            edits.push({ range: { start: textDocument.positionAt(previousEnd), end: textDocument.positionAt(text.length) }, newText: wantedEnding });
        }
        return edits;
    }

    /** The whitespace that belongs between `previous` and `leaf`. */
    private gap(previous: LeafCstNode | undefined, leaf: LeafCstNode, original: string, depth: number, unit: string, lineStarts: Set<CstNode>): string {
        if (!previous) return '';
        const newlines = (original.match(/\n/g) ?? []).length;
        const line = (blank: boolean) => (blank ? '\n\n' : '\n') + unit.repeat(Math.max(depth, 0));
        if (leaf.text === '}' && !leaf.hidden) return previous.text === '{' ? '' : line(false);
        if (isLineComment(previous)) return line(newlines > 1 && previous.text !== '{');
        if (leaf.hidden) {
            // A comment stays at the end of its line, or on a line of its own.
            return newlines === 0 ? ' ' : line(newlines > 1 && previous.text !== '{');
        }
        if (lineStarts.has(leaf)) {
            const blank = previous.text !== '{' && (newlines > 1 || (depth === 0 && this.isBlockBoundary(previous, leaf)));
            return line(blank);
        }
        if (previous.hidden && newlines > 0) return line(false);
        if (NO_SPACE_BEFORE.has(leaf.text) || NO_SPACE_AFTER.has(previous.text) || leaf.text === '(') return '';
        // `95%` sticks to its number; `unit %` keeps its space.
        if (leaf.text === '%' && /^[+-]?\d/.test(previous.text)) return '';
        return ' ';
    }

    /** Top-level blocks (a journey, a KPI with a body) are set apart by a blank line. */
    private isBlockBoundary(previous: LeafCstNode, next: LeafCstNode): boolean {
        const element = topLevelElement(next);
        return previous.text === '}' || (element?.$cstNode !== undefined && ownKeywords(element.$cstNode, element).some(leaf => leaf.text === '{'));
    }
}

function topLevelElement(leaf: CstNode): AstNode | undefined {
    let node: AstNode | undefined = leaf.astNode;
    while (node && node.$container && !isModel(node.$container)) node = node.$container;
    return node && isModel(node.$container) ? node : undefined;
}

function isLineComment(leaf: LeafCstNode): boolean {
    return leaf.hidden && leaf.text.startsWith('//');
}

/** The first token of every line in the canonical layout: the first of each node read by a line-starting grammar element. */
function lineStartingLeaves(root: CstNode, lineStarts: Set<GrammarAST.AbstractElement>): Set<CstNode> {
    const starts = new Set<CstNode>();
    for (const node of CstUtils.streamCst(root)) {
        if (!node.grammarSource || !lineStarts.has(node.grammarSource)) continue;
        const first = CstUtils.flattenCst(node).find(leaf => !leaf.hidden);
        if (first) starts.add(first);
    }
    return starts;
}

/** Keyword tokens that belong to `node` itself, not to a nested element. */
function ownKeywords(cst: CstNode, node: AstNode): LeafCstNode[] {
    return CstUtils.flattenCst(cst).filter(leaf => !leaf.hidden && leaf.astNode === node && GrammarAST.isKeyword(leaf.grammarSource)).toArray();
}

function overlaps(range: Range, start: number, end: number, document: LangiumDocument['textDocument']): boolean {
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    return start <= to && end >= from;
}
