// 100 generated bad config.toml files (bad-configs.ts). Each must give a clear
// message, never a crash: an error whose first line names the file and a
// line:column (or the key), or warnings that do, capped at 20 and a count;
// no stack trace; the file left as it was. All 100 run through the loader in
// process; a sample runs `codex exec` (build first) against the mock model
// server, which must see no request when the config is refused.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ConfigError, loadConfig } from '../../app/config/index.js';
import { createWorkspace, providerToml, runCodex } from '../support/cli.js';
import { startMockModelServer, type MockModelServer } from '../support/mock-model-server.js';
import { BAD_CONFIGS } from './bad-configs.js';
import { tempHome } from './home.js';

const STACK_FRAME = /^\s+at .+:\d+/m;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A report line naming the file and a line:column, or the file and a `key`. */
function assertNamesPlace(line: string, file: string, what: string): void {
  assert.match(line, new RegExp(`^${escape(file)}(:\\d+:\\d+: |: .*\`[^\`]+\`)`), `${what}: ${line}`);
}

test('100 bad config files: each a clear error or capped warnings naming the place, the file untouched', async () => {
  assert.equal(BAD_CONFIGS.length, 100);
  for (const c of BAD_CONFIGS) {
    const home = tempHome();
    const file = join(home, 'config.toml');
    writeFileSync(file, c.bytes);
    const before = statSync(file).mtimeMs;
    let outcome: { error: Error } | { warnings: readonly string[] };
    try {
      outcome = { warnings: (await loadConfig({ codexHome: home, env: {} })).warnings };
    } catch (e) {
      outcome = { error: e as Error };
    }
    if ('error' in outcome) {
      assert.equal(c.kind, 'error', `${c.name}: refused: ${outcome.error.message}`);
      assert.ok(outcome.error instanceof ConfigError, `${c.name}: not a ConfigError: ${outcome.error.stack}`);
      assert.doesNotMatch(outcome.error.message, STACK_FRAME, c.name);
      assertNamesPlace(outcome.error.message.split('\n')[0]!, file, c.name);
    } else {
      assert.equal(c.kind, 'warning', `${c.name}: accepted`);
      assert.ok(outcome.warnings.length > 0 && outcome.warnings.length <= 21, `${c.name}: ${outcome.warnings.length} warnings`);
      for (const w of outcome.warnings.slice(0, 20)) assertNamesPlace(w, file, c.name);
      if (outcome.warnings.length === 21) assert.match(outcome.warnings[20]!, /^.*config\.toml: … and \d+ more unknown keys \(ignored\)$/);
    }
    assert.ok(readFileSync(file).equals(c.bytes), `${c.name}: the file changed`);
    assert.equal(statSync(file).mtimeMs, before, `${c.name}: the file was written`);
  }
});

test('thousands of unknown keys: the first 20 are listed, the rest counted', async () => {
  const home = tempHome({ 'config.toml': Array.from({ length: 5000 }, (_, i) => `k${i} = ${i}`).join('\n') });
  const { warnings } = await loadConfig({ codexHome: home, env: {} });
  assert.equal(warnings.length, 21);
  assert.equal(warnings[19], `${join(home, 'config.toml')}:20:1: unknown key \`k19\` (ignored)`);
  assert.equal(warnings[20], `${join(home, 'config.toml')}: … and 4980 more unknown keys (ignored)`);
});

test('invalid UTF-8 is refused at its line and column', async () => {
  const home = tempHome();
  writeFileSync(join(home, 'config.toml'), Buffer.concat([Buffer.from('model = "o3"\n# café '), Buffer.from([0xc3, 0x28])]));
  await assert.rejects(loadConfig({ codexHome: home, env: {} }), {
    message: `${join(home, 'config.toml')}:2:8: invalid UTF-8 (byte 0xc3); the file must be UTF-8 text`,
  });
});

let mock: MockModelServer;
before(async () => {
  mock = await startMockModelServer([]);
});
after(() => mock.close());

/** A truncated file, nesting too deep for the parser, a wrong type, a missing key, a stray byte, an odd key, 2,000 unknown keys. */
const SAMPLE = [0, BAD_CONFIGS.findIndex((b) => b.bytes.includes('[[[[')), 32, 69, 85, 94, 97].map((i) => BAD_CONFIGS[i]!);

for (const c of SAMPLE) {
  test(`codex exec with a bad config (${c.name.slice(0, 60)}): ${c.kind === 'error' ? 'one clear error, no request' : 'warnings, then the run'}`, async () => {
    const ws = createWorkspace(mock.url, { trust: 'trusted' });
    try {
      const file = join(ws.home, 'config.toml');
      const bytes = Buffer.concat([Buffer.from('model_provider = "mock"\n'), c.bytes, Buffer.from(`\n${providerToml(mock.url)}\n`)]);
      writeFileSync(file, bytes);
      const seen = mock.requests.length;
      if (c.kind === 'warning') mock.push({ output: [{ type: 'text', text: 'ran anyway' }] });
      const r = await runCodex(ws, ['exec', '--skip-git-repo-check', 'hi']);
      assert.doesNotMatch(r.stderr, STACK_FRAME);
      if (c.kind === 'error') {
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr.split('\n')[0]!, new RegExp(`^Error: ${escape(file)}(:\\d+:\\d+: |: .*\`)`), r.stderr);
        assert.equal(mock.requests.length, seen, 'no request was sent');
      } else {
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /ran anyway/);
        assert.ok(r.stderr.split('\n').filter((l) => l.includes('unknown key')).length <= 21, r.stderr);
      }
      assert.ok(readFileSync(file).equals(bytes), 'the file is untouched');
    } finally {
      ws.cleanup();
    }
  });
}
