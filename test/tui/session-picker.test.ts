// `codex resume` without an id: the session list (real files in a temp
// CODEX_HOME), the picker widget (snapshot) and its keys through the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionList } from '../../app/tui/session-list.js';
import { pickSession, type SessionChoice } from '../../app/tui/session-picker.js';
import { SessionPicker } from '../../widgets/session-picker/picker.js';
import { expectScreen, renderScreen } from '../support/screen.js';
import { makeApp } from './harness.js';

const user = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

/** Writes a rollout as the agent does: session_meta first, then items. */
function writeRollout(home: string, stamp: string, id: string, cwd: string, messages: string[]): string {
  const [date] = stamp.split('T') as [string];
  const [y, m, d] = date.split('-');
  const dir = join(home, 'sessions', y!, m!, d!);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `rollout-${stamp}-${id}.jsonl`);
  const lines = [
    { timestamp: `${date}T10:00:00.000Z`, type: 'session_meta', payload: { id, timestamp: `${date}T10:00:00.000Z`, cwd, originator: 'codex_cli_rs', cli_version: '0.1.0' } },
    { timestamp: '', type: 'response_item', payload: user('<environment_context>\n  <cwd>/x</cwd>\n</environment_context>') },
    ...messages.map((t) => ({ timestamp: '', type: 'response_item', payload: user(t) })),
  ];
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return path;
}

function tempHome(): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'codex-resume-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

test('session list: newest first, first typed message (not context), unreadable files skipped, loaded on demand', () => {
  const { home, cleanup } = tempHome();
  try {
    writeRollout(home, '2026-11-20T09-00-00', '00000000-0000-7000-8000-000000000001', '/w/a', ['oldest question', 'later']);
    writeRollout(home, '2026-11-24T09-00-00', '00000000-0000-7000-8000-000000000002', '/w/b', []);
    writeRollout(home, '2026-11-25T08-00-00', '00000000-0000-7000-8000-000000000003', '/w/c', ['newest question']);
    writeFileSync(join(home, 'sessions', '2026', '11', '25', 'rollout-2026-11-25T09-00-00-broken.jsonl'), 'not json\n');
    const list = new SessionList(home);
    list.ensure(1);
    assert.equal(list.loaded.length, 1);
    assert.equal(list.complete, false);
    list.ensure(10);
    assert.equal(list.complete, true);
    assert.deepEqual(list.loaded.map((s) => [s.cwd, s.firstMessage]), [['/w/c', 'newest question'], ['/w/b', undefined], ['/w/a', 'oldest question']]);
    assert.equal(list.loaded[0]!.id, '00000000-0000-7000-8000-000000000003');
  } finally {
    cleanup();
  }
});

test('session list: a huge session_meta line spanning read chunks is read whole', () => {
  const { home, cleanup } = tempHome();
  try {
    const path = writeRollout(home, '2026-11-25T08-00-00', '00000000-0000-7000-8000-00000000000a', '/w', ['after a long preamble']);
    const lines = readFileSync(path, 'utf8').split('\n');
    const meta = JSON.parse(lines[0]!) as { payload: Record<string, unknown> };
    meta.payload.instructions = 'x'.repeat(200_000);
    lines[0] = JSON.stringify(meta);
    writeFileSync(path, lines.join('\n'));
    const list = new SessionList(home);
    list.ensure(5);
    assert.equal(list.loaded[0]?.firstMessage, 'after a long preamble');
  } finally {
    cleanup();
  }
});

const ROWS = [
  { when: '2026-11-25 14:02', cwd: '~/code/proj', preview: 'fix the failing test in the parser and explain what went wrong' },
  { when: '2026-11-24 09:15', cwd: '~/code/a-much-longer-directory-name', preview: 'add a README' },
  { when: '2026-11-20 18:40', cwd: '/srv/app', preview: '(no message)' },
];

test('the picker: columns, the selected row, the key hint (snapshot); no sessions', async () => {
  const picker = new SessionPicker();
  picker.rows = ROWS;
  picker.select(1);
  const s = await expectScreen('tui/session-picker', picker, { cols: 80, rows: 10 });
  assert.match(s.text, /› 2026-11-24 09:15/);
  const empty = await renderScreen(new SessionPicker(), { cols: 60, rows: 8 });
  assert.match(empty.text, /no saved sessions/);
  assert.match(empty.text, /esc start new/);
});

test('the picker in the app: ↓ and Enter resume the selected session, Esc starts new, Ctrl+C quits', async () => {
  const { home, cleanup } = tempHome();
  const h = await makeApp();
  try {
    const paths = [1, 2, 3].map((i) => writeRollout(home, `2026-11-2${i}T09-00-00`, `00000000-0000-7000-8000-00000000000${i}`, '/w', [`question ${i}`]));
    const choose = async (keys: string[]): Promise<SessionChoice> => {
      const choice = pickSession(h.app, home);
      assert.equal(h.app.mode, 'resume');
      await renderScreen(h.app, { cols: 80, rows: 12 });
      for (const key of keys) h.app.handleInput([{ type: 'key', key }]);
      assert.equal(h.app.mode, 'composer');
      return choice;
    };
    const choice = pickSession(h.app, home);
    const screen = await renderScreen(h.app, { cols: 80, rows: 12 });
    assert.match(screen.text, /question 3[^]*question 2[^]*question 1/);
    h.app.handleInput([{ type: 'key', key: 'down' }]);
    h.app.handleInput([{ type: 'key', key: 'enter' }]);
    assert.deepEqual(await choice, { type: 'resume', path: paths[1] });
    assert.deepEqual(await choose(['end', 'up', 'up', 'up', 'enter']), { type: 'resume', path: paths[2] });
    assert.deepEqual(await choose(['esc']), { type: 'new' });
    assert.deepEqual(await choose(['ctrl+c']), { type: 'quit' });
  } finally {
    h.cleanup();
    cleanup();
  }
});
