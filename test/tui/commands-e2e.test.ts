// Issue 15's commands through the real CLI (dist/codex.js; build first) in a
// pty against the mock model server: a custom prompt sent expanded, /copy's
// OSC 52 on the raw pty bytes (plain and through tmux), /export's file, /theme
// and /statusline kept across a restart, /model listing the provider's models,
// and `codex apply` refused before any screen is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PtyApp } from '../support/pty.js';
import { command, e2eFixture, quit, send, userTexts } from './e2e-support.js';

const e2e = e2eFixture();

const lastUserText = (): string => userTexts(e2e.mock.requests.at(-1)!).at(-1) ?? '';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

test('/prompts:fixit foo.ts npm-test sends the expanded prompt; /copy emits OSC 52 with the answer; /export writes the file', async () => {
  const answer = 'Fixed **foo.ts**:\n\n- `npm-test` passes ✓';
  e2e.mock.push({ output: [{ type: 'text', text: answer }] });
  const { ws, app } = e2e.start();
  await app.waitForText('Ask Codex to do anything');
  // Added after start: the popup reads the folder when it opens.
  mkdirSync(join(ws.home, 'prompts'));
  writeFileSync(join(ws.home, 'prompts', 'fixit.md'), '---\ndescription: fix a failing test\nargument-hint: FILE TEST\n---\nFix $1 so that `$2` passes.\n');
  app.type('/prompts:fi');
  await app.waitForText(/› \/prompts:fixit\s+fix a failing test FILE TEST/);
  app.type('xit foo.ts npm-test');
  await app.waitForText('› /prompts:fixit foo.ts npm-test');
  app.key('enter');
  await app.waitForText('npm-test passes ✓');
  assert.equal(lastUserText(), 'Fix foo.ts so that `npm-test` passes.\n');
  await app.waitForNoText('Esc to interrupt');

  await command(app, '/copy');
  await app.waitForText('Copied the last answer to the clipboard');
  assert.ok(app.output().includes(`\x1b]52;c;${b64(answer)}\x07`), 'the OSC 52 sequence with the answer went to the terminal');

  await command(app, '/export');
  await app.waitForText(/Exported 2 messages to \S+codex-\d{8}-\d{6}\.md/);
  const [file] = readdirSync(ws.repo).filter((f) => /^codex-\d{8}-\d{6}\.md$/.test(f));
  assert.ok(file, 'the default file is in the working directory');
  const md = readFileSync(join(ws.repo, file), 'utf8');
  assert.match(md, /^# Codex session [0-9a-f-]{36}\n/);
  assert.ok(md.endsWith(`\n## You\n\nFix foo.ts so that \`npm-test\` passes.\n\n## Codex\n\n${answer}\n`), md);
  assert.equal(await quit(app), 0);
});

test('inside tmux /copy goes through the passthrough; a missing named argument sends nothing', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'pong' }] });
  const { ws, app } = e2e.start([], undefined, undefined, { env: { TMUX: '/tmp/tmux-0/default,1,0' } });
  mkdirSync(join(ws.home, 'prompts'));
  writeFileSync(join(ws.home, 'prompts', 'review.md'), 'Review $FILE for $STYLE.');
  await app.waitForText('Ask Codex to do anything');
  await send(app, 'ping');
  await app.waitForText('pong');
  await app.waitForNoText('Esc to interrupt');
  await command(app, '/copy');
  await app.waitForText('Copied the last answer');
  assert.ok(app.output().includes(`\x1bPtmux;\x1b\x1b]52;c;${b64('pong')}\x07\x1b\\`), 'wrapped for tmux');
  const requests = e2e.mock.requests.length;
  await command(app, '/prompts:review FILE=a.ts');
  await app.waitForText('Missing required args for /prompts:review: STYLE.');
  await app.waitForText('› /prompts:review FILE=a.ts');
  assert.equal(e2e.mock.requests.length, requests, 'nothing went to the model');
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
});

test('/theme and /statusline choices are written to config.toml and hold after a restart', async () => {
  const { ws, app } = e2e.start();
  await app.waitForText('Ask Codex to do anything');
  await command(app, '/theme');
  await app.waitForText('› dark (current)');
  app.key('down');
  await app.waitForText('› light');
  app.key('enter');
  await app.waitForText('Theme set to light');
  await command(app, '/statusline');
  await app.waitForText('› [x] current-dir');
  // Untick the provider (third), tick the git branch (sixth).
  app.key('down');
  app.key('down');
  await app.waitForText('› [x] provider');
  app.type(' ');
  await app.waitForText('› [ ] provider');
  for (let i = 0; i < 3; i++) app.key('down');
  await app.waitForText('› [ ] git-branch');
  app.type(' ');
  await app.waitForText('› [x] git-branch');
  app.key('enter');
  await app.waitForText('Status bar shows current-dir, model-with-reasoning, sandbox, approval-mode, git-branch');
  assert.equal(await quit(app), 0);
  const toml = readFileSync(join(ws.home, 'config.toml'), 'utf8');
  assert.match(toml, /\n\[tui\]\ntheme = "light"\nstatus_line = \["current-dir", "model-with-reasoning", "sandbox", "approval-mode", "git-branch"\]\n/);

  const again = e2e.start([], ws).app;
  // The bar: no provider, and the branch of the workspace's repository.
  await again.waitForText(/^ >_ \S+ · gpt-5 · sandbox \S+ · approval \S+ · branch main$/m);
  await command(again, '/theme');
  await again.waitForText('› light (current)');
  again.key('esc');
  await again.waitForNoText('Select a theme');
  assert.equal(await quit(again), 0);
});

test("/model lists the provider's models, marks the current one, filters as you type, and keeps the reasoning effort", async () => {
  e2e.mock.models = ['gpt-4.1', 'gpt-5', 'gpt-5-mini', 'o3'];
  e2e.mock.push({ output: [{ type: 'text', text: 'hello from mini' }] });
  try {
    const { app } = e2e.start([], undefined, { config: 'model_reasoning_effort = "high"' });
    await app.waitForText('Ask Codex to do anything');
    await command(app, '/model');
    await app.waitForText('› gpt-5 (current)');
    assert.match(app.screen(), /gpt-4\.1[\s\S]*gpt-5-mini[\s\S]*o3/);
    app.type('mini');
    await app.waitForText(/Select model: mini/);
    await app.waitForNoText('gpt-4.1');
    app.key('enter');
    await app.waitForText('Select reasoning effort for gpt-5-mini');
    await app.waitForText('› high (current)');
    app.key('enter');
    await app.waitForText('Model changed to gpt-5-mini high');
    await send(app, 'hi');
    await app.waitForText('hello from mini');
    const body = e2e.mock.requests.at(-1)!.body;
    assert.equal(body.model, 'gpt-5-mini');
    assert.equal((body.reasoning as { effort?: string } | undefined)?.effort, 'high');
    assert.equal(await quit(app), 0);
  } finally {
    e2e.mock.models = ['mock-model'];
  }
});

test('codex apply is a usage error naming the native command; the TUI never starts', async () => {
  const { app } = e2e.start(['apply', 'task_123']);
  assert.equal(await app.exited(), 2);
  // The exit can be seen before the terminal has drawn the last bytes: wait for the text itself.
  await app.waitForText(/'apply' is a command of the native Codex CLI that this implementation does not have/);
  assert.ok(!app.output().includes('\x1b[?1049h'), 'the alternate screen was never entered');
});
