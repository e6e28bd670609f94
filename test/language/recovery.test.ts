import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../src/language/journey-module.js';
import { measureRecovery } from './recovery-measure.js';

/** The grammar's keywords that are words (`touchpoint`, `emotion`…), read from its lexer. */
function wordKeywords(): Set<string> {
    const definition = createJourneyServices(EmptyFileSystem).Journey.parser.Lexer.definition as Record<string, unknown>;
    return new Set(Object.keys(definition).filter(name => /^[a-z]+$/.test(name)));
}

describe('recovery measure: one misspelt keyword at a time, at many lines of every example', () => {
    it('reports each typo with at most 2 errors (median) and 3 (90th percentile), and keeps ≥ 98 % of the other stages, touchpoints and KPIs', async () => {
        const figures = await measureRecovery(wordKeywords());
        const worst = [...figures.outcomes].sort((a, b) => b.errors - a.errors).slice(0, 5);
        console.log([
            `recovery measure: ${figures.typos} typos in the examples`,
            `  errors per typo: median ${figures.medianErrors}, p90 ${figures.p90Errors}, max ${figures.maxErrors}`,
            `  other stages, touchpoints and KPIs kept: ${figures.keptPercent.toFixed(1)} %`,
            '  worst typos:',
            ...worst.map(o => `    ${o.workspace}/${o.file}:${o.line} ${o.keyword} → ${o.typo}: ${o.errors} errors, kept ${o.kept}/${o.others}`)
        ].join('\n'));
        expect(figures.typos).toBeGreaterThan(100);
        expect(figures.medianErrors).toBeLessThanOrEqual(2);
        expect(figures.p90Errors).toBeLessThanOrEqual(3);
        expect(figures.keptPercent).toBeGreaterThanOrEqual(98);
    }, 300_000);
});
