// The MCP client against real servers: the npm reference servers, configured
// through config.toml, plus fixtures that hang, crash, or speak streamable HTTP.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { McpConnection } from '../../app/mcp/client/connection.js';
import { McpConnectionManager, type McpClientEvent } from '../../app/mcp/client/manager.js';
import { EVERYTHING_BIN, FILESYSTEM_BIN, fixture, isAlive, tempHome, tomlString } from './support.js';
import { waitFor } from '../support/wait.js';

const node = tomlString(process.execPath);
// Servers run as `bash --norc -c …`: a stdio server's stdin is a socket pair,
// which bash takes for a remote shell and so sources the user's ~/.bashrc
// (HOME passes through); whatever that prints or costs must not reach a test.

/** A manager over the servers of `toml`, its events collected; shut down and cleaned up after the test. */
async function startServers(t: TestContext, toml: string) {
  const h = tempHome(toml);
  t.after(() => h.cleanup());
  const config = await h.load();
  const events: McpClientEvent[] = [];
  const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd, onEvent: (e) => events.push(e) });
  t.after(() => mcp.shutdown());
  return { mcp, events };
}

test('stdio servers from npm: tools listed, called, filtered; env allow-list; children killed on shutdown', async (t) => {
  const h = tempHome('');
  t.after(() => h.cleanup());
  writeFileSync(join(h.home, 'config.toml'), `
[mcp_servers.everything]
command = ${node}
args = [${tomlString(EVERYTHING_BIN)}]
env = { "CONFIGURED_VAR" = "from-config" }
disabled_tools = ["trigger-long-running-operation"]

[mcp_servers.files]
command = ${node}
args = [${tomlString(FILESYSTEM_BIN)}, ${tomlString(h.work)}]
enabled_tools = ["read_text_file", "list_directory"]

[mcp_servers.off]
command = "/nonexistent/never-started"
enabled = false
`);
  writeFileSync(join(h.work, 'hello.txt'), 'hello from disk\n');
  const config = await h.load();
  const events: McpClientEvent[] = [];
  process.env.CODEX_MCP_TEST_SECRET = 'must-not-leak';
  t.after(() => delete process.env.CODEX_MCP_TEST_SECRET);
  const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd, onEvent: (e) => events.push(e) });
  t.after(() => mcp.shutdown());

  assert.deepEqual(events, []);
  const names = mcp.tools().map((x) => x.qualifiedName);
  assert.deepEqual(names, [...names].sort(), 'sorted');
  for (const n of ['everything__echo', 'everything__get-sum', 'everything__get-env', 'files__list_directory', 'files__read_text_file']) {
    assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  }
  assert.ok(!names.includes('everything__trigger-long-running-operation'), 'disabled_tools');
  assert.equal(names.filter((n) => n.startsWith('files__')).length, 2, 'enabled_tools');
  assert.deepEqual(mcp.statuses().map((s) => [s.name, s.state]), [['everything', 'ready'], ['files', 'ready']]);

  const sum = mcp.tools().find((x) => x.qualifiedName === 'everything__get-sum')!;
  assert.deepEqual(sum.parameters, {
    type: 'object',
    properties: { a: { type: 'number', description: 'First number' }, b: { type: 'number', description: 'Second number' } },
    required: ['a', 'b'],
  });

  const echo = await mcp.callTool('everything__echo', '{"message":"hi there"}');
  assert.equal(echo.output, JSON.stringify([{ type: 'text', text: 'Echo: hi there' }]));
  assert.equal(echo.success, true);
  assert.deepEqual(echo.invocation, { server: 'everything', tool: 'echo', arguments: { message: 'hi there' } });
  assert.ok('Ok' in echo.result);

  const added = await mcp.callTool('everything__get-sum', '{"a":2,"b":40}');
  assert.match(added.output, /42/);

  const read = await mcp.callTool('files__read_text_file', JSON.stringify({ path: join(h.work, 'hello.txt') }));
  assert.equal(read.success, true);
  assert.match(read.output, /hello from disk/);

  const env = JSON.parse((JSON.parse((await mcp.callTool('everything__get-env', '')).output) as { text: string }[])[0]!.text) as Record<string, string>;
  assert.equal(env.CONFIGURED_VAR, 'from-config');
  assert.equal(env.PATH, process.env.PATH);
  assert.equal(env.CODEX_MCP_TEST_SECRET, undefined, 'parent env is not inherited');

  const structured = await mcp.callTool('everything__get-structured-content', '{"location":"Chicago"}');
  const weather = JSON.parse(structured.output) as Record<string, unknown>;
  assert.ok(!Array.isArray(weather) && 'temperature' in weather, `structuredContent, not the content array: ${structured.output}`);
  const image = JSON.parse((await mcp.callTool('everything__get-tiny-image', '')).output) as { type: string; mimeType?: string; data?: string }[];
  assert.ok(image.some((c) => c.type === 'image' && c.mimeType === 'image/png' && (c.data ?? '').length > 0), 'image content passed through');

  const bad = await mcp.callTool('everything__echo', '{"message":');
  assert.equal(bad.success, false);
  assert.match(bad.output, /^err: /);

  const invalid = await mcp.callTool('everything__get-sum', '{"a":"x"}');
  assert.equal(invalid.success, false, invalid.output);

  const pids = mcp.pids();
  assert.equal(pids.length, 2);
  await mcp.shutdown();
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} killed`);
});

test('a server that never answers initialize times out, is reported once, and is killed; the rest go on', async (t) => {
  const h = tempHome(`
[mcp_servers.silent]
command = ${node}
args = [${tomlString(fixture('silent-server.mjs'))}]
startup_timeout_sec = 1

[mcp_servers.everything]
command = ${node}
args = [${tomlString(EVERYTHING_BIN)}]

[mcp_servers."bad name"]
command = ${node}

[mcp_servers.nothing]
args = ["x"]

[mcp_servers.missing]
command = "/nonexistent/mcp-server-binary"
`);
  t.after(() => h.cleanup());
  const config = await h.load();
  const events: McpClientEvent[] = [];
  const started = Date.now();
  const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd, onEvent: (e) => events.push(e) });
  t.after(() => mcp.shutdown());
  assert.ok(Date.now() - started < 8000, 'bounded by the 1 s startup timeout plus kill grace');

  const byServer = new Map(events.map((e) => [e.server, e]));
  assert.equal(events.length, 4, JSON.stringify(events));
  assert.ok(events.every((e) => e.kind === 'startup_failed'));
  assert.match(byServer.get('silent')!.message, /^MCP client for `silent` failed to start: timed out after 1s/);
  const pid = Number(/silent server pid (\d+)/.exec(byServer.get('silent')!.message)?.[1]);
  assert.ok(pid > 0, 'stderr tail is part of the message');
  assert.equal(isAlive(pid), false, 'the hung child was killed');
  assert.match(byServer.get('bad name')!.message, /invalid server name: must match/);
  assert.match(byServer.get('nothing')!.message, /missing `command` \(stdio\) or `url`/);
  assert.match(byServer.get('missing')!.message, /ENOENT/);

  assert.ok(mcp.tools().some((x) => x.qualifiedName === 'everything__echo'));
  const status = new Map(mcp.statuses().map((s) => [s.name, s.state]));
  assert.equal(status.get('silent'), 'failed');
  assert.equal(status.get('everything'), 'ready');
});

test('a server that exits during startup is reported with its exit status, not the broken pipe it leaves', async (t) => {
  const { events } = await startServers(t, `
[mcp_servers.quiet]
command = "bash"
args = ["--norc", "-c", "exit 4"]

[mcp_servers.loud]
command = "bash"
args = ["--norc", "-c", "echo 'cannot open database' >&2; exit 3"]

[mcp_servers.late]
command = "bash"
args = ["--norc", "-c", "read -r line; exit 5"]
`);
  const byServer = new Map(events.map((e) => [e.server, e.message]));
  assert.equal(byServer.get('quiet'), 'MCP client for `quiet` failed to start: the server exited (exit code 4) during startup');
  assert.equal(byServer.get('loud'), 'MCP client for `loud` failed to start: the server exited (exit code 3) during startup; stderr: cannot open database');
  assert.equal(byServer.get('late'), 'MCP client for `late` failed to start: the server exited (exit code 5) during startup');
});

test('a server that exits while this process is too busy to notice is reported as exited with its stderr, never as timed out', async (t) => {
  // A loaded machine handles the startup timer before the exit it missed: reproduced
  // without timing by blocking this process until the server is a zombie and the timer due.
  const dir = mkdtempSync(join(tmpdir(), 'codex-mcp-busy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = join(dir, 'go');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const startupTimeoutMs = 100;
  for (let round = 0; round < 5; round++) {
    const pidFile = join(dir, `pid${round}`);
    const script = `echo $$ > ${pidFile}.tmp; mv ${pidFile}.tmp ${pidFile}; read -r go < ${fifo}; echo 'cannot open database' >&2; exit 3`;
    const started = McpConnection.start('dying', {
      launch: { kind: 'stdio', command: 'bash', args: ['--norc', '-c', script], env: { PATH: process.env.PATH ?? '' }, cwd: dir },
      startupTimeoutMs, toolTimeoutMs: 1000, disabledTools: [],
    });
    started.catch(() => undefined);
    await waitFor(() => existsSync(pidFile), 'the server to write its pid');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Block in the check phase: the next loop turn runs due timers before it polls for the exit.
    await new Promise((resolve) => setImmediate(resolve));
    // The startup timer was armed before the server ran, so it is due by then.
    const due = Date.now() + startupTimeoutMs + 10;
    writeFileSync(fifo, 'go\n'); // lets the server go on; this process stays busy (synchronous) until it has exited
    while (!/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')) || Date.now() < due) {
      if (Date.now() > due + 20_000) throw new Error('the server did not exit');
    }
    await assert.rejects(started, { message: 'the server exited (exit code 3) during startup; stderr: cannot open database' }, `round ${round}`);
  }
});

test('a server that exits mid-call: the call fails, the exit is reported once, its tools go away', async (t) => {
  const { mcp, events } = await startServers(t, `
[mcp_servers.crashy]
command = ${node}
args = [${tomlString(fixture('crash-server.mjs'))}]
`);
  assert.equal((await mcp.callTool('crashy__ping', '')).output, '[{"type":"text","text":"pong"}]');
  assert.deepEqual(mcp.tools().map((x) => [x.qualifiedName, x.tool]), [['crashy__crash', 'crash'], ['crashy__dup_name', 'dup.name'], ['crashy__ping', 'ping']]);
  assert.deepEqual(events.splice(0), [{ kind: 'warning', server: 'crashy', message: 'skipping duplicate tool name `crashy__dup_name` (tool `dup_name` of MCP server `crashy`)' }]);

  const crashed = await mcp.callTool('crashy__crash', '{}');
  assert.equal(crashed.success, false);
  assert.match(crashed.output, /^tool call error: .*Connection closed/);
  assert.ok('Err' in crashed.result);

  const again = await mcp.callTool('crashy__ping', '');
  assert.match(again.output, /^tool call error: MCP server `crashy` is not running/);
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.equal(events[0]!.kind, 'server_exited');
  assert.match(events[0]!.message, /^MCP server `crashy` exited \(exit code 3; stderr: crashing on purpose\); its tools are no longer available$/);
  assert.deepEqual(mcp.tools(), []);
});

test('a result that does not follow the tool\'s declared outputSchema still reaches the model', async (t) => {
  const { mcp, events } = await startServers(t, `
[mcp_servers.loose]
command = ${node}
args = [${tomlString(fixture('loose-server.mjs'))}]
`);
  const r = await mcp.callTool('loose__loose', '{}');
  assert.deepEqual(events, []);
  assert.equal(r.success, true, r.output);
  assert.equal(r.output, '[{"type":"text","text":"plain text result"}]');
});

test('a message over the size limit fails only its call, naming the server and the size; the server goes on serving', async (t) => {
  const { mcp, events } = await startServers(t, `
[mcp_servers.loose]
command = ${node}
args = [${tomlString(fixture('loose-server.mjs'))}]
`);
  const r = await mcp.callTool('loose__big', '{}');
  assert.equal(r.success, false);
  assert.match(r.output, /MCP server `loose` sent a message of 11\.0 MiB \(\d+ bytes\), over the 10 MiB limit codex reads; this call failed, the server is still running/);
  // An oversized message that answers no call is skipped; the call's own answer still comes.
  const note = await mcp.callTool('loose__big_note', '{}');
  assert.equal(note.success, true, note.output);
  assert.match(note.output, /after the big note/);
  const after = await mcp.callTool('loose__loose', '{}');
  assert.equal(after.success, true, after.output);
  assert.deepEqual(events, [], 'the server was not stopped');
  assert.equal(mcp.tools().length, 3);
});

test('a url that answers with something other than MCP fails in one line that names it', async (t) => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  const { events } = await startServers(t, `[mcp_servers.web]\nurl = ${tomlString(url)}\n`);
  assert.deepEqual(events.map((e) => e.message), [
    `MCP client for \`web\` failed to start: the server at ${url} did not answer with MCP (JSON-RPC) messages; is \`url\` the server's MCP endpoint?`,
  ]);
});

test('streamable HTTP: url, bearer_token_env_var, http_headers and env_http_headers', async (t) => {
  const child = spawn(process.execPath, [fixture('http-server.mjs')], { env: { ...process.env, EXPECTED_TOKEN: 'tok-123' }, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill());
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => { const m = /listening (\d+)/.exec(s); if (m) resolve(Number(m[1])); });
    child.once('exit', () => reject(new Error('fixture exited')));
  });
  const h = tempHome(`
[mcp_servers.remote]
url = "http://127.0.0.1:${port}/mcp"
bearer_token_env_var = "CODEX_TEST_MCP_TOKEN"
http_headers = { "X-Static" = "s1" }
env_http_headers = { "X-From-Env" = "CODEX_TEST_MCP_HEADER" }

[mcp_servers.unauthorized]
url = "http://127.0.0.1:${port}/mcp"
startup_timeout_sec = 5
`);
  t.after(() => h.cleanup());
  const config = await h.load();
  const events: McpClientEvent[] = [];
  const env = { ...process.env, CODEX_TEST_MCP_TOKEN: 'tok-123', CODEX_TEST_MCP_HEADER: 'e1' };
  const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd, env, onEvent: (e) => events.push(e) });
  t.after(() => mcp.shutdown());
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.match(events[0]!.message, /^MCP client for `unauthorized` failed to start: .*unauthorized$/);
  const out = await mcp.callTool('remote__headers', '');
  const headers = JSON.parse((JSON.parse(out.output) as { text: string }[])[0]!.text) as Record<string, string>;
  assert.equal(headers.authorization, 'Bearer tok-123');
  assert.equal(headers['x-static'], 's1');
  assert.equal(headers['x-from-env'], 'e1');
});

test('no enabled servers: nothing starts', async () => {
  const mcp = await McpConnectionManager.start({}, { cwd: process.cwd() });
  assert.deepEqual(mcp.tools(), []);
  assert.deepEqual(mcp.statuses(), []);
  await mcp.shutdown();
});

test('tool_timeout_sec bounds a call; an aborted call is cancelled; the server stays usable', async (t) => {
  const h = tempHome(`
[mcp_servers.slow]
command = ${node}
args = [${tomlString(EVERYTHING_BIN)}]
tool_timeout_sec = 1
`);
  t.after(() => h.cleanup());
  const config = await h.load();
  const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd });
  t.after(() => mcp.shutdown());
  const started = Date.now();
  const slow = await mcp.callTool('slow__trigger-long-running-operation', '{"duration":5,"steps":5}');
  assert.ok(Date.now() - started < 4000, 'timed out after about 1 s');
  assert.equal(slow.success, false);
  assert.match(slow.output, /^tool call error: .*[Rr]equest timed out/);

  const abort = new AbortController();
  const pending = mcp.callTool('slow__trigger-long-running-operation', '{"duration":5,"steps":5}', abort.signal);
  setTimeout(() => abort.abort(new Error('interrupted by the user')), 100);
  const aborted = await pending;
  assert.equal(aborted.success, false);
  assert.match(aborted.output, /^tool call error: .*interrupted by the user/);
  assert.equal((await mcp.callTool('slow__echo', '{"message":"still here"}')).output, '[{"type":"text","text":"Echo: still here"}]');
});

test('servers start concurrently: the second is already running when the first times out', async (t) => {
  const server = (name: string) => `[mcp_servers.${name}]\ncommand = "bash"\nargs = ["--norc", "-c", "echo ${name} >> starts.txt; exec sleep 30"]\nstartup_timeout_sec = 1\n`;
  const h = tempHome(`${server('slow_a')}\n${server('slow_b')}`);
  t.after(() => h.cleanup());
  const config = await h.load();
  const startsAtFirstFailure: string[] = [];
  const mcp = await McpConnectionManager.start(config.mcpServers, {
    cwd: config.cwd,
    onEvent: (e) => {
      if (e.kind === 'startup_failed' && startsAtFirstFailure.length === 0) {
        startsAtFirstFailure.push(...readFileSync(join(h.work, 'starts.txt'), 'utf8').trim().split('\n').sort());
      }
    },
  });
  t.after(() => mcp.shutdown());
  assert.deepEqual(startsAtFirstFailure, ['slow_a', 'slow_b']);
});
