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

function foldPunctuation(s: string): string {
  return s.trim().replace(FOLD_RE, (c) => FOLD.get(c) ?? c);
}

const PASSES: readonly ((s: string) => string)[] = [
  (s) => s,
  (s) => s.trimEnd(),
  (s) => s.trim(),
  foldPunctuation,
];

// Normalised copies of a file's lines per pass, reused across the chunks of one file.
const normalisedCache = new WeakMap<readonly string[], Map<number, readonly string[]>>();

function normalised(lines: readonly string[], pass: number): readonly string[] {
  if (pass === 0) return lines;
  let perPass = normalisedCache.get(lines);
  if (!perPass) normalisedCache.set(lines, (perPass = new Map()));
  let out = perPass.get(pass);
  if (!out) perPass.set(pass, (out = lines.map(PASSES[pass]!)));
  return out;
}

function matchesAt(lines: readonly string[], pattern: readonly string[], at: number): boolean {
  for (let k = 0; k < pattern.length; k++) if (lines[at + k] !== pattern[k]) return false;
  return true;
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
  const last = lines.length - pattern.length;
  if (atEof && last >= start) {
    for (let pass = 0; pass < PASSES.length; pass++) {
      if (matchesAt(normalised(lines, pass), pattern.map(PASSES[pass]!), last)) return last;
    }
  }
  for (let pass = 0; pass < PASSES.length; pass++) {
    const file = normalised(lines, pass);
    const pat = pattern.map(PASSES[pass]!);
    for (let i = start; i <= last; i++) if (matchesAt(file, pat, i)) return i;
  }
  return undefined;
}
