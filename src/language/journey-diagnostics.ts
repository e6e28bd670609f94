import {
    Cancellation, DefaultDocumentValidator, DefaultLinker, DocumentValidator, ValidationRegistry, interruptAndCheck, type AstNode, type DiagnosticInfo, type LangiumDocument,
    type LinkingError, type MultiReference, type Reference, type ReferenceInfo, type AstNodeDescription, type ValidationAcceptor, type ValidationCheck, type ValidationOptions,
    type ValidationSeverity
} from 'langium';
import { forEachReference, walkAst } from './ast-walk.js';
import { diagnosticRange } from './source-positions.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CancellationToken } from 'vscode-languageserver';

/** What a CX person calls each kind of referenced element. */
const ELEMENT_NAMES: Record<string, string> = {
    Channel: 'channel', Persona: 'persona', Team: 'team', Actor: 'persona or team', Journey: 'journey',
    Stage: 'stage', Touchpoint: 'touchpoint', Step: 'stage or touchpoint', Kpi: 'KPI', Source: 'data source'
};

/** How to declare a missing element, for the hint at the end of an "unknown id" message. */
const HOW_TO_DECLARE: Record<string, (id: string) => string> = {
    Channel: id => `declare it in a catalog file: channel ${id} "…" online`,
    Persona: id => `declare it in a catalog file: persona ${id} "…"`,
    Team: id => `declare it in a catalog file: team ${id} "…"`,
    Actor: id => `declare it in a catalog file: persona ${id} "…" or team ${id} "…"`,
    Journey: () => 'check the id of the journey you mean',
    Stage: () => 'check the stage id (another journey\'s stage is written Journey.Stage)',
    Touchpoint: () => 'check the touchpoint id (another journey\'s touchpoint is written Journey.Touchpoint)',
    Step: () => 'check the id (another journey\'s element is written Journey.Element)',
    Kpi: id => `declare it: kpi ${id} "…" { … }`,
    Source: id => `declare it: source ${id} series "data/file.csv"`
};

/** Stable diagnostic codes, part of `journey check --format json`. */
export const Codes = {
    syntaxError: 'syntax-error',
    unresolvedReference: 'unresolved-reference',
    duplicateId: 'duplicate-id',
    duplicateProperty: 'duplicate-property',
    emotionOutOfScale: 'emotion-out-of-scale',
    invalidScale: 'invalid-scale',
    impossibleValue: 'impossible-value',
    unitMismatch: 'unit-mismatch',
    comparatorContradictsDirection: 'comparator-contradicts-direction',
    warningBandWrongSide: 'warning-band-wrong-side',
    windowOrder: 'window-order',
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
    nonStandardNotation: 'non-standard-notation'
} as const;

/** Levenshtein distance, to suggest the id the author probably meant. */
function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

export function closestName(wanted: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
    for (const candidate of candidates) {
        const distance = editDistance(wanted.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
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
        const what = ELEMENT_NAMES[type] ?? type;
        let suggestion: string | undefined;
        try {
            const names = this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name);
            suggestion = closestName(id, names);
        } catch {
            // A scope that cannot be computed only costs us the suggestion.
        }
        const hint = suggestion ? `did you mean '${suggestion}'? Otherwise ` : '';
        const howTo = HOW_TO_DECLARE[type]?.(id) ?? 'check the spelling';
        return { ...error, message: `Unknown ${what} '${id}': ${hint}${howTo}.` };
    }
}

const TOKEN_NAMES: Record<string, string> = {
    STRING: 'a quoted text ("…")', ID: 'an id', NUMBER: 'a number', DATE: 'a date (2027-06 or 2027-06-30)',
    DAY_OFFSET: 'a day offset (J+1 or D+1)', EOF: 'the end of the file'
};

/** Rewrites Chevrotain's parser messages in words a CX person reads. */
export function friendlySyntaxMessage(message: string): string {
    const single = /^Expecting token of type '([^']+)' but found `([^`]*)`\.?$/s.exec(message);
    if (single) return `Syntax error: expected ${tokenName(single[1])} but found ${single[2] === '' ? 'the end of the file' : `'${single[2]}'`}.`;
    const found = /but found: '([^']*)'/.exec(message)?.[1] ?? /but found `([^`]*)`/.exec(message)?.[1];
    if (found !== undefined) {
        const shown = found === '' ? 'the end of the file' : `'${found}'`;
        return `Syntax error: ${shown} is not expected here. Check the line above for a missing value, quote or brace.`;
    }
    if (message.startsWith('unexpected character')) {
        return `Syntax error: ${message}. Text must be in double quotes ("…").`;
    }
    return `Syntax error: ${message}`;
}

function tokenName(type: string): string {
    return TOKEN_NAMES[type] ?? `'${type}'`;
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

/** Gives every diagnostic a stable code and plain words, whichever phase produced it. */
export class JourneyDocumentValidator extends DefaultDocumentValidator {
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
        for (const diagnostic of diagnostics) {
            const phase = (diagnostic.data as { code?: string } | undefined)?.code;
            if (phase === DocumentValidator.LexingError || phase === DocumentValidator.ParsingError) {
                diagnostic.code = Codes.syntaxError;
                diagnostic.message = friendlySyntaxMessage(String(diagnostic.message));
            } else if (phase === DocumentValidator.LinkingError) {
                diagnostic.code = Codes.unresolvedReference;
            }
        }
        return diagnostics;
    }
}
