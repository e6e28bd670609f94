/**
 * One sentence per change, as a reviewer reads it: "target of KPI *Cartes envoyées à J+1*
 * tightened from ≥ 90 % to ≥ 95 %". The same sentences serve the plain text, Markdown and
 * JSON outputs; a `TextStyle` says how names, values and ids are marked (and escaped).
 */
import { FACTS, factOf, factWord } from '../language/model/journey-facts.js';
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

export const plainStyle: TextStyle = {
    name: text => `"${text}"`,
    value: text => text,
    code: text => text,
    text: text => text
};

export const KIND_WORDS: Record<ElementKind, string> = {
    journey: 'journey', stage: 'stage', touchpoint: 'touchpoint', kpi: 'KPI',
    channel: 'channel', persona: 'persona', team: 'team', source: 'data source'
};

export function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

export function joinWords(words: string[]): string {
    if (words.length <= 1) return words.join('');
    return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function usageText(usage: UsageCount | undefined): string {
    if (!usage) return '';
    const parts = (['journeys', 'stages', 'touchpoints', 'kpis'] as const)
        .filter(key => usage[key])
        .map(key => plural(usage[key]!, key === 'kpis' ? 'KPI' : key.slice(0, -1)));
    return parts.length ? joinWords(parts) : '';
}

/** A changed attribute in a reviewer's words, from the facts table ("moment of truth", "data source"). */
export function attributeWord(attribute: string, kind?: ElementKind): string {
    const fact = (kind && factOf(kind, attribute)) ?? Object.values(FACTS).flat().find(f => f.field === attribute);
    return fact ? factWord(fact) : attribute;
}

const list = (value: string | string[] | undefined): string[] => value === undefined ? [] : Array.isArray(value) ? value : [value];
const one = (value: string | string[] | undefined): string => list(value).join(', ');

export function describe(change: Change, style: TextStyle = plainStyle): string {
    const d = change.display ?? {};
    const kind = KIND_WORDS[change.element.kind];
    const subject = `${kind} ${style.name(change.element.title)}`;
    const names = (key: string) => joinWords(list(d[key]).map(style.name));
    switch (change.type) {
        case 'added': {
            const where = change.element.kind === 'touchpoint' && d.stage ? ` to stage ${style.name(one(d.stage))}` : '';
            const contents = d.contents ? ` with ${one(d.contents)}` : '';
            return `${subject} added${where}${contents}`;
        }
        case 'removed': {
            const where = change.element.kind === 'touchpoint' && d.stage ? ` from stage ${style.name(one(d.stage))}` : '';
            const contents = d.contents ? ` with its ${one(d.contents)}` : '';
            const usage = usageText(change.usedBy);
            return `${subject} removed${where}${contents}${usage ? ` (it was used by ${usage})` : ''}`;
        }
        case 'renamed': {
            const usage = usageText(change.usedBy);
            return `${subject} renamed from ${style.code(change.from)} to ${style.code(change.element.id)}` +
                (usage ? ` (used by ${usage})` : '');
        }
        case 'moved': {
            const place = (journey: string, stage: string) => d[journey] !== undefined
                ? `journey ${style.name(one(d[journey]))}${d[stage] !== undefined ? `, stage ${style.name(one(d[stage]))}` : ''}`
                : `stage ${style.name(one(d[stage]))}`;
            return `${subject} moved from ${place('fromJourney', 'fromStage')} to ${place('toJourney', 'toStage')}`;
        }
        case 'reordered':
            return `${change.children} of ${subject} reordered: ${names('moved')} moved`;
        case 'file-moved':
            return `${subject} moved from file ${style.code(change.from)} to ${style.code(change.to)}`;
        case 'changed':
            return describeChanged(change, subject, style);
    }
}

function describeChanged(change: ChangedChange, subject: string, style: TextStyle): string {
    const d = change.display ?? {};
    const from = one(d.from);
    const to = one(d.to);
    const word = attributeWord(change.attribute, change.element.kind);
    const added = list(d.added);
    const removed = list(d.removed);
    const usage = usageText(change.usedBy);
    const affects = usage ? ` (affects ${usage})` : '';
    switch (change.attribute) {
        case 'title':
            return `${subject} retitled from ${style.name(from)}`;
        case 'description':
            return change.meaning === 'set' ? `description of ${subject} added`
                : change.meaning === 'unset' ? `description of ${subject} removed` : `description of ${subject} changed`;
        case 'momentOfTruth':
            return change.to ? `${subject} is now a moment of truth` : `${subject} is no longer a moment of truth`;
        case 'channels':
            if (removed.length === 1 && added.length === 1) {
                return `${subject} moved from channel ${style.value(removed[0])} to ${style.value(added[0])}`;
            }
            break;
        case 'emotion':
            if (change.meaning === 'improved' || change.meaning === 'worsened') {
                return `emotion at ${subject} ${change.meaning} from ${style.value(from)} to ${style.value(to)}`;
            }
            break;
        case 'target':
            if (change.meaning === 'tightened' || change.meaning === 'loosened') {
                return `target of ${subject} ${change.meaning} from ${style.value(from)} to ${style.value(to)}`;
            }
            break;
        case 'target.deadline':
            if (change.meaning === 'earlier' || change.meaning === 'later') {
                return `deadline of ${subject} moved ${change.meaning} from ${style.value(from)} to ${style.value(to)}`;
            }
            break;
        case 'measure.window':
            if (change.meaning === 'widened' || change.meaning === 'narrowed') {
                return `window of ${subject} ${change.meaning} from ${style.value(from)} to ${style.value(to)}`;
            }
            break;
    }
    if (added.length || removed.length) {
        const parts = [
            ...(added.length ? [`added ${joinWords(added.map(style.value))}`] : []),
            ...(removed.length ? [`removed ${joinWords(removed.map(style.value))}`] : []),
            ...list(d.changedItems).map(item => `changed ${style.value(item)}`)
        ];
        return `${word} of ${subject}: ${parts.join('; ')}${affects}`;
    }
    if (list(d.changedItems).length) {
        return `${word} of ${subject}: ${list(d.changedItems).map(item => `changed ${style.value(item)}`).join('; ')}${affects}`;
    }
    if (change.meaning === 'set' || (from === '' && to !== '')) return `${word} of ${subject} set to ${style.value(to)}${affects}`;
    if (change.meaning === 'unset' || (to === '' && from !== '')) return `${word} of ${subject} removed (was ${style.value(from)})${affects}`;
    return `${word} of ${subject} changed from ${style.value(from)} to ${style.value(to)}${affects}`;
}
