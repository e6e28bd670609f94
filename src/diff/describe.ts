/**
 * One sentence per change, as a reviewer reads it: "target of KPI *Cartes envoyées à J+1*
 * tightened from ≥ 90 % to ≥ 95 %" / "cible du KPI … resserrée de … à …". The same sentences
 * serve the plain text, Markdown and JSON outputs; a `TextStyle` says how names, values and ids
 * are marked (and escaped). Every sentence is a whole message of the catalogues
 * (src/language/i18n), its names and values as placeholders.
 */
import { DEFAULT_LOCALE, messages, type MessageKey, type Messages } from '../language/i18n/i18n.js';
import { FACTS, factOf } from '../language/model/journey-facts.js';
import type { Change, ChangedChange, ElementKind, UsageCount } from './diff-types.js';

export interface TextStyle {
    /** A title from a journey file. */
    name(text: string): string;
    /** A value: a target, a channel, a date. */
    value(text: string): string;
    /** An id as written in the file. */
    code(text: string): string;
    /** Free text that is neither (already in the style's syntax). */
    text(text: string): string;
}

/** Plain text: titles in the language's quotes ("…" / « … »). */
export function plainStyle(m: Messages = messages(DEFAULT_LOCALE)): TextStyle {
    return {
        name: text => m.t('diff.quoted', { text }),
        value: text => text,
        code: text => text,
        text: text => text
    };
}

/** "a, b and c" / "a, b et c". */
export function joinWords(words: string[], m: Messages = messages(DEFAULT_LOCALE)): string {
    if (words.length <= 1) return words.join('');
    return m.t('list.and', { head: words.slice(0, -1).join(', '), last: words[words.length - 1] });
}

/** "3 touchpoints and 1 KPI": what a removed catalog entry was used by. */
export function usageText(usage: UsageCount | undefined, m: Messages = messages(DEFAULT_LOCALE)): string {
    if (!usage) return '';
    const keys = { journeys: 'count.journeys', stages: 'count.stages', touchpoints: 'count.touchpoints', kpis: 'count.kpis' } as const;
    const parts = (Object.keys(keys) as Array<keyof typeof keys>)
        .filter(key => usage[key])
        .map(key => m.t(keys[key], { count: usage[key]! }));
    return joinWords(parts, m);
}

/** Facts whose word in the table reads badly before "of journey …": the diff says them its own way. */
const DIFF_WORDS: Partial<Record<string, MessageKey>> = {
    goal: 'diff.word.goal', expectations: 'diff.word.expectations', thoughts: 'diff.word.thoughts', quotes: 'diff.word.quotes',
    collectedVia: 'diff.word.collectedVia'
};

/** A changed attribute in a reviewer's words, from the facts table ("moment of truth", "data source"). */
export function attributeWord(attribute: string, kind?: ElementKind, m: Messages = messages(DEFAULT_LOCALE)): string {
    const own = DIFF_WORDS[attribute];
    if (own) return m.t(own);
    const fact = (kind && factOf(kind, attribute)) ?? Object.values(FACTS).flat().find(f => f.field === attribute);
    return fact ? m.t(fact.word) : attribute;
}

/** "stage “Accueil”" / "étape « Accueil »": an element by its kind and title. */
export function elementText(kind: ElementKind, title: string, m: Messages = messages(DEFAULT_LOCALE)): string {
    return m.t('diff.element', { kind, title });
}

const list = (value: string | string[] | undefined): string[] => value === undefined ? [] : Array.isArray(value) ? value : [value];
const one = (value: string | string[] | undefined): string => list(value).join(', ');
const NONE = 'none';
/** Said as "now … (was …)": values that are not better or worse, only different (a timing, a survey's question). */
const NOW_WAS = new Set(['timing', 'deadline', 'goal', 'duration', 'threshold', 'target.warning', 'breakdown', 'collectedVia', 'respondent', 'question', 'baseline', 'measure']);

export function describe(change: Change, style?: TextStyle, m: Messages = messages(DEFAULT_LOCALE)): string {
    const st = style ?? plainStyle(m);
    const d = change.display ?? {};
    const kind = change.element.kind;
    const name = st.name(change.element.title);
    const names = (key: string) => joinWords(list(d[key]).map(st.name), m);
    const usage = 'usedBy' in change ? usageText(change.usedBy, m) || NONE : NONE;
    switch (change.type) {
        case 'added':
        case 'removed': {
            const stage = change.element.kind === 'touchpoint' && d.stage ? st.name(one(d.stage)) : NONE;
            return m.t(change.type === 'added' ? 'diff.added' : 'diff.removed', { kind, name, stage, contents: d.contents ? one(d.contents) : NONE, usage });
        }
        case 'renamed':
            return m.t('diff.renamed', { kind, name, from: st.code(change.from), to: st.code(change.element.id), usage });
        case 'moved': {
            const place = (key: 'diff.place.from' | 'diff.place.to', journey: string, stage: string) => m.t(key, {
                journey: d[journey] !== undefined ? st.name(one(d[journey])) : NONE,
                stage: d[stage] !== undefined ? st.name(one(d[stage])) : NONE
            });
            return m.t('diff.moved', { kind, name, from: place('diff.place.from', 'fromJourney', 'fromStage'), to: place('diff.place.to', 'toJourney', 'toStage') });
        }
        case 'reordered':
            return m.t('diff.reordered', { children: change.children, kind, name, names: names('moved') });
        case 'file-moved':
            return m.t('diff.fileMoved', { kind, name, from: st.code(change.from), to: st.code(change.to) });
        case 'changed':
            return describeChanged(change, st, m);
    }
}

function describeChanged(change: ChangedChange, style: TextStyle, m: Messages): string {
    const d = change.display ?? {};
    const kind = change.element.kind;
    const added = list(d.added);
    const removed = list(d.removed);
    const values = {
        kind,
        name: style.name(change.element.title),
        from: style.value(one(d.from)),
        to: style.value(one(d.to)),
        word: attributeWord(change.attribute, kind, m),
        usage: usageText(change.usedBy, m) || NONE
    };
    switch (change.attribute) {
        case 'title':
            return m.t('diff.changed.title', { ...values, from: style.name(one(d.from)) });
        case 'description':
            return m.t('diff.changed.description', { ...values, meaning: change.meaning ?? 'changed' });
        case 'momentOfTruth':
            return m.t('diff.changed.momentOfTruth', { ...values, now: change.to ? 'yes' : 'no' });
        case 'optional':
            return m.t('diff.changed.optional', { ...values, now: change.to ? 'yes' : 'no' });
        case 'order':
            if (kind === 'stage') return m.t('diff.changed.order', { ...values, from: String(change.from ?? NONE), to: String(change.to ?? NONE) });
            break;
        case 'condition':
            return m.t('diff.changed.condition', {
                ...values, from: style.name(String(change.from ?? '')), to: style.name(String(change.to ?? '')), meaning: change.meaning ?? 'changed'
            });
        case 'baseline':
            if (d.period !== undefined) {
                return m.t('diff.changed.baseline', {
                    ...values, change: 'period', value: style.value(one(d.value)), date: NONE,
                    from: one(d.from) ? values.from : NONE, to: one(d.to) ? values.to : NONE
                });
            }
            if (d.date !== undefined) return m.t('diff.changed.baseline', { ...values, change: 'value', value: NONE, date: style.value(one(d.date)) });
            break;
        case 'channels':
            if (removed.length === 1 && added.length === 1) {
                return m.t('diff.changed.channel', { ...values, from: style.value(removed[0]), to: style.value(added[0]) });
            }
            break;
        case 'emotion':
            if (change.meaning === 'improved' || change.meaning === 'worsened') return m.t('diff.changed.emotion', { ...values, meaning: change.meaning });
            break;
        case 'target':
            if (change.meaning === 'tightened' || change.meaning === 'loosened') return m.t('diff.changed.target', { ...values, meaning: change.meaning });
            break;
        case 'target.deadline':
            if (change.meaning === 'earlier' || change.meaning === 'later') return m.t('diff.changed.deadline', { ...values, meaning: change.meaning });
            break;
        case 'measure.window':
            if (change.meaning === 'widened' || change.meaning === 'narrowed') return m.t('diff.changed.window', { ...values, meaning: change.meaning });
            break;
    }
    if (NOW_WAS.has(change.attribute)) return m.t('diff.changed.now', { ...values, meaning: change.meaning ?? 'changed' });
    const changedItems = list(d.changedItems);
    const notes = list(d.notes);
    if (added.length || removed.length || changedItems.length || notes.length) {
        const parts = [
            ...(added.length ? [m.t('diff.part.added', { items: joinWords(added.map(style.value), m) })] : []),
            ...(removed.length ? [m.t('diff.part.removed', { items: joinWords(removed.map(style.value), m) })] : []),
            ...changedItems.map(item => m.t('diff.part.changed', { item: style.value(item) })),
            ...notes.map(style.text)
        ];
        return m.t('diff.changed.items', { ...values, parts: parts.join(m.t('diff.part.separator')) });
    }
    const fromText = one(d.from);
    const toText = one(d.to);
    if (change.meaning === 'set' || (fromText === '' && toText !== '')) return m.t('diff.changed.set', values);
    if (change.meaning === 'unset' || (toText === '' && fromText !== '')) return m.t('diff.changed.unset', values);
    return m.t('diff.changed.value', values);
}
