import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import type { JourneyBatchParser } from '../../src/language/journey-batch-module.js';
import type { Touchpoint } from '../../src/language/generated/ast.js';
import { createBatchServices } from '../../src/node/journey-workspace.js';

// Lean nodes share one frozen empty list until the parse adds an item (lean-runtime.ts, NO_ITEMS):
// a list with items is the node's own, and nothing can write into the shared one.

const parser = createBatchServices().parser.LangiumParser as JourneyBatchParser;

describe('lean nodes\' lists', () => {
    const text = 'channel W "w"\nchannel X "x"\njourney J {\n  stage S {\n    touchpoint A via W, X { pain "p" }\n    touchpoint B via W\n    touchpoint C\n  }\n}\n';
    const root = parser.lean.parse(text)!.value;
    const touchpoints = AstUtils.streamAst(root).filter((node: AstNode): node is Touchpoint => node.$type === 'Touchpoint').toArray();

    it('are the parse\'s items, each node\'s own', () => {
        const [a, b, c] = touchpoints;
        expect(a.channels.map(channel => channel.$refText)).toEqual(['W', 'X']);
        expect(b.channels.map(channel => channel.$refText)).toEqual(['W']);
        expect(c.channels).toEqual([]);
        expect(a.channels).not.toBe(b.channels);
        expect(a.painPoints.map(pain => pain.$containerIndex)).toEqual([0]);
        expect(b.painPoints).toEqual([]);
    });

    it('start as one frozen empty list that no write can reach', () => {
        const [a, b, c] = touchpoints;
        expect(b.painPoints).toBe(c.painPoints);
        expect(b.outcomes).toBe(a.outcomes);
        expect(Object.isFrozen(c.channels)).toBe(true);
        expect(() => (c.channels as unknown[]).push('anything')).toThrow(TypeError);
        expect(b.painPoints).toEqual([]);
        expect(Object.isFrozen(a.channels)).toBe(false);
    });
});
