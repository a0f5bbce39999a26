// The README's slash command table is the popup's list: same commands, same
// order, same one-line descriptions; and the popup shows every one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { filterCommands, parseSlash, SLASH_COMMANDS } from '../../app/tui/slash-commands.js';
import { withApp } from './harness.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the table under `| command | what it does |`. */
function readmeTable(): { name: string; description: string }[] {
  const lines = README.split('\n');
  const start = lines.indexOf('| command | what it does |');
  assert.ok(start >= 0, 'README.md: no "| command | what it does |" table');
  const rows: { name: string; description: string }[] = [];
  for (const line of lines.slice(start + 2)) {
    const m = /^\| `\/([^`]+)` \| (.*) \|$/.exec(line);
    if (!m) break;
    rows.push({ name: m[1]!, description: m[2]! });
  }
  return rows;
}

test("the README's command table lists every slash command with the popup's description, in order", () => {
  assert.deepEqual(readmeTable(), SLASH_COMMANDS.map((c) => ({ name: c.name, description: c.description })));
});

test('every command has a one-line description, and names are unique', () => {
  for (const c of SLASH_COMMANDS) assert.match(c.description, /^[^\n]{10,90}$/, `/${c.name}`);
  assert.equal(new Set(SLASH_COMMANDS.map((c) => c.name)).size, SLASH_COMMANDS.length);
});

test('the popup, opened on `/`, can show every command: scrolling down reaches the last', () => withApp((h) => {
  h.app.handleInput([{ type: 'key', key: '/', text: '/' }]);
  const seen = new Set<string>();
  for (let i = 0; i < SLASH_COMMANDS.length; i++) {
    const top = h.app.top()!;
    const label = (top.widget as unknown as { current(): { label: string } | undefined }).current()?.label;
    if (label) seen.add(label);
    h.app.handleInput([{ type: 'key', key: 'down' }]);
  }
  assert.deepEqual([...seen], SLASH_COMMANDS.map((c) => `/${c.name}`));
}));

test('filtering: prefix matches first, then letters in order; prompts match with or without prompts:', () => {
  const entries = [...SLASH_COMMANDS, { name: 'prompts:fixit', description: 'x' }];
  assert.deepEqual(filterCommands(entries, 'ex').map((c) => c.name), ['export', 'exit']);
  assert.deepEqual(filterCommands(entries, 'fix').map((c) => c.name), ['prompts:fixit']);
  assert.deepEqual(filterCommands(entries, 'stl').map((c) => c.name), ['statusline']);
  assert.deepEqual(parseSlash('/prompts:fixit a  "b c"'), { kind: 'prompt', name: 'fixit', args: 'a  "b c"' });
  assert.equal(parseSlash('/prompts:')?.kind, undefined);
  assert.equal(parseSlash('/export x.md')?.kind, 'builtin');
});
