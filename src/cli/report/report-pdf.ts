/**
 * The committee report as a real PDF: text laid out by PDFKit (selectable, searchable), the
 * DejaVu Sans fonts embedded (subset; from the `dejavu-fonts-ttf` package: French accents,
 * arrows ↗ ↘, ≥ ≤ and ★ all have glyphs), the map and the emotion chart drawn from their SVG
 * by svg-to-pdfkit as vectors. Pure JavaScript: nothing to download, no browser.
 * Same parts and order as the HTML report (src/render/report-html.ts).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { DEFAULT_LOCALE, messages, type Locale, type MessageKey } from '../../language/i18n/i18n.js';
import { statusWord } from '../../language/model/kpi-format.js';
import { STATUS_ORDER } from '../../language/model/kpi-results.js';
import { SEVERITIES, type JourneySummary } from '../../language/model/portfolio.js';
import type { Severity } from '../../language/model/journey-model.js';
import { SEVERITY_COLORS, STATUS_COLORS } from '../../render/palette.js';
import { emotionOverlaySvg, painLine, topPains, type CommitteeReport } from '../../render/report-html.js';
import { scorecardHeadings, scorecardLines, type ScorecardLine } from '../../render/scorecard.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = { body: path.join(FONT_DIR, 'DejaVuSans.ttf'), bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'), condensed: path.join(FONT_DIR, 'DejaVuSansCondensed.ttf') };

const SIZES = { a4: [841.89, 595.28], a3: [1190.55, 841.89] } as const;
const MARGIN = 28;
const MUTED = '#555555';

const PAIN_KEYS: Record<Severity, MessageKey> = {
    critical: 'overview.pains.critical', high: 'overview.pains.high', medium: 'overview.pains.medium', low: 'overview.pains.low'
};

/** The report as PDF bytes. */
export async function reportPdf(report: CommitteeReport): Promise<Buffer> {
    const locale = report.locale ?? DEFAULT_LOCALE;
    const m = messages(locale);
    const [width, height] = SIZES[report.paper];
    const doc = new PDFDocument({
        size: [width, height], margin: MARGIN, bufferPages: true, autoFirstPage: false,
        info: { Title: report.title, Creator: 'journey-as-code', Subject: m.t('overview.judged-on', { day: report.today }) },
        lang: locale
    });
    doc.registerFont('Body', FONTS.body);
    doc.registerFont('Bold', FONTS.bold);
    doc.registerFont('Condensed', FONTS.condensed);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>(resolve => doc.on('end', () => resolve(Buffer.concat(chunks))));
    const contentWidth = width - 2 * MARGIN;
    const bottom = height - MARGIN - 14;
    const svg = (text: string, x: number, y: number, w: number, h: number) => SVGtoPDF(doc, text, x, y, {
        width: w, height: h, preserveAspectRatio: 'xMidYMin meet', assumePt: true,
        fontCallback: (_family, bold) => bold ? 'Bold' : 'Body',
        warningCallback: () => undefined
    });

    // ---- Portfolio page(s)
    const newPage = (title: string) => {
        doc.addPage();
        doc.font('Bold').fontSize(16).fillColor('#000').text(title, MARGIN, MARGIN, { width: contentWidth });
        return doc.y + 4;
    };
    let y = newPage(report.title);
    doc.font('Body').fontSize(9).fillColor(MUTED).text(`${m.t('overview.journeys', { count: report.portfolio.rows.reduce((n, r) => n + (r.target ? 2 : 1), 0) })} · ${m.t('overview.judged-on', { day: report.today })}`, MARGIN, y);
    y = doc.y + 4;
    let x = MARGIN;
    for (const status of STATUS_ORDER) {
        const count = report.portfolio.statusCounts[status];
        if (!count) continue;
        const text = m.t('overview.status-count', { count, state: status, status: statusWord(status, locale) });
        doc.circle(x + 4, y + 5, 3.5).fill(STATUS_COLORS[status]);
        doc.font('Bold').fontSize(10).fillColor(STATUS_COLORS[status]).text(text, x + 11, y, { lineBreak: false });
        x += 11 + doc.widthOfString(text) + 14;
    }
    y += 20;
    const columns = [
        { key: 'journey', width: contentWidth * 0.3 }, { key: 'owner', width: contentWidth * 0.17 },
        { key: 'pains', width: contentWidth * 0.2 }, { key: 'kpis', width: contentWidth * 0.33 }
    ];
    const headings = [m.t('report.journey'), m.t('overview.filter.owner'), m.t('report.top-pains'), m.t('scorecard.status')];
    const header = (top: number) => {
        let cx = MARGIN;
        doc.font('Bold').fontSize(8).fillColor(MUTED);
        columns.forEach((c, i) => { doc.text(headings[i], cx, top, { width: c.width - 6 }); cx += c.width; });
        doc.moveTo(MARGIN, top + 12).lineTo(width - MARGIN, top + 12).lineWidth(0.5).strokeColor('#999').stroke();
        return top + 16;
    };
    y = header(y);
    for (const row of report.portfolio.rows) {
        const journeys = [row.journey, ...(row.target ? [row.target] : [])];
        const cells = [
            journeys.map(j => `${j.title}${j.state ? ` (${m.t(j.state === 'target' ? 'overview.state.target' : 'overview.state.current')})` : ''}`).join('\n'),
            journeys.map(j => [j.owner?.title ?? m.t('overview.no-owner'), j.personas.map(p => p.title).join(', ')].filter(Boolean).join(' · ')).join('\n'),
            journeys.map(j => painsText(j, locale) + ` · ${m.t('overview.moments-of-truth', { count: j.momentsOfTruth })}`).join('\n'),
            journeys.map(j => STATUS_ORDER.filter(s => j.statusCounts[s]).map(s => m.t('overview.status-count', { count: j.statusCounts[s], state: s, status: statusWord(s, locale) })).join(' · ') || m.t('overview.no-kpis')).join('\n')
        ];
        doc.font('Body').fontSize(8);
        const rowHeight = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i].width - 6 }))) + 6;
        if (y + rowHeight > bottom) y = header(newPage(m.t('report.continued', { title: m.t('report.portfolio') })));
        doc.rect(MARGIN, y - 1, 3, rowHeight - 4).fill(STATUS_COLORS[row.worst]);
        let cx = MARGIN + 6;
        cells.forEach((text, i) => {
            doc.font(i === 0 ? 'Bold' : 'Body').fontSize(8).fillColor(i === 3 ? STATUS_COLORS[row.worst] : '#000').text(text, cx, y, { width: columns[i].width - 6 });
            cx += columns[i].width;
        });
        y += rowHeight;
        doc.moveTo(MARGIN, y - 3).lineTo(width - MARGIN, y - 3).lineWidth(0.25).strokeColor('#ccc').stroke();
    }

    // ---- One page per journey (and its target)
    const heads = scorecardHeadings(locale);
    const today = new Date(`${report.today}T00:00:00Z`);
    for (const { row, mapSvg } of report.pages) {
        const title = `${row.journey.title}${row.target ? ` → ${row.target.title}` : ''}`;
        y = newPage(title);
        // The map fitted to the width; a map too tall for the top of the page gets the page, and the scorecard the next.
        const [svgWidth, svgHeight] = svgSize(mapSvg);
        const fitted = contentWidth * svgHeight / svgWidth;
        const room = bottom - y;
        if (fitted <= room * 0.45) {
            svg(mapSvg, MARGIN, y, contentWidth, fitted);
            y += fitted + 8;
        } else {
            svg(mapSvg, MARGIN, y, contentWidth, Math.min(fitted, room));
            y = newPage(m.t('report.continued', { title }));
        }
        const left = contentWidth * 0.62;
        const rightX = MARGIN + left + 14;
        const rightWidth = contentWidth - left - 14;
        // Right column: top pain points, then the emotion curves.
        let ry = y;
        doc.font('Bold').fontSize(10).fillColor('#000').text(m.t('report.top-pains'), rightX, ry, { width: rightWidth });
        ry = doc.y + 2;
        const pains = topPains(row);
        if (!pains.length) doc.font('Body').fontSize(8).fillColor(MUTED).text(m.t('report.no-pains'), rightX, ry, { width: rightWidth });
        for (const pain of pains) {
            doc.font('Body').fontSize(8);
            const h = doc.heightOfString(painLine(pain, locale), { width: rightWidth - 8 });
            if (ry + h > bottom - 140) break;
            doc.rect(rightX, ry, 3, h).fill((pain.severity ? SEVERITY_COLORS[pain.severity] : '#8a8a8a'));
            doc.fillColor('#000').text(painLine(pain, locale), rightX + 7, ry, { width: rightWidth - 8 });
            ry = doc.y + 2;
        }
        ry += 4;
        doc.font('Bold').fontSize(10).fillColor('#000').text(m.t('report.emotions'), rightX, ry, { width: rightWidth });
        ry = doc.y + 2;
        const chartHeight = Math.min(150, bottom - ry);
        if (chartHeight > 60) svg(emotionOverlaySvg(row.journey, row.target, { width: rightWidth, height: chartHeight, locale }), rightX, ry, rightWidth, chartHeight);
        // Left column: the scorecard, continued on further pages when long.
        const lines = [row.journey, ...(row.target ? [row.target] : [])].flatMap(summary => scorecardLines(summary, today, locale).map(line => ({ line, summary })));
        doc.font('Bold').fontSize(10).fillColor('#000').text(m.t('report.scorecard'), MARGIN, y, { width: left });
        y = doc.y + 2;
        if (!lines.length) doc.font('Body').fontSize(8).fillColor(MUTED).text(m.t('report.no-kpis'), MARGIN, y);
        const cols = [{ w: 0.27, get: (l: ScorecardLine, s: JourneySummary) => row.target ? `${l.title} (${m.t(s.state === 'target' ? 'report.emotions.target' : 'report.emotions.current')})` : l.title, head: heads.title },
            { w: 0.15, get: (l: ScorecardLine) => l.value, head: heads.value }, { w: 0.11, get: (l: ScorecardLine) => l.target, head: heads.target },
            { w: 0.11, get: (l: ScorecardLine) => l.gap, head: heads.gap }, { w: 0.23, get: (l: ScorecardLine) => [l.deadline, l.trend, l.course].filter(Boolean).join('; '), head: `${heads.deadline} · ${heads.trend}` },
            { w: 0.13, get: (l: ScorecardLine) => l.statusWord, head: heads.status }];
        const scoreHeader = (top: number) => {
            let cx = MARGIN;
            doc.font('Bold').fontSize(7).fillColor(MUTED);
            for (const c of cols) { doc.text(c.head, cx, top, { width: c.w * left - 4 }); cx += c.w * left; }
            doc.moveTo(MARGIN, top + 10).lineTo(MARGIN + left, top + 10).lineWidth(0.5).strokeColor('#999').stroke();
            return top + 13;
        };
        if (lines.length) y = scoreHeader(y);
        for (const { line, summary } of lines) {
            doc.font('Condensed').fontSize(7);
            const h = Math.max(...cols.map(c => doc.heightOfString(c.get(line, summary), { width: c.w * left - 4 }))) + 3;
            if (y + h > bottom) {
                y = scoreHeader(newPage(m.t('report.continued', { title })));
            }
            let cx = MARGIN;
            cols.forEach((c, i) => {
                const last = i === cols.length - 1;
                doc.font(last ? 'Bold' : 'Condensed').fontSize(7).fillColor(last ? STATUS_COLORS[line.status] : '#000').text(c.get(line, summary), cx, y, { width: c.w * left - 4 });
                cx += c.w * left;
            });
            y += h;
        }
    }

    // ---- Page numbers
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // In the bottom margin: without this PDFKit would start a new page for the footer.
        doc.page.margins.bottom = 0;
        doc.font('Body').fontSize(7).fillColor(MUTED).text(m.t('report.page', { page: i + 1, pages: range.count }), MARGIN, height - MARGIN - 8, { width: contentWidth, align: 'right', lineBreak: false });
    }
    doc.end();
    return done;
}

function painsText(summary: JourneySummary, locale: Locale): string {
    const m = messages(locale);
    const parts = SEVERITIES.filter(s => summary.pains[s] > 0).map(s => m.t(PAIN_KEYS[s], { count: summary.pains[s] }));
    return parts.length ? `${m.t('overview.pains')} ${parts.join(', ')}` : m.t('overview.no-pains');
}

/** The width and height an SVG document declares (its viewBox when they are missing). */
function svgSize(text: string): [number, number] {
    const root = /<svg\b[^>]*>/.exec(text)?.[0] ?? '';
    const attribute = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)`).exec(root)?.[1]);
    const box = /viewBox="[\d.\s-]*?([\d.]+)\s+([\d.]+)"/.exec(root);
    const width = attribute('width') || Number(box?.[1]) || 1000;
    const height = attribute('height') || Number(box?.[2]) || 600;
    return [width, height];
}
