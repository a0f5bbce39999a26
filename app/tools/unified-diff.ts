// Line diff (Myers) and unified-diff hunks, shared by apply_patch's FileChange
// and anything else that shows a change (turn diffs). Output has hunks only
// (`@@ -a,b +c,d @@` …); callers add `---`/`+++` or git headers themselves.

type Tag = ' ' | '-' | '+';
interface DiffLine { readonly tag: Tag; readonly text: string }

// Above this many edits the exact search costs too much memory; the changed
// middle is then shown as one removal plus one addition (still a correct diff).
const MAX_EDIT_DISTANCE = 2000;

/** Lines with their `\n` kept, so a missing final newline is a difference. */
function splitKeepingNewlines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Shortest edit script between two id sequences: one tag per line, in order. */
function myers(a: Int32Array, b: Int32Array): Tag[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 1);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2)); // v before step d, k in [-d-1, d+1]
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  if (!found) return [...Array<Tag>(n).fill('-'), ...Array<Tag>(m).fill('+')];
  const out: Tag[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snap = trace[d]!;
    const at = (k: number): number => snap[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { out.push(' '); x--; y--; }
    if (d > 0) {
      if (x === prevX) { out.push('+'); y--; } else { out.push('-'); x--; }
    }
  }
  return out.reverse();
}

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitKeepingNewlines(oldText);
  const b = splitKeepingNewlines(newText);
  const ids = new Map<string, number>();
  const id = (s: string): number => {
    let v = ids.get(s);
    if (v === undefined) { v = ids.size; ids.set(s, v); }
    return v;
  };
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = Int32Array.from(a.slice(pre, a.length - suf), id);
  const midB = Int32Array.from(b.slice(pre, b.length - suf), id);
  const out: DiffLine[] = a.slice(0, pre).map((text) => ({ tag: ' ', text }));
  let i = pre;
  let j = pre;
  for (const tag of myers(midA, midB)) {
    if (tag === '+') out.push({ tag, text: b[j++]! });
    else { out.push({ tag, text: a[i++]! }); if (tag === ' ') j++; }
  }
  for (const text of a.slice(a.length - suf)) out.push({ tag: ' ', text });
  return out;
}

function range(start0: number, count: number): string {
  if (count === 0) return `${start0},0`;
  return count === 1 ? `${start0 + 1}` : `${start0 + 1},${count}`;
}

function renderLine({ tag, text }: DiffLine): string {
  return text.endsWith('\n') ? `${tag}${text}` : `${tag}${text}\n\\ No newline at end of file\n`;
}

/** Unified-diff hunks of the change from `oldText` to `newText`; '' when equal. */
export function unifiedDiff(oldText: string, newText: string, context = 3): string {
  const lines = diffLines(oldText, newText);
  const changed: number[] = [];
  lines.forEach((l, i) => { if (l.tag !== ' ') changed.push(i); });
  let out = '';
  let g = 0;
  while (g < changed.length) {
    let last = changed[g]!;
    const first = last;
    g++;
    while (g < changed.length && changed[g]! - last - 1 <= 2 * context) last = changed[g++]!;
    const from = Math.max(0, first - context);
    const to = Math.min(lines.length, last + context + 1);
    let oldStart = 0;
    let newStart = 0;
    for (let i = 0; i < from; i++) {
      if (lines[i]!.tag !== '+') oldStart++;
      if (lines[i]!.tag !== '-') newStart++;
    }
    const body = lines.slice(from, to);
    const oldCount = body.filter((l) => l.tag !== '+').length;
    const newCount = body.filter((l) => l.tag !== '-').length;
    out += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    out += body.map(renderLine).join('');
  }
  return out;
}
