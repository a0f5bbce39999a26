// The `@token` under the composer's cursor, and its replacement by a picked path.
// Pure string functions; the composer owns the text and the cursor.

export interface AtToken {
  /** Offset of the `@`. */
  readonly start: number;
  /** Offset just past the token. */
  readonly end: number;
  /** The text after `@` (may be empty: the picker then shows a hint, no search). */
  readonly query: string;
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** The whitespace-delimited token containing `cursor` (or ending at it), if it starts with `@`. */
export function atTokenAt(text: string, cursor: number): AtToken | undefined {
  let start = Math.min(Math.max(cursor, 0), text.length);
  while (start > 0 && !isSpace(text[start - 1])) start--;
  let end = cursor;
  while (end < text.length && !isSpace(text[end])) end++;
  if (text[start] !== '@') return undefined;
  return { start, end, query: text.slice(start + 1, end) };
}

/** Replaces the token with `path` and a space; paths with whitespace are quoted. */
export function replaceAtToken(text: string, token: AtToken, path: string): { text: string; cursor: number } {
  const inserted = /\s/.test(path) ? `"${path.replace(/(["\\])/g, '\\$1')}" ` : `${path} `;
  // Do not double the space when one already follows the token.
  const rest = text.slice(token.end);
  const tail = rest.startsWith(' ') ? rest.slice(1) : rest;
  return { text: text.slice(0, token.start) + inserted + tail, cursor: token.start + inserted.length };
}
