import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { removeTable, renderTable, replaceTable } from '../../app/config/edit/table-edit.js';
import { parseDottedKey, scanLines } from '../../app/config/edit/toml-scan.js';
import { tomlValue } from '../../app/config/edit/toml-value.js';

// The `[mcp_servers.NAME]` edits of `codex mcp add|remove`, through the generic table editor.
const removeServerTables = (text: string, name: string) => removeTable(text, ['mcp_servers', name]);
const setServerTable = (text: string, name: string, entry: Record<string, unknown>) => replaceTable(text, ['mcp_servers', name], entry);
const renderServerTable = (name: string, entry: Record<string, unknown>) => renderTable(['mcp_servers', name], entry);

test('headers are found with their paths; brackets inside values are not headers', () => {
  const text = [
    'a = """',
    '[mcp_servers.fake]',
    '"""',
    "b = '''",
    '[mcp_servers.fake2]',
    "'''",
    'c = [',
    '  [1, 2],',
    '  "[x]",',
    ']',
    '[ mcp_servers . "my.server" ]  # comment',
    "[[mcp_servers.'x'.list]]",
    '',
  ].join('\n');
  const headers = scanLines(text).filter((l) => l.kind === 'header');
  assert.deepEqual(headers.map((h) => [h.path, h.arrayTable]), [[['mcp_servers', 'my.server'], false], [['mcp_servers', 'x', 'list'], true]]);
  assert.deepEqual(parseDottedKey(' a . "b.c" . \'d\' '), ['a', 'b.c', 'd']);
  assert.equal(parseDottedKey('a..b'), undefined);
});

test('remove takes the table and its sub-tables, keeps comments above the next table', () => {
  const text = [
    '# top',
    'model = "o3"',
    '',
    '[mcp_servers.docs]',
    'command = "x"',
    '',
    '# about tui',
    '[tui]',
    'theme = "dark"',
    '',
    '[mcp_servers."docs".env]',
    'A = "1"',
    '',
    '[mcp_servers.other]',
    'command = "y"',
    '',
  ].join('\n');
  const { text: out, removed } = removeServerTables(text, 'docs');
  assert.equal(removed, true);
  assert.equal(out, ['# top', 'model = "o3"', '', '# about tui', '[tui]', 'theme = "dark"', '', '[mcp_servers.other]', 'command = "y"', ''].join('\n'));
  assert.deepEqual(removeServerTables(out, 'docs'), { text: out, removed: false });
});

test('set replaces an existing server at the end and renders sub-tables', () => {
  const before = '[mcp_servers.docs]\ncommand = "old"\n\n[tui]\ntheme = "light"\n';
  const after = setServerTable(before, 'docs', { command: 'npx', args: ['-y', 'srv'], env: { A: '1', 'B.C': 'q"uote' } });
  assert.equal(after, '[tui]\ntheme = "light"\n\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "srv"]\n\n[mcp_servers.docs.env]\nA = "1"\n"B.C" = "q\\"uote"\n');
  assert.deepEqual(JSON.parse(JSON.stringify(parse(after))), {
    tui: { theme: 'light' },
    mcp_servers: { docs: { command: 'npx', args: ['-y', 'srv'], env: { A: '1', 'B.C': 'q"uote' } } },
  });
  assert.equal(setServerTable('', 'a', { url: 'http://h' }), '[mcp_servers.a]\nurl = "http://h"\n');
  assert.equal(renderServerTable('a', { command: 'c' }), '[mcp_servers.a]\ncommand = "c"\n');
  assert.equal(setServerTable('# crlf\r\n[mcp_servers.a]\r\ncommand = "old"\r\n', 'a', { command: 'new' }), '# crlf\r\n\r\n[mcp_servers.a]\r\ncommand = "new"\r\n');
});

test('TOML values: strings escape like JSON plus DEL; null is refused with its path', () => {
  assert.equal(tomlValue({ a: [1, 2.5, true], 'b c': { d: 'x\u007fy' } }), '{ a = [1, 2.5, true], "b c" = { d = "x\\u007fy" } }');
  assert.throws(() => tomlValue({ a: { b: null } }, 'config'), /config\.a\.b: null cannot be written as TOML/);
  assert.equal(parse(`v = ${tomlValue('tab\there "q" \\ \u0001')}`).v, 'tab\there "q" \\ \u0001');
});
