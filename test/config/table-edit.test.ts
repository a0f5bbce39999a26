// The generic text-level table editor behind `codex mcp add|remove` and the
// trust screen: setting keys of one table in place, and the scanner's view of
// `key = value` lines and their multi-line continuations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { applyTableChange, verifyTableEdit } from '../../app/config/edit/config-file.js';
import { setTableKeys, tablePath } from '../../app/config/edit/table-edit.js';
import { scanLines } from '../../app/config/edit/toml-scan.js';

test('the scanner marks key lines with their key and the lines of a multi-line value as continued', () => {
  const text = 'a = """\nb = 1\n"""\n"c.d".e = [\n  1,\n]\nf = \'x=y\'\n';
  const lines = scanLines(text).map((l) => [l.key ?? null, l.continued ?? false]);
  assert.deepEqual(lines, [[['a'], false], [null, true], [null, true], [['c.d', 'e'], false], [null, true], [null, true], [['f'], false]]);
});

test('set: a key of the table is rewritten in place (indentation kept), others stay, new keys follow the last one', () => {
  const before = '[projects."/a"]\n  trust_level = "untrusted"  # old\n  note = "keep"\n\n[tui]\ntheme = "dark"\n';
  const after = setTableKeys(before, ['projects', '/a'], { trust_level: 'trusted', extra: 1 });
  assert.equal(after, '[projects."/a"]\n  trust_level = "trusted"\n  note = "keep"\nextra = 1\n\n[tui]\ntheme = "dark"\n');
  assert.doesNotThrow(() => verifyTableEdit('config.toml', before, after, ['projects', '/a'], { kind: 'set', entries: { trust_level: 'trusted', extra: 1 } }));
});

test('set: CRLF files stay CRLF; a last line without a newline keeps having none; an empty table gets the key after its header', () => {
  assert.equal(setTableKeys('# c\r\n[projects."/a"]\r\ntrust_level = "x"', ['projects', '/a'], { trust_level: 'trusted' }), '# c\r\n[projects."/a"]\r\ntrust_level = "trusted"');
  assert.equal(setTableKeys('model = "o3"\r\n', ['projects', '/b'], { trust_level: 'trusted' }), 'model = "o3"\r\n\r\n[projects."/b"]\r\ntrust_level = "trusted"\r\n');
  assert.equal(setTableKeys('[projects."/a"]\n[tui]\n', ['projects', '/a'], { trust_level: 'trusted' }), '[projects."/a"]\ntrust_level = "trusted"\n[tui]\n');
  assert.equal(setTableKeys('[projects."/a"]', ['projects', '/a'], { trust_level: 'trusted' }), '[projects."/a"]\ntrust_level = "trusted"\n');
  assert.equal(setTableKeys('', ['projects', '/a'], { trust_level: 'trusted' }), '[projects."/a"]\ntrust_level = "trusted"\n');
});

test('key paths are spelled as TOML keys; the verification names the table when the text edit cannot express the change', () => {
  assert.equal(tablePath(['projects', '/a b/"c"', 'x']), 'projects."/a b/\\"c\\"".x');
  assert.equal(tablePath(['mcp_servers', 'docs']), 'mcp_servers.docs');
  const inline = '[mcp_servers]\ndocs = { command = "x" }\n';
  const after = applyTableChange(inline, ['mcp_servers', 'docs'], { kind: 'remove' });
  assert.equal(after, inline);
  assert.throws(() => verifyTableEdit('config.toml', inline, after, ['mcp_servers', 'docs'], { kind: 'remove' }), /cannot edit `mcp_servers\.docs` as text: it is defined inline or with dotted keys, not as a \[mcp_servers\.docs\] table/);
  // Removing the last server may leave an empty [mcp_servers]: the same document as none.
  const before = '[mcp_servers]\n[mcp_servers.docs]\ncommand = "x"\n';
  const removed = applyTableChange(before, ['mcp_servers', 'docs'], { kind: 'remove' });
  assert.deepEqual(JSON.parse(JSON.stringify(parse(removed))), { mcp_servers: {} });
  assert.doesNotThrow(() => verifyTableEdit('config.toml', before, removed, ['mcp_servers', 'docs'], { kind: 'remove' }));
});
