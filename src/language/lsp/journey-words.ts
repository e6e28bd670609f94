import { isCountMeasure, isDurationMeasure, isFlowMeasure, isShareMeasure, type Measure, type Quantity, type Target, type Window } from '../generated/ast.js';
import type { Messages } from '../i18n/i18n.js';
import { formatQuantity, periodLabel } from '../model/kpi-format.js';
import { comparatorSymbol, normalizeComparator, normalizeUnit } from '../model/kpi-semantics.js';

/** Short plain-language texts for KPIs, shared by hover and code lens, in the reader's language. */

/** `95%` / `95 %`, `48 h` → `48 hours` / `48 heures`: every decimal written is kept. */
export function quantityText(quantity: Quantity, m: Messages): string {
    return formatQuantity(quantity.value, normalizeUnit(quantity.unit), m.locale);
}

/** `≥ 95% by June 2027 (warning at 90%)` / `≥ 95 % d'ici juin 2027 (alerte à 90 %)`. */
export function describeTarget(target: Target, m: Messages): string {
    return m.t('words.target', {
        comparator: comparatorSymbol(normalizeComparator(target.comparator)),
        value: quantityText(target.value, m),
        deadline: target.deadline ? periodLabel(target.deadline, m.locale) : 'none',
        warning: target.warning ? quantityText(target.warning, m) : 'none'
    });
}

function windowText(window: Window, m: Messages): string {
    const amount = window.dayOffset ?? (window.amount ? quantityText(window.amount, m) : '?');
    return m.t('words.window', { amount, business: window.business ? 'yes' : 'no' });
}

/** What a KPI measures, in words; ids of touchpoints and stages as Markdown code. */
export function describeMeasure(measure: Measure, m: Messages): string {
    if (isShareMeasure(measure)) {
        return m.t('words.measure.share', { reached: code(measure.reached.$refText), window: windowText(measure.window, m), start: code(measure.start.$refText) });
    }
    if (isDurationMeasure(measure)) {
        return m.t('words.measure.duration', { statistic: measure.statistic ?? 'median', start: code(measure.start.$refText), end: code(measure.end.$refText) });
    }
    if (isFlowMeasure(measure)) {
        return m.t('words.measure.flow', { kind: measure.kind, from: code(measure.from.$refText), to: code(measure.to.$refText) });
    }
    if (isCountMeasure(measure)) {
        return m.t('words.measure.count', { of: measure.of ? code(measure.of.$refText) : 'none' });
    }
    return m.t('words.measure.kind', { kind: measure.kind });
}

function code(id: string): string {
    return '`' + id.replace(/`/g, "'") + '`';
}
