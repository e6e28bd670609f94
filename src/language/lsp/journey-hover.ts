import { AstNodeHoverProvider } from 'langium/lsp';
import type { AstNode, MaybePromise } from 'langium';
import {
    isChannel, isJourney, isKpi, isPersona, isSource, isStage, isTeam, isTouchpoint,
    type Channel, type Journey, type Kpi, type Source, type Stage, type Touchpoint
} from '../generated/ast.js';
import { owningJourney } from '../journey-naming.js';
import { TOUCHPOINT_FACTS, summaryFacts } from '../model/journey-facts.js';
import { effectiveEmotionScale, signed } from '../model/kpi-semantics.js';
import type { JourneySettings } from '../journey-settings.js';
import type { JourneyServices } from '../journey-module.js';
import { describeMeasure, describeTarget } from './journey-words.js';
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

    protected getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isTouchpoint(node)) return this.touchpoint(node);
        if (isKpi(node)) return this.kpi(node);
        if (isStage(node)) return this.stage(node);
        if (isJourney(node)) return this.journey(node);
        if (isChannel(node)) return this.channel(node);
        if (isPersona(node) || isTeam(node)) {
            return joinLines([heading(isPersona(node) ? 'Persona' : 'Team', node.name, node.title), text(node.description)]);
        }
        if (isSource(node)) return this.source(node);
        return undefined;
    }

    private touchpoint(touchpoint: Touchpoint): string {
        const journey = owningJourney(touchpoint);
        const stage = touchpoint.$container as Stage;
        const scale = effectiveEmotionScale(journey?.scale, this.settings.emotionScale);
        const owner = touchpoint.owner ?? stage.owner ?? journey?.owner;
        const facts = [
            fact('Stage', stage?.name ? `${code(stage.name)}${stage.title ? ` ${stage.title}` : ''}` : undefined),
            fact('Channel', touchpoint.channels.length ? touchpoint.channels.map(c => describeRef(c.$refText, c.ref?.title, c.ref?.kind)).join(', ') : '_none_'),
            fact('Owner', owner ? describeRef(owner.$refText, owner.ref?.title) + (touchpoint.owner ? '' : ' _(inherited)_') : '_none_'),
            fact('Actors', touchpoint.actors.length ? touchpoint.actors.map(a => describeRef(a.$refText, a.ref?.title)).join(', ') : undefined),
            fact('Emotion', touchpoint.emotion !== undefined ? `${signed(touchpoint.emotion)} (scale ${signed(scale.min)} to ${signed(scale.max)})` : undefined),
            touchpoint.momentOfTruth ? '**Moment of truth**' : undefined,
            // The summary facts of the table (read by their grammar property), as on the map's card.
            ...summaryFacts(TOUCHPOINT_FACTS, Object.fromEntries(TOUCHPOINT_FACTS.map(f => [f.field, touchpoint[f.property as keyof Touchpoint]])))
                .map(f => fact(f.word[0].toUpperCase() + f.word.slice(1), escapeMarkdown(f.text)))
        ];
        const pains = touchpoint.painPoints.map(p => `- ${escapeMarkdown(p.text)}${p.severity ? ` _(severity ${p.severity})_` : ''}`);
        return joinLines([
            heading('Touchpoint', touchpoint.name, touchpoint.title, journey?.name),
            text(touchpoint.description),
            facts.filter(Boolean).join('  \n'),
            pains.length ? `**Pain points**\n${pains.join('\n')}` : undefined,
            touchpoint.opportunities.length ? `**Opportunities**\n${touchpoint.opportunities.map(o => `- ${escapeMarkdown(o)}`).join('\n')}` : undefined
        ]);
    }

    private kpi(kpi: Kpi): string {
        const journey = owningJourney(kpi);
        const facts = [
            fact('Measures', kpi.measure ? describeMeasure(kpi.measure) : '_not stated_'),
            fact('Unit', kpi.unit),
            fact('Better', kpi.direction ? `${kpi.direction}` : undefined),
            fact('Target', kpi.target ? describeTarget(kpi.target) : '_none_'),
            fact('Status', this.status(kpi)),
            fact('Scope', kpi.scope ? [kpi.scope.level, kpi.scope.stage?.$refText ?? kpi.scope.touchpoint?.$refText ?? kpi.scope.channel?.$refText].filter(Boolean).join(' ') : undefined),
            fact('Mode', kpi.mode),
            fact('Frequency', kpi.frequency),
            fact('Owner', kpi.owner ? describeRef(kpi.owner.$refText, kpi.owner.ref?.title) : undefined),
            fact('Data', kpi.data?.$refText)
        ];
        return joinLines([heading('KPI', kpi.name, kpi.title, journey?.name), text(kpi.description), facts.filter(Boolean).join('  \n')]);
    }

    /** Where the KPI stands, once the metrics engine has read its data. */
    private status(kpi: Kpi): string | undefined {
        const phrase = statusPhrase(this.statuses, kpi, this.settings.locale);
        if (!phrase) return undefined;
        const result = this.statuses.current(kpi);
        const rows = result ? ` _(${result.rowsUsed} rows used, ${result.rowsRejected} rejected${result.problems.length ? `; ${result.problems.length} data problem${result.problems.length === 1 ? '' : 's'}: run \`journey metrics\`` : ''})_` : '';
        return `**${phrase}**${rows}`;
    }

    private stage(stage: Stage): string {
        const journey = stage.$container as Journey;
        return joinLines([
            heading('Stage', stage.name, stage.title, journey?.name),
            text(stage.description),
            `${stage.touchpoints.length} touchpoint${stage.touchpoints.length === 1 ? '' : 's'}${stage.touchpoints.length ? ': ' + stage.touchpoints.map(t => code(t.name)).join(', ') : ''}`
        ]);
    }

    private journey(journey: Journey): string {
        return joinLines([
            heading('Journey', journey.name, journey.title),
            text(journey.description),
            [
                fact('State', journey.state),
                fact('Personas', journey.personas.length ? journey.personas.map(p => code(p.$refText)).join(', ') : undefined),
                fact('Owner', journey.owner?.$refText),
                fact('Stages', journey.stages.map(s => code(s.name)).join(' › ') || '_none_'),
                fact('KPIs', journey.kpis.length ? journey.kpis.map(k => code(k.name)).join(', ') : undefined)
            ].filter(Boolean).join('  \n')
        ]);
    }

    private channel(channel: Channel): string {
        return joinLines([heading('Channel', channel.name, channel.title), channel.kind ? `${channel.kind} channel` : undefined, text(channel.description)]);
    }

    private source(source: Source): string {
        return joinLines([heading('Data source', source.name, source.title), `${source.format} file ${code(source.path)}`, text(source.description)]);
    }
}

function heading(kind: string, name: string, title?: string, journey?: string): string {
    return `**${kind}** ${code(journey ? `${journey}.${name}` : name)}${title ? ` — ${escapeMarkdown(title)}` : ''}`;
}

function fact(label: string, value: string | undefined): string | undefined {
    return value === undefined || value === '' ? undefined : `**${label}:** ${value}`;
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

function joinLines(parts: Array<string | undefined>): string {
    return parts.filter(part => part !== undefined && part !== '').join('\n\n');
}
