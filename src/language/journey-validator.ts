import { AstUtils, DocumentState, UriUtils, WorkspaceCache, type AstNode, type Properties, type Reference, type URI, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isChannel, isJourney, isKpi, isPersona, isShareMeasure, isStage, isDurationMeasure, isFlowMeasure, isCountMeasure,
    isTouchpoint, isSource, isTeam, isModel,
    type Journey, type JourneyAstType, type Kpi, type Measure, type Model, type Quantity, type Source, type Stage, type Touchpoint, type Target,
    type EmotionScale, type Outcome, type Timing, type Deadline, type TimeOffset, type Window, type Emotion, type Research
} from './generated/ast.js';
import { repeatableProperties, type RepeatableProperty } from './grammar-properties.js';
import type { Messages } from './i18n/i18n.js';
import { Codes, closestName } from './journey-diagnostics.js';
import type { JourneyServices } from './journey-module.js';
import { owningJourney } from './journey-naming.js';
import type { CheckSeverity, JourneySettings } from './journey-settings.js';
import {
    SURVEY_KINDS, comparatorDirection, comparatorSymbol, convertUnit, defaultUnit, effectiveDirection, effectiveEmotionScale, exampleTarget, isValidDate, kindInfo, normalizeComparator,
    normalizeUnit, signed, unitFamily, type DirectionValue, type KpiKind
} from './model/kpi-semantics.js';
import { FACTS, factWord, type FactElement } from './model/journey-facts.js';
import { stepPosition } from './model/build-model.js';
import { lineOf, propertySpans, rangeOf, repeatedAssignments, widenOverKeywords } from './source-positions.js';
import { SOURCE_FIELDS, acceptsOwnFields, breakdownFields, fieldsOf, isTimeZone, type SourceFormatName } from './model/source-fields.js';
import { kpiDirection, kpiUnit } from './model/build-model.js';

export function registerValidationChecks(services: JourneyServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.JourneyValidator;
    const checks: ValidationChecks<JourneyAstType> = {
        // Workspace-wide too: edit builds run the `fast` checks only (journey-document-builder.ts
        // re-checks the documents that share an id with a changed one).
        Model: [validator.checkUniqueTopLevelIds, validator.checkWorkspaceUniqueIds],
        Journey: [validator.checkJourney, validator.checkUniqueMemberIds],
        Stage: validator.checkStage,
        Touchpoint: validator.checkTouchpoint,
        Kpi: validator.checkKpi,
        Source: validator.checkSource,
        Timing: validator.checkTiming,
        Outcome: validator.checkOutcome,
        Deadline: validator.checkTiming,
        Window: validator.checkWindow,
        EmotionScale: validator.checkScale,
        AstNode: validator.checkRepeatedProperties
    };
    registry.register(checks, validator, 'fast');
}

/** The kind of element, for the messages' `kind` choices (the catalogues word it in each language). */
function kindOf(node: AstNode): string {
    if (isJourney(node)) return 'journey';
    if (isStage(node)) return 'stage';
    if (isTouchpoint(node)) return 'touchpoint';
    if (isKpi(node)) return 'kpi';
    if (isChannel(node)) return 'channel';
    if (isPersona(node)) return 'persona';
    if (isTeam(node)) return 'team';
    if (isSource(node)) return 'source';
    // Segment, Role, Organisation, TagFamily: their messages' words are keyed by their type.
    return FACTS[node.$type.toLowerCase() as FactElement] ? node.$type.toLowerCase() : 'element';
}

/** `2 days`, `1 to 3 days`, `1,5 h`, `15 minutes`, `2 jours`: a number or a range, then a unit of time (English or French). */
const AMOUNT_OF_TIME = /^\s*\d+(?:[.,]\d+)?(?:\s*(?:to|à|-|–)\s*\d+(?:[.,]\d+)?)?\s*(?:min|mins|minutes?|h|hours?|heures?|d|days?|jours?|j|weeks?|semaines?|months?|mois|years?|ans?)\s*$/iu;

/** An absolute http or https address (`https://example.org/study`), without spaces. */
function isWebAddress(text: string): boolean {
    if (/\s/.test(text)) return false;
    try {
        const url = new URL(text);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
        return false;
    }
}

/** What a CX person calls a property of a node in messages: its fact's words in the facts table, in the messages' language. */
function propertyWords(node: AstNode, property: string, m: Messages): string {
    const fact = FACTS[node.$type.toLowerCase() as FactElement]?.find(f => f.property === property);
    return fact ? factWord(fact, m.locale) : property.replace(/[A-Z]/g, letter => ` ${letter.toLowerCase()}`);
}

/** A top-level element (channel, persona, team, catalog KPI, data source, journey) and its file. */
interface TopLevelDeclaration {
    element: Model['elements'][number];
    uri: URI;
}

/**
 * The named top-level elements of a document's root: those whose ids the whole workspace
 * shares. A document created but not parsed yet has a placeholder root without elements.
 */
export function topLevelElements(root: AstNode): Array<Model['elements'][number]> {
    return isModel(root) ? root.elements.filter(element => element.name) : [];
}

export class JourneyValidator {
    private readonly settings: JourneySettings;
    /** Single-valued properties the grammar lets a text write twice, by AST type, with their names. */
    private readonly repeatable: Map<string, { properties: ReadonlySet<string>; byName: Map<string, RepeatableProperty> }>;
    /** Top-level ids of the whole workspace, rebuilt once per change of any document. */
    private readonly workspaceIds: WorkspaceCache<'ids', Map<string, TopLevelDeclaration[]>>;
    /** Ids of the channels each journey's touchpoints name (`channelIdsUsed`): a text's ids stay what its parse read. */
    private readonly channelIdsByJourney = new WeakMap<Journey, Set<string>>();

    constructor(private readonly services: JourneyServices) {
        this.settings = services.JourneySettings;

        this.repeatable = new Map([...repeatableProperties(services.Grammar)].map(([type, properties]) => [type, {
            properties: new Set(properties.map(each => each.property)),
            byName: new Map(properties.map(each => [each.property, each]))
        }]));
        this.workspaceIds = new WorkspaceCache(services.shared);
    }

    /** The messages of the locale diagnostics are worded in. */
    private get m(): Messages {
        return this.settings.messages;
    }

    /** Reports an optional check with the severity the user chose for its code. */
    private optional(accept: ValidationAcceptor, code: string, fallback: CheckSeverity, message: string, info: Parameters<ValidationAcceptor>[2]): void {
        const severity = this.settings.severityOf(code, fallback);
        if (severity !== 'off') accept(severity, message, { ...info, code });
    }

    // ------------------------------------------------------------ ids

    checkUniqueTopLevelIds = (model: Model, accept: ValidationAcceptor): void => {
        const seen = new Map<string, AstNode>();
        for (const element of model.elements) {
            const first = seen.get(element.name);
            if (first) {
                accept('error', this.m.t('diag.duplicateId', { id: element.name, kind: kindOf(first), line: lineOf(first) }),
                    { node: element, property: 'name', code: Codes.duplicateId });
            } else if (element.name) {
                seen.set(element.name, element);
            }
        }
    };

    checkWorkspaceUniqueIds = (model: Model, accept: ValidationAcceptor): void => {
        // Performance: the top-level elements of each document (a few per file), not every symbol
        // the workspace exports (every stage, touchpoint and KPI), once per change of any document.
        const ids = this.workspaceIds.get('ids', () => {
            const byName = new Map<string, TopLevelDeclaration[]>();
            for (const document of this.services.shared.workspace.LangiumDocuments.all) {
                // A document being rebuilt counts once its symbols are indexed again, as for linking.
                if (document.state < DocumentState.IndexedContent) continue;
                for (const element of topLevelElements(document.parseResult.value)) {
                    const declaration = { element, uri: document.uri };
                    const same = byName.get(element.name);
                    if (same) same.push(declaration); else byName.set(element.name, [declaration]);
                }
            }
            // In path order, so that the declaration a message names does not depend on the order
            // documents were loaded or edited in: the editor names the file journey check names.
            for (const declarations of byName.values()) {
                declarations.sort((a, b) => compareText(a.uri.toString(), b.uri.toString()));
            }
            return byName;
        });
        const uri = AstUtils.getDocument(model).uri;
        for (const element of model.elements) {
            const other = ids.get(element.name)?.find(d => !UriUtils.equals(d.uri, uri));
            if (other) {
                const otherFile = UriUtils.relative(UriUtils.dirname(uri), other.uri);
                accept('error', this.m.t('diag.duplicateIdWorkspace', { id: element.name, file: otherFile, line: lineOf(other.element) }),
                    { node: element, property: 'name', code: Codes.duplicateId });
            }
        }
    };

    checkUniqueMemberIds = (journey: Journey, accept: ValidationAcceptor): void => {
        const seen = new Map<string, AstNode>();
        const check = (member: Stage | Touchpoint | Kpi) => {
            const first = seen.get(member.name);
            if (first) {
                accept('error', this.m.t('diag.duplicateMemberId', { id: member.name, kind: kindOf(first), line: lineOf(first) }),
                    { node: member, property: 'name', code: Codes.duplicateId });
            } else if (member.name) {
                seen.set(member.name, member);
            }
        };
        for (const stage of journey.stages) {
            check(stage);
            stage.touchpoints.forEach(check);
        }
        journey.kpis.forEach(check);
    };

    checkRepeatedProperties = (node: AstNode, accept: ValidationAcceptor): void => {
        const repeatable = this.repeatable.get(node.$type);
        if (!repeatable) return;
        // Indexed: a for-of's iterator on every node costs more than the check (nearly always nothing).
        const repetitions = repeatedAssignments(node, repeatable.properties);
        for (let index = 0; index < repetitions.length; index++) {
            const { property, first, repeated } = repetitions[index];
            // Underline the whole fact (`emotion 2`, `moment of truth`), not only its value.
            const { keywordsBefore, keywordsAfter } = repeatable.byName.get(property)!;
            const fact = widenOverKeywords(node, repeated, keywordsBefore, keywordsAfter);
            const firstLine = rangeOf(node, widenOverKeywords(node, first, keywordsBefore, 0)).start.line + 1;
            accept('error', this.m.t('diag.duplicateProperty', { kind: kindOf(node), property: propertyWords(node, property, this.m), line: firstLine }),
                { node, range: rangeOf(node, fact), code: Codes.duplicateProperty });
        }
    };

    // ------------------------------------------------------------ journeys, stages, touchpoints

    checkJourney = (journey: Journey, accept: ValidationAcceptor): void => {
        if (journey.misplacedEmotion) {
            accept('error', this.m.t('diag.misplacedEmotion', { name: journey.name }),
                { node: journey, property: 'misplacedEmotion', code: Codes.misplacedEmotion });
        }
        if (journey.name && journey.stages.length === 0) {
            this.optional(accept, Codes.emptyJourney, 'warning', this.m.t('diag.emptyJourney', { name: journey.name }),
                { node: journey, property: 'name' });
        }
        if (journey.improves) {
            if (journey.state !== 'target') {
                accept('error', this.m.t('diag.improvesWithoutTargetState', { name: journey.name }),
                    { node: journey, property: 'improves', code: Codes.improvesWithoutTargetState });
            }
            const improved = journey.improves.ref;
            if (improved === journey) {
                accept('error', this.m.t('diag.improvesItself', { name: journey.name }),
                    { node: journey, property: 'improves', code: Codes.improvesNotCurrent });
            } else if (improved && improved.state !== 'current') {
                accept('warning', this.m.t('diag.improvesNotCurrent', { name: improved.name }),
                    { node: journey, property: 'improves', code: Codes.improvesNotCurrent });
            }
        }
        for (const research of journey.research) this.checkResearch(research, accept);
        this.checkRepeatedReferences(journey, 'personas', accept);
        this.checkRepeatedReferences(journey, 'tracked', accept);
        this.checkMomentsOfTruthAreMeasured(journey, accept);
    };

    /** A study's link opens in a browser from the map: an http(s) address only; its sample counts people. */
    private checkResearch(research: Research, accept: ValidationAcceptor): void {
        if (research.link !== undefined && !isWebAddress(research.link)) {
            accept('error', this.m.t('diag.invalidResearchLink', { link: research.link }), { node: research, property: 'link', code: Codes.invalidResearchLink });
        }
        if (research.sample !== undefined && (!Number.isInteger(research.sample) || research.sample < 1)) {
            accept('error', this.m.t('diag.invalidSample', { sample: String(research.sample) }), { node: research, property: 'sample', code: Codes.invalidSample });
        }
    }

    checkStage = (stage: Stage, accept: ValidationAcceptor): void => {
        this.checkFelt(stage, accept);
        // A stage told only from the customer's side (a goal, a quote, an emotion, a pain point…)
        // says something the map draws: it is not a placeholder.
        if (stage.name && stage.touchpoints.length === 0 && !saysSomething(stage)) {
            this.optional(accept, Codes.emptyStage, 'warning', this.m.t('diag.emptyStage', { name: stage.name }),
                { node: stage, property: 'name' });
        }
    };

    checkTouchpoint = (touchpoint: Touchpoint, accept: ValidationAcceptor): void => {
        if (!touchpoint.name) return; // a syntax error already explains what is missing
        this.checkFelt(touchpoint, accept);
        if (touchpoint.duration !== undefined && !AMOUNT_OF_TIME.test(touchpoint.duration)) {
            accept('warning', this.m.t('diag.durationNotTime', { duration: touchpoint.duration }),
                { node: touchpoint, property: 'duration', code: Codes.durationNotTime });
        }
        if (touchpoint.channels.length === 0) {
            this.optional(accept, Codes.missingChannel, 'info', this.m.t('diag.missingChannel', { name: touchpoint.name }),
                { node: touchpoint, property: 'name' });
        }
        this.checkRepeatedReferences(touchpoint, 'channels', accept);
        this.checkRepeatedReferences(touchpoint, 'actors', accept);
    };

    /**
     * The emotions of a stage or a touchpoint on the journey's scale, whole, ranges going up; one
     * said without a condition, one per condition; `emotion scale` said where it does not belong.
     */
    private checkFelt(node: Stage | Touchpoint, accept: ValidationAcceptor): void {
        if (!node.name) return; // a syntax error already explains what is missing
        if (node.misplacedScale) {
            accept('error', this.m.t('diag.misplacedScale', { kind: kindOf(node), name: node.name }),
                { node, property: 'misplacedScale', code: Codes.misplacedScale });
        }
        const emotions = node.emotions;
        if (emotions.length === 0) return;
        const scale = this.emotionScale(owningJourney(node));
        // Two emotions or more (rare) may repeat one: only then their conditions and spans are looked at.
        const seen = emotions.length > 1 ? new Map<string, Emotion>() : undefined;
        const spans = seen ? propertySpans(node, 'emotions') : [];
        for (let index = 0; index < emotions.length; index++) {
            const emotion = emotions[index];
            const ends = emotion.upTo === undefined ? EMOTION_VALUE : EMOTION_RANGE;
            let wrong = false;
            for (const end of ends) {
                const value = emotion[end];
                if (value === undefined || wrong) continue;
                if (value < scale.min || value > scale.max) {
                    wrong = true;
                    accept('error', this.m.t('diag.emotionOutOfScale', {
                        emotion: signed(value), min: signed(scale.min), max: signed(scale.max),
                        widerMin: signed(Math.min(scale.min, value)), widerMax: signed(Math.max(scale.max, value))
                    }), { node: emotion, property: end, code: Codes.emotionOutOfScale });
                } else if (!Number.isInteger(value)) {
                    wrong = true;
                    accept('error', this.m.t('diag.emotionNotWhole', { emotion: String(value) }),
                        { node: emotion, property: end, code: Codes.emotionOutOfScale });
                }
            }
            if (!wrong && emotion.upTo !== undefined && emotion.value !== undefined && emotion.upTo <= emotion.value) {
                accept('error', this.m.t('diag.emotionRangeOrder', {
                    from: signed(emotion.value), to: signed(emotion.upTo),
                    low: signed(Math.min(emotion.value, emotion.upTo)), high: signed(Math.max(emotion.value, emotion.upTo)), same: emotion.value === emotion.upTo ? 'yes' : 'no'
                }), { node: emotion, property: 'upTo', code: Codes.emotionRangeOrder });
            }
            if (!seen) continue;
            const key = emotion.condition ?? '';
            const first = seen.get(key);
            if (first) {
                accept('error', emotion.condition === undefined
                    ? this.m.t('diag.duplicateProperty', { kind: kindOf(node), property: propertyWords(node, 'emotions', this.m), line: lineOf(first) })
                    : this.m.t('diag.duplicateConditionalEmotion', { kind: kindOf(node), condition: emotion.condition, line: lineOf(first) }),
                    // The whole fact, `emotion` included, as for a fact written twice.
                    spans[index] ? { node, range: rangeOf(node, widenOverKeywords(node, spans[index], 1, 0)), code: Codes.duplicateProperty }
                        : { node, property: 'emotions', index, code: Codes.duplicateProperty });
            } else {
                seen.set(key, emotion);
            }
        }
    }

    checkScale = (scale: EmotionScale, accept: ValidationAcceptor): void => {
        if (scale.$containerProperty === 'misplacedScale') return; // said once: where it belongs
        if (!(scale.min < scale.max) || !Number.isInteger(scale.min) || !Number.isInteger(scale.max)) {
            accept('error', this.m.t('diag.invalidScale'),
                { node: scale, code: Codes.invalidScale });
        }
    };

    private emotionScale(journey: Journey | undefined): { min: number; max: number } {
        return effectiveEmotionScale(journey?.scale, this.settings.emotionScale);
    }

    private checkRepeatedReferences<N extends AstNode>(node: N, property: Properties<N>, accept: ValidationAcceptor): void {
        const references = node[property as keyof N] as unknown as Reference[];
        // Lists are short: comparing with the ones before costs less than a set per node.
        for (let index = 1; index < references.length; index++) {
            const reference = references[index];
            let repeated = false;
            for (let before = 0; before < index && !repeated; before++) repeated = references[before].$refText === reference.$refText;
            if (!repeated) continue;
            accept('warning', this.m.t('diag.repeatedReference', { list: String(property), name: reference.$refText }),
                { node, property, index, code: Codes.repeatedReference });
        }
    }

    private checkMomentsOfTruthAreMeasured(journey: Journey, accept: ValidationAcceptor): void {
        const measured = new Set<AstNode>();
        for (const kpi of [...journey.kpis, ...journey.tracked.map(t => t.ref).filter(isKpi)]) {
            for (const node of measuredNodes(kpi)) measured.add(node);
        }
        for (const stage of journey.stages) {
            // A stage that is a moment of truth is measured by a KPI of the stage or of one of its touchpoints.
            if (stage.momentOfTruth && !measured.has(stage) && !stage.touchpoints.some(touchpoint => measured.has(touchpoint))) {
                this.optional(accept, Codes.unmeasuredMomentOfTruth, 'info',
                    this.m.t('diag.unmeasuredMomentOfTruth', { name: stage.name }),
                    { node: stage, property: 'momentOfTruth' });
            }
            for (const touchpoint of stage.touchpoints) {
                if (touchpoint.momentOfTruth && !measured.has(touchpoint) && !measured.has(stage)) {
                    this.optional(accept, Codes.unmeasuredMomentOfTruth, 'info',
                        this.m.t('diag.unmeasuredMomentOfTruth', { name: touchpoint.name }),
                        { node: touchpoint, property: 'momentOfTruth' });
                }
            }
        }
    }

    // ------------------------------------------------------------ KPIs

    checkKpi = (kpi: Kpi, accept: ValidationAcceptor): void => {
        if (!kpi.name) return;
        if (!kpi.measure) {
            this.optional(accept, Codes.missingMeasure, 'warning', this.m.t('diag.missingMeasure', { name: kpi.name }),
                { node: kpi, property: 'name' });
            return;
        }
        const kind = kpi.measure.kind as KpiKind;
        const info = kindInfo(kind);
        const kpiUnit = normalizeUnit(kpi.unit);
        if (kpiUnit && info.family && unitFamily(kpiUnit) !== info.family) {
            accept('error', this.m.t('diag.unitMismatch', { measure: kind, unit: kpi.unit, family: info.family ?? 'none' }), { node: kpi, property: 'unit', code: Codes.unitMismatch });
        }
        if (!kpi.target) {
            const example = exampleTarget(kind, kpiUnit, kpi.direction as DirectionValue | undefined);
            this.optional(accept, Codes.missingTarget, 'info', example
                ? this.m.t('diag.missingTargetExample', { name: kpi.name, example })
                : this.m.t('diag.missingTarget', { name: kpi.name }), { node: kpi, property: 'name' });
        } else {
            this.checkTarget(kpi, kpi.target, kind, accept);
        }
        this.checkMeasureSteps(kpi, accept);
        this.checkScope(kpi, accept);
        this.checkBaselineAndThreshold(kpi, kind, accept);
        this.checkSurveyDetails(kpi, kind, accept);
        this.checkBreakdown(kpi, accept);
    };

    /** `within J-90`: a window counts days after its start. */
    checkWindow = (window: Window, accept: ValidationAcceptor): void => {
        const offset = window.dayOffset;
        if (offset?.[1] === '-') {
            accept('error', this.m.t('syntax.negative-day-offset', { offset, after: `${offset[0]}+${offset.slice(2)}` }),
                { node: window, property: 'dayOffset', code: Codes.windowOrder });
        }
    };

    // ------------------------------------------------------------ branches

    /** An outcome leads to another step of the same journey, and its id is its touchpoint's only one of that name. */
    checkOutcome = (outcome: Outcome, accept: ValidationAcceptor): void => {
        const touchpoint = outcome.$container;
        const target = outcome.target?.ref;
        if (target && target === touchpoint) {
            accept('error', this.m.t('diag.outcomeSelf', { name: touchpoint.name, outcome: outcome.name }), { node: outcome, property: 'target', code: Codes.branchTarget });
        } else if (target && owningJourney(target) !== owningJourney(touchpoint)) {
            accept('error', this.m.t('diag.outcomeOtherJourney', { target: outcome.target!.$refText, journey: owningJourney(touchpoint)?.name ?? '' }),
                { node: outcome, property: 'target', code: Codes.branchTarget });
        }
        const first = touchpoint.outcomes.find(other => other.name === outcome.name);
        if (outcome.name && first !== outcome) {
            accept('error', this.m.t('diag.outcomeTwice', { outcome: outcome.name, line: lineOf(first!) }), { node: outcome, property: 'name', code: Codes.duplicateId });
        }
    };

    // ------------------------------------------------------------ time relative to events

    /** A `timing` or `deadline`: its event is another step of the same journey, its amounts can happen. */
    checkTiming = (fact: Timing | Deadline, accept: ValidationAcceptor): void => {
        const step = fact.$container;
        const property = (fact.$type === 'Timing' && (fact as Timing).anyTime ? 'during' : 'event') as 'event';
        const reference = (fact as Timing & Deadline)[property] as Reference<AstNode> | undefined;
        const event = reference?.ref;
        if (event && event === step) {
            accept('error', this.m.t('diag.timingSelf', { name: nameOf(step) }), { node: fact, property, code: Codes.timingReference });
        } else if (event && owningJourney(event) !== owningJourney(step)) {
            accept('error', this.m.t('diag.timingOtherJourney', { event: reference!.$refText, journey: owningJourney(step)?.name ?? '' }),
                { node: fact, property, code: Codes.timingReference });
        }
        if (fact.$type === 'Timing' && (fact as Timing).every && (fact as Timing).count !== undefined && !((fact as Timing).count! >= 1 && Number.isInteger((fact as Timing).count))) {
            accept('error', this.m.t('diag.everyNotCount', { count: (fact as Timing).count }), { node: fact, property: 'count', code: Codes.impossibleTime });
        }
        if (fact.offset) this.checkTimeOffset(fact.offset, fact.relation, reference?.$refText ?? '', accept);
    };

    private checkTimeOffset(offset: TimeOffset, relation: string | undefined, event: string, accept: ValidationAcceptor): void {
        if (offset.dayOffset && relation) {
            const sign = offset.dayOffset[1] === '+' ? 'plus' : 'minus';
            if ((sign === 'plus') !== (relation === 'after')) {
                const fixed = `${offset.dayOffset[0]}${sign === 'plus' ? '-' : '+'}${offset.dayOffset.slice(2)} ${relation} ${event}`;
                accept('error', this.m.t('diag.dayOffsetDirection', { offset: offset.dayOffset, sign, relation, fixed }),
                    { node: offset, property: 'dayOffset', code: Codes.impossibleTime });
            }
        }
        for (const property of ['day', 'amount', 'upTo'] as const) {
            const value = offset[property];
            if (value !== undefined && value < 0) {
                accept('error', this.m.t('diag.timeNegative', { value, positive: -value }), { node: offset, property, code: Codes.impossibleTime });
                return;
            }
        }
        if (offset.amount !== undefined && offset.upTo !== undefined && offset.upTo <= offset.amount) {
            accept('error', this.m.t('diag.timeRangeOrder', { from: offset.amount, to: offset.upTo }), { node: offset, property: 'upTo', code: Codes.impossibleTime });
        }
    }

    /** A baseline is a value the KPI can have; an alert threshold lies beyond the target, on the worse side. */
    private checkBaselineAndThreshold(kpi: Kpi, kind: KpiKind, accept: ValidationAcceptor): void {
        const baseline = kpi.baseline;
        if (baseline?.value?.value !== undefined) this.checkQuantity(baseline.value, kpi, kind, accept);
        if (baseline?.date && !isValidDate(baseline.date)) {
            accept('error', this.m.t('diag.invalidDate', { date: baseline.date }), { node: baseline, property: 'date', code: Codes.invalidDate });
        }
        const threshold = kpi.threshold;
        if (threshold?.value === undefined) return;
        this.checkQuantity(threshold, kpi, kind, accept);
        const direction = kpiDirection(kpi);
        if (!direction) {
            accept('warning', this.m.t('diag.thresholdWithoutDirection', { name: kpi.name }), { node: kpi, property: 'threshold', code: Codes.thresholdWrongSide });
            return;
        }
        const unit = kpiUnit(kpi);
        const value = convertUnit(threshold.value, normalizeUnit(threshold.unit) ?? unit, unit);
        const target = kpi.target?.value?.value !== undefined ? kpi.target : undefined;
        const limits = target ? [
            { text: target.value.value, value: convertUnit(target.value.value, normalizeUnit(target.value.unit) ?? unit, unit), word: 'target' },
            ...(target.warning?.value !== undefined ? [{ text: target.warning.value, value: convertUnit(target.warning.value, normalizeUnit(target.warning.unit) ?? unit, unit), word: 'warning' }] : [])
        ] : [];
        const better = limits.find(limit => direction === 'lower' ? value <= limit.value : value >= limit.value);
        if (better) {
            accept('error', this.m.t('diag.thresholdWrongSide', {
                threshold: `${threshold.value}${unitSuffix(threshold.unit ?? unit)}`, limit: `${better.text}${unitSuffix(unit)}`, what: better.word, better: direction
            }), { node: kpi, property: 'threshold', code: Codes.thresholdWrongSide });
        }
    }

    /** How a KPI is collected, who answers and the question asked describe survey answers only. */
    private checkSurveyDetails(kpi: Kpi, kind: KpiKind, accept: ValidationAcceptor): void {
        const format = kpi.data?.ref?.format;
        const survey = format ? format === 'survey' || (format === 'series' && SURVEY_KINDS.has(kind)) : SURVEY_KINDS.has(kind);
        if (survey) return;
        for (const property of ['collectedVia', 'respondent', 'question'] as const) {
            if (kpi[property] === undefined) continue;
            const fact = FACTS.kpi.find(f => f.property === property)!;
            accept('warning', this.m.t('diag.surveyDetailNotSurvey', { detail: fact.keyword, name: kpi.name, measure: kind, format: format ?? 'none' }),
                { node: kpi, property, code: Codes.surveyDetailNotSurvey });
        }
    }

    /** `per <field>`: a field the KPI's data source has (a standard one, or a column it maps). */
    private checkBreakdown(kpi: Kpi, accept: ValidationAcceptor): void {
        const field = kpi.breakdown;
        const source = kpi.data?.ref;
        if (!field || !source || !(source.format in SOURCE_FIELDS)) return;
        const fields = breakdownFields({ format: source.format as SourceFormatName, columns: source.columns.map(c => c.field) });
        if (fields.includes(field)) return;
        const suggestion = closestName(field, fields);
        accept('error', this.m.t('diag.unknownBreakdown', {
            field, source: source.name, format: source.format, fields: fields.join(', '), suggestion: suggestion ?? 'none', own: acceptsOwnFields(source.format as SourceFormatName) ? 'yes' : 'no'
        }), { node: kpi, property: 'breakdown', code: Codes.unknownBreakdown });
    }

    private checkTarget(kpi: Kpi, target: Target, kind: KpiKind, accept: ValidationAcceptor): void {
        const comparator = normalizeComparator(target.comparator);
        if (!target.value || target.value.value === undefined) return; // half-written: a syntax error says what is missing
        const unit = normalizeUnit(target.value.unit) ?? normalizeUnit(kpi.unit) ?? defaultUnit(kind);
        this.checkQuantity(target.value, kpi, kind, accept);
        if (target.warning?.value !== undefined) this.checkQuantity(target.warning, kpi, kind, accept);

        const direction = effectiveDirection(kind, kpi.direction as 'higher' | 'lower' | undefined);
        if (direction && comparatorDirection(comparator) !== direction) {
            const fix = direction === 'higher' ? '≥' : '≤';
            accept('error', this.m.t('diag.directionContradicted', { name: kpi.name, better: direction, target: `${comparatorSymbol(comparator)} ${target.value.value}`, fix }),
                { node: target, property: 'comparator', code: Codes.comparatorContradictsDirection });
        }
        if (target.warning?.value !== undefined) {
            const aim = direction ?? comparatorDirection(comparator);
            const wrongSide = aim === 'higher' ? target.warning.value > target.value.value : target.warning.value < target.value.value;
            if (wrongSide) {
                accept('error', this.m.t('diag.warningBandWrongSide', { warning: `${target.warning.value}${unitSuffix(unit)}`, target: `${target.value.value}${unitSuffix(unit)}`, aim: aim ?? 'lower' }),
                    { node: target, property: 'warning', code: Codes.warningBandWrongSide });
            }
        }
        if (target.deadline && !isValidDate(target.deadline)) {
            accept('error', this.m.t('diag.invalidDate', { date: target.deadline }),
                { node: target, property: 'deadline', code: Codes.invalidDate });
        }
    }

    /** Units that do not fit the KPI, and values that cannot exist (120 % share, negative duration). */
    private checkQuantity(quantity: Quantity, kpi: Kpi, kind: KpiKind, accept: ValidationAcceptor): void {
        const info = kindInfo(kind);
        const unit = normalizeUnit(quantity.unit);
        if (unit && info.family && unitFamily(unit) !== info.family) {
            accept('error', this.m.t('diag.unitMismatch', { measure: kind, unit: quantity.unit, family: info.family ?? 'none' }), { node: quantity, property: 'unit', code: Codes.unitMismatch });
            return;
        }
        const kpiUnit = normalizeUnit(kpi.unit);
        // Two currencies are the same family but not the same unit: 5 $ is not 5 €.
        if (unit && kpiUnit && (unitFamily(unit) !== unitFamily(kpiUnit) || (unitFamily(unit) === 'money' && unit !== kpiUnit))) {
            accept('error', this.m.t('diag.unitNotKpiUnit', { unit: quantity.unit, name: kpi.name, kpiUnit: kpi.unit }), { node: quantity, property: 'unit', code: Codes.unitMismatch });
            return;
        }
        const percent = unitFamily(unit ?? kpiUnit) === 'percent';
        const max = percent ? Math.min(info.max ?? 100, 100) : info.max;
        const min = percent ? Math.max(info.min ?? 0, 0) : info.min;
        if (max !== undefined && quantity.value > max) {
            accept('error', this.m.t('diag.impossibleAbove', { measure: kind, limit: `${max}${percent ? ' %' : ''}`, value: `${quantity.value}${unitSuffix(unit)}` }), { node: quantity, property: 'value', code: Codes.impossibleValue });
        } else if (min !== undefined && quantity.value < min) {
            accept('error', this.m.t('diag.impossibleBelow', { measure: kind, limit: `${min}${percent ? ' %' : ''}`, value: `${quantity.value}${unitSuffix(unit)}` }), { node: quantity, property: 'value', code: Codes.impossibleValue });
        }
    }

    /** Both ends of a window or flow belong to the KPI's journey, the end after the start. */
    private checkMeasureSteps(kpi: Kpi, accept: ValidationAcceptor): void {
        const measure = kpi.measure;
        const journey = owningJourney(kpi);
        if (!measure) return;
        // The properties of the start and the end: diagnostics point at the reference that is wrong.
        let ends: [MeasureEnd, MeasureEnd] | undefined;
        if (isShareMeasure(measure)) ends = ['start', 'reached'];
        else if (isDurationMeasure(measure)) ends = ['start', 'end'];
        else if (isFlowMeasure(measure)) ends = ['from', 'to'];
        if (isCountMeasure(measure) && measure.of?.ref && journey && owningJourney(measure.of.ref) !== journey) {
            accept('error', this.m.t('diag.countOutsideJourney', { name: measure.of.$refText, journey: journey.name }),
                { node: measure, property: 'of', code: Codes.outsideJourney });
        }
        if (!ends) return;
        const [startProperty, endProperty] = ends;
        const withEnds = measure as Measure & Record<MeasureEnd, Reference | undefined>;
        const start = withEnds[startProperty]?.ref;
        const end = withEnds[endProperty]?.ref;
        if (!start || !end) return;
        const startJourney = owningJourney(start);
        const endJourney = owningJourney(end);
        if (journey && (startJourney !== journey || endJourney !== journey)) {
            const outside = startJourney !== journey ? startProperty : endProperty;
            accept('error', this.m.t('diag.measureOutsideJourney', { journey: journey.name }),
                { node: withEnds, property: outside, code: Codes.outsideJourney });
            return;
        }
        if (startJourney !== endJourney) {
            accept('error', this.m.t('diag.endsInOtherJourneys'), { node: withEnds, property: endProperty, code: Codes.outsideJourney });
            return;
        }
        const startStage = stageIndexOf(start);
        const endStage = stageIndexOf(end);
        if (startStage === undefined || endStage === undefined) return;
        // `duration(S to S)` is the time spent in the stage S (its first event to its last).
        if (start === end && isDurationMeasure(measure) && isStage(start)) return;
        if (start === end || ((endStage < startStage || endsBeforeInStage(start, end)) && !loopsBack(start, end))) {
            const message = start === end ? this.m.t('diag.windowSamePlace') : this.m.t('diag.windowOrder', { end: nameOf(end), start: nameOf(start) });
            accept('error', message,
                { node: withEnds, property: endProperty, code: Codes.windowOrder });
        }
    }

    private checkScope(kpi: Kpi, accept: ValidationAcceptor): void {
        const scope = kpi.scope;
        const journey = owningJourney(kpi);
        if (!scope || !journey) return;
        const target = scope.stage?.ref ?? scope.touchpoint?.ref;
        if (target && owningJourney(target) !== journey) {
            accept('error', this.m.t('diag.scopeOutsideJourney', { journey: journey.name, scope: scope.stage?.$refText ?? scope.touchpoint?.$refText }),
                { node: scope, property: scope.stage ? 'stage' : 'touchpoint', code: Codes.outsideJourney });
        }
        const channel = scope.channel?.ref;
        if (channel) {
            // The same id names the same channel: channels are declared for the whole workspace.
            const used = this.channelIdsUsed(journey).has(scope.channel!.$refText);
            if (!used) {
                accept('warning', this.m.t('diag.channelNotUsed', { journey: journey.name, channel: channel.name }),
                    { node: scope, property: 'channel', code: Codes.channelNotUsed });
            }
        }
    }

    /**
     * The channel ids a journey's touchpoints name, once per parsed journey. Performance: each KPI
     * scoped to a channel looked through every touchpoint (400 such KPIs on a 10,000-touchpoint
     * journey: 4 million comparisons when the channel is not used).
     */
    private channelIdsUsed(journey: Journey): Set<string> {
        let ids = this.channelIdsByJourney.get(journey);
        if (!ids) {
            ids = new Set();
            for (const stage of journey.stages) for (const touchpoint of stage.touchpoints) for (const channel of touchpoint.channels) ids.add(channel.$refText);
            this.channelIdsByJourney.set(journey, ids);
        }
        return ids;
    }

    // ------------------------------------------------------------ data sources

    checkSource = (source: Source, accept: ValidationAcceptor): void => {
        const path = source.path;
        if (/^([a-z][a-z0-9+.-]*:|\/|\\)/i.test(path)) {
            accept('error', this.m.t('diag.invalidDataPath', { path, file: path.split(/[\\/]/).pop() }),
                { node: source, property: 'path', code: Codes.invalidDataPath });
        }
        const m = this.m;
        const format = source.format as SourceFormatName;
        if (format in SOURCE_FIELDS) {
            const fields = fieldsOf(format);
            for (const column of source.columns) {
                if (!column.field || fields.includes(column.field)) continue;
                const suggestion = closestName(column.field, fields);
                // A column of its own (`column device "appareil"`) is a field KPIs can be broken down by; a misspelt standard field is not.
                if (!suggestion && acceptsOwnFields(format)) continue;
                accept('error', m.t('source.unknown-field', { field: column.field, format, fields: fields.join(', '), suggestion: suggestion ?? 'none' }),
                    { node: column, property: 'field', code: Codes.unknownField });
            }
        }
        if (source.events.length) {
            const touchpoints = this.touchpointIds();
            for (const event of source.events) {
                if (!event.touchpoint || touchpoints.has(event.touchpoint)) continue;
                const suggestion = closestName(event.touchpoint, touchpoints);
                accept('error', m.t('source.unknown-touchpoint', { touchpoint: event.touchpoint, value: event.value, suggestion: suggestion ?? 'none' }),
                    { node: event, property: 'touchpoint', code: Codes.unknownTouchpoint });
            }
        }
        if (source.timezone !== undefined && !isTimeZone(source.timezone)) {
            accept('error', m.t('source.unknown-timezone', { zone: source.timezone }), { node: source, property: 'timezone', code: Codes.unknownTimezone });
        }
    };

    /** Ids of the touchpoints of every journey of the workspace (event lines map to plain ids). */
    private touchpointIds(): Set<string> {
        const ids = new Set<string>();
        for (const description of this.services.shared.workspace.IndexManager.allElements('Touchpoint')) {
            ids.add(description.name.split('.').pop()!);
        }
        return ids;
    }
}

/** A stage states something of the customer's view besides its touchpoints (its description is the author's note). */
function saysSomething(stage: Stage): boolean {
    return stage.goal !== undefined || stage.expectations.length > 0 || stage.thoughts.length > 0 || stage.quotes.length > 0
        || stage.emotions.length > 0 || stage.painPoints.length > 0 || stage.opportunities.length > 0 || stage.momentOfTruth;
}

/** The properties of an emotion said alone (`emotion -1`) and as a range (`emotion -1 to 1`). */
const EMOTION_VALUE = ['value'] as const;
const EMOTION_RANGE = ['value', 'upTo'] as const;

/** The properties of a measure that reference its start and its end. */
type MeasureEnd = 'start' | 'reached' | 'end' | 'from' | 'to';

function unitSuffix(unit: string | undefined): string {
    return unit === undefined ? '' : unit === '%' ? ' %' : ` ${unit}`;
}

function nameOf(node: AstNode): string {
    return (node as { name?: string }).name ?? '?';
}

/**
 * The index, among its journey's stages, of the stage `node` is or belongs to (a touchpoint).
 * Stages are ordered; the touchpoints of one stage are not (a stage may last months and its
 * touchpoints recur), nor a stage and its own.
 */
/**
 * Both ends are touchpoints of one stage and the end is written before the start: the stage's
 * touchpoints follow one another in the order they are written, unless the stage says
 * `order any` or `order parallel` (then nothing tells which comes first).
 */
function endsBeforeInStage(start: AstNode, end: AstNode): boolean {
    if (!isTouchpoint(start) || !isTouchpoint(end) || start.$container !== end.$container) return false;
    return !start.$container.order && end.$containerIndex! < start.$containerIndex!;
}

/**
 * A loop takes cases from `start` back to `end`: an outcome of a touchpoint at or after `start`
 * leads to `end` or to a step before it (a resubmission). Then a measure may end earlier than it starts.
 */
function loopsBack(start: AstNode, end: AstNode): boolean {
    const journey = owningJourney(start);
    const from = stepPosition(start);
    const to = stepPosition(end);
    if (!journey || !from || !to) return false;
    const atOrAfter = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
    return journey.stages.some(stage => stage.touchpoints.some(touchpoint => {
        const here = stepPosition(touchpoint);
        return here && atOrAfter(here, from) && touchpoint.outcomes.some(outcome => {
            const target = outcome.target?.ref && stepPosition(outcome.target.ref);
            return target && atOrAfter(to, target);
        });
    }));
}

function stageIndexOf(node: AstNode): number | undefined {
    const stage = isTouchpoint(node) ? node.$container : node;
    return isStage(stage) && isJourney(stage.$container) ? stage.$containerIndex : undefined;
}

/** The stages and touchpoints a KPI looks at, through its scope and its measure. */
export function measuredNodes(kpi: Kpi): AstNode[] {
    const nodes: Array<AstNode | undefined> = [kpi.scope?.stage?.ref, kpi.scope?.touchpoint?.ref];
    const measure = kpi.measure;
    if (isShareMeasure(measure)) nodes.push(measure.start?.ref, measure.reached?.ref);
    if (isDurationMeasure(measure)) nodes.push(measure.start?.ref, measure.end?.ref);
    if (isFlowMeasure(measure)) nodes.push(measure.from?.ref, measure.to?.ref);
    if (isCountMeasure(measure)) nodes.push(measure.of?.ref);
    return nodes.filter((node): node is AstNode => node !== undefined);
}

/** Code-unit order, the same on every machine (localeCompare follows the machine's locale). */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
