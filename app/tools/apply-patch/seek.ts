// Finds where a chunk's old lines sit in a file, forgiving the small
// differences models make: first exact, then ignoring trailing whitespace,
// then ignoring surrounding whitespace, then also treating typographic
// punctuation as its ASCII look-alike.

// Characters folded to ASCII in the last, most lenient pass.
const PUNCTUATION_FOLDS: Readonly<Record<string, string>> = {
  '-': '\u2010\u2011\u2012\u2013\u2014\u2015\u2212',
  "'": '\u2018\u2019\u201A\u201B',
  '"': '\u201C\u201D\u201E\u201F',
  ' ': '\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000',
};
const FOLD = new Map<string, string>(
  Object.entries(PUNCTUATION_FOLDS).flatMap(([ascii, chars]) => [...chars].map((c) => [c, ascii] as [string, string])),
);
const FOLD_RE = new RegExp(`[${[...FOLD.keys()].join('')}]`, 'gu');

export function foldPunctuation(s: string): string {
  return s.trim().replace(FOLD_RE, (c) => FOLD.get(c) ?? c);
}

const PASSES: readonly ((s: string) => string)[] = [
  (s) => s,
  (s) => s.trimEnd(),
  (s) => s.trim(),
  foldPunctuation,
];

function matchesAt(lines: readonly string[], pattern: readonly string[], at: number, norm: (s: string) => string): boolean {
  for (let k = 0; k < pattern.length; k++) {
    if (norm(lines[at + k] ?? '') !== norm(pattern[k] ?? '')) return false;
  }
  return true;
}

function scan(lines: readonly string[], pattern: readonly string[], from: number): number | undefined {
  const last = lines.length - pattern.length;
  for (const norm of PASSES) {
    for (let i = from; i <= last; i++) if (matchesAt(lines, pattern, i, norm)) return i;
  }
  return undefined;
}

/**
 * Index of the first occurrence of `pattern` in `lines` at or after `start`.
 * With `atEof` the end of the file is tried first (a `*** End of File` chunk),
 * then the search from `start`.
 */
export function seekSequence(
  lines: readonly string[], pattern: readonly string[], start: number, atEof: boolean,
): number | undefined {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return undefined;
  if (atEof) {
    const tail = lines.length - pattern.length;
    if (tail >= start && PASSES.some((norm) => matchesAt(lines, pattern, tail, norm))) return tail;
  }
  return scan(lines, pattern, start);
}
