import { isCountMeasure, isDurationMeasure, isFlowMeasure, isShareMeasure, type Measure, type Quantity, type Target, type Window } from '../generated/ast.js';
import { normalizeComparator } from '../model/kpi-semantics.js';

/** Short plain-language texts for KPIs, shared by hover and code lens. */

export function quantityText(quantity: Quantity): string {
    const unit = quantity.unit;
    if (unit === undefined) return String(quantity.value);
    return unit === '%' ? `${quantity.value}%` : `${quantity.value} ${unit}`;
}

export function describeTarget(target: Target): string {
    const parts = [`${normalizeComparator(target.comparator)} ${quantityText(target.value)}`];
    if (target.deadline) parts.push(`by ${target.deadline}`);
    if (target.warning) parts.push(`(warning at ${quantityText(target.warning)})`);
    return parts.join(' ');
}

function windowText(window: Window): string {
    const amount = window.dayOffset ?? (window.amount ? quantityText(window.amount) : '?');
    return `within ${amount}${window.business ? ' business days' : ''}`;
}

export function describeMeasure(measure: Measure): string {
    if (isShareMeasure(measure)) {
        return `share of cases reaching \`${measure.reached.$refText}\` ${windowText(measure.window)} of \`${measure.start.$refText}\``;
    }
    if (isDurationMeasure(measure)) {
        return `${measure.statistic ?? 'median'} time from \`${measure.start.$refText}\` to \`${measure.end.$refText}\``;
    }
    if (isFlowMeasure(measure)) {
        return `${measure.kind} from \`${measure.from.$refText}\` to \`${measure.to.$refText}\``;
    }
    if (isCountMeasure(measure)) {
        return `count${measure.of ? ` of \`${measure.of.$refText}\`` : ''}${measure.perChannel ? ' per channel' : ''}`;
    }
    const names: Record<string, string> = {
        nps: 'NPS (Net Promoter Score: % promoters − % detractors)', csat: 'CSAT (% satisfied answers)',
        ces: 'CES (Customer Effort Score: mean effort score)', churn: 'churn rate (% customers lost)',
        retention: 'retention rate', referral: 'referral rate', loyalty: 'loyalty index', resolution: 'resolution time',
        rate: 'a rate', average: 'an average', custom: 'a custom measure'
    };
    return names[measure.kind] ?? measure.kind;
}
