/**
 * The visual diff: which elements of the head version's map to mark (added, changed, moved)
 * and what to list as removed. Plain JSON carried by the preview payload (`marks`); the map
 * renderer asks `markClass` for each journey, stage and touchpoint and draws `diffBanner`
 * above each journey. No Node APIs: it runs in the webview too.
 */
import { escapeHtml as e } from '../render/escape.js';
import { KIND_WORDS } from './describe.js';
import type { WorkspaceDiff } from './diff-types.js';

export type DiffMark = 'added' | 'changed' | 'moved';

export interface DiffMarks {
    /** What the map is compared with: `main`, `HEAD~1`… */
    base: string;
    /** `journey:J`, `stage:J.S`, `touchpoint:J.T`, `kpi:J.K` → mark. */
    elements: Record<string, DiffMark>;
    /** Removed elements, per head journey id (`''` for the catalog). */
    removed: Record<string, string[]>;
    /** Sentences of the changes, per journey id, for the banner's details. */
    changes: Record<string, string[]>;
}

const markKey = (kind: string, journey: string | undefined, id: string) => (journey === undefined ? `${kind}:${id}` : `${kind}:${journey}.${id}`);

export function marksFromDiff(diff: WorkspaceDiff): DiffMarks {
    const marks: DiffMarks = { base: diff.base.label, elements: {}, removed: {}, changes: {} };
    const rank: Record<DiffMark, number> = { changed: 0, moved: 1, added: 2 };
    const mark = (key: string, value: DiffMark) => {
        const old = marks.elements[key];
        if (!old || rank[value] > rank[old]) marks.elements[key] = value;
    };
    for (const change of diff.changes) {
        const { kind, journey, id } = change.element;
        const group = kind === 'journey' ? id : journey ?? '';
        (marks.changes[group] ??= []).push(change.message);
        if (change.type === 'removed') {
            if (!change.partOf) (marks.removed[group] ??= []).push(`${KIND_WORDS[kind]} “${change.element.title}”`);
            continue;
        }
        if (change.type === 'file-moved') continue;
        if (change.type === 'reordered') {
            for (const child of change.moved) mark(markKey(change.children === 'stages' ? 'stage' : 'touchpoint', change.element.journey ?? change.element.id, child), 'moved');
            continue;
        }
        const value: DiffMark = change.type === 'added' ? 'added' : change.type === 'moved' ? 'moved' : 'changed';
        mark(kind === 'journey' ? `journey:${id}` : markKey(kind, journey, id), value);
        if (change.type === 'added' && kind === 'stage') {
            for (const touchpoint of (change.value as { touchpoints: { id: string }[] }).touchpoints) mark(markKey('touchpoint', journey, touchpoint.id), 'added');
        }
    }
    return marks;
}

/** ` jm-diff jm-diff-added` (leading space) for a marked element, `''` otherwise. */
export function markClass(marks: DiffMarks | undefined, kind: 'journey' | 'stage' | 'touchpoint' | 'kpi', journey: string, id?: string): string {
    if (!marks) return '';
    const value = marks.elements[id === undefined ? `${kind}:${journey}` : `${kind}:${journey}.${id}`];
    return value ? ` jm-diff jm-diff-${value}` : '';
}

const DIFF_CSS = `
.jm-diff-banner { border: 1px solid var(--jm-border); border-left: 4px solid var(--jm-accent); padding: .4em .8em; margin: .5em 0; background: var(--jm-card); }
.jm-diff-banner ul { margin: .2em 0; padding-left: 1.4em; }
.jm-diff-legend span { margin-left: .8em; padding: 0 .3em; white-space: nowrap; }
.jm-diff-added { outline: 2px solid #2e7d32; outline-offset: -2px; background-image: linear-gradient(rgba(46,125,50,.12), rgba(46,125,50,.12)); }
.jm-diff-changed { outline: 2px solid #e67700; outline-offset: -2px; background-image: linear-gradient(rgba(230,119,0,.12), rgba(230,119,0,.12)); }
.jm-diff-moved { outline: 2px dashed #0969da; outline-offset: -2px; }
.jm-diff::before { font-size: .75em; font-weight: 600; display: block; }
.jm-diff.jm-diff-added::before { content: "+ added"; color: #2e7d32; }
.jm-diff.jm-diff-changed::before { content: "~ changed"; color: #e67700; }
.jm-diff.jm-diff-moved::before { content: "↔ moved"; color: #0969da; }
.jm-diff-removed { color: #c62828; text-decoration: line-through; }
`;

/** The banner above a journey's map: what it is compared with, the legend, what was removed. */
export function diffBanner(marks: DiffMarks | undefined, journey: string): string {
    if (!marks) return '';
    const removed = marks.removed[journey] ?? [];
    const changes = marks.changes[journey] ?? [];
    const removedList = removed.length
        ? `<div>Removed since ${e(marks.base)}:<ul>${removed.map(item => `<li class="jm-diff-removed">${e(item)}</li>`).join('')}</ul></div>` : '';
    const details = changes.length
        ? `<details><summary>${changes.length} change${changes.length === 1 ? '' : 's'} since ${e(marks.base)}</summary><ul>${changes.map(c => `<li>${e(c)}</li>`).join('')}</ul></details>`
        : `<div>No change since ${e(marks.base)}.</div>`;
    return `<style>${DIFF_CSS}</style><aside class="jm-diff-banner" data-diff-base="${e(marks.base)}">
<div class="jm-diff-legend"><b>Compared with ${e(marks.base)}</b> <span class="jm-diff-added">added</span><span class="jm-diff-changed">changed</span><span class="jm-diff-moved">moved</span></div>
${removedList}${details}</aside>`;
}
