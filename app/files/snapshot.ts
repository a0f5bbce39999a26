// The file index's listing kept between sessions, so that a session does not
// walk the whole tree again: the directory records (mtimes, ignore files)
// and the sorted paths, in one file per root under CODEX_HOME/file-index.
// A loaded snapshot is swept (every directory stat'ed, the changed ones read
// again), so it is never trusted beyond what the mtimes vouch for; one made
// under other rules from outside the root (the key), of another format, or
// damaged, is not loaded and the tree is built afresh. Written whole to a
// temporary file and renamed into place, so a reader sees an old one or a
// new one, never half of one; for the user only (0600 in a 0700 directory):
// it names every file of the folder. Writing one removes the listings (and leftover
// temporary files) untouched for 30 days; loading one touches it, so a
// folder still worked in keeps its listing however long it goes unchanged.
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeCacheDir, removeStale } from '../code-cache-dir.js';
import type { DirRecord } from './dir-tree.js';

const FORMAT = 'codex-file-index 1';
/** After the last path: a file cut short (a disk that filled up) lacks it. No name is empty, so two NULs never meet inside. */
const END = '\0\0';

export interface Snapshot {
  readonly records: readonly DirRecord[];
  /** Sorted (UTF-16 code units), as the tree lists them. */
  readonly paths: readonly string[];
}

/** Paths are saved in blocks of this many: a session loads them a block or more per slice of its background work. */
const BLOCK = 4096;

/** A block of paths read back, with their lower-cased twins. */
export interface PathBlock {
  readonly paths: string[];
  readonly lower: string[];
}

/** Records are checked and handed over this many at a time. */
const RECORDS = 1024;

/**
 * A snapshot being read a part at a time, so that no part holds the event
 * loop for long: its paths in blocks, and its records (parents before
 * children) a chunk at a time. Each call gives the next part of its kind;
 * 'done' after the last; 'damaged' when a part does not hold what the header
 * says (records: when their counts do not add up to the paths').
 */
export interface SnapshotReader {
  records(): DirRecord[] | 'done' | 'damaged';
  paths(): PathBlock | 'done' | 'damaged';
}

/**
 * Header line, the key, the records as one JSON line, where each block of
 * paths starts (and how many it holds), then the paths, NUL-separated (no
 * file name holds a NUL), and END. Made a part at a time (the records, then
 * a block of paths each), so that saving 100,000 paths (~20 ms at once)
 * holds no slice long.
 */
export function* snapshotParts(key: string, s: Snapshot): Generator<string> {
  yield `${FORMAT}\n${JSON.stringify(key)}\n`;
  yield `${JSON.stringify(s.records.map((r) => [r.rel, r.mtime, r.racy ? 1 : 0, r.count, r.ruleFiles, r.ruleMtimes.map((m) => m ?? null), r.ruleTexts]))}\n`;
  const blocks: [number, number][] = [];
  for (let i = 0, at = 0; i < s.paths.length; i += BLOCK) {
    const n = Math.min(BLOCK, s.paths.length - i);
    blocks.push([at, n]);
    for (let j = i; j < i + n; j++) at += s.paths[j]!.length + 1;
  }
  yield `${JSON.stringify(blocks)}\n`;
  for (let i = 0; i < s.paths.length; i += BLOCK) yield s.paths.slice(i, i + BLOCK).join('\0') + (i + BLOCK < s.paths.length ? '\0' : '');
  yield END;
}

/** The whole snapshot's text. */
export const encodeSnapshot = (key: string, s: Snapshot): string => [...snapshotParts(key, s)].join('');

/** A reader of the snapshot in `text` when it is one of this format made under `key`; undefined otherwise. */
export function readSnapshotText(text: string, key: string): SnapshotReader | undefined {
  const lines: string[] = [];
  let at = 0;
  for (let i = 0; i < 4; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return undefined;
    lines.push(text.slice(at, nl));
    at = nl + 1;
  }
  if (lines[0] !== FORMAT || lines[1] !== JSON.stringify(key) || !text.endsWith(END)) return undefined;
  const rest = text.slice(at, text.length - END.length);
  const blocks = parseBlocks(lines[3]!, rest);
  if (!blocks) return undefined;
  const total = blocks.reduce((n, [, k]) => n + k, 0);
  // Parsed when first asked for: the paths come first, and the first of them should not wait on it.
  let raw: unknown;
  let counted = 0;
  let record = 0;
  let block = 0;
  return {
    records: () => {
      raw ??= parseJson(lines[2]!) ?? null;
      if (!Array.isArray(raw) || raw.length === 0) return 'damaged'; // a listing holds its root at least
      if (record >= raw.length) return counted === total ? 'done' : 'damaged';
      const chunk = checkRecords(raw.slice(record, record + RECORDS));
      record += RECORDS;
      if (!chunk) return 'damaged';
      for (const r of chunk) counted += r.count;
      return chunk;
    },
    paths: () => {
      if (block >= blocks.length) return 'done';
      const [from, n] = blocks[block]!;
      const to = block + 1 < blocks.length ? blocks[block + 1]![0] - 1 : rest.length;
      block++;
      const text = rest.slice(from, to);
      const paths = text.split('\0');
      if (paths.length !== n) return 'damaged';
      // Lower-cased whole, then split: a NUL is no letter, so each path comes out as its own toLowerCase() would.
      // Paths without capitals (most) are their own lower-cased twins: the same strings, not a second set.
      const lowered = text.toLowerCase();
      return { paths, lower: lowered === text ? paths.slice() : lowered.split('\0') };
    },
  };
}

/** Checked by hand, not by a schema: thousands of records, read before the first `@` answer. */
function checkRecords(raw: readonly unknown[]): DirRecord[] | undefined {
  const records: DirRecord[] = [];
  for (const r of raw) {
    if (!Array.isArray(r) || r.length !== 7) return undefined;
    const [rel, mtime, racy, n, ruleFiles, ruleMtimes, ruleTexts] = r as unknown[];
    if (typeof rel !== 'string' || typeof mtime !== 'number' || (racy !== 0 && racy !== 1) || !Number.isInteger(n) || (n as number) < 0) return undefined;
    if (!strings(ruleFiles) || !strings(ruleTexts) || !Array.isArray(ruleMtimes)) return undefined;
    if (ruleTexts.length !== ruleFiles.length || ruleMtimes.length !== ruleFiles.length || !ruleMtimes.every((m) => m === null || typeof m === 'number')) return undefined;
    records.push({ rel, mtime, racy: racy === 1, count: n as number, ruleFiles, ruleMtimes: ruleMtimes.map((m: number | null) => m ?? undefined), ruleTexts });
  }
  return records;
}

/** The blocks' starts and sizes, when each starts where a path does, in order, within `rest`. */
function parseBlocks(line: string, rest: string): [number, number][] | undefined {
  const raw = parseJson(line);
  if (!Array.isArray(raw)) return undefined;
  let last = -1;
  for (const b of raw as unknown[]) {
    if (!Array.isArray(b) || b.length !== 2 || !Number.isInteger(b[0]) || !Number.isInteger(b[1]) || b[1] < 1) return undefined;
    const at = b[0] as number;
    if (at <= last || at >= rest.length || (last < 0 ? at !== 0 : rest[at - 1] !== '\0')) return undefined;
    last = at;
  }
  return raw as [number, number][];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** Where the snapshot of `root` lives in `dir`. */
export const snapshotFile = (dir: string, root: string): string =>
  join(dir, `${createHash('sha256').update(root).digest('hex').slice(0, 24)}.snapshot`);

/** A listing or a temporary file left by a write cut short. */
const LISTING = /\.snapshot(\.\d+\.tmp)?$/;
/** A listing is ~3 MB per 100,000 files: one no session loaded or wrote for this long goes. */
const STALE_MS = 30 * 24 * 3600_000;

/** The file's text, touched as in use; undefined when there is none (or it cannot be read: the tree is built instead). */
export function readSnapshot(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // another user's home, read-only: the listing may go after 30 days, and is written again then
  }
  return text;
}

/** Writes `parts` to `file` whole, off the event loop; false when it cannot (a read-only home: each session builds the tree). */
export async function writeSnapshot(file: string, parts: readonly string[]): Promise<boolean> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    // It names every file of the folder: codex's own directory for the user only, the file 0600 whatever a leftover of its name had.
    if (!makeCacheDir(dirname(file))) return false;
    await rm(tmp, { force: true });
    await writeFile(tmp, parts.join(''), { mode: 0o600, flag: 'wx' });
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true });
    return false;
  }
  try {
    removeStale(dirname(file), LISTING, basename(file), STALE_MS);
  } catch {
    // the directory cannot be listed: nothing is removed this time
  }
  return true;
}
