/**
 * The diff as text (terminal, `git diff`), Markdown (a pull-request comment: a summary
 * paragraph, then per journey a short list with the details collapsed) and JSON.
 */
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';
import { describe, joinWords, plainStyle, type TextStyle } from './describe.js';
import type { Change, ElementKind, SideProblem, WorkspaceDiff } from './diff-types.js';

export type DiffFormat = 'text' | 'markdown' | 'json';

/**
 * The diff in the reader's language. JSON keeps its codes and fields in every language; its
 * sentences (`message`, `display`) are those the diff was computed with (`DiffOptions.locale`).
 */
export function formatDiff(diff: WorkspaceDiff, format: DiffFormat, locale: Locale = DEFAULT_LOCALE): string {
    switch (format) {
        case 'json': return JSON.stringify(diff, null, 2) + '\n';
        case 'markdown': return formatMarkdown(diff, messages(locale));
        case 'text': return formatText(diff, messages(locale));
    }
}

interface Group {
    key: string;
    heading: (style: TextStyle) => string;
    changes: Change[];
}

const CATALOG_GROUP = '\u0000catalog';

/** Changes per journey (in the diff's journey order), then the catalog. */
function groups(diff: WorkspaceDiff, m: Messages): Group[] {
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
        result.push({
            key: journey.id,
            heading: style => m.t('diff.group.journey', { title: style.name(journey.title), status: journey.status, file: style.code(journey.file) }),
            changes: sortByKind(changes)
        });
    }
    const catalog = byKey.get(CATALOG_GROUP);
    if (catalog) result.push({ key: CATALOG_GROUP, heading: () => m.t('diff.group.catalog'), changes: catalog });
    return result;
}

const KIND_RANK: Record<ElementKind, number> = {
    journey: 0, stage: 1, touchpoint: 2, kpi: 3, channel: 4, persona: 5, segment: 6, team: 7, role: 8, organisation: 9, tagfamily: 10, source: 11
};
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
export function summaryText(diff: WorkspaceDiff, style: TextStyle, m: Messages = messages(DEFAULT_LOCALE)): string {
    const visibleChanges = diff.changes.filter(visible);
    const unread = [...diff.base.unreadable, ...diff.head.unreadable];
    const notCompared = unread.length
        ? ` ${m.t('diff.summary.unread', { count: unread.length, files: joinWords(unread.map(p => style.code(p.file)), m) })}`
        : '';
    const base = style.code(diff.base.label);
    const head = style.code(diff.head.label);
    if (!visibleChanges.length) return m.t('diff.summary.noChange', { base, head }) + notCompared;
    const sentences: string[] = [];
    const names = (status: string) => diff.journeys.filter(j => j.status === status).map(j => style.name(j.title));
    const journeyParts = (['changed', 'added', 'removed'] as const)
        .map(status => ({ status, names: names(status) }))
        .filter(part => part.names.length)
        .map(part => m.t('diff.summary.journeyPart', { status: part.status, names: joinWords(part.names, m) }));
    const separator = m.t('diff.part.separator');
    sentences.push(journeyParts.length
        ? m.t('diff.summary.journeys', { base, head, parts: journeyParts.join(separator) })
        : m.t('diff.summary.catalogOnly', { base, head }));
    const kinds: ElementKind[] = ['stage', 'touchpoint', 'kpi', 'channel', 'persona', 'segment', 'team', 'role', 'organisation', 'tagfamily', 'source'];
    const counts: string[] = [];
    for (const kind of kinds) {
        const of = visibleChanges.filter(c => c.element.kind === kind);
        const parts = (['added', 'removed', 'renamed', 'moved'] as const)
            .map(type => ({ type, count: of.filter(c => c.type === type).length }))
            .filter(part => part.count)
            .map(part => m.t('diff.summary.count', part));
        const changed = new Set(of.filter(c => c.type === 'changed').map(c => `${c.element.journey ?? ''}.${c.element.id}`)).size;
        if (changed) parts.push(m.t('diff.summary.count', { type: 'changed', count: changed }));
        if (parts.length) counts.push(m.t('diff.summary.kindCounts', { kind, counts: parts.join(', ') }));
    }
    if (counts.length) sentences.push(`${capitalise(counts.join(separator), m)}.`);
    const targets = visibleChanges.filter(c => c.type === 'changed' && c.attribute === 'target');
    const tightened = targets.filter(c => c.type === 'changed' && c.meaning === 'tightened').length;
    const loosened = targets.filter(c => c.type === 'changed' && c.meaning === 'loosened').length;
    if (tightened || loosened) {
        sentences.push(capitalise(m.t('diff.summary.targets', { tightened, loosened, both: tightened && loosened ? 'yes' : 'no' }), m));
    }
    return sentences.join(' ') + notCompared;
}

const capitalise = (text: string, m: Messages) => text.charAt(0).toLocaleUpperCase(m.locale) + text.slice(1);

function problemLines(diff: WorkspaceDiff, style: TextStyle, m: Messages): string[] {
    const line = (problem: SideProblem, side: string) =>
        m.t('diff.problem', { side, file: style.code(`${problem.file}${problem.line ? `:${problem.line}` : ''}`), message: style.text(problem.message) });
    const skipped = (file: string, side: string) => m.t('diff.problem.skipped', { side, file: style.code(file) });
    return [
        ...diff.base.unreadable.map(p => line(p, diff.base.label)),
        ...diff.head.unreadable.map(p => line(p, diff.head.label)),
        ...diff.base.skipped.map(file => skipped(file, diff.base.label)),
        ...diff.head.skipped.map(file => skipped(file, diff.head.label))
    ];
}

// ---------------------------------------------------------------- text

export function formatText(diff: WorkspaceDiff, m: Messages = messages(DEFAULT_LOCALE)): string {
    const style = plainStyle(m);
    const lines = [`journey diff ${diff.base.label} → ${diff.head.label}`, summaryText(diff, style, m)];
    for (const group of groups(diff, m)) {
        lines.push('', group.heading(style));
        for (const change of group.changes.filter(visible)) lines.push(`  ${SYMBOLS[change.type]} ${describe(change, style, m)}${textDetail(change, m)}`);
    }
    const problems = problemLines(diff, style, m);
    if (problems.length) lines.push('', m.t('diff.text.notCompared'), ...problems.map(p => `  ! ${p}`));
    return lines.join('\n') + '\n';
}

/** From/to of free texts, which the sentence does not show. */
function textDetail(change: Change, m: Messages): string {
    if (change.type !== 'changed' || change.attribute !== 'description') return '';
    const from = change.from === undefined ? '' : `\n      ${m.t('diff.text.was', { text: oneLine(String(change.from)) })}`;
    const to = change.to === undefined ? '' : `\n      ${m.t('diff.text.now', { text: oneLine(String(change.to)) })}`;
    return from + to;
}

/** On one line; no-break spaces stay (French writes `83,3 %` and `« … »` with them). */
const oneLine = (text: string) => text.replace(/[^\S\u00a0\u202f]+/g, ' ').trim();

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

export function formatMarkdown(diff: WorkspaceDiff, m: Messages = messages(DEFAULT_LOCALE)): string {
    const out: string[] = [`### ${m.t('diff.md.title')}`, '', summaryText(diff, markdownStyle, m)];
    for (const group of groups(diff, m)) {
        const shown = group.changes.filter(visible);
        const major = shown.filter(change => !isMinor(change));
        const short = major.slice(0, SHORT_LIST);
        const rest = shown.length - short.length;
        out.push('', `#### ${capitalise(group.heading(markdownStyle), m)}`, '');
        for (const change of short) out.push(`- ${describe(change, markdownStyle, m)}`);
        if (!short.length) out.push(`- ${m.t('diff.md.minor', { count: shown.length })}`);
        else if (rest > 0) out.push(`- ${m.t('diff.md.more', { count: rest })}`);
        const everything = short.length === shown.length && shown.every(change => !detailValues(change, m).length);
        if (everything) continue;
        out.push('', `<details><summary>${m.t('diff.md.details', { count: shown.length })}</summary>`, '');
        for (const change of shown) {
            out.push(`- ${describe(change, markdownStyle, m)}`);
            for (const [label, value] of detailValues(change, m)) out.push(`  - ${m.t('diff.detail', { label, value: escapeMarkdown(value) })}`);
        }
        out.push('', '</details>');
    }
    const problems = problemLines(diff, markdownStyle, m);
    if (problems.length) out.push('', '> [!WARNING]', `> ${m.t('diff.md.notCompared')}`, ...problems.map(p => `> - ${p}`));
    return out.join('\n') + '\n';
}

function detailValues(change: Change, m: Messages): [string, string][] {
    if (change.type === 'changed' && (change.attribute === 'description' || change.attribute === 'title')) {
        return [
            ...(change.from === undefined ? [] : [[m.t('diff.detail.before'), String(change.from)] as [string, string]]),
            ...(change.to === undefined ? [] : [[m.t('diff.detail.after'), String(change.to)] as [string, string]])
        ];
    }
    if (change.type === 'renamed') {
        return [[m.t('diff.detail.similarity'), m.numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(change.similarity)]];
    }
    return [];
}
