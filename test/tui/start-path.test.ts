// What the TUI does before its first frame (issue 16: CPU before the composer
// is on screen). The real CLI runs in a pty with a probe preloaded
// (test/support/start-path-probe.mjs) that logs each module it loads and the
// moment the composer is first written; the built chunks name the sources
// they hold (esbuild's `// path` comments). Before the first frame none may
// hold classic zod (config validation uses zod/mini, with its own copy of
// zod's core: .ci/build.mjs), the Markdown parser, the MCP SDK or the HTTP
// client, and no grapheme segmenter is made (ICU's break rules cost ~11 ms).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkspace } from '../support/cli.js';
import { e2eFixture, quit } from './e2e-support.js';

const e2e = e2eFixture();
const probe = fileURLToPath(new URL('../support/start-path-probe.mjs', import.meta.url));
const LATER = [/node_modules\/zod\/v4\/classic\//, /node_modules\/marked\//, /node_modules\/@modelcontextprotocol\//, /node_modules\/undici\//];

test('before the first frame: no classic zod, Markdown parser, MCP SDK or HTTP client, and no segmenter', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  after(() => ws.cleanup());
  const log = join(ws.home, 'start-path.log');
  const { app } = e2e.start([], ws, undefined, { env: { NODE_OPTIONS: `--import ${probe}`, CODEX_START_PATH_LOG: log } });
  await app.waitForText('Ask Codex');
  const lines = readFileSync(log, 'utf8').split('\n');
  const first = lines.indexOf('frame');
  assert.ok(first > 0, `the probe saw the first frame:\n${lines.join('\n')}`);
  const before = lines.slice(0, first);
  const chunks = before.filter((l) => l.startsWith('load file:')).map((l) => fileURLToPath(l.slice('load '.length)));
  assert.ok(chunks.some((c) => c.endsWith('codex.js')), 'the probe logged the CLI\'s modules');
  for (const chunk of chunks) {
    const text = readFileSync(chunk, 'utf8');
    for (const later of LATER) assert.doesNotMatch(text, later, `${chunk}, loaded before the first frame, holds ${later.source}`);
  }
  assert.ok(!before.includes('segmenter'), 'an Intl.Segmenter was made before the first frame');
  assert.equal(await quit(app), 0);
});
