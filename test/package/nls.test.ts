import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(resolve(import.meta.dirname, '../..', file), 'utf8');

describe('the extension manifest in English and French', () => {
    const manifest = read('package.json');
    const english = JSON.parse(read('package.nls.json')) as Record<string, string>;
    const french = JSON.parse(read('package.nls.fr.json')) as Record<string, string>;
    const used = [...manifest.matchAll(/"%([^"%]+)%"/g)].map(match => match[1]);

    it('names every command and setting through package.nls.json, with French text for each', () => {
        expect(used.length).toBeGreaterThan(10);
        expect(used.filter(key => !(key in english))).toEqual([]);
        expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(french)) expect(text.trim(), key).not.toBe('');
        expect(french['command.showPreview.title']).toBe('Ouvrir l\'aperçu');
    });

    it('holds no text nothing uses, and no text a person reads left unlocalized: name, description, commands, settings, their choices', () => {
        expect(Object.keys(english).filter(key => !used.includes(key))).toEqual([]);
        const parsed = JSON.parse(manifest) as { displayName: string; description: string; contributes: unknown };
        /** Every text the Extensions view, the Command Palette, the menus and the Settings editor show, with where it is. */
        const read = new Set(['title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'category', 'label', 'displayName', 'deprecationMessage', 'markdownDeprecationMessage', 'altText']);
        const texts = (value: unknown, at: string, inRead = false): Array<[string, string]> =>
            typeof value === 'string' ? (inRead ? [[at, value]] : [])
                : Array.isArray(value) ? value.flatMap((item, i) => texts(item, `${at}[${i}]`, inRead))
                    : value && typeof value === 'object' ? Object.entries(value).flatMap(([key, item]) => texts(item, `${at}.${key}`, read.has(key) && !at.endsWith('.properties')))
                        : [];
        const shown = [['displayName', parsed.displayName], ['description', parsed.description], ...texts(parsed.contributes, 'contributes')];
        expect(shown.length).toBeGreaterThan(20);
        expect(shown.filter(([, text]) => !/^%[^%]+%$/.test(text))).toEqual([]);
    });

    it('ships both files in the .vsix', () => {
        const ignore = read('.vscodeignore');
        expect(ignore).toContain('!package.nls.json');
        expect(ignore).toContain('!package.nls.fr.json');
    });
});
