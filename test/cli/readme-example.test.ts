import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the README', () => {
    it('opens with a picture of a map, then a headline example that journey check finds clean on its own', async () => {
        const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
        const beforeFirstSection = readme.slice(0, readme.indexOf('\n## '));
        const picture = /!\[[^\]]+\]\(([^)]+\.png)\)/.exec(beforeFirstSection)?.[1];
        expect(picture).toBeDefined();
        expect((await fs.stat(path.join(ROOT, picture!))).size).toBeGreaterThan(10_000);
        const example = /<!-- headline example[^>]*-->\n```\n([\s\S]*?)```/.exec(beforeFirstSection)?.[1];
        expect(example).toContain('journey ');
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-readme-'));
        try {
            await fs.writeFile(path.join(dir, 'adhesion.journey'), example!);
            let out = '';
            const code = await main(['check', '.', '--format', 'json'], { out: text => { out += text; }, err: () => undefined, cwd: dir });
            expect(JSON.parse(out).diagnostics).toEqual([]);
            expect(code).toBe(0);
        } finally {
            await fs.rm(dir, { recursive: true, force: true });
        }
    });
});
