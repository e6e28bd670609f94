// Vitest for mutation testing only (stryker.config.json): the tests of target evaluation, KPI
// semantics, periods and the metrics engine's pure parts (columns, separators, series files),
// which run in milliseconds, so that each mutant is judged quickly on a
// shared 2-core machine. Not part of `npm test` (vitest.config.ts includes every test).
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/language/kpi-semantics.test.ts', 'test/language/kpi-results.test.ts', 'test/language/periods.test.ts', 'test/language/kpi-values.test.ts', 'test/language/kpi-scorecard.test.ts', 'test/language/today.test.ts', 'test/language/target-edges.test.ts', 'test/metrics/engine-inputs.test.ts', 'test/metrics/series-csv.test.ts', 'test/metrics/series-parse-edges.test.ts', 'test/metrics/cell-parsing.test.ts'],
        setupFiles: ['./src/polyfills.ts'],
        testTimeout: 30_000,
        reporters: ['default']
    }
});
