/**
 * The review as one Markdown comment (GitHub and GitLab flavours both read it): what the checks
 * found, the semantic diff (`journey diff --format markdown`), the maps before and after as
 * images, and the KPIs whose status changed. Text from journey files is escaped as the diff
 * escapes it. Every sentence is written whole, with its numbers as placeholders.
 */
import { formatDiff, escapeMarkdown, markdownCode } from '../../diff/diff-format.js';
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../../language/i18n/i18n.js';
import { formatValue, statusWord, targetWords } from '../../language/model/kpi-format.js';
import type { KpiReportEntry } from '../../metrics/format-metrics.js';
import type { FileDiagnostic } from '../../node/journey-workspace.js';
import type { Review } from './review.js';

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
    /** The reader's language (default English); the review should have been made in it too. */
    locale?: Locale;
}

const MAX_LISTED = 50;

export function reviewComment(review: Review, options: CommentOptions): string {
    const locale = options.locale ?? DEFAULT_LOCALE;
    const m = messages(locale);
    const out = [options.marker, `## ${m.t('review.title')}`, '', checkSentence(review, m)];
    if (review.annotations.length && !options.short) out.push('', ...diagnosticList(review, m));
    out.push('', formatDiff(review.diff, 'markdown', locale).trimEnd());
    if (options.short) out.push('', m.t('review.short'));
    if (review.maps.length) out.push('', ...mapsSection(review, options, m));
    out.push('', ...kpiSection(review, m));
    const head = review.head.commit ? markdownCode(review.head.commit.slice(0, 12)) : markdownCode(review.head.label);
    const footer = m.t('review.footer', { head, base: markdownCode(review.base.label) });
    out.push('', '---', options.runUrl ? `<sub>${footer} · [${m.t('review.footer.run')}](${options.runUrl})</sub>` : `<sub>${footer}</sub>`);
    return out.join('\n') + '\n';
}

function checkSentence(review: Review, m: Messages): string {
    const of = (severity: string) => review.diagnostics.filter(d => d.severity === severity).length;
    const errors = of('error');
    const warnings = of('warning');
    const notes = review.diagnostics.length - errors - warnings;
    if (!review.diagnostics.length) return m.t('review.checks.clean', { files: review.files });
    const found = m.t('review.checks.found', { icon: errors ? '❌' : '⚠️', errors, warnings, notes, files: review.files });
    const shown = review.annotations.length
        ? m.t('review.checks.annotated', { count: review.annotations.length })
        : m.t('review.checks.noneAnnotated');
    return `${found} ${shown}`;
}

function diagnosticList(review: Review, m: Messages): string[] {
    const listed = review.annotations.slice(0, MAX_LISTED);
    const line = (d: FileDiagnostic) => `- ${m.t('review.problem', {
        place: markdownCode(`${review.prefix}${d.file}:${d.line}`), severity: d.severity, message: escapeMarkdown(d.message), code: markdownCode(d.code)
    })}`;
    const more = review.annotations.length - listed.length;
    return [
        `<details><summary>${m.t('review.problems', { count: review.annotations.length })}</summary>`, '',
        ...listed.map(line),
        ...(more > 0 ? [`- ${m.t('review.problems.more', { count: more })}`] : []),
        '', '</details>'
    ];
}

function mapsSection(review: Review, options: CommentOptions, m: Messages): string[] {
    const out = [`### ${m.t('review.maps.title')}`];
    if (!options.images) {
        out.push('', options.mapsNote ?? m.t('review.maps.notShown'));
        return out;
    }
    out.push('', m.t('review.maps.legend'));
    for (const map of review.maps) {
        out.push('', `#### ${m.t('review.maps.heading', { title: escapeMarkdown(map.title), status: map.status, file: markdownCode(`${review.prefix}${map.file}`) })}`);
        const image = (alt: string, name: string) => {
            const url = options.images!.get(name);
            return url ? `[![${escapeMarkdown(alt)}](${url})](${url})` : undefined;
        };
        const before = map.before && image(m.t('review.maps.alt', { title: map.title, side: 'before' }), map.before.name);
        const after = map.after && image(m.t('review.maps.alt', { title: map.title, side: 'after' }), map.after.name);
        if (before) out.push('', m.t('review.maps.side', { side: 'before', label: markdownCode(review.base.label) }), '', before);
        if (after) out.push('', m.t('review.maps.side', { side: 'after', label: markdownCode(review.head.label) }), '', after);
    }
    if (review.mapsLeftOut) out.push('', m.t('review.maps.leftOut', { count: review.mapsLeftOut }));
    return out;
}

const STATUS_ICONS: Record<KpiReportEntry['status'], string> = { met: '✅', 'at-risk': '⚠️', 'off-track': '🔻', missed: '❌', 'no-data': '➖' };

function statusCell(entry: KpiReportEntry | undefined, m: Messages): string {
    if (!entry) return m.t('review.kpis.absent');
    const value = entry.value === null ? '' : ` · ${escapeMarkdown(formatValue(entry.value, entry.unit, m.locale))}`;
    const target = entry.target ? ` · ${m.t('review.kpis.target', { target: escapeMarkdown(targetWords(entry.target, m.locale)) })}` : '';
    return `${STATUS_ICONS[entry.status]} ${statusWord(entry.status, m.locale)}${value}${target}`;
}

function kpiSection(review: Review, m: Messages): string[] {
    const { changes, compared, missed } = review.kpis;
    const out = [`### ${m.t('review.kpis.title')}`];
    if (!compared) return [...out, '', m.t('review.kpis.untouched')];
    if (!changes.length) {
        out.push('', m.t('review.kpis.kept', { count: compared }));
    } else {
        const columns = ['kpi', 'journey', 'before', 'after'].map(column => m.t('review.kpis.column', { column }));
        out.push('', m.t('review.kpis.changed', { count: compared }), '', `| ${columns.join(' | ')} |`, '|---|---|---|---|');
        for (const change of changes) {
            out.push(`| ${escapeMarkdown(change.title)} | ${change.journey ? escapeMarkdown(change.journey) : m.t('review.kpis.catalog')} | ${statusCell(change.before, m)} | ${statusCell(change.after, m)} |`);
        }
    }
    if (missed.length) out.push('', m.t('review.kpis.missed', { count: missed.length }));
    return out;
}
