import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MUTUELLE } from './render-helpers.js';

const run = promisify(execFile);
const BIN = path.resolve(MUTUELLE, '../../../../bin/journey.js');

async function cli(args: string[], cwd: string) {
    let out = '', err = '';
    const code = await main(args, { out: t => { out += t; }, err: t => { err += t; }, cwd });
    return { code, out, err };
}

describe('journey render', () => {
    let tmp: string;
    beforeAll(async () => { tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-render-')); });
    afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

    it('writes one self-contained HTML page per journey file, and an index', async () => {
        const out = path.join(tmp, 'html');
        const result = await cli(['render', MUTUELLE, '--format', 'html', '--out', out, '--today', '2026-06-15'], tmp);
        expect(result.err).toBe('');
        expect(result.code).toBe(0);
        expect((await fs.readdir(out)).sort()).toEqual(['adhesion-cible.html', 'adhesion.html', 'hostile.html', 'index.html']);
        const html = await fs.readFile(path.join(out, 'adhesion.html'), 'utf8');
        expect(html).toContain("default-src 'none'");
        expect(html).not.toContain('unsafe-eval');
        expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i); // nothing loaded from anywhere
        expect(html).not.toMatch(/url\(\s*['"]?https?:/i);
        expect(html).toContain('Cartes envoyées à J+1');
        expect(html).toMatch(/<script nonce="[^"]+">/);
        expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toContain('href="adhesion.html"');
    });

    it('writes an SVG map for one file, through the real command', async () => {
        const out = path.join(tmp, 'one.svg');
        const { stdout } = await run(process.execPath, [BIN, 'render', path.join(MUTUELLE, 'adhesion.journey'), '--format', 'svg', '--out', out]);
        expect(stdout).toContain('one.svg');
        const svg = await fs.readFile(out, 'utf8');
        expect(svg.startsWith('<?xml')).toBe(true);
        expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
        expect(svg).toContain('Envoi de la carte tiers payant');
    });

    it('writes a PNG of the map for one file, twice the size of the SVG map, through the real command', async () => {
        const out = path.join(tmp, 'one.png');
        await run(process.execPath, [BIN, 'render', path.join(MUTUELLE, 'adhesion.journey'), '--format', 'png', '--out', out, '--today', '2026-06-15']);
        const png = await fs.readFile(out);
        expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
        await run(process.execPath, [BIN, 'render', path.join(MUTUELLE, 'adhesion.journey'), '--format', 'svg', '--out', path.join(tmp, 'same.svg'), '--today', '2026-06-15']);
        const svg = await fs.readFile(path.join(tmp, 'same.svg'), 'utf8');
        const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
        const height = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)![1]);
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * width, 2 * height]);
    });

    it('answers bad command lines with the usage and exit code 2', async () => {
        expect((await cli(['render', MUTUELLE, '--format', 'pdf', '--out', tmp], tmp)).err).toContain('--format must be one of html, svg, png');
        expect((await cli(['render', MUTUELLE, '--format', 'png', '--scale', '0', '--out', tmp], tmp)).err).toContain('--scale must be a number above 0');
        expect((await cli(['render', MUTUELLE], tmp)).err).toContain('--out');
        expect((await cli(['render', path.join(tmp, 'none.journey')], tmp)).code).toBe(2);
        const catalog = await cli(['render', path.join(MUTUELLE, 'catalog.journey'), '--out', path.join(tmp, 'c.html')], tmp);
        expect(catalog.code).toBe(2);
        expect(catalog.err).toContain('no journey to draw');
    });
});

describe('the preview of a workspace (render and serve)', () => {
    it('shows the KPIs the metrics engine computes from event logs and surveys, not only series', async () => {
        const { loadPreviewWorkspace } = await import('../../src/cli/preview-workspace.js');
        const preview = await loadPreviewWorkspace(path.resolve(MUTUELLE, '../../../../examples/mutuelle-sante'), '2026-11-23');
        const result = (id: string) => preview.results.find(r => r.journey === 'AdhesionActuelle' && r.kpi === id);
        // The J+1 card KPI is computed from the CRM event log (examples/mutuelle-sante/data).
        expect(result('CartesJ1')).toMatchObject({ status: 'at-risk', rowsRejected: 0 });
        expect(result('CartesJ1')!.rowsUsed).toBeGreaterThan(0);
        expect(result('CartesJ1')!.points.length).toBeGreaterThan(0);
        // A hot CSAT comes from survey answers.
        expect(result('CsatSignature')!.status).toBe('met');
        // The target journey has no observed data yet.
        expect(preview.results.find(r => r.journey === 'AdhesionCible' && r.kpi === 'CartesJ1')!.status).toBe('no-data');
    });
});
