/**
 * A journey file as a stable outline, one fact per line, for git's `textconv`: `git diff` and
 * `git log -p` then show "- target ≥ 90 %" / "+ target ≥ 95 %" under the KPI's heading instead
 * of a reformatted block. Formatting, comments and line moves do not show up.
 */
import type {
    ConditionalEmotionModel, JourneyModel, KpiModel, PainPointModel, StageModel, TouchpointModel, WorkspaceModel
} from '../language/model/journey-model.js';
import { JOURNEY_FACTS, STAGE_FACTS, TOUCHPOINT_FACTS, factItems, factSource, type EmotionParts, type Fact } from '../language/model/journey-facts.js';
import { quantityText, signed } from '../language/model/kpi-semantics.js';
import { measureText } from './diff-engine.js';

const q = (text: string) => JSON.stringify(text);

export function outlineModel(model: WorkspaceModel): string {
    const lines: string[] = [];
    const entry = (word: string, item: { id: string; title: string; description?: string }, extra: string[] = []) => {
        lines.push(`${word} ${item.id} ${q(item.title)}`);
        for (const line of extra) lines.push(`  ${line}`);
        if (item.description !== undefined) lines.push(`  description ${q(item.description)}`);
    };
    for (const channel of model.channels) entry('channel', channel, channel.kind ? [channel.kind] : []);
    for (const persona of model.personas) entry('persona', persona);
    for (const segment of model.segments) entry('segment', segment);
    for (const team of model.teams) entry('team', team);
    for (const role of model.roles) entry('role', role);
    for (const organisation of model.organisations) entry('organisation', organisation);
    for (const family of model.tagFamilies) entry('tags', family, family.tags.map(tag => `${tag.id}${tag.title === tag.id ? '' : ` ${q(tag.title)}`}`));
    for (const source of model.sources) {
        entry('source', source, [
            `${source.format} ${q(source.path)}`,
            ...Object.entries(source.columns).map(([field, column]) => `column ${field} ${q(column)}`),
            ...Object.entries(source.events).map(([value, touchpoint]) => `event ${q(value)} is ${touchpoint}`)
        ]);
    }
    for (const kpi of model.kpis) kpiLines(kpi, '', lines);
    for (const journey of model.journeys) {
        lines.push(`journey ${journey.id} ${q(journey.title)}`);
        if (journey.description !== undefined) lines.push(`  description ${q(journey.description)}`);
        if (journey.state) lines.push(`  state ${journey.state}`);
        if (journey.improves) lines.push(`  improves ${journey.improves}`);
        for (const persona of journey.personas) lines.push(`  persona ${persona}`);
        if (journey.owner) lines.push(`  owner ${journey.owner}`);
        lines.push(`  emotion scale ${signed(journey.emotionScale.min)} to ${signed(journey.emotionScale.max)}`);
        for (const research of journey.research ?? []) {
            lines.push(`  research ${q(research.text)}${research.sample !== undefined ? ` sample ${research.sample}` : ''}${research.link !== undefined ? ` link ${q(research.link)}` : ''}`);
        }
        factLines(JOURNEY_FACTS.filter(fact => CUSTOMER_VIEW.has(fact.field)), journey, '  ', lines);
        for (const stage of journey.stages) {
            lines.push(`  stage ${stage.id} ${q(stage.title)}`);
            factLines(STAGE_FACTS, stage, '    ', lines);
            for (const touchpoint of stage.touchpoints) touchpointLines(touchpoint, lines);
        }
        for (const kpi of journey.kpis) {
            if (kpi.shared) lines.push(`  track ${kpi.id}`);
            else kpiLines(kpi, '  ', lines);
        }
    }
    return lines.join('\n') + '\n';
}

/** The journey's facts that the outline writes from the table (the others above, as before). */
const CUSTOMER_VIEW = new Set(['goal', 'expectations', 'thoughts', 'quotes']);

/** A touchpoint's facts in the table's order, one line per value, as a file writes them. */
function touchpointLines(t: TouchpointModel, lines: string[]): void {
    lines.push(`    touchpoint ${t.id} ${q(t.title)}`);
    factLines(TOUCHPOINT_FACTS, t, '      ', lines);
}

/** An emotion as a file writes it after `emotion`: `+1 to +2 "relief"`, then ` if "…"` for a condition. */
function emotionSource(parts: EmotionParts & { condition?: string }): string {
    const value = parts.emotionRange ? `${signed(parts.emotionRange.min)} to ${signed(parts.emotionRange.max)}` : signed(parts.emotion!);
    return `${value}${parts.emotionWord !== undefined ? ` ${q(parts.emotionWord)}` : ''}${parts.condition !== undefined ? ` if ${q(parts.condition)}` : ''}`;
}

/** An element's facts but its title, in the table's order, one line per value, as a file writes them. */
function factLines(facts: readonly Fact[], element: StageModel | TouchpointModel | JourneyModel, at: string, lines: string[]): void {
    for (const fact of facts) {
        if (fact.field === 'title') continue;
        const items = factItems(element, fact);
        if (!items.length) continue;
        if (fact.field === 'painPoints') {
            for (const pain of items as PainPointModel[]) lines.push(`${at}pain ${q(pain.text)}${pain.severity ? ` severity ${pain.severity}` : ''}`);
        } else if (fact.field === 'emotion') {
            lines.push(`${at}emotion ${emotionSource(element as TouchpointModel)}`);
        } else if (fact.field === 'emotionsIf') {
            for (const emotion of items as ConditionalEmotionModel[]) lines.push(`${at}emotion ${emotionSource(emotion)}`);
        } else if (fact.field === 'outcomes') {
            for (const o of (element as TouchpointModel).outcomes ?? []) lines.push(`${at}outcome ${o.id} ${q(o.title)}${o.leadsTo ? ` leads to ${o.leadsTo}` : ''}`);
        } else if (fact.field === 'timing' || fact.field === 'deadline') {
            lines.push(`${at}${fact.keyword} ${(items[0] as { text: string }).text}`);
        } else if (fact.shape === 'refs') {
            lines.push(`${at}${fact.keyword} ${items.join(', ')}`);
        } else {
            for (const item of items) lines.push(`${at}${fact.keyword}${fact.shape === 'flag' ? '' : ` ${factSource(fact, item)}`}`);
        }
    }
}

function kpiLines(kpi: KpiModel, indent: string, lines: string[]): void {
    const at = `${indent}  `;
    lines.push(`${indent}kpi ${kpi.id} ${q(kpi.title)}`);
    if (kpi.description !== undefined) lines.push(`${at}description ${q(kpi.description)}`);
    lines.push(`${at}measures ${kpi.measure ? measureText(kpi.measure) : kpi.kind}${kpi.breakdown ? ` per ${kpi.breakdown}` : ''}`);
    if (kpi.unit) lines.push(`${at}unit ${kpi.unit}`);
    lines.push(`${at}scope ${kpi.scope.level}${kpi.scope.ref ? ` ${kpi.scope.ref}` : ''}`);
    if (kpi.direction) lines.push(`${at}${kpi.direction} is better`);
    if (kpi.mode) lines.push(`${at}mode ${kpi.mode}`);
    if (kpi.frequency) lines.push(`${at}frequency ${kpi.frequency}`);
    if (kpi.owner) lines.push(`${at}owner ${kpi.owner}`);
    if (kpi.target) {
        const t = kpi.target;
        lines.push(`${at}target ${t.text}${t.deadline ? ` by ${t.deadline}` : ''}${t.warning !== undefined ? ` warning ${t.warning}` : ''}`);
    }
    if (kpi.baseline) lines.push(`${at}baseline ${quantityText(kpi.baseline.value, kpi.baseline.unit)}${kpi.baseline.date ? ` in ${kpi.baseline.date}` : ''}`);
    if (kpi.threshold) lines.push(`${at}threshold ${quantityText(kpi.threshold.value, kpi.threshold.unit)}`);
    if (kpi.collectedVia !== undefined) lines.push(`${at}collected via ${q(kpi.collectedVia)}`);
    if (kpi.respondent !== undefined) lines.push(`${at}respondent ${q(kpi.respondent)}`);
    if (kpi.question !== undefined) lines.push(`${at}question ${q(kpi.question)}`);
    if (kpi.data) lines.push(`${at}data ${kpi.data}`);
}
