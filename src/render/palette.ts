/**
 * The map's colours, in one place: the HTML map reads them through CSS variables written from
 * these (map-css.ts), the SVG map and the Vega-Lite charts directly.
 */
import type { Severity } from '../language/model/journey-model.js';
import type { KpiStatus } from '../language/model/kpi-results.js';

export const STATUS_COLORS: Record<KpiStatus, string> = {
    met: '#2e7d32', 'at-risk': '#e67700', 'off-track': '#d9480f', missed: '#c62828', 'no-data': '#8a8a8a'
};

export const SEVERITY_COLORS: Record<Severity, string> = {
    low: '#8a8a8a', medium: '#e67700', high: '#d9480f', critical: '#c62828'
};

/** The frame and star of a moment of truth. */
export const MOMENT_OF_TRUTH_COLOR = '#b8860b';
