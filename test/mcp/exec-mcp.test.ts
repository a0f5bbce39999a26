// End to end: `codex exec` against the mock model server with MCP servers from
// config.toml: the model calls an MCP tool and the result goes back to it; a
// server that fails to start is reported once and the run goes on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWorkspace, runCodex } from '../support/cli.js';
import { startMockModelServer } from '../support/mock-model-server.js';
import { EVERYTHING_BIN, fixture, tomlString } from './support.js';

test('codex exec: the model calls everything__echo; the output goes back; a hung server is reported once', async (t) => {
  const mock = await startMockModelServer([
    { output: [{ type: 'function_call', name: 'everything__echo', call_id: 'call_echo', arguments: { message: 'via mcp' } }] },
    { output: [{ type: 'text', text: 'The server echoed.' }] },
  ]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url, {
    config: `
[mcp_servers.everything]
command = ${tomlString(process.execPath)}
args = [${tomlString(EVERYTHING_BIN)}]

[mcp_servers.silent]
command = ${tomlString(process.execPath)}
args = [${tomlString(fixture('silent-server.mjs'))}]
startup_timeout_sec = 1
`,
  });
  t.after(() => ws.cleanup());
  const r = await runCodex(ws, ['exec', '--json', 'echo something through MCP'], { timeoutMs: 40_000 });
  // The exit status after an `error` event is exec's policy; what matters here is that the run went on.
  assert.match(r.stdout, /"type":"turn\.completed"/, r.stderr + r.stdout);
  assert.doesNotMatch(r.stderr, /failed to start/, 'reported once, as an event, not again as a log line');

  const tools = mock.requests[0]!.body.tools!;
  const echo = tools.find((x) => x.name === 'everything__echo');
  assert.ok(echo, `everything__echo offered: ${tools.map((x) => x.name).join(', ')}`);
  assert.equal(echo.strict, false);
  assert.deepEqual((echo.parameters as { properties: object }).properties, { message: { type: 'string', description: 'Message to echo' } });
  assert.ok(!tools.some((x) => String(x.name).startsWith('silent__')));

  const out = mock.requests[1]!.body.input!.find((i) => i.type === 'function_call_output') as { call_id: string; output: string };
  assert.deepEqual(out, { type: 'function_call_output', call_id: 'call_echo', output: '[{"type":"text","text":"Echo: via mcp"}]' });

  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { type: string; [k: string]: unknown }; message?: string });
  const failures = JSON.stringify(lines).match(/MCP client for `silent` failed to start/g) ?? [];
  assert.equal(failures.length, 1, `reported once:\n${r.stdout}`);
  assert.ok(lines.some((l) => l.item?.type === 'mcp_tool_call'), r.stdout);
});
