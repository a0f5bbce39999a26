// codex exec end to end: the real dist/codex.js against the scripted model.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MOCK_KEY_ENV, runCodex } from '../support/cli.js';
import { missingTool } from '../support/tools.js';
import { outputOf, scenario } from './support.js';

test('a text reply: final message alone on stdout, activity on stderr, exit 0', () =>
  scenario([{ output: [{ type: 'text', text: 'Hello world' }], usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5 } }], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'Say hello']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello world\n');
    assert.match(r.stderr, /^OpenAI Codex v\S+/m);
    assert.match(r.stderr, /^workdir: .*\nmodel: gpt-5\nprovider: mock\napproval: never\nsandbox: read-only\nreasoning effort: medium\nreasoning summaries: auto\nsession id: [0-9a-f-]{36}\n--------\n/m);
    assert.match(r.stderr, /^user\nSay hello\n/m);
    assert.match(r.stderr, /^codex\nHello world\n/m);
    assert.match(r.stderr, /^tokens used\n13\n/m);
    const req = mock.requests[0]!;
    assert.equal(mock.requests.length, 1);
    assert.equal(req.headers.authorization, 'Bearer test-key');
    assert.equal(req.headers.originator, 'codex_exec');
    assert.equal(req.body.stream, true);
    const texts = (req.body.input ?? []).map((i) => (i.type === 'message' ? i.content.map((c) => ('text' in c ? c.text : '')).join('') : ''));
    assert.ok(texts.some((t) => t.startsWith('<environment_context>')));
    assert.equal(texts.at(-1), 'Say hello');
    assert.deepEqual(req.body.tools?.map((t) => t.name), ['shell', 'update_plan', 'apply_patch', 'view_image']);
    // exec does not write history.jsonl (the TUI's ↑ history), as in the original.
    assert.equal(existsSync(join(ws.home, 'history.jsonl')), false);
  }));

test('a model the program does not know gets the reasoning effort the user set, and the header says so', () =>
  scenario([{ output: [{ type: 'text', text: 'ok' }] }, { output: [{ type: 'text', text: 'ok' }] }], { model: 'my-local-model' }, async (mock, ws) => {
    const plain = await runCodex(ws, ['exec', 'hi']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(mock.requests[0]!.body.reasoning, undefined);
    assert.doesNotMatch(plain.stderr, /reasoning effort/);
    const r = await runCodex(ws, ['exec', '-c', 'model_reasoning_effort="high"', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(mock.requests[1]!.body.reasoning, { effort: 'high', summary: 'auto' });
    assert.match(r.stderr, /^model: my-local-model\n[\s\S]*^reasoning effort: high\nreasoning summaries: auto\n/m);
  }));

test('a shell call then a reply: the command output goes back to the model', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['bash', '-lc', 'echo from-tool; exit 3'] }, call_id: 'c1' }] },
    { output: [{ type: 'text', text: 'Done.' }] },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '-s', 'danger-full-access', 'run it']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Done.\n');
    assert.match(r.stderr, /^exec\nbash -lc 'echo from-tool; exit 3' in /m);
    assert.match(r.stderr, /exited 3 in \d+ms:\nfrom-tool\n/);
    const out = JSON.parse(outputOf(mock.requests[1]!.body.input, 'c1')!) as { output: string; metadata: { exit_code: number } };
    assert.equal(out.output, 'from-tool\n');
    assert.equal(out.metadata.exit_code, 3);
  }));

test('under the read-only sandbox a write is denied and the model is told', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['bash', '-lc', 'echo x > file.txt'] }, call_id: 'w' }] },
    { output: [{ type: 'text', text: 'ok' }] },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'write']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(join(ws.repo, 'file.txt')), false);
    assert.match(outputOf(mock.requests[1]!.body.input, 'w')!, /^failed in sandbox LinuxSeccomp with execution error: .*(Read-only file system|Permission denied)/);
  }));

const ADD = '*** Begin Patch\n*** Add File: notes/new.txt\n+hello\n+world\n*** End Patch';
const UPDATE_MOVE = '*** Begin Patch\n*** Update File: src/a.txt\n*** Move to: src/b.txt\n@@\n one\n-two\n+TWO\n*** End Patch';
const DELETE = '*** Begin Patch\n*** Delete File: gone.txt\n*** End Patch';

test('apply_patch adds, updates, moves and deletes files (freeform, JSON and through shell)', () =>
  scenario([
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: ADD, call_id: 'p1' }] },
    { output: [{ type: 'function_call', name: 'apply_patch', arguments: { input: UPDATE_MOVE }, call_id: 'p2' }] },
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['apply_patch', DELETE] }, call_id: 'p3' }] },
    { output: [{ type: 'text', text: 'patched' }] },
  ], async (mock, ws) => {
    writeFileSync(join(ws.repo, 'gone.txt'), 'bye\n');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(ws.repo, 'src'));
    writeFileSync(join(ws.repo, 'src', 'a.txt'), 'one\ntwo\n');
    const r = await runCodex(ws, ['exec', '--json', '-s', 'workspace-write', 'patch']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(ws.repo, 'notes', 'new.txt'), 'utf8'), 'hello\nworld\n');
    assert.equal(readFileSync(join(ws.repo, 'src', 'b.txt'), 'utf8'), 'one\nTWO\n');
    assert.equal(existsSync(join(ws.repo, 'src', 'a.txt')), false);
    assert.equal(existsSync(join(ws.repo, 'gone.txt')), false);
    assert.equal(outputOf(mock.requests[1]!.body.input, 'p1'), 'Success. Updated the following files:\nA notes/new.txt\n');
    assert.equal(outputOf(mock.requests[2]!.body.input, 'p2'), 'Success. Updated the following files:\nM src/b.txt\n');
    assert.equal(outputOf(mock.requests[3]!.body.input, 'p3'), 'Success. Updated the following files:\nD gone.txt\n');
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { type: string; changes?: unknown; status?: string } });
    const changes = events.filter((e) => e.item?.type === 'file_change').map((e) => [e.item!.changes, e.item!.status]);
    assert.deepEqual(changes, [
      [[{ path: join(ws.repo, 'notes/new.txt'), kind: 'add' }], 'completed'],
      [[{ path: join(ws.repo, 'src/a.txt'), kind: 'update' }], 'completed'],
      [[{ path: join(ws.repo, 'gone.txt'), kind: 'delete' }], 'completed'],
    ]);
  }));

test('a bad patch changes nothing, its error reaches the model and the run goes on', () =>
  scenario([
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', call_id: 'bad', input: '*** Begin Patch\n*** Add File: ok.txt\n+fine\n*** Update File: keep.txt\n@@\n-not there\n+x\n*** End Patch' }] },
    { output: [{ type: 'text', text: 'recovered' }] },
  ], async (mock, ws) => {
    writeFileSync(join(ws.repo, 'keep.txt'), 'original\n');
    const r = await runCodex(ws, ['exec', '-s', 'workspace-write', 'patch badly']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'recovered\n');
    assert.equal(existsSync(join(ws.repo, 'ok.txt')), false);
    assert.equal(readFileSync(join(ws.repo, 'keep.txt'), 'utf8'), 'original\n');
    assert.match(outputOf(mock.requests[1]!.body.input, 'bad')!, /^Failed to find expected lines in keep.txt:\nnot there/);
  }));

test('malformed function-call arguments are reported to the model and the run continues', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: '{"command": [', call_id: 'm1' }] },
    { output: [{ type: 'function_call', name: 'no_such_tool', arguments: '{}', call_id: 'm2' }] },
    { output: [{ type: 'text', text: 'fine' }] },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'go']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'fine\n');
    assert.match(outputOf(mock.requests[1]!.body.input, 'm1')!, /^failed to parse function arguments: /);
    assert.equal(outputOf(mock.requests[2]!.body.input, 'm2'), 'unsupported call: no_such_tool');
  }));

test('a missing API key is an error naming the variable, exit 1', () =>
  scenario([{ output: [{ type: 'text', text: 'unused' }] }], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi'], { env: { [MOCK_KEY_ENV]: undefined } });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`ERROR: Missing environment variable: \`${MOCK_KEY_ENV}\``));
    assert.equal(mock.requests.length, 0);
  }));

test('human output shows plans, patches with their files, and the turn diff', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'update_plan', arguments: { explanation: 'two steps', plan: [{ step: 'write file', status: 'in_progress' }, { step: 'report', status: 'pending' }] }, call_id: 'p' }] },
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: hello.txt\n+hi there\n*** End Patch', call_id: 'a' }] },
    { output: [{ type: 'text', text: 'wrote it' }] },
  ], async (_mock, ws) => {
    const r = await runCodex(ws, ['exec', '-s', 'workspace-write', 'write hello']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'wrote it\n');
    assert.match(r.stderr, /^plan\ntwo steps\n→ write file\n• report\n/m);
    assert.match(r.stderr, new RegExp(`^apply_patch auto_approved=true:\\nA ${join(ws.repo, 'hello.txt')}\\n`, 'm'));
    assert.match(r.stderr, /^apply_patch\(auto_approved=true\) exited 0 in \d+ms:\nSuccess\. Updated the following files:\nA hello.txt\n/m);
    assert.match(r.stderr, /^turn diff:\ndiff --git a\/hello.txt b\/hello.txt\nnew file mode 100644\n[\s\S]*\n\+hi there\n/m);
  }));

test('when the sandbox cannot start, the command does not run and the reason is shown and sent back', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['touch', 'never.txt'] }, call_id: 't' }] },
    { output: [{ type: 'text', text: 'understood' }] },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', '-c', 'bwrap_path="/nonexistent/bwrap"', 'touch']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(join(ws.repo, 'never.txt')), false);
    const output = outputOf(mock.requests[1]!.body.input, 't')!;
    assert.match(output, /bwrap/);
    const done = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { type: string; status?: string; aggregated_output?: string } })
      .find((e) => e.type === 'item.completed' && e.item?.type === 'command_execution');
    assert.equal(done?.item?.status, 'declined');
    assert.equal(done?.item?.aggregated_output, output);
  }));

/** Runs a missing program through exec under `sandbox`: the model is told what the user sees, its reason and exit code 127. */
const missingProgram = (sandbox: string) => () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['no-such-program-xyz', 'a'] }, call_id: 'm' }] },
    { output: [{ type: 'text', text: 'noted' }] },
  ], async (mock, ws) => {
    const r = await runCodex(ws, ['exec', '--json', '-s', sandbox, 'run it']);
    assert.equal(r.code, 0, r.stderr);
    const told = JSON.parse(outputOf(mock.requests[1]!.body.input, 'm')!) as { output: string; metadata: { exit_code: number } };
    assert.equal(told.output, 'no-such-program-xyz: No such file or directory');
    assert.equal(told.metadata.exit_code, 127);
    const item = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { type: string; exit_code?: number; aggregated_output?: string } })
      .find((e) => e.type === 'item.completed' && e.item?.type === 'command_execution')?.item;
    assert.deepEqual([item?.exit_code, item?.aggregated_output], [127, told.output]);
  });

test('a command that does not exist, without the sandbox: the model is told its reason and exit code 127, as the user sees', missingProgram('danger-full-access'));
test('a command that does not exist, in the sandbox: the same report', { skip: missingTool('bwrap') }, missingProgram('read-only'));

test('the final answer is the last response\'s message: a note sent beside a tool call is not it', () =>
  scenario([
    { output: [{ type: 'text', text: 'Let me check.' }, { type: 'function_call', name: 'shell', arguments: { command: ['true'] }, call_id: 'c1' }] },
    { output: [{ type: 'reasoning', summary: ['done thinking'] }] },
  ], async (_mock, ws) => {
    const last = join(ws.home, 'last.txt');
    const r = await runCodex(ws, ['exec', '-s', 'danger-full-access', '-o', last, 'check']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(last, 'utf8'), '');
    assert.match(r.stderr, /no last agent message/);
  }));

test('escape sequences in command output never reach the terminal: `tput sgr0` shows as nothing', () =>
  scenario([
    // What `tput setaf 1; echo -n red; tput sgr0; echo " done"` prints on xterm: charset selection, SGR, a DCS string.
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['printf', '\\033[31mred\\033(B\\033[m done\\033P1$r0m\\033\\\\\\n'] }, call_id: 'c1' }] },
    { output: [{ type: 'text', text: 'Done.' }] },
  ], async (_mock, ws) => {
    const r = await runCodex(ws, ['exec', '-s', 'danger-full-access', 'run it']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /succeeded in \d+ms:\nred done\ncodex\n/);
    assert.doesNotMatch(r.stderr, /\x1b/);
  }));
