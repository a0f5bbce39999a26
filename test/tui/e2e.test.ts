// End-to-end: the real CLI (dist/codex.js; build first) in a pty against the
// mock model server, keys in, screen read back through xterm-headless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace, MOCK_KEY_ENV } from '../support/cli.js';
import { e2eFixture, quit, send, userTexts } from './e2e-support.js';

const e2e = e2eFixture();
const { start } = e2e;

/** The user text of the last model request. */
function lastUserText(): string {
  return userTexts(e2e.mock.requests.at(-1)!).at(-1) ?? '';
}

test('submit a prompt and see the streamed answer; Ctrl+C twice quits and restores the terminal', async () => {
  e2e.mock.push({
    output: [{ type: 'text', text: 'The answer is **42**.', deltas: ['The ans', 'wer is ', '**42**.'] }], delayMs: 30,
    usage: { input_tokens: 10, cached_input_tokens: 2, output_tokens: 5 },
  });
  const { app } = start();
  await app.waitForText('Ask Codex to do anything');
  await send(app, 'what is the answer?');
  await app.waitForText('The answer is 42.');
  assert.equal(lastUserText(), 'what is the answer?');
  assert.equal(await quit(app), 0);
  const out = app.output();
  const restore = out.lastIndexOf('\x1b[?1049l');
  assert.ok(restore > 0, 'left the alternate screen');
  assert.ok(out.lastIndexOf('\x1b[?25h') > out.lastIndexOf('\x1b[?25l'), 'cursor shown again');
  assert.ok(out.lastIndexOf('\x1b[?2004l') > out.lastIndexOf('\x1b[?2004h'), 'bracketed paste off');
  // Cached input is shown beside the input, not counted twice (the original's exit line).
  assert.match(out.slice(restore), /Token usage: total=13 input=8 \(\+ 2 cached\) output=5\r?\n/);
  assert.match(out.slice(restore), /To continue this session, run codex resume [0-9a-f-]{36}/);
});

test('Esc interrupts a running turn', async () => {
  e2e.mock.push({ fault: 'stall', output: [{ type: 'text', text: 'never finishes' }], afterEvents: 1 });
  const { app } = start();
  await app.waitForText('Ask Codex');
  await send(app, 'take your time');
  await app.waitForText(/Working \(\d+s • Esc to interrupt\)/);
  app.key('esc');
  await app.waitForText('Conversation interrupted - tell the model what to do differently');
  await app.waitForNoText('Esc to interrupt');
  assert.equal(await quit(app), 0);
});

test('multi-line input with Ctrl+J and Shift+Enter is sent as one message', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'got three lines' }] });
  const { app } = start();
  await app.waitForText('Ask Codex');
  app.type('line one');
  await app.waitForText('› line one');
  app.key('ctrl+j');
  app.type('line two');
  await app.waitForText('  line two');
  app.key('shift+enter');
  app.type('line three');
  await app.waitForText('  line three');
  app.key('enter');
  await app.waitForText('got three lines');
  assert.equal(lastUserText(), 'line one\nline two\nline three');
  assert.equal(await quit(app), 0);
});

test('a grapheme the quick width table does not know (an emoji) is measured by string-width, which the bundled CLI loads on demand', async () => {
  const { app } = start();
  await app.waitForText('Ask Codex');
  app.type('a👍b');
  await app.waitForText('› a👍b');
  app.type('c');
  await app.waitForText('› a👍bc');
  app.key('ctrl+c'); // clears the draft
  await app.waitForNoText('a👍bc');
  assert.equal(await quit(app), 0);
});

test('history: Up recalls this session’s prompt and, in a new session, the one saved in history.jsonl', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'first reply' }] });
  const { ws, app } = start();
  await app.waitForText('Ask Codex');
  await send(app, 'remember this prompt');
  await app.waitForText('first reply');
  app.key('up');
  await app.waitForText(/─+\n› remember this prompt/);
  app.key('down');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
  assert.match(readFileSync(join(ws.home, 'history.jsonl'), 'utf8'), /remember this prompt/);
  const second = start([], ws).app;
  // The persistent history is known once the session is configured (its header is drawn).
  await second.waitForText('OpenAI Codex');
  second.key('up');
  await second.waitForText(/─+\n› remember this prompt/);
  // Ctrl+C on a non-empty composer clears it (and does not arm quitting).
  second.key('ctrl+c');
  await second.waitForText('Ask Codex to do anything');
  assert.doesNotMatch(second.screen(), /ctrl \+ c again to quit/);
  assert.equal(await quit(second), 0);
});

test('paste: bracketed paste inserts text; over 1000 chars a placeholder that is expanded on submit', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'pasted ok' }] });
  const { app } = start();
  await app.waitForText('Ask Codex');
  app.paste('short paste ');
  await app.waitForText('› short paste');
  const big = 'y'.repeat(1500);
  app.paste(big);
  await app.waitForText('[Pasted Content 1500 chars]');
  app.key('enter');
  await app.waitForText('pasted ok');
  assert.equal(lastUserText(), `short paste ${big}`);
  assert.equal(await quit(app), 0);
});

test('without bracketed paste, a fast burst of characters with newlines is one message, not several submits', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'burst ok' }] });
  // A terminal that does not answer the bracketed-paste query: bursts are guessed.
  const { app } = start([], undefined, undefined, { replies: false });
  await app.waitForText('Ask Codex');
  app.write('alpha\rbeta\rgamma');
  // The burst reached the composer whole (the text shows only once it is flushed); an Enter now submits.
  await app.waitForText('  gamma');
  const before = e2e.mock.requests.length;
  app.key('enter');
  await app.waitForText('burst ok');
  assert.equal(e2e.mock.requests.length, before + 1, 'nothing was submitted by the pasted newlines');
  assert.equal(lastUserText(), 'alpha\nbeta\ngamma');
  assert.equal(await quit(app), 0);
});

test('[PROMPT] is submitted at start and a resize repaints cleanly', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'started with a prompt' }] });
  const { app } = start(['hello from argv']);
  await app.waitForText('started with a prompt');
  assert.equal(lastUserText(), 'hello from argv');
  app.resize(60, 20);
  // Every row repainted at the new width, nothing left over from the wider frame.
  const screen = await app.waitForScreen((s) => s.split('\n').every((l) => l.length <= 60) && /─{60}\n› Ask Codex/.test(s), 'a 60-column frame');
  assert.equal(screen.split('\n').length, 20);
  assert.match(screen, /› hello from argv/);
  assert.equal(await quit(app), 0);
});

test('@ file picker: matches from the working root, Tab inserts the path and a space', async () => {
  const { ws, app } = start();
  writeFileSync(join(ws.repo, 'README.md'), '# hi\n');
  writeFileSync(join(ws.repo, 'package.json'), '{}\n');
  await app.waitForText('Ask Codex');
  app.type('look at @READ');
  await app.waitForText(/^› README\.md/m);
  app.key('tab');
  await app.waitForText('› look at README.md');
  await app.waitForNoText(/^ {2}README\.md/m);
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
});

test('codex resume <id> shows the earlier conversation and continues it', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'first session answer' }] }, { output: [{ type: 'text', text: 'resumed answer' }] });
  const { ws, app } = start(['remember the number 7']);
  await app.waitForText('first session answer');
  assert.equal(await quit(app), 0);
  const id = /codex resume ([0-9a-f-]{36})/.exec(app.output())?.[1];
  assert.ok(id, 'the exit message names the session');
  const resumed = start(['resume', id], ws).app;
  await resumed.waitForText('› remember the number 7');
  await resumed.waitForText('first session answer');
  await send(resumed, 'and now?');
  await resumed.waitForText('resumed answer');
  const body = JSON.stringify(e2e.mock.requests.at(-1)!.body);
  assert.match(body, /remember the number 7/);
  assert.match(body, /first session answer/);
  assert.equal(await quit(resumed), 0);
});

test('SIGTERM restores the terminal', async () => {
  const { app } = start();
  await app.waitForText('Ask Codex');
  app.signal('SIGTERM');
  assert.equal(await app.exited(), 143);
  const out = app.output();
  assert.ok(out.lastIndexOf('\x1b[?1049l') > out.lastIndexOf('\x1b[?1049h'), 'left the alternate screen');
  assert.ok(out.lastIndexOf('\x1b[?25h') > out.lastIndexOf('\x1b[?25l'), 'cursor shown again');
});

test('config warnings (an unknown key) are shown in the transcript under the header', async () => {
  const { app } = start([], undefined, { config: 'modle = "typo"\n' });
  await app.waitForText('OpenAI Codex');
  await app.waitForText(/⚠ .*unknown key `modle` \(ignored\)/);
  assert.equal(await quit(app), 0);
});

test('codex resume without an id: a picker of saved sessions, used last first; Enter resumes the selected one', async () => {
  e2e.mock.push(
    { output: [{ type: 'text', text: 'answer about apples' }] },
    { output: [{ type: 'text', text: 'answer about pears' }] },
    { output: [{ type: 'text', text: 'back to apples' }] },
  );
  const { ws, app: first } = start(['tell me about apples']);
  await first.waitForText('answer about apples');
  assert.equal(await quit(first), 0);
  const second = start(['tell me about pears'], ws).app;
  await second.waitForText('answer about pears');
  assert.equal(await quit(second), 0);

  const picker = start(['resume'], ws).app;
  await picker.waitForText('Resume a previous session');
  const screen = await picker.waitForText(/› \d+s ago +~\/repo +tell me about pears *\n +\d+s ago +~\/repo +tell me about apples/);
  assert.doesNotMatch(screen, /Ask Codex/);
  picker.key('down');
  picker.key('enter');
  await picker.waitForText('› tell me about apples');
  await picker.waitForText('answer about apples');
  assert.doesNotMatch(picker.screen(), /pears/);
  await send(picker, 'and again?');
  await picker.waitForText('back to apples');
  const body = JSON.stringify(e2e.mock.requests.at(-1)!.body);
  assert.match(body, /tell me about apples/);
  assert.doesNotMatch(body, /pears/);
  assert.equal(await quit(picker), 0);
});

test('codex resume picker: Esc starts a new session, Ctrl+C quits without one', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'an old answer' }] });
  const { ws, app: first } = start(['an old question']);
  await first.waitForText('an old answer');
  assert.equal(await quit(first), 0);

  const fresh = start(['resume'], ws).app;
  await fresh.waitForText(/› .*an old question/);
  fresh.key('esc');
  await fresh.waitForText('OpenAI Codex');
  await fresh.waitForText('Ask Codex to do anything');
  assert.doesNotMatch(fresh.screen(), /an old question/);
  assert.equal(await quit(fresh), 0);
  // Nothing was said in the fresh session: no resume hint, and the picker does not list it.
  assert.doesNotMatch(fresh.output(), /To continue this session/);

  const gone = start(['resume'], ws).app;
  const list = await gone.waitForText('Resume a previous session');
  assert.doesNotMatch(list, /\(no message\)/);
  gone.key('ctrl+c');
  assert.equal(await gone.exited(), 0);
  const out = gone.output();
  assert.ok(out.lastIndexOf('\x1b[?1049l') > out.lastIndexOf('\x1b[?1049h'), 'left the alternate screen');
  assert.doesNotMatch(out, /To continue this session/);
});

test('/new starts a fresh session in place; the exit line names the new session', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'old session answer' }] }, { output: [{ type: 'text', text: 'new session answer' }] });
  const { ws, app } = start(['first question']);
  await app.waitForText('old session answer');
  await send(app, '/new');
  await app.waitForNoText('old session answer');
  await app.waitForText('OpenAI Codex');
  await send(app, 'second question');
  await app.waitForText('new session answer');
  assert.doesNotMatch(JSON.stringify(e2e.mock.requests.at(-1)!.body), /first question/);
  assert.equal(await quit(app), 0);
  const id = /codex resume ([0-9a-f-]{36})/.exec(app.output())?.[1];
  assert.ok(id, 'the exit message names a session');
  const rollout = readdirSync(join(ws.home, 'sessions'), { recursive: true, encoding: 'utf8' }).find((f) => f.includes(id));
  assert.ok(rollout, `a rollout for ${id}`);
  assert.match(readFileSync(join(ws.home, 'sessions', rollout), 'utf8'), /second question/);
});

test('a missing API key is said at start, under the header, not after the first prompt', async () => {
  const ws = createWorkspace(e2e.mock.url, { trust: 'trusted' });
  try {
    delete (ws.env as Record<string, string>)[MOCK_KEY_ENV];
    const { app } = start([], ws);
    await app.waitForText(`Missing environment variable: \`${MOCK_KEY_ENV}\``);
    assert.equal(await quit(app), 0);
  } finally {
    ws.cleanup();
  }
});

test('[tui.keymap] submit = "ctrl+j": Enter inserts a newline (not dead), Ctrl+J sends', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'two lines received' }] });
  const { app } = start([], undefined, { config: '[tui.keymap]\nsubmit = "ctrl+j"\n' });
  await app.waitForText('Ask Codex');
  app.type('a');
  await app.waitForText('› a');
  app.key('enter');
  app.type('b');
  await app.waitForText(/^› a\n {2}b/m);
  app.key('ctrl+j');
  await app.waitForText('two lines received');
  assert.equal(lastUserText(), 'a\nb');
  assert.equal(await quit(app), 0);
});

test('TERM=dumb: warns and asks before drawing; no (or Enter) exits 1 without touching the screen, y starts the UI', async () => {
  const dumb = { env: { TERM: 'dumb' } };
  const { app: no } = start([], undefined, undefined, dumb);
  await no.waitForText('WARNING: TERM is set to "dumb". Codex interactive mode may not work.');
  await no.waitForText('Continue anyway? [y/N]:');
  no.write('\r');
  assert.equal(await no.exited(), 1);
  assert.ok(!no.output().includes('\x1b[?1049h'), 'never entered the alternate screen');
  const { app: yes } = start([], undefined, undefined, dumb);
  await yes.waitForText('Continue anyway? [y/N]:');
  yes.write('y\r');
  await yes.waitForText('Ask Codex to do anything');
  assert.equal(await quit(yes), 0);
});
