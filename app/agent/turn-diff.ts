// TurnDiffTracker (reference §4.8): remembers each file as it was before the
// first patch of the turn touched it, and at the end of the turn renders a
// git-style unified diff of everything that changed, relative to the git root.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { unifiedDiff } from '../tools/unified-diff.js';
import { findGitRoot } from '../git/repo.js';
import { blobOid } from '../checkpoints/blob-id.js';

const ZERO_OID = '0'.repeat(40);

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function asText(b: Buffer): string | undefined {
  if (b.includes(0)) return undefined;
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
}

export class TurnDiffTracker {
  private readonly baseline = new Map<string, Buffer | null>();

  constructor(private readonly cwd: string) {}

  /** Call before a patch writes these absolute paths (move destinations included). */
  snapshot(paths: Iterable<string>): void {
    for (const p of paths) if (!this.baseline.has(p)) this.baseline.set(p, readOrNull(p));
  }

  get touched(): boolean {
    return this.baseline.size > 0;
  }

  /** The unified diff of the turn so far; '' when nothing differs. */
  unifiedDiff(): string {
    const root = findGitRoot(this.cwd) ?? this.cwd;
    const entries = [...this.baseline]
      .map(([abs, before]) => ({ rel: relative(root, abs).split('\\').join('/'), before, after: readOrNull(abs) }))
      .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    return entries.map(({ rel, before, after }) => fileDiff(rel, before, after)).join('');
  }
}

function fileDiff(rel: string, before: Buffer | null, after: Buffer | null): string {
  if (before === null && after === null) return '';
  if (before && after && before.equals(after)) return '';
  const left = before ? blobOid(before) : ZERO_OID;
  const right = after ? blobOid(after) : ZERO_OID;
  let out = `diff --git a/${rel} b/${rel}\n`;
  if (!before) out += `new file mode 100644\nindex ${left}..${right}\n`;
  else if (!after) out += `deleted file mode 100644\nindex ${left}..${right}\n`;
  else out += `index ${left}..${right} 100644\n`;
  const oldText = before ? asText(before) : '';
  const newText = after ? asText(after) : '';
  if (oldText === undefined || newText === undefined) {
    return `${out}Binary files ${before ? `a/${rel}` : '/dev/null'} and ${after ? `b/${rel}` : '/dev/null'} differ\n`;
  }
  out += `--- ${before ? `a/${rel}` : '/dev/null'}\n+++ ${after ? `b/${rel}` : '/dev/null'}\n`;
  return out + unifiedDiff(oldText, newText);
}
