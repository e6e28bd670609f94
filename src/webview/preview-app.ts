/**
 * The preview in the page: renders a payload with the shared renderer, draws the charts,
 * and keeps drawn charts whose spec did not change (typing in a touchpoint does not redraw
 * the KPI charts). Source sync: elements carry `data-line`; `onReveal` is called on click,
 * `highlight(line)` marks the element written at or before a line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderPreviewHtml, type PreviewView } from '../render/map-html.js';
import type { MapFilter } from '../render/journey-map.js';
import type { PreviewPayload } from '../render/preview-data.js';
import { LIGHT_THEME, chartSpecs, type ChartTheme } from '../render/vega-specs.js';
import type { View } from 'vega';
import { drawChart } from './charts.js';
import { DEFAULT_LOCALE, messages } from '../language/i18n/i18n.js';

export interface PreviewOptions {
    onReveal?: (file: string, line: number) => void;
    /** Called after every update with the payload shown, for state saving. */
    onRendered?: (payload: PreviewPayload) => void;
}

interface CachedChart {
    /** The spec without its named datasets: when it is unchanged, only the values are swapped. */
    shape: string;
    /** The named datasets as drawn. */
    data: string;
    element: HTMLElement;
    view?: View;
}

/** Resolves after the next frame is painted. */
export function nextPaint(): Promise<void> {
    return new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export class PreviewApp {
    private charts = new Map<string, CachedChart>();
    private version = 0;
    private payload?: PreviewPayload;
    private highlighted?: { file?: string; line: number };
    private compareViews = new Map<string, string>();
    /** Per journey: fitted to the width (the default) or a zoom factor chosen with the buttons. */
    private zooms = new Map<string, { fit: boolean; zoom: number }>();
    /** Per journey: the persona or segment and the tag chosen in its filters ('' for all), kept across updates. */
    private filters = new Map<string, Record<string, string>>();
    /** Charts drawn from scratch and charts whose values were swapped in place (benchmarks read them). */
    readonly stats = { drawn: 0, swapped: 0 };

    constructor(private readonly root: HTMLElement, private readonly options: PreviewOptions = {}) {
        root.addEventListener('click', event => this.onClick(event));
        root.addEventListener('change', event => {
            const control = (event.target as HTMLElement).closest?.<HTMLSelectElement | HTMLInputElement>('select.jm-filter, input.jm-filter-hide');
            const journey = control?.closest<HTMLElement>('[data-journey]');
            if (!control || !journey) return;
            const id = journey.dataset.journey!;
            const before = this.filters.get(id) ?? {};
            const value = control instanceof HTMLInputElement ? (control.checked ? 'yes' : '') : control.value;
            this.filters.set(id, { ...before, [control.dataset.filter!]: value });
            // Hidden touchpoints leave the map: it is drawn again without them (or with them back); dimming only marks the columns.
            if (before.hide || this.filters.get(id)!.hide) void this.update(this.payload!);
            else this.applyFilter(journey);
        });
        // Compared maps shown together scroll together: their stages stay one above the other.
        root.addEventListener('scroll', event => {
            const scrolled = event.target as HTMLElement;
            if (!scrolled.classList?.contains('jm-scroll')) return;
            const compare = scrolled.closest<HTMLElement>('.jm-compare[data-view="all"]');
            if (!compare) return;
            for (const other of compare.querySelectorAll<HTMLElement>('.jm-scroll')) {
                if (other !== scrolled && other.scrollLeft !== scrolled.scrollLeft) other.scrollLeft = scrolled.scrollLeft;
            }
        }, true);
        // A map fitted to the width follows the panel's width.
        if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.applyZooms()).observe(root);
    }

    get current(): PreviewPayload | undefined {
        return this.payload;
    }

    /**
     * Renders the payload. The map is replaced at once (synchronously, with the charts drawn
     * so far put back in place), so the next frame shows the edit; the charts are brought up
     * to date after that frame. Resolves when the charts are up to date too.
     */
    async update(payload: PreviewPayload): Promise<void> {
        const version = ++this.version;
        this.payload = payload;
        this.rememberCompareViews();
        // The page speaks the payload's language (screen readers, hyphenation, the browser's own words).
        this.root.ownerDocument.documentElement.lang = payload.locale ?? DEFAULT_LOCALE;
        this.root.innerHTML = renderPreviewHtml(payload, this.view());
        this.restoreCompareViews();
        for (const journey of this.root.querySelectorAll<HTMLElement>('.jm-journey[data-journey]')) this.applyFilter(journey);
        this.applyZooms();
        if (this.highlighted) this.highlight(this.highlighted.line, this.highlighted.file, false);
        const placeholders = [...this.root.querySelectorAll<HTMLElement>('[data-chart]')];
        for (const placeholder of placeholders) {
            const cached = this.charts.get(placeholder.dataset.chart!);
            if (cached) placeholder.replaceChildren(cached.element);
        }
        await nextPaint();
        if (version !== this.version) return; // a newer model arrived: it will update the charts
        const specs = chartSpecs(payload, readTheme());
        const kept = new Map<string, CachedChart>();
        for (const placeholder of placeholders) {
            const id = placeholder.dataset.chart!;
            const spec = specs[id];
            if (!spec) continue;
            const { datasets, ...rest } = spec as TopLevelSpec & { datasets?: Record<string, unknown[]> };
            const shape = JSON.stringify(rest);
            const data = JSON.stringify(datasets ?? {});
            const cached = this.charts.get(id);
            if (cached && cached.shape === shape) {
                if (cached.data !== data && cached.view && datasets) {
                    for (const [name, values] of Object.entries(datasets)) cached.view.data(name, values as object[]);
                    await cached.view.runAsync();
                    cached.data = data;
                    this.stats.swapped++;
                }
                kept.set(id, cached);
                continue;
            }
            const drawn = await this.draw(placeholder, spec);
            this.stats.drawn++;
            if (drawn) kept.set(id, { shape, data, ...drawn });
            if (version !== this.version) break;
        }
        if (version !== this.version) return;
        for (const [id, chart] of this.charts) if (!kept.has(id) || kept.get(id) !== chart) chart.view?.finalize();
        this.charts = kept;
        this.options.onRendered?.(payload);
    }

    private async draw(placeholder: HTMLElement, spec: TopLevelSpec): Promise<{ element: HTMLElement; view: View } | undefined> {
        try {
            return await drawChart(placeholder, spec);
        } catch (error) {
            const message = document.createElement('p');
            message.className = 'jm-chart-error';
            message.textContent = messages(this.payload?.locale ?? DEFAULT_LOCALE).t('chart.failed', { error: (error as Error).message });
            placeholder.replaceChildren(message);
            return undefined;
        }
    }

    /** Marks the element written on `line` (or the closest one before it) in `file`. */
    highlight(line: number, file?: string, scroll = true): void {
        this.highlighted = { file, line };
        for (const old of this.root.querySelectorAll('.jm-active')) old.classList.remove('jm-active');
        let best: HTMLElement | undefined;
        let bestLine = -1;
        for (const element of this.root.querySelectorAll<HTMLElement>('[data-line]')) {
            const own = Number(element.dataset.line);
            if (own > line || own < bestLine) continue;
            if (file && fileOf(element) !== file) continue;
            // Prefer the innermost element written on that line: the journey's heading, not the whole
            // journey (its section); a touchpoint card over its lane cells.
            if (own > bestLine || (best && (best.contains(element) || (!best.classList.contains('jm-touchpoint') && element.classList.contains('jm-touchpoint'))))) {
                best = element;
                bestLine = own;
            }
        }
        if (!best) return;
        best.classList.add('jm-active');
        if (scroll) best.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }

    private onClick(event: Event): void {
        const target = event.target as HTMLElement;
        const switcher = target.closest<HTMLElement>('.jm-switch');
        if (switcher) {
            const compare = switcher.closest<HTMLElement>('.jm-compare')!;
            setCompareView(compare, switcher.dataset.view!);
            this.applyZooms();
            return;
        }
        const zoomButton = target.closest<HTMLElement>('[data-zoom]');
        if (zoomButton) {
            const journey = zoomButton.closest<HTMLElement>('[data-journey]');
            if (journey) this.zoom(journey, zoomButton.dataset.zoom!);
            return;
        }
        if (target.closest('a[href^="#"]')) return;
        const located = target.closest<HTMLElement>('[data-line]');
        if (!located || !this.options.onReveal) return;
        const file = fileOf(located);
        if (file) this.options.onReveal(file, Number(located.dataset.line));
    }

    /**
     * Dims the columns of the touchpoints the chosen persona or segment does not meet (a touchpoint
     * for no one in particular is for everyone) and of those without the chosen tag.
     */
    private applyFilter(journey: HTMLElement): void {
        const chosen = this.filters.get(journey.dataset.journey!) ?? {};
        const grid = journey.querySelector<HTMLElement>('.jm-grid');
        if (!grid) return;
        for (const select of journey.querySelectorAll<HTMLSelectElement>('select.jm-filter')) {
            const value = chosen[select.dataset.filter!] ?? '';
            select.value = [...select.options].some(option => option.value === value) ? value : '';
        }
        const hide = journey.querySelector<HTMLInputElement>('input.jm-filter-hide');
        if (hide) hide.checked = chosen.hide === 'yes';
        const audience = journey.querySelector<HTMLSelectElement>('select.jm-filter[data-filter="audience"]')?.value ?? '';
        const tag = journey.querySelector<HTMLSelectElement>('select.jm-filter[data-filter="tag"]')?.value ?? '';
        const left = new Set<string>();
        for (const card of grid.querySelectorAll<HTMLElement>('.jm-touchpoint[data-col]')) {
            const forWhom = card.dataset.for?.split(' ') ?? [];
            const tags = card.dataset.tags?.split(' ') ?? [];
            if ((audience && forWhom.length && !forWhom.includes(audience)) || (tag && !tags.includes(tag))) left.add(card.dataset.col!);
        }
        for (const cell of grid.querySelectorAll<HTMLElement>('[data-col]')) cell.classList.toggle('jm-dimmed', left.has(cell.dataset.col!));
        // An outcome's arrow and label are dimmed with either of the touchpoints they join.
        for (const flow of grid.querySelectorAll<HTMLElement | SVGElement>('[data-flow]')) {
            flow.classList.toggle('jm-dimmed', flow.dataset.flow!.split(' ').some(column => left.has(column)));
        }
    }

    /** The maps' filters whose left-out touchpoints are hidden rather than dimmed. */
    private view(): PreviewView {
        const hide: Record<string, MapFilter> = {};
        for (const [journey, chosen] of this.filters) {
            if (chosen.hide && (chosen.audience || chosen.tag)) hide[journey] = { audience: chosen.audience ?? '', tag: chosen.tag ?? '' };
        }
        return { hide };
    }

    private zoom(journey: HTMLElement, action: string): void {
        const id = journey.dataset.journey!;
        const shown = Number(journey.querySelector<HTMLElement>('.jm-grid')?.style.zoom || 1);
        const steps = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2];
        const next = action === 'in' ? steps.find(z => z > shown + 0.001) ?? 2
            : action === 'out' ? [...steps].reverse().find(z => z < shown - 0.001) ?? 0.25 : 1;
        this.zooms.set(id, action === 'fit' ? { fit: true, zoom: 1 } : { fit: false, zoom: next });
        this.applyZoom(journey);
    }

    /** Sets each map's zoom: fitted maps shrink their columns first, then scale down to the panel's width (not below half size). */
    private applyZooms(): void {
        for (const journey of this.root.querySelectorAll<HTMLElement>('.jm-journey[data-journey]')) this.applyZoom(journey);
    }

    private applyZoom(journey: HTMLElement): void {
        const scroll = journey.querySelector<HTMLElement>('.jm-scroll');
        const grid = scroll?.querySelector<HTMLElement>('.jm-grid');
        if (!scroll || !grid) return;
        const state = this.zooms.get(journey.dataset.journey!) ?? { fit: true, zoom: 1 };
        scroll.classList.toggle('jm-fit', state.fit);
        let zoom = state.zoom;
        if (state.fit) {
            grid.style.zoom = '1';
            // Hidden (another journey of a comparison is shown): measured when it is shown.
            if (scroll.clientWidth === 0) return;
            zoom = Math.max(0.5, Math.min(1, scroll.clientWidth / grid.scrollWidth));
        }
        grid.style.zoom = String(zoom);
        for (const button of journey.querySelectorAll<HTMLElement>('[data-zoom="fit"]')) button.setAttribute('aria-pressed', String(state.fit));
        const level = journey.querySelector<HTMLOutputElement>('.jm-zoom-level');
        if (level) level.value = messages(this.payload?.locale ?? DEFAULT_LOCALE).numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(zoom);
    }

    private rememberCompareViews(): void {
        for (const compare of this.root.querySelectorAll<HTMLElement>('.jm-compare')) {
            const first = compare.querySelector<HTMLElement>('[data-journey]')?.dataset.journey;
            if (first) this.compareViews.set(first, compare.dataset.view ?? 'all');
        }
    }

    private restoreCompareViews(): void {
        for (const compare of this.root.querySelectorAll<HTMLElement>('.jm-compare')) {
            const first = compare.querySelector<HTMLElement>('[data-journey]')?.dataset.journey;
            const view = first ? this.compareViews.get(first) : undefined;
            if (view) setCompareView(compare, view);
        }
    }
}

function setCompareView(compare: HTMLElement, view: string): void {
    compare.dataset.view = view;
    for (const button of compare.querySelectorAll<HTMLElement>('.jm-switch')) {
        button.setAttribute('aria-pressed', String(button.dataset.view === view));
    }
}

function fileOf(element: HTMLElement): string | undefined {
    return element.closest<HTMLElement>('[data-file]')?.dataset.file;
}

/** Chart colours from the page's CSS variables (VS Code's theme inside the webview). */
export function readTheme(): ChartTheme {
    const style = getComputedStyle(document.body);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
        foreground: read('--jm-fg', LIGHT_THEME.foreground),
        muted: read('--jm-muted', LIGHT_THEME.muted),
        grid: read('--jm-border', LIGHT_THEME.grid),
        line: read('--jm-accent', LIGHT_THEME.line),
        font: read('--jm-font', LIGHT_THEME.font)
    };
}
