/**
 * The latest KPI results, as the editor shows them above and over each KPI (code lens, hover).
 * The language server fills them from the metrics engine (src/server/kpi-status-service.ts);
 * without it (unit tests, a server without DuckDB and without series) they stay unknown and the
 * editor shows targets only.
 */
import { DEFAULT_LOCALE, messages, type Locale } from '../i18n/i18n.js';
import { MOVEMENT_ARROWS, formatValue, periodLabel, statusWord } from '../model/kpi-format.js';
import { evaluateTarget, kpiOfResult, type KpiResult } from '../model/kpi-results.js';
import type { Kpi } from '../generated/ast.js';
import { owningJourney } from '../journey-naming.js';
import { kpiDirection, kpiTarget, kpiUnit } from '../model/build-model.js';
import type { WorkspaceModel } from '../model/journey-model.js';

export class KpiStatuses {
    /** By `Journey.Kpi` (a catalog KPI: by its id); undefined until the engine has run once. */
    private byKpi: Map<string, KpiResult> | undefined;

    /** Whether results were computed at least once (else the editor does not speak of status). */
    get known(): boolean {
        return this.byKpi !== undefined;
    }

    get count(): number {
        return this.byKpi?.size ?? 0;
    }

    /** Replaces every result: those of KPIs not in `results` are no longer known. */
    set(results: KpiResult[]): void {
        this.byKpi = new Map(results.map(result => [key(result.journey, result.kpi), result]));
    }

    /**
     * A KPI's result as written now: the measured points of the last computation, judged
     * against the target in the text, so that an edited target shows its status at once.
     */
    current(kpi: Kpi): KpiResult | undefined {
        const result = this.byKpi?.get(key(owningJourney(kpi)?.name, kpi.name));
        return result && { ...result, ...evaluateTarget(kpiTarget(kpi), result.points, kpiDirection(kpi), undefined, kpiUnit(kpi)) };
    }

    /** Every result, judged like `current` against the targets of `model` (the workspace as written now). */
    all(model: WorkspaceModel): KpiResult[] {
        return [...this.byKpi?.values() ?? []].map(result => {
            const kpi = kpiOfResult(model, result);
            return { ...result, ...evaluateTarget(kpi?.target, result.points, kpi?.direction, undefined, kpi?.unit) };
        });
    }
}

function key(journey: string | undefined, kpi: string): string {
    return journey ? `${journey}.${kpi}` : kpi;
}

/**
 * "missed: 91.2% in October 2026 ↘": where a KPI bound to data stands, with its latest value and
 * trend; undefined before the engine has run, or for a KPI that reads no data.
 */
export function statusPhrase(statuses: KpiStatuses, kpi: Kpi, locale: Locale = DEFAULT_LOCALE): string | undefined {
    if (!statuses.known || !kpi.data) return undefined;
    const result = statuses.current(kpi);
    if (!result?.latest) return statusWord('no-data', locale);
    const values = {
        value: formatValue(result.latest.value, kpiUnit(kpi), locale),
        // `June 2026`, `W27 2026` / `juin 2026`, `S27 2026`: the period as a reader says it, not its key.
        period: periodLabel(result.latest.period, locale),
        arrow: result.movement ? ` ${MOVEMENT_ARROWS[result.movement]}` : ''
    };
    return kpi.target
        ? messages(locale).t('kpi.phrase.status', { status: statusWord(result.status, locale), ...values })
        : messages(locale).t('kpi.phrase.measured', values);
}
