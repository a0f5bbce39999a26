// Session names (`/rename NAME`), kept where the native CLI keeps them:
// $CODEX_HOME/session_index.jsonl, one `{id, thread_name, updated_at}` line
// per rename, appended whole; the latest line for an id wins. Lines that do
// not parse are skipped (a name is a label; the session itself is the rollout).
import { closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendWhole, openPrivateLog } from './append-whole.js';

const FILE = 'session_index.jsonl';

export function appendSessionName(codexHome: string, id: string, name: string, at = new Date()): void {
  const fd = openPrivateLog(join(codexHome, FILE), 'a');
  try {
    appendWhole(fd, `${JSON.stringify({ id, thread_name: name, updated_at: at.toISOString() })}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Every named session's current name, by id. */
export function sessionNames(codexHome: string): Map<string, string> {
  const names = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(codexHome, FILE), 'utf8');
  } catch {
    return names;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as { id?: unknown; thread_name?: unknown };
      if (typeof v.id === 'string' && typeof v.thread_name === 'string') names.set(v.id, v.thread_name);
    } catch {
      // a torn or foreign line: skipped
    }
  }
  return names;
}
