// `codex mcp list|get|add|remove` through the real CLI and a real config.toml
// with comments and unrelated keys, which must survive every edit.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { McpConnectionManager } from '../../app/mcp/client/manager.js';
import { EVERYTHING_BIN, runCodex, tempHome } from './support.js';

const ORIGINAL = `# Personal Codex config — keep these comments!
model = "o3" # the model
approval_policy = "on-request"

[mcp_servers.old]
command = "old-server"
args = [
  "[not-a-header]",  # a comment inside an array
  "x",
]

# Theme settings (this comment belongs to [tui])
[tui]
theme = "dark"

[mcp_servers.old.env]
TOKEN = "secret"

[profiles.fast]
model = "o4-mini"
`;

/** What remains of ORIGINAL once `old` is removed: everything that is not an MCP server. */
const UNRELATED = `# Personal Codex config — keep these comments!
model = "o3" # the model
approval_policy = "on-request"

# Theme settings (this comment belongs to [tui])
[tui]
theme = "dark"

[profiles.fast]
model = "o4-mini"
`;

test('add, list, get, remove round-trip; comments, unrelated keys and the file mode survive', async (t) => {
  const h = tempHome(ORIGINAL);
  t.after(() => h.cleanup());
  const file = join(h.home, 'config.toml');
  chmodSync(file, 0o640);

  let r = runCodex(['mcp', 'add', 'docs', '--env', 'API_KEY=abc', '--env', 'MODE=x=y', '--', 'npx', '-y', 'docs-server'], h.home);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, "Added global MCP server 'docs'.\n");
  assert.equal(r.status, 0);
  r = runCodex(['mcp', 'add', 'remote', '--url', 'https://mcp.example.com/mcp', '--bearer-token-env-var', 'MCP_TOKEN'], h.home);
  assert.equal(r.stdout, "Added global MCP server 'remote'.\n");

  r = runCodex(['mcp', 'list'], h.home);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, [
    'Name  Command     Args              Env                        Cwd  Status   Auth',
    'docs  npx         -y docs-server    API_KEY=*****, MODE=*****  -    enabled  Unsupported',
    'old   old-server  [not-a-header] x  TOKEN=*****                -    enabled  Unsupported',
    '',
    'Name    Url                          Bearer Token Env Var  Status   Auth',
    'remote  https://mcp.example.com/mcp  MCP_TOKEN             enabled  Bearer token',
    '',
  ].join('\n'));

  r = runCodex(['mcp', 'get', 'docs'], h.home);
  assert.equal(r.stdout, [
    'docs', '  enabled: true', '  transport: stdio', '  command: npx', '  args: -y docs-server', '  cwd: -',
    '  env: API_KEY=*****, MODE=*****', '  remove: codex mcp remove docs', '',
  ].join('\n'));
  r = runCodex(['mcp', 'get', 'remote', '--json'], h.home);
  assert.deepEqual(JSON.parse(r.stdout), {
    name: 'remote', enabled: true,
    transport: { type: 'streamable_http', url: 'https://mcp.example.com/mcp', bearer_token_env_var: 'MCP_TOKEN', http_headers: null, env_http_headers: null },
    startup_timeout_sec: null, tool_timeout_sec: null, auth_status: 'bearer_token',
  });
  r = runCodex(['mcp', 'list', '--json'], h.home);
  const listed = JSON.parse(r.stdout) as { name: string; transport: { env?: unknown } }[];
  assert.deepEqual(listed.map((s) => s.name), ['docs', 'old', 'remote']);
  assert.deepEqual(listed[0]!.transport.env, { API_KEY: 'abc', MODE: 'x=y' });

  r = runCodex(['mcp', 'remove', 'old'], h.home);
  assert.equal(r.stdout, "Removed global MCP server 'old'.\n");
  r = runCodex(['mcp', 'remove', 'old'], h.home);
  assert.equal(r.stdout, "No MCP server named 'old' found.\n");
  assert.equal(r.status, 0);

  assert.equal(readFileSync(file, 'utf8'), `${UNRELATED}
[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-server"]

[mcp_servers.docs.env]
API_KEY = "abc"
MODE = "x=y"

[mcp_servers.remote]
url = "https://mcp.example.com/mcp"
bearer_token_env_var = "MCP_TOKEN"
`);
  assert.equal(statSync(file).mode & 0o777, 0o640, 'mode kept');

  for (const name of ['docs', 'remote']) runCodex(['mcp', 'remove', name], h.home);
  r = runCodex(['mcp', 'list'], h.home);
  assert.equal(r.stdout, 'No MCP servers configured yet. Try `codex mcp add my-tool -- my-command`.\n');
  assert.equal(readFileSync(file, 'utf8'), UNRELATED);
});

test('bad input: invalid names, missing command, unknown server, inline definitions are refused untouched', (t) => {
  const inline = '# inline\n[mcp_servers]\ndocs = { command = "x" }\n';
  const h = tempHome(inline);
  t.after(() => h.cleanup());
  const file = join(h.home, 'config.toml');

  let r = runCodex(['mcp', 'add', 'bad.name', '--', 'x'], h.home);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "invalid server name 'bad.name' (use letters, numbers, '-', '_')\n");
  r = runCodex(['mcp', 'add', 'nocmd'], h.home);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /missing the server command/);
  r = runCodex(['mcp', 'add', 'e', '--env', 'NOEQUALS', '--', 'x'], h.home);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--env "NOEQUALS": environment entries must be in KEY=VALUE form/);
  r = runCodex(['mcp', 'get', 'ghost'], h.home);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "No MCP server named 'ghost' found.\n");

  r = runCodex(['mcp', 'add', 'docs', '--', 'y'], h.home);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /config\.toml: cannot edit `mcp_servers\.docs` as text.*the file was not changed/);
  r = runCodex(['mcp', 'remove', 'docs'], h.home);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /defined inline or with dotted keys/);
  assert.equal(readFileSync(file, 'utf8'), inline);

  writeFileSync(file, 'model = "o3"\n[broken\n');
  r = runCodex(['mcp', 'add', 'x', '--', 'y'], h.home);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /config\.toml:2:\d+: TOML syntax error/);
  assert.equal(readFileSync(file, 'utf8'), 'model = "o3"\n[broken\n');
});

test('a server added with `codex mcp add` starts from the written config.toml', async (t) => {
  const h = tempHome('# empty\n');
  t.after(() => h.cleanup());
  const r = runCodex(['mcp', 'add', 'everything', '--env', 'FROM_ADD=1', '--', process.execPath, EVERYTHING_BIN], h.home);
  assert.equal(r.status, 0, r.stderr);
  const config = await h.load();
  const mcp = await McpConnectionManager.start(config.mcpServers, { cwd: config.cwd });
  t.after(() => mcp.shutdown());
  const out = await mcp.callTool('everything__echo', '{"message":"added"}');
  assert.equal(out.output, '[{"type":"text","text":"Echo: added"}]');
});

test('a symlinked config.toml stays a symlink; a missing one is created with mode 0600', (t) => {
  const h = tempHome('# dotfiles-managed\n');
  t.after(() => h.cleanup());
  const real = join(h.work, 'real-config.toml');
  renameSync(join(h.home, 'config.toml'), real);
  symlinkSync(real, join(h.home, 'config.toml'));
  assert.equal(runCodex(['mcp', 'add', 'docs', '--', 'srv'], h.home).status, 0);
  assert.ok(lstatSync(join(h.home, 'config.toml')).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), '# dotfiles-managed\n\n[mcp_servers.docs]\ncommand = "srv"\n');

  const fresh = join(h.work, 'fresh-home');
  mkdirSync(fresh);
  assert.equal(runCodex(['mcp', 'add', 'docs', '--url', 'http://127.0.0.1:1/mcp'], fresh).status, 0);
  assert.equal(readFileSync(join(fresh, 'config.toml'), 'utf8'), '[mcp_servers.docs]\nurl = "http://127.0.0.1:1/mcp"\n');
  assert.equal(statSync(join(fresh, 'config.toml')).mode & 0o777, 0o600);
});
