import { GrammarAST, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { refusalReason } from '../journey-input-guard.js';

/** Symbols that are keywords of the grammar and worth proposing; other punctuation is typed, not chosen. */
const SYMBOL_KEYWORDS: Record<string, string> = {
    '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than',
    '%': 'percent', '€': 'euros', '$': 'dollars'
};

/** Words a CX person may not know, explained in the completion list. */
const KEYWORD_DETAILS: Record<string, string> = {
    pts: 'points (same as points)', points: 'points, e.g. an NPS', min: 'minutes', minutes: 'minutes', h: 'hours', hours: 'hours',
    d: 'days', day: 'day', days: 'days', week: 'week', weeks: 'weeks', month: 'month', months: 'months',
    nps: 'Net Promoter Score: % promoters − % detractors', csat: 'Customer satisfaction: % satisfied answers',
    ces: 'Customer Effort Score: mean effort', churn: 'Churn rate: % customers lost', retention: 'Retention rate',
    referral: 'Referral rate', loyalty: 'Loyalty index', resolution: 'Average resolution time',
    share: 'share(B within J+1 of A): % of cases reaching B in a window after A', duration: 'duration(A to B): time between two touchpoints',
    conversion: 'conversion(A to B): % going from one step to the next', abandonment: 'abandonment(A to B): % dropping out between two steps',
    count: 'count(A): number of cases', hot: 'measured right after the interaction', cold: 'measured over the whole relationship',
    online: 'a digital channel', offline: 'a physical channel', current: 'as-is journey', target: 'a target value, or a to-be journey'
};

/**
 * Keywords that fit where the cursor is (Langium computes them from the grammar), comparators
 * and units included, and the ids of channels, personas, teams, touchpoints and KPIs from the
 * whole workspace.
 */
export class JourneyCompletionProvider extends DefaultCompletionProvider {
    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        // The completion parser would choke on what the document parser refused.
        if (refusalReason(document.textDocument.getText())) return undefined;
        return super.getCompletion(document, params);
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        return keyword.value in SYMBOL_KEYWORDS || (/\p{L}/u.test(keyword.value) && super.filterKeyword(context, keyword));
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor) {
        if (!this.filterKeyword(context, keyword)) return;
        const detail = SYMBOL_KEYWORDS[keyword.value] ?? KEYWORD_DETAILS[keyword.value] ?? 'Keyword';
        acceptor(context, {
            label: keyword.value,
            kind: keyword.value in SYMBOL_KEYWORDS ? CompletionItemKind.Operator : CompletionItemKind.Keyword,
            detail,
            sortText: '2'
        });
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
        return { ...item, sortText: description.name.includes('.') ? '1' : '0' };
    }
}
