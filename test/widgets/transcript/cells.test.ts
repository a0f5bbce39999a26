import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineWidth } from '../../../widgets/base/text.js';
import { ExecCell } from '../../../widgets/transcript/cells/exec.js';
import { formatDuration } from '../../../app/text/duration.js';
import { SessionHeaderCell, tildePath } from '../../../widgets/transcript/cells/header.js';
import { McpToolCallCell } from '../../../widgets/transcript/cells/mcp.js';
import { AssistantMessageCell, ReasoningCell, UserMessageCell } from '../../../widgets/transcript/cells/message.js';
import { errorCell, infoCell } from '../../../widgets/transcript/cells/notice.js';
import { PatchCell } from '../../../widgets/transcript/cells/patch.js';
import { PlanCell } from '../../../widgets/transcript/cells/plan.js';
import { displayCommand } from '../../../widgets/transcript/command.js';
import { loadMarkdownParser } from '../../../widgets/markdown/parser.js';
import { plain, styleOf } from './helpers.js';

// Markdown's parser loads on first use; these tests render synchronously.
await loadMarkdownParser();

test('user message: › prompt, tinted rows padded to the width, wrapped with an indent', () => {
  const cell = new UserMessageCell('hello there general kenobi\nsecond');
  const rows = cell.lines(20);
  assert.deepEqual(plain(rows), ['› hello there', '  general kenobi', '  second']);
  for (const r of rows) assert.equal(lineWidth(r), 20);
  assert.equal(styleOf(rows, 'hello')?.bg, 'user.bg');
});

test('assistant message streams: deltas re-render, markdown under a bullet, cache per width', () => {
  const cell = new AssistantMessageCell();
  let changes = 0;
  cell.onChange = () => changes++;
  cell.appendDelta('Hello **wor');
  assert.deepEqual(plain(cell.lines(40)), ['• Hello **wor']);
  cell.appendDelta('ld**\n\n- a');
  assert.deepEqual(plain(cell.lines(40)), ['• Hello world', '', '  • a']);
  assert.equal(styleOf(cell.lines(40), 'world')?.bold, true);
  assert.equal(changes, 2);
  assert.equal(cell.lines(40), cell.lines(40), 'rows are cached until something changes');
  cell.setText('Hello **world**\n\n- a');
  assert.equal(changes, 2, 'the same final text changes nothing');
});

test('reasoning is dimmed italic, and takes no rows when hidden', () => {
  const cell = new ReasoningCell('**Thinking** about it');
  const rows = cell.lines(40);
  assert.deepEqual(plain(rows), ['• Thinking about it']);
  assert.equal(styleOf(rows, 'about')?.dim, true);
  assert.equal(styleOf(rows, 'about')?.italic, true);
  cell.setHidden(true);
  assert.equal(cell.measure(40), 0);
  assert.equal(new ReasoningCell('x', { hidden: true }).measure(40), 0);
});

test('exec cell: running with the caller’s spinner frame and live output, then ✓ with duration', () => {
  const cell = new ExecCell(['bash', '-lc', 'npm test']);
  cell.setSpinnerFrame('⠙');
  cell.appendOutput('line 1\nline 2\n');
  assert.deepEqual(plain(cell.lines(40)), ['⠙ Running npm test', '  └ line 1', '    line 2']);
  cell.finish(0, 1500, Array.from({ length: 8 }, (_, i) => `out ${i + 1}`).join('\n'));
  const rows = cell.lines(40);
  assert.deepEqual(plain(rows), ['✓ Ran npm test · 1.5s', '  └ … +3 lines', '    out 4', '    out 5', '    out 6', '    out 7', '    out 8']);
  assert.equal(styleOf(rows, '✓')?.fg, 'success');
  assert.equal(styleOf(rows, 'out 4')?.dim, true);
  cell.setSpinnerFrame('⠹');
  assert.equal(plain(cell.lines(40))[0], '✓ Ran npm test · 1.5s', 'a finished cell ignores the spinner');
});

test('exec cell: failure shows ✗ and the exit code in red; declined and interrupted say so', () => {
  const failed = new ExecCell(['false']);
  failed.finish(2, 30, 'bad\n');
  const rows = failed.lines(60);
  assert.deepEqual(plain(rows), ['✗ Ran false · exit 2 · 30ms', '  └ bad']);
  assert.equal(styleOf(rows, 'exit 2')?.fg, 'error');
  const declined = new ExecCell(['touch', 'x']);
  declined.decline();
  assert.deepEqual(plain(declined.lines(60)), ['✗ Declined touch x']);
  const stopped = new ExecCell(['sleep', '100']);
  stopped.appendOutput('zzz');
  stopped.interrupt();
  assert.deepEqual(plain(stopped.lines(60)), ['✗ Interrupted sleep 100', '  └ zzz']);
});

test('exec cell: huge output keeps a bounded tail and counts the rest', () => {
  const cell = new ExecCell(['yes']);
  for (let i = 1; i <= 20_000; i++) cell.appendOutput(`y${i}\n`);
  const rows = plain(cell.lines(40));
  assert.deepEqual(rows, ['• Running yes', '  └ … +19995 lines', '    y19996', '    y19997', '    y19998', '    y19999', '    y20000']);
  const long = new ExecCell(['cat', 'min.js']);
  long.finish(0, 10, `${'x'.repeat(5000)}\nlast\n`);
  const done = plain(long.lines(80));
  assert.equal(done.length, 1 + Math.ceil(1001 / 76) + 1, 'a 5000-char line shows as its first 1000 chars and an ellipsis');
  assert.equal(done[done.length - 1], '    last');
});

test('exec cell: a long script shows its first lines and how many more', () => {
  const script = ['cat > f.txt <<EOF', ...Array.from({ length: 20 }, (_, i) => `line ${i}`), 'EOF'].join('\n');
  const rows = plain(new ExecCell(['bash', '-lc', script]).lines(40));
  assert.equal(rows.length, 9);
  assert.equal(rows[0], '• Running cat > f.txt <<EOF');
  assert.equal(rows[1], '  line 0');
  assert.equal(rows[8], '  … +14 lines');
});

test('commands are shown shell-quoted; the bash -lc wrapper shows just the script', () => {
  assert.equal(displayCommand(['bash', '-lc', 'ls | wc -l']), 'ls | wc -l');
  assert.equal(displayCommand(['echo', "it's", 'a b', '']), `echo 'it'"'"'s' 'a b' ''`);
  assert.equal(formatDuration(65_000), '1m 5s');
  assert.equal(formatDuration(999), '999ms');
});

test('patch cell: the diff under • Edited, then ✓ or ✗ with the error', () => {
  const changes = { '/repo/src/a.ts': { update: { unified_diff: '@@ -1 +1 @@\n-old\n+new\n' } } };
  const cell = new PatchCell(changes, '/repo');
  assert.deepEqual(plain(cell.lines(40)), ['• Edited src/a.ts (+1 -1)', '    1 -old', '    1 +new']);
  cell.finish(true);
  assert.equal(plain(cell.lines(40))[0], '✓ Edited src/a.ts (+1 -1)');
  const bad = new PatchCell(changes, '/repo');
  bad.finish(false, 'error: context not found\n');
  assert.deepEqual(plain(bad.lines(40)).slice(-1), ['  └ error: context not found']);
  assert.equal(plain(bad.lines(40))[0], '✗ Edited src/a.ts (+1 -1)');
});

test('plan: check boxes, the step in progress highlighted, done steps struck through, wrapping aligned', () => {
  const cell = new PlanCell(
    [
      { step: 'Read the code', status: 'completed' },
      { step: 'Fix the parser so that it handles long lines', status: 'in_progress' },
      { step: 'Write tests', status: 'pending' },
    ],
    'Small fix.',
  );
  const rows = cell.lines(30);
  assert.deepEqual(plain(rows), [
    '• Updated Plan 1/3',
    '  └ Small fix.',
    '    ✔ Read the code',
    '    □ Fix the parser so that',
    '      it handles long lines',
    '    □ Write tests',
  ]);
  assert.equal(styleOf(rows, 'Read the code')?.strikethrough, true);
  assert.equal(styleOf(rows, 'Fix the parser')?.bold, true);
  assert.equal(styleOf(rows, 'Fix the parser')?.fg, 'plan.active');
  assert.equal(styleOf(rows, 'Write tests')?.fg, 'plan.pending');
});

test('MCP call: Calling while running, then Called with duration and result; errors in red', () => {
  const cell = new McpToolCallCell({ server: 'docs', tool: 'search', arguments: { q: 'ratatui' } });
  assert.deepEqual(plain(cell.lines(60)), ['• Calling docs.search({"q":"ratatui"})']);
  cell.finish(1200, { Ok: { content: [{ type: 'text', text: 'Found 3 pages' }, { type: 'image', data: '', mimeType: 'image/png' }] } });
  assert.deepEqual(plain(cell.lines(60)), ['• Called docs.search({"q":"ratatui"}) · 1.2s', '  └ Found 3 pages', '    <image>']);
  const err = new McpToolCallCell({ server: 's', tool: 't' });
  err.finish(5, { Err: 'tool call failed: timeout' });
  const rows = err.lines(60);
  assert.deepEqual(plain(rows), ['✗ Called s.t() · 5ms', '  └ tool call failed: timeout']);
  assert.equal(styleOf(rows, 'timeout')?.fg, 'error');
});

test('exec: a flood whose aggregated output was capped still counts every line it streamed', () => {
  const cell = new ExecCell(['seq', '100000']);
  for (let i = 1; i <= 100_000; i += 1000) cell.appendOutput(Array.from({ length: 1000 }, (_, k) => `${i + k}\n`).join(''));
  // What a capped aggregate looks like: the first and the last lines only.
  cell.finish(0, 1200, '1\n2\n3\n99998\n99999\n100000\n');
  const rows = plain(cell.lines(60));
  assert.equal(rows[1], '  └ … +99995 lines');
  assert.deepEqual(rows.slice(-3), ['    99998', '    99999', '    100000']);
});

test('notices: errors in red with ■, info muted, multi-line text indented', () => {
  const rows = errorCell('stream failed\nretry later').lines(40);
  assert.deepEqual(plain(rows), ['■ stream failed', '  retry later']);
  assert.equal(styleOf(rows, 'stream failed')?.fg, 'error');
  assert.deepEqual(plain(infoCell('compacted').lines(40)), ['• compacted']);
  // An indented line (a tool under its server in /mcp) wraps under its own indent.
  assert.deepEqual(plain(infoCell('/mcp\n    srv__tool — a description that wraps').lines(30)), [
    '• /mcp',
    '      srv__tool — a',
    '      description that wraps',
  ]);
});

test('session header: a box with version, model, directory (~ for home) and the welcome hint', () => {
  const rows = plain(new SessionHeaderCell({ version: '0.1.0', model: 'gpt-5-codex', reasoningEffort: 'high', directory: '/home/me/proj', home: '/home/me', hints: true }).lines(80));
  assert.deepEqual(rows.slice(0, 6), [
    '╭────────────────────────────────────────────────╮',
    '│ >_ OpenAI Codex (v0.1.0)                       │',
    '│                                                │',
    '│ model:     gpt-5-codex high   /model to change │',
    '│ directory: ~/proj                              │',
    '╰────────────────────────────────────────────────╯',
  ]);
  assert.equal(rows[7], '  To get started, describe a task or try one of these commands:');
  assert.equal(tildePath('/home/mex', '/home/me'), '/home/mex');
  // Narrow terminals: the box shrinks and its lines are cut with an ellipsis.
  for (const r of new SessionHeaderCell({ version: '1', model: 'm', directory: '/a/very/long/directory/path' }).lines(24)) assert.ok(lineWidth(r) <= 24);
});
