import { DefaultNameProvider, type AstNode } from 'langium';
import { typeTest } from './ast-walk.js';
import { Journey, Kpi, Stage, Touchpoint, reflection } from './generated/ast.js';

// Run several times per node of every build: set lookups (ast-walk.ts).
const isJourneyNode = typeTest(reflection, Journey.$type);
const isMemberType = typeTest(reflection, Stage.$type, Touchpoint.$type, Kpi.$type);

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
 * touchpoint ids.
 */
export class JourneyNameProvider extends DefaultNameProvider {
    getQualifiedName(node: AstNode): string | undefined {
        const name = this.getName(node);
        if (!name) return undefined;
        const journey = isMemberType(node) ? owningJourney(node) : undefined;
        return journey ? `${journey.name}.${name}` : name;
    }
}
