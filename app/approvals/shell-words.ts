// A small tokenizer for the scripts of `bash -lc "…"`: it accepts only plain
// words (bare, 'single-quoted', "double-quoted" without expansions) joined by
// &&, ||, ; and |. Anything else (redirections, $ and backquote expansions,
// globs, subshells, background jobs, comments, newlines, assignments) makes it
// return null, meaning "not a script we can judge".

/** The commands of a script, in order, or null when the script is not plain. */
export function splitPlainScript(script: string): string[][] | null {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): boolean => {
    endWord();
    if (words.length === 0) return false; // `&& ls`, `ls ;; pwd`, `ls |`
    commands.push(words);
    words = [];
    return true;
  };
  while (i < script.length) {
    const c = script[i]!;
    if (c === ' ' || c === '\t') {
      endWord();
      i += 1;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close < 0) return null;
      word += script.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      i += 1;
      for (;;) {
        const d = script[i];
        if (d === undefined) return null; // unterminated
        if (d === '"') break;
        if (d === '$' || d === '`') return null;
        if (d === '\\') {
          const next = script[i + 1];
          if (next === undefined) return null;
          // Inside double quotes a backslash only escapes these; otherwise it is literal.
          if ('"\\$`'.includes(next)) { word += next; i += 2; continue; }
          if (next === '\n') return null;
        }
        word += d;
        i += 1;
      }
      inWord = true;
      i += 1;
    } else if (c === '\\') {
      const next = script[i + 1];
      if (next === undefined || next === '\n') return null;
      word += next;
      inWord = true;
      i += 2;
    } else if (c === '&' || c === '|' || c === ';') {
      const two = script.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        if (!endCommand()) return null;
        i += 2;
      } else if (c === '&' || two === '|&' || two === ';;') {
        return null; // background job, |&, case terminator
      } else {
        if (!endCommand()) return null;
        i += 1;
      }
    } else if ('<>()$`*?[]{}!\n\r'.includes(c)) {
      return null;
    } else if ((c === '~' || c === '#') && !inWord) {
      return null; // a word-initial ~ expands and # starts a comment; later in a word both are literal
    } else if (c === '=' && words.length === 0) {
      return null; // in the first word it is an assignment (FOO=bar cmd)
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  if (!endCommand()) return null;
  return commands;
}
