// bwrap's --info-fd JSON, the check that keeps a reused pid from being killed,
// and ending a bwrap still running with what it forked.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { killBwrapAndChildren, killPidNamespace, parseBwrapInfo } from '../../app/sandbox/pid-namespace.js';
import { alive, processesWith } from '../support/procs.js';
import { waitFor } from '../support/wait.js';

test('parseBwrapInfo: pid 1 and its pid namespace from bwrap 0.8 output; nothing from partial or other JSON', () => {
  const info = '{\n    "child-pid": 31716,\n    "mnt-namespace": 4026532174,\n    "net-namespace": 4026532176,\n    "pid-namespace": 4026532175\n}\n';
  assert.deepEqual(parseBwrapInfo(info), { pid: 31716, pidNamespace: 4026532175 });
  assert.equal(parseBwrapInfo(''), undefined);
  assert.equal(parseBwrapInfo(info.slice(0, 40)), undefined);
  assert.equal(parseBwrapInfo('{"child-pid": 5}'), undefined);
  assert.equal(parseBwrapInfo('{"child-pid": "5", "pid-namespace": 7}'), undefined);
  assert.equal(parseBwrapInfo('null'), undefined);
});

test('killPidNamespace kills the pid only while it is in the named pid namespace', async (t) => {
  const proc = mkdtempSync(join(tmpdir(), 'fake-proc-'));
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  t.after(() => { child.kill('SIGKILL'); rmSync(proc, { recursive: true, force: true }); });
  const pid = child.pid!;
  const ns = Number(/pid:\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/pid`))?.[1]);
  mkdirSync(join(proc, String(pid), 'ns'), { recursive: true });
  symlinkSync(`pid:[${ns + 1}]`, join(proc, String(pid), 'ns', 'pid'));
  killPidNamespace({ pid, pidNamespace: ns }, proc); // another namespace: the pid was reused
  killPidNamespace({ pid: pid + 1_000_000, pidNamespace: ns }); // no such process
  assert.equal(alive(pid), true);
  killPidNamespace({ pid, pidNamespace: ns });
  assert.equal(await ended, 'SIGKILL');
});

test('killBwrapAndChildren ends the process and the children it forked, not only itself', async (t) => {
  const marker = `31.${process.pid}`;
  // A stand-in for bwrap: a parent that forked a child which would outlive it.
  const parent = spawn('sh', ['-c', `sleep ${marker} & wait`], { stdio: 'ignore' });
  t.after(() => { for (const p of processesWith(marker)) process.kill(p.pid, 'SIGKILL'); });
  await waitFor(() => processesWith(marker).some((p) => p.program === 'sleep'), 'the child to run');
  const ended = new Promise<NodeJS.Signals | null>((resolve) => parent.once('exit', (_code, signal) => resolve(signal)));
  killBwrapAndChildren(parent.pid!);
  assert.equal(await ended, 'SIGKILL');
  await waitFor(() => processesWith(marker).length === 0, 'the child to be gone');
});
