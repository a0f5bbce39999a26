// A session's checkpoint log, kept beside its rollout file: `<rollout
// name>.checkpoints/log.jsonl` (one LogLine a line) and `files/` (copies of
// files outside git), so removing a session's files removes its checkpoints.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../log.js';
import { logLineSchema, type LogLine, type TurnRecord } from './types.js';

const log = logger('codex_core::checkpoints');

/** The checkpoint folder of the session logged at `rolloutPath`. */
export function checkpointDirFor(rolloutPath: string): string {
  return `${rolloutPath.replace(/\.jsonl$/, '')}.checkpoints`;
}

export function readLog(dir: string): LogLine[] {
  let text: string;
  try {
    text = readFileSync(join(dir, 'log.jsonl'), 'utf8');
  } catch {
    return [];
  }
  const lines: LogLine[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed;
    try {
      parsed = logLineSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) lines.push(parsed.data);
    else log.warn(`${join(dir, 'log.jsonl')}:${i + 1}: not a checkpoint record; skipped`);
  });
  return lines;
}

export function appendLog(dir: string, line: LogLine): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(join(dir, 'log.jsonl'), `${JSON.stringify(line)}\n`, { mode: 0o600 });
}

/** A forked session keeps the records of the turns it kept, with the copies they name. */
export function copyRecords(from: string, to: string, records: readonly TurnRecord[]): void {
  for (const r of records) {
    for (const c of r.changes) {
      for (const s of [c.before, c.after]) {
        if (s.kind !== 'present' || s.store !== 'copy') continue;
        const src = join(from, 'files', s.oid);
        const dst = join(to, 'files', s.oid);
        if (!existsSync(src) || existsSync(dst)) continue;
        mkdirSync(join(to, 'files'), { recursive: true, mode: 0o700 });
        copyFileSync(src, dst);
      }
    }
    appendLog(to, { record: r });
  }
}
