import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { escapeMarkdown, formatDiff, markdownCode } from '../../src/diff/diff-format.js';
import { ADHESION, CATALOG, modelOf } from './fixtures.js';

describe('diff output formats', () => {
    it('escapes journey text in Markdown: no HTML, no emphasis, no mention, no broken code span', async () => {
        expect(escapeMarkdown('<script>alert(1)</script> *gras* _x_ [lien](http://x) @equipe a|b ~~barré~~ `code`'))
            .toBe('&lt;script&gt;alert(1)&lt;/script&gt; \\*gras\\* \\_x\\_ \\[lien\\](http://x) @\u200bequipe a\\|b \\~\\~barré\\~\\~ \\`code\\`');
        expect(markdownCode('a`b')).toBe('``a`b``');
        const hostile = ADHESION.replace('"Envoi de la carte"', '"<img src=x onerror=alert(1)> **Carte**\\n@all"');
        const diff = diffModels(await modelOf({ 'c.journey': CATALOG, 'a.journey': ADHESION }),
            await modelOf({ 'c.journey': CATALOG, 'a.journey': hostile.replace('emotion +2', 'emotion +1') }));
        const markdown = formatDiff(diff, 'markdown');
        expect(markdown).not.toContain('<img');
        expect(markdown).not.toMatch(/@all/);
        expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; \\*\\*Carte\\*\\*');
    });

    it('says plainly when nothing changed, in every format', async () => {
        const model = await modelOf({ 'c.journey': CATALOG, 'a.journey': ADHESION });
        const diff = diffModels(model, model, { base: { label: 'main' }, head: { label: 'HEAD' } });
        expect(formatDiff(diff, 'text')).toBe('journey diff main → HEAD\nNo change to the journeys between main and HEAD.\n');
        expect(formatDiff(diff, 'markdown')).toContain('No change to the journeys between `main` and `HEAD`.');
        expect(JSON.parse(formatDiff(diff, 'json')).changes).toEqual([]);
    });
});
