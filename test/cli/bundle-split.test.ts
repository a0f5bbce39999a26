// The split of our code between dist/cli.js (the TUI's start path) and
// dist/later.js (.ci/bundle-split.mjs): no module's code is in two bundles (it
// would be two instances, each with its own state), and the build refuses one
// that is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: the build's own module, plain JavaScript without types
import { checkDisjoint } from '../../.ci/bundle-split.mjs';
import { CODEX_JS } from '../support/cli.js';

const dist = dirname(CODEX_JS);
/** The sources a bundle's code came from, by its source map; a stand-in for another bundle's module is named `namespace:key`. */
const sources = (bundle: string): string[] => (JSON.parse(readFileSync(join(dist, `${bundle}.js.map`), 'utf8')) as { sources: string[] }).sources;

test('the built bundles share no module: each of ours and each library is in one of cli.js, later.js, zod.js and deps.js', () => {
  const seen = new Map<string, string>();
  for (const bundle of ['cli', 'later', 'zod', 'deps']) {
    for (const source of sources(bundle)) {
      if (/^codex-(cli|later|dep):|^builtin-import:/.test(source)) continue;
      assert.equal(seen.get(source), undefined, `${source} is in dist/${seen.get(source)}.js and dist/${bundle}.js`);
      seen.set(source, bundle);
    }
  }
  assert.equal(seen.get('../app/tui/main.ts'), 'cli');
  assert.equal(seen.get('../app/agent/session.ts'), 'later');
  assert.equal(seen.get('../app/exec/main.ts'), 'later');
  assert.ok([...seen].some(([source, bundle]) => source.includes('node_modules/zod/v4/classic/') && bundle === 'zod'), 'classic zod is in zod.js');
  // later.js's modules use cli.js's instance of a module both need (the log).
  assert.ok(sources('later').includes('codex-cli:app/log.ts'), 'later.js asks cli.js for app/log.ts');
});

test('the build refuses a module in two bundles, and lets a stand-in for another bundle\'s module be', () => {
  const standIns = new Set(['codex-cli', 'codex-later']);
  assert.throws(
    () => checkDisjoint({ cli: { 'app/log.ts': {}, 'app/tui/main.ts': {} }, later: { 'app/log.ts': {}, 'app/agent/session.ts': {} } }, standIns),
    /app\/log\.ts is in both dist\/cli\.js and dist\/later\.js/,
  );
  assert.doesNotThrow(() => checkDisjoint({ cli: { 'app/log.ts': {}, 'codex-later:app/agent/session.ts': {} }, later: { 'codex-cli:app/log.ts': {}, 'app/agent/session.ts': {} } }, standIns));
});
