// `codex mcp` at its edges, driven by the official SDK client over stdio: a
// message over the 10 MiB limit costs that message (a JSON-RPC error, a log
// line), not the server; a setsid child of an unsandboxed command ends with
// the server when the client disconnects.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { createWorkspace, type Workspace } from '../support/cli.js';
import { startMockModelServer } from '../support/mock-model-server.js';
import { codexArgv, isAlive } from './support.js';
import { waitFor } from '../support/wait.js';

async function connect(ws: Workspace) {
  const transport = new StdioClientTransport({ command: process.execPath, args: codexArgv(['mcp']), env: ws.env, cwd: ws.repo, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'codex-mcp-limits-test', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid!;
  const exited = waitFor(() => !isAlive(pid), 'codex mcp to exit', 30_000);
  exited.catch(() => undefined); // awaited by the tests that end the server
  return { client, stderr: () => stderr, exited };
}

test('a message over 10 MiB gets a JSON-RPC error for its id and a log line; the server keeps serving', async (t) => {
  const mock = await startMockModelServer([]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const { client, stderr } = await connect(ws);
  t.after(() => client.close());
  const prompt = 'x'.repeat(11 * 1024 * 1024);
  await assert.rejects(
    client.callTool({ name: 'codex-reply', arguments: { conversationId: 'c', prompt } }),
    (e: unknown) => e instanceof McpError && e.code === -32600 && /^MCP error -32600: Message of \d+ bytes exceeds the 10 MiB limit; it was not processed$/.test(e.message),
  );
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name), ['codex', 'codex-reply']);
  // The log line may trail the answer by a write.
  await waitFor(() => /refused a message/.test(stderr()), () => `the refusal in the log; stderr: ${stderr()}`);
  assert.match(stderr(), /WARN +codex_mcp_server: refused a message of \d+ bytes \(id \d+\): over the 10 MiB limit/);
  // Tool calls still run.
  const ghost = await client.callTool({ name: 'codex-reply', arguments: { conversationId: 'nope', prompt: 'hi' } });
  assert.equal(ghost.isError, true);
});

test('a setsid child of an unsandboxed command ends when the client disconnects', async (t) => {
  const script = "setsid -f sh -c 'echo $$ > kid.tmp; mv kid.tmp kid; exec sleep 300' >/dev/null 2>&1; " +
    'for i in $(seq 200); do [ -e kid ] && break; sleep 0.05; done; echo started';
  const mock = await startMockModelServer([
    { output: [{ type: 'function_call', name: 'shell', call_id: 'call_daemon', arguments: { command: ['bash', '-c', script] } }] },
    { output: [{ type: 'text', text: 'Started it.' }] },
  ]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const { client, exited, stderr } = await connect(ws);
  const res = await client.callTool({ name: 'codex', arguments: { prompt: 'start a daemon', 'approval-policy': 'never', sandbox: 'danger-full-access' } });
  assert.deepEqual(res, { content: [{ type: 'text', text: 'Started it.' }], isError: false }, stderr());
  assert.ok(existsSync(join(ws.repo, 'kid')), 'the command ran');
  const kid = Number(readFileSync(join(ws.repo, 'kid'), 'utf8'));
  t.after(() => {
    try {
      process.kill(kid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  });
  assert.ok(isAlive(kid), 'the setsid child runs while the server does');
  await client.close();
  await exited;
  await waitFor(() => !isAlive(kid), 'the setsid child to end with codex mcp');
});
