// exec's start check asks app/config/trust.ts (as the TUI does), which asks
// app/git/repo.ts: an empty .git folder in a parent does not make a git
// repository, so exec refuses there as the native CLI does.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { scenario } from '../exec/support.js';

test('an empty .git folder above the working root: exec still refuses without --skip-git-repo-check', () =>
  scenario([{ output: [{ type: 'text', text: 'ok' }] }], { git: false }, async (mock, ws) => {
    mkdirSync(join(dirname(ws.repo), '.git'));
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, 'Not inside a trusted directory and --skip-git-repo-check was not specified.\n');
    assert.equal(mock.requests.length, 0);
  }));

test('a project marked trusted outside git: exec runs', () =>
  scenario([{ output: [{ type: 'text', text: 'ok' }] }], { git: false, trust: 'trusted' }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ok\n');
  }));
