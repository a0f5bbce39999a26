// gitignore lines as git reads them (gitignore(5), wildmatch with
// WM_PATHNAME), each tested against one path on its own: the file index
// walks top-down and prunes ignored directories, so a path's parents are
// settled before it is asked about, by whichever rule set decides them.
// Letters match either case, as the index has always matched them.

export interface IgnorePattern {
  readonly negative: boolean;
  /** Trailing `/`: directories only. */
  readonly dirOnly: boolean;
  /** No `/` inside: tried on the last path component, at any depth. */
  readonly basename: boolean;
  readonly regex: RegExp;
}

/** Verdict of one rule set on one path: both false when no pattern has an opinion. */
export interface IgnoreVerdict {
  readonly ignored: boolean;
  readonly unignored: boolean;
}

const NO_OPINION: IgnoreVerdict = { ignored: false, unignored: false };

/** ASCII POSIX classes, as git's own ctype (\v and \f are control, not space). */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: ' \\t\\n\\r',
  upper: 'A-Z', xdigit: '0-9A-Fa-f',
};

const escapeChar = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

/** A bracket expression from `p[i]` (just past `[`) as a regex class, and where it ends; undefined: unterminated or unknown class (git then matches nothing). */
function bracket(p: string, i: number): { source: string; end: number } | undefined {
  let negated = false;
  if (p[i] === '!' || p[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  for (let first = true; i < p.length; first = false) {
    const c = p[i]!;
    if (c === ']' && !first) return { source: `(?!/)[${negated ? '^' : ''}${body}]`, end: i + 1 };
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      const cls = close < 0 ? undefined : POSIX_CLASSES[p.slice(i + 2, close)];
      if (cls === undefined) return undefined;
      body += cls;
      i = close + 2;
      continue;
    }
    let ch = c;
    if (c === '\\') {
      if (i + 1 >= p.length) return undefined;
      ch = p[++i]!;
    }
    body += escapeChar(ch);
    i++;
    if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let to = p[i + 1]!;
      i += 2;
      if (to === '\\') {
        if (i >= p.length) return undefined;
        to = p[i++]!;
      }
      body += `-${escapeChar(to)}`;
    }
  }
  return undefined;
}

/** The regex source of a glob (no leading `/`, no trailing `/`); undefined when it can match nothing. */
function globSource(p: string): string | undefined {
  let out = '';
  for (let i = 0; i < p.length;) {
    const c = p[i]!;
    if (c === '*') {
      let j = i;
      while (p[j] === '*') j++;
      const wholeSegment = j - i >= 2 && (i === 0 || p[i - 1] === '/') && (j === p.length || p[j] === '/');
      if (!wholeSegment) out += '[^/]*';
      else if (j === p.length) out += '.*'; // `dir/**`: everything inside
      else {
        out += '(?:.*/)?'; // `**/`: any number of directories, none too
        j++;
      }
      i = j;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const b = bracket(p, i + 1);
      if (!b) return undefined;
      out += b.source;
      i = b.end;
    } else if (c === '\\') {
      if (i + 1 >= p.length) return undefined; // a trailing backslash matches nothing
      out += escapeChar(p[i + 1]!);
      i += 2;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

/** One line of an ignore file; undefined for blanks, comments and patterns that can match nothing. */
export function parsePattern(line: string): IgnorePattern | undefined {
  // Trailing spaces go unless backslash-quoted.
  let p = line.replace(/(?<!\\)( +)$/, '').replace(/\r$/, '');
  if (p === '' || p.startsWith('#')) return undefined;
  const negative = p.startsWith('!');
  if (negative) p = p.slice(1);
  const dirOnly = p.endsWith('/') && !p.endsWith('\\/');
  if (dirOnly) p = p.slice(0, -1);
  const basename = !p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (p === '') return undefined;
  const source = globSource(p);
  if (source === undefined) return undefined;
  return { negative, dirOnly, basename, regex: new RegExp(`^${source}$`, 'i') };
}

/** The patterns of an ignore file's text, in order. */
export function parsePatterns(text: string): IgnorePattern[] {
  return text.split('\n').flatMap((line) => parsePattern(line) ?? []);
}

/** `rel` (relative to the patterns' directory, `/`-separated) against the patterns: the last one matching it decides. */
export function testPatterns(patterns: readonly IgnorePattern[], rel: string, isDir: boolean): IgnoreVerdict {
  const cut = rel.lastIndexOf('/') + 1;
  return testEntry(patterns, rel.slice(0, cut), rel.slice(cut), isDir);
}

/**
 * testPatterns for the entry `name` of the directory `dir` ('' or ending in
 * '/', relative to the patterns' directory): a basename pattern is tested
 * against the name alone, so a walk joins the two only for patterns with a
 * slash (per entry, the strings were a good part of the walk's garbage).
 */
export function testEntry(patterns: readonly IgnorePattern[], dir: string, name: string, isDir: boolean): IgnoreVerdict {
  let rel: string | undefined;
  for (let i = patterns.length - 1; i >= 0; i--) {
    const pat = patterns[i]!;
    if (pat.dirOnly && !isDir) continue;
    const subject = pat.basename ? name : (rel ??= dir + name);
    if (pat.regex.test(subject)) return pat.negative ? { ignored: false, unignored: true } : { ignored: true, unignored: false };
  }
  return NO_OPINION;
}
