// The benches leave nothing of the native Codex CLI running: its app-server
// daemon is switched off on the command line (bench/support/native.ts checks
// the flag works before the first native run), and whatever still runs from a
// workspace's CODEX_HOME is ended when the workspace is cleaned up.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { alive, stopProcessesUnder } from '../support/procs.js';
import { waitFor } from '../support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-leftovers-'));
const started: number[] = [];
after(() => {
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function sleeper(program: string): number {
  const child = spawn(program, ['300'], { detached: true, stdio: 'ignore' });
  child.unref();
  started.push(child.pid!);
  return child.pid!;
}

test('every process whose executable lives under a CODEX_HOME is stopped, also once the file is gone; others are not', async () => {
  const home = join(dir, 'home');
  const bin = join(home, 'packages', 'app-server-daemon', 'bin');
  mkdirSync(bin, { recursive: true });
  copyFileSync('/bin/sleep', join(bin, 'daemon'));
  copyFileSync('/bin/sleep', join(bin, 'updater'));
  spawnSync('chmod', ['+x', join(bin, 'daemon'), join(bin, 'updater')]);
  const daemon = sleeper(join(bin, 'daemon'));
  const updater = sleeper(join(bin, 'updater'));
  const other = sleeper('/bin/sleep');
  await waitFor(() => [daemon, updater].every((pid) => spawnSync('readlink', [`/proc/${pid}/exe`], { encoding: 'utf8' }).stdout.startsWith(bin)), 'the copies to run');
  unlinkSync(join(bin, 'updater')); // the workspace removed under a running process: /proc shows `… (deleted)`
  const stopped = stopProcessesUnder(home).map((p) => p.pid).sort((a, b) => a - b);
  assert.deepEqual(stopped, [daemon, updater].sort((a, b) => a - b));
  await waitFor(() => !alive(daemon) && !alive(updater), 'both to end');
  assert.equal(alive(other), true, 'a process from elsewhere is left alone');
});
