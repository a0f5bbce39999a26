import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { serverSettings } from '../../app/mcp/client/connection.js';
import { mcpServerSchema } from '../../app/config/schema.js';
import { EVERYTHING_BIN, fixture, isAlive, ROOT, tempHome, tomlString } from './support.js';

const server = (toml: Record<string, unknown>) => mcpServerSchema.parse(toml);

test('timeouts: startup 10 s and tool 60 s by default; startup_timeout_ms still understood', () => {
  const s = serverSettings(server({ command: 'x' }), '/work', {});
  assert.equal(s.startupTimeoutMs, 10_000);
  assert.equal(s.toolTimeoutMs, 60_000);
  assert.equal(serverSettings(server({ command: 'x', startup_timeout_ms: 2500 }), '/w', {}).startupTimeoutMs, 2500);
  assert.equal(serverSettings(server({ command: 'x', startup_timeout_sec: 1.5, startup_timeout_ms: 9 }), '/w', {}).startupTimeoutMs, 1500);
  assert.equal(serverSettings(server({ command: 'x', tool_timeout_sec: 0.5 }), '/w', {}).toolTimeoutMs, 500);
});

test('launch: cwd resolved against the session cwd; command xor url; bearer token from the environment', () => {
  const stdio = serverSettings(server({ command: 'srv', args: ['a'], cwd: 'sub' }), '/work', { PATH: '/bin', SECRET: 'x' });
  assert.deepEqual(stdio.launch, { kind: 'stdio', command: 'srv', args: ['a'], env: { PATH: '/bin' }, cwd: '/work/sub' });
  assert.throws(() => serverSettings(server({ command: 'a', url: 'http://h' }), '/', {}), /either `command` \(stdio\) or `url`/);
  assert.throws(() => serverSettings(server({ url: 'not a url' }), '/', {}), /invalid url "not a url"/);
  assert.throws(() => serverSettings(server({ url: 'http://h', bearer_token_env_var: 'TOK' }), '/', {}), /environment variable TOK \(bearer_token_env_var\) is not set/);
  const http = serverSettings(server({ url: 'http://h/mcp', bearer_token_env_var: 'TOK', http_headers: { A: '1' } }), '/', { TOK: 't' });
  assert.equal(http.launch.kind, 'http');
  assert.deepEqual(http.launch.kind === 'http' && http.launch.headers, { A: '1', Authorization: 'Bearer t' });
});

test('servers are killed when the process exits without shutdown()', (t) => {
  const h = tempHome(`
[mcp_servers.everything]
command = ${tomlString(process.execPath)}
args = [${tomlString(EVERYTHING_BIN)}]
`);
  t.after(() => h.cleanup());
  const r = spawnSync(process.execPath, ['--import', 'tsx', fixture('exit-without-shutdown.ts')], {
    env: { ...process.env, CODEX_HOME: h.home }, cwd: ROOT, encoding: 'utf8', timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const pids = JSON.parse(r.stdout) as number[];
  assert.equal(pids.length, 1);
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} outlived the session`);
});
