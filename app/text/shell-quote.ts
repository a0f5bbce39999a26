// Python-shlex-style quoting of an argv for display (exec output, approval
// prompts, the transcript): `bash -lc 'echo hi'`, `'it'"'"'s'`; and the
// inverse, splitting a line as a shell would (a path a terminal pasted).
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}

export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * The words of a POSIX shell line, quotes and backslash escapes removed
 * (`'/a b.png'`, `/a\ b.png` → `/a b.png`); undefined when a quote is left
 * open. No expansion: `$HOME` stays as written.
 */
export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let part = '';
      for (; j < line.length && line[j] !== '"'; j++) {
        // Inside double quotes a backslash escapes only these.
        if (line[j] === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1]!)) j++;
        part += line[j];
      }
      if (j >= line.length) return undefined;
      word = (word ?? '') + part;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
