import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogue, LOCALES, messages, resolveLocale } from '../../src/language/i18n/i18n.js';
import { formatValue, periodLabel, statusWord, trendWords } from '../../src/language/model/kpi-format.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** The placeholder names a message uses, plural and select arguments included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
    for (const element of elements) {
        if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
        if (element.type === TYPE.plural || element.type === TYPE.select) {
            into.add(element.value);
            for (const option of Object.values(element.options)) argumentsOf(option.value, into);
        }
        if (element.type === TYPE.tag) argumentsOf(element.children, into);
    }
    return into;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
        return /\.(ts|mts)$/.test(entry.name) ? [full] : [];
    });
}

describe('message catalogues', () => {
    const english = catalogue('en');

    it('have the same keys in every language, each message parsing with the placeholders of the English one', () => {
        for (const locale of LOCALES) {
            const messagesOfLocale = catalogue(locale);
            expect(Object.keys(messagesOfLocale).sort(), `keys of ${locale}.json`).toEqual(Object.keys(english).sort());
            for (const [key, text] of Object.entries(messagesOfLocale)) {
                expect(text.trim(), `${locale}: ${key} is empty`).not.toBe('');
                const parsed = parse(text, { requiresOtherClause: true, ignoreTag: true });
                expect([...argumentsOf(parsed)].sort(), `${locale}: ${key}`).toEqual([...argumentsOf(parse(english[key], { ignoreTag: true }))].sort());
            }
        }
    });

    it('hold no key that no code uses', () => {
        const code = sourceFiles(SRC).map(file => fs.readFileSync(file, 'utf8')).join('\n');
        const unused = Object.keys(english).filter(key => !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
        expect(unused).toEqual([]);
    });
});

describe('locales', () => {
    it('are chosen from the first supported candidate, POSIX spellings included', () => {
        expect(resolveLocale('fr_FR.UTF-8')).toBe('fr');
        expect(resolveLocale(undefined, 'C', 'fr-CA')).toBe('fr');
        expect(resolveLocale('de-DE', 'en-GB')).toBe('en');
        expect(resolveLocale('pt', '')).toBe('en');
    });

    it('say plurals right in both languages', () => {
        expect(messages('en').t('count.stages', { count: 1 })).toBe('1 stage');
        expect(messages('en').t('count.stages', { count: 2 })).toBe('2 stages');
        expect(messages('fr').t('count.stages', { count: 1 })).toBe('1 étape');
        expect(messages('fr').t('count.stages', { count: 2 })).toBe('2 étapes');
        expect(messages('fr').t('count.touchpoints', { count: 0 })).toBe('0 point de contact');
    });

    it('format values with the locale’s decimal sign, spaces and units, through Intl', () => {
        expect(formatValue(300 / 7, '%', 'en')).toBe('42.9%');
        expect(formatValue(300 / 7, '%', 'fr')).toBe('42,9\u00a0%');
        expect(formatValue(6.1, 'days', 'en')).toBe('6.1 days');
        expect(formatValue(6.1, 'days', 'fr')).toBe('6,1\u00a0jours');
        expect(formatValue(1250, '€', 'fr')).toBe('1\u202f250\u00a0€');
        expect(formatValue(32, 'points', 'fr')).toBe('32');
        expect(formatValue(null, '%', 'fr')).toBe('pas de données');
        expect(statusWord('at-risk', 'fr')).toBe('à risque');
        expect(trendWords({ trend: 'worsening', movement: 'down' }, 'en')).toBe('↘ worsening');
        expect(trendWords({ trend: 'improving', movement: 'down' }, 'fr')).toBe('↘ en amélioration');
        expect(statusWord('off-track', 'fr')).toBe('hors trajectoire');
    });

    it('name periods as a reader of the language does', () => {
        expect(periodLabel('2026-06', 'fr')).toBe('juin 2026');
        expect(periodLabel('2026-06', 'en')).toBe('June 2026');
        expect(periodLabel('2026-W27', 'fr')).toBe('S27 2026');
        expect(periodLabel('2026-W27', 'en')).toBe('W27 2026');
        expect(periodLabel('2026-Q1', 'fr')).toBe('T1 2026');
        expect(periodLabel('2026-06-15', 'fr')).toBe('15 juin 2026');
        expect(periodLabel('2026', 'en')).toBe('2026');
        expect(periodLabel('not a period', 'en')).toBe('not a period');
    });
});
