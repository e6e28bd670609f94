import { DefaultNameProvider, type AstNode } from 'langium';
import { typeTest } from './ast-walk.js';
import { Journey, Kpi, Stage, Tag, Touchpoint, reflection } from './generated/ast.js';

// Run several times per node of every build: set lookups (ast-walk.ts).
const isJourneyNode = typeTest(reflection, Journey.$type);
const isMemberType = typeTest(reflection, Stage.$type, Touchpoint.$type, Kpi.$type);
const isTagNode = typeTest(reflection, Tag.$type);

/** The journey that owns a stage, touchpoint or KPI, if any (catalog KPIs have none). */
export function owningJourney(node: AstNode): Journey | undefined {
    let current: AstNode | undefined = node.$container;
    while (current && !isJourneyNode(current)) current = current.$container;
    return current as Journey | undefined;
}

/** Whether ids of this node live in its journey's namespace rather than the workspace's. */
export function isJourneyMember(node: AstNode): boolean {
    return isMemberType(node) && owningJourney(node) !== undefined;
}

/**
 * Stages, touchpoints and KPIs are named inside their journey (`Signature`), and from elsewhere
 * by their qualified name (`Adhesion.Signature`): a current and a target journey reuse the same
 * touchpoint ids. A tag is named by its family (`Perception.Easy`).
 */
export class JourneyNameProvider extends DefaultNameProvider {
    getQualifiedName(node: AstNode): string | undefined {
        const name = this.getName(node);
        if (!name) return undefined;
        // A tag is named by its family: `Perception.Easy`.
        if (isTagNode(node)) return `${(node.$container as { name?: string } | undefined)?.name ?? ''}.${name}`;
        const journey = isMemberType(node) ? owningJourney(node) : undefined;
        return journey ? `${journey.name}.${name}` : name;
    }
}
