// An MCP tool call end to end: codex exec starts the configured npm reference
// server, offers its tools, routes the call and reports an mcp_tool_call item.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCodex } from '../support/cli.js';
import { fixture } from '../mcp/support.js';
import { jsonLines, outputOf, scenario } from './support.js';

const EVERYTHING = join(fileURLToPath(new URL('../..', import.meta.url)), 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

test('an MCP tool call shows as an mcp_tool_call item and its result reaches the model', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'everything__echo', arguments: { message: 'ping' }, call_id: 'm' }] },
    { output: [{ type: 'text', text: 'echoed' }] },
  ], {
      config: `[mcp_servers.everything]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(EVERYTHING)}]\n`,
    }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', 'echo via mcp']);
    assert.equal(r.code, 0, r.stderr);
    const items = jsonLines(r.stdout).filter((e) => (e.item as { type?: string } | undefined)?.type === 'mcp_tool_call');
    assert.equal(items.length, 2);
    assert.deepEqual(items[0], {
      type: 'item.started',
      item: { id: 'item_0', type: 'mcp_tool_call', server: 'everything', tool: 'echo', arguments: { message: 'ping' }, result: null, error: null, status: 'in_progress' },
    });
    const done = items[1]!.item as { status: string; result: { content: { text: string }[] } };
    assert.equal(done.status, 'completed');
    assert.match(done.result.content[0]!.text, /ping/);
    assert.ok(mock.requests[0]!.body.tools?.some((t) => t.name === 'everything__echo'));
    assert.match(outputOf(mock.requests[1]!.body.input, 'm')!, /ping/);
  }));

test('an MCP server that cannot start is reported, and the run still succeeds', () =>
  scenario([{ output: [{ type: 'text', text: 'fine without it' }] }], {
    config: `[mcp_servers.broken]\ncommand = "/nonexistent/mcp-server"\n`,
  }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'fine without it\n');
    assert.match(r.stderr, /ERROR: MCP client for `broken` failed to start/);
    assert.equal(mock.requests[0]!.body.tools?.some((t) => t.name?.startsWith('broken__')), false);
  }));

test('an MCP server that exits mid-session is reported as a warning, the run succeeds, and a later call still names its server', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['sleep', '1'] }, call_id: 's' }] },
    { output: [{ type: 'function_call', name: 'dies__loose', arguments: {}, call_id: 'm' }] },
    { output: [{ type: 'text', text: 'went on' }] },
  ], {
    config: `[mcp_servers.dies]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(fixture('loose-server.mjs'))}]\nenv = { EXIT_AFTER_MS = "300" }\n`,
  }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', '-s', 'danger-full-access', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    const events = jsonLines(r.stdout);
    const warning = events.find((e) => e.type === 'item.completed' && (e.item as { type: string }).type === 'error');
    assert.match(JSON.stringify(warning), /MCP server `dies` exited \(exit code 7\); its tools are no longer available/);
    const call = events.find((e) => e.type === 'item.completed' && (e.item as { type: string }).type === 'mcp_tool_call')?.item as Record<string, unknown>;
    assert.equal(call.server, 'dies');
    assert.equal(call.tool, 'loose');
    assert.equal(call.status, 'failed');
    assert.equal(events.at(-1)!.type, 'turn.completed');
    assert.match(outputOf(mock.requests[2]!.body.input, 'm')!, /MCP server `dies` is not running/);
  }));
