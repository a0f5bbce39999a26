// The system programs that tests skip without (test/support/tools.ts) are the
// ones CI installs and the README asks for: a skip here is a run in CI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SYSTEM_TOOLS } from '../support/tools.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

test('.ci/run installs, and the README names, the package of every optional test tool', () => {
  const ciRun = read('.ci/run');
  const installed = new Set(ciRun.match(/^for pkg in (.*); do$/m)?.[1]?.split(' '));
  assert.ok(installed.size > 0, '.ci/run has its `for pkg in PACKAGE:COMMAND …` list');
  const readme = read('README.md');
  for (const [tool, { pkg }] of Object.entries(SYSTEM_TOOLS)) {
    assert.ok(installed.has(`${pkg}:${tool}`), `.ci/run installs ${pkg} for ${tool}`);
    assert.ok(readme.includes(`\`${pkg}\``), `the README names the package ${pkg}`);
  }
});
