// Draws the extension icon (images/icon.png, 128×128): an emotion curve through three
// touchpoints on a rounded tile. Plain Node (zlib), no image library: `node scripts/make-icon.mjs`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const tile = [31, 78, 121];      // deep blue
const curve = [255, 255, 255];
const dots = [[28, 80, [244, 114, 94]], [64, 44, [250, 204, 21]], [100, 60, [52, 211, 153]]];
const path = [[14, 92], ...dots.map(([x, y]) => [x, y]), [114, 40]];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Coverage of a shape whose signed distance is `d` (negative inside), antialiased over one pixel. */
const cover = d => Math.max(0, Math.min(1, 0.5 - d));

function roundedTile(x, y) {
    const r = 22, half = size / 2 - 4;
    const qx = Math.abs(x - size / 2) - (half - r), qy = Math.abs(y - size / 2) - (half - r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const rows = [];
for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
        const px = x + 0.5, py = y + 0.5;
        let rgb = tile;
        const blend = (colour, amount) => { rgb = rgb.map((c, i) => c + (colour[i] - c) * amount); };
        let line = Infinity;
        for (let i = 0; i < path.length - 1; i++) line = Math.min(line, distanceToSegment(px, py, path[i], path[i + 1]));
        blend(curve, cover(line - 3.5));
        for (const [cx, cy, colour] of dots) {
            const d = Math.hypot(px - cx, py - cy);
            blend(curve, cover(d - 13));
            blend(colour, cover(d - 9));
        }
        const alpha = cover(roundedTile(px, py));
        row.set([...rgb.map(Math.round), Math.round(alpha * 255)], 1 + x * 4);
    }
    rows.push(row);
}

function chunk(type, data) {
    const body = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
}

function crc32(buffer) {
    let crc = ~0;
    for (const byte of buffer) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ~crc >>> 0;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))
]);
mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
