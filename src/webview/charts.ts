/**
 * Draws Vega-Lite specs in the page without `eval`: Vega-Lite compiles to Vega, Vega parses
 * with `ast: true`, and the view evaluates expressions with vega-interpreter (CSP-safe).
 */
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { vegaSpec } from '../render/vega-specs.js';

export interface DrawnChart {
    view: View;
    element: HTMLElement;
}

export async function drawChart(container: HTMLElement, spec: TopLevelSpec): Promise<DrawnChart> {
    const element = document.createElement('div');
    element.className = 'jm-chart-view';
    container.replaceChildren(element);
    const runtime = parse(vegaSpec(spec), undefined, { ast: true });
    const view = new View(runtime, { expr: expressionInterpreter, renderer: 'svg', container: element, hover: true });
    await view.runAsync();
    return { view, element };
}
