// journey report: the committee report as a real PDF read back with Debian's poppler-utils
// (scripts/setup/ensure-poppler.sh): text extractable, one page for the portfolio then the
// journeys', fonts embedded, A4 or A3 landscape, French with --lang fr; and as HTML. Report
// pages rasterized to test-artifacts/report/ to be looked at.
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(REPO, 'test-artifacts/report');
const tool = (name: string, ...args: string[]) => execFileSync(name, args, { encoding: 'utf8' });

function journey(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [path.join(REPO, 'bin/journey.js'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, JOURNEY_TODAY: '2026-07-15' } });
}

describe('journey report', () => {
    let out: string;
    beforeAll(async () => {
        out = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-report-'));
        await fs.mkdir(ARTIFACTS, { recursive: true });
    });
    afterAll(async () => {
        await fs.rm(out, { recursive: true, force: true });
    });

    it('writes a PDF of the three examples whose text, pages and fonts read back', () => {
        const pdf = path.join(out, 'report.pdf');
        const run = journey('report', 'examples', '--out', pdf);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const info = tool('pdfinfo', pdf);
        expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
        // The portfolio, then at least one page per row (three current journeys with their targets).
        expect(pages).toBeGreaterThanOrEqual(4);
        const text = tool('pdftotext', '-layout', pdf, '-');
        const first = text.split('\f')[0];
        expect(first).toContain('examples: customer journeys, committee report');
        expect(first).toMatch(/\d+ missed\s+\d+ off track\s+\d+ at risk/);
        for (const title of ['Adhésion à la mutuelle santé — parcours actuel', 'Order to delivery — current journey', 'Achat d\'un logement neuf — parcours actuel']) {
            expect(first, title).toContain(title);
            expect(text.split('\f').slice(1).some(page => page.includes(title)), title).toBe(true);
        }
        expect(text).toContain('Scorecard');
        expect(text).toContain('Top pain points');
        expect(text).toMatch(/\d+(\.\d)? pts short/);
        expect(text).toMatch(/Page 1 of \d+/);
        // Every font embedded (a subset), none left to the reader's machine.
        const fonts = tool('pdffonts', pdf).split('\n').slice(2).filter(Boolean);
        expect(fonts.length).toBeGreaterThan(0);
        for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+/);
        tool('pdftoppm', '-r', '70', '-png', '-f', '1', '-l', '3', pdf, path.join(ARTIFACTS, 'report-a4'));
    }, 120_000);

    it('writes A3 landscape in French, and an HTML report to print', async () => {
        const pdf = path.join(out, 'rapport.pdf');
        const run = journey('report', 'examples/mutuelle-sante', '--paper', 'a3', '--lang', 'fr', '--out', pdf);
        expect(run.status, run.stderr).toBe(0);
        expect(tool('pdfinfo', pdf)).toMatch(/Page size:\s+1190\.55 x 841\.89 pts \(A3\)/);
        const text = tool('pdftotext', pdf, '-');
        expect(text).toContain('rapport au comité');
        expect(text).toContain('Tableau de bord');
        expect(text).toContain('Principaux irritants');
        tool('pdftoppm', '-r', '50', '-png', '-f', '2', '-l', '2', pdf, path.join(ARTIFACTS, 'report-a3-fr'));
        const html = path.join(out, 'report.html');
        expect(journey('report', 'examples', '--format', 'html', '--out', html).status).toBe(0);
        const page = await fs.readFile(html, 'utf8');
        expect(page).toContain('@page { size: A4 landscape');
        expect(page.match(/class="rp-page"/g)!.length).toBe(5);
        expect(page).toContain('Emotion stage by stage');
        expect(page).not.toMatch(/<script/);
    }, 120_000);

    it('refuses a folder without journeys and a wrong format, saying what to do', async () => {
        const empty = await fs.mkdtemp(path.join(out, 'empty-'));
        const none = journey('report', empty, '--out', path.join(out, 'x.pdf'));
        expect(none.status).not.toBe(0);
        expect(none.stderr).toContain('no journey found to report on');
        const wrong = journey('report', 'examples', '--format', 'docx');
        expect(wrong.status).not.toBe(0);
        expect(wrong.stderr).toMatch(/format/);
    });
});
