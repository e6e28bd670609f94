import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/metrics/compute-metrics.js';
import { warehouseQueries } from '../../src/metrics/warehouse-sql.js';
import { DIALECTS } from '../../src/metrics/sql-dialect.js';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { TODAY } from './metrics-helpers.js';

const root = path.resolve(__dirname, '../..');

describe.each(['mutuelle-sante', 'ecommerce', 'maison-neuve'])('the %s example', name => {
    it('computes every KPI bound to data without a data error, and writes its SQL in every dialect', async () => {
        const workspace = await loadWorkspace([`examples/${name}`], { cwd: root });
        expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const { results } = await computeMetrics(workspace.model, root, { today: TODAY });
        const bound = results.filter(r => (workspace.model.journeys.find(j => j.id === r.journey)?.kpis ?? workspace.model.kpis).find(k => k.id === r.kpi)?.data);
        expect(bound.length).toBeGreaterThanOrEqual(3);
        for (const result of bound) {
            expect(result.problems.filter(p => p.severity === 'error'), `${result.kpi}`).toEqual([]);
            expect(result.points.length, `${result.kpi} has values`).toBeGreaterThan(0);
            expect(result.status).not.toBe('no-data');
            expect(result.rowsUsed).toBeGreaterThan(0);
        }
        for (const dialect of DIALECTS) {
            const queries = warehouseQueries(workspace.model, dialect);
            expect(queries.length).toBe(bound.length);
            expect(queries.filter(q => q.error)).toEqual([]);
        }
    });
});

it('the J+1 KPI of the health-insurance example says what the sources say: cards printed on Thursdays miss J+1', async () => {
    const workspace = await loadWorkspace(['examples/mutuelle-sante'], { cwd: root });
    const { results } = await computeMetrics(workspace.model, root, { today: TODAY, only: ['AdhesionActuelle.CartesJ1'] });
    expect(results).toHaveLength(1);
    const overall = results[0].points.filter(p => p.segment === undefined);
    expect(overall.length).toBeGreaterThan(20);
    const mean = overall.reduce((sum, p) => sum + p.value, 0) / overall.length;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(70);
    expect(results[0].status).toBe('at-risk'); // short of 95 %, deadline 2027-06 not passed
});
