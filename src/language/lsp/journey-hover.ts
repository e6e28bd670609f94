import { AstNodeHoverProvider } from 'langium/lsp';
import { isReference, type AstNode, type MaybePromise, type Reference } from 'langium';
import {
    isChannel, isJourney, isKpi, isOrganisation, isPersona, isRole, isSegment, isSource, isStage, isTag, isTagFamily, isTeam, isTouchpoint,
    type Channel, type Journey, type Kpi, type Research, type Source, type Stage, type Tag, type TagFamily, type Touchpoint
} from '../generated/ast.js';
import { owningJourney } from '../journey-naming.js';
import { deadlineModel, feltEmotions, leadsBack, timingModel } from '../model/build-model.js';
import { deadlineWords, timingWords } from '../model/timing-words.js';
import { JOURNEY_FACTS, KEYWORD_HINTS, KPI_FACTS, STAGE_FACTS, TOUCHPOINT_FACTS, conditionalEmotionText, emotionText, summaryFacts, type Fact } from '../model/journey-facts.js';
import { effectiveEmotionScale, signed } from '../model/kpi-semantics.js';
import type { Messages } from '../i18n/i18n.js';
import type { JourneySettings } from '../journey-settings.js';
import type { JourneyServices } from '../journey-module.js';
import { describeMeasure, describeTarget, quantityText } from './journey-words.js';
import { statusPhrase, type KpiStatuses } from './kpi-statuses.js';

/** Markdown shown when hovering over a declaration or a reference. */
export class JourneyHoverProvider extends AstNodeHoverProvider {
    private readonly settings: JourneySettings;
    private readonly statuses: KpiStatuses;

    constructor(services: JourneyServices) {
        super(services);
        this.settings = services.JourneySettings;
        this.statuses = services.KpiStatuses;
    }

    /** The words of the reader's language (`journey.locale`, else the client's). */
    private get m(): Messages {
        return this.settings.messages;
    }

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isTouchpoint(node)) return this.touchpoint(node);
        if (isKpi(node)) return this.kpi(node);
        if (isStage(node)) return this.stage(node);
        if (isJourney(node)) return this.journey(node);
        if (isChannel(node)) return this.channel(node);
        if (isPersona(node) || isTeam(node) || isSegment(node) || isRole(node) || isOrganisation(node)) {
            return joinLines([this.heading(node.$type.toLowerCase(), node.name, node.title), text(node.description)]);
        }
        if (isTagFamily(node)) return this.tagFamily(node);
        if (isTag(node)) return this.tag(node);
        if (isSource(node)) return this.source(node);
        return undefined;
    }

    /** `**Touchpoint** \`Journey.Id\` — Title`, the kind in the reader's words. */
    private heading(kind: string, name: string, title?: string, journey?: string): string {
        return heading(this.m.t('hover.kind', { kind }), name, title, journey);
    }

    /** A `**Label:** value` line (`**Étape :** …`), the label in the reader's words. */
    private fact(label: string, value: string | undefined): string | undefined {
        return this.line(this.m.t('hover.label', { label }), value);
    }

    private line(label: string, value: string | undefined): string | undefined {
        return value === undefined || value === '' ? undefined : this.m.t('hover.fact', { label, value });
    }

    /** `_none_`, `_(inherited)_`…: an aside in italics. */
    private aside(key: 'hover.none' | 'hover.noStage' | 'hover.notStated' | 'hover.inherited'): string {
        return `_${this.m.t(key)}_`;
    }

    /** A step's timing and deadline, in the reader's words, the step they name by its title. */
    private when(step: Stage | Touchpoint): string[] {
        const titleOf = (reference: Reference<Stage | Touchpoint> | undefined) => () => reference?.ref?.title ?? reference?.$refText ?? '';
        const lines: Array<string | undefined> = [];
        if (step.timing) {
            const timing = step.timing;
            const words = timingWords(timingModel(timing, step), this.m.locale, titleOf(timing.anyTime ? timing.during : timing.event));
            lines.push(this.line(capitalize(this.m.t('fact.timing')), escapeMarkdown(words)));
        }
        if (step.deadline) {
            const words = deadlineWords(deadlineModel(step.deadline, step), this.m.locale, titleOf(step.deadline.event));
            lines.push(this.line(capitalize(this.m.t('fact.deadline')), escapeMarkdown(words)));
        }
        if (isTouchpoint(step) && step.outcomes.length) {
            const outcomes = step.outcomes.map(outcome => `${escapeMarkdown(outcome.title ?? outcome.name)}${outcome.target
                ? ` ${this.m.t('map.outcome', { loop: outcome.target.ref && leadsBack(step, outcome.target.ref) ? 'yes' : 'no', step: outcome.target.ref?.title ?? outcome.target.$refText })}` : ''}`);
            lines.push(this.line(capitalize(this.m.t('fact.outcomes')), outcomes.join('; ')));
        }
        return lines.filter((line): line is string => line !== undefined);
    }

    private touchpoint(touchpoint: Touchpoint): string {
        const journey = owningJourney(touchpoint);
        const stage = touchpoint.$container as Stage;
        const scale = effectiveEmotionScale(journey?.scale, this.settings.emotionScale);
        const owner = touchpoint.owner ?? stage.owner ?? journey?.owner;
        const m = this.m;
        const facts = [
            this.fact('stage', stage?.name ? `${code(stage.name)}${stage.title ? ` ${escapeMarkdown(stage.title)}` : ''}` : undefined),
            this.fact('channels', touchpoint.channels.length ? touchpoint.channels.map(c => describeRef(c.$refText, c.ref?.title, c.ref?.kind && m.t('hover.channelKind', { kind: c.ref.kind }))).join(', ') : this.aside('hover.none')),
            this.fact('owner', owner ? describeRef(owner.$refText, owner.ref?.title, this.outsideKind(owner.ref)) + (touchpoint.owner ? '' : ` ${this.aside('hover.inherited')}`) : this.aside('hover.none')),
            this.fact('actors', touchpoint.actors.length ? touchpoint.actors.map(a => describeRef(a.$refText, a.ref?.title, this.outsideKind(a.ref))).join(', ') : undefined),
            ...this.felt(touchpoint, scale),
            // The summary facts of the table (read by their grammar property), as on the map's card.
            ...this.summaryLines(TOUCHPOINT_FACTS, touchpoint),
            ...this.when(touchpoint)
        ];
        const pains = touchpoint.painPoints.map(p => `- ${escapeMarkdown(p.text)}${p.severity ? ` _(${m.t('hover.severity', { severity: p.severity })})_` : ''}`);
        return joinLines([
            this.heading('touchpoint', touchpoint.name, touchpoint.title, journey?.name),
            text(touchpoint.description),
            facts.filter(Boolean).join('  \n'),
            pains.length ? `**${m.t('map.lane.pains')}**\n${pains.join('\n')}` : undefined,
            touchpoint.opportunities.length ? `**${m.t('map.lane.opportunities')}**\n${touchpoint.opportunities.map(o => `- ${escapeMarkdown(o)}`).join('\n')}` : undefined
        ]);
    }

    private kpi(kpi: Kpi): string {
        const journey = owningJourney(kpi);
        const m = this.m;
        const scoped = kpi.scope?.stage ?? kpi.scope?.touchpoint ?? kpi.scope?.channel;
        const facts = [
            this.fact('measure', kpi.measure ? describeMeasure(kpi.measure, m) : this.aside('hover.notStated')),
            this.fact('unit', kpi.unit && (KEYWORD_HINTS[kpi.unit] ? m.t('hover.unit', { unit: code(kpi.unit), words: m.t(KEYWORD_HINTS[kpi.unit]) }) : code(kpi.unit))),
            this.fact('direction', kpi.direction ? m.t('hover.direction', { direction: kpi.direction }) : undefined),
            this.fact('target', kpi.target ? describeTarget(kpi.target, m) : this.aside('hover.none')),
            this.fact('status', this.status(kpi)),
            this.fact('scope', kpi.scope ? m.t('hover.scope', { level: kpi.scope.level, id: scoped ? code(scoped.$refText) : '' }) : undefined),
            this.fact('mode', kpi.mode ? m.t('hover.mode', { mode: kpi.mode }) : undefined),
            this.fact('frequency', kpi.frequency ? m.t('hover.frequency', { frequency: kpi.frequency }) : undefined),
            this.fact('owner', kpi.owner ? describeRef(kpi.owner.$refText, kpi.owner.ref?.title) : undefined),
            this.fact('data', kpi.data ? code(kpi.data.$refText) : undefined),
            this.line(capitalize(m.t('fact.baseline')), kpi.baseline?.value ? `${quantityText(kpi.baseline.value, m)}${kpi.baseline.date ? ` (${kpi.baseline.date})` : ''}` : undefined),
            this.line(capitalize(m.t('fact.threshold')), kpi.threshold ? quantityText(kpi.threshold, m) : undefined),
            // The summary facts of the table (breakdown, survey details), as on the map's KPI card.
            ...summaryFacts(KPI_FACTS, Object.fromEntries(KPI_FACTS.map(f => [f.field, astValue(kpi[f.property as keyof Kpi])])), m.locale)
                .map(f => this.line(capitalize(f.word), escapeMarkdown(f.text)))
        ];
        return joinLines([this.heading('kpi', kpi.name, kpi.title, journey?.name), text(kpi.description), facts.filter(Boolean).join('  \n')]);
    }

    /** Where the KPI stands, once the metrics engine has read its data. */
    private status(kpi: Kpi): string | undefined {
        const phrase = statusPhrase(this.statuses, kpi, this.settings.locale);
        if (!phrase) return undefined;
        const result = this.statuses.current(kpi);
        const rows = result ? ` _(${this.m.t('hover.rows', { used: result.rowsUsed, rejected: result.rowsRejected, problems: result.problems.length })})_` : '';
        return `**${phrase}**${rows}`;
    }

    /** The emotion (with the journey's scale), the emotions under a condition and the moment of truth of a stage or a touchpoint. */
    private felt(node: Stage | Touchpoint, scale: { min: number; max: number }): Array<string | undefined> {
        const felt = feltEmotions(node.emotions);
        const m = this.m;
        return [
            this.fact('emotion', felt.emotion !== undefined ? m.t('hover.emotion', { emotion: escapeMarkdown(emotionText(felt, m.locale)), min: signed(scale.min), max: signed(scale.max) }) : undefined),
            ...(felt.emotionsIf ?? []).map(emotion => this.fact('emotion', escapeMarkdown(conditionalEmotionText(emotion, m.locale)))),
            node.momentOfTruth ? `**${m.t('map.momentOfTruth')}**` : undefined
        ];
    }

    private stage(stage: Stage): string {
        const journey = stage.$container as Journey;
        const m = this.m;
        const scale = effectiveEmotionScale(journey?.scale, this.settings.emotionScale);
        const pains = stage.painPoints.map(p => `- ${escapeMarkdown(p.text)}${p.severity ? ` _(${m.t('hover.severity', { severity: p.severity })})_` : ''}`);
        return joinLines([
            this.heading('stage', stage.name, stage.title, journey?.name),
            text(stage.description),
            [
                ...this.felt(stage, scale),
                ...this.summaryLines(STAGE_FACTS, stage),
                ...this.when(stage)
            ].filter(Boolean).join('  \n') || undefined,
            pains.length ? `**${m.t('map.lane.pains')}**\n${pains.join('\n')}` : undefined,
            stage.opportunities.length ? `**${m.t('map.lane.opportunities')}**\n${stage.opportunities.map(o => `- ${escapeMarkdown(o)}`).join('\n')}` : undefined,
            this.m.t('hover.stageTouchpoints', { count: stage.touchpoints.length, ids: stage.touchpoints.map(t => code(t.name)).join(', ') })
        ]);
    }

    private journey(journey: Journey): string {
        return joinLines([
            this.heading('journey', journey.name, journey.title),
            text(journey.description),
            [
                this.fact('state', journey.state ? this.m.t('hover.state', { state: journey.state }) : undefined),
                this.fact('personas', journey.personas.length ? journey.personas.map(p => code(p.$refText)).join(', ') : undefined),
                this.fact('owner', journey.owner ? code(journey.owner.$refText) : undefined),
                ...summaryFacts(JOURNEY_FACTS, Object.fromEntries(JOURNEY_FACTS.map(f => [f.field, journey[f.property as keyof Journey]])), this.m.locale)
                    .map(f => this.line(f.word[0].toUpperCase() + f.word.slice(1), escapeMarkdown(f.text))),
                this.fact('stages', journey.stages.map(s => code(s.name)).join(' › ') || this.aside('hover.noStage')),
                this.fact('kpis', journey.kpis.length ? journey.kpis.map(k => code(k.name)).join(', ') : undefined)
            ].filter(Boolean).join('  \n'),
            journey.research.length ? `**${this.m.t('fact.research')[0].toUpperCase()}${this.m.t('fact.research').slice(1)}**\n${journey.research.map(r => `- ${this.researchLine(r)}`).join('\n')}` : undefined
        ]);
    }

    private tagFamily(family: TagFamily): string {
        const tags = family.tags.map(t => code(`${family.name}.${t.name}`) + (t.title ? ` ${escapeMarkdown(t.title)}` : '')).join(', ');
        return joinLines([this.heading('tagfamily', family.name, family.title), text(family.description), tags]);
    }

    private tag(tag: Tag): string {
        const family = tag.$container as TagFamily;
        return joinLines([this.heading('tag', `${family.name}.${tag.name}`, tag.title), this.fact('tagfamily', describeRef(family.name, family.title))]);
    }

    /** The summary facts of an element's table, read from its AST (references by their titles), as on the map's card. */
    private summaryLines(facts: readonly Fact[], node: AstNode): string[] {
        const title = (item: unknown) => isReference(item) ? (item.ref as { title?: string } | undefined)?.title ?? item.$refText : item;
        const values = Object.fromEntries(facts.map(f => {
            const value = (node as unknown as Record<string, unknown>)[f.property];
            return [f.field, Array.isArray(value) ? value.map(title) : title(value)];
        }));
        return summaryFacts(facts, values, this.m.locale).map(f => this.line(f.word[0].toUpperCase() + f.word.slice(1), escapeMarkdown(f.text))!);
    }

    /** A role or an organisation outside the company's teams, said so. */
    private outsideKind(node: AstNode | undefined): string | undefined {
        return isRole(node) || isOrganisation(node) ? this.m.t('hover.kindWord', { kind: node.$type.toLowerCase() }) : undefined;
    }

    /** A study: its text, sample and link (an http(s) address Markdown opens). */
    private researchLine(research: Research): string {
        const parts = [escapeMarkdown(research.text)];
        if (research.sample !== undefined) parts.push(`_(${this.m.t('hover.sample', { sample: research.sample })})_`);
        if (research.link !== undefined) parts.push(/^https?:\/\/[^\s<>]+$/.test(research.link) ? `<${research.link}>` : code(research.link));
        return parts.join(' ');
    }

    private channel(channel: Channel): string {
        return joinLines([this.heading('channel', channel.name, channel.title), channel.kind ? this.m.t('hover.channelKind', { kind: channel.kind }) : undefined, text(channel.description)]);
    }

    private source(source: Source): string {
        return joinLines([this.heading('source', source.name, source.title), this.m.t('hover.sourceFile', { format: source.format, path: code(source.path) }), text(source.description)]);
    }
}

/** A property's value as the facts table reads it: a reference by its text. */
function astValue(value: unknown): unknown {
    return isReference(value) ? value.$refText : value;
}

function heading(kind: string, name: string, title?: string, journey?: string): string {
    return `**${kind}** ${code(journey ? `${journey}.${name}` : name)}${title ? ` — ${escapeMarkdown(title)}` : ''}`;
}

function text(value: string | undefined): string | undefined {
    return value ? escapeMarkdown(value) : undefined;
}

function describeRef(id: string, title?: string, kind?: string): string {
    const extra = [title ? escapeMarkdown(title) : undefined, kind].filter(Boolean).join(', ');
    return `${code(id)}${extra ? ` (${extra})` : ''}`;
}

function code(value: string): string {
    return '`' + value.replace(/`/g, "'") + '`';
}

/** Journey text is the author's, not markdown: keep it from turning into links or HTML. */
export function escapeMarkdown(value: string): string {
    return value.replace(/[\\`*_{}[\]()<>#+!|~]/g, ch => `\\${ch}`);
}

function capitalize(word: string): string {
    return word[0].toUpperCase() + word.slice(1);
}

function joinLines(parts: Array<string | undefined>): string {
    return parts.filter(part => part !== undefined && part !== '').join('\n\n');
}
