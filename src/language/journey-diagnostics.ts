import {
    Cancellation, DefaultDocumentValidator, DefaultLinker, DocumentValidator, ValidationRegistry, interruptAndCheck, type AstNode, type DiagnosticInfo, type LangiumDocument,
    type LinkingError, type MultiReference, type ParseResult, type Reference, type ReferenceInfo, type AstNodeDescription, type ValidationAcceptor, type ValidationCheck,
    type ValidationOptions, type ValidationSeverity
} from 'langium';
import { forEachReference, walkAst } from './ast-walk.js';
import { DEFAULT_LOCALE, messages, type Messages } from './i18n/i18n.js';
import type { JourneyServices } from './journey-module.js';
import type { JourneySettings } from './journey-settings.js';
import { BINARY_MESSAGE, FOREIGN_MESSAGE, MAX_ANALYSED_CHARACTERS, MAX_FOREIGN_CHARACTERS, NOT_UTF8_MESSAGE, TOO_LARGE_MESSAGE } from './journey-input-guard.js';
import { owningJourney } from './journey-naming.js';
import { isRecoveryError, recoveryMessage } from './journey-recovery.js';
import { diagnosticRange } from './source-positions.js';
import { scopeNames } from './journey-scope.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CancellationToken } from 'vscode-languageserver';

type Token = ParseResult['parserErrors'][number]['token'];

/**
 * What the linker found out about a reference it could not resolve: worded when the document is
 * validated, in the locale of that moment (switching the locale validates again, without linking).
 */
export interface UnresolvedReference {
    /** The type of element the reference expects (`Channel`, `Touchpoint`…). */
    type: string;
    id: string;
    suggestion?: string;
    /** A touchpoint is expected where a stage of the journey is named (`duration(S1 to S2)`). */
    stageNamed?: boolean;
}

/** "Unknown channel ‘x’: did you mean ‘y’? Otherwise declare it…", in the reader's words. */
export function unresolvedReferenceMessage(m: Messages, unresolved: UnresolvedReference): string {
    if (unresolved.stageNamed) return m.t('diag.stageWhereTouchpoint', { id: unresolved.id });
    return m.t('diag.unknown', { ...unresolved, hasSuggestion: unresolved.suggestion ? 'yes' : 'no', suggestion: unresolved.suggestion ?? '' });
}

/** Stable diagnostic codes, part of `journey check --format json`. */
export const Codes = {
    syntaxError: 'syntax-error',
    unresolvedReference: 'unresolved-reference',
    duplicateId: 'duplicate-id',
    duplicateProperty: 'duplicate-property',
    emotionOutOfScale: 'emotion-out-of-scale',
    durationNotTime: 'duration-not-time',
    invalidScale: 'invalid-scale',
    emotionRangeOrder: 'emotion-range-order',
    misplacedScale: 'misplaced-scale',
    misplacedEmotion: 'misplaced-emotion',
    impossibleValue: 'impossible-value',
    unitMismatch: 'unit-mismatch',
    comparatorContradictsDirection: 'comparator-contradicts-direction',
    warningBandWrongSide: 'warning-band-wrong-side',
    thresholdWrongSide: 'threshold-wrong-side',
    surveyDetailNotSurvey: 'survey-detail-not-survey',
    unknownBreakdown: 'unknown-breakdown',
    windowOrder: 'window-order',
    timingReference: 'timing-reference',
    branchTarget: 'branch-target',
    impossibleTime: 'impossible-time',
    outsideJourney: 'kpi-outside-journey',
    channelNotUsed: 'channel-not-used',
    emptyJourney: 'empty-journey',
    emptyStage: 'empty-stage',
    missingMeasure: 'missing-measure',
    missingTarget: 'missing-target',
    missingChannel: 'missing-channel',
    unmeasuredMomentOfTruth: 'unmeasured-moment-of-truth',
    improvesWithoutTargetState: 'improves-without-target-state',
    improvesNotCurrent: 'improves-not-current',
    repeatedReference: 'repeated-reference',
    invalidDate: 'invalid-date',
    invalidDataPath: 'invalid-data-path',
    invalidResearchLink: 'invalid-research-link',
    invalidSample: 'invalid-sample',
    unknownField: 'unknown-field',
    unknownTouchpoint: 'unknown-touchpoint',
    unknownTimezone: 'unknown-timezone',
    nonStandardNotation: 'non-standard-notation',
    notUtf8: 'not-utf8'
} as const;

/**
 * Suggestions stop at this many edits: an id further from every candidate gets no "did you
 * mean". Together with the length filter below, it keeps a suggestion linear in the id's length:
 * unbounded, three misspellings of a 50,000-character id took a minute.
 */
const MAX_SUGGESTION_DISTANCE = 10;

/** Rows of the distance table, reused between calls (suggestions are computed one at a time). */
let rowA = new Uint32Array(64);
let rowB = new Uint32Array(64);

/**
 * The Levenshtein distance between `a` and `b` if it is at most `bound`, else `bound + 1`. Only
 * the diagonal band of width 2 × bound + 1 is computed (a cell further from the diagonal costs more
 * than `bound` edits), and the walk stops as soon as a whole row is over the bound.
 */
export function boundedEditDistance(a: string, b: string, bound: number): number {
    const over = bound + 1;
    if (Math.abs(a.length - b.length) > bound) return over;
    if (rowA.length <= b.length) {
        rowA = new Uint32Array(b.length + 1);
        rowB = new Uint32Array(b.length + 1);
    }
    let previous = rowA;
    let current = rowB;
    for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, over);
    for (let i = 1; i <= a.length; i++) {
        const from = Math.max(1, i - bound);
        const to = Math.min(b.length, i + bound);
        // The cell left of the band (column 0 holds i), and the one right of it, read by the next row.
        current[from - 1] = from === 1 ? Math.min(i, over) : over;
        if (to < b.length) current[to + 1] = over;
        let rowMinimum = current[from - 1];
        const code = a.charCodeAt(i - 1);
        for (let j = from; j <= to; j++) {
            let cell = previous[j - 1] + (code === b.charCodeAt(j - 1) ? 0 : 1);
            if (previous[j] + 1 < cell) cell = previous[j] + 1;
            if (current[j - 1] + 1 < cell) cell = current[j - 1] + 1;
            current[j] = cell > over ? over : cell;
            if (cell < rowMinimum) rowMinimum = cell;
        }
        if (rowMinimum > bound) return over;
        [previous, current] = [current, previous];
    }
    return previous[b.length];
}

/**
 * The candidate closest to `wanted` (case-insensitive), if one is close enough to be what the
 * author meant: at most a third of its length away (at least 2 edits, at most
 * MAX_SUGGESTION_DISTANCE). Of equally close candidates, the first in code-unit order: the
 * order in which a scope lists its names changes with edits, and the editor must suggest what
 * `journey check` suggests. Performance: candidates whose length alone puts them out of reach
 * are skipped, and each comparison is bounded by the best distance found so far.
 */
export function closestName(wanted: string, candidates: Iterable<string>): string | undefined {
    const target = wanted.toLowerCase();
    let bound = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(2, Math.floor(wanted.length / 3)));
    let best: string | undefined;
    let bestDistance = bound + 1;
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - wanted.length) > bound) continue;
        const distance = boundedEditDistance(target, candidate.toLowerCase(), bound);
        if (distance < bestDistance || (distance === bestDistance && candidate < best!)) {
            best = candidate;
            bestDistance = bound = distance;
        }
    }
    return best;
}

export class JourneyLinker extends DefaultLinker {
    /**
     * Links as Langium does, in the same order, in one walk per document. Performance: Langium
     * awaits a cancellation check on every node (a microtask each, a third of linking a large
     * workspace); a document (at most a million characters) links in tens of milliseconds.
     */
    override async link(document: LangiumDocument, cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        await interruptAndCheck(cancelToken);
        // Two closures per document, not per node: a large document has hundreds of thousands of nodes.
        const linkReference = (reference: Reference | MultiReference, container: AstNode, property: string, index?: number) => this.doLink({ reference, container, property, index }, document);
        walkAst(document.parseResult.value, container => forEachReference(container, linkReference));
    }

    override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const type = this.reflection.getReferenceType(refInfo);
        const id = refInfo.reference.$refText;
        let suggestion: string | undefined;
        try {
            // Names, not descriptions: a broken reference in a large workspace has thousands of candidates.
            suggestion = closestName(id, scopeNames(this.scopeProvider.getScope(refInfo)));
        } catch {
            // A scope that cannot be computed only costs us the suggestion.
        }
        // `duration(S1 to S2)`: the id is a stage of the journey, where a touchpoint is expected.
        const stageNamed = type === 'Touchpoint' && !!owningJourney(refInfo.container)?.stages.some(stage => stage.name === id);
        const unresolved: UnresolvedReference = { type, id, ...(suggestion ? { suggestion } : {}), ...(stageNamed ? { stageNamed } : {}) };
        // English here (the default); JourneyDocumentValidator words it in the reader's locale.
        return { ...error, unresolved, message: unresolvedReferenceMessage(messages(DEFAULT_LOCALE), unresolved) } as LinkingError;
    }
}

/** Rewrites Chevrotain's parser messages in words a CX person reads, in the locale of `m`. */
export function friendlySyntaxMessage(message: string, m: Messages = messages(DEFAULT_LOCALE)): string {
    // Not a syntax error: the file is in another encoding (journey-input-guard.ts).
    if (message === NOT_UTF8_MESSAGE) return m.t('syntax.notUtf8');
    // Nor these: a file the input guard refuses to read.
    if (message === BINARY_MESSAGE) return m.t('syntax.binary');
    if (message === FOREIGN_MESSAGE) return m.t('syntax.foreign', { count: MAX_FOREIGN_CHARACTERS });
    if (message.startsWith(`${TOO_LARGE_MESSAGE} `)) {
        return m.t('syntax.tooLarge', { size: Number(message.slice(TOO_LARGE_MESSAGE.length + 1)), limit: MAX_ANALYSED_CHARACTERS / 1_000_000 });
    }
    const single = /^Expecting token of type '([^']+)' but found `([^`]*)`\.?$/s.exec(message);
    if (single) return m.t('syntax.expected', { expected: single[1], atEnd: single[2] === '' ? 'yes' : 'no', found: single[2] });
    const found = /but found: '([^']*)'/.exec(message)?.[1] ?? /but found `([^`]*)`/.exec(message)?.[1];
    // Where a name is expected, Chevrotain lists the name rule's alternatives: ID and every word a name may be.
    if (found !== undefined && expectsName(message)) return m.t('syntax.expected', { expected: 'ID', atEnd: found === '' ? 'yes' : 'no', found });
    if (found !== undefined) return m.t('syntax.unexpected', { atEnd: found === '' ? 'yes' : 'no', found });
    // Chevrotain's "unexpected character: ->@<- at offset: 8986, skipped 3 characters.".
    const character = /^unexpected character: ->(.*?)<-/s.exec(message)?.[1];
    // A lone double quote starts a text that is never closed.
    if (character === '"') return m.t('syntax.unclosed-text');
    if (character !== undefined) return m.t('syntax.unexpected-character', { character });
    return m.t('syntax.other', { detail: message });
}

/** Chevrotain's "one of these possible Token sequences" is a name when each is one token: ID, or a word. */
function expectsName(message: string): boolean {
    const sequences = [...message.matchAll(/^\s*\d+\. \[(.*)\]$/gm)].map(match => match[1]);
    return sequences.includes('ID') && sequences.every(tokens => tokens === 'ID' || /^[a-z]+$/.test(tokens));
}

/** A syntax error placed as the editor and `journey check` place it: 1-based line and column, plain words. */
export interface SyntaxErrorAt {
    line: number;
    column: number;
    message: string;
}

/**
 * The first syntax error of a parse (a lexing error first), where the diagnostics put it. An
 * error at the end of the file has no token of its own (Chevrotain gives it line -1): it is placed
 * right after the last token, as Langium's validator does.
 */
export function firstSyntaxError(parseResult: Pick<ParseResult, 'lexerErrors' | 'parserErrors'>, m: Messages = messages(DEFAULT_LOCALE)): SyntaxErrorAt | undefined {
    const lexing = parseResult.lexerErrors[0];
    if (lexing) return { line: lexing.line ?? 1, column: lexing.column ?? 1, message: friendlySyntaxMessage(lexing.message, m) };
    const parsing = parseResult.parserErrors[0];
    if (!parsing) return undefined;
    const message = parserErrorMessage(parsing, m);
    if (hasPosition(parsing.token)) return { line: parsing.token.startLine!, column: parsing.token.startColumn!, message };
    const previous = (parsing as { previousToken?: Token }).previousToken;
    if (previous && hasPosition(previous)) return { line: previous.endLine!, column: previous.endColumn! + 1, message };
    return { line: 1, column: 1, message };
}

/** A parser error in plain words: a repair of journey-recovery.ts says what it did, Chevrotain's are reworded. */
export function parserErrorMessage(error: ParseResult['parserErrors'][number], m: Messages = messages(DEFAULT_LOCALE)): string {
    return isRecoveryError(error) ? recoveryMessage(error, m.locale) : friendlySyntaxMessage(error.message, m);
}

function hasPosition(token: Token): boolean {
    return Number.isFinite(token.startOffset) && token.startOffset >= 0 && Number.isFinite(token.startLine) && token.startLine! >= 1;
}

/**
 * Langium's registry, calling synchronous checks synchronously. Performance: Langium wraps
 * every check in two async functions, so each call of each check on each node allocated
 * promises: half of the time validating a large workspace went to collecting them. A check
 * that throws or returns a promise goes through Langium's own error handling, as before.
 */
export class JourneyValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const context = 'An error occurred during validation';
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                return this.handleException(() => { throw error; }, context, accept, node);
            }
            if (result && typeof (result as PromiseLike<void>).then === 'function') {
                return this.handleException(() => result as Promise<void>, context, accept, node);
            }
            return undefined;
        };
    }
}

/** Gives every diagnostic a stable code and plain words, whichever phase produced it, in the reader's locale. */
export class JourneyDocumentValidator extends DefaultDocumentValidator {
    private readonly settings: JourneySettings;

    constructor(services: JourneyServices) {
        super(services);
        this.settings = services.JourneySettings;
    }

    /** Langium's, with the linker's findings worded in the current locale. */
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const m = this.settings.messages;
        const worded: Diagnostic[] = [];
        super.processLinkingErrors(document, worded, options);
        if (worded.length === 0) return;
        let index = 0;
        for (const reference of document.references) {
            const error = reference.error as (LinkingError & { unresolved?: UnresolvedReference }) | undefined;
            if (!error) continue;
            const diagnostic = worded[index++];
            if (diagnostic && error.unresolved) diagnostic.message = unresolvedReferenceMessage(m, error.unresolved);
        }
        diagnostics.push(...worded);
    }

    /**
     * Runs the checks of every node as Langium does, in the same order, in one walk. Performance:
     * Langium awaits a cancellation check per node and each check's result (microtasks), and
     * looks the checks up per node; our checks are synchronous.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        await interruptAndCheck(cancelToken);
        const checksByType = new Map<string, ValidationCheck[]>();
        const pending: Array<PromiseLike<unknown>> = [];
        walkAst(rootNode, node => {
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                let checks = checksByType.get(node.$type);
                if (!checks) checksByType.set(node.$type, checks = [...this.validationRegistry.getChecks(node.$type, options.categories)]);
                for (const check of checks) {
                    const result = check(node, acceptor, cancelToken) as unknown;
                    if (result && typeof (result as PromiseLike<unknown>).then === 'function') pending.push(result as PromiseLike<unknown>);
                }
            }
            return nodeOptions.validateChildren;
        });
        await Promise.all(pending);
    }

    /**
     * Ranges from source-positions.ts, which reads the CST or, on files parsed without one (the
     * batch commands'), the spans the lean parser kept: the same range either way.
     */
    protected override toDiagnostic<N extends AstNode>(severity: ValidationSeverity, message: string, info: DiagnosticInfo<N, string>): Diagnostic {
        return super.toDiagnostic(severity, message, info.range ? info : { ...info, range: diagnosticRange(info) });
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        // Langium turns the parser errors into diagnostics one by one, in their order.
        const parserErrors = document.parseResult.parserErrors;
        let parserError = 0;
        for (const diagnostic of diagnostics) {
            const phase = (diagnostic.data as { code?: string } | undefined)?.code;
            if (phase === DocumentValidator.LexingError && diagnostic.message === NOT_UTF8_MESSAGE) {
                diagnostic.code = Codes.notUtf8;
                diagnostic.message = friendlySyntaxMessage(diagnostic.message, this.settings.messages);
            } else if (phase === DocumentValidator.ParsingError) {
                diagnostic.code = Codes.syntaxError;
                // Langium skips an error it cannot place: the next error with this message is this one's.
                while (parserError < parserErrors.length && parserErrors[parserError].message !== diagnostic.message) parserError++;
                const error = parserErrors[parserError++];
                diagnostic.message = error ? parserErrorMessage(error, this.settings.messages) : friendlySyntaxMessage(String(diagnostic.message), this.settings.messages);
                if (error && isRecoveryError(error) && error.replacements) diagnostic.data = { ...(diagnostic.data as object), replacements: error.replacements };
            } else if (phase === DocumentValidator.LexingError) {
                diagnostic.code = Codes.syntaxError;
                diagnostic.message = friendlySyntaxMessage(String(diagnostic.message), this.settings.messages);
            } else if (phase === DocumentValidator.LinkingError) {
                diagnostic.code = Codes.unresolvedReference;
            }
        }
        return diagnostics;
    }
}
