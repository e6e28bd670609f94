import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { JourneyAstType, Kpi, Quantity, Target } from './generated/ast.js';
import { Codes } from './journey-diagnostics.js';
import type { JourneyServices } from './journey-module.js';
import type { CheckSeverity } from './journey-settings.js';

/** The spelling the formatter and the model use for each accepted unit alias. */
const CANONICAL_UNITS: Record<string, string> = {
    pts: 'points', min: 'minutes', h: 'hours', d: 'days', day: 'days', week: 'weeks', month: 'months'
};
const SINGULAR_UNITS = new Set(['day', 'week', 'month']);
const ASCII_COMPARATORS: Record<string, string> = { '≥': '>=', '≤': '<=' };

/** What the quick fix writes instead of a non-standard spelling: the diagnostic carries it. */
export interface NotationData {
    replacement: string;
}

/**
 * An optional check (`non-standard-notation`) where a file uses an accepted but non-canonical
 * spelling: `≥` and `≤`, or unit abbreviations such as `pts` and `h`. Each carries its
 * replacement for the quick fix. `fallback` is its severity unless the `journey.severity`
 * setting says otherwise: a hint in the editor, off for `journey check` (both spellings are valid).
 */
export function registerNotationChecks(services: JourneyServices, fallback: CheckSeverity): void {
    const settings = services.JourneySettings;
    const report = (accept: ValidationAcceptor, message: string, info: Parameters<ValidationAcceptor>[2], replacement: string) => {
        const severity = settings.severityOf(Codes.nonStandardNotation, fallback);
        if (severity === 'off') return;
        const data: NotationData = { replacement };
        accept(severity, message, { ...info, code: Codes.nonStandardNotation, data });
    };
    const unitCheck = (unit: string | undefined, singularAllowed: boolean) => {
        if (unit === undefined) return undefined;
        if (SINGULAR_UNITS.has(unit) && singularAllowed) return undefined;
        return CANONICAL_UNITS[unit];
    };
    const checks: ValidationChecks<JourneyAstType> = {
        Target: (target: Target, accept) => {
            const ascii = ASCII_COMPARATORS[target.comparator];
            if (ascii) report(accept, settings.messages.t('notation.comparator', { ascii, written: target.comparator }), { node: target, property: 'comparator' }, ascii);
        },
        Quantity: (quantity: Quantity, accept) => {
            const canonical = unitCheck(quantity.unit, quantity.value === 1);
            if (canonical) report(accept, settings.messages.t('notation.unit', { canonical, written: quantity.unit }), { node: quantity, property: 'unit' }, canonical);
        },
        Kpi: (kpi: Kpi, accept) => {
            const canonical = unitCheck(kpi.unit, false);
            if (canonical) report(accept, settings.messages.t('notation.kpiUnit', { canonical, written: kpi.unit }), { node: kpi, property: 'unit' }, canonical);
        }
    };
    services.validation.ValidationRegistry.register(checks, undefined, 'fast');
}
