// A crash of the TUI (an exception in the input path) restores the terminal,
// writes the error to the log ($CODEX_HOME/log/codex-tui.log in the real CLI)
// and prints it after leaving the alternate screen.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import * as pty from 'node-pty';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

test('a crash in the TUI is logged, the terminal restored, the error printed after it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-crash-'));
  const log = join(dir, 'log', 'codex-tui.log');
  const proc = pty.spawn(process.execPath, ['--import', 'tsx', CHILD, log], { cols: 80, rows: 24, env: process.env as Record<string, string> });
  let out = '';
  const code = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not exit; output: ${JSON.stringify(out)}`)), 20_000);
    proc.onData((d) => {
      if (!out.includes('ready') && (out + d).includes('ready')) proc.write('ab!');
      out += d;
    });
    proc.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  try {
    assert.equal(code, 1);
    const leave = out.indexOf('\x1b[?1049l');
    assert.ok(leave > 0, 'the alternate screen is left');
    assert.ok(out.indexOf('RangeError: input handler failed') > leave, 'the error is printed after the screen is restored');
    assert.match(readFileSync(log, 'utf8'), /ERROR codex_tui: crashed: RangeError: input handler failed\n\s+at /);
  } finally {
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
