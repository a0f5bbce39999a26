// `codex mcp` driven by the official SDK Client over stdio: the two tools and
// their schemas, a `codex` call against the mock model server with its
// `codex/event` stream, an exec approval answered through elicitation/create
// with a denial that reaches the model, then `codex-reply`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CODEX_REPLY_TOOL, CODEX_TOOL } from '../../app/mcp/server/tool-specs.js';
import { createWorkspace, type Workspace } from '../support/cli.js';
import { startMockModelServer } from '../support/mock-model-server.js';
import { codexArgv } from './support.js';

interface CodexEvent { _meta: { requestId: number | string }; id: string; msg: { type: string; [k: string]: unknown } }

async function connect(ws: Workspace, t: { after: (fn: () => unknown) => void }) {
  const transport = new StdioClientTransport({ command: process.execPath, args: codexArgv(['mcp']), env: ws.env, cwd: ws.repo, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  // Outgoing messages, to learn the JSON-RPC id of each tools/call.
  const sent: JSONRPCMessage[] = [];
  const client = new Client({ name: 'codex-mcp-test', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  await client.connect(transport);
  const send = transport.send.bind(transport);
  transport.send = (m) => { sent.push(m); return send(m); };
  // Incoming messages as sent: the SDK's ElicitRequestSchema strips the codex_* fields before a handler sees them.
  const received: JSONRPCMessage[] = [];
  const onmessage = transport.onmessage!;
  transport.onmessage = (m: JSONRPCMessage) => { received.push(m); onmessage(m); };
  t.after(() => client.close());
  const events: CodexEvent[] = [];
  client.fallbackNotificationHandler = async (n) => {
    if (n.method === 'codex/event') events.push(n.params as unknown as CodexEvent);
  };
  const callId = (name: string) => {
    const req = sent.filter((m) => 'method' in m && m.method === 'tools/call' && (m.params as { name: string }).name === name).at(-1);
    return (req as { id: number }).id;
  };
  const elicitationsSent = () => received.flatMap((m) => ('method' in m && m.method === 'elicitation/create' ? [m.params as Record<string, unknown>] : []));
  return { client, events, callId, elicitationsSent, stderr: () => stderr };
}

test('tools/list: exactly codex and codex-reply with the reference schemas; serverInfo', async (t) => {
  const mock = await startMockModelServer([]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const { client } = await connect(ws, t);
  assert.deepEqual(client.getServerVersion(), { name: 'codex-mcp-server', version: (await import('../../app/config/version.js')).cliVersion(), title: 'Codex' });
  assert.deepEqual(client.getServerCapabilities()?.tools, { listChanged: true });
  const { tools } = await client.listTools();
  assert.deepEqual(tools, [CODEX_TOOL, CODEX_REPLY_TOOL]);
  assert.deepEqual(Object.keys(CODEX_TOOL.inputSchema.properties!), ['prompt', 'model', 'profile', 'cwd', 'approval-policy', 'sandbox', 'config', 'base-instructions', 'include-plan-tool']);
  assert.deepEqual(CODEX_TOOL.inputSchema.required, ['prompt']);
  assert.deepEqual(CODEX_REPLY_TOOL.inputSchema.required, ['conversationId', 'prompt']);
  const bad = await client.callTool({ name: 'codex', arguments: { model: 'x' } });
  assert.equal(bad.isError, true);
  assert.match((bad.content as { text: string }[])[0]!.text, /^Failed to parse configuration for Codex tool: prompt: /);
  const ghost = await client.callTool({ name: 'codex-reply', arguments: { conversationId: 'nope', prompt: 'hi' } });
  assert.equal(ghost.isError, true);
});

test('codex: events stream, exec approval denied through elicitation reaches the model, then codex-reply', async (t) => {
  const mock = await startMockModelServer([
    { output: [{ type: 'function_call', name: 'shell', call_id: 'call_touch', arguments: { command: ['touch', 'denied.txt'] } }] },
    { output: [{ type: 'text', text: 'The command was denied, so I stopped.' }] },
    { output: [{ type: 'text', text: 'Second answer.' }] },
  ]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const { client, events, callId, stderr } = await connect(ws, t);
  const elicitations: Record<string, unknown>[] = [];
  client.fallbackRequestHandler = async (req) => {
    if (req.method !== 'elicitation/create') throw new Error(`unexpected request ${req.method}`);
    elicitations.push(req.params as Record<string, unknown>);
    return { decision: 'denied' };
  };

  const first = await client.callTool({
    name: 'codex',
    arguments: { prompt: 'create denied.txt', 'approval-policy': 'untrusted', sandbox: 'workspace-write', config: { hide_agent_reasoning: true } },
  });
  assert.deepEqual(first, { content: [{ type: 'text', text: 'The command was denied, so I stopped.' }], isError: false }, stderr());
  const id1 = callId('codex');

  const types = events.map((e) => e.msg.type);
  assert.equal(types[0], 'session_configured');
  for (const ty of ['task_started', 'exec_approval_request', 'agent_message', 'task_complete']) assert.ok(types.includes(ty), `${ty} in ${types.join(',')}`);
  // The denial is the elicitation's answer: no begin/end of a command that never ran follows it.
  assert.ok(!types.includes('exec_command_begin') && !types.includes('exec_command_end'), types.join(','));
  assert.ok(events.every((e) => e._meta.requestId === id1), 'every event carries the tools/call id');
  const conversationId = events[0]!.msg.session_id as string;
  assert.match(conversationId, /^[0-9a-f-]{36}$/);

  assert.equal(elicitations.length, 1);
  const approvalEvent = events.find((e) => e.msg.type === 'exec_approval_request')!;
  assert.deepEqual(elicitations[0], {
    message: `Allow Codex to run \`touch denied.txt\` in \`${ws.repo}\`?`,
    requestedSchema: { type: 'object', properties: {} },
    codex_elicitation: 'exec-approval',
    codex_mcp_tool_call_id: id1,
    codex_event_id: approvalEvent.id,
    codex_call_id: 'call_touch',
    codex_command: ['touch', 'denied.txt'],
    codex_cwd: ws.repo,
  });
  assert.equal(existsSync(join(ws.repo, 'denied.txt')), false, 'the denied command never ran');
  const output = mock.requests[1]!.body.input!.find((i) => i.type === 'function_call_output') as { call_id: string; output: string };
  assert.equal(output.call_id, 'call_touch');
  assert.match(output.output, /exec command rejected by user/);

  const before = events.length;
  const second = await client.callTool({ name: 'codex-reply', arguments: { conversationId, prompt: 'and now?' } });
  assert.deepEqual(second, { content: [{ type: 'text', text: 'Second answer.' }], isError: false });
  const id2 = callId('codex-reply');
  const later = events.slice(before);
  assert.ok(later.length > 0 && later.every((e) => e._meta.requestId === id2));
  assert.equal(later.at(-1)!.msg.type, 'task_complete');
  const input = mock.requests[2]!.body.input!;
  const texts = JSON.stringify(input);
  assert.ok(texts.includes('create denied.txt') && texts.includes('and now?'), 'the reply continues the same conversation');
});

test('several calls at once; notifications/cancelled interrupts a running call', async (t) => {
  const mock = await startMockModelServer([
    { output: [{ type: 'text', text: 'Answer one.' }], delayMs: 100 },
    { output: [{ type: 'text', text: 'Answer two.' }], delayMs: 100 },
    { fault: 'stall', afterEvents: 1 },
  ]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const { client, events } = await connect(ws, t);

  const results = await Promise.all(['first', 'second'].map((prompt) => client.callTool({ name: 'codex', arguments: { prompt } })));
  const texts = results.map((r) => (r.content as { text: string }[])[0]!.text).sort();
  assert.deepEqual(texts, ['Answer one.', 'Answer two.']);
  const sessions = new Set(events.filter((e) => e.msg.type === 'session_configured').map((e) => e.msg.session_id));
  assert.equal(sessions.size, 2, 'two conversations');
  // Concurrent, not queued: both conversations started before either finished.
  const firstDone = events.findIndex((e) => e.msg.type === 'task_complete');
  assert.equal(events.slice(0, firstDone).filter((e) => e.msg.type === 'task_started').length, 2);
  const byRequest = new Map<unknown, string[]>();
  for (const e of events) byRequest.set(e._meta.requestId, [...(byRequest.get(e._meta.requestId) ?? []), e.msg.type]);
  assert.equal(byRequest.size, 2);
  for (const types of byRequest.values()) assert.equal(types.filter((ty) => ty === 'task_complete').length, 1);

  const abort = new AbortController();
  const before = events.length;
  const pending = client.callTool({ name: 'codex', arguments: { prompt: 'hang' } }, undefined, { signal: abort.signal });
  pending.catch(() => undefined);
  await mock.waitForRequests(3);
  abort.abort('user cancelled');
  await assert.rejects(pending);
  for (let i = 0; i < 100 && !events.slice(before).some((e) => e.msg.type === 'turn_aborted'); i++) await new Promise((r) => setTimeout(r, 50));
  const aborted = events.slice(before).find((e) => e.msg.type === 'turn_aborted');
  assert.deepEqual(aborted?.msg, { type: 'turn_aborted', reason: 'interrupted' });
});

test('patch approval: elicitation in the standard shape, approved, the patch is applied', async (t) => {
  const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello from the patch\n*** End Patch\n';
  const mock = await startMockModelServer([
    { output: [{ type: 'function_call', name: 'apply_patch', call_id: 'call_patch', arguments: { input: patch } }] },
    { output: [{ type: 'text', text: 'Patched.' }] },
  ]);
  t.after(() => mock.close());
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const { client, callId, elicitationsSent } = await connect(ws, t);
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { decision: 'approved' } }));
  const res = await client.callTool({ name: 'codex', arguments: { prompt: 'add hello.txt', 'approval-policy': 'on-request', sandbox: 'read-only' } });
  assert.deepEqual(res, { content: [{ type: 'text', text: 'Patched.' }], isError: false });
  const asked = elicitationsSent();
  assert.equal(asked.length, 1);
  const params = asked[0]!;
  assert.equal(params.codex_elicitation, 'patch-approval');
  assert.equal(params.codex_mcp_tool_call_id, callId('codex'));
  assert.equal(params.codex_call_id, 'call_patch');
  assert.match(String(params.message), /(^|\n)Allow Codex to apply proposed code changes\?$/);
  assert.deepEqual(params.codex_changes, { [join(ws.repo, 'hello.txt')]: { add: { content: 'hello from the patch\n' } } });
  assert.equal(readFileSync(join(ws.repo, 'hello.txt'), 'utf8'), 'hello from the patch\n');
});
