// The checked config remembered between starts (app/config/checked-memo.ts):
// taken only when the file's text, the -c overrides, --profile and the build
// are all the last start's; faithful (JSON gives back what the schema gave);
// never trusted from a file others may write or a damaged one; and the real
// CLI sees a changed config.toml at once.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { checkToml } from '../../app/config/checked-toml.js';
import { encodeMemo, jsonExact, memoPath, recall, remember, type MemoKey } from '../../app/config/checked-memo.js';
import { ConfigError, loadConfig } from '../../app/config/index.js';
import { setBuildId } from '../../app/start-hooks.js';
import { spawn, spawnSync } from 'node:child_process';
import { CODEX_JS, collect, createWorkspace, runCodex, type Workspace } from '../support/cli.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { tempHome } from './home.js';

const cache = mkdtempSync(join(tmpdir(), 'codex-memo-'));
after(() => {
  setBuildId(undefined);
  rmSync(cache, { recursive: true, force: true });
});
/** Each test its own cache directory, under XDG_CACHE_HOME as the CLI finds it. */
let n = 0;
const cacheEnv = () => ({ XDG_CACHE_HOME: join(cache, String(n++)) });
const memoDir = (env: { XDG_CACHE_HOME: string }) => join(env.XDG_CACHE_HOME, 'codex-ts');

const RICH = `
model = "o3"
model_provider = "local"
approval_policy = "never"
sandbox_mode = "workspace-write"
notify = ["notify-send", "done"]
project_doc_fallback_filenames = ["CLAUDE.md"]
unknown_top = 1
profile = "fast"

[model_providers.local]
name = "Local"
base_url = "http://127.0.0.1:9/v1"
wire_api = "chat"
query_params = { "api-version" = "1" }

[mcp_servers.docs]
command = "docs-server"
args = ["--stdio"]
startup_timeout_sec = 2.5

[sandbox_workspace_write]
writable_roots = ["/tmp/a"]
network_access = true

[shell_environment_policy]
inherit = "core"
set = { FOO = "bar" }

[tui]
theme = "light"
keymap = { submit = ["enter", "ctrl+j"] }

[profiles.fast]
model = "gpt-5-mini"
model_reasoning_effort = "low"

[projects."/srv/x"]
trust_level = "trusted"
`;

const src = (text: string, cli: string[] = []) => ({ file: '/home/u/.codex/config.toml', text, cli: cli.map((raw) => ({ raw, path: raw.split('=')[0]!.split('.'), value: JSON.parse(raw.split('=')[1]!) })) });

test('what JSON gives back of a checked config is what the schema gave', () => {
  for (const text of [RICH, '', 'model = "gpt-5"\n[tui]\nvim = true\n']) {
    const checked = checkToml(src(text), undefined);
    assert.ok(jsonExact(checked), `not JSON-exact: ${text.slice(0, 40)}`);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(checked)), checked);
  }
  const withCli = checkToml(src(RICH, ['model_verbosity="high"']), 'fast');
  assert.equal(withCli.toml.model, 'gpt-5-mini');
  assert.deepStrictEqual(JSON.parse(JSON.stringify(withCli)), withCli);
});

test('a table JSON would change is not JSON-exact, and is not remembered', () => {
  assert.equal(jsonExact({ a: [1, 'x', true, { b: 2.5 }] }), true);
  for (const [i, v] of [{ a: Infinity }, { a: NaN }, { a: -0 }, { a: new Date(0) }, { a: undefined }, { a: 1n }, { a: null }, { a: Object.create(null) }].entries()) assert.equal(jsonExact(v), false, `case ${i}`);
  const env = cacheEnv();
  const key: MemoKey = { build: 'b', file: '/c.toml', text: 'x = inf', cli: [], profile: undefined };
  // Unknown keys survive checking (as warnings), whatever their value.
  for (const text of ['weird = inf\n', 'when = 1979-05-27T07:32:00Z\n', 'minus_zero = -0.0\n', '[unknown_table]\nx = 1979-05-27\n']) {
    const checked = checkToml(src(text), undefined);
    assert.equal(checked.warnings.length, 1);
    remember(memoDir(env), { ...key, text }, checked);
    assert.equal(recall(memoDir(env), { ...key, text }), undefined, text);
  }
});

test('a config with tables the schema does not know (0.169\'s [features]) is remembered, their keys kept as keys, __proto__ included', () => {
  const dir = memoDir(cacheEnv());
  // No profile: layering one copies the tables (structuredClone), which gave them a prototype anyway.
  const text = `model = "o3"\nunknown_top = 1\n[features]\nweb_search_request = true\n"__proto__" = { polluted = true }\n[tui.later]\nx = [1, { y = 2 }]\n`;
  const key: MemoKey = { build: 'b', file: '/h/config.toml', text, cli: [], profile: undefined };
  const checked = checkToml(src(text), undefined);
  assert.equal(checked.warnings.length, 3, checked.warnings.join('\n')); // unknown_top, features, tui.later
  assert.ok(jsonExact(checked));
  remember(dir, key, checked);
  const back = recall(dir, key);
  assert.deepStrictEqual(back, checked);
  const features = (back!.toml as Record<string, unknown>).features as Record<string, unknown>;
  assert.deepEqual(Object.keys(features), ['web_search_request', '__proto__']);
  assert.equal(Object.getPrototypeOf(features), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a remembered config is recalled only for the same build, file, text, overrides and profile', () => {
  const dir = memoDir(cacheEnv());
  const key: MemoKey = { build: 'b1', file: '/h/config.toml', text: RICH, cli: ['model="x"'], profile: 'fast' };
  const checked = checkToml(src(RICH), 'fast');
  remember(dir, key, checked);
  assert.deepStrictEqual(recall(dir, key), checked);
  for (const other of [
    { ...key, build: 'b2' }, { ...key, text: `${RICH}\n` }, { ...key, cli: [] }, { ...key, cli: ['model="y"'] }, { ...key, profile: undefined },
  ]) assert.equal(recall(dir, other), undefined, JSON.stringify({ ...other, text: other.text.length }));
  // Another config file has a memo of its own.
  assert.equal(recall(dir, { ...key, file: '/other/config.toml' }), undefined);
  assert.notEqual(memoPath(dir, '/h/config.toml'), memoPath(dir, '/other/config.toml'));
});

test('writing a memo removes those of other config files untouched for 30 days', () => {
  const dir = memoDir(cacheEnv());
  const key = (file: string): MemoKey => ({ build: 'b', file, text: '', cli: [], profile: undefined });
  const checked = checkToml(src(''), undefined);
  remember(dir, key('/old/config.toml'), checked);
  remember(dir, key('/recent/config.toml'), checked);
  const longAgo = new Date(Date.now() - 31 * 24 * 3600_000);
  utimesSync(memoPath(dir, '/old/config.toml'), longAgo, longAgo);
  writeFileSync(join(dir, 'notes.txt'), 'not a memo');
  utimesSync(join(dir, 'notes.txt'), longAgo, longAgo);
  remember(dir, key('/new/config.toml'), checked);
  assert.deepEqual(readdirSync(dir).sort(), [basename(memoPath(dir, '/new/config.toml')), basename(memoPath(dir, '/recent/config.toml')), 'notes.txt'].sort());
});

test('a memo file others may write is not trusted', () => {
  const dir = memoDir(cacheEnv());
  const key: MemoKey = { build: 'b', file: '/h/config.toml', text: '', cli: [], profile: undefined };
  remember(dir, key, checkToml(src(''), undefined));
  assert.ok(recall(dir, key));
  chmodSync(memoPath(dir, key.file), 0o666);
  assert.equal(recall(dir, key), undefined);
  chmodSync(memoPath(dir, key.file), 0o600);
  if (process.getuid?.() === 0) {
    chownSync(memoPath(dir, key.file), 65534, 65534);
    assert.equal(recall(dir, key), undefined, 'another user\'s file');
    chownSync(memoPath(dir, key.file), 0, 0);
  }
  // Damaged: ignored, not an error.
  writeFileSync(memoPath(dir, key.file), '{"key":');
  assert.equal(recall(dir, key), undefined);
});

test('a cache directory another user owns: loadConfig neither takes a memo from it nor writes one', { skip: process.getuid?.() === 0 ? false : 'needs root to give the directory to another user' }, async () => {
  const env = cacheEnv();
  const home = tempHome({ 'config.toml': 'model = "from-file"\n' });
  const key: MemoKey = { build: 'test-build', file: join(home, 'config.toml'), text: 'model = "from-file"\n', cli: [], profile: undefined };
  const checked = checkToml(src(key.text), undefined);
  // A memo with the right key, and of the right owner, that the other user moved into a directory of theirs.
  remember(memoDir(env), key, { ...checked, toml: { ...checked.toml, model: 'planted' } });
  chownSync(memoDir(env), 65534, 65534);
  setBuildId('test-build');
  try {
    assert.equal((await loadConfig({ codexHome: home, env })).model, 'from-file');
  } finally {
    setBuildId(undefined);
  }
  assert.deepEqual(readdirSync(memoDir(env)), [basename(memoPath(memoDir(env), key.file))], 'nothing written there');
});

test('a memo damaged anywhere is not recalled, even where the JSON still parses and the key still matches', () => {
  const dir = memoDir(cacheEnv());
  const key: MemoKey = { build: 'b', file: '/h/config.toml', text: RICH, cli: [], profile: undefined };
  remember(dir, key, checkToml(src(RICH), undefined));
  const good = readFileSync(memoPath(dir, key.file));
  assert.ok(recall(dir, key));
  let parsed = 0;
  // One byte changed at each place: `"toml"` as `"tom!"`, `"workspace-write"` as `"workspace-writ!"`, the CRC itself…
  for (let i = 0; i < good.length; i++) {
    const bad = Buffer.from(good);
    bad[i] = bad[i] === 0x21 ? 0x22 : 0x21;
    writeFileSync(memoPath(dir, key.file), bad);
    try {
      if (JSON.parse(bad.subarray(9).toString()).key.text === RICH) parsed++;
    } catch {
      // not JSON any more
    }
    assert.equal(recall(dir, key), undefined, `byte ${i}`);
  }
  assert.ok(parsed > 100, 'most of these would still parse, with the same key');
});

test('loadConfig takes the remembered table under a build, and checks again when config.toml changes', async () => {
  const env = cacheEnv();
  const home = tempHome({ 'config.toml': 'model = "first"\n' });
  setBuildId('test-build');
  try {
    assert.equal((await loadConfig({ codexHome: home, env })).model, 'first');
    const file = memoPath(memoDir(env), join(home, 'config.toml'));
    // The next start reads the memo: a planted answer (same key) shows through, which proves it was read.
    const stored = JSON.parse(readFileSync(file, 'utf8').slice(9));
    stored.checked.toml.model = 'from-memo';
    writeFileSync(file, encodeMemo(JSON.stringify(stored)));
    assert.equal((await loadConfig({ codexHome: home, env })).model, 'from-memo');
    // A changed file is checked again, errors included.
    writeFileSync(join(home, 'config.toml'), 'model = "second"\n');
    assert.equal((await loadConfig({ codexHome: home, env })).model, 'second');
    writeFileSync(join(home, 'config.toml'), 'model = 5\n');
    await assert.rejects(loadConfig({ codexHome: home, env }), (e: unknown) => e instanceof ConfigError && /config\.toml:1:1: invalid value for `model`: expected a string/.test(e.message));
    // Unknown keys stay warnings on a remembered start.
    writeFileSync(join(home, 'config.toml'), 'model = "third"\nbogus = 1\n');
    const fresh = await loadConfig({ codexHome: home, env });
    const recalled = await loadConfig({ codexHome: home, env });
    assert.deepStrictEqual(recalled, fresh);
    assert.match(recalled.warnings.join('\n'), /config\.toml:2:1: unknown key `bogus`/);
  } finally {
    setBuildId(undefined);
  }
  // Run from source (no build): nothing is remembered.
  const env2 = cacheEnv();
  await loadConfig({ codexHome: tempHome({ 'config.toml': 'model = "x"\n' }), env: env2 });
  assert.throws(() => readdirSync(memoDir(env2)), { code: 'ENOENT' });
});

test('a start that takes the remembered config still reads its environment and working directory', async () => {
  // What is left out of the key must stay out of the memo: the project's trust (the default sandbox), a relative
  // instructions file (found from the working directory) and the built-in provider's OPENAI_BASE_URL.
  const [a, b] = await Promise.all([startMockModelServer([{ output: [{ type: 'text', text: 'a' }] }]), startMockModelServer([{ output: [{ type: 'text', text: 'b' }] }])]);
  const ws = createWorkspace(a.url, { trust: 'trusted', config: 'experimental_instructions_file = "instr.md"\n' });
  try {
    const env = cacheEnv();
    const other = join(ws.repo, '..', 'elsewhere');
    mkdirSync(other);
    writeFileSync(join(ws.repo, 'instr.md'), 'Instructions of the repository.');
    writeFileSync(join(other, 'instr.md'), 'Instructions of elsewhere.');
    const args = ['-c', 'model_provider="openai"', 'exec', '--skip-git-repo-check', 'hi'];
    const first = await runCodex(ws, args, { env: { ...env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: a.url } });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /^sandbox: workspace-write/m);
    const memo = statSync(memoPath(memoDir(env), join(ws.home, 'config.toml')));
    const second = await runCodex(ws, args, { cwd: other, env: { ...env, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: b.url } });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(statSync(memoPath(memoDir(env), join(ws.home, 'config.toml'))).ino, memo.ino, 'the second start took the memo (a miss writes it anew)');
    assert.match(second.stderr, /^sandbox: read-only/m);
    assert.deepEqual([a.requests.length, b.requests.length], [1, 1]);
    assert.equal(a.requests[0]!.body.instructions, 'Instructions of the repository.');
    assert.equal(b.requests[0]!.body.instructions, 'Instructions of elsewhere.');
  } finally {
    ws.cleanup();
    await Promise.all([a.close(), b.close()]);
  }
});

/** Runs `then` after a first `codex exec` (model model-a, a cache directory of its own) that succeeded; the mock has a second turn. */
async function afterFirstStart(then: (run: { ws: Workspace; env: { XDG_CACHE_HOME: string }; mock: MockModelServer }) => Promise<void>): Promise<void> {
  const mock = await startMockModelServer([{ output: [{ type: 'text', text: 'one' }] }, { output: [{ type: 'text', text: 'two' }] }]);
  const ws = createWorkspace(mock.url, { model: 'model-a' });
  try {
    const env = cacheEnv();
    const first = await runCodex(ws, ['exec', '--skip-git-repo-check', 'hi'], { env });
    assert.equal(first.code, 0, first.stderr);
    await then({ ws, env, mock });
  } finally {
    ws.cleanup();
    await mock.close();
  }
}

test('the CLI checks again, and starts as configured, when its memo is damaged but still parses', () => afterFirstStart(async ({ ws, env, mock }) => {
  const file = memoPath(memoDir(env), join(ws.home, 'config.toml'));
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes('"toml":'), text.slice(0, 200));
  // One byte: the checked table is gone from a file that still parses, with the same key.
  writeFileSync(file, text.replace('"toml":', '"tom!":'));
  const second = await runCodex(ws, ['exec', '--skip-git-repo-check', 'hi'], { env });
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(mock.requests.map((r) => r.body.model), ['model-a', 'model-a']);
  assert.equal(readFileSync(file, 'utf8'), text, 'checked again and remembered again');
}));

const asNobody = process.getuid?.() !== 0 ? 'needs root to run as another user' : spawnSync('setpriv', ['--version']).error ? 'setpriv is not installed' : false;

test('a cache directory the user may write but not list: a start whose config changed runs all the same', { skip: asNobody }, async () => {
  const mock = await startMockModelServer([{ output: [{ type: 'text', text: 'one' }] }]);
  const ws = createWorkspace(mock.url, { git: false });
  try {
    const root = join(ws.home, '..');
    const cacheHome = join(root, 'cache');
    mkdirSync(join(cacheHome, 'codex-ts'), { recursive: true });
    for (const f of [root, ...readdirSync(root, { recursive: true }).map((f) => join(root, String(f)))]) chownSync(f, 65534, 65534);
    // Written to and read by name, never listed: the memo is written, and sweeping old ones is what fails.
    chmodSync(join(cacheHome, 'codex-ts'), 0o300);
    const child = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CODEX_JS, 'exec', '--skip-git-repo-check', 'hi'], {
      cwd: ws.repo, env: { ...ws.env, XDG_CACHE_HOME: cacheHome }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r = await collect(child);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(mock.requests.length, 1);
    assert.ok(readdirSync(join(cacheHome, 'codex-ts')).some((f) => /^config-[0-9a-f]{8}\.json$/.test(f)), 'the memo is written all the same');
  } finally {
    ws.cleanup();
    await mock.close();
  }
});

test('the CLI remembers the checked config and sees config.toml change at the next start', () => afterFirstStart(async ({ ws, env, mock }) => {
  assert.ok(readdirSync(memoDir(env)).some((f) => /^config-[0-9a-f]{8}\.json$/.test(f)), 'no memo written');
  ws.writeConfig(); // same text: unchanged
  const text = readFileSync(join(ws.home, 'config.toml'), 'utf8');
  writeFileSync(join(ws.home, 'config.toml'), text.replace('model = "model-a"', 'model = "model-b"'));
  const second = await runCodex(ws, ['exec', '--skip-git-repo-check', 'hi'], { env });
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(mock.requests.map((r) => r.body.model), ['model-a', 'model-b']);
}));
