// A codex process ended by SIGTERM or SIGHUP (a closed terminal, a supervisor)
// takes its children along: the shell command's process group and MCP servers.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { collect, spawnCodex } from '../support/cli.js';
import { processesWith } from '../support/procs.js';
import { missingTool } from '../support/tools.js';
import { waitFor } from '../support/wait.js';
// Zombie-aware: a killed orphan stays a zombie until init reaps it, which under load takes a while.
import { isAlive } from '../mcp/support.js';
import { scenario } from './support.js';

/** The pid a child wrote to `file`, once it is there. */
async function pidIn(file: string): Promise<number> {
  await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').endsWith('\n'), file, 15_000);
  return Number(readFileSync(file, 'utf8').trim());
}

// `exec sleep` keeps the pid; the background sleep shares the process group.
const sleeper = (pidFile: string) => ['bash', '-c', `sleep 60 & echo $! > ${pidFile}.bg; echo $$ > ${pidFile}; exec sleep 60`];

for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  test(`${signal}: the running command's process group dies with codex exec`, () =>
    scenario([
      { output: [{ type: 'function_call', name: 'shell', arguments: { command: sleeper('cmd.pid'), timeout_ms: 120_000 }, call_id: 'slow' }] },
    ], async (_mock, ws) => {
      const child = spawnCodex(ws, ['exec', '--json', '-s', 'danger-full-access', 'wait']);
      const done = collect(child);
      const pid = await pidIn(join(ws.repo, 'cmd.pid'));
      const bg = await pidIn(join(ws.repo, 'cmd.pid.bg'));
      child.kill(signal);
      const r = await done;
      assert.ok(r.signal === signal || r.code === 128 + (signal === 'SIGTERM' ? 15 : 1), `exit ${r.code} ${r.signal}`);
      await waitFor(() => !isAlive(pid) && !isAlive(bg), `pids ${pid} ${bg} to go`);
    }));
}

// In the sandbox the command and its setsid child are in a pid namespace whose pid 1 is outside
// the process group; `sleep 300.<pid>` is found by its argv (its pid in the namespace means nothing here).
test('SIGTERM: a sandboxed command and its setsid child die with codex exec', { skip: missingTool('bwrap') }, () => {
  const marker = `300.${process.pid}`;
  return scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['/bin/sh', '-c', `setsid sleep ${marker} & exec sleep ${marker}`], timeout_ms: 120_000 }, call_id: 'slow' }] },
  ], async (_mock, ws) => {
    const child = spawnCodex(ws, ['exec', '--json', '-s', 'read-only', 'wait']);
    const done = collect(child);
    await waitFor(() => processesWith(marker).filter((p) => p.program === 'sleep').length === 2, 'both sleeps to run', 30_000);
    child.kill('SIGTERM');
    await done;
    await waitFor(() => processesWith(marker).length === 0, () => `left running: ${JSON.stringify(processesWith(marker))}`);
  });
});

test('SIGTERM: an MCP server still starting dies with codex exec', () =>
  scenario([{ output: [{ type: 'text', text: 'never reached' }] }], {
    config: `[mcp_servers.slow]\ncommand = "bash"\nargs = ["-c", "echo $$ > mcp.pid; exec sleep 60"]\nstartup_timeout_sec = 60\n`,
  }, async (_mock, ws) => {
    const child = spawnCodex(ws, ['exec', '--json', 'hi']);
    const done = collect(child);
    const pid = await pidIn(join(ws.repo, 'mcp.pid'));
    child.kill('SIGTERM');
    await done;
    await waitFor(() => !isAlive(pid), `MCP server ${pid} to go`);
  }));
