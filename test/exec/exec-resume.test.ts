// Sessions survive the process: resume after SIGKILL, exec resume by id and --last, Ctrl+C.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collect, runCodex, spawnCodex } from '../support/cli.js';
import { jsonLines, messageTexts, outputOf, scenario } from './support.js';
import type { ChildProcess } from 'node:child_process';

/** Resolves with the first stdout JSON line that matches. */
function waitForLine(child: ChildProcess, match: (ev: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const seen: Record<string, unknown>[] = [];
    const timer = setTimeout(() => reject(new Error(`no matching line; got:\n${buf}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const ev = JSON.parse(buf.slice(0, i)) as Record<string, unknown>;
        buf = buf.slice(i + 1);
        seen.push(ev);
        if (match(ev)) {
          clearTimeout(timer);
          resolve(seen);
        }
      }
    });
  });
}

test('resume after SIGKILL: the model sees the earlier items, the cut call answered "aborted"', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['sleep', '30'], timeout_ms: 60_000 }, call_id: 'slow' }] },
    { output: [{ type: 'text', text: 'resumed fine' }] },
  ], async (mock, ws) => {
    const child = spawnCodex(ws, ['exec', '--json', '-s', 'danger-full-access', 'first prompt']);
    const seen = await waitForLine(child, (ev) => ev.type === 'item.started');
    const threadId = seen[0]!.thread_id as string;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));

    const r = await runCodex(ws, ['exec', '--json', 'resume', threadId, 'second prompt']);
    assert.equal(r.code, 0, r.stderr);
    const ev = jsonLines(r.stdout);
    assert.deepEqual(ev[0], { type: 'thread.started', thread_id: threadId });
    const input = mock.requests[1]!.body.input;
    assert.deepEqual(messageTexts(input).filter((t) => !t.includes('<environment_context>')), ['user: first prompt', 'user: second prompt']);
    assert.ok(input?.some((i) => i.type === 'function_call' && i.call_id === 'slow'));
    assert.equal(outputOf(input, 'slow'), 'aborted');
  }));

test('exec resume --last continues the newest session of this directory; the prompt is the first positional', () =>
  scenario([
    { output: [{ type: 'text', text: 'one' }] },
    { output: [{ type: 'text', text: 'two' }] },
  ], async (mock, ws) => {
    const a = await runCodex(ws, ['exec', '--json', 'remember 42']);
    assert.equal(a.code, 0, a.stderr);
    const b = await runCodex(ws, ['exec', 'resume', '--last', 'what number?']);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(b.stdout, 'two\n');
    assert.deepEqual(messageTexts(mock.requests[1]!.body.input).filter((t) => !t.includes('<environment_context>')),
      ['user: remember 42', 'assistant: one', 'user: what number?']);
    assert.match(b.stderr, new RegExp(`session id: ${String(jsonLines(a.stdout)[0]!.thread_id)}`));
    const missing = await runCodex(ws, ['exec', 'resume', '01a00000-0000-7000-8000-000000000000', 'x']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No saved session found with id 01a00000-0000-7000-8000-000000000000/);
  }));

test('Ctrl+C interrupts the running command and exits cleanly', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['sleep', '30'], timeout_ms: 60_000 }, call_id: 'slow' }] },
  ], async (mock, ws) => {
    const child = spawnCodex(ws, ['exec', '--json', '-s', 'danger-full-access', 'wait']);
    const done = collect(child);
    await waitForLine(child, (ev) => ev.type === 'item.started');
    const started = Date.now();
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.code, 130);
    assert.ok(Date.now() - started < 5_000, 'the sleep was killed, not waited for');
    assert.equal(mock.requests.length, 1);
  }));

test('resuming with other settings tells the model its new environment; the same settings add nothing', () =>
  scenario([
    { output: [{ type: 'text', text: 'one' }] },
    { output: [{ type: 'text', text: 'two' }] },
    { output: [{ type: 'text', text: 'three' }] },
  ], async (mock, ws) => {
    const envContexts = (n: number) => messageTexts(mock.requests[n]!.body.input).filter((t) => t.includes('<environment_context>'));
    assert.equal((await runCodex(ws, ['exec', '-s', 'read-only', 'first'])).code, 0);
    const b = await runCodex(ws, ['exec', '-s', 'workspace-write', 'resume', '--last', 'second']);
    assert.equal(b.code, 0, b.stderr);
    const afterChange = envContexts(1);
    assert.equal(afterChange.length, 2);
    assert.match(afterChange[0]!, /<sandbox_mode>read-only</);
    assert.match(afterChange[1]!, /<sandbox_mode>workspace-write</);
    // The new context comes after the earlier turn, before the new prompt.
    assert.deepEqual(messageTexts(mock.requests[1]!.body.input).slice(-3).map((t) => t.split('\n')[0]),
      ['assistant: one', 'user: <environment_context>', 'user: second']);
    const c = await runCodex(ws, ['exec', '-s', 'workspace-write', 'resume', '--last', 'third']);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(envContexts(2).length, 2);
  }));
