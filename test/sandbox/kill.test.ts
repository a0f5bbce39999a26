// A sandboxed command and everything it started die when it is interrupted or
// times out, whenever that happens. bwrap puts the sandbox's pid 1 in a new
// session (out of reach of a process-group kill) during its set-up, and arms
// its --die-with-parent only when set-up is done: bwrap killed in between used
// to leave pid 1 and the command running under init.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { planLaunch } from '../../app/sandbox/index.js';
import { pinSessionRoots } from '../../app/sandbox/roots.js';
import { runLaunchPlan } from '../../app/tools/exec.js';
import type { SandboxPolicy } from '../../app/protocol/policy.js';
import { processesWith } from '../support/procs.js';
import { missingTool } from '../support/tools.js';
import { waitFor } from '../support/wait.js';
import { NOBODY, nonRootSkip } from './support.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'codex.js');
const skip = missingTool('bwrap');
const cwd = mkdtempSync(join(tmpdir(), 'codex-kill-'));
chmodSync(cwd, 0o755);
const READ_ONLY: SandboxPolicy = { mode: 'read-only' };

// A failed run must not leave its sleepers behind for the next tests.
const markers: string[] = [];
after(() => {
  for (const m of markers) for (const p of processesWith(m)) process.kill(p.pid, 'SIGKILL');
  rmSync(cwd, { recursive: true, force: true });
});

async function plan(argv: string[]) {
  return planLaunch({ argv, cwd, sandboxCwd: cwd, policy: READ_ONLY, env: { PATH: '/usr/bin:/bin' }, pins: pinSessionRoots(READ_ONLY, cwd, undefined) });
}

const describe = (m: string) => () => JSON.stringify(processesWith(m));

test('interrupted during the sandbox set-up, 10 times: no process of the sandbox remains', { skip }, async () => {
  for (let i = 0; i < 10; i++) {
    const marker = `300.${process.pid}${i}`; // `sleep 300.<unique>`: found in /proc by its argv
    markers.push(marker);
    const ac = new AbortController();
    const run = runLaunchPlan(await plan(['sleep', marker]), { signal: ac.signal, timeoutMs: 120_000 });
    // bwrap and the sandbox's pid 1 (a fork of it) both carry the marker: set-up has begun.
    await waitFor(() => processesWith(marker).filter((p) => p.program.endsWith('bwrap')).length >= 2, `run ${i}: the sandbox's pid 1`);
    ac.abort();
    const r = await run;
    assert.equal(r.aborted, true);
    await waitFor(() => processesWith(marker).length === 0, () => `run ${i}: left running: ${describe(marker)()}`);
  }
});

test('a timeout ends the command with its background and setsid children, all in the sandbox', { skip }, async () => {
  const marker = `301.${process.pid}`;
  markers.push(marker);
  const script = `sleep ${marker} & setsid sleep ${marker} & exec sleep ${marker}`;
  const r = await runLaunchPlan(await plan(['/bin/sh', '-c', script]), { timeoutMs: 2_000 });
  assert.equal(r.timedOut, true, JSON.stringify(r));
  await waitFor(() => processesWith(marker).length === 0, () => `left running: ${describe(marker)()}`);
});

// The same race through `codex debug landlock` (bwrap in a user namespace, its own child, not detached),
// as the unprivileged user whose sandbox this is on most machines; SIGTERM ends codex during the set-up.
test('codex debug landlock as an unprivileged user, ended during the set-up, 5 times: no process of the sandbox remains', { skip: nonRootSkip }, async () => {
  for (let i = 0; i < 5; i++) {
    const marker = `302.${process.pid}${i}`;
    markers.push(marker);
    const child = spawn('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, CLI, 'debug', 'landlock', '--', 'sleep', marker], {
      cwd, env: { PATH: '/usr/bin:/bin', HOME: cwd, CODEX_HOME: cwd }, stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await waitFor(() => processesWith(marker).filter((p) => p.program.endsWith('bwrap')).length >= 2, `run ${i}: the sandbox's pid 1`, 30_000);
    child.kill('SIGTERM');
    await exited;
    await waitFor(() => processesWith(marker).length === 0, () => `run ${i}: left running: ${describe(marker)()}`);
  }
});
