// Draws the toolbar icon at 16/32/48/128 px as PNG without any image library:
// a blue rounded square with a white needle and a yellow check dot.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const i = y * (size * 4 + 1) + 1 + x * 4;
      const cx = Math.min(Math.max(x + 0.5, r), size - r), cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
      let [R, G, B, A] = inside ? [11, 92, 173, 255] : [0, 0, 0, 0];
      // the needle: a diagonal white line from top-right to bottom-left
      const u = (x + 0.5) / size, v = (y + 0.5) / size;
      const d = Math.abs(u + v - 1) / Math.SQRT2;
      if (inside && d < 0.06 && u > 0.22 && u < 0.8) [R, G, B] = [255, 255, 255];
      // the handle
      if (inside && d < 0.11 && u > 0.62 && u < 0.8) [R, G, B] = [255, 255, 255];
      // a yellow dot: the code found
      if (Math.hypot(u - 0.3, v - 0.3) < 0.13) [R, G, B, A] = [242, 169, 0, 255];
      raw.set([R, G, B, A], i);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync('extension/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`extension/icons/icon-${size}.png`, png(size));
