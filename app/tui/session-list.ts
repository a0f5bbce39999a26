// The saved sessions `codex resume` offers, newest first: the rollout files
// under $CODEX_HOME/sessions/YYYY/MM/DD/ (names sort by start time), each read
// only as far as its session_meta and first user message. Summaries load on
// demand (`ensure(n)`), so a long history costs only the rows looked at.
import { closeSync, openSync, readSync } from 'node:fs';
import { isUserTurn, messageText } from '../agent/conversation.js';
import { rolloutFilesNewestFirst, type SessionMeta } from '../agent/rollout.js';
import type { ResponseItem } from '../model/items.js';

export interface SessionSummary {
  path: string;
  id: string;
  started: Date;
  cwd: string;
  /** The first message the user typed; undefined when the session has none. */
  firstMessage: string | undefined;
}

const CHUNK = 64 * 1024;
/** How far into a file the first user message is looked for (context messages come first). */
const SCAN_LIMIT = 2 * 1024 * 1024;

/** Complete lines from the start of a file, read in chunks until `visit` returns true or SCAN_LIMIT. */
function scanLines(path: string, visit: (line: string) => boolean): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let carry = '';
    for (let pos = 0; pos < SCAN_LIMIT; ) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      pos += n;
      const lines = (carry + buf.subarray(0, n).toString('utf8')).split('\n');
      carry = lines.pop() ?? '';
      for (const l of lines) if (l.trim() && visit(l)) return;
    }
    if (carry.trim()) visit(carry);
  } finally {
    closeSync(fd);
  }
}

/** A session's summary; undefined for a file that is not a readable rollout. */
export function summarizeRollout(path: string): SessionSummary | undefined {
  let meta: SessionMeta | undefined;
  let firstMessage: string | undefined;
  let first = true;
  try {
    scanLines(path, (raw) => {
      let v: { type?: unknown; payload?: unknown };
      try {
        v = JSON.parse(raw) as typeof v;
      } catch {
        return false;
      }
      if (first) {
        first = false;
        if (v.type !== 'session_meta') return true;
        meta = v.payload as SessionMeta;
        return false;
      }
      if (v.type === 'response_item' && isUserTurn(v.payload as ResponseItem)) {
        firstMessage = messageText(v.payload as ResponseItem);
        return true;
      }
      return false;
    });
  } catch {
    return undefined;
  }
  if (!meta || typeof meta.id !== 'string') return undefined;
  const started = new Date(meta.timestamp);
  return { path, id: meta.id, started: Number.isNaN(started.getTime()) ? new Date(0) : started, cwd: String(meta.cwd ?? ''), firstMessage };
}

export class SessionList {
  readonly loaded: SessionSummary[] = [];
  private readonly files: Generator<string>;
  private exhausted = false;

  constructor(codexHome: string) {
    this.files = rolloutFilesNewestFirst(codexHome);
  }

  /** True once every session file has been read. */
  get complete(): boolean {
    return this.exhausted;
  }

  /** Loads summaries until there are `n` (or no more files); unreadable files are skipped. */
  ensure(n: number): void {
    while (this.loaded.length < n && !this.exhausted) {
      const next = this.files.next();
      if (next.done) {
        this.exhausted = true;
        return;
      }
      const s = summarizeRollout(next.value);
      if (s) this.loaded.push(s);
    }
  }
}
