// Pure apply_patch engine: from parsed hunks and a way to read files, compute
// the final content of every affected path, the FileChange map for the agent's
// events and the success summary. Nothing is written here, so every hunk is
// validated before the I/O shell (commit.ts) touches the disk.
import { isAbsolute, resolve } from 'node:path';
import type { FileChange } from '../../protocol/events.js';
import { unifiedDiff } from '../unified-diff.js';
import { describeIoError } from './io-error.js';
import type { Hunk, UpdateChunk } from './parser.js';
import { seekSequence } from './seek.js';

/** Reads a whole file; throws (e.g. ENOENT) like fs.readFile. */
export type ReadFile = (absPath: string) => Promise<Uint8Array | string>;

/** A patch that cannot be applied to the files as they are; the message is for the model. */
export class PatchApplyError extends Error {
  override name = 'PatchApplyError';
}

export interface PlannedWrite {
  readonly path: string;
  /** The path as the patch wrote it, for messages. */
  readonly display: string;
  /** New content, or null to remove the file. */
  readonly content: string | null;
}

export interface PatchPlan {
  /** Final state of each touched path, in the order the patch first touched them. */
  readonly writes: readonly PlannedWrite[];
  /** Keyed by absolute path, as the agent's events carry them. */
  readonly changes: Record<string, FileChange>;
  /** `Success. Updated the following files:` … as the tool answers. */
  readonly summary: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : utf8.decode(data);
}

/** Files as the patch sees them: disk below, this patch's own edits on top. */
class Overlay {
  private readonly current = new Map<string, { display: string; content: string | null }>();
  readonly baseline = new Map<string, string | null>();
  constructor(private readonly readFile: ReadFile) {}

  async read(path: string, what: string): Promise<string> {
    const mine = this.current.get(path);
    if (mine) {
      if (mine.content === null) throw new PatchApplyError(`${what}: No such file or directory (os error 2)`);
      return mine.content;
    }
    let data: Uint8Array | string;
    try {
      data = await this.readFile(path);
    } catch (err) {
      throw new PatchApplyError(`${what}: ${describeIoError(err)}`);
    }
    let text: string;
    try {
      text = decode(data);
    } catch {
      throw new PatchApplyError(`${what}: stream did not contain valid UTF-8`);
    }
    if (!this.baseline.has(path)) this.baseline.set(path, text);
    return text;
  }

  /** What was on disk before, for a path the patch overwrites without reading. */
  async peekBaseline(path: string): Promise<void> {
    if (this.baseline.has(path) || this.current.has(path)) return;
    try {
      this.baseline.set(path, decode(await this.readFile(path)));
    } catch {
      this.baseline.set(path, null); // absent (or unreadable: the write will tell)
    }
  }

  set(path: string, display: string, content: string | null): void {
    this.current.set(path, { display, content });
  }

  writes(): PlannedWrite[] {
    return [...this.current].map(([path, { display, content }]) => ({ path, display, content }));
  }
}

export async function planPatch(hunks: readonly Hunk[], cwd: string, readFile: ReadFile): Promise<PatchPlan> {
  const fs = new Overlay(readFile);
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  const added: string[] = [];
  const modified: string[] = [];
  const deleted: string[] = [];
  const moves = new Map<string, string>(); // source → destination
  for (const hunk of hunks) {
    const path = abs(hunk.path);
    if (hunk.kind === 'add') {
      await fs.peekBaseline(path);
      fs.set(path, hunk.path, hunk.contents);
      added.push(hunk.path);
    } else if (hunk.kind === 'delete') {
      await fs.read(path, `Failed to delete file ${hunk.path}`);
      fs.set(path, hunk.path, null);
      deleted.push(hunk.path);
    } else {
      const original = await fs.read(path, `Failed to read file to update ${hunk.path}`);
      const next = applyChunks(original, hunk.chunks, hunk.path);
      if (hunk.movePath !== undefined) {
        const dest = abs(hunk.movePath);
        await fs.peekBaseline(dest);
        fs.set(dest, hunk.movePath, next);
        if (dest !== path) {
          fs.set(path, hunk.path, null);
          moves.set(path, dest);
        }
        modified.push(hunk.movePath);
      } else {
        fs.set(path, hunk.path, next);
        modified.push(hunk.path);
      }
    }
  }
  const writes = fs.writes();
  const summary = ['Success. Updated the following files:',
    ...added.map((p) => `A ${p}`), ...modified.map((p) => `M ${p}`), ...deleted.map((p) => `D ${p}`)]
    .join('\n');
  return { writes, changes: fileChanges(writes, fs.baseline, moves), summary: `${summary}\n` };
}

/** Net effect per path; a move shows as one update of the source with its new path. */
function fileChanges(
  writes: readonly PlannedWrite[], baseline: ReadonlyMap<string, string | null>, moves: ReadonlyMap<string, string>,
): Record<string, FileChange> {
  const finals = new Map(writes.map((w) => [w.path, w.content]));
  const changes: Record<string, FileChange> = {};
  const shownAsMove = new Set<string>();
  for (const [src, dest] of moves) {
    const before = baseline.get(src);
    const after = finals.get(dest);
    if (finals.get(src) !== null || typeof before !== 'string' || typeof after !== 'string') continue;
    changes[src] = { update: { unified_diff: unifiedDiff(before, after, 1), move_path: dest } };
    shownAsMove.add(src).add(dest);
  }
  for (const { path, content } of writes) {
    if (shownAsMove.has(path)) continue;
    const before = baseline.get(path) ?? null;
    if (before === null && content !== null) changes[path] = { add: { content } };
    else if (before !== null && content === null) changes[path] = { delete: { content: before } };
    else if (before !== null && content !== null) changes[path] = { update: { unified_diff: unifiedDiff(before, content, 1) } };
  }
  return changes;
}

/**
 * New content of a file after the update chunks; throws PatchApplyError when a
 * chunk does not fit. The file keeps its form: a UTF-8 BOM stays, and a file
 * whose lines all end in CRLF gets CRLF on the new lines too (patches are
 * written with LF).
 */
export function applyChunks(original: string, chunks: readonly UpdateChunk[], display: string): string {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? original.slice(1) : original;
  let lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the final newline is not a line
  const unterminatedLast = !body.endsWith('\n');
  const crlf = lines.some((l) => l.endsWith('\r'))
    && lines.every((l, i) => l.endsWith('\r') || (unterminatedLast && i === lines.length - 1));
  if (crlf) lines = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const eol = crlf ? '\r\n' : '\n';
  const replacements: { at: number; remove: number; insert: readonly string[] }[] = [];
  let index = 0;
  for (const chunk of chunks) {
    for (const context of chunk.contexts) {
      const at = seekSequence(lines, [context], index, false);
      if (at === undefined) throw new PatchApplyError(`Failed to find context '${context}' in ${display}`);
      index = at + 1;
    }
    if (chunk.oldLines.length === 0) {
      // Pure addition: after the `@@` context line when there is one, else at the end.
      const at = chunk.contexts.length ? index : lines.length;
      replacements.push({ at, remove: 0, insert: chunk.newLines });
      continue;
    }
    let pattern = chunk.oldLines;
    let insert = chunk.newLines;
    let at = seekSequence(lines, pattern, index, chunk.isEndOfFile);
    if (at === undefined && pattern[pattern.length - 1] === '') {
      // A trailing empty old line stands for the file's final newline; retry without it.
      pattern = pattern.slice(0, -1);
      if (insert[insert.length - 1] === '') insert = insert.slice(0, -1);
      at = seekSequence(lines, pattern, index, chunk.isEndOfFile);
    }
    if (at === undefined) {
      throw new PatchApplyError(`Failed to find expected lines in ${display}:\n${chunk.oldLines.join('\n')}`);
    }
    replacements.push({ at, remove: pattern.length, insert });
    index = at + pattern.length;
  }
  replacements.sort((x, y) => x.at - y.at); // stable: same-index edits keep patch order
  const out: string[] = [];
  let pos = 0;
  for (const { at, remove, insert } of replacements) {
    for (; pos < at; pos++) out.push(lines[pos]!);
    for (const line of insert) out.push(line);
    pos = Math.max(pos, at + remove);
  }
  for (; pos < lines.length; pos++) out.push(lines[pos]!);
  return `${bom}${out.join(eol)}${eol}`;
}
