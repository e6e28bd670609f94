/**
 * The visual diff drawn on the HTML map: the classes of marked elements and the banner above
 * each journey. The marks themselves are data computed by src/diff/diff-marks.ts; their
 * styles are in map-css.ts.
 */
import { markOf, type DiffMarks, type MarkedKind } from '../diff/diff-marks.js';
import { escapeHtml as e } from './escape.js';

/** ` jm-diff jm-diff-added` (leading space) for a marked element, `''` otherwise. */
export function markClass(marks: DiffMarks | undefined, kind: MarkedKind, journey: string, id?: string): string {
    const value = markOf(marks, kind, journey, id);
    return value ? ` jm-diff jm-diff-${value}` : '';
}

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
    return `<aside class="jm-diff-banner" data-diff-base="${e(marks.base)}">
<div class="jm-diff-legend"><b>Compared with ${e(marks.base)}</b> <span class="jm-diff-added">added</span><span class="jm-diff-changed">changed</span><span class="jm-diff-moved">moved</span></div>
${removedList}${details}</aside>`;
}
