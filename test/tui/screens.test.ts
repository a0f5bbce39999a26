// Whole-screen snapshots of the TUI (fake session, real widgets, real renderer
// into xterm-headless). UPDATE_SNAPSHOTS=1 rewrites snapshots/tui/*.txt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectScreen, renderScreen } from '../support/screen.js';
import { appendSessionName } from '../../app/agent/session-index.js';
import { withApp, type Harness } from './harness.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');


function streamAnswer(h: Harness, text: string): void {
  h.session.emit({ type: 'task_started', model_context_window: 200000 });
  for (let i = 0; i < text.length; i += 7) h.session.emit({ type: 'agent_message_delta', delta: text.slice(i, i + 7) });
}

const ANSWER = 'Here is the fix:\n\n```ts\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n```\n\nRun `npm test` to check it.\n';

test('empty session, 80x24, dark theme with colours', async () => {
  await withApp(async ({ app }) => {
    const s = await expectScreen('tui/empty-session-dark', app, { cols: 80, rows: 24, colors: true });
    assert.match(s.text, /Ask Codex to do anything/);
  });
});

test('empty session, light theme with colours', async () => {
  await withApp(async ({ app }) => {
    await expectScreen('tui/empty-session-light', app, { cols: 80, rows: 24, theme: 'light', colors: true });
  });
});

test('a streamed answer with code while the turn runs', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'user_message', message: 'add two numbers' });
    streamAnswer(h, ANSWER);
    h.clock.now += 3_200;
    h.app.tick();
    const s = await expectScreen('tui/streamed-answer', h.app, { cols: 80, rows: 24 });
    assert.match(s.text, /Working \(3s • Esc to interrupt\)/);
  });
});

test('an exec cell running, then finished', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'task_started' });
    h.session.emit({ type: 'exec_command_begin', call_id: 'c1', command: ['bash', '-lc', 'ls -la'], cwd: '/home/user/project' });
    h.session.emit({ type: 'exec_command_output_delta', call_id: 'c1', stream: 'stdout', chunk: b64('total 8\nREADME.md\npackage.json\n') });
    h.app.tick();
    await expectScreen('tui/exec-running', h.app, { cols: 80, rows: 20 });
    h.session.emit({
      type: 'exec_command_end', call_id: 'c1', stdout: 'total 8\nREADME.md\npackage.json\n', stderr: '', aggregated_output: 'total 8\nREADME.md\npackage.json\n',
      exit_code: 0, duration_ms: 1234, formatted_output: '',
    });
    await expectScreen('tui/exec-finished', h.app, { cols: 80, rows: 20 });
  });
});

test('a failed command', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'task_started' });
    h.session.emit({ type: 'exec_command_begin', call_id: 'c2', command: ['cargo', 'build'], cwd: '/home/user/project' });
    h.session.emit({
      type: 'exec_command_end', call_id: 'c2', stdout: '', stderr: 'error[E0425]: cannot find value `x`', aggregated_output: 'error[E0425]: cannot find value `x`',
      exit_code: 101, duration_ms: 20500, formatted_output: '',
    });
    const s = await expectScreen('tui/exec-failed', h.app, { cols: 80, rows: 20, colors: true });
    assert.match(s.text, /101/);
  });
});

test('a patch cell with a coloured diff', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'task_started' });
    h.session.emit({
      type: 'patch_apply_begin', call_id: 'p1', auto_approved: true,
      changes: {
        '/home/user/project/src/add.ts': { update: { unified_diff: '@@ -1,3 +1,3 @@\n export function add(a, b) {\n-  return a - b;\n+  return a + b;\n }\n' } },
        '/home/user/project/NOTES.md': { add: { content: 'first line\nsecond line\n' } },
      },
    });
    h.session.emit({ type: 'patch_apply_end', call_id: 'p1', stdout: 'Success.', stderr: '', success: true });
    await expectScreen('tui/patch', h.app, { cols: 80, rows: 30, colors: true });
  });
});

test('a plan update', async () => {
  await withApp(async (h) => {
    h.session.emit({
      type: 'plan_update', explanation: 'Fixing the adder first.',
      plan: [{ step: 'Read the code', status: 'completed' }, { step: 'Fix add()', status: 'in_progress' }, { step: 'Run the tests', status: 'pending' }],
    });
    await expectScreen('tui/plan', h.app, { cols: 80, rows: 24, colors: true });
  });
});

test('wide characters in messages and the composer', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'user_message', message: '请把这个函数改成异步的 🙏' });
    h.session.emit({ type: 'agent_message', message: '好的！我会把 `load()` 改成 **async** 函数。👍 家族 👨‍👩‍👧' });
    h.app.dispatch({ action: 'paste', text: '日本語の入力テスト' });
    const s = await expectScreen('tui/wide-chars-app', h.app, { cols: 40, rows: 24 });
    assert.match(s.text, /日本語の入力テスト/);
  });
});

test('a 40x12 terminal', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'user_message', message: 'hello' });
    h.session.emit({ type: 'agent_message', message: 'A long answer that has to wrap several times in a narrow terminal window.' });
    await expectScreen('tui/small-40x12', h.app, { cols: 40, rows: 12 });
  });
});

test('a 200x60 terminal', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'user_message', message: 'hello' });
    streamAnswer(h, ANSWER);
    h.session.emit({ type: 'agent_message', message: ANSWER });
    h.session.emit({ type: 'task_complete', last_agent_message: ANSWER });
    await expectScreen('tui/large-200x60', h.app, { cols: 200, rows: 60 });
  });
});

test('the slash-command popup filters as you type', async () => {
  await withApp(async (h) => {
    h.app.handleInput([{ type: 'key', key: '/', text: '/' }]);
    h.clock.now += 50;
    h.app.handleInput([{ type: 'key', key: 'm', text: 'm' }]);
    const s = await expectScreen('tui/slash-popup', h.app, { cols: 80, rows: 20 });
    assert.match(s.text, /\/model/);
    assert.match(s.text, /\/mcp/);
    assert.doesNotMatch(s.text, /\/quit/);
  });
});

test('the slash-command popup shows that more commands lie below the ones that fit', async () => {
  await withApp(async (h) => {
    h.app.handleInput([{ type: 'key', key: '/', text: '/' }]);
    const s = await renderScreen(h.app, { cols: 80, rows: 24 });
    assert.match(s.text, /↓ \d+ more {2}\(1\/\d+\)/);
  });
});

test('the approval modal for a command', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'task_started' });
    h.session.emit({ type: 'exec_approval_request', call_id: 'a1', command: ['touch', 'x'], cwd: '/home/user/project', reason: 'create a file' });
    const s = await expectScreen('tui/approval-exec', h.app, { cols: 80, rows: 24 });
    assert.match(s.text, /Would you like to run the following command\?/);
    assert.doesNotMatch(s.text, /⏎ send|⌃C quit/, 'no composer hints under the modal');
    assert.doesNotMatch(s.text, /Esc to interrupt/, 'Esc denies in the modal; the status line is not shown');
    h.app.handleInput([{ type: 'key', key: 'y', text: 'y' }]);
    assert.deepEqual(h.session.ops.at(-1), { type: 'exec_approval', id: 'a1', decision: 'approved' });
  });
});

test('on a 40×12 terminal the approval options stay on screen; the title and reason scroll', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'task_started' });
    h.session.emit({ type: 'exec_approval_request', call_id: 'a1', command: ['touch', 'x'], cwd: '/home/user/project', reason: 'Create the marker file x so the build can see it' });
    const s = await expectScreen('tui/approval-40x12', h.app, { cols: 40, rows: 12 });
    for (const o of [/1\. Yes, proceed \(y\)/, /2\. Yes, and don't ask again/, /3\. No, and tell Codex what to do/]) assert.match(s.text, o);
    assert.match(s.text, /Would you like to run/);
    h.app.handleInput([{ type: 'key', key: 'pagedown' }]);
    assert.match((await renderScreen(h.app, { cols: 40, rows: 12 })).text, /\$ touch x/);
  });
});

test('a patch modal taller than the screen scrolls its diff with PgDn/PgUp', async () => {
  await withApp(async (h) => {
    h.session.emit({ type: 'task_started' });
    const content = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    h.session.emit({ type: 'apply_patch_approval_request', call_id: 'p1', changes: { 'big.txt': { add: { content } } } });
    const first = await renderScreen(h.app, { cols: 60, rows: 24 });
    assert.match(first.text, /lines 1-\d+ of \d+ · \d+ more below \(PgDn\)/);
    h.app.handleInput([{ type: 'key', key: 'pagedown' }]);
    const paged = await renderScreen(h.app, { cols: 60, rows: 24 });
    const from = Number(/lines (\d+)-/.exec(paged.text)?.[1]);
    assert.ok(from > 1, `PgDn scrolled the diff:\n${paged.text}`);
    h.app.handleInput([{ type: 'key', key: 'pageup' }]);
    assert.match((await renderScreen(h.app, { cols: 60, rows: 24 })).text, /lines 1-/);
    assert.equal(h.app.mode, 'modal');
  });
});

test('the transcript pager (Ctrl+T)', async () => {
  await withApp(async (h) => {
    for (let i = 1; i <= 30; i++) h.session.emit({ type: 'agent_message', message: `answer number ${i}` });
    h.app.handleInput([{ type: 'key', key: 'ctrl+t' }]);
    h.app.handleInput([{ type: 'key', key: 'home' }]);
    const s = await expectScreen('tui/pager', h.app, { cols: 60, rows: 16 });
    assert.match(s.text, /Transcript/);
    h.app.handleInput([{ type: 'key', key: 'q', text: 'q' }]);
    assert.equal(h.app.mode, 'composer');
  });
});

// As 0.169 prints them (read off its /status): the settings as configured, whatever the model.
test('/status: the Model line names the configured effort and summaries ("none" and "auto" when unset)', async () => {
  const modelLine = async (overrides: string[]) => {
    let line = '';
    await withApp(async (h) => {
      h.app.composer.setText('/status');
      h.app.handleInput([{ type: 'key', key: 'enter' }]);
      line = h.app.transcript.last()!.lines(80).map((l) => l.map((x) => x.text).join('')).find((l) => l.includes('Model:')) ?? '';
    }, overrides);
    return line.trim();
  };
  assert.match(await modelLine([]), /^Model: +gpt-5 \(reasoning none, summaries auto\)$/);
  assert.match(await modelLine(['model_reasoning_effort="minimal"', 'model_reasoning_summary="none"']), /^Model: +gpt-5 \(reasoning minimal, summaries off\)$/);
  assert.match(await modelLine(['model="my-local"', 'model_reasoning_effort="high"', 'model_reasoning_summary="detailed"']), /^Model: +my-local \(reasoning high, summaries detailed\)$/);
});

test('/status: the card of 0.169 (fields, order, labels), with the session name, usage and the context window', async () => {
  await withApp(async (h) => {
    appendSessionName(h.app.config.codexHome, h.session.id, 'fix the parser');
    const usage = { input_tokens: 12_345, cached_input_tokens: 2_000, output_tokens: 1_500, reasoning_output_tokens: 0, total_tokens: 13_845 };
    h.session.emit({ type: 'token_count', info: { total_token_usage: usage, last_token_usage: usage, model_context_window: 258_400 } });
    h.app.composer.setText('/status');
    h.app.handleInput([{ type: 'key', key: 'enter' }]);
    const s = await expectScreen('tui/status-card', h.app, { cols: 80, rows: 24, colors: true });
    assert.match(s.text, /\/status\n\n {2}>_ OpenAI Codex \(v0\.1\.0\)\n\n {2}Model: +gpt-5 \(reasoning none, summaries auto\)\n {2}Directory: +~\/project\n {2}Permissions: +Read Only \(Ask for approval\)\n {2}Agents\.md: +<none>\n {2}Thread name: +fix the parser\n {2}Session: +00000000-0000-4000-8000-000000000001\n\n {2}Token usage: +11\.8K total {2}\(10\.3K input \+ 1\.5K output\)\n {2}Context window: +99% left \(13\.8K used \/ 258K\)\n {2}Limits: +data not available yet/);
  });
});
