// The saved sessions `codex resume` and `/resume` offer, most recently used
// first (a rollout file's last write, so a resumed and continued session comes
// before a newer untouched one): the rollout files under
// $CODEX_HOME/sessions/YYYY/MM/DD/, each read only as far as its session_meta
// and first user message, titled by its `/rename` name when it has one.
// Summaries load on demand (`ensure(n)`), so a long history costs only the
// rows looked at (and, while a filter is typed, the rows it had to read).
import { closeSync, openSync, readSync } from 'node:fs';
import { isUserTurn, messageText } from '../agent/conversation.js';
import { rolloutFilesByActivity, type SessionMeta } from '../agent/rollout.js';
import { sessionNames } from '../agent/session-index.js';
import type { ResponseItem } from '../model/items.js';

export interface SessionSummary {
  path: string;
  id: string;
  started: Date;
  /** The rollout's last write. */
  updated: Date;
  cwd: string;
  /** The first message the user typed; undefined when the session has none. */
  firstMessage: string | undefined;
  /** The name given with /rename. */
  name?: string;
}

/** What the picker shows as the conversation: its name, else the first line of the first message. */
export function sessionTitle(s: SessionSummary): string {
  return s.name?.trim() || s.firstMessage?.trim().split('\n')[0]?.trim() || '(no message)';
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
export function summarizeRollout(path: string, updated: Date): SessionSummary | undefined {
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
  return { path, id: meta.id, started: Number.isNaN(started.getTime()) ? new Date(0) : started, updated, cwd: String(meta.cwd ?? ''), firstMessage };
}

/** Case-insensitive: every word of the query appears in the title or the directory. */
export function matchesQuery(s: SessionSummary, query: string): boolean {
  const hay = `${sessionTitle(s)}\n${s.cwd}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).every((w) => hay.includes(w));
}

export class SessionList {
  /** Every summary read so far, most recent first. */
  private readonly read: SessionSummary[] = [];
  private readonly files: { path: string; updated: Date }[];
  private readonly names: Map<string, string>;
  private next = 0;
  private filter = '';
  /** The read summaries the filter keeps, in order. */
  loaded: SessionSummary[] = [];

  constructor(codexHome: string) {
    this.files = rolloutFilesByActivity(codexHome);
    this.names = sessionNames(codexHome);
  }

  /** True once every session file has been read. */
  get complete(): boolean {
    return this.next >= this.files.length;
  }

  get query(): string {
    return this.filter;
  }

  /** Keeps only the sessions matching `query` (see matchesQuery); empty shows all. */
  setQuery(query: string): void {
    this.filter = query;
    this.loaded = this.read.filter((s) => this.keeps(s));
  }

  private keeps(s: SessionSummary): boolean {
    return !this.filter.trim() || matchesQuery(s, this.filter.trim());
  }

  /** Reads summaries until `n` match (or no file is left); unreadable files are skipped. */
  ensure(n: number): void {
    while (this.loaded.length < n && this.next < this.files.length) {
      const f = this.files[this.next++]!;
      const s = summarizeRollout(f.path, f.updated);
      if (!s) continue;
      const name = this.names.get(s.id);
      if (name) s.name = name;
      this.read.push(s);
      if (this.keeps(s)) this.loaded.push(s);
    }
  }
}
