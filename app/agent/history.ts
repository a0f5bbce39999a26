// $CODEX_HOME/history.jsonl (reference §4.10): one line per submitted prompt,
// `{"session_id","ts","text"}`, file mode 0600. Each entry is one O_APPEND
// write, so concurrent sessions never interleave inside a line; one that a
// full disk cuts short is removed again.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../log.js';
import { appendWhole, openPrivateLog } from './append-whole.js';

const log = logger('codex_core::message_history');

export function historyPath(codexHome: string): string {
  return join(codexHome, 'history.jsonl');
}

export interface HistoryEntry { session_id: string; ts: number; text: string }

export function appendHistory(codexHome: string, sessionId: string, text: string): void {
  const entry: HistoryEntry = { session_id: sessionId, ts: Math.floor(Date.now() / 1000), text };
  let fd: number | undefined;
  try {
    fd = openPrivateLog(historyPath(codexHome), 'a');
    appendWhole(fd, `${JSON.stringify(entry)}\n`);
  } catch (err) {
    log.warn(`failed to append to ${historyPath(codexHome)}:`, err);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `history_log_id` (the file's inode) and the number of entries, for session_configured. */
export function historyMetadata(codexHome: string): { logId: number; count: number } {
  let fd: number | undefined;
  try {
    fd = openSync(historyPath(codexHome), 'r');
    const logId = fstatSync(fd).ino;
    const buf = Buffer.alloc(64 * 1024);
    let count = 0;
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      for (let i = 0; i < n; i++) if (buf[i] === 0x0a) count++;
    }
    return { logId, count };
  } catch {
    return { logId: 0, count: 0 };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The entry at `offset` (0 = oldest) if the file is still the one identified by `logId`. */
export function historyEntry(codexHome: string, logId: number, offset: number): HistoryEntry | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(historyPath(codexHome), 'r');
    if (fstatSync(fd).ino !== logId) return undefined;
    const buf = Buffer.alloc(64 * 1024);
    let line = 0;
    let pending: Buffer[] = [];
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      let start = 0;
      for (let i = 0; i < n; i++) {
        if (buf[i] !== 0x0a) continue;
        if (line === offset) {
          pending.push(buf.subarray(start, i));
          return JSON.parse(Buffer.concat(pending).toString('utf8')) as HistoryEntry;
        }
        line++;
        pending = [];
        start = i + 1;
      }
      if (line === offset) pending.push(Buffer.from(buf.subarray(start, n)));
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
