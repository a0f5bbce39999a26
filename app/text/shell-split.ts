// POSIX-shell-style word splitting (the inverse of shell-quote.ts), for
// arguments typed after a command: `a "b c" d\ e 'f g'` → a, b c, d e, f g.
// Double quotes keep `\"`, `\\`, `\$` and `` \` `` escapes; single quotes keep
// everything; a backslash outside quotes escapes the next character. An
// unterminated quote is an error rather than a silently dropped word.

export type SplitResult = { ok: true; words: string[] } | { ok: false; error: string };

export function shellSplit(text: string): SplitResult {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (s: string) => (word = (word ?? '') + s);
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: `unterminated ' quote at column ${i + 1}` };
      add(text.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1]!)) j++;
        s += text[j];
      }
      if (j >= text.length) return { ok: false, error: `unterminated " quote at column ${i + 1}` };
      add(s);
      i = j + 1;
    } else if (ch === '\\' && i + 1 < text.length) {
      add(text[i + 1]!);
      i += 2;
    } else {
      add(ch);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return { ok: true, words };
}
