import { deflateSync, inflateSync } from 'node:zlib';

/** Minimal PNG (RGBA, 8-bit) encoder and header reader with node:zlib: enough for the add-in icons. */

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes `rgba` (width * height * 4 bytes, row-major) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([pngSignature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export interface PngInfo {
  width: number;
  height: number;
}

/** Checks the signature, every chunk CRC and that IDAT inflates to the expected size; returns the dimensions. */
export function readPng(file: Buffer): PngInfo {
  if (file.length < 8 || !file.subarray(0, 8).equals(pngSignature)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let info: (PngInfo & { bitDepth: number; colourType: number }) | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    const crc = file.readUInt32BE(offset + 8 + length);
    if (crc !== crc32(file.subarray(offset + 4, offset + 8 + length))) throw new Error(`bad CRC in ${type} chunk`);
    if (type === 'IHDR') info = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8] ?? 0, colourType: data[9] ?? 0 };
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!info) throw new Error('no IHDR chunk');
  if (!ended) throw new Error('no IEND chunk');
  if (info.bitDepth === 8 && info.colourType === 6) {
    const raw = inflateSync(Buffer.concat(idat));
    if (raw.length !== info.height * (info.width * 4 + 1)) throw new Error('IDAT size does not match the dimensions');
  }
  return { width: info.width, height: info.height };
}
