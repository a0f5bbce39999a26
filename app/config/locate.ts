// Finds the line of a key in TOML source text, so type errors can point at
// `config.toml:LINE:COL` like syntax errors do. Best effort: it understands
// [table] / [[array]] headers and dotted keys, which covers config.toml.
// Lines are indexed as far as a lookup needs and never twice, so locating
// many keys (thousands of unknown ones) stays linear in the file's size.

export interface Location { readonly line: number; readonly column: number }

const BARE = /^[A-Za-z0-9_-]+$/;

function splitKey(key: string): string[] {
  if (BARE.test(key)) return [key];
  const parts: string[] = [];
  for (const m of key.matchAll(/\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.]+)\s*(?:\.|$)/g)) {
    const p = m[1]!.trim();
    if (!p) continue;
    try {
      parts.push(p.startsWith('"') ? JSON.parse(p) as string : p.replace(/^'|'$/g, ''));
    } catch {
      parts.push(p); // an escape JSON does not know (\U0001F600): close enough for locating
    }
  }
  return parts;
}

/** Key paths are joined with a separator no TOML key contains unescaped. */
const joinPath = (parts: readonly string[]): string => parts.join('\u0000');

export class KeyLocator {
  private readonly lines: string[];
  private next = 0;
  private header: string[] = [];
  /** Where each key path, and each prefix of one, is first defined in the lines read so far. */
  private readonly index = new Map<string, Location>();

  constructor(source: string) {
    this.lines = source.split('\n');
  }

  /** 1-based line and column of the key that defines `path`, else of its nearest ancestor that is written down. */
  locate(path: readonly PropertyKey[]): Location | undefined {
    const key = joinPath(path.filter((p): p is string => typeof p === 'string'));
    while (!this.index.has(key) && this.next < this.lines.length) this.read(this.next++);
    const want = path.filter((p): p is string => typeof p === 'string');
    for (let d = want.length; d > 0; d--) {
      const at = this.index.get(joinPath(want.slice(0, d)));
      if (at) return at;
    }
    return undefined;
  }

  private read(i: number): void {
    const line = this.lines[i]!;
    const h = /^\s*\[\[?([^\]]+)\]\]?/.exec(line);
    let full: string[] | undefined;
    if (h) full = this.header = splitKey(h[1]!.trim());
    else {
      const k = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=/.exec(line);
      if (k) full = [...this.header, ...splitKey(k[1]!)];
    }
    if (!full) return;
    const at = { line: i + 1, column: line.length - line.trimStart().length + 1 };
    for (let d = 1; d <= full.length; d++) {
      const key = joinPath(full.slice(0, d));
      if (!this.index.has(key)) this.index.set(key, at);
    }
  }
}
