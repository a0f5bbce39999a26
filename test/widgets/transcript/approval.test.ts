import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellGrid } from '../../../widgets/base/grid.js';
import type { ReviewDecision as ProtocolDecision } from '../../../app/protocol/ops.js';
import type { FileChange as ProtocolFileChange } from '../../../app/protocol/events.js';
import { decisionCell, decisionText } from '../../../widgets/approval/history.js';
import { ApprovalModal } from '../../../widgets/approval/modal.js';
import { type ApprovalRequest, ApprovalQueue, ApprovalState, type ReviewDecision } from '../../../widgets/approval/state.js';
import type { FileChange } from '../../../widgets/diff/parse.js';
import { plain } from './helpers.js';

// The widgets' own copies of the protocol types must stay interchangeable with it.
const decisions: ProtocolDecision[] = ['approved', 'approved_for_session', 'denied', 'abort'] satisfies ReviewDecision[];
const change: FileChange = { update: { unified_diff: '' } } satisfies ProtocolFileChange;
void decisions;
void change;

const EXEC: ApprovalRequest = { kind: 'exec', id: 'c1', command: ['touch', 'x'], reason: 'create the file' };
const PATCH: ApprovalRequest = {
  kind: 'patch',
  id: 'p1',
  changes: { '/r/a.txt': { update: { unified_diff: '@@ -1,2 +1,2 @@\n keep\n-old\n+new\n' } } },
  cwd: '/r',
  grantRoot: '/r/out',
};

function draw(w: { render: ApprovalModal['render'] }, width: number, height: number): string[] {
  const g = new CellGrid(width, height);
  w.render(g, { x: 0, y: 0, width, height });
  return Array.from({ length: height }, (_, y) => g.rowText(y).trimEnd());
}

test('state machine: numbers select, arrows wrap, Enter returns the highlighted decision', () => {
  const s = new ApprovalState(EXEC);
  assert.equal(s.decision(), 'approved');
  s.move(1);
  assert.equal(s.decision(), 'approved_for_session');
  s.move(1);
  assert.equal(s.decision(), 'abort');
  s.move(1);
  assert.equal(s.selected, 0, 'down from the last wraps to the first');
  s.move(-1);
  assert.equal(s.selected, 2);
  assert.equal(s.select(2), true);
  assert.equal(s.decision(), 'approved_for_session');
  assert.equal(s.select(4), false);
  assert.equal(s.select(0), false);
  assert.equal(s.selected, 1, 'an invalid number changes nothing');
});

test('shortcuts: y, a, n (any case) and esc decide directly; n and esc end the turn; other letters do nothing', () => {
  const s = new ApprovalState(EXEC);
  assert.equal(s.shortcut('Y'), 'approved');
  assert.equal(s.shortcut('a'), 'approved_for_session');
  assert.equal(s.selected, 1);
  assert.equal(s.shortcut('esc'), 'abort');
  assert.equal(s.shortcut('N'), 'abort');
  assert.equal(new ApprovalState(PATCH).shortcut('n'), 'abort');
  assert.equal(s.shortcut('q'), undefined);
  assert.equal(s.selected, 2);
});

test('keymap modal actions drive the modal; only deciding actions return a decision', () => {
  const m = new ApprovalModal(EXEC);
  assert.equal(m.apply('modal_next'), undefined);
  assert.equal(m.apply('modal_next'), undefined);
  assert.equal(m.apply('modal_prev'), undefined);
  assert.equal(m.apply('modal_confirm'), 'approved_for_session');
  assert.equal(m.apply('modal_approve'), 'approved');
  assert.equal(m.apply('modal_approve_always'), 'approved_for_session');
  assert.equal(m.apply('modal_deny'), 'abort');
  assert.equal(m.apply('modal_abort'), 'abort');
  assert.equal(m.apply('insert_text'), undefined);
});

test('queue: a request arriving while one is open waits; resolving opens the next in order', () => {
  const q = new ApprovalQueue((r) => new ApprovalState(r));
  assert.equal(q.push(EXEC), true);
  assert.equal(q.push(PATCH), false);
  assert.equal(q.push({ ...EXEC, id: 'c2' }), false);
  assert.equal(q.size, 3);
  q.current!.select(2);
  const first = q.resolve(q.current!.decision());
  assert.equal(first.request.id, 'c1');
  assert.equal(first.decision, 'approved_for_session');
  assert.equal(first.next?.request.id, 'p1');
  assert.equal(q.current?.selected, 0, 'the next request starts on the first option');
  assert.equal(q.resolve('denied').next?.request.id, 'c2');
  assert.deepEqual(q.clear().map((r) => r.id), ['c2']);
  assert.equal(q.current, undefined);
  assert.throws(() => q.resolve('approved'), /no approval request is open/);
});

test('exec modal: title, reason, $ command, numbered options with the selection marked, hint', () => {
  const m = new ApprovalModal(EXEC);
  m.move(1);
  const rows = draw(m, 60, m.measure(60));
  assert.deepEqual(rows, [
    '─'.repeat(60),
    '',
    '  Would you like to run the following command?',
    '',
    '  Reason: create the file',
    '',
    '  $ touch x',
    '',
    '  1. Yes, proceed (y)',
    "› 2. Yes, and don't ask again for this command (a)",
    '  3. No, and tell Codex what to do differently (esc)',
    '',
    '  Press enter to confirm or esc to cancel',
  ]);
});

test('patch modal: the diff and the file wording; only the choice that grants the root says it does', () => {
  const m = new ApprovalModal(PATCH);
  const rows = draw(m, 90, m.measure(90));
  assert.equal(rows[2], '  Would you like to make the following edits?');
  assert.ok(rows.includes('  • Edited a.txt (+1 -1)'), rows.join('\n'));
  assert.ok(rows.includes('      2 +new'));
  assert.ok(!rows.some((r) => /remainder of this session/.test(r)), 'no promise in the body: "Yes, proceed" grants nothing more');
  const a = rows.indexOf("  2. Yes, and don't ask again for these files (a)");
  assert.ok(a > 0, rows.join('\n'));
  assert.equal(rows[a + 1], '     Also allows writes under /r/out for the rest of this session');
  assert.equal(rows[a + 2], '  3. No, and tell Codex what to do differently (esc)');
  const bare = draw(new ApprovalModal({ kind: 'patch', id: 'p2', changes: { 'a.txt': { add: { content: 'x\n' } } } }), 90, 30);
  assert.ok(!bare.some((r) => /Also allows writes/.test(r)));
});

test('a tall diff scrolls inside the modal while the title and options stay', () => {
  const content = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
  const m = new ApprovalModal({ kind: 'patch', id: 'p', changes: { 'big.txt': { add: { content } } } });
  const rows = draw(m, 60, 16);
  assert.equal(rows[2], '  Would you like to make the following edits?');
  assert.equal(rows[4], '  • Added big.txt (+40 -0)');
  assert.match(rows[9]!, /^ {2}lines 1-5 of 41 · 36 more below/);
  assert.equal(rows[11], '› 1. Yes, proceed (y)');
  assert.equal(rows[15], '  Press enter to confirm or esc to cancel');
  m.scrollBody(10);
  const after = draw(m, 60, 16);
  assert.equal(after[4], '      10 +line 10');
  assert.match(after[9]!, /lines 11-15 of 41/);
  m.scrollBody(1000);
  const end = draw(m, 60, 16);
  assert.equal(end[8], '      40 +line 40');
  assert.match(end[9]!, /lines 37-41 of 41 · PgUp/);
  m.scrollBody(-1000);
  assert.equal(draw(m, 60, 16)[4], '  • Added big.txt (+40 -0)');
});

test('the transcript records the decision in the original wording', () => {
  assert.equal(decisionText(EXEC, 'approved'), 'You approved codex to run touch x this time');
  assert.equal(decisionText(EXEC, 'approved_for_session'), 'You approved codex to run touch x every time this session');
  assert.equal(decisionText(EXEC, 'denied'), 'You did not approve codex to run touch x');
  assert.equal(decisionText(EXEC, 'abort'), 'You canceled the request to run touch x');
  assert.equal(decisionText(PATCH, 'approved'), 'You approved codex to apply these changes');
  const long = decisionText({ kind: 'exec', id: 'x', command: ['echo', 'y'.repeat(200)] }, 'approved');
  assert.ok(long.includes('…') && long.length < 120);
  assert.deepEqual(plain(decisionCell(EXEC, 'abort').lines(80)), ['✗ You canceled the request to run touch x']);
  assert.deepEqual(plain(decisionCell(EXEC, 'approved').lines(80)), ['✔ You approved codex to run touch x this time']);
});

test('control characters in the command and the reason are shown as symbols, not hidden or sent to the terminal', () => {
  const req: ApprovalRequest = { kind: 'exec', id: 'c9', command: ['bash', '-lc', 'echo \x1b[8mhidden\x1b[0m; rm -rf ~/x'], reason: 'why \x1b[31mred' };
  const text = draw(new ApprovalModal(req), 80, 14).join('\n');
  assert.doesNotMatch(text, /\x1b/);
  assert.match(text, /echo ␛\[8mhidden␛\[0m; rm -rf ~\/x/);
  assert.match(text, /Reason: why ␛\[31mred/);
});
