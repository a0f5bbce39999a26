// The `list_mcp_tools` op (what the TUI's /mcp shows): every configured server
// with its state, its error when it failed, and its tools by qualified name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVERYTHING_BIN, tomlString } from '../mcp/support.js';
import { withSession } from './support.js';

const toml = `
[mcp_servers.everything]
command = ${tomlString(process.execPath)}
args = [${tomlString(EVERYTHING_BIN)}]
enabled_tools = ["echo", "get-sum"]

[mcp_servers.broken]
command = "/nonexistent/mcp-server-binary"
`;

test('list_mcp_tools answers with each server, its state or error, and its tools', () =>
  withSession([], toml, async (h) => {
    const n = h.events.length;
    h.session.submit({ type: 'list_mcp_tools' });
    const { servers } = await h.next('mcp_list_tools_response', n);
    const byName = new Map(servers.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()].sort(), ['broken', 'everything']);
    const everything = byName.get('everything')!;
    assert.equal(everything.state, 'ready');
    assert.equal(everything.error, undefined);
    assert.deepEqual(everything.tools.map((t) => [t.name, t.qualified_name]).sort(), [['echo', 'everything__echo'], ['get-sum', 'everything__get-sum']]);
    assert.ok(everything.tools.every((t) => typeof t.description === 'string' && t.description.length > 0));
    const broken = byName.get('broken')!;
    assert.equal(broken.state, 'failed');
    assert.match(broken.error ?? '', /ENOENT/);
    assert.deepEqual(broken.tools, []);
  }));
