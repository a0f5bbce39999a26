// Screens of the transcript widgets through the real renderer into
// @xterm/headless, compared with snapshots/transcript/*.txt
// (UPDATE_SNAPSHOTS=1 rewrites them).
import { test } from 'node:test';
import { ApprovalModal } from '../../../widgets/approval/modal.js';
import { decisionCell } from '../../../widgets/approval/history.js';
import { BacktrackPreview } from '../../../widgets/transcript/backtrack.js';
import type { HistoryCell } from '../../../widgets/transcript/cell.js';
import { ExecCell } from '../../../widgets/transcript/cells/exec.js';
import { SessionHeaderCell } from '../../../widgets/transcript/cells/header.js';
import { McpToolCallCell } from '../../../widgets/transcript/cells/mcp.js';
import { AssistantMessageCell, ReasoningCell, UserMessageCell } from '../../../widgets/transcript/cells/message.js';
import { errorCell, infoCell } from '../../../widgets/transcript/cells/notice.js';
import { PatchCell } from '../../../widgets/transcript/cells/patch.js';
import { PlanCell } from '../../../widgets/transcript/cells/plan.js';
import { Transcript } from '../../../widgets/transcript/transcript.js';
import { expectScreen } from '../../support/screen.js';

function transcriptOf(...cells: HistoryCell[]): Transcript {
  const t = new Transcript();
  for (const c of cells) t.add(c);
  return t;
}

/** The bottom of the transcript, as the viewport shows it while streaming. */
function bottom(t: Transcript) {
  return (surface: Parameters<Transcript['renderWindow']>[0], area: Parameters<Transcript['renderWindow']>[1]) =>
    t.renderWindow(surface, area, Math.max(0, t.totalHeight(area.width) - area.height));
}

const ANSWER = [
  'Here is the fix for `parse_args` in src/cli.rs:42:',
  '',
  '```rust',
  'fn parse_args(args: &[String]) -> Result<Config> {',
  '    let mut cfg = Config::default();',
  '    Ok(cfg)',
  '}',
  '```',
  '',
  '1. **Run** the tests',
  '2. Check the *output*',
  '',
].join('\n');

test('session header with the welcome hint', async () => {
  const header = new SessionHeaderCell({ version: '0.1.0', model: 'gpt-5-codex', reasoningEffort: 'medium', directory: '/home/dev/proj', home: '/home/dev', hints: true });
  await expectScreen('transcript/session-header', header, { cols: 70, rows: 14, colors: true });
});

test('a streamed answer with code, mid-stream and finished', async () => {
  const answer = new AssistantMessageCell();
  const t = transcriptOf(new UserMessageCell('fix the argument parser'), new ReasoningCell('**Reading** the parser before changing it.'), answer);
  const cut = ANSWER.indexOf('    Ok(cfg)');
  for (let i = 0; i < cut; i += 7) answer.appendDelta(ANSWER.slice(i, Math.min(cut, i + 7)));
  await expectScreen('transcript/streaming-partial', bottom(t), { cols: 60, rows: 14 });
  answer.appendDelta(ANSWER.slice(cut));
  answer.setText(ANSWER);
  await expectScreen('transcript/streaming-done', bottom(t), { cols: 60, rows: 22, colors: true });
});

test('exec cells: running, finished, failed, declined', async () => {
  const running = new ExecCell(['bash', '-lc', 'npm test']);
  running.setSpinnerFrame('⠹');
  running.appendOutput('> codex@0.1.0 test\n> node .ci/test.mjs\n');
  await expectScreen('transcript/exec-running', running, { cols: 50, rows: 4, colors: true });
  const done = new ExecCell(['ls', '-la']);
  done.finish(0, 230, Array.from({ length: 9 }, (_, i) => `file${i + 1}.txt`).join('\n'));
  await expectScreen('transcript/exec-finished', done, { cols: 50, rows: 7, colors: true });
  const failed = new ExecCell(['cargo', 'build']);
  failed.finish(101, 12_400, 'error[E0425]: cannot find value `x` in this scope\n');
  await expectScreen('transcript/exec-failed', failed, { cols: 50, rows: 4, colors: true });
  const declined = new ExecCell(['rm', '-rf', 'build']);
  declined.decline();
  await expectScreen('transcript/exec-declined', bottom(transcriptOf(declined, decisionCell({ kind: 'exec', id: 'x', command: ['rm', '-rf', 'build'] }, 'abort'))), { cols: 60, rows: 3 });
});

test('patch cell: applied and failed', async () => {
  const changes = {
    '/repo/src/a.ts': { update: { unified_diff: '@@ -1,3 +1,3 @@\n import x from "x";\n-const a = 1;\n+const a = 2;\n export { a };\n' } },
    '/repo/NOTES.md': { add: { content: '# Notes\nfirst\n' } },
  };
  const ok = new PatchCell(changes, '/repo');
  ok.finish(true);
  await expectScreen('transcript/patch-applied', ok, { cols: 50, rows: 11, colors: true });
  const bad = new PatchCell({ '/repo/b.txt': { update: { unified_diff: '@@ -3 +3 @@\n-x\n+y\n', move_path: '/repo/c.txt' } } }, '/repo');
  bad.finish(false, 'Failed to find expected lines in /repo/b.txt:\nx');
  await expectScreen('transcript/patch-failed', bad, { cols: 50, rows: 5, colors: true });
});

test('plan update', async () => {
  const plan = new PlanCell(
    [
      { step: 'Read the parser', status: 'completed' },
      { step: 'Handle quoted arguments with embedded spaces', status: 'in_progress' },
      { step: 'Add tests', status: 'pending' },
    ],
    'Fixing quoting first.',
  );
  await expectScreen('transcript/plan', plan, { cols: 40, rows: 6, colors: true });
});

test('MCP tool calls, errors and info lines', async () => {
  const running = new McpToolCallCell({ server: 'docs', tool: 'search', arguments: { query: 'ratatui styling', limit: 3 } });
  running.setSpinnerFrame('⠋');
  const ok = new McpToolCallCell({ server: 'docs', tool: 'search', arguments: { query: 'ratatui styling', limit: 3 } });
  ok.finish(420, { Ok: { content: [{ type: 'text', text: 'Found styling guidance in styles.md' }] } });
  const err = new McpToolCallCell({ server: 'fs', tool: 'read_file', arguments: { path: '/nope' } });
  err.finish(12, { Ok: { content: [{ type: 'text', text: 'ENOENT: no such file' }], isError: true } });
  const t = transcriptOf(running, ok, err, errorCell('stream disconnected before completion'), infoCell('Reconnecting... 1/5'));
  await expectScreen('transcript/mcp-and-notices', bottom(t), { cols: 64, rows: 12, colors: true });
});

test('wide characters: CJK and emoji wrap by display width', async () => {
  const cmd = new ExecCell(['echo', '你好']);
  cmd.finish(0, 5, '你好 🎉 世界\n');
  const t = transcriptOf(new UserMessageCell('请解释这个函数 👍 并修复'), new AssistantMessageCell('这是一个**很长**的回答，包含中文字符和表情符号 🎉🎉，需要正确换行。'), cmd);
  await expectScreen('transcript/wide-characters', bottom(t), { cols: 24, rows: 12 });
});

test('light theme: a patch and a failed command', async () => {
  const patch = new PatchCell({ 'a.txt': { update: { unified_diff: '@@ -1,2 +1,2 @@\n keep\n-old\n+new\n' } } });
  const failed = new ExecCell(['false']);
  failed.finish(1, 3);
  await expectScreen('transcript/light-theme', bottom(transcriptOf(patch, failed)), { cols: 40, rows: 6, theme: 'light', colors: true });
});

test('approval modal for a command', async () => {
  const modal = new ApprovalModal({ kind: 'exec', id: 'c1', command: ['bash', '-lc', 'touch x'], reason: 'this is a test reason such as one that would be produced by the model' });
  await expectScreen('transcript/modal-exec', modal, { cols: 80, rows: modal.measure(80), colors: true });
});

test('approval modal for a patch, with the coloured diff, scrolled when tall', async () => {
  const changes = {
    '/w/src/lib.rs': { update: { unified_diff: '@@ -10,4 +10,5 @@\n fn a() {}\n-fn b() {}\n+fn b() -> u8 { 1 }\n+fn c() {}\n fn d() {}\n' } },
    '/w/README.md': { add: { content: 'hello\n' } },
  };
  const modal = new ApprovalModal({ kind: 'patch', id: 'p1', changes, cwd: '/w', reason: 'refactor' });
  await expectScreen('transcript/modal-patch', modal, { cols: 70, rows: modal.measure(70), colors: true });
  await expectScreen('transcript/modal-patch-scrolled', modal, { cols: 70, rows: 16 });
});

test('backtrack preview with the 3rd and then the 1st user message selected', async () => {
  const t = new Transcript();
  ['first question', 'second question', 'third question'].forEach((q, i) => {
    t.add(new UserMessageCell(q));
    t.add(new AssistantMessageCell(`Answer ${i + 1}: done.`));
  });
  const preview = new BacktrackPreview(t);
  await expectScreen('transcript/backtrack-third', preview, { cols: 60, rows: 10, colors: true });
  preview.older();
  preview.older();
  await expectScreen('transcript/backtrack-first', preview, { cols: 60, rows: 10, colors: true });
});

test('markdown blocks: headings, nested and task lists, quote, table, rule, links', async () => {
  const text = [
    '# Summary',
    '',
    'Changed **three** files; see [the docs](https://example.com/docs) and `src/main.rs:10`.',
    '',
    '## Details',
    '',
    '- parser',
    '  - handles *quotes*',
    '  - [x] tests added',
    '- [ ] docs',
    '',
    '> Note: ~~old~~ behaviour is gone.',
    '',
    '| file | +/- |',
    '|------|----:|',
    '| a.rs | +12 |',
    '| b.rs | -3 |',
    '',
    '---',
    'Done.',
  ].join('\n');
  await expectScreen('transcript/markdown-blocks', new AssistantMessageCell(text), { cols: 60, rows: 22, colors: true });
});
