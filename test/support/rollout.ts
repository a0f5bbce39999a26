// Reading the session log (rollout) a test's codex wrote.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from './cli.js';

export interface RolloutLine { type: string; payload: { type?: string } }

/** Every line of the workspace's one session log, parsed: a torn or unterminated line fails. */
export function rolloutLines(ws: Workspace): RolloutLine[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/^rollout-.*\.jsonl$/.test(e.name)) files.push(join(dir, e.name));
    }
  };
  walk(join(ws.home, 'sessions'));
  assert.equal(files.length, 1, `one rollout: ${files.join(', ')}`);
  const text = readFileSync(files[0]!, 'utf8');
  assert.ok(text.endsWith('\n'), 'the last line is terminated');
  return text.slice(0, -1).split('\n').map((l) => JSON.parse(l) as RolloutLine);
}

/** Whether the session log records an aborted turn. */
export const hasAbortedTurn = (ws: Workspace): boolean =>
  rolloutLines(ws).some((l) => l.type === 'event_msg' && l.payload.type === 'turn_aborted');
