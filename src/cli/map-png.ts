/**
 * The SVG map as a PNG, for slides and pull requests: rasterized by resvg (a Rust SVG renderer
 * shipped as prebuilt binaries in npm packages: no browser to download, no network), with the
 * fonts of the system, at `scale` times the map's size, white behind.
 */
import { Resvg } from '@resvg/resvg-js';

/** Past this many pixels the scale is lowered: a 300-touchpoint map at 2× would need gigabytes. */
const MAX_PIXELS = 60_000_000;

export function svgToPng(svg: string, scale = 2): { png: Buffer; width: number; height: number; scale: number } {
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 1000);
    const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 1000);
    const zoom = Math.min(scale, Math.sqrt(MAX_PIXELS / (width * height)));
    const rendered = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: zoom },
        background: '#ffffff',
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
    }).render();
    return { png: rendered.asPng(), width: rendered.width, height: rendered.height, scale: zoom };
}
