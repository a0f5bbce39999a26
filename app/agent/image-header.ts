// What an image file is, from its first bytes: format and pixel size, read
// from the header as each format lays it out (PNG IHDR, GIF logical screen,
// WebP VP8/VP8L/VP8X, JPEG start-of-frame, BMP DIB header). Pure: no decoding,
// no dependency; anything it cannot read is `undefined`.

export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp', 'bmp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const IMAGE_MIME: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
};

export interface ImageHeader { format: ImageFormat; width: number; height: number }

const ascii = (b: Uint8Array, at: number, s: string): boolean => [...s].every((c, i) => b[at + i] === c.charCodeAt(0));
const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number): number => u16be(b, at) * 0x10000 + u16be(b, at + 2);
const i32le = (b: Uint8Array, at: number): number => (u16le(b, at) | (u16le(b, at + 2) << 16)) | 0;

function png(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 24 || !ascii(b, 1, 'PNG\r\n\x1a\n') || b[0] !== 0x89 || !ascii(b, 12, 'IHDR')) return undefined;
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

function gif(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 10 || !(ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'))) return undefined;
  return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
}

function webp(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 30 || !ascii(b, 0, 'RIFF') || !ascii(b, 8, 'WEBP')) return undefined;
  if (ascii(b, 12, 'VP8 ')) {
    // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit sizes.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (ascii(b, 12, 'VP8L')) {
    // Lossless: signature 0x2f, then width-1 and height-1 in 14 bits each.
    if (b[20] !== 0x2f) return undefined;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, 'VP8X')) return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return undefined;
}

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved)
// and CC (arithmetic coding) share the range but are not frames.
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / start of scan before any frame
    if (isStartOfFrame(marker)) {
      if (i + 9 > b.length) return undefined;
      return { format: 'jpeg', width: u16be(b, i + 7), height: u16be(b, i + 5) };
    }
    const length = u16be(b, i + 2);
    if (length < 2) return undefined;
    i += 2 + length;
  }
  return undefined;
}

function bmp(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 26 || !ascii(b, 0, 'BM')) return undefined;
  const dib = u16le(b, 14) | (u16le(b, 16) << 16);
  // OS/2 1.x core header: 16-bit sizes; later headers: signed 32-bit, a negative height is top-down.
  if (dib === 12) return { format: 'bmp', width: u16le(b, 18), height: u16le(b, 20) };
  if (dib < 40) return undefined;
  return { format: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

/** The format and size an image file's bytes declare, or undefined when they are none of IMAGE_FORMATS. */
export function imageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const h = png(bytes) ?? gif(bytes) ?? webp(bytes) ?? jpeg(bytes) ?? bmp(bytes);
  return h && h.width > 0 && h.height > 0 ? h : undefined;
}
