// Everything reachable: a cell that shows part of what it holds in the live
// transcript (a command's tail, a long diff, a tool result's first lines)
// draws all of it for the transcript view (Ctrl+T, Transcript.full).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellGrid } from '../../../widgets/base/grid.js';
import { ExecCell } from '../../../widgets/transcript/cells/exec.js';
import { McpToolCallCell } from '../../../widgets/transcript/cells/mcp.js';
import { LIVE_DIFF_ROWS, PatchCell } from '../../../widgets/transcript/cells/patch.js';
import { OUTPUT_CAP, OutputLines } from '../../../widgets/transcript/output-lines.js';
import { Transcript } from '../../../widgets/transcript/transcript.js';
import { plain } from './helpers.js';

const numbered = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `line ${from + i}`).join('\n') + '\n';

test('exec: the live cell keeps its tail; the full view has every line and the whole command', () => {
  const script = ['cat > f.txt <<EOF', ...Array.from({ length: 12 }, (_, i) => `text ${i}`), 'EOF', 'seq 40'].join('\n');
  const cell = new ExecCell(['bash', '-lc', script]);
  cell.appendOutput(numbered(25));
  cell.appendOutput(numbered(15, 26));
  cell.finish(0, 20);
  const live = plain(cell.lines(60));
  assert.ok(live.includes('  └ … +35 lines'), live.join('\n'));
  assert.ok(!live.includes('    line 10'));
  const full = plain(cell.fullLines(60));
  assert.deepEqual(full.slice(-40), ['  └ line 1', ...Array.from({ length: 39 }, (_, i) => `    line ${i + 2}`)]);
  assert.ok(full.includes('  seq 40 · 20ms') && full.includes('  text 11'), 'the whole script, not its first 8 lines');
});

test('exec: past 1 MiB the oldest lines go, and the full view says how many', () => {
  const cell = new ExecCell(['yes']);
  const line = `${'y'.repeat(99)}\n`;
  // 30,000 lines of 100 characters: about 3 MiB.
  for (let i = 0; i < 30; i++) cell.appendOutput(line.repeat(1000));
  const full = plain(cell.fullLines(120));
  const kept = full.length - 2;
  assert.match(full[1]!, /^ {2}└ … (\d+) lines not kept \(at most 1 MiB of output is\)$/);
  const dropped = Number(/… (\d+) lines/.exec(full[1]!)![1]);
  assert.equal(dropped + kept, 30_000);
  assert.ok(kept * line.length <= OUTPUT_CAP, 'no more than the cap is kept');
  assert.match(plain(cell.lines(120))[1]!, new RegExp(`… \\+${dropped + kept - 5} lines`), 'the live count is every line');
});

test('OutputLines: a cap in characters, one line longer than the cap keeps its end, chunks split anywhere', () => {
  const o = new OutputLines('', 10);
  o.append('abc\nde');
  o.append('f\nghi\n');
  assert.deepEqual(o.all(), ['def', 'ghi']);
  assert.equal(o.dropped, 1);
  o.append('0123456789012345');
  assert.deepEqual(o.all(), ['6789012345']);
  assert.equal(o.dropped, 3);
  assert.deepEqual(new OutputLines('a\n\n\n').all(), ['a'], 'trailing blank lines are not rows');
});

function bigPatch(lines: number): Record<string, { update: { unified_diff: string } }> {
  const body = Array.from({ length: lines }, (_, i) => `+added ${i + 1}`).join('\n');
  return { '/repo/big.txt': { update: { unified_diff: `@@ -1,0 +1,${lines} @@\n${body}\n` } } };
}

test('patch: a long diff collapses in the live transcript, naming the key; the full view has every row', () => {
  const cell = new PatchCell(bigPatch(100), '/repo', { expandKey: '⌃T' });
  cell.finish(true);
  const live = plain(cell.lines(80));
  assert.equal(live.length, 31);
  assert.match(live[30]!, /^ {4}… \+\d+ lines · ⌃T to view the whole diff$/);
  const full = plain(cell.fullLines(80));
  assert.ok(full.length > LIVE_DIFF_ROWS);
  assert.equal(Number(/\+(\d+) lines/.exec(live[30]!)![1]), full.length - 30);
  assert.ok(full.some((r) => r.endsWith('+added 100')), full.slice(-2).join('\n'));
  // A short diff is shown whole in both.
  const small = new PatchCell(bigPatch(5), '/repo', { expandKey: '⌃T' });
  assert.deepEqual(plain(small.lines(80)), plain(small.fullLines(80)));
});

test('mcp: the full view has the whole result', () => {
  const cell = new McpToolCallCell({ server: 's', tool: 't' });
  cell.finish(5, { Ok: { content: [{ type: 'text', text: numbered(12) }] } });
  assert.ok(plain(cell.lines(60)).includes('    … +7 lines'));
  assert.ok(plain(cell.fullLines(60)).includes('    line 12'));
});

test('Transcript.full draws the full rows and follows changes to a cell', () => {
  const t = new Transcript();
  const cell = new ExecCell(['seq', '40']);
  t.add(cell);
  cell.appendOutput(numbered(20));
  const live = t.totalHeight(40);
  assert.equal(t.full.totalHeight(40), 21);
  cell.appendOutput(numbered(20, 21));
  assert.equal(t.totalHeight(40), live, 'the live cell stays a tail');
  assert.equal(t.full.totalHeight(40), 41);
  const g = new CellGrid(40, 3);
  t.full.renderWindow(g, { x: 0, y: 0, width: 40, height: 3 }, 10);
  assert.deepEqual([0, 1, 2].map((y) => g.rowText(y).trimEnd()), ['    line 10', '    line 11', '    line 12']);
});
