// An MCP tool call end to end: codex exec starts the configured npm reference
// server, offers its tools, routes the call and reports an mcp_tool_call item.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCodex } from '../support/cli.js';
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
