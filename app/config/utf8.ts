// TOML files are UTF-8. Decoding leniently would turn a stray byte into U+FFFD
// and accept the file; like the native CLI we refuse it, saying where.
import { ConfigError } from './errors.js';

/** The text of `bytes`, or a ConfigError naming `file`, the line and column of the first invalid byte. */
export function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalid(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
    const line = bytes.subarray(0, lineStart).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    const column = [...bytes.subarray(lineStart, at).toString('utf8')].length + 1;
    throw new ConfigError(`${file}:${line}:${column}: invalid UTF-8 (byte 0x${bytes[at]!.toString(16)}); the file must be UTF-8 text`);
  }
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or values past U+10FFFF). */
function firstInvalid(b: Buffer): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const tail = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (!tail) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= tail; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += tail + 1;
  }
  return b.length - 1;
}
