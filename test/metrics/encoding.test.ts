// Data files that are not UTF-8, or start with a byte-order mark (issue 15): every reader of
// text data (CSV and JSON-lines through DuckDB, series CSV) says which line is not UTF-8 and
// what to do, and reads a UTF-8 file with a byte-order mark as the same file without it.
import { describe, expect, it } from 'vitest';
import { firstInvalidByte } from '../../src/node/text-encoding.js';
import { csv, metricsOf } from './metrics-helpers.js';

const JOURNEY = `
source Events events "data/events.csv"
source Avis survey "data/avis.jsonl"
source Attente series "data/attente.csv"
journey A {
  stage S { touchpoint T touchpoint U }
  kpi Delai { measures share(U within J+1 of T) target >= 90% data Events }
  kpi Satisfaction { measures csat target >= 80% data Avis }
  kpi Minutes { measures average unit min lower is better target <= 10 data Attente }
}`;

const EVENTS = csv('case,event,timestamp,channel', [['1', 'T', '2026-01-05', 'Téléphone'], ['1', 'U', '2026-01-06', 'Téléphone'], ['2', 'T', '2026-01-07', 'Agence']]);
const AVIS = '{"respondent":"a","score":5,"channel":"Téléphone"}\n{"respondent":"b","score":2,"channel":"Agence"}\n{"respondent":"c","score":4,"channel":"Agence"}\n';
const ATTENTE = 'period,value,segment\n2026-01,12.5,Téléphone\n2026-01,11\n2026-02,9.5\n';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const withByteOrderMark = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);

describe('data files that are not UTF-8', () => {
    it('are refused with the line of their first byte that is not UTF-8 and what to do, never read mangled', async () => {
        const { byId } = await metricsOf({ 'a.journey': JOURNEY, 'data/events.csv': latin1(EVENTS), 'data/avis.jsonl': latin1(AVIS), 'data/attente.csv': latin1(ATTENTE) });
        const expected = { 'Delai': ['data/events.csv', 2], 'Satisfaction': ['data/avis.jsonl', 1], 'Minutes': ['data/attente.csv', 2] } as const;
        for (const [kpi, [file, line]] of Object.entries(expected)) {
            expect(byId[kpi].status, kpi).toBe('no-data');
            expect(byId[kpi].problems.map(p => [p.code, p.file, p.line]), kpi).toEqual([['not-utf8', file, line]]);
            expect(byId[kpi].problems[0].message).toContain('Save the file as UTF-8');
        }
    });

    it('are read as UTF-8 without their byte-order mark, with the same results', async () => {
        const plain = await metricsOf({ 'a.journey': JOURNEY, 'data/events.csv': EVENTS, 'data/avis.jsonl': AVIS, 'data/attente.csv': ATTENTE });
        const marked = await metricsOf({
            'a.journey': JOURNEY, 'data/events.csv': withByteOrderMark(EVENTS), 'data/avis.jsonl': withByteOrderMark(AVIS), 'data/attente.csv': withByteOrderMark(ATTENTE)
        });
        for (const kpi of ['Delai', 'Satisfaction', 'Minutes']) {
            expect(plain.byId[kpi].points.length, kpi).toBeGreaterThan(0);
            expect(marked.byId[kpi].problems, kpi).toEqual([]);
            expect(marked.byId[kpi].points, kpi).toEqual(plain.byId[kpi].points);
        }
    });

    it('finds the first byte that is not UTF-8 as a strict decoder does', () => {
        const cases: Array<[number[], number]> = [
            [[0x61, 0xc3, 0xa9, 0x62], 4], [[0x61, 0xe9, 0x62], 1], [[0xc3], 0], [[0xe2, 0x82], 0], [[0xc0, 0xaf], 0],
            [[0xed, 0xa0, 0x80], 0], [[0xf4, 0x90, 0x80, 0x80], 0], [[0xf0, 0x9f, 0x98, 0x80, 0x80], 4], [[0xef, 0xbb, 0xbf, 0x61], 4]
        ];
        for (const [bytes, expected] of cases) {
            expect(firstInvalidByte(Uint8Array.from(bytes)), bytes.join(' ')).toBe(expected);
            // The strict decoder agrees on where valid text ends.
            const valid = Uint8Array.from(bytes.slice(0, expected));
            expect(() => new TextDecoder('utf-8', { fatal: true }).decode(valid)).not.toThrow();
            if (expected < bytes.length) expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))).toThrow();
        }
    });
});
