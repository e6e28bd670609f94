/**
 * The diff as text (terminal, `git diff`), Markdown (a pull-request comment: a summary
 * paragraph, then per journey a short list with the details collapsed) and JSON.
 */
import { KIND_WORDS, describe, joinWords, plainStyle, plural, type TextStyle } from './describe.js';
import type { Change, ElementKind, SideProblem, WorkspaceDiff } from './diff-types.js';

export type DiffFormat = 'text' | 'markdown' | 'json';

export function formatDiff(diff: WorkspaceDiff, format: DiffFormat): string {
    switch (format) {
        case 'json': return JSON.stringify(diff, null, 2) + '\n';
        case 'markdown': return formatMarkdown(diff);
        case 'text': return formatText(diff);
    }
}

interface Group {
    key: string;
    heading: (style: TextStyle) => string;
    changes: Change[];
}

const CATALOG_GROUP = '\u0000catalog';

/** Changes per journey (in the diff's journey order), then the catalog. */
function groups(diff: WorkspaceDiff): Group[] {
    const byKey = new Map<string, Change[]>();
    for (const change of diff.changes) {
        const key = change.element.kind === 'journey' ? change.element.id : change.element.journey ?? CATALOG_GROUP;
        byKey.set(key, [...(byKey.get(key) ?? []), change]);
    }
    const result: Group[] = [];
    const rank = { changed: 0, added: 1, removed: 2 };
    const journeys = [...diff.journeys].sort((a, b) => rank[a.status] - rank[b.status]);
    for (const journey of journeys) {
        const changes = byKey.get(journey.id);
        if (!changes) continue;
        const status = journey.status === 'changed' ? '' : ` (${journey.status})`;
        result.push({
            key: journey.id,
            heading: style => `journey ${style.name(journey.title)}${status} · ${style.code(journey.file)}`,
            changes: sortByKind(changes)
        });
    }
    const catalog = byKey.get(CATALOG_GROUP);
    if (catalog) result.push({ key: CATALOG_GROUP, heading: () => 'catalog (channels, personas, teams, KPIs, data sources)', changes: catalog });
    return result;
}

const KIND_RANK: Record<ElementKind, number> = { journey: 0, stage: 1, touchpoint: 2, kpi: 3, channel: 4, persona: 5, team: 6, source: 7 };
/** Journey-level changes first, then stages, touchpoints, KPIs (stable within a kind). */
function sortByKind(changes: Change[]): Change[] {
    return changes.map((change, i) => ({ change, i }))
        .sort((a, b) => KIND_RANK[a.change.element.kind] - KIND_RANK[b.change.element.kind] || a.i - b.i)
        .map(entry => entry.change);
}

/** A change shown on its own line; others are summarised by the change they are part of. */
export const visible = (change: Change) => !(change.type === 'removed' && change.partOf) && !(change.type === 'changed' && change.impliedBy);

const MINOR = new Set(['description', 'opportunities', 'blueprint.customerActions', 'blueprint.frontstage', 'blueprint.backstage',
    'blueprint.supportSystems', 'blueprint.evidence', 'emotionScale']);
const isMinor = (change: Change) => change.type === 'file-moved' || (change.type === 'changed' && MINOR.has(change.attribute));

const SYMBOLS: Record<Change['type'], string> = {
    added: '+', removed: '-', renamed: '>', moved: '>', reordered: '>', changed: '~', 'file-moved': '>'
};

/** The one-paragraph summary: which journeys, how many elements of each kind, what the targets did. */
export function summaryText(diff: WorkspaceDiff, style: TextStyle): string {
    const visibleChanges = diff.changes.filter(visible);
    const unread = [...diff.base.unreadable, ...diff.head.unreadable];
    const notCompared = unread.length
        ? ` ${plural(unread.length, 'file')} could not be read and ${unread.length === 1 ? 'was' : 'were'} left out: ${joinWords(unread.map(p => style.code(p.file)))}.`
        : '';
    if (!visibleChanges.length) {
        return `No change to the journeys between ${style.code(diff.base.label)} and ${style.code(diff.head.label)}.${notCompared}`;
    }
    const sentences: string[] = [];
    const names = (status: string) => diff.journeys.filter(j => j.status === status).map(j => style.name(j.title));
    const journeyParts = (['changed', 'added', 'removed'] as const)
        .map(status => ({ status, names: names(status) }))
        .filter(part => part.names.length)
        .map(part => `${part.status} ${joinWords(part.names)}`);
    if (journeyParts.length) sentences.push(`From ${style.code(diff.base.label)} to ${style.code(diff.head.label)}: ${journeyParts.join('; ')}.`);
    else sentences.push(`From ${style.code(diff.base.label)} to ${style.code(diff.head.label)}: catalog changes only.`);
    const kinds: ElementKind[] = ['journey', 'stage', 'touchpoint', 'kpi', 'channel', 'persona', 'team', 'source'];
    const counts: string[] = [];
    for (const kind of kinds) {
        const of = visibleChanges.filter(c => c.element.kind === kind);
        const parts = (['added', 'removed', 'renamed', 'moved'] as const)
            .map(type => ({ type, n: of.filter(c => c.type === type).length }))
            .filter(part => part.n)
            .map(part => `${part.n} ${part.type}`);
        const changed = new Set(of.filter(c => c.type === 'changed').map(c => `${c.element.journey ?? ''}.${c.element.id}`)).size;
        if (changed) parts.push(`${changed} changed`);
        if (parts.length && !(kind === 'journey')) counts.push(`${plural(2, KIND_WORDS[kind]).replace(/^2 /, '')}: ${parts.join(', ')}`);
    }
    if (counts.length) sentences.push(`${capitalise(counts.join('; '))}.`);
    const targets = visibleChanges.filter(c => c.type === 'changed' && c.attribute === 'target');
    const tightened = targets.filter(c => c.type === 'changed' && c.meaning === 'tightened').length;
    const loosened = targets.filter(c => c.type === 'changed' && c.meaning === 'loosened').length;
    if (tightened || loosened) {
        sentences.push(`${capitalise(joinWords([
            ...(tightened ? [`${plural(tightened, 'target')} tightened`] : []),
            ...(loosened ? [`${plural(loosened, 'target')} loosened`] : [])
        ]))}.`);
    }
    return sentences.join(' ') + notCompared;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function problemLines(diff: WorkspaceDiff, style: TextStyle): string[] {
    const line = (problem: SideProblem, side: string) =>
        `${side}: ${style.code(`${problem.file}${problem.line ? `:${problem.line}` : ''}`)} ${style.text(problem.message)}`;
    return [
        ...diff.base.unreadable.map(p => line(p, diff.base.label)),
        ...diff.head.unreadable.map(p => line(p, diff.head.label)),
        ...diff.base.skipped.map(file => `${diff.base.label}: ${style.code(file)} skipped (not a text file)`),
        ...diff.head.skipped.map(file => `${diff.head.label}: ${style.code(file)} skipped (not a text file)`)
    ];
}

// ---------------------------------------------------------------- text

export function formatText(diff: WorkspaceDiff): string {
    const lines = [`journey diff ${diff.base.label} → ${diff.head.label}`, summaryText(diff, plainStyle)];
    for (const group of groups(diff)) {
        lines.push('', group.heading(plainStyle));
        for (const change of group.changes.filter(visible)) lines.push(`  ${SYMBOLS[change.type]} ${describe(change, plainStyle)}${textDetail(change)}`);
    }
    const problems = problemLines(diff, plainStyle);
    if (problems.length) lines.push('', 'not compared:', ...problems.map(p => `  ! ${p}`));
    return lines.join('\n') + '\n';
}

/** From/to of free texts, which the sentence does not show. */
function textDetail(change: Change): string {
    if (change.type !== 'changed' || change.attribute !== 'description') return '';
    const from = change.from === undefined ? '' : `\n      was: ${oneLine(String(change.from))}`;
    const to = change.to === undefined ? '' : `\n      now: ${oneLine(String(change.to))}`;
    return from + to;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- markdown

/** Escapes text from a journey file for Markdown and the HTML GitHub allows in it. */
export function escapeMarkdown(text: string): string {
    return oneLine(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]|~]/g, match => `\\${match}`)
        .replace(/@/g, '@\u200b');
}

/** Inline code that cannot be closed early by a backtick in the text. */
export function markdownCode(text: string): string {
    const clean = oneLine(text);
    const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${clean}${pad}${fence}`;
}

export const markdownStyle: TextStyle = {
    name: text => `*${escapeMarkdown(text)}*`,
    value: text => `**${escapeMarkdown(text)}**`,
    code: markdownCode,
    text: escapeMarkdown
};

const SHORT_LIST = 8;

export function formatMarkdown(diff: WorkspaceDiff): string {
    const out: string[] = ['### Journey changes', '', summaryText(diff, markdownStyle)];
    for (const group of groups(diff)) {
        const shown = group.changes.filter(visible);
        const major = shown.filter(change => !isMinor(change));
        const short = major.slice(0, SHORT_LIST);
        const rest = shown.length - short.length;
        out.push('', `#### ${capitalise(group.heading(markdownStyle))}`, '');
        for (const change of short) out.push(`- ${describe(change, markdownStyle)}`);
        if (!short.length) out.push(`- ${plural(shown.length, 'minor change')} (descriptions, blueprint, files)`);
        else if (rest > 0) out.push(`- … and ${plural(rest, 'more change')}`);
        const everything = short.length === shown.length && shown.every(change => !detailValues(change).length);
        if (everything) continue;
        out.push('', `<details><summary>Details: ${plural(shown.length, 'change')}</summary>`, '');
        for (const change of shown) {
            out.push(`- ${describe(change, markdownStyle)}`);
            for (const [label, value] of detailValues(change)) out.push(`  - ${label}: ${escapeMarkdown(value)}`);
        }
        out.push('', '</details>');
    }
    const problems = problemLines(diff, markdownStyle);
    if (problems.length) out.push('', '> [!WARNING]', '> Not compared:', ...problems.map(p => `> - ${p}`));
    return out.join('\n') + '\n';
}

function detailValues(change: Change): [string, string][] {
    if (change.type === 'changed' && (change.attribute === 'description' || change.attribute === 'title')) {
        return [
            ...(change.from === undefined ? [] : [['before', String(change.from)] as [string, string]]),
            ...(change.to === undefined ? [] : [['after', String(change.to)] as [string, string]])
        ];
    }
    if (change.type === 'renamed') return [['similarity', `${Math.round(change.similarity * 100)} %`]];
    return [];
}
