// Finds the line of a key in TOML source text, so type errors can point at
// `config.toml:LINE:COL` like syntax errors do. Best effort: it understands
// [table] / [[array]] headers and dotted keys, which covers config.toml.

function splitKey(key: string): string[] {
  const parts: string[] = [];
  for (const m of key.matchAll(/\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.]+)\s*(?:\.|$)/g)) {
    const p = m[1]!.trim();
    if (p) parts.push(p.startsWith('"') ? JSON.parse(p) as string : p.replace(/^'|'$/g, ''));
  }
  return parts;
}

/** 1-based line and column of the key that defines `path` (or its nearest ancestor), if found. */
export function locateKey(source: string, path: readonly PropertyKey[]): { line: number; column: number } | undefined {
  const want = path.filter((p): p is string => typeof p === 'string');
  let header: string[] = [];
  let best: { line: number; column: number; depth: number } | undefined;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^\s*\[\[?([^\]]+)\]\]?/.exec(line);
    let full: string[] | undefined;
    let column = line.length - line.trimStart().length + 1;
    if (h) {
      header = splitKey(h[1]!);
      full = header;
    } else {
      const k = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=/.exec(line);
      if (k) full = [...header, ...splitKey(k[1]!)];
    }
    if (!full || full.length > want.length || !full.every((p, j) => p === want[j])) continue;
    if (!best || full.length > best.depth) best = { line: i + 1, column, depth: full.length };
  }
  return best && { line: best.line, column: best.column };
}
