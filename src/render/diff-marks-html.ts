/**
 * The visual diff drawn on the HTML map: the classes of marked elements and the banner above
 * each journey. The marks themselves are data computed by src/diff/diff-marks.ts; their
 * styles are in map-css.ts.
 */
import { markOf, type DiffMark, type DiffMarks, type MarkedKind } from '../diff/diff-marks.js';
import type { Messages, MessageKey } from '../language/i18n/i18n.js';
import { escapeHtml as e } from './escape.js';

/** ` jm-diff jm-diff-added` (leading space) for a marked element, `''` otherwise. */
export function markClass(marks: DiffMarks | undefined, kind: MarkedKind, journey: string, id?: string): string {
    const value = markOf(marks, kind, journey, id);
    return value ? ` jm-diff jm-diff-${value}` : '';
}

/** Each mark's symbol and word, as the HTML and the SVG maps label a marked element: `+ ajouté`. */
export const MARK_LABELS: Record<DiffMark, { symbol: string; word: MessageKey }> = {
    added: { symbol: '+', word: 'map.diff.added' },
    changed: { symbol: '~', word: 'map.diff.changed' },
    moved: { symbol: '↔', word: 'map.diff.moved' },
    removed: { symbol: '−', word: 'map.diff.removed' }
};

/** A mark's label in the reader's language. */
export function markLabel(kind: DiffMark, m: Messages): string {
    return `${MARK_LABELS[kind].symbol} ${m.t(MARK_LABELS[kind].word)}`;
}

/**
 * The style attribute's value that gives the map's marks their words (`+ ajouté`), which the
 * stylesheet shows before a marked element (`content: var(--jm-mark-added)`); empty without marks.
 */
export function markWordsStyle(marks: DiffMarks | undefined, m: Messages): string {
    if (!marks) return '';
    const cssString = (text: string) => `"${text.replace(/[\\"]/g, c => `\\${c}`).replace(/\n/g, ' ')}"`;
    return (Object.keys(MARK_LABELS) as DiffMark[]).map(kind => `--jm-mark-${kind}:${cssString(markLabel(kind, m))}`).join(';');
}

/** The banner above a journey's map: what it is compared with, the legend, what was removed. */
export function diffBanner(marks: DiffMarks | undefined, journey: string, m: Messages): string {
    if (!marks) return '';
    const removed = marks.removed[journey] ?? [];
    const changes = marks.changes[journey] ?? [];
    const removedList = removed.length
        ? `<div>${e(m.t('map.diff.removedSince', { base: marks.base }))}<ul>${removed.map(item => `<li class="jm-diff-removed">${e(item)}</li>`).join('')}</ul></div>` : '';
    const details = changes.length
        ? `<details><summary>${e(m.t('map.diff.changesSince', { count: changes.length, base: marks.base }))}</summary><ul>${changes.map(c => `<li>${e(c)}</li>`).join('')}</ul></details>`
        : `<div>${e(m.t('map.diff.noChangeSince', { base: marks.base }))}</div>`;
    return `<aside class="jm-diff-banner" data-diff-base="${e(marks.base)}">
<div class="jm-diff-legend"><b>${e(m.t('map.diff.comparedWith', { base: marks.base }))}</b> <span class="jm-diff-added">${e(m.t('map.diff.added'))}</span><span class="jm-diff-changed">${e(m.t('map.diff.changed'))}</span><span class="jm-diff-moved">${e(m.t('map.diff.moved'))}</span></div>
${removedList}${details}</aside>`;
}
