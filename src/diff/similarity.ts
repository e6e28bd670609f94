/**
 * How alike two versions of an element are, to tell a rename (id changed, content kept) from a
 * removal plus an addition. Elements are turned into weighted tokens; the score is the
 * weighted Jaccard index of the two bags (1: same content, 0: nothing in common).
 */
import type {
    ChannelModel, JourneyModel, KpiModel, PersonaModel, SourceModel, StageModel, TagFamilyModel, TouchpointModel
} from '../language/model/journey-model.js';
import { STAGE_FACTS, TOUCHPOINT_FACTS, factItems, type Fact } from '../language/model/journey-facts.js';

export type Tokens = Map<string, number>;

function bag(): { tokens: Tokens; add: (token: string | undefined, weight?: number) => void } {
    const tokens: Tokens = new Map();
    return { tokens, add: (token, weight = 1) => { if (token !== undefined) tokens.set(token, (tokens.get(token) ?? 0) + weight); } };
}

/** The facts of the table as tokens, weighted by the table (a title counts more than a channel). */
function addFacts(add: (token: string | undefined, weight?: number) => void, facts: readonly Fact[], element: object): void {
    for (const fact of facts) {
        for (const item of factItems(element, fact)) add(`${fact.field}=${typeof item === 'string' ? item : JSON.stringify(item)}`, fact.weight);
    }
}

export function touchpointTokens(t: TouchpointModel): Tokens {
    const { tokens, add } = bag();
    addFacts(add, TOUCHPOINT_FACTS, t);
    return tokens;
}

export function stageTokens(s: StageModel): Tokens {
    const { tokens, add } = bag();
    addFacts(add, STAGE_FACTS, s);
    for (const touchpoint of s.touchpoints) add(`touchpoint=${touchpoint.id}`);
    return tokens;
}

export function journeyTokens(j: JourneyModel): Tokens {
    const { tokens, add } = bag();
    add(`title=${j.title}`, 3);
    add(j.description === undefined ? undefined : `description=${j.description}`, 2);
    add(j.state === undefined ? undefined : `state=${j.state}`);
    add(j.owner === undefined ? undefined : `owner=${j.owner}`);
    for (const persona of j.personas) add(`persona=${persona}`);
    for (const stage of j.stages) {
        add(`stage=${stage.id}`);
        for (const touchpoint of stage.touchpoints) add(`touchpoint=${touchpoint.id}`);
    }
    for (const kpi of j.kpis) add(`kpi=${kpi.id}`);
    return tokens;
}

export function kpiTokens(k: KpiModel): Tokens {
    const { tokens, add } = bag();
    add(`title=${k.title}`, 3);
    add(k.description === undefined ? undefined : `description=${k.description}`, 2);
    add(`kind=${k.kind}`);
    add(k.measure ? `measure=${JSON.stringify(k.measure)}` : undefined, 2);
    add(`scope=${k.scope.level}:${k.scope.ref ?? ''}`);
    add(k.target ? `target=${k.target.text}` : undefined);
    add(k.target?.deadline === undefined ? undefined : `deadline=${k.target.deadline}`);
    add(k.owner === undefined ? undefined : `owner=${k.owner}`);
    add(k.mode === undefined ? undefined : `mode=${k.mode}`);
    add(k.frequency === undefined ? undefined : `frequency=${k.frequency}`);
    add(k.data === undefined ? undefined : `data=${k.data}`);
    return tokens;
}

export function catalogTokens(entry: ChannelModel | PersonaModel | SourceModel): Tokens {
    const { tokens, add } = bag();
    add(`title=${entry.title}`, 3);
    add(entry.description === undefined ? undefined : `description=${entry.description}`, 2);
    if ('kind' in entry) add(entry.kind === undefined ? undefined : `kind=${entry.kind}`);
    if ('tags' in entry) for (const tag of (entry as TagFamilyModel).tags) add(`tag=${tag.id}`);
    if ('format' in entry) {
        add(`format=${entry.format}`);
        add(`path=${entry.path}`, 2);
        for (const [field, column] of Object.entries(entry.columns)) add(`column=${field}:${column}`);
        for (const [value, touchpoint] of Object.entries(entry.events)) add(`event=${value}:${touchpoint}`);
    }
    return tokens;
}

export function similarity(a: Tokens, b: Tokens): number {
    let shared = 0;
    let total = 0;
    for (const [token, weight] of a) {
        const other = b.get(token) ?? 0;
        shared += Math.min(weight, other);
        total += Math.max(weight, other);
    }
    for (const [token, weight] of b) if (!a.has(token)) total += weight;
    return total === 0 ? 1 : shared / total;
}

export interface Candidate<T> {
    item: T;
    tokens: Tokens;
}

/** The smallest similarity for two elements with different ids to count as one renamed element. */
export const RENAME_THRESHOLD = 0.6;

/**
 * Pairs base and head elements greedily, most alike first, each used once, keeping pairs at
 * or above `threshold`. Above `maxPairs` comparisons only elements with identical content are
 * paired (a whole-workspace rewrite does not turn into a quadratic search).
 */
export function matchBySimilarity<B, H>(
    base: Candidate<B>[], head: Candidate<H>[], threshold = RENAME_THRESHOLD, maxPairs = 250_000
): { base: B; head: H; similarity: number }[] {
    if (!base.length || !head.length) return [];
    const scored: { b: number; h: number; similarity: number }[] = [];
    if (base.length * head.length <= maxPairs) {
        base.forEach((b, bi) => head.forEach((h, hi) => {
            const score = similarity(b.tokens, h.tokens);
            if (score >= threshold) scored.push({ b: bi, h: hi, similarity: score });
        }));
    } else {
        const key = (tokens: Tokens) => JSON.stringify([...tokens].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
        const heads = new Map<string, number[]>();
        head.forEach((h, hi) => { const k = key(h.tokens); heads.set(k, [...(heads.get(k) ?? []), hi]); });
        base.forEach((b, bi) => { for (const hi of heads.get(key(b.tokens)) ?? []) scored.push({ b: bi, h: hi, similarity: 1 }); });
    }
    scored.sort((x, y) => y.similarity - x.similarity || x.b - y.b || x.h - y.h);
    const usedBase = new Set<number>();
    const usedHead = new Set<number>();
    const pairs: { base: B; head: H; similarity: number }[] = [];
    for (const pair of scored) {
        if (usedBase.has(pair.b) || usedHead.has(pair.h)) continue;
        usedBase.add(pair.b);
        usedHead.add(pair.h);
        pairs.push({ base: base[pair.b].item, head: head[pair.h].item, similarity: pair.similarity });
    }
    return pairs;
}
