// A small TOML line scanner: finds the table headers and the `key = value`
// lines of a document (with their key paths and byte ranges) without parsing
// values, so the text can be edited while the user's comments, order and
// formatting stay as they were. It tracks multi-line strings and multi-line
// arrays, so a line that merely starts with `[` inside a value is not mistaken
// for a header, and the lines of such a value are marked as its continuation.

export interface Line {
  readonly start: number;
  /** Offset just past the line's newline (or the end of the text). */
  readonly end: number;
  readonly kind: 'header' | 'blank' | 'comment' | 'content';
  /** For headers: the key path, and whether it is an array-of-tables header. */
  readonly path?: readonly string[];
  readonly arrayTable?: boolean;
  /** For content lines that start a `key = value`: the (dotted) key. */
  readonly key?: readonly string[];
  /** A content line that begins inside a multi-line value of an earlier line. */
  readonly continued?: boolean;
}

type Mode = 'normal' | 'ml-basic' | 'ml-literal';

interface State { mode: Mode; depth: number }

/** Advances the state over one line of a value; returns the new state. */
function scanValue(text: string, from: number, to: number, state: State): State {
  let { mode, depth } = state;
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (mode !== 'normal') {
      // Inside a multi-line string: only its closing delimiter matters (basic strings have escapes).
      const quote = mode === 'ml-basic' ? '"' : "'";
      if (mode === 'ml-basic' && c === '\\') { i += 2; continue; }
      if (text.startsWith(quote.repeat(3), i)) {
        i += 3;
        while (text[i] === quote && i < to) i++;
        mode = 'normal';
        continue;
      }
      i++;
      continue;
    }
    if (c === '#') break;
    if (text.startsWith('"""', i)) { mode = 'ml-basic'; i += 3; continue; }
    if (text.startsWith("'''", i)) { mode = 'ml-literal'; i += 3; continue; }
    if (c === '"') {
      i++;
      while (i < to && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === "'") {
      i++;
      while (i < to && text[i] !== "'") i++;
      i++;
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    i++;
  }
  return { mode, depth };
}

/** Parses `a."b.c".'d'` → ['a', 'b.c', 'd']; undefined if it is not a key. */
export function parseDottedKey(src: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  const skipWs = () => { while (src[i] === ' ' || src[i] === '\t') i++; };
  for (;;) {
    skipWs();
    if (src[i] === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) return undefined;
      try {
        parts.push(JSON.parse(src.slice(i, j + 1)) as string);
      } catch {
        return undefined;
      }
      i = j + 1;
    } else if (src[i] === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) return undefined;
      parts.push(src.slice(i + 1, j));
      i = j + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(src.slice(i));
      if (!m) return undefined;
      parts.push(m[0]);
      i += m[0].length;
    }
    skipWs();
    if (i === src.length) return parts;
    if (src[i] !== '.') return undefined;
    i++;
  }
}

/** The key of a `key = value` line: the text before the first `=` outside quotes. */
function parseKeyOfLine(body: string): string[] | undefined {
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '=') return parseDottedKey(body.slice(0, i));
    if (c === '"') {
      i++;
      while (i < body.length && body[i] !== '"') i += body[i] === '\\' ? 2 : 1;
    } else if (c === "'") {
      const j = body.indexOf("'", i + 1);
      if (j < 0) return undefined;
      i = j;
    }
  }
  return undefined;
}

function parseHeader(line: string): { path: string[]; arrayTable: boolean } | undefined {
  const m = /^\s*(\[\[?)(.*?)(\]\]?)\s*(#.*)?$/.exec(line);
  if (!m) return undefined;
  const arrayTable = m[1] === '[[';
  if (arrayTable !== (m[3] === ']]')) return undefined;
  const path = parseDottedKey(m[2]!);
  return path ? { path, arrayTable } : undefined;
}

export function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  let state: State = { mode: 'normal', depth: 0 };
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    const body = text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const topLevel = state.mode === 'normal' && state.depth === 0;
    const trimmed = body.trim();
    if (topLevel && trimmed === '') lines.push({ start, end, kind: 'blank' });
    else if (topLevel && trimmed.startsWith('#')) lines.push({ start, end, kind: 'comment' });
    else if (topLevel && trimmed.startsWith('[')) {
      const header = parseHeader(body);
      if (header) lines.push({ start, end, kind: 'header', ...header });
      else lines.push({ start, end, kind: 'content' });
    } else {
      const key = topLevel ? parseKeyOfLine(body) : undefined;
      lines.push({ start, end, kind: 'content', ...(key && { key }), ...(!topLevel && { continued: true }) });
      state = scanValue(text, start, start + body.length, state);
    }
    start = end;
  }
  return lines;
}
