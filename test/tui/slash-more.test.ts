// The slash commands of issue 15 over the controller and a fake session:
// custom prompts in the popup and on submit, /copy, /export, /clear, /theme,
// /statusline, /logout and the aliases. The pty tests (commands-e2e) run the
// same through the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultExportName } from '../../app/tui/conversation-commands.js';
import { osc52 } from '../../app/tui/clipboard.js';
import { pngBytes } from '../support/images.js';
import { renderScreen } from '../support/screen.js';
import { waitFor } from '../support/wait.js';
import { key, run, type, withApp, type Harness } from './harness.js';

const screen = async (h: Harness): Promise<string> => (await renderScreen(h.app, { cols: 100, rows: 30 })).text;
const lastCell = (h: Harness): string => h.app.transcript.last()!.lines(400).map((l) => l.map((s) => s.text).join('')).join('\n');

function writePrompt(h: Harness, name: string, text: string): void {
  const dir = join(h.app.config.codexHome, 'prompts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), text);
}

test('custom prompts appear in the popup as /prompts:NAME with their description, and refresh when the popup opens', () => withApp(async (h) => {
  writePrompt(h, 'fixit', '---\ndescription: fix a failing test\nargument-hint: FILE TEST\n---\nFix $1 until `$2` passes.');
  type(h, '/prompts');
  let text = await screen(h);
  assert.match(text, /\/prompts:fixit\s+fix a failing test FILE TEST/);
  key(h, 'esc');
  h.app.composer.setText('');
  writePrompt(h, 'plain', 'No arguments here.');
  type(h, '/pla');
  text = await screen(h);
  assert.match(text, /› \/prompts:plain\s+send saved prompt/, 'added while running; listed, with the default description');
  // Enter on a prompt without placeholders sends it at once.
  key(h, 'enter');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'No arguments here.' }] });
  // Enter on one with positional placeholders leaves `/prompts:fixit ` to type the arguments after.
  type(h, '/prompts:fi');
  key(h, 'enter');
  assert.equal(h.app.composer.text, '/prompts:fixit ');
  type(h, 'foo.ts npm-test');
  key(h, 'enter');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'Fix foo.ts until `npm-test` passes.' }] });
}));

test('a prompt with named placeholders: Enter fills NAME="" pairs; a missing one is an error and nothing is sent', () => withApp((h) => {
  writePrompt(h, 'review', 'Review $FILE against $STYLE.');
  type(h, '/prompts:rev');
  key(h, 'enter');
  assert.equal(h.app.composer.text, '/prompts:review FILE="" STYLE=""');
  assert.equal(h.app.composer.textarea.cursor, '/prompts:review FILE="'.length, 'the caret is inside the first quotes');
  const sent = h.session.ops.length;
  run(h, '/prompts:review FILE="a b.ts"');
  assert.equal(h.session.ops.length, sent, 'no half-prompt went out');
  const error = 'Missing required args for /prompts:review: STYLE. Provide as key=value (quote values with spaces).';
  assert.equal(lastCell(h).trim().replace(/^■ /, ''), error);
  assert.equal(h.app.footer.notice, error);
  assert.equal(h.app.composer.text, '/prompts:review FILE="a b.ts"', 'the line is back to be fixed');
  run(h, '/prompts:review FILE="a b.ts" STYLE=pep8');
  assert.deepEqual(h.session.ops.at(-1), { type: 'user_input', items: [{ type: 'text', text: 'Review a b.ts against pep8.' }] });
  run(h, '/prompts:nope x');
  assert.match(lastCell(h), /\/prompts:nope: no custom prompt named nope \(expected the file .*\/prompts\/nope\.md\)/);
}));

test('a prompt that cannot be expanded gives the whole draft back: its attached image and a large paste survive, and then send', () => withApp((h) => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-prompt-image-'));
  try {
    const png = join(dir, 'shot.png');
    writeFileSync(png, pngBytes(3, 2));
    type(h, '/prompts:describe ');
    h.app.handleInput([{ type: 'paste', text: png }]);
    h.app.handleInput([{ type: 'paste', text: 'p'.repeat(1500) }]);
    const typed = h.app.composer.text;
    assert.match(typed, /^\/prompts:describe \[image shot\.png 3×2\] \[Pasted Content 1500 chars\]$/);
    const sent = h.session.ops.length;
    key(h, 'enter');
    assert.equal(h.session.ops.length, sent, 'nothing went out');
    assert.match(lastCell(h), /no custom prompt named describe/);
    assert.equal(h.app.composer.text, typed, 'the draft is back as typed, placeholders and all');
    // The prompt appears; the same draft now expands and sends its image.
    writePrompt(h, 'describe', 'Describe what you see.');
    key(h, 'enter');
    assert.deepEqual(h.session.ops.at(-1), {
      type: 'user_input',
      items: [{ type: 'text', text: 'Describe what you see.' }, { type: 'local_image', path: png }],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('/copy sends the last answer to the clipboard; /export writes the conversation and never overwrites', () => withApp(async (h) => {
  run(h, '/copy');
  assert.match(lastCell(h), /no answer to copy yet/);
  assert.deepEqual(h.clipboard, []);
  h.session.emit({ type: 'user_message', message: 'what is 2+2?' });
  h.session.emit({ type: 'agent_message', message: 'It is **4**.\n\n```sh\necho 4\n```' });
  h.session.emit({ type: 'user_message', message: 'and 3+3?' });
  h.session.emit({ type: 'agent_message', message: 'It is `6`.' });
  run(h, '/copy');
  assert.deepEqual(h.clipboard, ['It is `6`.']);
  assert.match(lastCell(h), /Copied the last answer to the clipboard \(10 characters/);
  // /clear empties the view; the conversation goes on and /export still has all of it.
  run(h, '/clear');
  assert.equal(h.app.transcript.length, 1);
  assert.match(lastCell(h), /Transcript cleared/);
  const dir = mkdtempSync(join(tmpdir(), 'codex-export-'));
  try {
    const file = join(dir, 'chat notes.md');
    run(h, `/export "${file}"`);
    assert.match(lastCell(h), /Exported 4 messages to .*chat notes\.md/);
    const md = readFileSync(file, 'utf8');
    assert.match(md, /^# Codex session 00000000-0000-4000-8000-000000000001\n\n\d{4}-\d\d-\d\dT.* · \/home\/user\/project\n/);
    assert.ok(md.endsWith('\n## You\n\nwhat is 2+2?\n\n## Codex\n\nIt is **4**.\n\n```sh\necho 4\n```\n\n## You\n\nand 3+3?\n\n## Codex\n\nIt is `6`.\n'), md);
    writeFileSync(file, 'mine');
    run(h, `/export '${file}'`);
    assert.match(lastCell(h), /already exists; it was not overwritten/);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    run(h, '/export a b');
    assert.match(lastCell(h), /\/export: expected \/export \[FILE\] \(quote a name with spaces\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(defaultExportName(new Date(2025, 0, 2, 3, 4, 5)), 'codex-20250102-030405.md');
}));

test('osc52: the clipboard sequence, and tmux passthrough with every ESC doubled', () => {
  assert.equal(osc52('hi ✓', false), `\x1b]52;c;${Buffer.from('hi ✓').toString('base64')}\x07`);
  assert.equal(osc52('hi', true), '\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\');
});

test('/theme previews as the selection moves, Esc goes back, Enter saves [tui] theme', () => withApp(async (h) => {
  const file = join(h.app.config.codexHome, 'config.toml');
  writeFileSync(file, '# mine\nmodel = "o3"\n\n[tui]\nanimations = false\n');
  run(h, '/theme');
  assert.match(await screen(h), /› dark \(current\)\s*\n\s+light/);
  key(h, 'down');
  key(h, 'esc');
  assert.deepEqual(h.themes, ['light', 'dark']);
  run(h, '/theme');
  key(h, 'down');
  key(h, 'enter');
  assert.deepEqual(h.themes, ['light', 'dark', 'light', 'light']);
  assert.equal(readFileSync(file, 'utf8'), '# mine\nmodel = "o3"\n\n[tui]\nanimations = false\ntheme = "light"\n');
  assert.equal(h.app.config.tui.theme, 'light');
  assert.match(lastCell(h), /Theme set to light \(saved in .*config\.toml\)/);
}));

test('/theme with a configured theme that cannot be loaded starts on the default one it fell back to', () => withApp(async (h) => {
  run(h, '/theme');
  assert.match(await screen(h), /› dark \(current\)\s*\n\s+light\s*\n/);
  assert.doesNotMatch(await screen(h), /missing\.json/);
  key(h, 'esc');
  assert.deepEqual(h.themes, ['dark'], 'Esc goes back to what is on screen');
}, ['tui.theme="missing.json"']));

test('/statusline: Space ticks items, the bar follows at once, Esc goes back, Enter saves [tui] status_line', () => withApp(async (h) => {
  h.session.emit({ type: 'token_count', info: {
    total_token_usage: { input_tokens: 1200, cached_input_tokens: 0, output_tokens: 34, reasoning_output_tokens: 0, total_tokens: 1234 },
    last_token_usage: { input_tokens: 23_966, cached_input_tokens: 0, output_tokens: 34, reasoning_output_tokens: 0, total_tokens: 24_000 },
    model_context_window: 112_000,
  } });
  const bar = async () => (await screen(h)).split('\n')[0]!;
  assert.match(await bar(), /^ >_ ~\/project · gpt-5 · OpenAI · sandbox \S+ · approval \S+$/);
  run(h, '/statusline');
  assert.match(await screen(h), /› \[x\] current-dir\s+the working directory/);
  // Untick the directory, provider, sandbox and approval; tick the tokens and the context left.
  key(h, 'space', ' ');
  for (const n of [2, 1, 1]) {
    for (let i = 0; i < n; i++) key(h, 'down');
    key(h, 'space', ' ');
  }
  key(h, 'down');
  key(h, 'down');
  key(h, 'space', ' ');
  key(h, 'down');
  key(h, 'space', ' ');
  assert.match(await bar(), /^ >_ gpt-5 · 88% context left · 1,234 tokens used$/);
  key(h, 'esc');
  assert.match(await bar(), /^ >_ ~\/project · gpt-5/);
  run(h, '/statusline');
  key(h, 'down');
  key(h, 'space', ' ');
  key(h, 'enter');
  assert.deepEqual(h.app.statusBar.items, ['current-dir', 'provider', 'sandbox', 'approval-mode']);
  const toml = readFileSync(join(h.app.config.codexHome, 'config.toml'), 'utf8');
  assert.match(toml, /\[tui\]\nstatus_line = \["current-dir", "provider", "sandbox", "approval-mode"\]\n/);
}));

test('/logout removes auth.json and quits; without one it says so and stays', () => withApp(async (h) => {
  run(h, '/logout');
  await waitFor(() => /Not logged in/.test(lastCell(h)), () => lastCell(h));
  assert.match(lastCell(h), /Not logged in: there is no .*auth\.json to remove/);
  assert.equal(h.exited(), false);
  const auth = join(h.app.config.codexHome, 'auth.json');
  writeFileSync(auth, '{"OPENAI_API_KEY":"sk-test"}');
  run(h, '/logout');
  await waitFor(() => h.exited(), () => 'codex did not quit after /logout');
  assert.equal(existsSync(auth), false);
}));

test('/exit quits like /quit; /permissions opens the /approvals choices', () => withApp(async (h) => {
  run(h, '/permissions');
  assert.match(await screen(h), /Select approval mode/);
  key(h, 'esc');
  run(h, '/exit');
  assert.equal(h.exited(), true);
}));
