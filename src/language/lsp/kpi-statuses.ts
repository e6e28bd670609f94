/**
 * The latest KPI results, as the editor shows them above and over each KPI (code lens, hover).
 * The language server fills them from the metrics engine (src/server/kpi-status-service.ts);
 * without it (unit tests, a server without DuckDB and without series) they stay unknown and the
 * editor shows targets only.
 */
import { evaluateTarget, type KpiResult } from '../../metrics/kpi-results.js';
import { formatValue } from '../../metrics/format-metrics.js';
import type { Kpi } from '../generated/ast.js';
import { owningJourney } from '../journey-naming.js';
import { kpiDirection, kpiTarget } from '../model/build-model.js';

const STATUS_WORDS: Record<KpiResult['status'], string> = { met: 'met', 'at-risk': 'at risk', missed: 'missed', 'no-data': 'no data yet' };
const TREND_ARROWS = { improving: '↗', worsening: '↘', stable: '→' } as const;

export class KpiStatuses {
    private byKpi = new Map<string, KpiResult>();
    private computed = false;

    /** Whether results were computed at least once (else the editor does not speak of status). */
    get known(): boolean {
        return this.computed;
    }

    /** Replaces every result: those of KPIs not in `results` are no longer known. */
    set(results: KpiResult[]): void {
        this.byKpi = new Map(results.map(result => [key(result.journey, result.kpi), result]));
        this.computed = true;
    }

    /** A journey's KPI (`journey` set) or a catalog KPI. */
    get(journey: string | undefined, kpi: string): KpiResult | undefined {
        return this.byKpi.get(key(journey, kpi));
    }

    /**
     * A KPI's result as written now: the measured points of the last computation, judged
     * against the target in the text, so that an edited target shows its status at once.
     */
    current(kpi: Kpi): KpiResult | undefined {
        const result = this.get(owningJourney(kpi)?.name, kpi.name);
        return result && { ...result, ...evaluateTarget(kpiTarget(kpi), result.points, kpiDirection(kpi)) };
    }

    all(): KpiResult[] {
        return [...this.byKpi.values()];
    }
}

function key(journey: string | undefined, kpi: string): string {
    return journey ? `${journey}.${kpi}` : kpi;
}

/** "missed: 91.2 % in 2026-10 ↘": the status, with the latest value and trend when there is one. */
export function statusPhrase(result: KpiResult | undefined, unit: string | undefined, hasTarget: boolean): string {
    if (!result || !result.latest) return STATUS_WORDS['no-data'];
    const value = `${formatValue(result.latest.value, unit)} in ${result.latest.period}${result.trend ? ` ${TREND_ARROWS[result.trend]}` : ''}`;
    return hasTarget ? `${STATUS_WORDS[result.status]}: ${value}` : `measured ${value}`;
}
