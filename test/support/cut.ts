/**
 * Splits `text` at the given cut points (taken modulo its length, so any
 * random naturals do), never inside a surrogate pair: a stream decoded from
 * UTF-8 never splits a character. For tests of incremental parsers.
 */
export function cutAt(text: string, cuts: number[]): string[] {
  const inPair = (c: number): boolean => c > 0 && c < text.length && text.charCodeAt(c) >= 0xdc00 && text.charCodeAt(c) <= 0xdfff;
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)).map((c) => (inPair(c) ? c - 1 : c)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let prev = 0;
  for (const p of points) {
    chunks.push(text.slice(prev, p));
    prev = p;
  }
  chunks.push(text.slice(prev));
  return chunks;
}
