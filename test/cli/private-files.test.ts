// End-to-end: what the real CLI (dist/codex.js; build first) writes about the
// user's work — conversations, prompt history, logs, checkpoints, the `@`
// picker's listing of their folder, the sandbox's journal — is theirs alone
// on a shared machine, under the usual umask of 022: files 0600 in
// directories codex makes 0700, CODEX_HOME among them when it is missing; a
// CODEX_HOME the user made keeps its mode.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collect, createWorkspace, MOCK_KEY_ENV, spawnCodex, type Workspace } from '../support/cli.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { spawnPty } from '../support/pty.js';
import { missingTool } from '../support/tools.js';
import { quit } from '../tui/e2e-support.js';

let mock: MockModelServer;
const umask = process.umask(0o022);
before(async () => {
  mock = await startMockModelServer([]);
});
after(async () => {
  process.umask(umask);
  await mock.close();
});

const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);

/** Every directory and file under `dir` with its mode, `dir` itself as '.'. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dir) };
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: false }) as string[]) out[e] = mode(join(dir, e));
  return out;
}

/** What under `dir` is not for the user only: a directory not 0700, a file not 0600. */
const notPrivate = (dir: string, found: Record<string, string>): [string, string][] =>
  Object.entries(found).filter(([p, m]) => m !== (statSync(join(dir, p)).isDirectory() ? '700' : '600'));

/** The provider on the command line: ~/.codex does not exist before the first start, so no config.toml names it. */
const provider = (): string[] => [
  '-c', 'model_provider="mock"',
  '-c', `model_providers.mock={name="Mock",base_url="${mock.url}",wire_api="responses",env_key="${MOCK_KEY_ENV}"}`,
  '-c', 'model="gpt-5"',
];

function freshHome(): { ws: Workspace; env: Record<string, string | undefined>; codexHome: string } {
  const ws = createWorkspace(mock.url);
  // HOME is the workspace's root: ~/.codex (and ~/.cache) are made by codex itself.
  return { ws, env: { CODEX_HOME: undefined }, codexHome: join(ws.home, '..', '.codex') };
}

test('a first TUI session and a codex exec with a CODEX_HOME that does not exist yet leave every directory codex made 0700 and every file 0600', { skip: missingTool('bwrap') }, async (t) => {
  const { ws, env, codexHome } = freshHome();
  t.after(() => ws.cleanup());
  writeFileSync(join(ws.repo, 'README.md'), 'hello\n');
  mock.push({ output: [{ type: 'text', text: 'Seen your file.' }] });
  const app = spawnPty(ws, provider(), { env: { ...env, RUST_LOG: 'debug' } }); // with a log
  t.after(() => app.dispose());
  // The trust screen's answer is the first thing written: config.toml, in the CODEX_HOME it makes.
  await app.waitForText('> You are running Codex in ~/repo');
  app.write('1');
  await app.waitForText('Ask Codex to do anything');
  app.type('@README');
  await app.waitForText('README.md');
  app.key('tab');
  await app.waitForText('› README.md');
  app.type('look');
  await app.waitForText('› README.md look');
  app.key('enter');
  await app.waitForText('Seen your file.');
  assert.equal(await quit(app), 0);

  // A patch (its journal and checkpoints) and a sandboxed command in a folder without .git (a read-only
  // stand-in is mounted there, written down in CODEX_HOME/tmp while the command runs; the command reports its mode).
  const plain = join(ws.home, '..', 'plain');
  mkdirSync(plain);
  const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\n';
  mock.push(
    { output: [{ type: 'function_call', name: 'apply_patch', arguments: { input: patch } }] },
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['sh', '-c', 'stat -c "journal %a" "$HOME"/.codex/tmp/bwrap-mount-points/*'] } }] },
    { output: [{ type: 'text', text: 'Done.' }] },
  );
  const r = await collect(spawnCodex(ws, [...provider(), 'exec', '--skip-git-repo-check', '--full-auto', '-C', plain, 'patch and look'], { env }));
  assert.equal(r.code, 0, r.stderr);
  assert.match(JSON.stringify(mock.requests.at(-1)!.body.input), /journal 600/);

  const found = modes(codexHome);
  for (const p of ['.', 'config.toml', 'history.jsonl', 'file-index', 'log/codex-tui.log', 'sessions', 'tmp']) assert.ok(p in found, `${p} was written: ${JSON.stringify(found, null, 1)}`);
  assert.ok(Object.keys(found).some((p) => p.endsWith('.checkpoints/log.jsonl')));
  assert.ok(Object.keys(found).some((p) => p.endsWith('.snapshot')));
  assert.deepEqual(notPrivate(codexHome, found), []);
  const cache = join(ws.home, '..', '.cache', 'codex-ts');
  assert.deepEqual(notPrivate(cache, modes(cache)), []);
});

test('a CODEX_HOME the user made (0755) keeps its mode; what codex writes in it is still for the user only', async (t) => {
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  assert.equal(mode(ws.home), '755');
  mock.push({ output: [{ type: 'text', text: 'Done.' }] });
  const r = await collect(spawnCodex(ws, ['exec', 'hello']));
  assert.equal(r.code, 0, r.stderr);
  const found = modes(ws.home);
  assert.equal(found['.'], '755');
  delete found['.'];
  delete found['config.toml']; // the user's
  assert.ok('sessions' in found);
  assert.deepEqual(notPrivate(ws.home, found), []);
});

test('a log an older version left wider (log/ 0755, codex-tui.log 0644) is narrowed to 0700 and 0600 by the next TUI session, though it logged nothing; its lines are kept', async (t) => {
  const ws = createWorkspace(mock.url, { trust: 'trusted' });
  t.after(() => ws.cleanup());
  const log = join(ws.home, 'log');
  mkdirSync(log, { mode: 0o755 });
  const file = join(log, 'codex-tui.log');
  writeFileSync(file, 'an earlier session\n', { mode: 0o644 });
  assert.deepEqual([mode(log), mode(file)], ['755', '644']);
  const app = spawnPty(ws, [], { env: { RUST_LOG: 'debug' } });
  t.after(() => app.dispose());
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
  assert.deepEqual([mode(log), mode(file)], ['700', '600'], readFileSync(file, 'utf8'));
  assert.ok(readFileSync(file, 'utf8').startsWith('an earlier session\n'));
});

test('sessions/ left 0755 with a 0644 log in it (an older version, or the native CLI) is closed to others (0700) by the next session that writes one', async (t) => {
  const ws = createWorkspace(mock.url);
  t.after(() => ws.cleanup());
  const day = join(ws.home, 'sessions', '2025', '01', '02');
  mkdirSync(day, { recursive: true, mode: 0o755 });
  const old = join(day, 'rollout-2025-01-02T03-04-05-old.jsonl');
  writeFileSync(old, '{"type":"session_meta"}\n', { mode: 0o644 });
  for (const dir of ['sessions', 'sessions/2025', 'sessions/2025/01', 'sessions/2025/01/02']) assert.equal(mode(join(ws.home, dir)), '755');
  mock.push({ output: [{ type: 'text', text: 'Done.' }] });
  const r = await collect(spawnCodex(ws, ['exec', 'hello']));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(mode(join(ws.home, 'sessions')), '700');
  assert.equal(readFileSync(old, 'utf8'), '{"type":"session_meta"}\n');
});
