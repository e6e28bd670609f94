import { CstUtils, GrammarUtils, type AstNode, type LangiumDocument, type LangiumDocuments, type Reference } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isChannel, isModel, isOrganisation, isPersona, isRole, isSegment, isTarget, isTeam, type Model, type Target } from '../generated/ast.js';
import { Codes } from '../journey-diagnostics.js';
import type { JourneyServices } from '../journey-module.js';
import type { NotationData } from '../journey-notation.js';

type CatalogKind = 'channel' | 'persona' | 'segment' | 'team' | 'role' | 'organisation';

const KINDS_OF_REFERENCE: Record<string, CatalogKind[]> = {
    Channel: ['channel'], Persona: ['persona'], Team: ['team'], Actor: ['persona', 'team', 'role', 'organisation'],
    Segment: ['segment'], Role: ['role'], Organisation: ['organisation'], Performer: ['team', 'role', 'organisation'], Audience: ['persona', 'segment']
};

const FLIPPED: Record<string, string> = { '>=': '<=', '≥': '<=', '<=': '>=', '≤': '>=', '>': '<', '<': '>' };

interface LinkingData { containerType?: string; property?: string; refText?: string }

/**
 * Quick fixes: declare a missing channel, persona or team in the workspace's catalog file; turn
 * a target's comparator the way the KPI's direction says; write `>=`, `<=` and canonical units.
 */
export class JourneyCodeActionProvider implements CodeActionProvider {
    private readonly documents: LangiumDocuments;
    private readonly services: JourneyServices;

    constructor(services: JourneyServices) {
        this.services = services;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                if (diagnostic.code === Codes.unresolvedReference) actions.push(...this.declareMissing(document, diagnostic));
                else if (diagnostic.code === Codes.comparatorContradictsDirection) actions.push(...this.flipComparator(document, diagnostic));
                else if (diagnostic.code === Codes.nonStandardNotation) actions.push(...this.normalise(document, diagnostic));
                else if (diagnostic.code === Codes.syntaxError) actions.push(...this.replaceWords(document, diagnostic));
            } catch {
                // A fix that cannot be computed is simply not offered.
            }
        }
        const fixAll = this.normaliseAll(document);
        if (fixAll && (params.context.only === undefined || params.context.only.some(kind => CodeActionKind.SourceFixAll.startsWith(kind)) || actions.some(a => a.diagnostics?.some(d => d.code === Codes.nonStandardNotation)))) {
            actions.push(fixAll);
        }
        return actions;
    }

    private declareMissing(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as LinkingData | undefined;
        const id = data?.refText;
        if (!id || !data.containerType || !data.property || !/^[_a-zA-Z\u00C0-\u024F][\w\u00C0-\u024F]*$/.test(id)) return [];
        const referenceType = this.services.shared.AstReflection.getReferenceType({
            container: { $type: data.containerType } as AstNode, property: data.property, reference: {} as Reference
        });
        const kinds = KINDS_OF_REFERENCE[referenceType] ?? [];
        return kinds.map(kind => {
            const { uri, edit, fileName } = this.catalogInsertion(document, kind, id);
            return {
                title: this.services.JourneySettings.messages.t('fix.declare', { kind, id, file: fileName }),
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: kinds.length === 1,
                edit: { changes: { [uri]: [edit] } }
            };
        });
    }

    /** Where the new catalog entry goes: after the last entry of its kind in the file that holds the catalog. */
    private catalogInsertion(current: LangiumDocument, kind: CatalogKind, id: string): { uri: string; edit: TextEdit; fileName: string } {
        const line = `${kind} ${id} "${id}"`;
        const catalog = this.findCatalog(current, kind);
        const uri = (catalog ?? current).uri;
        const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
        const model = catalog?.parseResult.value as Model | undefined;
        const entries = model?.elements.filter(e => isCatalogEntry(e, kind)) ?? [];
        const after = entries.at(-1) ?? model?.elements.filter(e => isCatalogKind(e)).at(-1);
        if (catalog && after?.$cstNode) {
            const end = after.$cstNode.range.end;
            return { uri: uri.toString(), fileName, edit: { range: { start: end, end }, newText: `\n${line}` } };
        }
        const start = { line: 0, character: 0 };
        return { uri: uri.toString(), fileName, edit: { range: { start, end: start }, newText: `${line}\n\n` } };
    }

    /** The workspace file that already declares catalog entries (of this kind first, then the fullest). */
    private findCatalog(current: LangiumDocument, kind: CatalogKind): LangiumDocument | undefined {
        let best: LangiumDocument | undefined;
        let bestScore = 0;
        for (const document of this.documents.all) {
            const root = document.parseResult.value;
            if (!isModel(root)) continue;
            const catalog = root.elements.filter(e => isCatalogKind(e));
            if (catalog.length === 0) continue;
            const score = catalog.filter(e => isCatalogEntry(e, kind)).length * 1000 + catalog.length + (document === current ? 0.5 : 0);
            if (score > bestScore) {
                best = document;
                bestScore = score;
            }
        }
        return best;
    }

    private flipComparator(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const target = this.nodeAt(document, diagnostic, isTarget) as Target | undefined;
        const comparatorNode = target?.$cstNode && GrammarUtils.findNodeForProperty(target.$cstNode, 'comparator');
        const flipped = target && FLIPPED[target.comparator];
        if (!comparatorNode || !flipped) return [];
        return [{
            title: this.services.JourneySettings.messages.t('fix.flipComparator', { comparator: flipped }),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [{ range: comparatorNode.range, newText: flipped }] } }
        }];
    }

    private normalise(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const replacement = (diagnostic.data as NotationData | undefined)?.replacement;
        if (!replacement) return [];
        return [{
            title: this.services.JourneySettings.messages.t('fix.write', { replacement }),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: replacement }] } }
        }];
    }

    /** A word found where the line takes one of a few keywords (`in person`): one fix per keyword. */
    private replaceWords(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const replacements = (diagnostic.data as { replacements?: string[] } | undefined)?.replacements ?? [];
        return replacements.map(replacement => ({
            title: this.services.JourneySettings.messages.t('fix.write', { replacement }),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: replacement }] } }
        }));
    }

    /** One action for every non-standard spelling of the file. */
    private normaliseAll(document: LangiumDocument): CodeAction | undefined {
        const notation = (document.diagnostics ?? []).filter(d => d.code === Codes.nonStandardNotation && (d.data as NotationData | undefined)?.replacement);
        if (notation.length < 2) return undefined;
        return {
            title: this.services.JourneySettings.messages.t('fix.writeAll', { count: notation.length }),
            kind: CodeActionKind.SourceFixAll,
            diagnostics: notation,
            edit: { changes: { [document.uri.toString()]: notation.map(d => ({ range: d.range, newText: (d.data as NotationData).replacement })) } }
        };
    }

    private nodeAt(document: LangiumDocument, diagnostic: Diagnostic, is: (node: AstNode) => boolean): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        let node: AstNode | undefined = leaf?.astNode;
        while (node && !is(node)) node = node.$container;
        return node;
    }
}

/** A channel, persona, segment, team, role or organisation: what the quick fix declares. */
function isCatalogKind(node: AstNode): boolean {
    return isChannel(node) || isPersona(node) || isTeam(node) || isSegment(node) || isRole(node) || isOrganisation(node);
}

function isCatalogEntry(node: AstNode, kind: CatalogKind): boolean {
    return node.$type.toLowerCase() === kind;
}
