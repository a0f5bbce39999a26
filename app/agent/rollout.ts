// The session log (reference §4.10, ≥0.3x line format): one JSON object per
// line, `{timestamp, type, payload}`, under
// $CODEX_HOME/sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<id>.jsonl.
// Every line is written with one synchronous write(2) on an O_APPEND fd, so a
// process killed with SIGKILL loses at most the line it was producing. A write
// the disk has no room for is cut back off (no torn line is left), reported
// once, and the log stops there.
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { narrowPrivate } from '../code-cache-dir.js';
import { cliVersion } from '../config/version.js';
import type { Config } from '../config/types.js';
import { describeIoError } from '../tools/apply-patch/io-error.js';
import { logger } from '../log.js';
import { responseItemSchema, type ResponseItem } from '../model/items.js';
import { appendWhole, openPrivateLog } from './append-whole.js';
import { readGitInfo, type GitInfo } from './git.js';
import type { InitialMessage } from '../protocol/events.js';

const log = logger('codex_core::rollout');

export type RolloutType = 'session_meta' | 'response_item' | 'event_msg' | 'turn_context' | 'compacted';
const TYPES = new Set<string>(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);

export interface SessionMeta {
  id: string;
  timestamp: string;
  cwd: string;
  originator: string;
  cli_version: string;
  instructions?: string;
  git?: GitInfo;
}

export interface RolloutLine {
  timestamp: string;
  type: RolloutType;
  payload: Record<string, unknown>;
}

export class RolloutError extends Error {
  override name = 'RolloutError';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Where every session's log lives, in dated folders. */
const sessionsDir = (codexHome: string): string => join(codexHome, 'sessions');

/** `sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<id>.jsonl`, in local time like the original. */
export function rolloutPathFor(codexHome: string, id: string, at: Date): string {
  const [y, mo, d] = [String(at.getFullYear()), pad(at.getMonth() + 1), pad(at.getDate())];
  const stamp = `${y}-${mo}-${d}T${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return join(sessionsDir(codexHome), y, mo, d, `rollout-${stamp}-${id}.jsonl`);
}

/** Free space a resume asks for before it appends to an earlier session's log: room for a turn's lines. */
export const RESUME_MIN_FREE_BYTES = 64 * 1024;

export class RolloutRecorder {
  private fd: number | undefined;
  /** Lines of a new session held back until it has a conversation (see create). */
  private held: string[] | undefined;
  /** A new session's sessions/ folder, narrowed when its log is first written (see materialize). */
  private sessions: string | undefined;
  private closed = false;
  /** A write failed: the file ends at the last whole line and nothing more is written. */
  private failed = false;
  /** Told once, in words for the user, when the log cannot be written. */
  onWriteFailure: ((message: string) => void) | undefined;

  private constructor(readonly path: string, fd: number | undefined) {
    this.fd = fd;
  }

  /**
   * A new session's log, whose first line is the session_meta. The file is
   * written from the first `materialize()` on (the session calls it with the
   * first user turn): a session quit before anything was said leaves no file
   * to clutter `codex resume`, and has nothing to recover after a crash.
   */
  static create(codexHome: string, meta: SessionMeta, at = new Date()): RolloutRecorder {
    const rec = new RolloutRecorder(rolloutPathFor(codexHome, meta.id, at), undefined);
    rec.sessions = sessionsDir(codexHome);
    rec.held = [];
    rec.record('session_meta', meta as unknown as Record<string, unknown>);
    return rec;
  }

  /** Opens the file and writes what was held back; later lines go straight to it. */
  materialize(): void {
    if (!this.held || this.closed) return;
    const held = this.held.join('');
    this.held = undefined;
    try {
      this.fd = openPrivateLog(this.path, 'a'); // its folders made 0700, CODEX_HOME too when missing
    } catch (err) {
      this.fail(err);
      return;
    }
    // sessions/ an older version (or the native CLI, which writes its logs 0644) left 0755: closed to
    // others, so that none of the conversations below it can be reached, whatever their own modes.
    if (this.sessions) narrowPrivate(this.sessions);
    this.write(held);
  }

  /**
   * Continues an existing file (resume). Refused, leaving the file as it is,
   * when its disk is (nearly) full: the first lines would not fit. A last line
   * cut short by a killed writer is removed (it cannot be read), or terminated
   * when it is whole JSON that only lacks its newline.
   */
  static append(path: string, minFree = RESUME_MIN_FREE_BYTES): RolloutRecorder {
    let free: number | undefined;
    try {
      const fs = statfsSync(dirname(path));
      free = fs.bavail * fs.bsize;
    } catch {
      // no statfs here: the writes will tell
    }
    if (free !== undefined && free < minFree) {
      throw new RolloutError(`Cannot resume: the disk holding ${path} is full (${free} bytes free, ${minFree} needed); the session file is left as it was`);
    }
    const fd = openPrivateLog(path, 'a+'); // a native session's rollout is 0644
    try {
      const tail = lastLineTail(fd);
      if (tail !== undefined && isJson(tail.text)) appendWhole(fd, '\n');
      else if (tail !== undefined) {
        log.warn(`${path}: removing a last line cut short (${tail.text.length} bytes that are not JSON)`);
        ftruncateSync(fd, tail.start);
      }
    } catch (err) {
      closeSync(fd);
      throw new RolloutError(`Cannot resume: ${path}: ${describeIoError(err)}; the session file is left as it was`);
    }
    return new RolloutRecorder(path, fd);
  }

  record(type: RolloutType, payload: object): void {
    const line = `${JSON.stringify({ timestamp: new Date().toISOString(), type, payload })}\n`;
    if (this.held) this.held.push(line);
    else this.write(line);
  }

  private write(text: string): void {
    if (this.fd === undefined || this.failed) return;
    try {
      appendWhole(this.fd, text);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.failed = true;
    const message = `The session log ${this.path} could not be written (${describeIoError(err)}): it ends at the last whole line, and the rest of this session is not saved`;
    log.error(message);
    this.onWriteFailure?.(message);
  }

  close(): void {
    this.closed = true;
    this.held = undefined;
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The unterminated last line of a file and where it starts, or undefined when the file ends with a newline (or is empty). */
function lastLineTail(fd: number): { start: number; text: string } | undefined {
  const size = fstatSync(fd).size;
  if (size === 0) return undefined;
  const chunks: Buffer[] = [];
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - 64 * 1024);
    const buf = Buffer.alloc(end - start);
    readSync(fd, buf, 0, buf.length, start);
    const nl = buf.lastIndexOf(0x0a);
    if (end === size && nl === buf.length - 1) return undefined;
    if (nl >= 0) {
      chunks.unshift(buf.subarray(nl + 1));
      return { start: start + nl + 1, text: Buffer.concat(chunks).toString('utf8') };
    }
    chunks.unshift(buf);
    end = start;
  }
  return { start: 0, text: Buffer.concat(chunks).toString('utf8') };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a rollout back. Unreadable lines are skipped with a warning (a killed writer may leave half a line). */
export function readRollout(path: string): { meta: SessionMeta; lines: RolloutLine[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RolloutError(`Failed to read session file ${path}: ${(err as Error).message}`);
  }
  const lines: RolloutLine[] = [];
  let meta: SessionMeta | undefined;
  text.split('\n').forEach((raw, i, all) => {
    if (!raw.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      const torn = i === all.length - 1 && !text.endsWith('\n');
      log.warn(`${path}:${i + 1}: skipping ${torn ? 'a last line cut short (a crash or a full disk)' : 'a line that is not JSON'}`);
      return;
    }
    if (!isObject(v) || typeof v.type !== 'string' || !TYPES.has(v.type) || !isObject(v.payload)) {
      log.warn(`${path}:${i + 1}: skipping a line that is not {timestamp, type, payload}`);
      return;
    }
    const line = { timestamp: String(v.timestamp ?? ''), type: v.type as RolloutType, payload: v.payload };
    // Items go back to the model on resume: a damaged one is dropped here, with its place, not sent.
    const bad = line.type === 'response_item' ? itemProblem(line.payload)
      : line.type === 'compacted' && Array.isArray(line.payload.replacement_history)
        ? line.payload.replacement_history.map(itemProblem).find((p) => p !== undefined) : undefined;
    if (bad !== undefined) {
      log.warn(`${path}:${i + 1}: skipping a ${line.type} line whose item is malformed: ${bad}`);
      return;
    }
    if (line.type === 'session_meta') meta ??= line.payload as unknown as SessionMeta;
    else lines.push(line);
  });
  if (!meta || typeof meta.id !== 'string') {
    throw new RolloutError(`${path} is not a session rollout: it has no session_meta line with an id`);
  }
  return { meta, lines };
}

/** Why `item` is not a ResponseItem, or undefined when it is one. */
function itemProblem(item: unknown): string | undefined {
  const r = responseItemSchema.safeParse(item);
  return r.success ? undefined : r.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
}

/** Rollout files, newest first (names sort by time within the date folders). */
export function* rolloutFilesNewestFirst(codexHome: string): Generator<string> {
  const root = sessionsDir(codexHome);
  const desc = (dir: string, re: RegExp) => {
    try {
      return readdirSync(dir).filter((n) => re.test(n)).sort().reverse();
    } catch {
      return [];
    }
  };
  for (const y of desc(root, /^\d{4}$/))
    for (const m of desc(join(root, y), /^\d{2}$/))
      for (const d of desc(join(root, y, m), /^\d{2}$/))
        for (const f of desc(join(root, y, m, d), /^rollout-.*\.jsonl$/)) yield join(root, y, m, d, f);
}

/**
 * Rollout files by last activity, most recent first: a file's modification
 * time is its last write (every event is appended as it happens), so a resumed
 * and continued session comes before a newer one left untouched. Equal times
 * keep the start order.
 */
export function rolloutFilesByActivity(codexHome: string): { path: string; updated: Date }[] {
  const files: { path: string; updated: Date }[] = [];
  for (const path of rolloutFilesNewestFirst(codexHome)) {
    try {
      files.push({ path, updated: statSync(path).mtime });
    } catch {
      // gone since the listing: nothing to offer
    }
  }
  return files.sort((a, b) => b.updated.getTime() - a.updated.getTime());
}

export function findRolloutById(codexHome: string, id: string): string | undefined {
  const suffix = `-${id.toLowerCase()}.jsonl`;
  for (const f of rolloutFilesNewestFirst(codexHome)) if (f.toLowerCase().endsWith(suffix)) return f;
  return undefined;
}

/** The session_meta line carries the user instructions, so it may be long; this bounds it. */
const MAX_META_LINE_BYTES = 16 * 1024 * 1024;

/** Reads just the first line of a file (the session_meta) without loading the whole log. */
function readMeta(path: string): SessionMeta | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const n = readSync(fd, buf, 0, buf.length, total);
      const end = buf.subarray(0, n).indexOf(0x0a);
      chunks.push(buf.subarray(0, end < 0 ? n : end));
      total += n;
      if (end >= 0 || n === 0 || total >= MAX_META_LINE_BYTES) break;
    }
    const first = Buffer.concat(chunks).toString('utf8');
    const v = JSON.parse(first) as { type?: string; payload?: SessionMeta };
    return v.type === 'session_meta' ? v.payload : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The session used last, optionally only among those started in `cwd` (`--last`). */
export function findNewestRollout(codexHome: string, cwd?: string): string | undefined {
  for (const { path } of rolloutFilesByActivity(codexHome)) {
    if (cwd === undefined) return path;
    if (readMeta(path)?.cwd === cwd) return path;
  }
  return undefined;
}

/** The first line of a new session's rollout. */
export function newSessionMeta(config: Config, id: string, originator: string, instructions?: string): SessionMeta {
  const git = readGitInfo(config.cwd);
  return {
    id, timestamp: new Date().toISOString(), cwd: config.cwd, originator, cli_version: cliVersion(),
    ...(instructions ? { instructions } : {}),
    ...(git ? { git } : {}),
  };
}

/** Items of a recorded session, as the model saw them (compactions applied). */
export function replayItems(lines: readonly RolloutLine[]): ResponseItem[] {
  let items: ResponseItem[] = [];
  for (const l of lines) {
    if (l.type === 'response_item') items.push(l.payload as unknown as ResponseItem);
    else if (l.type === 'compacted' && Array.isArray(l.payload.replacement_history)) {
      items = l.payload.replacement_history as ResponseItem[];
    }
  }
  return items;
}

/**
 * What the user saw, from the recorded user_message / agent_message events, or
 * undefined when the rollout has none. Unlike the items, these survive a
 * compaction, so a resumed session shows the whole conversation.
 */
export function displayedMessages(lines: readonly RolloutLine[]): InitialMessage[] | undefined {
  const out: InitialMessage[] = [];
  for (const l of lines) {
    if (l.type !== 'event_msg') continue;
    const { type, message } = l.payload;
    if ((type === 'user_message' || type === 'agent_message') && typeof message === 'string') out.push({ type, message });
  }
  return out.length ? out : undefined;
}
