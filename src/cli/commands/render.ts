import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderMapSvg } from '../../render/map-svg.js';
import { pageCsp } from '../../render/page.js';
import { marksFromDiff } from '../../diff/diff-marks.js';
import { diffAgainst } from '../../diff/diff-sources.js';
import { Exit, InputError, UsageError, localeOf, messagesOf, oneOf, parseCommandLine, type CliIo } from '../cli-io.js';
import { htmlPage, loadPreviewWorkspace, newNonce, overviewPage, payloadFor } from '../preview-workspace.js';
import { svgToPng } from '../map-png.js';
import type { Command } from '../main.js';

export const render: Command = {
    summary: 'help.render.summary',
    usage: 'help.render.usage',
    async run(args: string[], io: CliIo): Promise<number> {
        const { values, positionals } = parseCommandLine(args, { format: { type: 'string' }, out: { type: 'string', short: 'o' }, today: { type: 'string' }, diff: { type: 'string' }, scale: { type: 'string' } });
        const format = oneOf('format', values.format, ['html', 'svg', 'png'] as const, 'html');
        const scale = values.scale === undefined ? 2 : Number(values.scale);
        if (!(scale > 0 && scale <= 8)) throw UsageError.keyed('cli.render.scale', { value: values.scale ?? '' });
        if (positionals.length !== 1) throw UsageError.keyed('cli.render.onePath');
        if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw UsageError.keyed('cli.today', { value: values.today });
        const m = messagesOf(io);
        const given = path.resolve(io.cwd, positionals[0]);
        const stat = await fs.stat(given).catch(() => undefined);
        if (!stat) throw new InputError(m.t('files.missing.none', { path: positionals[0] }));
        const root = stat.isDirectory() ? given : path.dirname(given);
        const preview = await loadPreviewWorkspace(root, values.today, localeOf(io));
        const errors = preview.workspace.diagnostics.filter(d => d.severity === 'error');
        for (const d of errors) io.err(`${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n`);
        for (const p of preview.problems) io.err(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${p.message} [${p.code}]\n`);
        const marks = values.diff === undefined ? undefined : marksFromDiff(await diffAgainst(values.diff, root, preview.workspace.model, localeOf(io)), localeOf(io));
        const write = async (file: string, out: string) => {
            const payload = payloadFor(preview, file, marks);
            const text = format === 'html' ? await htmlPage(payload, 'static')
                : format === 'svg' ? await renderMapSvg(payload) : svgToPng(await renderMapSvg(payload), scale).png;
            await fs.mkdir(path.dirname(out), { recursive: true });
            await fs.writeFile(out, text);
            io.out(`${path.relative(io.cwd, out) || out}\n`);
        };
        if (stat.isFile()) {
            const file = path.relative(root, given).split(path.sep).join('/');
            if (!preview.journeyFiles.includes(file)) throw new InputError(m.t('cli.render.noJourneyInFile', { path: positionals[0] }));
            await write(file, path.resolve(io.cwd, values.out ?? given.replace(/\.journey$/, `.${format}`)));
        } else {
            if (!values.out) throw UsageError.keyed('cli.render.outFolder');
            const outDir = path.resolve(io.cwd, values.out);
            if (preview.journeyFiles.length === 0) throw new InputError(m.t('cli.render.noJourneyInFolder', { path: positionals[0] }));
            for (const file of preview.journeyFiles) await write(file, path.join(outDir, file.replace(/\.journey$/, `.${format}`)));
            if (format === 'html') {
                const nonce = newNonce();
                await fs.writeFile(path.join(outDir, 'index.html'), overviewPage(preview, {
                    folder: path.basename(root), nonce, csp: pageCsp(nonce, 'static'),
                    hrefFor: file => file.replace(/\.journey$/, '.html').split('/').map(encodeURIComponent).join('/')
                }));
                io.out(`${path.relative(io.cwd, path.join(outDir, 'index.html'))}\n`);
            }
        }
        return errors.length ? Exit.failed : Exit.ok;
    }
};
