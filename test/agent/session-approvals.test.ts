// Approvals are events answered by ops (reference §5.3–5.4).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { outputOf } from '../exec/support.js';
import { text, withSession } from './support.js';

const shell = (command: string[], call_id: string) => ({ output: [{ type: 'function_call' as const, name: 'shell', arguments: { command }, call_id }] });
const done = { output: [{ type: 'text' as const, text: 'done' }] };
/** workspace-write whose only writable root is the repository (no /tmp, no $TMPDIR). */
const workspaceWrite = (policy: string) => [
  `approval_policy = "${policy}"`, 'sandbox_mode = "workspace-write"',
  '[sandbox_workspace_write]', 'exclude_slash_tmp = true', 'exclude_tmpdir_env_var = true',
].join('\n');

test('untrusted: unsafe commands ask; approved runs once, approved_for_session remembers, denied is reported', () =>
  withSession([shell(['touch', 'a.txt'], 'c1'), shell(['touch', 'a.txt'], 'c2'), shell(['touch', 'b.txt'], 'c3'), done], 'approval_policy = "untrusted"\nsandbox_mode = "workspace-write"', async (h, mock) => {
    h.session.submit(text('touch files'));
    const req1 = await h.next('exec_approval_request');
    assert.deepEqual(req1.command, ['touch', 'a.txt']);
    assert.equal(req1.cwd, h.repo);
    h.session.submit({ type: 'exec_approval', id: req1.call_id, decision: 'approved_for_session' });
    // The same argv is not asked again; a different one is.
    const n = h.events.length;
    const req3 = await h.next('exec_approval_request', n);
    assert.equal(req3.call_id, 'c3');
    h.session.submit({ type: 'exec_approval', id: 'c3', decision: 'denied' });
    await h.next('task_complete');
    assert.equal(h.events.filter((e) => e.msg.type === 'exec_approval_request').length, 2);
    assert.ok(existsSync(join(h.repo, 'a.txt')));
    assert.equal(existsSync(join(h.repo, 'b.txt')), false);
    assert.equal(outputOf(mock.requests[3]!.body.input, 'c3'), 'exec command rejected by user');
    // The denial is one event (the request, answered): no begin/end for a command that never ran.
    const c3 = h.events.map((e) => e.msg).filter((m) => 'call_id' in m && m.call_id === 'c3').map((m) => m.type);
    assert.deepEqual(c3, ['exec_approval_request']);
  }));

test('on-failure: a sandbox denial offers a retry without the sandbox', () => {
  const outsideDir = mkdtempSync(join(tmpdir(), 'codex-outside-'));
  const outside = join(outsideDir, 'outside.txt');
  return withSession([shell(['bash', '-c', `echo hi > ${outside}`], 'w'), done], workspaceWrite('on-failure'), async (h) => {
    try {
      h.session.submit(text('write outside'));
      const bg = await h.next('background_event');
      assert.match(bg.message, /^Execution failed: /);
      const req = await h.next('exec_approval_request');
      assert.equal(req.reason, 'command failed; retry without sandbox?');
      h.session.submit({ type: 'exec_approval', id: req.call_id, decision: 'approved' });
      await h.next('task_complete');
      assert.equal(readFileSync(outside, 'utf8'), 'hi\n');
      assert.ok(h.events.some((e) => e.msg.type === 'background_event' && e.msg.message === 'retrying command without sandbox'));
    } finally {
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });
});

test('patches outside the writable roots ask under on-request; a denial changes nothing', () => {
  const outsideDir = mkdtempSync(join(tmpdir(), 'codex-outside-'));
  const patch = (name: string) => `*** Begin Patch\n*** Add File: ${join(outsideDir, name)}\n+x\n*** End Patch`;
  return withSession([
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch('yes.txt'), call_id: 'p1' }] },
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch('no.txt'), call_id: 'p2' }] },
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: inside.txt\n+in\n*** End Patch', call_id: 'p3' }] },
    done,
  ], workspaceWrite('on-request'), async (h, mock) => {
    try {
      h.session.submit(text('patch'));
      const r1 = await h.next('apply_patch_approval_request');
      assert.deepEqual(Object.keys(r1.changes), [join(outsideDir, 'yes.txt')]);
      assert.equal(r1.grant_root, outsideDir);
      h.session.submit({ type: 'patch_approval', id: 'p1', decision: 'approved' });
      const n = h.events.length;
      await h.next('apply_patch_approval_request', n);
      h.session.submit({ type: 'patch_approval', id: 'p2', decision: 'denied' });
      await h.next('task_complete');
      assert.equal(readFileSync(join(outsideDir, 'yes.txt'), 'utf8'), 'x\n');
      assert.equal(existsSync(join(outsideDir, 'no.txt')), false);
      assert.equal(outputOf(mock.requests[2]!.body.input, 'p2'), 'patch rejected by user');
      // Inside the workspace nothing is asked.
      assert.equal(h.events.filter((e) => e.msg.type === 'apply_patch_approval_request').length, 2);
      assert.equal(readFileSync(join(h.repo, 'inside.txt'), 'utf8'), 'in\n');
      const diffs = h.events.flatMap((e) => (e.msg.type === 'turn_diff' ? [e.msg.unified_diff] : []));
      assert.match(diffs.at(-1)!, /^diff --git a\/inside.txt b\/inside.txt\nnew file mode 100644\n/m);
      const ends = h.events.flatMap((e) => (e.msg.type === 'patch_apply_end' ? [[e.msg.call_id, e.msg.success]] : []));
      assert.deepEqual(ends, [['p1', true], ['p3', true]]);
    } finally {
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });
});

test('untrusted: "don\'t ask again for these files" on a patch stops the asking for later patches there', () => {
  const add = (name: string, call_id: string) => ({ output: [{ type: 'custom_tool_call' as const, name: 'apply_patch', input: `*** Begin Patch\n*** Add File: ${name}\n+x\n*** End Patch`, call_id }] });
  return withSession([add('p.txt', 'p1'), add('q.txt', 'p2'), done], 'approval_policy = "untrusted"\nsandbox_mode = "workspace-write"', async (h) => {
    h.session.submit(text('patch twice'));
    const r1 = await h.next('apply_patch_approval_request');
    assert.equal(r1.grant_root, h.repo);
    h.session.submit({ type: 'patch_approval', id: 'p1', decision: 'approved_for_session' });
    await h.next('task_complete');
    assert.equal(h.events.filter((e) => e.msg.type === 'apply_patch_approval_request').length, 1);
    assert.ok(existsSync(join(h.repo, 'p.txt')));
    assert.ok(existsSync(join(h.repo, 'q.txt')));
  });
});

test('abort ends the turn with no further request; the next turn answers the call with the refusal (exec and patch)', () => {
  const patch = '*** Begin Patch\n*** Add File: refused.txt\n+x\n*** End Patch';
  return withSession([
    shell(['touch', 'r.txt'], 'r1'), done,
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: 'p9' }] }, done,
  ], 'approval_policy = "untrusted"\nsandbox_mode = "workspace-write"', async (h, mock) => {
    h.session.submit(text('touch r'));
    const req = await h.next('exec_approval_request');
    h.session.submit({ type: 'exec_approval', id: req.call_id, decision: 'abort' });
    assert.equal((await h.next('turn_aborted')).reason, 'interrupted');
    assert.equal(mock.requests.length, 1, 'no request after the refusal until the user speaks');
    assert.equal(existsSync(join(h.repo, 'r.txt')), false);
    h.session.submit(text('use a different name'));
    await h.next('task_complete');
    assert.equal(outputOf(mock.requests[1]!.body.input, 'r1'), 'exec command rejected by user');

    const n = h.events.length;
    h.session.submit(text('patch it'));
    await h.next('apply_patch_approval_request', n);
    h.session.submit({ type: 'patch_approval', id: 'p9', decision: 'abort' });
    await h.next('turn_aborted', n);
    assert.equal(mock.requests.length, 3);
    const m = h.events.length;
    h.session.submit(text('never mind'));
    await h.next('task_complete', m);
    assert.equal(outputOf(mock.requests[3]!.body.input, 'p9'), 'patch rejected by user');
    assert.equal(existsSync(join(h.repo, 'refused.txt')), false);
  });
});
