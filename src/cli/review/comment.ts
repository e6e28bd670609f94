/**
 * The review as one Markdown comment (GitHub and GitLab flavours both read it): what the checks
 * found, the semantic diff (`journey diff --format markdown`), the maps before and after as
 * images, and the KPIs whose status changed. Text from journey files is escaped as the diff
 * escapes it. Every sentence is written whole, with its numbers as placeholders.
 */
import { formatDiff, escapeMarkdown, markdownCode } from '../../diff/diff-format.js';
import { DEFAULT_LOCALE } from '../../language/i18n/i18n.js';
import { formatValue, statusWord } from '../../language/model/kpi-format.js';
import type { KpiReportEntry } from '../../metrics/format-metrics.js';
import type { FileDiagnostic } from '../../node/journey-workspace.js';
import type { Review, ReviewMap } from './review.js';

/** First line of the comment, by which a later run finds it to update it. */
export function commentMarker(tag = ''): string {
    return `<!-- journey-review${tag ? `:${tag.replace(/[^\w.-]/g, '_')}` : ''} -->`;
}

export interface CommentOptions {
    marker: string;
    /** Image name → URL, when the maps were published. */
    images?: Map<string, string>;
    /** Why the maps are not shown, when they are not (a sentence). */
    mapsNote?: string;
    /** Link to the CI run (its summary and files). */
    runUrl?: string;
    /** Leave out the long parts (diagnostic list, diff details) to stay under a size limit. */
    short?: boolean;
}

const MAX_LISTED = 50;

export function reviewComment(review: Review, options: CommentOptions): string {
    const out = [options.marker, '## Journey review', '', checkSentence(review)];
    if (review.annotations.length && !options.short) out.push('', ...diagnosticList(review));
    out.push('', formatDiff(review.diff, 'markdown').trimEnd());
    if (options.short) out.push('', 'The list of changes is cut short here: the whole review is in the CI run.');
    if (review.maps.length) out.push('', ...mapsSection(review, options));
    out.push('', ...kpiSection(review));
    const head = review.head.commit ? markdownCode(review.head.commit.slice(0, 12)) : markdownCode(review.head.label);
    out.push('', '---', options.runUrl
        ? `<sub>Written by journey review for ${head} compared with ${markdownCode(review.base.label)} · [CI run](${options.runUrl})</sub>`
        : `<sub>Written by journey review for ${head} compared with ${markdownCode(review.base.label)}</sub>`);
    return out.join('\n') + '\n';
}

const count = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('{n}', String(n)));

function checkSentence(review: Review): string {
    const of = (severity: string) => review.diagnostics.filter(d => d.severity === severity).length;
    const errors = of('error');
    const warnings = of('warning');
    const notes = review.diagnostics.length - errors - warnings;
    const files = count(review.files, 'the 1 journey file', 'the {n} journey files');
    if (!review.diagnostics.length) return `✅ **Checks:** no problem in ${files}.`;
    const found = `${count(errors, '1 error', '{n} errors')}, ${count(warnings, '1 warning', '{n} warnings')} and ${count(notes, '1 note', '{n} notes')}`;
    const icon = errors ? '❌' : '⚠️';
    const shown = review.annotations.length
        ? count(review.annotations.length, '1 of them is annotated on the files: an error, or a problem on a line this change touches.', '{n} of them are annotated on the files: the errors, and the problems on lines this change touches.')
        : 'None of them is on a line this change touches.';
    return `${icon} **Checks:** ${found} in ${files}. ${shown}`;
}

function diagnosticList(review: Review): string[] {
    const listed = review.annotations.slice(0, MAX_LISTED);
    const line = (d: FileDiagnostic) => `- ${markdownCode(`${review.prefix}${d.file}:${d.line}`)} ${d.severity}: ${escapeMarkdown(d.message)} (${markdownCode(d.code)})`;
    const more = review.annotations.length - listed.length;
    return [
        `<details><summary>${count(review.annotations.length, '1 annotated problem', '{n} annotated problems')}</summary>`, '',
        ...listed.map(line),
        ...(more > 0 ? [count(more, '- … and 1 more, in the annotations and the SARIF file.', '- … and {n} more, in the annotations and the SARIF file.')] : []),
        '', '</details>'
    ];
}

const JOURNEY_STATUS_WORDS: Record<ReviewMap['status'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

function mapsSection(review: Review, options: CommentOptions): string[] {
    const out = ['### Maps before and after'];
    if (!options.images) {
        out.push('', options.mapsNote ?? 'The maps are not shown in this comment.');
        return out;
    }
    out.push('', 'Outlined on the maps: what the change adds, changes or moves (after), and what it removes (before). Click a map to open it full size.');
    for (const map of review.maps) {
        out.push('', `#### ${escapeMarkdown(map.title)} (${JOURNEY_STATUS_WORDS[map.status]}) · ${markdownCode(`${review.prefix}${map.file}`)}`);
        const image = (alt: string, name: string) => {
            const url = options.images!.get(name);
            return url ? `[![${escapeMarkdown(alt)}](${url})](${url})` : undefined;
        };
        const before = map.before && image(`Map of ${map.title}, before the change`, map.before.name);
        const after = map.after && image(`Map of ${map.title}, after the change`, map.after.name);
        if (before) out.push('', `**Before** (${markdownCode(review.base.label)})`, '', before);
        if (after) out.push('', `**After** (${markdownCode(review.head.label)})`, '', after);
    }
    if (review.mapsLeftOut) {
        out.push('', count(review.mapsLeftOut, '1 more journey changed; draw its map with `journey render --diff`.', '{n} more journeys changed; draw their maps with `journey render --diff`.'));
    }
    return out;
}

const STATUS_ICONS: Record<KpiReportEntry['status'], string> = { met: '✅', 'at-risk': '⚠️', 'off-track': '🔻', missed: '❌', 'no-data': '➖' };

function statusCell(entry: KpiReportEntry | undefined): string {
    if (!entry) return 'not in this version';
    const value = entry.value === null ? '' : ` · ${escapeMarkdown(formatValue(entry.value, entry.unit, DEFAULT_LOCALE))}`;
    const target = entry.target ? ` · target ${escapeMarkdown(entry.target.text)}` : '';
    return `${STATUS_ICONS[entry.status]} ${statusWord(entry.status, DEFAULT_LOCALE)}${value}${target}`;
}

function kpiSection(review: Review): string[] {
    const { changes, compared, missed } = review.kpis;
    const out = ['### KPI statuses'];
    if (!compared) return [...out, '', 'The change touches no KPI.'];
    if (!changes.length) {
        out.push('', count(compared, 'The 1 KPI the change touches keeps its status.', 'The {n} KPIs the change touches keep their status.'));
    } else {
        out.push('', count(compared, 'The 1 KPI the change touches changes status:', 'Of the {n} KPIs the change touches, these change status:'), '',
            '| KPI | Journey | Before | After |', '|---|---|---|---|');
        for (const change of changes) {
            out.push(`| ${escapeMarkdown(change.title)} | ${change.journey ? escapeMarkdown(change.journey) : 'catalog'} | ${statusCell(change.before)} | ${statusCell(change.after)} |`);
        }
    }
    if (missed.length) out.push('', count(missed.length, '❌ After the change, 1 target of these KPIs is missed.', '❌ After the change, {n} targets of these KPIs are missed.'));
    return out;
}
