/**
 * Whether a file is UTF-8 text, for the readers of data files (CSV, JSON-lines): a file saved in
 * Latin-1 or Windows-1252 by an older tool would otherwise be read with its accents mangled, or
 * refused with the parser's own words. Journey files go through the input guard instead
 * (src/language/journey-input-guard.ts), which sees the replacement characters an editor or the
 * CLI decodes them with.
 */
import { createReadStream, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { notUtf8Message } from '../language/model/kpi-results.js';
import { DEFAULT_LOCALE, type Locale } from '../language/i18n/i18n.js';

/**
 * The problem to report for a text data file (`absolute`, shown as `file`) that is not UTF-8:
 * where its first byte that is not UTF-8 is, and what to do; undefined when it is UTF-8.
 * Compressed files (.gz, .zst) are left to their reader. The message is worded in `locale`.
 */
export async function notUtf8Problem(absolute: string, file: string, locale: Locale = DEFAULT_LOCALE): Promise<{ line: number; code: 'not-utf8'; message: string } | undefined> {
    if (/\.(gz|zst)$/i.test(absolute)) return undefined;
    const line = await firstNonUtf8Line(absolute);
    return line === undefined ? undefined : {
        line, code: 'not-utf8', message: notUtf8Message(file, line, locale)
    };
}

/**
 * The file DuckDB should read for the text data file `absolute` (shown as `file`), or the
 * problem to report when it is not UTF-8. DuckDB reads a CSV file with a UTF-8 byte-order mark,
 * but not a JSON-lines one ("Malformed JSON"): such a file is read from a copy without it.
 */
export async function readableTextDataFile(absolute: string, file: string, format: 'csv' | 'json', locale: Locale = DEFAULT_LOCALE): Promise<{ path: string } | { problem: NotUtf8Problem }> {
    const problem = await notUtf8Problem(absolute, file, locale);
    if (problem) return { problem };
    if (format !== 'json' || !(await startsWithByteOrderMark(absolute))) return { path: absolute };
    return { path: await copyWithoutByteOrderMark(absolute) };
}

type NotUtf8Problem = NonNullable<Awaited<ReturnType<typeof notUtf8Problem>>>;

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

async function startsWithByteOrderMark(file: string): Promise<boolean> {
    const handle = await fs.open(file, 'r');
    try {
        const head = Buffer.alloc(3);
        const { bytesRead } = await handle.read(head, 0, 3, 0);
        return bytesRead === 3 && head.equals(BYTE_ORDER_MARK);
    } finally {
        await handle.close();
    }
}

/** Copies, one per source file (the latest), in a folder removed when the process ends. */
let copies: string | undefined;

async function copyWithoutByteOrderMark(file: string): Promise<string> {
    if (!copies) {
        copies = mkdtempSync(path.join(os.tmpdir(), 'journey-data-'));
        const folder = copies;
        process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    }
    const copy = path.join(copies, `${Buffer.from(file).toString('base64url')}${path.extname(file)}`);
    await pipeline(createReadStream(file, { start: 3 }), (await fs.open(copy, 'w')).createWriteStream());
    return copy;
}

/**
 * The line (1-based) of the first byte of `file` that is not UTF-8, or undefined when the file
 * is UTF-8 all through (a byte-order mark is UTF-8). Reads the file in chunks, so a large export
 * costs a pass at disk speed and no more memory than a chunk.
 */
export async function firstNonUtf8Line(file: string): Promise<number | undefined> {
    let line = 1;
    let carried: Buffer = Buffer.alloc(0);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        const bytes = carried.length ? Buffer.concat([carried, chunk]) : chunk;
        // A character cut by the chunk's end waits for the next chunk.
        const end = completeLength(bytes);
        const whole = bytes.subarray(0, end);
        if (!isUtf8(whole)) return line + newlinesIn(whole, firstInvalidByte(whole));
        line += newlinesIn(whole, whole.length);
        carried = Buffer.from(bytes.subarray(end));
    }
    return carried.length ? line : undefined;
}

/** The length of `bytes` without a multi-byte character that starts but does not end in it. */
function completeLength(bytes: Buffer): number {
    for (let back = 1; back <= 3 && back <= bytes.length; back++) {
        const byte = bytes[bytes.length - back];
        if ((byte & 0xc0) !== 0x80) {
            // The lead byte of the last character: is the character complete?
            const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
            return size > back ? bytes.length - back : bytes.length;
        }
    }
    return bytes.length;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 character (RFC 3629). */
export function firstInvalidByte(bytes: Uint8Array): number {
    for (let at = 0; at < bytes.length;) {
        const lead = bytes[at];
        if (lead < 0x80) { at++; continue; }
        let size: number;
        let min: number;
        if (lead >= 0xc2 && lead <= 0xdf) [size, min] = [2, 0x80];
        else if (lead >= 0xe0 && lead <= 0xef) [size, min] = [3, 0x800];
        else if (lead >= 0xf0 && lead <= 0xf4) [size, min] = [4, 0x10000];
        else return at;
        let code = lead & (0xff >> (size + 1));
        for (let k = 1; k < size; k++) {
            const next = bytes[at + k];
            if (next === undefined || (next & 0xc0) !== 0x80) return at;
            code = (code << 6) | (next & 0x3f);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return at;
        at += size;
    }
    return bytes.length;
}

function newlinesIn(bytes: Uint8Array, end: number): number {
    let count = 0;
    for (let at = bytes.indexOf(10); at >= 0 && at < end; at = bytes.indexOf(10, at + 1)) count++;
    return count;
}
