// Byte-level UTF-8: where a character may be cut.

/** A byte inside a multi-byte character (10xxxxxx): cutting before it splits the character. */
export function isContinuationByte(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}
