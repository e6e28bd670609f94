/**
 * The metrics engine's decisions made before any SQL runs, at their edges: which column holds
 * each field (a mapping, else the field's name in any case; what is missing), which fields a row
 * cannot do without, the separator of a CSV header, what kind of file a path is, what makes two
 * survey answers the same answer, and the source's time zone. Pure functions, fast: the mutation
 * tests (stryker.config.json) run this file for every mutant.
 */
import { describe, expect, it } from 'vitest';
import type { SourceModel } from '../../src/language/model/journey-model.js';
import { DEFAULT_TIME_ZONE, fieldsOf, isTimeZone, timeZoneOf } from '../../src/language/model/source-fields.js';
import { csvDelimiter, fileKind, INPUT_NAME, relationOf, requiredFields, resolveColumns, surveyKey, withInput, type FieldBinding } from '../../src/metrics/source-input.js';

const source = (format: SourceModel['format'], extra: Partial<SourceModel> = {}): SourceModel =>
    ({ id: 'S', name: 'S', file: 'sources.journey', line: 3, format, path: 'data/s.csv', columns: {}, events: {}, ...extra }) as SourceModel;
const columns = (...names: string[]) => names.map(name => ({ name, type: 'VARCHAR' }));
const bound = (...fields: string[]): FieldBinding[] => fields.map(field => ({ field, column: field }));

describe('which column holds each field', () => {
    it('takes a column named like the field, exactly first, else in another case', () => {
        const events = resolveColumns(source('events'), columns('Case', 'EVENT', 'timestamp', 'channel'));
        expect(events.bindings).toEqual([
            { field: 'case', column: 'Case', type: 'VARCHAR' }, { field: 'event', column: 'EVENT', type: 'VARCHAR' },
            { field: 'timestamp', column: 'timestamp', type: 'VARCHAR' }, { field: 'channel', column: 'channel', type: 'VARCHAR' }
        ]);
        expect(events.missing).toEqual([]);
        // Two columns differing only in case: the exact one wins, wherever it is.
        const both = resolveColumns(source('events'), [{ name: 'CASE', type: 'VARCHAR' }, { name: 'case', type: 'BIGINT' }, ...columns('event', 'timestamp')]);
        expect(both.bindings[0]).toEqual({ field: 'case', column: 'case', type: 'BIGINT' });
    });

    it('takes the mapped column over one named like the field', () => {
        const mapped = resolveColumns(source('events', { columns: { case: 'dossier', timestamp: 'Horodatage' } }), columns('case', 'dossier', 'event', 'horodatage'));
        expect(mapped.bindings.map(b => [b.field, b.column])).toEqual([['case', 'dossier'], ['event', 'event'], ['timestamp', 'horodatage']]);
        expect(mapped.missing).toEqual([]);
    });

    it('says which required or mapped columns the file lacks, and leaves out optional fields it does not have', () => {
        const result = resolveColumns(source('survey', { columns: { channel: 'canal' } }), columns('respondent', 'date'));
        expect(result.bindings.map(b => b.field)).toEqual(['respondent', 'date']);
        expect(result.missing).toEqual([{ field: 'score', column: 'score', mapped: false }, { field: 'channel', column: 'canal', mapped: true }]);
    });

    it('does not miss a mapped load-order column the file lacks: the file’s line order stands for it', () => {
        const result = resolveColumns(source('survey', { columns: { line: 'ordre', channel: 'canal' } }), columns('respondent', 'score'));
        expect(result.missing).toEqual([{ field: 'channel', column: 'canal', mapped: true }]);
        expect(result.bindings.map(b => b.field)).toEqual(['respondent', 'score']);
    });

    it('assumes required and mapped fields present when the columns are unknown (a warehouse table)', () => {
        const result = resolveColumns(source('survey', { columns: { score: 'note', persona: 'profil' } }));
        expect(result.bindings).toEqual([{ field: 'respondent', column: 'respondent' }, { field: 'score', column: 'note' }, { field: 'persona', column: 'profil' }]);
        expect(result.missing).toEqual([]);
    });

    it('describes the input relation the KPI queries read', () => {
        const relation = relationOf(source('events', { timezone: 'Europe/Paris' }), bound('case', 'event', 'timestamp', 'channel'));
        expect(relation).toEqual({ name: INPUT_NAME, format: 'events', fields: new Set(['case', 'event', 'timestamp', 'channel']), timezone: 'Europe/Paris' });
        expect(relationOf(source('series'), bound('period', 'value')).timezone).toBe('UTC');
    });
});

describe('the fields a row cannot do without', () => {
    it('are the format’s required ones, and a survey’s date when the survey has one', () => {
        expect(requiredFields(source('events'), bound('case', 'event', 'timestamp', 'channel'))).toEqual(['case', 'event', 'timestamp']);
        expect(requiredFields(source('survey'), bound('respondent', 'score'))).toEqual(['respondent', 'score']);
        expect(requiredFields(source('survey'), bound('respondent', 'score', 'date'))).toEqual(['respondent', 'score', 'date']);
        // A series' date is not a thing; an events source's optional fields never are required.
        expect(requiredFields(source('series'), bound('period', 'value', 'date'))).toEqual(['period']);
    });

    it('lists every field a source can map, required ones first', () => {
        expect(fieldsOf('events')).toEqual(['case', 'event', 'timestamp', 'channel', 'persona']);
        expect(fieldsOf('series')[0]).toBe('period');
    });
});

describe('a CSV header’s separator', () => {
    it('is the most frequent of , ; tab and |, the first of them on a tie, a comma when there is none', () => {
        expect(csvDelimiter('a,b,c')).toBe(',');
        expect(csvDelimiter('a;b;c')).toBe(';');
        expect(csvDelimiter('a\tb\tc')).toBe('\t');
        expect(csvDelimiter('a|b|c')).toBe('|');
        expect(csvDelimiter('a;b,c')).toBe(',');
        expect(csvDelimiter('a;b;c,d')).toBe(';');
        expect(csvDelimiter('a|b|c;d')).toBe('|');
        expect(csvDelimiter('a;b|c')).toBe(';'); // a tie goes to the first of , ; tab |
        expect(csvDelimiter('alone')).toBe(',');
        expect(csvDelimiter('')).toBe(',');
    });

    it('does not count separators inside quotes', () => {
        expect(csvDelimiter('"a,b,c";d;e')).toBe(';');
        expect(csvDelimiter('"x;y";"z;w",v')).toBe(',');
        expect(csvDelimiter('dossier;"date, heure";canal')).toBe(';');
    });
});

describe('the kind of a data file', () => {
    it('is read from its extension, in any case, compressed or not', () => {
        for (const file of ['a.csv', 'A.CSV', 'a.tsv', 'a.txt', 'a.csv.gz', 'a.csv.zst']) expect(fileKind(file), file).toBe('csv');
        for (const file of ['a.jsonl', 'a.ndjson', 'a.json', 'a.JSONL.GZ']) expect(fileKind(file), file).toBe('json');
        for (const file of ['a.parquet', 'dir/a.Parquet']) expect(fileKind(file), file).toBe('parquet');
        for (const file of ['a.xlsx', 'a.csv.bak', 'csv', 'a.gz', 'a.parquet.zip', 'acsv', 'a.jsonx', 'a.c.gzsv']) expect(fileKind(file), file).toBeUndefined();
    });
});

describe('what makes two survey answers the same answer', () => {
    it('is the respondent, with the touchpoint and the date when the survey has them', () => {
        expect(surveyKey(bound('respondent', 'score'))).toEqual(['respondent']);
        expect(surveyKey(bound('respondent', 'score', 'date'))).toEqual(['respondent', 'ts']);
        expect(surveyKey(bound('respondent', 'score', 'touchpoint'))).toEqual(['respondent', 'touchpoint']);
        expect(surveyKey(bound('respondent', 'score', 'date', 'touchpoint', 'channel'))).toEqual(['respondent', 'touchpoint', 'ts']);
    });
});

describe('a KPI query with its input', () => {
    it('puts the input first, merging with a query that has its own WITH', () => {
        expect(withInput('input_rows AS (SELECT 1)', 'SELECT * FROM input_rows')).toBe('WITH input_rows AS (SELECT 1)\nSELECT * FROM input_rows');
        expect(withInput('input_rows AS (SELECT 1)', 'WITH\nx AS (SELECT 2) SELECT * FROM x')).toBe('WITH input_rows AS (SELECT 1),\nx AS (SELECT 2) SELECT * FROM x');
    });
});

describe('time zones', () => {
    it('are the source’s, UTC when it declares none', () => {
        expect(DEFAULT_TIME_ZONE).toBe('UTC');
        expect(timeZoneOf({})).toBe('UTC');
        expect(timeZoneOf({ timezone: 'Europe/Paris' })).toBe('Europe/Paris');
    });

    it('are IANA names the platform knows', () => {
        for (const zone of ['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'America/Port-au-Prince']) expect(isTimeZone(zone), zone).toBe(true);
        for (const zone of ['Europe/Pariss', 'Mars/Olympus', '', ' UTC', 'UTC ', '1UTC', 'Europe/Paris;DROP', '+01:00']) expect(isTimeZone(zone), zone).toBe(false);
    });
});
