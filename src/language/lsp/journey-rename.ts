import { CstUtils, isReference, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ResponseError, ErrorCodes, type CancellationToken, type Range, type RenameParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { isJourney } from '../generated/ast.js';
import type { JourneyServices } from '../journey-module.js';
import { isJourneyMember, owningJourney } from '../journey-naming.js';
import { idPattern, reservedWords } from '../grammar-keywords.js';
import type { JourneySettings } from '../journey-settings.js';

/**
 * Renames an id and every reference to it, in every file. A reference written `Journey.Member`
 * keeps its journey part; renaming a journey also rewrites the journey part of such references.
 * Refuses names that are not ids (or are reserved keywords), with a message saying why.
 */
export class JourneyRenameProvider extends DefaultRenameProvider {
    private readonly keywords: Set<string>;
    private readonly idPattern: RegExp;
    private readonly documents: LangiumDocuments;
    private readonly settings: JourneySettings;

    constructor(services: JourneyServices) {
        super(services);
        this.settings = services.JourneySettings;
        // A word of the language a name may be spelt as (`in`, `goal`) is a valid new name.
        this.keywords = reservedWords(services.Grammar);
        this.idPattern = idPattern(services.Grammar);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /** Why `name` cannot be an id, or undefined when it can. */
    invalidNameReason(name: string): string | undefined {
        const m = this.settings.messages;
        if (!this.idPattern.test(name)) return m.t('rename.notAnId', { name });
        if (this.keywords.has(name)) return m.t('rename.keyword', { name });
        return undefined;
    }

    override async rename(document: LangiumDocument, params: RenameParams, _cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const reason = this.invalidNameReason(params.newName);
        if (reason) throw new ResponseError(ErrorCodes.InvalidParams, reason);
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, range: Range) => (changes[uri] ??= []).push({ range, newText: params.newName });
        for (const reference of this.references.findReferences(target, { includeDeclaration: true })) {
            add(reference.sourceUri.toString(), lastSegment(reference.segment.range, this.textOf(reference.sourceUri.toString(), reference.segment.range)));
        }
        if (isJourney(target)) this.renameJourneyPrefixes(target.name, target, add);
        return { changes };
    }

    private targetAt(document: LangiumDocument, position: RenameParams['position']): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const target = this.references.findDeclarations(leaf)[0];
        // In `Journey.Member`, the cursor on `Journey` (followed by the dot) names the journey, as prepareRename shows.
        if (target && isJourneyMember(target) && CstUtils.getNextNode(leaf, false)?.text === '.') return owningJourney(target);
        return target;
    }

    /** `Adhesion.Signature` references point at the touchpoint; their `Adhesion.` part names the journey. */
    private renameJourneyPrefixes(oldName: string, journey: AstNode, add: (uri: string, range: Range) => void): void {
        for (const document of this.documents.all) {
            for (const reference of document.references) {
                const text = reference.$refText;
                const ref = reference.$refNode;
                if (!ref || !text.startsWith(`${oldName}.`)) continue;
                const target = isReference(reference) ? reference.ref : undefined;
                if (target && isJourneyMember(target) && owningJourney(target) === journey) {
                    const start = ref.range.start;
                    add(document.uri.toString(), { start, end: { line: start.line, character: start.character + oldName.length } });
                }
            }
        }
    }

    private textOf(uri: string, range: Range): string {
        const document = this.documents.all.find(d => d.uri.toString() === uri);
        return document ? document.textDocument.getText(range) : '';
    }

    override prepareRename(document: LangiumDocument, params: { position: RenameParams['position'] }): Range | undefined {
        const range = this.renameNodeRange(document, params.position);
        return range && lastSegment(range, document.textDocument.getText(range));
    }
}

/** The range of the last id of `Journey.Member` (single-line references only). */
function lastSegment(range: Range, text: string): Range {
    const last = /[_a-zA-Z\u00C0-\u024F][\w\u00C0-\u024F]*$/.exec(text);
    if (!last || last.index === 0 || range.start.line !== range.end.line) return range;
    return { start: { line: range.start.line, character: range.start.character + last.index }, end: range.end };
}

