// Every malformed config.toml must produce a message naming the file, the
// location (line:column) and what is wrong.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../app/config/index.js';
import { tempHome } from './home.js';

interface Case { name: string; toml: string; error: string }

// `error` is the first line of the message after "<CODEX_HOME>/config.toml:".
const syntax: Case[] = [
  { name: 'missing value', toml: 'model = \n', error: '1:9: TOML syntax error: invalid value' },
  { name: 'unterminated string', toml: 'model = "gpt-5\n', error: '1:15: TOML syntax error: control characters are not allowed in strings' },
  { name: 'unterminated multi-line string', toml: "notes = '''abc\n", error: "1:9: TOML syntax error: unfinished string" },
  { name: 'unclosed table header', toml: '[tui\ntheme = "x"\n', error: '1:5: TOML syntax error: illegal character in key' },
  { name: 'duplicate key', toml: 'model = "a"\nmodel = "b"\n', error: '2:1: TOML syntax error: trying to redefine an already defined table or value' },
  { name: 'duplicate table', toml: '[tui]\n[tui]\n', error: '2:2: TOML syntax error: trying to redefine an already defined table or value' },
  { name: 'unclosed array', toml: 'notify = ["a", "b"\n', error: '2:1: TOML syntax error: expected comma or end of structure' },
  { name: 'unclosed inline table', toml: 'x = {a = 1\n', error: '2:1: TOML syntax error: expected comma or end of structure' },
  { name: 'garbage after a value', toml: 'model = "o3" extra\n', error: '1:14: TOML syntax error: each key-value declaration must be followed by an end-of-line' },
  { name: 'missing key', toml: '= 3\n', error: '1:1: TOML syntax error: unexpected end of key' },
  { name: 'invalid date', toml: 'when = 1979-13-45\n', error: '1:8: TOML syntax error: invalid date' },
  { name: 'bare word value', toml: 'hide_agent_reasoning = tru\n', error: '1:24: TOML syntax error: invalid value' },
  { name: 'error on a later line', toml: 'model = "o3"\n\n[tui]\ntheme = \n', error: '4:9: TOML syntax error: invalid value' },
];

const types: Case[] = [
  { name: 'model is a number', toml: 'model = 5\n', error: '1:1: invalid value for `model`: expected a string, found integer 5' },
  { name: 'approval_policy not an allowed word', toml: 'approval_policy = "sometimes"\n', error: '1:1: invalid value for `approval_policy`: expected one of "untrusted", "on-failure", "on-request", "never", found string "sometimes"' },
  { name: 'sandbox_mode wrong word', toml: '\nsandbox_mode = "full"\n', error: '2:1: invalid value for `sandbox_mode`: expected one of "read-only", "workspace-write", "danger-full-access", found string "full"' },
  { name: 'boolean given as string', toml: 'hide_agent_reasoning = "yes"\n', error: '1:1: invalid value for `hide_agent_reasoning`: expected a boolean, found string "yes"' },
  { name: 'negative byte budget', toml: 'project_doc_max_bytes = -1\n', error: '1:1: invalid value for `project_doc_max_bytes`: expected a number >= 0, found integer -1' },
  { name: 'float where an integer is needed', toml: 'project_doc_max_bytes = 1.5\n', error: '1:1: invalid value for `project_doc_max_bytes`: expected an integer, found float 1.5' },
  { name: 'notify not an array', toml: 'notify = "notify-send"\n', error: '1:1: invalid value for `notify`: expected an array, found string "notify-send"' },
  { name: 'notify element not a string', toml: 'notify = ["a", 2]\n', error: '1:1: invalid value for `notify[1]`: expected a string, found integer 2' },
  { name: 'provider without a name', toml: '[model_providers.local]\nbase_url = "http://x"\n', error: '1:1: invalid value for `model_providers.local.name`: expected a string, found nothing (the key is missing)' },
  { name: 'provider wire_api word', toml: '[model_providers.local]\nname = "L"\nwire_api = "grpc"\n', error: '3:1: invalid value for `model_providers.local.wire_api`: expected one of "responses", "chat", found string "grpc"' },
  { name: 'provider is not a table', toml: 'model_providers = { local = 3 }\n', error: '1:1: invalid value for `model_providers.local`: expected a table, found integer 3' },
  { name: 'shell_environment_policy.inherit word', toml: '[shell_environment_policy]\ninherit = "some"\n', error: '2:1: invalid value for `shell_environment_policy.inherit`: expected one of "all", "core", "none", found string "some"' },
  { name: 'dotted key inside a table', toml: '[sandbox_workspace_write]\nnetwork_access = 1\n', error: '2:1: invalid value for `sandbox_workspace_write.network_access`: expected a boolean, found integer 1' },
  { name: 'mcp server args not strings', toml: '[mcp_servers.docs]\ncommand = "npx"\nargs = [1]\n', error: '3:1: invalid value for `mcp_servers.docs.args[0]`: expected a string, found integer 1' },
  { name: 'mcp env value not a string', toml: '[mcp_servers.docs.env]\nA = 1\n', error: '2:1: invalid value for `mcp_servers.docs.env.A`: expected a string, found integer 1' },
  { name: 'profile value wrong word', toml: '[profiles.fast]\nmodel_reasoning_effort = "max"\n', error: '2:1: invalid value for `profiles.fast.model_reasoning_effort`: expected one of "minimal", "low", "medium", "high", "xhigh", found string "max"' },
  { name: 'tui.notifications wrong type', toml: '[tui]\nnotifications = "yes"\n', error: '2:1: invalid value for `tui.notifications`: expected a boolean or an array, found string "yes"' },
  { name: 'file_opener word', toml: 'file_opener = "emacs"\n', error: '1:1: invalid value for `file_opener`: expected one of "vscode", "vscode-insiders", "windsurf", "cursor", "none", found string "emacs"' },
  { name: 'history table is a string', toml: 'history = "none"\n', error: '1:1: invalid value for `history`: expected a table, found string "none"' },
  { name: 'relative writable root', toml: 'sandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nwritable_roots = ["data"]\n', error: '3:1: invalid value for `sandbox_workspace_write.writable_roots[0]`: expected an absolute path, found string "data"' },
  { name: 'indented key in a dotted table header', toml: '[model_providers."my.host"]\n  name = 7\n', error: '2:3: invalid value for `model_providers."my.host".name`: expected a string, found integer 7' },
];

for (const c of [...syntax, ...types]) {
  test(`malformed config: ${c.name}`, async () => {
    const home = tempHome({ 'config.toml': c.toml });
    const file = join(home, 'config.toml');
    await assert.rejects(loadConfig({ codexHome: home, env: {} }), (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.message.split('\n')[0], `${file}:${c.error}`);
      return true;
    });
  });
}

test('syntax errors show the offending line under the location', async () => {
  const home = tempHome({ 'config.toml': 'model = "o3"\napproval_policy = \n' });
  await assert.rejects(loadConfig({ codexHome: home, env: {} }), (e: Error) => /\n.*2: {2}approval_policy = \n\s+\^/.test(e.message));
});

test('every type error is reported, one per line', async () => {
  const home = tempHome({ 'config.toml': 'model = 1\nhide_agent_reasoning = "no"\n' });
  await assert.rejects(loadConfig({ codexHome: home, env: {} }), (e: Error) => {
    const lines = e.message.split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /config\.toml:1:1: invalid value for `model`/);
    assert.match(lines[1]!, /config\.toml:2:1: invalid value for `hide_agent_reasoning`/);
    return true;
  });
});

test('a bad -c value names the override, not the file', async () => {
  const home = tempHome({ 'config.toml': 'approval_policy = "never"\n' });
  await assert.rejects(loadConfig({ codexHome: home, env: {}, cliOverrides: ['approval_policy=sometimes'] }), {
    message: '-c approval_policy=sometimes: invalid value for `approval_policy`: expected one of "untrusted", "on-failure", "on-request", "never", found string "sometimes"',
  });
  await assert.rejects(loadConfig({ codexHome: home, env: {}, cliOverrides: ['tui={theme=3}'] }), { message: '-c tui={theme=3}: invalid value for `tui.theme`: expected a string, found integer 3' });
});

test('unknown keys are warnings with their location, never errors', async () => {
  const home = tempHome({ 'config.toml': 'modle = "o3"\n[tui]\nthem = "light"\n[mcp_servers.x]\ncommand = "c"\ncomand = "typo"\n' });
  const c = await loadConfig({ codexHome: home, env: {}, cliOverrides: ['shell_environment_policy.inheritt=all'] });
  const file = join(home, 'config.toml');
  assert.deepEqual(c.warnings, [
    `${file}:1:1: unknown key \`modle\` (ignored)`,
    `${file}:3:1: unknown key \`tui.them\` (ignored)`,
    `${file}:6:1: unknown key \`mcp_servers.x.comand\` (ignored)`,
    '-c shell_environment_policy.inheritt=all: unknown key `shell_environment_policy.inheritt` (ignored)',
  ]);
});

test('an unreadable config.toml is an error naming it', async () => {
  const home = tempHome();
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(home, 'config.toml'));
  await assert.rejects(loadConfig({ codexHome: home, env: {} }), (e: Error) => e instanceof ConfigError && e.message.startsWith(`${join(home, 'config.toml')}: cannot read:`));
});
