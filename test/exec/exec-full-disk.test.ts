// `codex exec resume` on a full disk (issue 17 item 16): CODEX_HOME on a
// 64 KiB tmpfs (we are root; skipped with the reason where mounting is not
// allowed). The resume is refused with one line, no stack trace, no request,
// and the earlier session's log is left byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { scenario } from './support.js';

function rollouts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f));
}

test('resume on a full disk: one clear error, nothing sent, the earlier log intact', (t) =>
  scenario([{ output: [{ type: 'text', text: 'first answer' }] }], async (mock, ws) => {
    const home = join(ws.home, '..', 'full-home');
    mkdirSync(home);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', home], { encoding: 'utf8' });
    if (mount.status !== 0) {
      t.skip(`cannot mount a tmpfs here: ${(mount.stderr || mount.error?.message || '').trim()}`);
      return;
    }
    try {
      copyFileSync(join(ws.home, 'config.toml'), join(home, 'config.toml'));
      const env = { CODEX_HOME: home };
      const first = await runCodex(ws, ['exec', 'hello'], { env });
      assert.equal(first.code, 0, first.stderr);
      const [log] = rollouts(join(home, 'sessions'));
      const before = readFileSync(log!);
      const fd = openSync(join(home, 'filler'), 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(1024));
      } catch {
        // the disk is full
      } finally {
        closeSync(fd);
      }
      const r = await runCodex(ws, ['exec', 'resume', '--last', 'again'], { env });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^Cannot resume: the disk holding .*rollout-.*\.jsonl is full \(\d+ bytes free, 65536 needed\); the session file is left as it was\n$/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.deepEqual(readFileSync(log!), before);
      assert.equal(mock.requests.length, 1);
    } finally {
      spawnSync('umount', [home]);
      rmdirSync(home);
    }
  }));
