/**
 * The visual diff as data: which elements of the head version's map to mark (added, changed,
 * moved) and what to list as removed. Plain JSON carried by the preview payload (`marks`);
 * src/render/diff-marks-html.ts draws it (classes, banner) and map-css.ts styles it. No Node
 * APIs: it runs in the webview too.
 */
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { elementText } from './describe.js';
import type { WorkspaceDiff } from './diff-types.js';

/** `removed` marks an element of the base version's map that the change takes away. */
export type DiffMark = 'added' | 'changed' | 'moved' | 'removed';

/** The elements of a map a mark can be put on. */
export type MarkedKind = 'journey' | 'stage' | 'touchpoint' | 'kpi';

export interface DiffMarks {
    /** What the map is compared with: `main`, `HEAD~1`… */
    base: string;
    /** `base` when the marks are drawn on the base version's map (what the change removes, changes, moves). */
    side?: 'base';
    /** `journey:J`, `stage:J.S`, `touchpoint:J.T`, `kpi:J.K` → mark. */
    elements: Record<string, DiffMark>;
    /** Removed elements, per head journey id (`''` for the catalog). */
    removed: Record<string, string[]>;
    /** Sentences of the changes, per journey id, for the banner's details. */
    changes: Record<string, string[]>;
}

const markKey = (kind: string, journey: string | undefined, id: string) => (journey === undefined ? `${kind}:${id}` : `${kind}:${journey}.${id}`);

/** The marks of `diff`; the removed elements are named in `locale`. */
export function marksFromDiff(diff: WorkspaceDiff, locale: Locale = DEFAULT_LOCALE): DiffMarks {
    const m = messages(locale);
    const marks: DiffMarks = { base: diff.base.label, elements: {}, removed: {}, changes: {} };
    const rank: Record<DiffMark, number> = { changed: 0, moved: 1, added: 2, removed: 3 };
    const mark = (key: string, value: DiffMark) => {
        const old = marks.elements[key];
        if (!old || rank[value] > rank[old]) marks.elements[key] = value;
    };
    for (const change of diff.changes) {
        const { kind, journey, id } = change.element;
        const group = kind === 'journey' ? id : journey ?? '';
        (marks.changes[group] ??= []).push(change.message);
        if (change.type === 'removed') {
            if (!change.partOf) (marks.removed[group] ??= []).push(elementText(kind, change.element.title, m));
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

/**
 * Marks for the map of the base version, from the diff of the head to the base (the change read
 * backwards, ids and places as in the base): what the change takes away is marked removed.
 */
export function baseMarksFromReverseDiff(reverse: WorkspaceDiff, base: string): DiffMarks {
    const { elements } = marksFromDiff(reverse);
    for (const [key, value] of Object.entries(elements)) if (value === 'added') elements[key] = 'removed';
    return { base, side: 'base', elements, removed: {}, changes: {} };
}

/** The mark of a journey (no `id`), or of one of its stages, touchpoints or KPIs; undefined when unmarked. */
export function markOf(marks: DiffMarks | undefined, kind: MarkedKind, journey: string, id?: string): DiffMark | undefined {
    return marks?.elements[id === undefined ? `${kind}:${journey}` : markKey(kind, journey, id)];
}
