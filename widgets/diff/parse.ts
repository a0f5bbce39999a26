// Turns the two diff inputs the UI sees into one model: a patch's FileChange map
// (add / delete / update with a unified diff and an optional move) and a git
// style multi-file unified diff (the turn diff shown by /diff).

/** Structurally the agent protocol's FileChange; widgets do not import the agent. */
export type FileChange =
  | { add: { content: string } }
  | { delete: { content: string } }
  | { update: { unified_diff: string; move_path?: string } };

export interface DiffLine {
  kind: 'add' | 'del' | 'ctx';
  text: string;
  /** Old-file number for deletions, new-file number otherwise. */
  lineNo: number;
}

export interface DiffFile {
  kind: 'add' | 'delete' | 'update';
  path: string;
  movePath?: string;
  hunks: DiffLine[][];
  added: number;
  removed: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

function contentLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function whole(kind: 'add' | 'delete', path: string, content: string): DiffFile {
  const lines = contentLines(content).map((text, i): DiffLine => ({ kind: kind === 'add' ? 'add' : 'del', text, lineNo: i + 1 }));
  return {
    kind,
    path,
    hunks: lines.length ? [lines] : [],
    added: kind === 'add' ? lines.length : 0,
    removed: kind === 'delete' ? lines.length : 0,
  };
}

/** Hunks of a unified diff body; header lines before the first `@@` are ignored. */
export function parseHunks(diff: string): { hunks: DiffLine[][]; added: number; removed: number } {
  const hunks: DiffLine[][] = [];
  let cur: DiffLine[] | undefined;
  let oldNo = 0;
  let newNo = 0;
  let added = 0;
  let removed = 0;
  const rows = diff.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  for (const raw of rows) {
    const line = raw.replace(/\r$/, '');
    const m = HUNK.exec(line);
    if (m) {
      cur = [];
      hunks.push(cur);
      oldNo = Number(m[1]);
      newNo = Number(m[2]);
      continue;
    }
    if (!cur) continue;
    const sign = line[0];
    const text = line.slice(1);
    if (sign === '+') {
      cur.push({ kind: 'add', text, lineNo: newNo++ });
      added++;
    } else if (sign === '-') {
      cur.push({ kind: 'del', text, lineNo: oldNo++ });
      removed++;
    } else if (sign === ' ' || line === '') {
      // An empty row is a blank context line whose leading space was stripped.
      cur.push({ kind: 'ctx', text, lineNo: newNo++ });
      oldNo++;
    }
    // `\ No newline at end of file` carries no row.
  }
  return { hunks: hunks.filter((h) => h.length), added, removed };
}

export function fromFileChanges(changes: Readonly<Record<string, FileChange>>): DiffFile[] {
  return Object.keys(changes)
    .sort()
    .map((path) => {
      const c = changes[path]!;
      if ('add' in c) return whole('add', path, c.add.content);
      if ('delete' in c) return whole('delete', path, c.delete.content);
      const parsed = parseHunks(c.update.unified_diff);
      return {
        kind: 'update' as const,
        path,
        ...(c.update.move_path && c.update.move_path !== path ? { movePath: c.update.move_path } : {}),
        ...parsed,
      };
    });
}

/** A git-style diff (`diff --git a/x b/x` sections) as files. */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const files: DiffFile[] = [];
  const sections = text.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git ') || s.includes('\n@@'));
  for (const section of sections) {
    const lines = section.split('\n');
    const head = /^diff --git a\/(.+?) b\/(.+)$/.exec(lines[0] ?? '');
    let oldPath = head?.[1];
    let newPath = head?.[2];
    let kind: DiffFile['kind'] = 'update';
    for (const l of lines) {
      if (l.startsWith('@@')) break;
      if (l.startsWith('new file mode') || l === '--- /dev/null') kind = 'add';
      else if (l.startsWith('deleted file mode') || l === '+++ /dev/null') kind = 'delete';
      else if (l.startsWith('rename from ')) oldPath = l.slice(12);
      else if (l.startsWith('rename to ')) newPath = l.slice(10);
      else if (l.startsWith('--- a/')) oldPath = l.slice(6);
      else if (l.startsWith('+++ b/')) newPath = l.slice(6);
    }
    const path = (kind === 'add' ? newPath : oldPath) ?? newPath ?? '';
    const parsed = parseHunks(section);
    const moved = kind === 'update' && newPath && oldPath && newPath !== oldPath;
    files.push({ kind, path, ...(moved ? { movePath: newPath } : {}), ...parsed });
  }
  return files;
}
