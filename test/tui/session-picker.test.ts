// `codex resume` without an id: the session list (real files in a temp
// CODEX_HOME), the picker widget (snapshot) and its keys through the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionList, sessionTitle } from '../../app/tui/session-list.js';
import { appendSessionName } from '../../app/agent/session-index.js';
import { findNewestRollout } from '../../app/agent/rollout.js';
import { timeAgo } from '../../app/text/duration.js';
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

/** Sets a file's last write to `minutesAgo` before now. */
function touched(path: string, minutesAgo: number): string {
  const t = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(path, t, t);
  return path;
}

test('session list and --last: ordered by last activity, not by start; a /rename name is the title', () => {
  const { home, cleanup } = tempHome();
  try {
    // Started oldest first, but the oldest was resumed and continued a minute ago.
    const old = touched(writeRollout(home, '2026-11-20T09-00-00', '00000000-0000-7000-8000-000000000001', '/w/a', ['old but resumed']), 1);
    const mid = touched(writeRollout(home, '2026-11-24T09-00-00', '00000000-0000-7000-8000-000000000002', '/w/a', ['middle']), 300);
    const recent = touched(writeRollout(home, '2026-11-25T08-00-00', '00000000-0000-7000-8000-000000000003', '/w/b', ['newest start, untouched since']), 60);
    const list = new SessionList(home);
    list.ensure(10);
    assert.deepEqual(list.loaded.map((s) => s.path), [old, recent, mid]);
    assert.equal(findNewestRollout(home), old);
    assert.equal(findNewestRollout(home, '/w/b'), recent);
    appendSessionName(home, '00000000-0000-7000-8000-000000000002', 'first name');
    appendSessionName(home, '00000000-0000-7000-8000-000000000002', 'release checklist');
    writeFileSync(join(home, 'session_index.jsonl'), '{torn\n', { flag: 'a' });
    const named = new SessionList(home);
    named.ensure(10);
    assert.deepEqual(named.loaded.map(sessionTitle), ['old but resumed', 'newest start, untouched since', 'release checklist']);
  } finally {
    cleanup();
  }
});

test('session list filter: every typed word, in the title or the directory, case-insensitive; reads only as far as needed', () => {
  const { home, cleanup } = tempHome();
  try {
    for (let i = 1; i <= 6; i++) {
      touched(writeRollout(home, `2026-11-2${i}T09-00-00`, `00000000-0000-7000-8000-00000000000${i}`, i % 2 ? '/w/odd' : '/w/even', [`Question ${i} about parsers`]), 10 - i);
    }
    const list = new SessionList(home);
    list.setQuery('ODD question');
    list.ensure(1);
    assert.deepEqual(list.loaded.map(sessionTitle), ['Question 5 about parsers']);
    assert.equal(list.complete, false, 'one match needed reading only the two newest');
    list.ensure(10);
    assert.deepEqual(list.loaded.map(sessionTitle), ['Question 5 about parsers', 'Question 3 about parsers', 'Question 1 about parsers']);
    list.setQuery('');
    assert.equal(list.loaded.length, 6);
    list.setQuery('nothing like it');
    assert.deepEqual(list.loaded, []);
  } finally {
    cleanup();
  }
});

test('relative times: seconds, minutes, hours, days', () => {
  assert.equal(timeAgo(-5), '0s ago');
  assert.equal(timeAgo(59_999), '59s ago');
  assert.equal(timeAgo(3 * 60_000 + 5_000), '3m ago');
  assert.equal(timeAgo(5 * 3_600_000), '5h ago');
  assert.equal(timeAgo(12 * 86_400_000 + 1), '12d ago');
});

const ROWS = [
  { when: '3m ago', cwd: '~/code/proj', preview: 'fix the failing test in the parser and explain what went wrong' },
  { when: '5h ago', cwd: '~/code/a-much-longer-directory-name', preview: 'add a README' },
  { when: '12d ago', cwd: '/srv/app', preview: '(no message)' },
];

test('the picker: columns, the selected row, the key hint (snapshot); no sessions', async () => {
  const picker = new SessionPicker();
  picker.rows = ROWS;
  picker.select(1);
  const s = await expectScreen('tui/session-picker', picker, { cols: 80, rows: 10 });
  assert.match(s.text, /› 5h ago/);
  assert.match(s.text, /Updated +Directory +Conversation/);
  assert.match(s.text, /Type to search/);
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
    // Typing filters (Backspace erases); Esc clears the filter before it starts a new session.
    const typed = (text: string) => [...text].map((ch) => ({ type: 'key' as const, key: ch, text: ch }));
    const filtered = pickSession(h.app, home);
    h.app.handleInput(typed('question 22'));
    let screen2 = await renderScreen(h.app, { cols: 80, rows: 12 });
    assert.match(screen2.text, /Search: question 22/);
    assert.match(screen2.text, /no sessions match/);
    h.app.handleInput([{ type: 'key', key: 'backspace' }]);
    screen2 = await renderScreen(h.app, { cols: 80, rows: 12 });
    assert.match(screen2.text, /question 2/);
    assert.doesNotMatch(screen2.text, /question [13]/);
    h.app.handleInput([{ type: 'key', key: 'esc' }]);
    assert.equal(h.app.mode, 'resume', 'the first Esc only clears the filter');
    screen2 = await renderScreen(h.app, { cols: 80, rows: 12 });
    assert.match(screen2.text, /question 3[^]*question 2[^]*question 1/);
    h.app.handleInput(typed('1'));
    h.app.handleInput([{ type: 'key', key: 'enter' }]);
    assert.deepEqual(await filtered, { type: 'resume', path: paths[0] });
    assert.deepEqual(await choose(['ctrl+c']), { type: 'quit' });
  } finally {
    h.cleanup();
    cleanup();
  }
});
