// Checkpoints in a real session: a command in a writable sandbox is
// checkpointed first and its changes recorded at the end of the turn
// (turn_checkpoint); Op undo puts them back; a command known to only read
// costs no snapshot.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkpointDirFor } from '../../app/checkpoints/log.js';
import { hasGit } from '../git/support.js';
import { missingTool } from '../support/tools.js';
import { text, withSession } from './support.js';

const skip = !hasGit ? 'git is not installed' : missingTool('bwrap');
const WRITABLE = 'sandbox_mode = "workspace-write"\napproval_policy = "never"\n';
const shell = (call_id: string, script: string) => ({ output: [{ type: 'function_call' as const, name: 'shell', arguments: { command: ['bash', '-lc', script] }, call_id }] });

test('a command in a writable sandbox: its changes are recorded at the end of the turn and undo puts them back', { skip }, () =>
  withSession([shell('c1', 'printf agent > kept.txt; printf new > made.txt'), { output: [{ type: 'text', text: 'done' }] }], WRITABLE, async (h) => {
    writeFileSync(join(h.repo, 'kept.txt'), 'mine\r\n');
    h.session.submit(text('change files'));
    const cp = await h.next('turn_checkpoint');
    assert.deepEqual(cp, { type: 'turn_checkpoint', turn: 1, files: ['kept.txt', 'made.txt'] });
    await h.next('task_complete');
    const from = h.events.length;
    h.session.submit({ type: 'undo' });
    assert.deepEqual(await h.next('undo_completed', from), { type: 'undo_completed', files: ['kept.txt', 'made.txt'] });
    assert.equal(readFileSync(join(h.repo, 'kept.txt'), 'utf8'), 'mine\r\n');
    assert.equal(existsSync(join(h.repo, 'made.txt')), false);
  }));

test('a command known to only read takes no snapshot', { skip }, () =>
  withSession([shell('c2', 'ls'), { output: [{ type: 'text', text: 'listed' }] }], WRITABLE, async (h) => {
    h.session.submit(text('list'));
    await h.next('task_complete');
    assert.equal(existsSync(checkpointDirFor(h.session.rolloutPath)), false);
    assert.ok(!h.events.some((e) => e.msg.type === 'turn_checkpoint'));
  }));
