// The pure core of undo: which recorded turns an undo covers, which files it
// puts back and to what, and which of them the user changed since the agent
// did (then nothing is restored, and the list says why).
import type { Change, FileState, Fingerprint, LogLine, TurnRecord } from './types.js';

/** The records still undoable, oldest first, after replaying the log. */
export function liveRecords(lines: readonly LogLine[]): TurnRecord[] {
  let records: TurnRecord[] = [];
  for (const line of lines) {
    if ('record' in line) records = [...records.filter((r) => r.turn !== line.record.turn), line.record];
    else records = records.filter((r) => !line.undone.includes(r.turn));
  }
  return records.sort((a, b) => a.turn - b.turn);
}

/** `/undo`: the latest turn that changed files. */
export function lastTurn(records: readonly TurnRecord[]): TurnRecord[] {
  const last = records.at(-1);
  return last ? [last] : [];
}

/** Backtrack: every turn from `turn` on. */
export function turnsFrom(records: readonly TurnRecord[], turn: number): TurnRecord[] {
  return records.filter((r) => r.turn >= turn);
}

export function sameContent(a: Fingerprint | FileState | undefined, b: Fingerprint | FileState | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind !== 'present' || b.kind !== 'present') return a.kind !== 'other';
  return a.oid === b.oid && a.mode === b.mode;
}

/** Per path: the state before the first of these turns touched it, and after the last did. */
export function netChanges(records: readonly TurnRecord[]): Change[] {
  const byPath = new Map<string, Change>();
  for (const r of [...records].sort((a, b) => a.turn - b.turn)) {
    for (const c of r.changes) {
      const seen = byPath.get(c.path);
      byPath.set(c.path, seen ? { ...seen, after: c.after } : c);
    }
  }
  return [...byPath.values()].filter((c) => !sameContent(c.before, c.after));
}

export type UndoPlan =
  | { kind: 'nothing' }
  | { kind: 'conflict'; turns: number[]; paths: string[] }
  | { kind: 'restore'; turns: number[]; restore: { path: string; to: FileState }[] };

/**
 * Undoes `records`: every file they changed goes back to its state before
 * them, unless someone changed one of those files since (its content now is
 * not what the last of them left): then nothing is restored.
 */
export function planUndo(records: readonly TurnRecord[], now: ReadonlyMap<string, Fingerprint>): UndoPlan {
  if (records.length === 0) return { kind: 'nothing' };
  const turns = records.map((r) => r.turn);
  const changes = netChanges(records);
  const conflicts = changes.filter((c) => !sameContent(now.get(c.path), c.after)).map((c) => c.path);
  if (conflicts.length) return { kind: 'conflict', turns, paths: conflicts.sort() };
  return { kind: 'restore', turns, restore: changes.map((c) => ({ path: c.path, to: c.before })).sort((a, b) => (a.path < b.path ? -1 : 1)) };
}
