// Machines where bwrap cannot create namespaces the usual way, reproduced for
// real: root without CAP_SYS_ADMIN (as in containers) must still get a full
// sandbox through a user namespace, and a process that may create no
// namespaces at all must get the clear refusal, with nothing run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { collect } from './support.js';
import { missingTool } from '../support/tools.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures', 'plan-and-run.ts');
const base = mkdtempSync('/tmp/codex-ns-');
const ws = join(base, 'ws');
const outside = join(base, 'outside');
mkdirSync(ws);
mkdirSync(outside);
after(() => rmSync(base, { recursive: true, force: true }));

const WW = { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };
// Both cases need bwrap, and root to take capabilities away.
const needs = missingTool('bwrap') || (process.getuid?.() === 0 ? false : 'needs root to take capabilities away from itself');

function runFixture(wrapper: string[], argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const payload = JSON.stringify({ policy: WW, argv, cwd: ws });
  const [cmd, ...rest] = [...wrapper, process.execPath, '--import', 'tsx', fixture, payload];
  return collect(spawn(cmd!, rest, { cwd: join(here, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] }), 30_000);
}

test('root without CAP_SYS_ADMIN still gets the sandbox, through a user namespace', { skip: needs }, async () => {
  const dropSysAdmin = ['setpriv', '--inh-caps=-sys_admin', '--bounding-set=-sys_admin'];
  const r = await runFixture(dropSysAdmin, ['/bin/sh', '-c', `echo in > inside.txt; echo out > ${outside}/x.txt`]);
  assert.match(r.stderr, /PLAN .*"--unshare-user"/, r.stderr);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /Read-only file system/);
  assert.equal(readFileSync(join(ws, 'inside.txt'), 'utf8'), 'in\n');
  assert.equal(existsSync(join(outside, 'x.txt')), false);
});

test('when no namespace can be created the command is refused with how to fix it, and nothing runs', { skip: needs }, async () => {
  // An outer bwrap that takes every capability and forbids further user namespaces.
  const noNamespaces = ['bwrap', '--unshare-user', '--disable-userns', '--cap-drop', 'ALL', '--dev-bind', '/', '/', '--'];
  const r = await runFixture(noNamespaces, ['/bin/touch', join(ws, 'ran.txt')]);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /UNAVAILABLE the sandbox cannot start: bubblewrap failed to create its namespaces \(bwrap: Creating new namespace failed/);
  assert.match(r.stderr, /The command was not run/);
  assert.match(r.stderr, /unprivileged_userns_clone/);
  assert.match(r.stderr, /--sandbox danger-full-access/);
  assert.doesNotMatch(r.stderr, /PLAN/);
  assert.equal(existsSync(join(ws, 'ran.txt')), false);
});
