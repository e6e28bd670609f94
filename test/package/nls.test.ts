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

    it('holds no text nothing uses, and no command title or setting description left unlocalized', () => {
        expect(Object.keys(english).filter(key => !used.includes(key))).toEqual([]);
        const contributes = (JSON.parse(manifest) as { contributes: { commands: Array<{ title: string }>; configuration: unknown } }).contributes;
        expect(contributes.commands.filter(command => !/^%.+%$/.test(command.title))).toEqual([]);
        const descriptions = JSON.stringify(contributes.configuration).match(/"(markdownDescription|description)":"[^"]*"/g) ?? [];
        expect(descriptions.filter(text => !/"%[^"]+%"$/.test(text))).toEqual([]);
    });

    it('ships both files in the .vsix', () => {
        const ignore = read('.vscodeignore');
        expect(ignore).toContain('!package.nls.json');
        expect(ignore).toContain('!package.nls.fr.json');
    });
});
