/**
 * The map's stylesheet, inlined in every surface. Colours come from VS Code's theme variables
 * inside the webview (light, dark, high contrast) and fall back to a light or dark palette in
 * a browser. Status, severity, emotion and moment-of-truth colours come from palette.ts and
 * journey-map.ts, as in the SVG map and the charts.
 */
import { EMOTION_TONE_STATUS, type EmotionTone } from './journey-map.js';
import { MOMENT_OF_TRUTH_COLOR, SEVERITY_COLORS, STATUS_COLORS } from './palette.js';

const variables = (prefix: string, colors: Record<string, string>) => Object.entries(colors).map(([name, color]) => `--jm-${prefix}${name}: ${color};`).join(' ');
const emotionTones = (Object.keys(EMOTION_TONE_STATUS) as EmotionTone[]).map(tone => `.jm-emo-${tone} { background: var(--jm-${EMOTION_TONE_STATUS[tone]}); }`).join(' ');
const rangeTones = (Object.keys(EMOTION_TONE_STATUS) as EmotionTone[]).map(tone => `.jm-curve .jm-emo-range-${tone} { stroke: var(--jm-${EMOTION_TONE_STATUS[tone]}); }`).join(' ');

export const MAP_CSS = String.raw`
:root {
  --jm-fg: var(--vscode-editor-foreground, #1f2328);
  --jm-bg: var(--vscode-editor-background, #ffffff);
  --jm-muted: var(--vscode-descriptionForeground, #656d76);
  --jm-border: var(--vscode-panel-border, var(--vscode-editorWidget-border, #d0d7de));
  --jm-card: var(--vscode-editorWidget-background, #f6f8fa);
  --jm-stage: var(--vscode-sideBarSectionHeader-background, var(--vscode-editorWidget-background, #eaeef2));
  --jm-accent: var(--vscode-textLink-foreground, #0969da);
  --jm-focus: var(--vscode-focusBorder, #0969da);
  --jm-highlight: var(--vscode-editor-findMatchHighlightBackground, rgba(255, 200, 0, .35));
  --jm-mot: ${MOMENT_OF_TRUTH_COLOR};
  ${variables('', STATUS_COLORS)}
  ${variables('sev-', SEVERITY_COLORS)}
  --jm-label-w: 8.5rem; --jm-col-w: 12rem; --jm-col-max: 15rem; --jm-col-min: 7.5rem;
  --jm-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  body:not(.vscode-light):not(.vscode-high-contrast-light) {
    --jm-fg: var(--vscode-editor-foreground, #e6edf3); --jm-bg: var(--vscode-editor-background, #0d1117);
    --jm-muted: var(--vscode-descriptionForeground, #9198a1); --jm-border: var(--vscode-panel-border, #3d444d);
    --jm-card: var(--vscode-editorWidget-background, #161b22); --jm-stage: var(--vscode-sideBarSectionHeader-background, #21262d);
    --jm-accent: var(--vscode-textLink-foreground, #4493f8);
  }
}
body.vscode-high-contrast, body.vscode-high-contrast-light { --jm-border: var(--vscode-contrastBorder, #6fc3df); }
body.vscode-high-contrast .jm-cell, body.vscode-high-contrast-light .jm-cell { border-color: var(--vscode-contrastBorder); }
* { box-sizing: border-box; }
body { margin: 0; padding: 0 1rem 2rem; background: var(--jm-bg); color: var(--jm-fg); font: 13px/1.4 var(--jm-font); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: .95em; }
.jm-page-head { display: flex; align-items: baseline; gap: 1rem; padding: .6rem 0; border-bottom: 1px solid var(--jm-border); }
.jm-page-head h1 { font-size: 1.1rem; margin: 0; }
.jm-page-head a { color: var(--jm-accent); }
.jm-live { font-size: .8rem; color: var(--jm-muted); }
.jm-journey { margin: 1rem 0 2rem; }
.jm-head { margin-bottom: .5rem; }
.jm-title { font-size: 1.35rem; margin: .2rem 0; }
.jm-meta { display: flex; flex-wrap: wrap; gap: .4rem 1rem; color: var(--jm-muted); }
.jm-meta b { color: var(--jm-fg); font-weight: 600; }
.jm-state { font-weight: 600; padding: 0 .4rem; border-radius: 3px; border: 1px solid currentColor; }
.jm-state-current { color: var(--jm-accent); }
.jm-state-target { color: var(--jm-met); }
.jm-desc { color: var(--jm-muted); margin: .3rem 0; }
.jm-research { color: var(--jm-muted); margin: .3rem 0; font-size: .85rem; }
.jm-research b { color: var(--jm-fg); font-weight: 600; }
.jm-research-link { color: var(--jm-accent); }
.jm-filters { display: flex; flex-wrap: wrap; gap: .3rem .8rem; }
.jm-filter-label { color: var(--jm-muted); }
.jm-filter { font: inherit; color: var(--jm-fg); background: var(--jm-bg); border: 1px solid var(--jm-border); border-radius: 3px; padding: .05rem .2rem; }
.jm-grid [data-col].jm-dimmed, .jm-grid [data-flow].jm-dimmed { opacity: .25; }
.jm-stage-fact { display: block; color: var(--jm-muted); font-weight: 400; font-size: .85em; }
.jm-muted { color: var(--jm-muted); }
.jm-empty { color: var(--jm-muted); font-style: italic; }
.jm-scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--jm-border); border-radius: 6px; }
.jm-grid { display: grid; grid-template-columns: var(--jm-label-w) repeat(var(--jm-cols), minmax(var(--jm-col-w), var(--jm-col-max))); width: max-content; min-width: 100%; }
/* Fitted to the width: the columns share it down to --jm-col-min, the preview script scales the rest. */
/* As wide as its narrowest columns at least: sticky labels and stages stay inside the grid's box. */
.jm-fit .jm-grid { grid-template-columns: var(--jm-label-w) repeat(var(--jm-cols), minmax(var(--jm-col-min), 1fr)); width: max(100%, calc(var(--jm-label-w) + var(--jm-cols) * var(--jm-col-min))); }
.jm-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem; margin: .4rem 0; font-size: .8rem; }
.jm-zoom-buttons { display: inline-flex; align-items: center; gap: .2rem; }
.jm-zoom { font: inherit; color: var(--vscode-button-secondaryForeground, var(--jm-fg)); background: var(--vscode-button-secondaryBackground, var(--jm-card)); border: 1px solid var(--jm-border); border-radius: 4px; padding: .1rem .5rem; cursor: pointer; min-width: 1.8rem; }
.jm-zoom[aria-pressed="true"] { color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, var(--jm-accent)); }
.jm-zoom-level { min-width: 3rem; text-align: center; color: var(--jm-muted); }
.jm-legend { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem 1rem; color: var(--jm-muted); }
.jm-legend-group { display: inline-flex; flex-wrap: wrap; align-items: center; gap: .3rem; }
.jm-legend .jm-pain { margin: 0; display: inline; }
.jm-legend-emo { display: inline-flex; align-items: center; gap: .2rem; }
.jm-emo-swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; }
.jm-label, .jm-corner { grid-column: 1; position: sticky; left: 0; z-index: 2; background: var(--jm-bg); padding: .45rem .5rem; font-weight: 600; color: var(--jm-muted); border-right: 1px solid var(--jm-border); border-bottom: 1px solid var(--jm-border); font-size: .78rem; text-transform: uppercase; letter-spacing: .03em; }
.jm-corner { top: 0; z-index: 4; background: var(--jm-stage); }
.jm-stage { min-width: 0; position: sticky; top: 0; z-index: 3; background: var(--jm-stage); border-right: 2px solid var(--jm-border); border-bottom: 1px solid var(--jm-border); padding: .45rem .5rem; font-weight: 600; cursor: pointer; }
/* A stage's description, on its own line under the title. */
.jm-stage-desc { flex-basis: 100%; font-weight: 400; font-size: .8rem; color: var(--jm-muted); }
.jm-stage-inner { position: sticky; left: calc(var(--jm-label-w) + .5rem); display: inline-flex; flex-wrap: wrap; gap: 0 .4rem; align-items: baseline; max-width: 100%; min-width: 0; overflow-wrap: anywhere; }
.jm-stage-num { display: inline-block; min-width: 1.3rem; text-align: center; border-radius: 50%; background: var(--jm-accent); color: var(--jm-bg); font-size: .75rem; }
.jm-stage .jm-owner { font-weight: 400; }
.jm-touchpoint.jm-branch { outline: 1px dashed var(--jm-muted); outline-offset: -4px; }
.jm-stage-when { font-weight: 400; font-size: .75rem; }
.jm-stage-order { font-weight: 400; font-size: .75rem; font-style: italic; border: 1px dashed var(--jm-muted); border-radius: .6rem; padding: 0 .4rem; }
.jm-cell { padding: .4rem .5rem; border-right: 1px solid var(--jm-border); border-bottom: 1px solid var(--jm-border); min-width: 0; overflow-wrap: anywhere; }
.jm-cell ul { margin: 0; padding-left: 1rem; }
.jm-touchpoint { background: var(--jm-card); cursor: pointer; }
.jm-touchpoint.jm-mot { box-shadow: inset 0 0 0 2px var(--jm-mot); }
.jm-mot-badge { display: inline-block; color: var(--jm-mot); font-weight: 700; font-size: .75rem; }
.jm-tp-title { font-weight: 600; }
.jm-tp-desc, .jm-actors { color: var(--jm-muted); font-size: .85em; }
.jm-tp-fact { font-size: .85em; }
.jm-tp-fact-word { color: var(--jm-muted); }
.jm-channels { display: flex; flex-wrap: wrap; gap: .2rem; margin-top: .2rem; }
.jm-channel { font-size: .75rem; padding: 0 .35rem; border-radius: 9px; border: 1px solid var(--jm-border); }
.jm-channel.jm-online { border: 1.5px solid var(--jm-accent); background: color-mix(in srgb, var(--jm-accent) 14%, transparent); }
.jm-channel.jm-offline { border: 2px dashed var(--jm-fg); background: transparent; font-style: italic; }
/* The outcomes as arrows under the cards (map-html.ts flowArrows). */
.jm-flows { position: relative; padding: 0; color: var(--jm-accent); }
.jm-flow-lines { display: block; overflow: visible; color: var(--jm-accent); }
.jm-flow-lines marker path { fill: currentColor; }
.jm-flow line { stroke: currentColor; stroke-width: 1.8; }
.jm-flow circle { fill: currentColor; }
.jm-flow-loop line { stroke-dasharray: 5 3; }
.jm-flow-label { position: absolute; transform: translate(-50%, -100%); font-size: .7rem; line-height: 1.15; text-align: center; color: var(--jm-fg); cursor: pointer; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.jm-emotion { position: relative; height: 6.5rem; border-bottom: 1px solid var(--jm-border); }
.jm-curve { position: absolute; inset: .6rem 0; width: 100%; height: calc(100% - 1.2rem); overflow: visible; }
.jm-curve polyline { fill: none; stroke: var(--jm-accent); stroke-width: 2.5; vector-effect: non-scaling-stroke; stroke-linejoin: round; }
.jm-curve .jm-zero { stroke: var(--jm-border); stroke-dasharray: 4 3; vector-effect: non-scaling-stroke; }
.jm-emo { position: absolute; transform: translate(-50%, -50%); min-width: 1.6rem; text-align: center; border-radius: 10px; font-size: .75rem; font-weight: 700; padding: 0 .25rem; color: #fff; cursor: pointer; }
${emotionTones}
.jm-emo-swatch.jm-emo-positive, .jm-emo-swatch.jm-emo-negative, .jm-emo-swatch.jm-emo-neutral { position: static; transform: none; min-width: 0; padding: 0; }
.jm-emo-mot { outline: 2px solid var(--jm-mot); outline-offset: 1px; }
.jm-emo-none { position: absolute; left: .5rem; top: 2.5rem; }
/* A range: a band between its ends behind the marker at its middle; a stage's own emotion across the stage. */
.jm-curve .jm-emo-range { stroke-width: 12; stroke-linecap: round; stroke-opacity: .3; vector-effect: non-scaling-stroke; }
${rangeTones}
.jm-curve .jm-emo-stage { stroke: var(--jm-muted); stroke-width: 3; stroke-dasharray: 6 4; vector-effect: non-scaling-stroke; }
.jm-emo-of-stage { border: 2px solid var(--jm-bg); box-shadow: 0 0 0 1px var(--jm-muted); }
.jm-emo-word { position: absolute; top: 100%; left: 50%; transform: translateX(-50%); margin-top: .1rem; white-space: nowrap; font-weight: 400; font-style: italic; font-size: .7rem; color: var(--jm-fg); background: var(--jm-bg); padding: 0 .2rem; border-radius: 3px; }
.jm-voice, .jm-cell .jm-voice { list-style: none; margin: .2rem 0; padding: 0; font-size: .85em; }
/* Room under the curve for the emotions' words. */
.jm-emotion.jm-emotion-words { height: 7.5rem; }
.jm-emotion-words .jm-curve { inset: .6rem 0 1.6rem; height: calc(100% - 2.2rem); }
.jm-voice li { margin-bottom: .15rem; }
.jm-voice q { font-style: italic; }
.jm-journey-voice { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
.jm-stage-voice { background: var(--jm-card); }
.jm-stage-voice.jm-mot { box-shadow: inset 0 0 0 2px var(--jm-mot); }
.jm-stage-pains { margin: .2rem 0 0; padding-left: 1rem; }
.jm-pain { list-style: none; margin-left: -1rem; margin-bottom: .15rem; }
.jm-sev { display: inline-block; font-size: .68rem; font-weight: 700; text-transform: uppercase; padding: 0 .3rem; border-radius: 3px; color: #fff; }
.jm-sev-low .jm-sev { background: var(--jm-sev-low); } .jm-sev-medium .jm-sev { background: var(--jm-sev-medium); }
.jm-sev-high .jm-sev { background: var(--jm-sev-high); } .jm-sev-critical .jm-sev { background: var(--jm-sev-critical); }
.jm-owner { color: var(--jm-muted); font-size: .85em; }
.jm-inherited { font-style: italic; opacity: .8; }
.jm-visibility { border-bottom: 2px dashed var(--jm-muted); height: 1.3rem; position: relative; padding-top: .1rem; }
.jm-visibility span { position: sticky; left: .5rem; font-size: .7rem; color: var(--jm-muted); text-transform: uppercase; letter-spacing: .05em; }
.jm-bp-label { font-size: .72rem; }
.jm-bp { font-size: .85em; }
.jm-kpis { display: flex; flex-direction: column; gap: .2rem; }
.jm-kpi-chip { display: block; text-decoration: none; color: var(--jm-fg); font-size: .8rem; border-left: 4px solid var(--jm-status); padding: .1rem .35rem; background: var(--jm-card); border-radius: 3px; }
.jm-target { color: var(--jm-muted); }
.jm-status-label { font-weight: 700; color: var(--jm-status); }
.jm-status-met { --jm-status: var(--jm-met); } .jm-status-at-risk { --jm-status: var(--jm-at-risk); }
.jm-status-missed { --jm-status: var(--jm-missed); } .jm-status-off-track { --jm-status: var(--jm-off-track); } .jm-status-no-data { --jm-status: var(--jm-no-data); }
.jm-dot { display: inline-block; width: .6rem; height: .6rem; border-radius: 50%; background: var(--jm-status); margin-right: .3rem; }
.jm-panels { display: grid; gap: 1rem; margin-top: 1rem; min-width: 0; }
.jm-chart-card { margin: 0; padding: .5rem; border: 1px solid var(--jm-border); border-radius: 6px; max-width: 100%; min-width: 0; overflow-x: auto; justify-self: start; }
/* Charts scale down with a narrow panel instead of being cut (Vega's SVG has a viewBox). */
.jm-chart svg { max-width: 100%; height: auto; }
.jm-chart-card figcaption { font-weight: 600; margin-bottom: .3rem; }
.jm-kpi-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); gap: 1rem; min-width: 0; }
.jm-kpi-card { border: 1px solid var(--jm-border); border-top: 4px solid var(--jm-status); border-radius: 6px; padding: .5rem .7rem; min-width: 0; cursor: pointer; overflow-wrap: anywhere; }
.jm-kpi-card header { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem; }
.jm-kpi-card h3 { font-size: 1rem; margin: 0; flex: 1 1 10rem; min-width: 0; }
.jm-status-badge { font-weight: 700; color: #fff; background: var(--jm-status); border-radius: 3px; padding: 0 .4rem; font-size: .8rem; white-space: nowrap; }
.jm-kpi-card dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; margin: .4rem 0; }
.jm-kpi-card dt { color: var(--jm-muted); }
.jm-kpi-card dd { margin: 0; }
.jm-trend-improving { color: var(--jm-met); } .jm-trend-worsening { color: var(--jm-missed); }
.jm-alert { color: var(--jm-missed); font-weight: 600; }
.jm-chart { min-height: 1rem; overflow-x: auto; }
.jm-chart-error { color: var(--jm-missed); }
.jm-compare-body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
/* Both journeys: one above the other on the same stage columns, then their KPIs paired and their emotion curves on one chart. */
.jm-compare[data-view="all"] .jm-panels { display: none; }
.jm-compare:not([data-view="all"]) .jm-compare-kpis, .jm-compare:not([data-view="all"]) .jm-compare-emotions { display: none; }
.jm-compare-kpis { border: 1px solid var(--jm-border); border-radius: 6px; padding: .5rem .8rem; margin: 1rem 0; }
.jm-compare-kpis h3 { margin: 0 0 .3rem; font-size: 1rem; }
.jm-compare-kpis ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); gap: .2rem 1rem; }
.jm-kpi-pair { cursor: pointer; }
.jm-stage-absent { color: var(--jm-muted); font-style: italic; background: repeating-linear-gradient(-45deg, transparent 0 6px, var(--jm-border) 6px 7px); }
.jm-filler { background: repeating-linear-gradient(-45deg, transparent 0 6px, color-mix(in srgb, var(--jm-border) 50%, transparent) 6px 7px); }
.jm-compare-item { min-width: 0; }
.jm-journey { min-width: 0; }
@media (max-width: 600px) {
  :root { --jm-label-w: 5.5rem; --jm-col-min: 6rem; }
  body { padding: 0 .5rem 1rem; }
}
/* Printing (or saving as PDF): the whole map fitted to the page, every lane, no buttons. */
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { padding: 0; font-size: 9pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .jm-switches, .jm-zoom-buttons, .jm-live, .jm-page-head a { display: none !important; }
  .jm-scroll { overflow: visible; max-height: none; border: 0; }
  .jm-grid { zoom: 1 !important; width: 100% !important; min-width: 0; grid-template-columns: 6rem repeat(var(--jm-cols), minmax(0, 1fr)) !important; font-size: 7.5pt; }
  .jm-label, .jm-corner, .jm-stage, .jm-stage-inner, .jm-visibility span { position: static; }
  .jm-cell, .jm-stage { padding: .2rem .25rem; }
  /* Sizes in rem would keep the screen's size on paper: the map's small print follows the grid's. */
  .jm-grid .jm-channel, .jm-grid .jm-sev, .jm-grid .jm-mot-badge, .jm-grid .jm-emo, .jm-grid .jm-kpi-chip, .jm-grid .jm-stage-num { font-size: 6.5pt; }
  .jm-grid .jm-label, .jm-grid .jm-corner { font-size: 6.5pt; letter-spacing: 0; overflow-wrap: anywhere; padding: .2rem .25rem; }
  .jm-grid .jm-channel { padding: 0 .25em; }
  .jm-grid .jm-tp-desc, .jm-grid .jm-actors, .jm-grid .jm-owner { font-size: 6.5pt; }
  .jm-compare-body { display: block; }
  .jm-compare .jm-compare-item { display: block !important; }
  .jm-compare-item + .jm-compare-item, .jm-journey + .jm-journey { break-before: page; }
  .jm-kpi-card, .jm-chart-card, .jm-touchpoint { break-inside: avoid; }
  .jm-kpi-cards { grid-template-columns: repeat(3, minmax(0, 1fr)); }
}
.jm-compare[data-view="0"] .jm-compare-item:not([data-index="0"]),
.jm-compare[data-view="1"] .jm-compare-item:not([data-index="1"]),
.jm-compare[data-view="2"] .jm-compare-item:not([data-index="2"]) { display: none; }
.jm-switches { display: flex; gap: .3rem; margin-top: .8rem; flex-wrap: wrap; }
.jm-switch { font: inherit; color: var(--vscode-button-secondaryForeground, var(--jm-fg)); background: var(--vscode-button-secondaryBackground, var(--jm-card)); border: 1px solid var(--jm-border); border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
.jm-switch[aria-pressed="true"] { color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, var(--jm-accent)); }
[data-line].jm-active { outline: 2px solid var(--jm-focus); outline-offset: -2px; background-image: linear-gradient(var(--jm-highlight), var(--jm-highlight)); }
.jm-problems { border: 1px solid var(--jm-missed); border-radius: 6px; padding: .5rem .8rem; }
.jm-problems h3 { margin: 0 0 .3rem; font-size: 1rem; }
.jm-problem.jm-warning { color: var(--jm-at-risk); }
.jm-index { list-style: none; padding: 0; }
.jm-index li { margin: .3rem 0; }
.jm-index a { color: var(--jm-accent); font-weight: 600; }
/* The visual diff (src/render/diff-marks-html.ts). */
.jm-stale { border: 1px solid var(--jm-missed); border-left: 4px solid var(--jm-missed); border-radius: 6px; padding: .4em .8em; margin: .5em 0; background: var(--jm-card); }
.jm-diff-banner { border: 1px solid var(--jm-border); border-left: 4px solid var(--jm-accent); padding: .4em .8em; margin: .5em 0; background: var(--jm-card); }
.jm-diff-banner ul { margin: .2em 0; padding-left: 1.4em; }
.jm-diff-legend span { margin-left: .8em; padding: 0 .3em; white-space: nowrap; }
.jm-diff-added { outline: 2px solid #2e7d32; outline-offset: -2px; background-image: linear-gradient(rgba(46,125,50,.12), rgba(46,125,50,.12)); }
.jm-diff-changed { outline: 2px solid #e67700; outline-offset: -2px; background-image: linear-gradient(rgba(230,119,0,.12), rgba(230,119,0,.12)); }
.jm-diff-moved { outline: 2px dashed #0969da; outline-offset: -2px; }
.jm-diff::before { font-size: .75em; font-weight: 600; display: block; }
/* The marks' words in the reader's language: set on the journey by markWordsStyle (diff-marks-html.ts). */
.jm-diff.jm-diff-added::before { content: var(--jm-mark-added); color: #2e7d32; }
.jm-diff.jm-diff-changed::before { content: var(--jm-mark-changed); color: #e67700; }
.jm-diff.jm-diff-moved::before { content: var(--jm-mark-moved); color: #0969da; }
.jm-diff.jm-diff-removed { outline: 2px dashed #c62828; outline-offset: -2px; }
.jm-diff.jm-diff-removed::before { content: var(--jm-mark-removed); color: #c62828; }
.jm-diff-removed { color: #c62828; text-decoration: line-through; }
`;
