import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { planLaunch, RootPins } from '../../app/sandbox/index.js';
import type { LaunchPlan } from '../../app/sandbox/types.js';
import { runLaunchPlan, TIMEOUT_EXIT_CODE } from '../../app/tools/exec.js';
import { missingTool } from '../support/tools.js';

let dir = '';
const leftovers: number[] = [];
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'exec-')); });
afterEach(() => {
  for (const pid of leftovers.splice(0)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  rmSync(dir, { recursive: true, force: true });
});

const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
const bash = (script: string, extra: Partial<LaunchPlan> = {}): LaunchPlan =>
  ({ argv: ['bash', '-c', script], env, cwd: dir, sandbox: 'none', ...extra });

/** Running (a zombie waiting for its reaper counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  return !alive(pid);
}

test('exit code, separate and interleaved output, cwd and env', async () => {
  const r = await runLaunchPlan(bash('echo out; echo err >&2; pwd; echo "$GREETING"; exit 3',
    { env: { ...env, GREETING: 'hi there' } }));
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout, `out\n${dir}\nhi there\n`);
  assert.equal(r.stderr, 'err\n');
  assert.match(r.aggregatedOutput, /out\n/);
  assert.match(r.aggregatedOutput, /err\n/);
  assert.equal(r.timedOut, false);
  assert.equal(r.aborted, false);
  assert.ok(r.durationMs > 0);
});

test('a command killed by a signal reports 128+n', async () => {
  assert.equal((await runLaunchPlan(bash('kill -TERM $$'))).exitCode, 143);
  assert.equal((await runLaunchPlan(bash('kill -KILL $$'))).exitCode, 137);
});

test('a huge timeout does not fire at once', async () => {
  const r = await runLaunchPlan(bash('sleep 0.3; echo ok'), { timeoutMs: 1e12 });
  assert.equal(r.timedOut, false);
  assert.equal(r.stdout, 'ok\n');
});

test('stdin is /dev/null', async () => {
  const r = await runLaunchPlan(bash('cat; echo "rc=$?"'));
  assert.equal(r.stdout, 'rc=0\n');
});

test('timeout kills the whole process group, grandchildren that ignore SIGTERM included', async () => {
  const script = [
    'sleep 30 & echo $! > sleeper',
    "bash -c 'trap \"\" TERM; echo $$ > stubborn; while :; do sleep 0.1; done' &",
    'echo started; wait',
  ].join('\n');
  const r = await runLaunchPlan(bash(script), { timeoutMs: 700 });
  assert.equal(r.timedOut, true);
  assert.equal(r.exitCode, TIMEOUT_EXIT_CODE);
  assert.equal(r.stdout, 'started\n');
  const sleeper = Number(readFileSync(join(dir, 'sleeper'), 'utf8'));
  const stubborn = Number(readFileSync(join(dir, 'stubborn'), 'utf8'));
  leftovers.push(sleeper, stubborn);
  assert.ok(await waitGone(sleeper), 'background sleep survived the timeout');
  assert.ok(await waitGone(stubborn), 'SIGTERM-ignoring grandchild survived the timeout');
});

test('aborting kills the group and says so', async () => {
  const ac = new AbortController();
  const running = runLaunchPlan(bash('sleep 20 & echo $! > kid; echo go; wait'), {
    signal: ac.signal,
    onOutput: () => ac.abort(),
  });
  const r = await running;
  assert.equal(r.aborted, true);
  assert.equal(r.timedOut, false);
  assert.notEqual(r.exitCode, 0);
  const kid = Number(readFileSync(join(dir, 'kid'), 'utf8'));
  leftovers.push(kid);
  assert.ok(await waitGone(kid));
  const pre = new AbortController();
  pre.abort();
  assert.equal((await runLaunchPlan(bash('echo never'), { signal: pre.signal })).aborted, true);
});

test('a background child holding the pipes does not keep the call waiting forever', async () => {
  const r = await runLaunchPlan(bash('sleep 20 & echo $! > bg; echo done'), { timeoutMs: 15_000 });
  leftovers.push(Number(readFileSync(join(dir, 'bg'), 'utf8')));
  assert.equal(r.exitCode, 0);
  assert.equal(r.timedOut, false);
  assert.equal(r.stdout, 'done\n');
});

test('captured output stays within the memory cap, keeping head and tail', async () => {
  const r = await runLaunchPlan(
    bash('echo START; head -c 3000000 /dev/zero | tr "\\0" x; echo; echo END'),
    { maxCaptureBytes: 64 * 1024 },
  );
  assert.equal(r.exitCode, 0);
  assert.ok(r.stdout.length < 70 * 1024, `kept ${r.stdout.length} bytes`);
  assert.ok(r.stdout.startsWith('START\nxxx'));
  assert.ok(r.stdout.endsWith('xxx\nEND\n'));
  // The cut falls inside the 3 MB line, and the marker says how much of it is missing.
  assert.match(r.stdout, /^START\nx+\n\[\.\.\. omitted \d+ of 3000011 bytes \.\.\.\]\nx+\nEND\n$/);
  assert.ok(r.aggregatedOutput.length < 70 * 1024);
  assert.equal(r.aggregatedLines, 3);
});

test('output chunks stream to the callback, up to the delta limit', async () => {
  const seen: string[] = [];
  const r = await runLaunchPlan(bash('echo a; sleep 0.2; echo b >&2'), {
    onOutput: (stream, chunk) => seen.push(`${stream}:${chunk.toString()}`),
  });
  assert.equal(r.exitCode, 0);
  assert.deepEqual(seen, ['stdout:a\n', 'stderr:b\n']);
  let calls = 0;
  const many = await runLaunchPlan(bash('for i in $(seq 20); do echo $i; sleep 0.02; done'), {
    onOutput: () => { calls++; }, maxOutputDeltas: 5,
  });
  assert.equal(calls, 5);
  assert.equal(many.stdout.split('\n').length, 21, 'the output itself is complete');
});

test('extra buffers reach the child as fd 3, 4, …', async () => {
  const r = await runLaunchPlan(bash('cat <&3; echo; cat <&4', { extraFds: [Buffer.from('first'), Buffer.from('second')] }));
  assert.equal(r.stdout, 'first\nsecond');
});

test('when this process exits, commands still running are killed with it', async () => {
  const script = `
    import { runLaunchPlan } from ${JSON.stringify(new URL('../../app/tools/exec.ts', import.meta.url).href)};
    const env = { PATH: process.env.PATH ?? '' };
    void runLaunchPlan({ argv: ['bash', '-c', 'sleep 30 & echo $! > kid; echo up; wait'], env, cwd: ${JSON.stringify(dir)}, sandbox: 'none' },
      { onOutput: () => process.exit(0) });
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  const kid = Number(readFileSync(join(dir, 'kid'), 'utf8'));
  leftovers.push(kid);
  assert.ok(await waitGone(kid), 'the command outlived the process that ran it');
});

/**
 * Runs `bash -c command` to its end in a separate process that then exits (as codex
 * would); the command writes the pid of what it leaves behind to ./kid. Waits for that
 * pid to be gone.
 */
async function leftBehindEnds(command: string): Promise<boolean> {
  const script = `
    import { runLaunchPlan } from ${JSON.stringify(new URL('../../app/tools/exec.ts', import.meta.url).href)};
    const env = { PATH: process.env.PATH ?? '' };
    const r = await runLaunchPlan({ argv: ['bash', '-c', ${JSON.stringify(command)}], env, cwd: ${JSON.stringify(dir)}, sandbox: 'none' });
    process.stdout.write(r.stdout);
    process.exit(0);
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'started\n');
  const kid = Number(readFileSync(join(dir, 'kid'), 'utf8'));
  leftovers.push(kid);
  return waitGone(kid);
}

test('a background process a finished command left behind ends when this process exits', async () => {
  assert.ok(await leftBehindEnds('sleep 30 >/dev/null 2>&1 & echo $! > kid; echo started'), 'the daemon outlived codex');
});

// Sandboxed commands need no tag: bwrap's own pid namespace ends with the command.
test("an unsandboxed command's setsid descendant (it left the process group) ends when this process exits", async () => {
  const command = "setsid -f sh -c 'echo $$ > kid.tmp; mv kid.tmp kid; exec sleep 30' >/dev/null 2>&1; " +
    'for i in $(seq 200); do [ -e kid ] && break; sleep 0.05; done; echo started';
  assert.ok(await leftBehindEnds(command), 'the setsid process outlived codex');
});

test('a program or working directory that does not exist is reported, not thrown', async () => {
  const missing = await runLaunchPlan({ argv: ['no-such-program-xyz'], env, cwd: dir, sandbox: 'none' });
  assert.equal(missing.exitCode, 127);
  assert.equal(missing.spawnError, 'no-such-program-xyz: No such file or directory');
  const nul = await runLaunchPlan(bash('echo a\u0000b'));
  assert.equal(nul.exitCode, 126);
  assert.match(nul.spawnError ?? '', /^bash: .*null bytes/);
  const badCwd = await runLaunchPlan(bash('true', { cwd: join(dir, 'nope') }));
  assert.equal(badCwd.exitCode, 127);
  assert.equal(badCwd.spawnError, `working directory ${join(dir, 'nope')} does not exist`);
});

test('a program that does not exist is reported the same way inside the bubblewrap sandbox', { skip: missingTool('bwrap') }, async () => {
  const plan = await planLaunch({ argv: ['no-such-program-xyz', 'a'], cwd: dir, sandboxCwd: dir, policy: { mode: 'read-only' }, env, pins: new RootPins([dir]) });
  assert.equal(plan.sandbox, 'linux-bwrap');
  const r = await runLaunchPlan(plan);
  assert.equal(r.exitCode, 127);
  assert.equal(r.spawnError, 'no-such-program-xyz: No such file or directory');
  // A path that exists but is not executable, and a relative one resolved against the cwd.
  writeFileSync(join(dir, 'script.sh'), 'echo hi\n');
  const notExec = await runLaunchPlan(await planLaunch({ argv: ['./script.sh'], cwd: dir, sandboxCwd: dir, policy: { mode: 'read-only' }, env, pins: new RootPins([dir]) }));
  assert.equal(notExec.exitCode, 126);
  chmodSync(join(dir, 'script.sh'), 0o755);
  writeFileSync(join(dir, 'script.sh'), '#!/bin/sh\necho hi\n');
  const ok = await runLaunchPlan(await planLaunch({ argv: ['./script.sh'], cwd: dir, sandboxCwd: dir, policy: { mode: 'read-only' }, env, pins: new RootPins([dir]) }));
  assert.equal(ok.exitCode, 0, ok.aggregatedOutput);
  assert.equal(ok.stdout, 'hi\n');
});
