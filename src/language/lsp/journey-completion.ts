import { GrammarAST, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { isNameKeyword, keywordFact } from '../grammar-keywords.js';
import type { JourneyServices } from '../journey-module.js';
import type { JourneySettings } from '../journey-settings.js';
import { KEYWORD_HINTS, SYMBOL_KEYWORDS, factOfProperty, factWord } from '../model/journey-facts.js';
import { refusalReason } from '../journey-input-guard.js';

/** The property the grammar reads a misplaced `emotion scale` into (journey.langium, fragment Felt). */
const MISPLACED_SCALE = 'misplacedScale';

/**
 * Keywords that fit where the cursor is (Langium computes them from the grammar), comparators
 * and units included, and the ids of channels, personas, teams, touchpoints and KPIs from the
 * whole workspace.
 */
export class JourneyCompletionProvider extends DefaultCompletionProvider {
    private readonly settings: JourneySettings;

    constructor(services: JourneyServices) {
        super(services);
        this.settings = services.JourneySettings;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        // The completion parser would choke on what the document parser refused.
        if (refusalReason(document.textDocument.getText())) return undefined;
        return super.getCompletion(document, params);
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        // `emotion scale` is read in a stage or a touchpoint only to say it belongs to the journey: not offered there.
        if (keywordFact(keyword)?.property === MISPLACED_SCALE) return false;
        // Where a name goes, the words a name may be spelt as (`in`, `goal`) are no keywords to offer.
        if (isNameKeyword(keyword)) return false;
        return SYMBOL_KEYWORDS.has(keyword.value) || (/\p{L}/u.test(keyword.value) && super.filterKeyword(context, keyword));
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor) {
        if (!this.filterKeyword(context, keyword)) return;
        acceptor(context, {
            label: keyword.value,
            kind: SYMBOL_KEYWORDS.has(keyword.value) ? CompletionItemKind.Operator : CompletionItemKind.Keyword,
            detail: this.keywordDetail(keyword),
            sortText: '2'
        });
    }

    /** A fact's first word says which fact it begins; other words explain themselves when a CX person may not know them. */
    private keywordDetail(keyword: GrammarAST.Keyword): string {
        const found = keywordFact(keyword);
        const fact = found && factOfProperty(found.type, found.property, keyword.value);
        const m = this.settings.messages;
        if (fact) return factWord(fact, m.locale);
        const hint = KEYWORD_HINTS[keyword.value];
        return m.t(hint ?? 'completion.keyword');
    }

    /** Inside a journey, its own members are offered by their plain id; other journeys' by `Journey.Member`. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const plain = new Set<unknown>();
        return candidates.filter(candidate => {
            if (!candidate.name.includes('.')) {
                plain.add(candidate.node ?? `${candidate.documentUri}#${candidate.path}`);
                return true;
            }
            return !plain.has(candidate.node ?? `${candidate.documentUri}#${candidate.path}`);
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        // What the id names, in the reader's words, and its title: "Channel — Website" / « Canal — Site web ».
        const kind = this.settings.messages.t('hover.kind', { kind: description.type.toLowerCase() });
        const title = (description.node as { title?: unknown } | undefined)?.title;
        return { ...item, detail: typeof title === 'string' && title ? `${kind} — ${title}` : kind, sortText: description.name.includes('.') ? '1' : '0' };
    }
}
