// A start-up step that fails after the TUI has taken the screen (here: the
// session file `codex resume` names cannot be read, being a directory) leaves
// the terminal restored first, then one line saying what failed on the normal
// screen (a line written on the alternate screen vanishes with it), and the
// stack in $CODEX_HOME/log/codex-tui.log.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createWorkspace } from '../support/cli.js';
import { e2eFixture } from './e2e-support.js';

const e2e = e2eFixture();
const ID = '01a24e60-3423-7da0-9e3f-8b6f6ef620bf';

test('codex resume of a session file that cannot be read: terminal restored, one line, the stack in the log', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  after(() => ws.cleanup());
  const day = join(ws.home, 'sessions', '2026', '01', '02');
  mkdirSync(join(day, `rollout-2026-01-02T03-04-05-${ID}.jsonl`), { recursive: true });
  const { app } = e2e.start(['resume', ID], ws);
  assert.equal(await app.exited(20_000), 1);
  const log = join(ws.home, 'log', 'codex-tui.log');
  const out = app.output();
  const leave = out.lastIndexOf('\x1b[?1049l');
  assert.ok(out.includes('\x1b[?1049h') && leave > 0, 'the screen was taken, then given back');
  const said = out.indexOf('codex: could not start the session: Failed to read session file');
  assert.ok(said > leave, `the message comes after the terminal is restored:\n${JSON.stringify(out.slice(-600))}`);
  const normal = app.normalText().replace(/\n/g, '');
  assert.match(normal, /EISDIR: illegal operation on a directory, read \(details in .*codex-tui\.log\)/);
  assert.doesNotMatch(out.slice(leave), /\n\s+at /, 'no stack on the screen');
  assert.match(readFileSync(log, 'utf8'), /ERROR codex_tui: could not start the session: RolloutError: Failed to read session file .*EISDIR.*\n\s+at /);
});
