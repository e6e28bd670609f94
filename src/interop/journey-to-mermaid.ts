/**
 * The journey model → a Mermaid `journey` diagram, for documentation (GitHub, GitLab and most
 * wikis render Mermaid in Markdown):
 *
 * - the journey's title → `title`; its description → `accDescr`;
 * - each stage → `section` (a first stage with an empty title → tasks before any section);
 * - each touchpoint → a task; its emotion is placed on Mermaid's scores 1–5 as on the journey's
 *   own scale (the model's `emotionScale`: its minimum → 1, its maximum → 5; on the default −2 to
 *   +2, e → e + 3), rounded and noted when a score cannot say it exactly; a touchpoint without
 *   emotion gets the neutral 3;
 * - actors → the persona's or team's title (its id when the workspace does not declare it);
 * - the other facts of touchpoints (channels, pain points…) have no place in Mermaid: one note
 *   names them with how many touchpoints state each; another the customer's view of the journey
 *   (goal, expects, thinks, says); an emotion's range is written as its middle and its word not
 *   at all, and a note says so.
 *
 * Characters that are syntax in Mermaid (`:` `;` `#` `,` `%%`, line breaks) are written as
 * Mermaid entity codes (`#58;`…), which Mermaid shows as the character; words Mermaid would read
 * as a statement at the start of a task (`title …`, `section …`) are protected the same way.
 */
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';
import type { JourneyModel, WorkspaceModel } from '../language/model/journey-model.js';
import { JOURNEY_FACTS, KPI_FACTS, STAGE_FACTS, TOUCHPOINT_FACTS, emotionText, factItems, factWord, type Fact } from '../language/model/journey-facts.js';
import { signed } from '../language/model/kpi-semantics.js';

export interface MermaidExportNote {
    /** Touchpoint or stage concerned (`Stage.Touchpoint`); '' for the journey as a whole. */
    element: string;
    message: string;
}

export interface MermaidExport {
    text: string;
    /** What could not be said exactly in Mermaid (clamped or missing emotions), in the locale asked for. */
    notes: MermaidExportNote[];
}

const TASK_INDENT = '      ';
const SECTION_INDENT = '    ';

/**
 * The diagram, and notes (in `locale`) on what it could not say. The diagram itself is the same
 * in every locale: notes go to the reader, not into the file, so that a committed export does not
 * change with the language of whoever ran it.
 */
export function journeyToMermaid(journey: JourneyModel, workspace: Pick<WorkspaceModel, 'personas' | 'teams'> & Partial<Pick<WorkspaceModel, 'roles' | 'organisations'>>, locale: Locale = DEFAULT_LOCALE): MermaidExport {
    const m = messages(locale);
    const actorTitles = new Map<string, string>();
    for (const entry of [...workspace.teams, ...workspace.roles ?? [], ...workspace.organisations ?? [], ...workspace.personas]) actorTitles.set(entry.id, entry.title);
    const notes: MermaidExportNote[] = [];
    const lines = ['journey'];
    lines.push(`${SECTION_INDENT}title ${escapeText(journey.title, 'title') || escapeText(journey.id, 'title')}`);
    if (journey.description) {
        if (/[\r\n]/.test(journey.description)) {
            lines.push(`${SECTION_INDENT}accDescr {`);
            for (const line of journey.description.split(/\r\n?|\n/)) lines.push(`${SECTION_INDENT}  ${escapeDescription(line)}`);
            lines.push(`${SECTION_INDENT}}`);
        } else {
            lines.push(`${SECTION_INDENT}accDescr: ${escapeDescription(journey.description)}`);
        }
    }
    journey.stages.forEach((stage, index) => {
        const title = escapeText(stage.title, 'section').trim();
        if (title === '' && index === 0) {
            // Tasks before the first section: Mermaid draws them under an empty header.
        } else {
            lines.push(`${SECTION_INDENT}section ${title === '' ? '#32;' : title}`);
        }
        for (const touchpoint of stage.touchpoints) {
            const where = `${stage.id}.${touchpoint.id}`;
            let score = 3;
            if (touchpoint.emotion === undefined) {
                notes.push({ element: where, message: m.t('mermaid.export.noEmotion') });
            } else {
                const exact = mermaidScore(touchpoint.emotion, journey.emotionScale);
                score = Math.min(5, Math.max(1, Math.round(exact)));
                if (touchpoint.emotionRange || touchpoint.emotionWord !== undefined) {
                    // A task has one score: a range is written as its middle, a word not at all.
                    notes.push({ element: where, message: m.t('mermaid.export.oneScore', { emotion: emotionText(touchpoint, locale), score, middle: touchpoint.emotionRange ? signed(touchpoint.emotion) : 'none' }) });
                } else if (score !== exact) {
                    const { min, max } = journey.emotionScale;
                    notes.push({ element: where, message: m.t('mermaid.export.inexact', { emotion: signed(touchpoint.emotion), min: signed(min), max: signed(max), score }) });
                }
            }
            const name = protectStatementWords(escapeText(touchpoint.title, 'task').trim() || escapeText(touchpoint.id, 'task'));
            const actors = touchpoint.actors.map(id => escapeText(actorTitles.get(id) ?? id, 'actor').trim()).filter(a => a !== '');
            lines.push(`${TASK_INDENT}${name}: ${score}${actors.length ? ': ' + actors.join(', ') : ''}`);
        }
    });
    const kpis = unsaidKpis(journey, m);
    if (kpis) notes.push({ element: '', message: kpis });
    const unsaid = unsaidFacts(journey, m);
    if (unsaid) notes.push({ element: '', message: unsaid });
    const journeyFacts = JOURNEY_FACTS.filter(fact => CUSTOMER_VIEW_FIELDS.has(fact.field) && factItems(journey, fact).length);
    if (journeyFacts.length) {
        notes.push({ element: '', message: m.t('mermaid.export.customerView', { facts: journeyFacts.map(fact => factWord(fact, locale)).join(', ') }) });
    }
    return { text: lines.join('\n') + '\n', notes };
}

/** The journey's KPIs, which a Mermaid journey has no place for, with the facts they state (from the facts table). */
function unsaidKpis(journey: JourneyModel, m: Messages): string | undefined {
    if (!journey.kpis.length) return undefined;
    const counts = new Map<Fact, number>();
    for (const kpi of journey.kpis) {
        for (const fact of KPI_FACTS) {
            if (fact.field !== 'title' && factItems(kpi, fact).length) counts.set(fact, (counts.get(fact) ?? 0) + 1);
        }
    }
    const parts = [...counts].map(([fact, count]) => `${factWord(fact, m.locale)} (${count})`);
    return m.t('mermaid.export.kpis', { count: journey.kpis.length, facts: parts.length ? parts.join(', ') : 'none' });
}

/**
 * The touchpoint and stage facts a Mermaid journey has no place for (all but a task's title,
 * score and actors and a section's title, from the facts table), with how many touchpoints or
 * stages state each: said, not dropped silently.
 */
function unsaidFacts(journey: JourneyModel, m: Messages): string | undefined {
    const counts = new Map<Fact, number>();
    // The research behind the journey: Mermaid has no place for it either.
    for (const fact of JOURNEY_FACTS.filter(f => f.field === 'research')) if (factItems(journey, fact).length) counts.set(fact, 1);
    const count = (facts: readonly Fact[], element: object) => {
        for (const fact of facts) {
            if (!fact.mermaid && factItems(element, fact).length) counts.set(fact, (counts.get(fact) ?? 0) + 1);
        }
    };
    for (const stage of journey.stages) {
        for (const touchpoint of stage.touchpoints) count(TOUCHPOINT_FACTS, touchpoint);
    }
    for (const stage of journey.stages) count(STAGE_FACTS, stage);
    if (!counts.size) return undefined;
    const parts = [...counts].map(([fact, count]) => m.t('mermaid.export.factCount', { fact: factWord(fact, m.locale), element: fact.element, count }));
    return m.t('mermaid.export.unsaid', { facts: parts.join(', ') });
}

/** The journey's facts of the customer's view (its other facts are the title, `accDescr`, or not the customer's). */
const CUSTOMER_VIEW_FIELDS = new Set(['goal', 'expectations', 'thoughts', 'quotes']);

/** Where `emotion` lies on Mermaid's 1–5 when the journey's scale is stretched onto it. */
function mermaidScore(emotion: number, scale: { min: number; max: number }): number {
    return 1 + (emotion - scale.min) * 4 / (scale.max - scale.min);
}

type TextContext = 'title' | 'section' | 'task' | 'actor';

/** The characters each Mermaid token cannot hold, written as entity codes. */
function escapeText(text: string, context: TextContext): string {
    const special = context === 'title' ? /[#;]/g : context === 'actor' ? /[#;:,]/g : /[#;:]/g;
    return text
        .replace(/\r\n?|\n|\u2028|\u2029/g, '<br>')
        .replace(special, c => `#${c.codePointAt(0)};`)
        .replace(/%%/g, '%#37;');
}

/** `accDescr` values run to the end of the line; a block ends at `}`. */
function escapeDescription(text: string): string {
    return text.replace(/[#}]/g, c => `#${c.codePointAt(0)};`).replace(/%%/g, '%#37;');
}

/**
 * A task named `title …`, `section …`, `accTitle: …` or `journey…` would be read as that
 * statement, and one starting with `%` as a comment.
 */
function protectStatementWords(name: string): string {
    if (/^(title\s|section\s|acc(title|descr)|journey|%)/i.test(name)) {
        return `#${name.codePointAt(0)};${name.slice(1)}`;
    }
    return name;
}
