// The controller over a fake session: actions become ops, events become cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUIT_HINT, BACKTRACK_HINT } from '../../app/tui/app.js';
import { renderScreen } from '../support/screen.js';
import { waitFor } from '../support/wait.js';
import { configured, FakeSession, key, makeApp, type, withApp, type Harness } from './harness.js';

test('Enter submits a user turn; Esc and Ctrl+C interrupt a running one', () => withApp((h) => {
  type(h, 'hello');
  key(h, 'enter');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'hello' }] });
  h.session.emit({ type: 'task_started' });
  key(h, 'esc');
  assert.deepEqual(h.session.ops.at(-1), { type: 'interrupt' });
  key(h, 'ctrl+c');
  assert.deepEqual(h.session.ops.at(-1), { type: 'interrupt' });
  assert.equal(h.exited(), false);
}));

test('Ctrl+C twice quits: the first shows the hint, which expires', () => withApp((h) => {
  key(h, 'ctrl+c');
  assert.equal(h.app.footer.notice, QUIT_HINT);
  assert.equal(h.exited(), false);
  h.clock.now += 3000;
  h.app.tick();
  assert.equal(h.app.footer.notice, undefined);
  key(h, 'ctrl+c');
  key(h, 'ctrl+c');
  assert.equal(h.exited(), true);
}));

test('Ctrl+C on a draft clears it (Up brings it back) without arming quit; a popup over it closes', () => withApp((h) => {
  type(h, 'half a thought');
  key(h, 'ctrl+c');
  assert.equal(h.app.composer.text, '');
  assert.equal(h.app.footer.notice, undefined);
  assert.equal(h.exited(), false);
  key(h, 'up');
  assert.equal(h.app.composer.text, 'half a thought');
  h.app.composer.setText('');
  type(h, '/mo');
  assert.equal(h.app.mode, 'popup');
  key(h, 'ctrl+c');
  assert.equal(h.app.composer.text, '');
  assert.equal(h.app.mode, 'composer');
  // Empty again: the usual two presses quit.
  key(h, 'ctrl+c');
  assert.equal(h.app.footer.notice, QUIT_HINT);
  key(h, 'ctrl+c');
  assert.equal(h.exited(), true);
}));

test('a message typed while a turn runs is injected and shown as queued until the loop echoes it', () => withApp((h) => {
  h.session.emit({ type: 'task_started' });
  type(h, 'also this');
  key(h, 'enter');
  assert.deepEqual(h.app.pendingInput.widget.steered, ['also this']);
  h.session.emit({ type: 'user_message', message: 'also this' });
  assert.deepEqual(h.app.pendingInput.widget.steered, []);
}));

test('Tab while a turn runs queues a follow-up (shown, not sent); Alt+Up takes it back; the turn\'s end sends the next; idle, Tab sends', async () => {
  await withApp(async (h) => {
    const userInputs = () => h.session.ops.filter((o) => o.type === 'user_input').length;
    h.session.emit({ type: 'task_started' });
    type(h, 'steer now');
    key(h, 'enter');
    type(h, 'first follow-up');
    key(h, 'tab');
    type(h, 'second follow-up');
    key(h, 'tab');
    assert.equal(userInputs(), 1, 'only the steered message went to the session');
    assert.equal(h.app.composer.text, '');
    const screen = (await renderScreen(h.app, { cols: 80, rows: 16 })).text;
    assert.match(screen, /↳ steer now\n +⇥ first follow-up\n +⇥ second follow-up\n +⌥↑ edit queued/);
    key(h, 'alt+up');
    assert.equal(h.app.composer.text, 'second follow-up');
    assert.deepEqual(h.app.pendingInput.widget.queued, ['first follow-up']);
    h.app.composer.setText('');
    h.session.emit({ type: 'user_message', message: 'steer now' });
    h.session.emit({ type: 'task_complete', last_agent_message: null });
    assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'first follow-up' }] });
    assert.equal(h.app.pendingInput.widget.empty, true);
    // Idle, Tab is Enter.
    type(h, 'idle tab');
    key(h, 'tab');
    assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'idle tab' }] });
  });
});

test('an interrupted turn gives back what was steered and queued, oldest first, before the draft', () => withApp((h) => {
  h.session.emit({ type: 'task_started' });
  type(h, 'steered');
  key(h, 'enter');
  type(h, 'queued');
  key(h, 'tab');
  type(h, 'draft');
  h.session.emit({ type: 'turn_aborted', reason: 'interrupted' });
  assert.equal(h.app.composer.text, 'steered\nqueued\ndraft');
  assert.equal(h.app.pendingInput.widget.empty, true);
}));

test('turn complete sends an OSC 9 notification only when unfocused and enabled', async () => {
  await withApp((h) => {
    h.session.emit({ type: 'task_started' });
    h.session.emit({ type: 'task_complete', last_agent_message: 'All done.' });
    assert.deepEqual(h.notifications, []);
    h.app.handleInput([{ type: 'focus', focused: false }]);
    h.session.emit({ type: 'task_started' });
    h.session.emit({ type: 'task_complete', last_agent_message: 'All done.' });
    h.session.emit({ type: 'exec_approval_request', call_id: 'x', command: ['rm', '-rf', 'build'], cwd: '/' });
    assert.deepEqual(h.notifications, ['All done.', 'Approval requested: rm -rf build']);
  }, ['tui.notifications=true']);
  await withApp((h) => {
    h.app.handleInput([{ type: 'focus', focused: false }]);
    h.session.emit({ type: 'task_complete', last_agent_message: null });
    assert.deepEqual(h.notifications, []);
  });
});

test('the notification is the answer as plain text, cut between words with an ellipsis', () => withApp((h) => {
  h.app.handleInput([{ type: 'focus', focused: false }]);
  h.session.emit({ type: 'task_started' });
  h.session.emit({
    type: 'task_complete',
    last_agent_message: '## Fixed\n\n**Done**: the `parse()` bug in [the parser](https://example.com/p) is gone, and the remaining tests all pass again now',
  });
  const [n] = h.notifications;
  assert.equal(n, 'Fixed Done: the parse() bug in the parser (https://example.com/p) is gone, and…');
  assert.ok(n!.length <= 80);
}, ['tui.notifications=true']));

test('typing after one Ctrl+C takes the quit hint out of the footer (and disarms quit)', () => withApp((h) => {
  key(h, 'ctrl+c');
  assert.equal(h.app.footer.notice, QUIT_HINT);
  type(h, 'x');
  assert.equal(h.app.footer.notice, undefined);
  key(h, 'ctrl+c');
  assert.equal(h.exited(), false, 'the Ctrl+C cleared the draft');
}));

test('approval requests queue: the second opens after the first is decided', () => withApp((h) => {
  h.session.emit({ type: 'task_started' });
  h.session.emit({ type: 'exec_approval_request', call_id: 'a', command: ['touch', 'a'], cwd: '/' });
  h.session.emit({ type: 'exec_approval_request', call_id: 'b', command: ['touch', 'b'], cwd: '/' });
  assert.equal(h.app.mode, 'modal');
  key(h, 'a', 'a');
  assert.deepEqual(h.session.ops.at(-1), { type: 'exec_approval', id: 'a', decision: 'approved_for_session' });
  assert.equal(h.app.mode, 'modal');
  key(h, 'esc');
  // "No, and tell Codex what to do differently" ends the turn (the session interrupts it).
  assert.deepEqual(h.session.ops.at(-1), { type: 'exec_approval', id: 'b', decision: 'abort' });
  assert.equal(h.app.mode, 'composer');
}));

test('Esc–Esc backtrack: prime, preview, step older, Enter forks and pre-fills the composer', () => withApp((h) => {
  for (const m of ['first question', 'second question', 'third question']) {
    h.session.emit({ type: 'user_message', message: m });
    h.session.emit({ type: 'agent_message', message: `answer to ${m}` });
  }
  key(h, 'esc');
  assert.equal(h.app.footer.notice, BACKTRACK_HINT);
  key(h, 'esc');
  assert.equal(h.app.mode, 'backtrack');
  key(h, 'esc');
  key(h, 'enter');
  assert.deepEqual(h.session.ops.at(-1), { type: 'fork', drop_user_turns: 2 });
  assert.equal(h.app.composer.text, 'second question');
  assert.equal(h.app.transcript.userMessageIndices().length, 1);
  assert.equal(h.app.mode, 'composer');
  // The forked session announces itself with the kept messages: they are on screen already.
  const cells = h.app.transcript.cells.length;
  h.session.emit({ ...configured(), initial_messages: [{ type: 'user_message', message: 'first question' }, { type: 'agent_message', message: 'answer to first question' }] });
  assert.equal(h.app.transcript.cells.length, cells);
  // Any other key cancels a primed Esc.
  h.app.composer.setText('');
  key(h, 'esc');
  key(h, 'x', 'x');
  assert.equal(h.app.footer.notice, undefined);
}));

/** Lets promises settle (the /model list arrives asynchronously). */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/** /model → the model list (the fallback one in unit tests: gpt-5-codex, gpt-5) → `up`s from the current → the effort step → `down`s. */
async function pickModel(h: Harness, ups: number, downs: number): Promise<void> {
  type(h, '/model');
  key(h, 'enter');
  await settle();
  assert.equal(h.app.mode, 'popup');
  for (let i = 0; i < ups; i++) key(h, 'up');
  key(h, 'enter');
  for (let i = 0; i < downs; i++) key(h, 'down');
  key(h, 'enter');
}

test('slash commands: /model picks a model and an effort, /status prints the card, /diff is allowed while running, /compact is not', () => withApp(async (h) => {
  // The effort list starts on the model's default: minimal, low, medium are 1, 2, 3 down.
  await pickModel(h, 1, 3);
  assert.deepEqual(h.session.ops.at(-1), { type: 'override_turn_context', model: 'gpt-5-codex', effort: 'medium' });
  assert.equal(h.app.statusBar.info.model, 'gpt-5-codex');
  type(h, '/status');
  key(h, 'enter');
  const last = h.app.transcript.last()!;
  const card = last.lines(80).map((l) => l.map((s) => s.text).join('')).join('\n');
  assert.match(card, /^ {2}Model: +gpt-5-codex \(reasoning medium, summaries auto\)$/m);
  assert.match(card, /^ {2}Session: +00000000-0000-4000-8000-000000000001$/m);
  assert.match(card, /^ {2}Agents\.md: +<none>$/m);
  // Token usage as the original's card: cached input is not counted as input, nor in the total.
  const usage = { input_tokens: 1_234_010, cached_input_tokens: 1_000_002, output_tokens: 5, reasoning_output_tokens: 0, total_tokens: 1_234_015 };
  h.session.emit({ type: 'token_count', info: { total_token_usage: usage, last_token_usage: usage } });
  type(h, '/status');
  key(h, 'enter');
  const tokens = h.app.transcript.last()!.lines(80).map((l) => l.map((s) => s.text).join('')).join('\n');
  assert.match(tokens, /^ {2}Token usage: +234K total {2}\(234K input \+ 5 output\)$/m);
  h.session.emit({ type: 'task_started' });
  const before = h.session.ops.length;
  type(h, '/compact');
  key(h, 'enter');
  assert.equal(h.session.ops.length, before);
  assert.match(h.app.transcript.last()!.lines(80).map((l) => l.map((s) => s.text).join('')).join(''), /'\/compact' is disabled while a task is in progress/);
  type(h, '/quit');
  key(h, 'enter');
  assert.equal(h.exited(), true);
}));

test('/model and /approvals mark the setting in effect (current) and start the selection on it', () => withApp(async (h) => {
  await pickModel(h, 1, 3);
  type(h, '/model');
  key(h, 'enter');
  await settle();
  let { text } = await renderScreen(h.app, { cols: 80, rows: 24 });
  assert.match(text, /› gpt-5-codex \(current\)/);
  assert.match(text, /could not list the provider's models: no provider in unit tests/);
  key(h, 'enter');
  ({ text } = await renderScreen(h.app, { cols: 80, rows: 24 }));
  assert.match(text, /Select reasoning effort for gpt-5-codex/);
  assert.match(text, /› medium \(current\)/);
  // Esc on the effort step keeps the effort in effect.
  key(h, 'esc');
  assert.deepEqual(h.session.ops.at(-1), { type: 'override_turn_context', model: 'gpt-5-codex' });
  assert.equal(h.app.statusBar.info.reasoningEffort, 'medium');
  type(h, '/approvals');
  key(h, 'enter');
  ({ text } = await renderScreen(h.app, { cols: 80, rows: 24 }));
  assert.equal(h.app.statusBar.info.sandbox, 'read-only');
  assert.match(text, /› Read Only \(current\)/);
  key(h, 'down');
  key(h, 'enter');
  type(h, '/approvals');
  key(h, 'enter');
  ({ text } = await renderScreen(h.app, { cols: 80, rows: 24 }));
  assert.match(text, /› Auto \(current\)/);
}));

const usage = (total: number) => ({ input_tokens: total - 100, cached_input_tokens: 0, output_tokens: 100, reasoning_output_tokens: 0, total_tokens: total });

test('the context left is a status line item, as in 0.169: not in the footer under a status line; in the footer when there is none', async () => {
  const screenRows = async (h: Harness) => (await renderScreen(h.app, { cols: 80, rows: 12 })).text.split('\n');
  await withApp(async (h) => {
    h.session.emit({ type: 'token_count', info: { total_token_usage: usage(22_000), last_token_usage: usage(22_000), model_context_window: 112_000 } });
    const rows = await screenRows(h);
    assert.match(rows[0]!, /^ >_ ~\/project · gpt-5 · /, 'the default status line: directory, model …');
    assert.doesNotMatch(rows.join('\n'), /context left/, 'shown nowhere unless chosen');
    h.app.statusBar.items = ['current-dir', 'context-remaining'];
    const chosen = await screenRows(h);
    assert.match(chosen[0]!, /^ >_ ~\/project · 90% context left$/);
    assert.equal(chosen.join('\n').split('context left').length, 2, 'once, in the status line');
  });
  await withApp(async (h) => {
    assert.doesNotMatch((await screenRows(h)).join('\n'), /context left|>_ ~/, 'no status line; nothing known yet');
    h.session.emit({ type: 'token_count', info: { total_token_usage: usage(22_000), last_token_usage: usage(22_000), model_context_window: 112_000 } });
    const rows = await screenRows(h);
    assert.match(rows.at(-1)!, /⌃C quit +90% context left$/, 'the footer has it');
    assert.doesNotMatch(rows[0]!, /^ >_/, 'no status line row');
  }, ['tui.status_line=[]']);
});

test('/new (replaceSession): token usage and context left start afresh; /approvals and /model choices carry over', () => withApp(async (h) => {
  h.session.emit({ type: 'token_count', info: { total_token_usage: usage(22_000), last_token_usage: usage(22_000), model_context_window: 112_000 } });
  assert.equal(h.app.statusBar.live.contextLeft, 90);
  type(h, '/approvals');
  key(h, 'enter');
  key(h, 'up');
  key(h, 'enter');
  assert.equal(h.app.statusBar.info.approval, 'never');
  await pickModel(h, 1, 3);
  const chosen = { ...h.app.statusBar.info };
  const next = new FakeSession();
  h.app.replaceSession(next);
  assert.equal(h.app.tokenInfo, undefined);
  assert.equal(h.app.statusBar.live.contextLeft, undefined);
  next.emit(configured());
  assert.deepEqual(h.app.statusBar.info, chosen);
  assert.equal(h.app.statusBar.info.approval, 'never');
  const op = next.ops.find((o) => o.type === 'override_turn_context');
  assert.ok(op && op.type === 'override_turn_context');
  assert.equal(op.approval_policy, 'never');
  assert.equal(op.model, chosen.model);
  const cells = h.app.transcript.cells.length; // the new session's header
  h.session.emit({ type: 'agent_message', message: 'from the old session' });
  assert.equal(h.app.transcript.cells.length, cells, 'the old session is no longer heard');
}));

test('footer hints follow the keymap: a rebound newline shows its own key', async () => {
  await withApp(async (h) => {
    assert.deepEqual(h.app.footer.hints, [['⏎', 'send'], ['⇧⏎', 'newline'], ['⌃T', 'transcript'], ['⌃C', 'quit']]);
  });
  await withApp(async (h) => {
    const { text } = await renderScreen(h.app, { cols: 80, rows: 10 });
    assert.match(text, /⏎ send {3}⌃O newline {3}⌃T transcript {3}⌃C quit/);
  }, ['tui.keymap.composer.newline=["ctrl+o"]']);
});

test('a web search the model ran is shown as 🌐 Searched: query', () => withApp(async (h) => {
  h.session.emit({ type: 'task_started' });
  h.session.emit({ type: 'web_search_begin', call_id: 'ws1' });
  h.session.emit({ type: 'web_search_end', call_id: 'ws1', query: 'rust async traits' });
  const { text } = await renderScreen(h.app, { cols: 60, rows: 20 });
  assert.match(text, /🌐 +Searched: rust async traits/); // xterm-headless gives 🌐 one column
}));

test('Reconnecting… leaves the status line once the retried stream delivers again', () => withApp((h) => {
  h.session.emit({ type: 'task_started' });
  h.session.emit({ type: 'agent_reasoning', text: '**Reading the code**' });
  h.session.emit({ type: 'stream_error', message: 'Reconnecting... 1/5 (stream closed)' });
  h.session.emit({ type: 'stream_error', message: 'Reconnecting... 2/5 (stream closed)' });
  assert.equal(h.app.status.header, 'Reconnecting... 2/5 (stream closed)');
  h.session.emit({ type: 'exec_command_begin', call_id: 'c1', command: ['ls'], cwd: '/' });
  assert.equal(h.app.status.header, 'Reading the code');
}));

test('Tab in the slash popup completes the command; an unknown /word is sent as a message', () => withApp((h) => {
  type(h, '/ap');
  key(h, 'tab');
  assert.equal(h.app.composer.text, '/approvals ');
  h.app.composer.setText('');
  type(h, '/notacommand');
  key(h, 'esc');
  key(h, 'enter');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: '/notacommand' }] });
}));

test('live command output: a UTF-8 character split across chunks is decoded whole, per stream', () => withApp(async (h) => {
  h.session.emit({ type: 'task_started' });
  h.session.emit({ type: 'exec_command_begin', call_id: 'e1', command: ['cat', 'jp.txt'], cwd: '/' });
  const bytes = Buffer.from('日本語 ok\n');
  const chunk = (b: Buffer, stream: 'stdout' | 'stderr' = 'stdout') =>
    h.session.emit({ type: 'exec_command_output_delta', call_id: 'e1', stream, chunk: b.toString('base64') });
  // stderr's é arrives whole while stdout is in the middle of 日.
  chunk(bytes.subarray(0, 2));
  chunk(Buffer.from('é').subarray(0, 1), 'stderr');
  chunk(Buffer.from('é').subarray(1), 'stderr');
  chunk(bytes.subarray(2, 4));
  chunk(bytes.subarray(4));
  const { text } = await renderScreen(h.app, { cols: 60, rows: 20 });
  assert.match(text, /└ é日本語 ok/);
  assert.doesNotMatch(text, /\uFFFD/);
}));

test('config warnings become warning cells after the first session header only', async () => {
  const h = await makeApp(['no_such_key=1']);
  try {
    h.session.emit(configured());
    const texts = async (): Promise<string> => (await renderScreen(h.app, { cols: 100, rows: 30 })).text;
    assert.match(await texts(), /⚠ .*unknown key `no_such_key` \(ignored\)/);
    h.session.emit(configured());
    assert.equal((await texts()).match(/unknown key `no_such_key`/g)?.length, 1);
  } finally {
    h.cleanup();
  }
});

test('Enter in the @ popup with nothing to pick closes it and submits; a / line with no command match is sent too', () => withApp(async (h) => {
  type(h, 'check @zzzq');
  assert.equal(h.app.mode, 'popup');
  // After the search debounce the popup has its answer: "no matches".
  await waitFor(async () => /no matches/.test((await renderScreen(h.app, { cols: 60, rows: 12 })).text), 'the popup to show "no matches"');
  key(h, 'enter');
  assert.equal(h.app.mode, 'composer');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'check @zzzq' }] });
  type(h, '/etc/hosts is wrong');
  key(h, 'enter');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: '/etc/hosts is wrong' }] });
}));

test('/mention opens the @ picker with its hint at once', () => withApp(async (h) => {
  type(h, '/mention');
  key(h, 'enter');
  assert.equal(h.app.composer.text, '@');
  assert.equal(h.app.mode, 'popup');
  assert.match((await renderScreen(h.app, { cols: 60, rows: 12 })).text, /type to search files/);
}));

/** The transcript as plain text, cell by cell (the session header left out). */
async function cellsText(h: Harness): Promise<string> {
  return (await renderScreen(h.app, { cols: 80, rows: 40 })).text;
}

test('a reasoning summary in two parts, then the answer: each shown once, in order, also after the final events', () => withApp(async (h) => {
  h.session.emit({ type: 'task_started' });
  h.session.emit({ type: 'agent_reasoning_delta', delta: '**First thought**\n\npart one' });
  h.session.emit({ type: 'agent_reasoning_section_break' });
  h.session.emit({ type: 'agent_reasoning_delta', delta: '**Second thought**\n\npart two' });
  h.session.emit({ type: 'agent_message_delta', delta: 'The answer.' });
  // What the loop sends once the response is complete.
  h.session.emit({ type: 'agent_reasoning', text: '**First thought**\n\npart one' });
  h.session.emit({ type: 'agent_reasoning', text: '**Second thought**\n\npart two' });
  h.session.emit({ type: 'agent_message', message: 'The answer.' });
  h.session.emit({ type: 'task_complete', last_agent_message: null });
  const text = await cellsText(h);
  const order = ['First thought', 'part one', 'Second thought', 'part two', 'The answer.'].map((t) => text.indexOf(t));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), text);
  for (const t of ['part one', 'part two', 'The answer.']) assert.equal(text.split(t).length, 2, `${t} once:\n${text}`);
}));

test('text, reasoning, text in one response go to three cells; a retried stream drops what the failed attempt streamed', () => withApp(async (h) => {
  h.session.emit({ type: 'task_started' });
  h.session.emit({ type: 'agent_message_delta', delta: 'partial answer that w' });
  h.session.emit({ type: 'stream_error', message: 'Reconnecting... 1/5 (stream disconnected)' });
  h.session.emit({ type: 'agent_message_delta', delta: 'First.' });
  h.session.emit({ type: 'agent_reasoning_delta', delta: 'thinking' });
  h.session.emit({ type: 'agent_message_delta', delta: 'Second.' });
  // While it streams, too: no leftover of the failed attempt, no glued messages.
  const streaming = await cellsText(h);
  assert.doesNotMatch(streaming, /partial answer/);
  assert.doesNotMatch(streaming, /First\.Second/);
  h.session.emit({ type: 'agent_message', message: 'First.' });
  h.session.emit({ type: 'agent_reasoning', text: 'thinking' });
  h.session.emit({ type: 'agent_message', message: 'Second.' });
  h.session.emit({ type: 'task_complete', last_agent_message: null });
  const text = await cellsText(h);
  assert.doesNotMatch(text, /partial answer/);
  assert.doesNotMatch(text, /First\.Second/);
  const [a, b, c] = ['First.', 'thinking', 'Second.'].map((t) => text.indexOf(t));
  assert.ok(a! >= 0 && a! < b! && b! < c!, text);
}));

test('keys that arrive before the app is wired are held and applied after, with the time they were read', async () => {
  const { createTui } = await import('../../app/tui/create-tui.js');
  const h = await makeApp();
  let cleanup = async (): Promise<void> => undefined;
  try {
    const session = new FakeSession();
    let exited = false;
    const clock = { now: 5000 };
    const tui = createTui({
      session, config: h.app.config, version: '0.1.0', startSession: async () => session,
      host: {
        now: () => clock.now, requestFrame: () => undefined, exit: () => (exited = true), notify: () => undefined, historyEntry: () => undefined, redraw: () => undefined,
        copyToClipboard: () => undefined, setTheme: () => undefined,
      },
    });
    const { app, wired } = tui;
    cleanup = () => tui.close(); // the file index it started
    app.attach();
    // Typed at the first frame, read 20 ms apart; Enter read 150 ms after the text.
    const keys = [...'/quit'].map((ch, i) => [{ type: 'key' as const, key: ch, text: ch }, 1000 + i * 20] as const);
    for (const [k, at] of keys) app.handleInput([k], at);
    app.handleInput([{ type: 'key', key: 'enter' }], 1230);
    assert.equal(app.composer.text, '', 'nothing applied before the wiring');
    clock.now = 9000; // handled much later than read: the replay must not see the typing as a burst
    await wired;
    assert.equal(exited, true, '/quit ran as the command');
    assert.deepEqual(session.ops, [], 'nothing went to the model');
  } finally {
    await cleanup();
    h.cleanup();
  }
});

test('a terminal that reports bracketed paste (DECRPM 2004 set) turns burst guessing off', () => withApp((h) => {
  h.app.handleInput([{ type: 'bracketed_paste', supported: true }], 1000);
  for (const ch of 'abc') h.app.handleInput([{ type: 'key', key: ch, text: ch }], 1000);
  h.app.handleInput([{ type: 'key', key: 'enter' }], 1000);
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'abc' }] });
}));
