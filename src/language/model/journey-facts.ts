/**
 * The facts of the journey language, declared once beside the grammar: for each fact an element
 * can state, the grammar property that holds it, the model field it becomes, the words written
 * before it, its words for a CX reader (a key of the message catalogues) and the shape of its
 * value. Every surface that lists facts reads this table (the diff and its wording, the outline,
 * rename detection, hover, the map's touchpoint card, the Mermaid export's notes); each surface
 * has its own code only for the facts of shape `own`. `test/language/journey-facts.test.ts`
 * holds the table to the grammar (every assigned property of a fact-bearing rule is here, with
 * the keywords the grammar writes before it) and to the model.
 *
 * Pure data: no Langium, so that the webview and the render layer can read it.
 */
import { messages, type Locale, type MessageKey } from '../i18n/i18n.js';
import { signed } from './kpi-semantics.js';

/** The elements that state facts, as the model and the diff name them. */
export type FactElement = 'journey' | 'stage' | 'touchpoint' | 'kpi' | 'channel' | 'persona' | 'segment' | 'team' | 'role' | 'organisation' | 'tagfamily' | 'source';

/**
 * How a fact's value is written and compared:
 * - `text`: one quoted text (`description "…"`); `texts`: quoted texts, one fact each (`opportunity "…"`);
 * - `word`: one keyword (`state current`); `signed`: a signed number (`emotion -1`);
 * - `flag`: said or not (`moment of truth`);
 * - `ref`: one id (`owner Gestion`); `refs`: ids (`via Web, Courrier`);
 * - `own`: a shape of its own (pain points, a measure, a target, a scope): each surface has code for it.
 */
export type FactShape = 'text' | 'texts' | 'word' | 'signed' | 'flag' | 'ref' | 'refs' | 'own';

/** What a `ref` or `refs` fact names, for surfaces that show titles instead of ids. */
export type FactReference = 'team' | 'channel' | 'persona' | 'actor' | 'performer' | 'audience' | 'tag' | 'journey' | 'kpi' | 'source';

export interface Fact {
    readonly element: FactElement;
    /** The model field; dotted for a part of one (`blueprint.backstage`, `target.deadline`). The diff's `attribute`. */
    readonly field: string;
    /** The property of the AST node that the grammar assigns (`momentOfTruth`, `lanes`). */
    readonly property: string;
    /** The words written before the value (`via`, `emotion`, `moment of truth`); '' for the title, written after the id. */
    readonly keyword: string;
    /** The fact in a CX person's words (`fact.momentOfTruth`: "moment of truth", « moment de vérité »). */
    readonly word: MessageKey;
    readonly shape: FactShape;
    readonly refers?: FactReference;
    /** For a `signed` value: a higher one is better (the diff says "improved" or "worsened"). */
    readonly higherIsBetter?: boolean;
    /** Weight in the similarity that tells a renamed element from a removed one (1 when absent). */
    readonly weight?: number;
    /**
     * A short fact shown as "word value" wherever an element is summed up: the touchpoint's card
     * on the map (HTML and SVG) and its hover. Facts without it have places of their own there
     * (channels, the emotion lane, pain points) or are too long for a card (blueprint lanes).
     */
    readonly summary?: boolean;
    /** Written by the Mermaid export (a task's title, score or actors); any other fact present is named in its notes. */
    readonly mermaid?: boolean;
}

const title = (element: FactElement): Fact =>
    ({ element, field: 'title', property: 'title', keyword: '', word: 'fact.title', shape: 'text', weight: 3, mermaid: true });
const description = (element: FactElement): Fact =>
    ({ element, field: 'description', property: 'description', keyword: 'description', word: 'fact.description', shape: 'text', weight: 2 });
// Time relative to events (`TimingModel`, `DeadlineModel`): drawn on the map and in the hover in the reader's words (`timingWords`).
const timing = (element: FactElement): Fact =>
    ({ element, field: 'timing', property: 'timing', keyword: 'timing', word: 'fact.timing', shape: 'own' });
const deadline = (element: FactElement): Fact =>
    ({ element, field: 'deadline', property: 'deadline', keyword: 'deadline', word: 'fact.deadline', shape: 'own' });
// Branches: a step only some customers go through, or that may be skipped.
const condition = (element: FactElement): Fact =>
    ({ element, field: 'condition', property: 'condition', keyword: 'only if', word: 'fact.condition', shape: 'text', summary: true });
const optional = (element: FactElement): Fact =>
    ({ element, field: 'optional', property: 'optional', keyword: 'optional', word: 'fact.optional', shape: 'flag', summary: true });
const lane = (field: string, keyword: string, word: MessageKey): Fact =>
    ({ element: 'touchpoint', field: `blueprint.${field}`, property: 'lanes', keyword, word, shape: 'texts' });

/**
 * What the customer wants, expects, thinks and says (a journey, a stage, a touchpoint): short
 * texts, shown as "word value" on the touchpoint's card and in hovers.
 */
const customerView = (element: FactElement): Fact[] => [
    { element, field: 'goal', property: 'goal', keyword: 'goal', word: 'fact.goal', shape: 'text', summary: true },
    { element, field: 'expectations', property: 'expectations', keyword: 'expects', word: 'fact.expectations', shape: 'texts', summary: true },
    { element, field: 'thoughts', property: 'thoughts', keyword: 'thinks', word: 'fact.thoughts', shape: 'texts', summary: true },
    { element, field: 'quotes', property: 'quotes', keyword: 'says', word: 'fact.quotes', shape: 'texts', summary: true }
];

/**
 * How the customer lives a stage or a touchpoint. The emotion (`emotion +1 to +2 "relief"`) is
 * one fact: its number (a range's middle), range and word compared together; emotions under a
 * condition are another. Only the touchpoint's number reaches Mermaid (a task's score).
 */
const felt = (element: 'stage' | 'touchpoint'): Fact[] => [
    { element, field: 'emotion', property: 'emotions', keyword: 'emotion', word: 'fact.emotion', shape: 'own', higherIsBetter: true, ...(element === 'touchpoint' ? { mermaid: true } : {}) },
    { element, field: 'emotionsIf', property: 'emotions', keyword: 'emotion', word: 'fact.emotionsIf', shape: 'own' },
    { element, field: 'painPoints', property: 'painPoints', keyword: 'pain', word: 'fact.painPoints', shape: 'own' },
    { element, field: 'momentOfTruth', property: 'momentOfTruth', keyword: 'moment of truth', word: 'fact.momentOfTruth', shape: 'flag' },
    { element, field: 'opportunities', property: 'opportunities', keyword: 'opportunity', word: 'fact.opportunities', shape: 'texts' }
];

/** A touchpoint's facts, in the order a file, the outline and the diff list them. */
export const TOUCHPOINT_FACTS: readonly Fact[] = [
    title('touchpoint'),
    description('touchpoint'),
    { element: 'touchpoint', field: 'channels', property: 'channels', keyword: 'via', word: 'fact.channels', shape: 'refs', refers: 'channel' },
    { element: 'touchpoint', field: 'owner', property: 'owner', keyword: 'by', word: 'fact.owner', shape: 'ref', refers: 'performer' },
    { element: 'touchpoint', field: 'actors', property: 'actors', keyword: 'actors', word: 'fact.actors', shape: 'refs', refers: 'actor', mermaid: true },
    ...felt('touchpoint'),
    lane('customerActions', 'customer action', 'fact.blueprint.customerActions'),
    lane('frontstage', 'frontstage', 'fact.blueprint.frontstage'),
    lane('backstage', 'backstage', 'fact.blueprint.backstage'),
    lane('supportSystems', 'support system', 'fact.blueprint.supportSystems'),
    lane('evidence', 'evidence', 'fact.blueprint.evidence'),
    { element: 'touchpoint', field: 'duration', property: 'duration', keyword: 'duration', word: 'fact.duration', shape: 'text', summary: true },
    timing('touchpoint'),
    deadline('touchpoint'),
    ...customerView('touchpoint'),
    { element: 'touchpoint', field: 'segments', property: 'segments', keyword: 'for', word: 'fact.segments', shape: 'refs', refers: 'audience', summary: true },
    { element: 'touchpoint', field: 'tags', property: 'tags', keyword: 'tagged', word: 'fact.tags', shape: 'refs', refers: 'tag', summary: true },
    condition('touchpoint'),
    optional('touchpoint'),
    { element: 'touchpoint', field: 'outcomes', property: 'outcomes', keyword: 'outcome', word: 'fact.outcomes', shape: 'own' }
];

/** A stage's facts (its touchpoints are elements of their own). */
export const STAGE_FACTS: readonly Fact[] = [
    title('stage'),
    description('stage'),
    { element: 'stage', field: 'owner', property: 'owner', keyword: 'owner', word: 'fact.owner', shape: 'ref', refers: 'team' },
    { element: 'stage', field: 'order', property: 'order', keyword: 'order', word: 'fact.order', shape: 'word', summary: true },
    timing('stage'),
    deadline('stage'),
    ...customerView('stage'),
    ...felt('stage'),
    { element: 'stage', field: 'tags', property: 'tags', keyword: 'tagged', word: 'fact.tags', shape: 'refs', refers: 'tag', summary: true },
    condition('stage'),
    optional('stage')
];

/** A journey's facts (its stages and KPIs are elements of their own). */
export const JOURNEY_FACTS: readonly Fact[] = [
    title('journey'),
    description('journey'),
    { element: 'journey', field: 'state', property: 'state', keyword: 'state', word: 'fact.state', shape: 'word' },
    { element: 'journey', field: 'improves', property: 'improves', keyword: 'improves', word: 'fact.improves', shape: 'ref', refers: 'journey' },
    { element: 'journey', field: 'personas', property: 'personas', keyword: 'persona', word: 'fact.personas', shape: 'refs', refers: 'persona' },
    { element: 'journey', field: 'owner', property: 'owner', keyword: 'owner', word: 'fact.owner', shape: 'ref', refers: 'team' },
    { element: 'journey', field: 'emotionScale', property: 'scale', keyword: 'emotion scale', word: 'fact.emotionScale', shape: 'own' },
    { element: 'journey', field: 'tracked', property: 'tracked', keyword: 'track', word: 'fact.tracked', shape: 'own' },
    ...customerView('journey'),
    { element: 'journey', field: 'research', property: 'research', keyword: 'research', word: 'fact.research', shape: 'own' },
    { element: 'journey', field: 'tracked', property: 'tracked', keyword: 'track', word: 'fact.tracked', shape: 'own' }
];

/** A KPI's facts: most have shapes of their own (a measure, a scope, a target). */
export const KPI_FACTS: readonly Fact[] = [
    title('kpi'),
    description('kpi'),
    { element: 'kpi', field: 'measure', property: 'measure', keyword: 'measures', word: 'fact.measure', shape: 'own' },
    { element: 'kpi', field: 'kind', property: 'measure', keyword: 'measures', word: 'fact.kind', shape: 'own' },
    { element: 'kpi', field: 'measure.window', property: 'measure', keyword: 'within', word: 'fact.measure.window', shape: 'own' },
    { element: 'kpi', field: 'unit', property: 'unit', keyword: 'unit', word: 'fact.unit', shape: 'own' },
    { element: 'kpi', field: 'scope', property: 'scope', keyword: 'scope', word: 'fact.scope', shape: 'own' },
    { element: 'kpi', field: 'direction', property: 'direction', keyword: '', word: 'fact.direction', shape: 'own' },
    { element: 'kpi', field: 'mode', property: 'mode', keyword: 'mode', word: 'fact.mode', shape: 'word' },
    { element: 'kpi', field: 'frequency', property: 'frequency', keyword: 'frequency', word: 'fact.frequency', shape: 'word' },
    { element: 'kpi', field: 'owner', property: 'owner', keyword: 'owner', word: 'fact.owner', shape: 'ref', refers: 'team' },
    { element: 'kpi', field: 'target', property: 'target', keyword: 'target', word: 'fact.target', shape: 'own' },
    { element: 'kpi', field: 'target.deadline', property: 'target', keyword: 'by', word: 'fact.target.deadline', shape: 'own' },
    { element: 'kpi', field: 'target.warning', property: 'target', keyword: 'warning', word: 'fact.target.warning', shape: 'own' },
    { element: 'kpi', field: 'data', property: 'data', keyword: 'data', word: 'fact.data', shape: 'ref', refers: 'source' },
    { element: 'kpi', field: 'baseline', property: 'baseline', keyword: 'baseline', word: 'fact.baseline', shape: 'own' },
    { element: 'kpi', field: 'threshold', property: 'threshold', keyword: 'threshold', word: 'fact.threshold', shape: 'own' },
    { element: 'kpi', field: 'breakdown', property: 'breakdown', keyword: 'per', word: 'fact.breakdown', shape: 'word', summary: true },
    { element: 'kpi', field: 'collectedVia', property: 'collectedVia', keyword: 'collected via', word: 'fact.collectedVia', shape: 'text', summary: true },
    { element: 'kpi', field: 'respondent', property: 'respondent', keyword: 'respondent', word: 'fact.respondent', shape: 'text', summary: true },
    { element: 'kpi', field: 'question', property: 'question', keyword: 'question', word: 'fact.question', shape: 'text', summary: true }
];

export const CHANNEL_FACTS: readonly Fact[] = [
    title('channel'),
    description('channel'),
    { element: 'channel', field: 'kind', property: 'kind', keyword: '', word: 'fact.kind', shape: 'word' }
];

export const PERSONA_FACTS: readonly Fact[] = [title('persona'), description('persona')];
export const SEGMENT_FACTS: readonly Fact[] = [title('segment'), description('segment')];
export const TEAM_FACTS: readonly Fact[] = [title('team'), description('team')];
export const ROLE_FACTS: readonly Fact[] = [title('role'), description('role')];
export const ORGANISATION_FACTS: readonly Fact[] = [title('organisation'), description('organisation')];
export const TAG_FAMILY_FACTS: readonly Fact[] = [
    title('tagfamily'),
    description('tagfamily'),
    { element: 'tagfamily', field: 'tags', property: 'tags', keyword: '', word: 'fact.tagValues', shape: 'own' }
];

export const SOURCE_FACTS: readonly Fact[] = [
    title('source'),
    description('source'),
    { element: 'source', field: 'format', property: 'format', keyword: '', word: 'fact.format', shape: 'word', weight: 1 },
    { element: 'source', field: 'path', property: 'path', keyword: '', word: 'fact.path', shape: 'text', weight: 2 },
    { element: 'source', field: 'columns', property: 'columns', keyword: 'column', word: 'fact.columns', shape: 'own' },
    { element: 'source', field: 'events', property: 'events', keyword: 'event', word: 'fact.events', shape: 'own' },
    { element: 'source', field: 'timezone', property: 'timezone', keyword: 'timezone', word: 'fact.timezone', shape: 'text' }
];

/** The facts of each element. */
export const FACTS: Readonly<Record<FactElement, readonly Fact[]>> = {
    journey: JOURNEY_FACTS, stage: STAGE_FACTS, touchpoint: TOUCHPOINT_FACTS, kpi: KPI_FACTS,
    channel: CHANNEL_FACTS, persona: PERSONA_FACTS, segment: SEGMENT_FACTS, team: TEAM_FACTS, role: ROLE_FACTS,
    organisation: ORGANISATION_FACTS, tagfamily: TAG_FAMILY_FACTS, source: SOURCE_FACTS
};

/**
 * Keywords a CX person may not know, explained in the completion list (and symbols worth
 * proposing: comparators, units). Each is a keyword of the grammar (a test checks it).
 */
export const KEYWORD_HINTS: Readonly<Record<string, MessageKey>> = {
    '>=': 'keyword.>=', '<=': 'keyword.<=', '>': 'keyword.>', '<': 'keyword.<',
    '%': 'keyword.%', '€': 'keyword.€', '$': 'keyword.$', pts: 'keyword.pts',
    points: 'keyword.points', min: 'keyword.min', minutes: 'keyword.minutes', h: 'keyword.h',
    hours: 'keyword.hours', d: 'keyword.d', day: 'keyword.day', days: 'keyword.days',
    week: 'keyword.week', weeks: 'keyword.weeks', month: 'keyword.month', months: 'keyword.months',
    nps: 'keyword.nps', csat: 'keyword.csat', ces: 'keyword.ces', churn: 'keyword.churn',
    retention: 'keyword.retention', referral: 'keyword.referral', loyalty: 'keyword.loyalty', resolution: 'keyword.resolution',
    share: 'keyword.share', duration: 'keyword.duration', conversion: 'keyword.conversion', abandonment: 'keyword.abandonment',
    count: 'keyword.count', hot: 'keyword.hot', cold: 'keyword.cold', online: 'keyword.online',
    offline: 'keyword.offline', current: 'keyword.current', target: 'keyword.target',
    any: 'keyword.any', parallel: 'keyword.parallel', baseline: 'keyword.baseline',
    threshold: 'keyword.threshold', per: 'keyword.per', respondent: 'keyword.respondent', question: 'keyword.question'
};

/** Symbols that are keywords of the grammar and worth proposing; other punctuation is typed, not chosen. */
export const SYMBOL_KEYWORDS: ReadonlySet<string> = new Set(['>=', '<=', '>', '<', '%', '€', '$']);

/** The fact `field` of `element`, if the table declares it. */
export function factOf(element: FactElement, field: string): Fact | undefined {
    return FACTS[element].find(fact => fact.field === field);
}

/**
 * The fact an AST type's property holds, begun by `keyword` (`Touchpoint`, `emotion`, `emotion`);
 * with no type (a fragment's property), the fact of any element.
 */
export function factOfProperty(type: string | undefined, property: string, keyword: string): Fact | undefined {
    const facts = type === undefined ? Object.values(FACTS).flat() : FACTS[type.toLowerCase() as FactElement] as readonly Fact[] | undefined;
    return facts?.find(fact => fact.property === property && fact.keyword.split(' ')[0] === keyword);
}

/** A fact's value in an element of the model (a dotted field reads into its part). */
export function factValue(model: object, fact: Fact): unknown {
    let value: unknown = model;
    for (const part of fact.field.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    return value;
}

/** The values of a fact as a list: none when absent, false or empty; one per item for `texts` and `refs`. */
export function factItems(model: object, fact: Fact): unknown[] {
    const value = factValue(model, fact);
    if (value === undefined || value === false || value === '') return [];
    return Array.isArray(value) ? value : [value];
}

/**
 * One value of a fact as a journey file writes it after its keyword: a text quoted, a number
 * signed, an id as is (`own` values have no generic writing: their JSON).
 */
export function factSource(fact: Fact, item: unknown): string {
    switch (fact.shape) {
        case 'text': case 'texts': return JSON.stringify(String(item));
        case 'signed': return signed(Number(item));
        case 'flag': return '';
        case 'word': case 'ref': case 'refs': return String(item);
        case 'own': return JSON.stringify(item);
    }
}

/** One value of a fact as a person reads it: a text as is, a number signed, an id as written. */
export function factText(fact: Fact, item: unknown): string {
    switch (fact.shape) {
        case 'signed': return signed(Number(item));
        case 'flag': return '';
        case 'own': return JSON.stringify(item);
        default: return String(item);
    }
}

/** An emotion's number, range and word, as the model holds them (a stage's, a touchpoint's, a condition's). */
export interface EmotionParts {
    emotion?: number;
    emotionRange?: { min: number; max: number };
    emotionWord?: string;
}

/** An emotion as a person reads it: `+1 to +2 “relief”`, `-2`; '' when none is said. */
export function emotionText(parts: EmotionParts, locale: Locale = 'en'): string {
    if (parts.emotion === undefined) return '';
    const m = messages(locale);
    const value = parts.emotionRange
        ? m.t('emotion.range', { min: signed(parts.emotionRange.min), max: signed(parts.emotionRange.max) })
        : signed(parts.emotion);
    return parts.emotionWord === undefined ? value : m.t('emotion.word', { value, word: parts.emotionWord });
}

/** An emotion felt under a condition: `-2 “anxiety” if “the file is incomplete”`. */
export function conditionalEmotionText(emotion: EmotionParts & { condition: string }, locale: Locale = 'en'): string {
    return messages(locale).t('emotion.if', { emotion: emotionText(emotion, locale), condition: emotion.condition });
}

/**
 * The summary facts an element states, as (word, text) pairs for cards and hovers; with a
 * workspace, the ids of `ref` and `refs` facts are shown by their titles.
 */
export function summaryFacts(facts: readonly Fact[], element: object, locale: Locale = 'en', workspace?: TitledWorkspace): { word: string; text: string }[] {
    return facts.filter(fact => fact.summary).flatMap(fact => {
        const items = factItems(element, fact);
        const show = (item: unknown) => workspace && (fact.shape === 'ref' || fact.shape === 'refs') ? referenceTitle(workspace, fact.refers, String(item)) : factText(fact, item);
        return items.length ? [{ word: factWord(fact, locale), text: items.map(show).join(', ') }] : [];
    });
}

/** The lists of a workspace model whose entries a reference names (a model of an older build may lack the newer ones). */
export type TitledWorkspace = Partial<Record<'channels' | 'personas' | 'segments' | 'teams' | 'roles' | 'organisations' | 'journeys' | 'kpis' | 'sources',
    readonly { id: string; title: string }[]>> & { tagFamilies?: readonly { id: string; tags: readonly { id: string; title: string }[] }[] };

/** What a reference fact names, by its title (its id when the workspace does not declare it). */
export function referenceTitle(workspace: TitledWorkspace, refers: FactReference | undefined, id: string): string {
    if (refers === 'tag') {
        const dot = id.indexOf('.');
        return workspace.tagFamilies?.find(f => f.id === id.slice(0, dot))?.tags.find(t => t.id === id.slice(dot + 1))?.title ?? id;
    }
    const lists: Record<FactReference, (keyof TitledWorkspace)[]> = {
        team: ['teams'], channel: ['channels'], persona: ['personas'], journey: ['journeys'], kpi: ['kpis'], source: ['sources'], tag: [],
        actor: ['personas', 'teams', 'roles', 'organisations'], performer: ['teams', 'roles', 'organisations'], audience: ['personas', 'segments']
    };
    for (const list of refers ? lists[refers] : []) {
        const found = (workspace[list] as readonly { id: string; title: string }[] | undefined)?.find(entry => entry.id === id);
        if (found) return found.title;
    }
    return id;
}

/** The fact in a CX reader's words ("moment of truth"), in `locale`. */
export function factWord(fact: Fact, locale: Locale = 'en'): string {
    return messages(locale).t(fact.word);
}
