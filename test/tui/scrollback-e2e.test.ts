// End-to-end: what codex leaves in the terminal when it quits (the real CLI in
// a pty against the mock model server). The conversation is written to the
// normal screen after the alternate screen is left — read back from
// xterm-headless's normal buffer, not the alternate one — reflowed to the
// terminal's width at that moment, then the token usage and the resume hint.
// The window title is codex's while it runs and the shell's again after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PtyApp } from '../support/pty.js';
import { e2eFixture, quit, send } from './e2e-support.js';

const e2e = e2eFixture();

const ANSWER = 'Foxes are quick because their legs are long and light, their hearts are large for their size, and they hunt by pouncing rather than chasing prey for miles across open country.';

/** Rows of the normal buffer from the first one matching `from`, through the one matching `to`. */
function section(app: PtyApp, from: RegExp, to: RegExp): string[] {
  const rows = app.normalText().split('\n');
  const start = rows.findIndex((r) => from.test(r));
  assert.ok(start >= 0, `${from} on the normal screen:\n${app.normalText()}`);
  const end = rows.findIndex((r, i) => i >= start && to.test(r));
  assert.ok(end >= start, `${to} after ${from}:\n${app.normalText()}`);
  return rows.slice(start, end + 1);
}

/** No row of the conversation (before the usage line) was wrapped by the terminal: codex broke the lines itself. */
function noTerminalWraps(app: PtyApp): void {
  const buf = app.term.buffer.normal;
  for (let y = 0; y < buf.length && !buf.getLine(y)?.translateToString().startsWith('Token usage'); y++) assert.equal(buf.getLine(y)?.isWrapped, false, `row ${y} was wrapped by the terminal:\n${app.normalText()}`);
}

test('/quit: the conversation stays on the normal screen, reflowed to the width at exit, then usage and the resume hint', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: ANSWER }], usage: { input_tokens: 120, output_tokens: 30 } });
  const { app } = e2e.start();
  await app.waitForText('Ask Codex');
  await send(app, 'why are foxes quick');
  await app.waitForText('hunt by pouncing');
  await app.waitForNoText('Esc to interrupt');
  // The terminal is narrower now: what is written at exit follows it.
  app.resize(60, 30);
  await app.waitForScreen((s) => s.split('\n').every((r) => r.length <= 60), 'the 60-column layout');
  app.type('/quit');
  await app.waitForText('› /quit');
  app.key('enter');
  assert.equal(await app.exited(), 0);
  await app.waitForNormalText(/To continue this session, run codex resume \S+/);
  noTerminalWraps(app);
  const text = app.normalText();
  assert.match(text, /OpenAI Codex/);
  assert.match(text, /› why are foxes quick/);
  // The answer, broken between words at 60 columns: its rows joined give it back.
  const answer = section(app, /^• Foxes are quick/, / country\.$/);
  assert.ok(answer.length >= 3, answer.join('\n'));
  assert.ok(answer.every((r) => r.length <= 60), answer.join('\n'));
  assert.equal(answer.map((r, i) => (i ? r.trim() : r.slice(2))).join(' '), ANSWER);
  // Neither the composer nor the footer is part of it; the summary comes after the conversation.
  assert.doesNotMatch(text, /Ask Codex to do anything|⌃T transcript|\/quit/);
  assert.ok(text.indexOf('Token usage:') > text.indexOf('  country.'), text);
  assert.ok(text.indexOf('To continue this session') > text.indexOf('Token usage:'), text);
  // Coloured as on screen: the answer's bullet and the user's prompt carry SGR.
  assert.match(app.output().slice(app.output().lastIndexOf('\x1b[?1049l')), /\x1b\[[0-9;]*m› /);
  // The title: pushed and set at start, popped at exit.
  const out = app.output();
  assert.match(out, /\x1b\[22;0t\x1b\]0;codex · [^\x07]+\x07/);
  assert.ok(out.indexOf('\x1b[23;0t') > out.indexOf('\x1b[22;0t'), 'the title is popped at exit');
});

test('SIGTERM leaves the conversation too; Ctrl+D on an empty composer quits with scrollback_on_exit = "last-turn"', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'first reply here' }] }, { output: [{ type: 'text', text: 'second reply here' }] });
  const { ws, app } = e2e.start();
  await app.waitForText('Ask Codex');
  await send(app, 'first question');
  await app.waitForText('first reply here');
  await app.waitForNoText('Esc to interrupt');
  app.signal('SIGTERM');
  assert.equal(await app.exited(), 143);
  await app.waitForNormalText('first reply here');
  assert.match(app.normalText(), /› first question/);

  const next = e2e.start(['-c', 'tui.scrollback_on_exit="last-turn"'], ws).app;
  await next.waitForText('Ask Codex');
  await send(next, 'second question');
  await next.waitForText('second reply here');
  await next.waitForNoText('Esc to interrupt');
  next.type('x');
  await next.waitForText('› x');
  // Ctrl+D with a draft deletes the character under the caret; on the empty composer it quits.
  next.key('ctrl+a');
  next.write('\x04');
  await next.waitForNoText('› x');
  next.write('\x04');
  assert.equal(await next.exited(), 0);
  await next.waitForNormalText('second reply here');
  const text = next.normalText();
  assert.match(text, /› second question/);
  assert.doesNotMatch(text, /OpenAI Codex/, 'last-turn starts at the last message sent');
});

test('scrollback_on_exit = "none": only the resume hint is left', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'a reply to forget' }] });
  const { app } = e2e.start(['-c', 'tui.scrollback_on_exit="none"']);
  await app.waitForText('Ask Codex');
  await send(app, 'say something');
  await app.waitForText('a reply to forget');
  assert.equal(await quit(app), 0);
  await app.waitForNormalText(/To continue this session, run codex resume/);
  assert.doesNotMatch(app.normalText(), /a reply to forget|say something/);
});
