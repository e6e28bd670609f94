/**
 * Turns Mermaid journeys into journey-language text, already in the canonical layout of
 * `journey fmt`:
 *
 * - the diagram's title → the journey's title (no title: the file name gives the id);
 * - `accDescr` → the journey's description; `accTitle` → a comment above the journey;
 * - each section → a stage, title kept verbatim; tasks before the first section → a first
 *   stage with an empty title (Mermaid draws them under an empty section header too);
 * - each task → a touchpoint, title trimmed; score s (1–5) → `emotion s − 3` (the default
 *   scale −2 to +2); actors → `actors` of the touchpoint;
 * - every distinct actor name → one `persona` declared once at the top of the output (unless
 *   the workspace already has a persona or team of that title or id: it is referred to).
 */
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import { IdAllocator, journeyString } from './journey-ids.js';
import type { MermaidJourney } from './mermaid-reader.js';

export interface JourneyTextOptions {
    /** Shown in the header comment, e.g. `docs/journeys.md`. */
    source?: string;
    /** Base of the id of a journey without a title (the file's name). */
    fallbackName?: string;
    /** Ids that must not be produced (already used in the workspace). */
    reservedIds?: string[];
    /**
     * Personas or teams the workspace already declares, by actor name (their title or id):
     * such actors are referred to, not declared again.
     */
    knownActors?: ReadonlyMap<string, string>;
    /** The language of the comments written (a person reads them in the journey file). */
    locale?: Locale;
}

const INDENT = '  ';

export function journeyTextFromMermaid(journeys: MermaidJourney[], options: JourneyTextOptions = {}): string {
    const topLevel = new IdAllocator();
    topLevel.reserve(...(options.reservedIds ?? []));
    const personaIds = new Map<string, string>();
    const m = messages(options.locale ?? DEFAULT_LOCALE);
    const out: string[] = [];
    if (options.source !== undefined) out.push(`// ${m.t('mermaid.import.header', { source: oneLine(options.source) })}`);

    // Personas first, in order of first appearance over all journeys.
    const personaLines: string[] = [];
    for (const journey of journeys) {
        for (const section of journey.sections) {
            for (const task of section.tasks) {
                for (const actor of task.actors) {
                    if (personaIds.has(actor)) continue;
                    const known = options.knownActors?.get(actor);
                    if (known !== undefined) {
                        personaIds.set(actor, known);
                        continue;
                    }
                    const id = topLevel.allocate(actor, 'Persona');
                    personaIds.set(actor, id);
                    personaLines.push(actor === id ? `persona ${id}` : `persona ${id} ${journeyString(actor)}`);
                }
            }
        }
    }
    if (personaLines.length) {
        if (out.length) out.push('');
        personaLines.forEach((line, index) => {
            // The formatter sets apart a top-level element whose text holds '{' (even in its title).
            if (index > 0 && (line.includes('{') || personaLines[index - 1].includes('{'))) out.push('');
            out.push(line);
        });
    }

    for (const journey of journeys) {
        const members = new IdAllocator();
        const title = journey.title ?? journey.accTitle;
        const id = topLevel.allocate(title ?? options.fallbackName ?? '', 'Journey');
        if (out.length) out.push('');
        if (journey.accTitle !== undefined && journey.accTitle !== title) out.push(`// ${m.t('mermaid.import.accTitle', { title: oneLine(journey.accTitle) })}`);
        out.push(`journey ${id}${title !== undefined && title !== id ? ' ' + journeyString(title) : ''} {`);
        if (journey.accDescr !== undefined && journey.accDescr !== '') out.push(`${INDENT}description ${journeyString(journey.accDescr)}`);
        journey.sections.forEach((section, index) => {
            if (index > 0 || journey.accDescr) out.push('');
            const stageTitle = section.title ?? '';
            const stageId = members.allocate(section.title ?? 'Start', 'Stage');
            out.push(`${INDENT}stage ${stageId}${stageTitle !== stageId ? ' ' + journeyString(stageTitle) : ''} {`);
            for (const task of section.tasks) {
                const taskId = members.allocate(task.title, 'Touchpoint');
                const head = `${INDENT.repeat(2)}touchpoint ${taskId}${task.title !== taskId ? ' ' + journeyString(task.title) : ''}`;
                const facts: string[] = [];
                const actorIds = [...new Set(task.actors.map(actor => personaIds.get(actor)))];
                if (actorIds.length) facts.push(`actors ${actorIds.join(', ')}`);
                if (task.score !== undefined) facts.push(`emotion ${signed(task.score - 3)}`);
                if (facts.length === 0) {
                    out.push(head);
                } else {
                    out.push(`${head} {`, ...facts.map(fact => INDENT.repeat(3) + fact), `${INDENT.repeat(2)}}`);
                }
            }
            out.push(`${INDENT}}`);
        });
        out.push('}');
    }
    return out.join('\n') + '\n';
}

function signed(value: number): string {
    return value > 0 ? `+${value}` : String(value);
}

/** Text for a `//` comment: line breaks would end it. */
function oneLine(text: string): string {
    return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
