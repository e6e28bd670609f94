import { EmptyFileSystem, type AstNode, type ValidationAcceptor } from 'langium';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { createJourneyServices } from '../../src/language/journey-module.js';

// The journey validation registry calls synchronous checks directly (journey-diagnostics.ts);
// a check that fails must still end as a diagnostic on its node, as with Langium's registry.

async function diagnosticsWith(check: (node: AstNode, accept: ValidationAcceptor) => unknown) {
    const services = createJourneyServices(EmptyFileSystem).Journey;
    services.validation.ValidationRegistry.register({ Team: check as never });
    const document = services.shared.workspace.LangiumDocumentFactory.fromString('team A "a"\nteam B "b"\n', URI.parse('memory:///r.journey'));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document.diagnostics ?? [];
}

describe('validation registry', () => {
    it('runs synchronous checks on every node', async () => {
        const diagnostics = await diagnosticsWith((node, accept) => accept('warning', `seen ${(node as unknown as { name: string }).name}`, { node }));
        expect(diagnostics.map(d => d.message)).toEqual(['seen A', 'seen B']);
    });

    it('reports a check that throws on its node, and goes on', async () => {
        const errors: unknown[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => errors.push(args);
        try {
            const diagnostics = await diagnosticsWith(node => {
                if ((node as unknown as { name: string }).name === 'A') throw new Error('boom');
            });
            expect(diagnostics.map(d => [d.message, d.range.start.line])).toEqual([['An error occurred during validation: boom', 0]]);
            expect(errors.length).toBeGreaterThan(0);
        } finally {
            console.error = original;
        }
    });

    it('awaits asynchronous checks, and reports their rejections', async () => {
        const original = console.error;
        console.error = () => undefined;
        try {
            const diagnostics = await diagnosticsWith(async (node, accept) => {
                await new Promise(resolve => setTimeout(resolve, 5));
                if ((node as unknown as { name: string }).name === 'B') throw new Error('late');
                accept('info', 'async ok', { node });
            });
            expect(diagnostics.map(d => d.message).sort()).toEqual(['An error occurred during validation: late', 'async ok']);
        } finally {
            console.error = original;
        }
    });
});
