// What the TUI does before its first frame (issue 16: CPU before the composer
// is on screen). The real CLI runs in a pty with a probe preloaded
// (test/support/start-path-probe.mjs) that logs, at the moment the composer is
// first written, which modules of the bundle have run their top-level code
// (esbuild names each module's initialiser after its path). Before the first
// frame none may be classic zod (config validation uses zod/mini, with its own
// copy of zod's core: .ci/build.mjs), the Markdown parser or the MCP SDK; no
// grapheme segmenter is made (ICU's break rules cost ~11 ms); of the bundles
// only dist/cli.js runs (not dist/later.js, the code off the start path, nor
// dist/zod.js and dist/deps.js, the libraries: .ci/build.mjs); and Node's
// readline, fs/promises and perf_hooks (~1 ms each) and crypto (~3.5 ms) are not loaded. And the V8
// code cache the launcher keeps (app/cli/launch/code-cache.ts) is the TUI's,
// written once its first frame is on screen.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCache } from '../../app/cli/launch/code-cache.js';
import { CODEX_JS, createWorkspace } from '../support/cli.js';
import { waitFor } from '../support/wait.js';
import { e2eFixture, quit } from './e2e-support.js';

const e2e = e2eFixture();
const probe = fileURLToPath(new URL('../support/start-path-probe.mjs', import.meta.url));
const LATER = [/node_modules\/zod\/v4\/classic\//, /node_modules\/marked\//, /node_modules\/@modelcontextprotocol\//];
// Node modules the first frame does without: each costs ~1 ms of CPU to load, crypto ~3.5 ms, os ~0.2 ms, module (with the ES module loader it loads) ~0.35 ms.
const LATER_BUILTINS = ['readline', 'fs/promises', 'internal/perf/performance', 'crypto', 'os', 'module'];

test('before the first frame: no classic zod, Markdown parser or MCP SDK has run, no segmenter is made, dist/later.js, dist/zod.js, dist/deps.js, readline, fs/promises, perf_hooks, crypto and os are not loaded', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  after(() => ws.cleanup());
  const log = join(ws.home, 'start-path.log');
  const { app } = e2e.start([], ws, undefined, { env: { NODE_OPTIONS: `--import ${probe}`, CODEX_START_PATH_LOG: log } });
  await app.waitForText('Ask Codex');
  const lines = readFileSync(log, 'utf8').split('\n');
  const frame = lines.indexOf('frame');
  assert.ok(frame >= 0, `the probe saw the first frame:\n${lines.join('\n')}`);
  assert.ok(!lines.slice(0, frame).includes('segmenter'), 'an Intl.Segmenter was made before the first frame');
  const bundles = lines.slice(frame + 1).filter((l) => l.startsWith('bundle ')).map((l) => l.slice('bundle '.length));
  assert.deepEqual(bundles, ['cli.js'], 'only the start path\'s bundle ran before the first frame, not dist/later.js, dist/zod.js or dist/deps.js');
  const inits = lines.slice(frame + 1).filter((l) => l.startsWith('init ')).map((l) => l.slice('init '.length));
  assert.ok(inits.includes('app/tui/main.ts') && inits.includes('app/config/schema.ts'), `the probe saw the CLI's modules run:\n${lines.join('\n')}`);
  for (const later of LATER) {
    const early = inits.filter((name) => later.test(name));
    assert.deepEqual(early, [], `ran before the first frame: ${early.join(', ')}`);
  }
  const builtins = lines.slice(frame + 1).filter((l) => l.startsWith('builtin ')).map((l) => l.slice('builtin '.length));
  assert.ok(builtins.includes('tty'), `the probe saw Node's modules:\n${lines.join('\n')}`);
  assert.deepEqual(LATER_BUILTINS.filter((name) => builtins.includes(name)), [], 'Node modules loaded before the first frame');
  assert.equal(await quit(app), 0);
});

test('a second start with the same config.toml takes the checked config from the last start: the schema (zod/mini) does not run before its first frame', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  after(() => ws.cleanup());
  const inits: string[][] = [];
  for (const run of [1, 2]) {
    const log = join(ws.home, `start-path-${run}.log`);
    const { app } = e2e.start([], ws, undefined, { env: { NODE_OPTIONS: `--import ${probe}`, CODEX_START_PATH_LOG: log } });
    await app.waitForText('Ask Codex');
    assert.equal(await quit(app), 0);
    const lines = readFileSync(log, 'utf8').split('\n');
    inits.push(lines.slice(lines.indexOf('frame') + 1).filter((l) => l.startsWith('init ')).map((l) => l.slice('init '.length)));
  }
  assert.ok(inits[0]!.includes('app/config/schema.ts'), 'the first start checked config.toml');
  assert.ok(inits[1]!.includes('app/config/index.ts'), 'the second start loaded the config');
  assert.deepEqual(inits[1]!.filter((name) => /app\/config\/(schema|checked-toml)\.ts|zod/.test(name)), [], 'the second start ran the schema');
});

test('the code cache: a command other than the TUI writes one, the TUI replaces it with its own once the first frame is up', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  after(() => ws.cleanup());
  const cacheHome = join(ws.home, 'cache');
  const kind = (): string | undefined => {
    try {
      const [name] = readdirSync(join(cacheHome, 'codex-ts')).filter((n) => n.endsWith('.v8cache'));
      return name ? decodeCache(readFileSync(join(cacheHome, 'codex-ts', name)))?.kind : undefined;
    } catch {
      return undefined;
    }
  };
  const help = spawnSync(process.execPath, [CODEX_JS, '--help'], { env: { ...ws.env, XDG_CACHE_HOME: cacheHome }, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.equal(kind(), 'other');
  const { app } = e2e.start([], ws, undefined, { env: { XDG_CACHE_HOME: cacheHome } });
  await app.waitForText('Ask Codex');
  await waitFor(() => kind() === 'tui', () => `the TUI's cache (now: ${kind()})`);
  assert.equal(await quit(app), 0);
});

test('a TUI killed once its session has started leaves the caches of the bundles its agent came from (dist/later.js, dist/zod.js), not only of dist/cli.js', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  after(() => ws.cleanup());
  const dir = join(ws.home, 'cache', 'codex-ts');
  const bundles = (): string[] => {
    try {
      return readdirSync(dir).filter((n) => n.endsWith('.v8cache')).map((n) => n.split('-')[0]!).sort();
    } catch {
      return [];
    }
  };
  const { app } = e2e.start([], ws, undefined, { env: { XDG_CACHE_HOME: join(ws.home, 'cache') } });
  await app.waitForText('Ask Codex');
  await waitFor(() => bundles().includes('later') && bundles().includes('zod'), () => `the agent's bundles' caches (now: ${bundles().join(', ')})`);
  app.signal('SIGKILL');
  await app.exited();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.v8cache'))) assert.ok(decodeCache(readFileSync(join(dir, name))), name);
});
