// SIGKILL in the middle of apply_patch (issue 17 item 15): a 3,000-file patch
// run by the real `codex exec`, killed mid-commit, then a new start. The kill
// point is made exact by the documented test hook
// CODEX_TEST_APPLY_PATCH_STALL_AFTER (app/tools/apply-patch/commit.ts): after
// that many commit steps (each file: old moved aside, new renamed in) the
// process blocks, the test sees the half-committed tree and kills it.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { collect, runCodex, spawnCodex } from '../support/cli.js';
import { scenario } from './support.js';
import { waitFor } from '../support/wait.js';

const FILES = 3000;
const STALL_AFTER = 3001; // 1,500 files replaced, the 1,501st moved aside
const name = (i: number): string => `src/f${String(i).padStart(4, '0')}.txt`;

function patchText(): string {
  const lines = ['*** Begin Patch'];
  for (let i = 0; i < FILES; i++) lines.push(`*** Update File: ${name(i)}`, '@@', `-old ${i}`, `+new ${i}`);
  lines.push('*** End Patch');
  return lines.join('\n');
}

function contents(repo: string): { fresh: number; stale: number; missing: number } {
  const r = { fresh: 0, stale: 0, missing: 0 };
  for (let i = 0; i < FILES; i++) {
    let text: string;
    try {
      text = readFileSync(join(repo, name(i)), 'utf8');
    } catch {
      r.missing++;
      continue;
    }
    if (text === `new ${i}\n`) r.fresh++;
    else if (text === `old ${i}\n`) r.stale++;
  }
  return r;
}

/** Files beside the targets and in the session folders that only a patch in progress has. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.codex-(tmp|old)$|\.apply-patch\.json/.test(f));
}

test('codex exec killed mid-commit of a 3,000-file patch: the next start completes it, all files or none', () =>
  scenario([
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: patchText(), call_id: 'patch-1' }] },
    { output: [{ type: 'text', text: 'after the crash' }] },
  ], async (mock, ws) => {
    mkdirSync(join(ws.repo, 'src'));
    for (let i = 0; i < FILES; i++) writeFileSync(join(ws.repo, name(i)), `old ${i}\n`);
    const child = spawnCodex(ws, ['exec', '-s', 'workspace-write', 'edit everything'], {
      env: { CODEX_TEST_APPLY_PATCH_STALL_AFTER: String(STALL_AFTER) },
    });
    const ended = collect(child, 120_000);
    // Stalled after STALL_AFTER steps: exactly this much of the tree is new, one file is moved aside.
    await waitFor(() => contents(ws.repo).fresh === (STALL_AFTER - 1) / 2 && contents(ws.repo).missing === 1, 'the commit to stall half-way', 60_000);
    assert.deepEqual(contents(ws.repo), { fresh: 1500, stale: 1499, missing: 1 }, 'killed with the tree half-committed');
    assert.equal(leftovers(join(ws.home, 'sessions')).length, 1, 'the journal is beside the session log');
    child.kill('SIGKILL');
    assert.equal((await ended).signal, 'SIGKILL');

    const next = await runCodex(ws, ['exec', 'resume', '--last', 'go on'], { timeoutMs: 120_000 });
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /warning: An apply_patch cut off by a crash was completed: all 3000 files now have the patch's content/);
    assert.deepEqual(contents(ws.repo), { fresh: FILES, stale: 0, missing: 0 });
    assert.deepEqual(leftovers(ws.repo), []);
    assert.deepEqual(leftovers(join(ws.home, 'sessions')), []);
    assert.equal(mock.requests.length, 2);
  }));
