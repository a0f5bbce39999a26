// Random keys, pastes, resizes and agent events against the app (fake
// session), 5,000 steps from each of several fixed seeds (reproducible, and
// each reaches other states). Every step renders a frame through the real
// FrameWriter into xterm-headless; periodically the terminal's screen must
// equal the cell grid (so the incremental diffs never leave garbage) and
// nothing may throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CellGrid, WIDE_TAIL } from '../../widgets/base/grid.js';
import { loadTheme } from '../../app/tui/theme-files.js';
import { FrameWriter } from '../../app/tui/renderer/frame-writer.js';
import { Palette } from '../../app/tui/renderer/palette.js';
import type { InputEvent } from '../../keymaps/input-event.js';
import type { EventMsg } from '../../app/protocol/events.js';
import { newTerminal, writeTerminal, type Terminal } from '../support/screen.js';
import { configured, makeApp } from './harness.js';

type Step =
  | { kind: 'input'; event: InputEvent }
  | { kind: 'resize'; cols: number; rows: number }
  | { kind: 'agent'; msg: EventMsg }
  | { kind: 'time'; ms: number };

const NAMED = ['enter', 'shift+enter', 'ctrl+j', 'up', 'down', 'left', 'right', 'home', 'end', 'ctrl+a', 'ctrl+e', 'ctrl+w', 'ctrl+u', 'ctrl+k',
  'ctrl+y', 'backspace', 'delete', 'esc', 'ctrl+c', 'ctrl+t', 'pageup', 'pagedown', 'tab', 'alt+b', 'alt+f', 'alt+d', 'ctrl+left', 'ctrl+home', 'q', 'y', 'a', '1'];
const text = fc.stringMatching(/^[a-z /@你好👍\n]{0,12}$/);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...NAMED).map((key): Step => ({ kind: 'input', event: { type: 'key', key } })) },
  { weight: 10, arbitrary: fc.constantFrom('x', '/', '@', ' ', '你', '👍', 'é').map((ch): Step => ({ kind: 'input', event: { type: 'key', key: ch === ' ' ? 'space' : ch, text: ch } })) },
  { weight: 2, arbitrary: fc.oneof(text, fc.constant('z'.repeat(1200))).map((t): Step => ({ kind: 'input', event: { type: 'paste', text: t } })) },
  { weight: 1, arbitrary: fc.constantFrom('up', 'down').map((d): Step => ({ kind: 'input', event: { type: 'wheel', direction: d as 'up' | 'down', x: 0, y: 0 } })) },
  { weight: 1, arbitrary: fc.record({ cols: fc.integer({ min: 1, max: 200 }), rows: fc.integer({ min: 1, max: 60 }) }).map((r): Step => ({ kind: 'resize', ...r })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3000 }).map((ms): Step => ({ kind: 'time', ms })) },
  {
    weight: 4,
    arbitrary: fc.oneof(
      fc.constant<EventMsg>({ type: 'task_started' }),
      text.map((delta): EventMsg => ({ type: 'agent_message_delta', delta })),
      text.map((message): EventMsg => ({ type: 'user_message', message })),
      fc.constant<EventMsg>({ type: 'task_complete', last_agent_message: null }),
      fc.constant<EventMsg>({ type: 'turn_aborted', reason: 'interrupted' }),
      fc.constant<EventMsg>({ type: 'exec_command_begin', call_id: 'c', command: ['ls', '-la'], cwd: '/' }),
      fc.constant<EventMsg>({ type: 'exec_command_end', call_id: 'c', stdout: 'a\nb', stderr: '', aggregated_output: 'a\nb', exit_code: 1, duration_ms: 5, formatted_output: '' }),
      fc.constant<EventMsg>({ type: 'exec_approval_request', call_id: 'r', command: ['touch', 'x'], cwd: '/' }),
      fc.constant<EventMsg>({ type: 'plan_update', plan: [{ step: 'one', status: 'in_progress' }] }),
      text.map((message): EventMsg => ({ type: 'error', message })),
    ).map((msg): Step => ({ kind: 'agent', msg })),
  },
);

// Cell by cell, skipping the right halves of wide graphemes (the terminal
// keeps a wide character in its first cell and leaves the second empty).
function gridCells(grid: CellGrid): string[] {
  const rows: string[] = [];
  for (let y = 0; y < grid.height; y++) {
    let row = '';
    for (let x = 0; x < grid.width; x++) if (grid.char(x, y) !== WIDE_TAIL) row += `${grid.char(x, y)}|`;
    rows.push(row);
  }
  return rows;
}

function terminalCells(term: Terminal, grid: CellGrid): string[] {
  const buf = term.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < grid.height; y++) {
    const line = buf.getLine(buf.viewportY + y);
    let row = '';
    for (let x = 0; x < grid.width; x++) if (grid.char(x, y) !== WIDE_TAIL) row += `${line?.getCell(x)?.getChars() || ' '}|`;
    rows.push(row);
  }
  return rows;
}

const SEEDS = [20261125, 1, 424242, 987654321];

for (const seed of SEEDS) test(`5,000 random keys, pastes, resizes and events (seed ${seed}): no throw, the terminal always matches the frame`, async () => {
  const steps = fc.sample(fc.array(step, { minLength: 5_000, maxLength: 5_000 }), { numRuns: 1, seed })[0]!;
  const h = await makeApp();
  try {
    h.session.emit(configured());
    let cols = 80;
    let rows = 24;
    const grid = new CellGrid(cols, rows);
    const writer = new FrameWriter(new Palette(loadTheme('dark'), 'truecolor'));
    const term = newTerminal(cols, rows);
    let pending = '';
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      if (s.kind === 'input') h.app.handleInput([s.event]);
      else if (s.kind === 'agent') h.app.onEvent({ id: '1', msg: s.msg });
      else if (s.kind === 'time') {
        h.clock.now += s.ms;
        h.app.tick();
      } else {
        await writeTerminal(term, pending);
        pending = '';
        cols = s.cols;
        rows = s.rows;
        grid.resize(cols, rows);
        term.resize(cols, rows);
      }
      grid.clear();
      h.app.render(grid);
      pending += writer.render(grid);
      if (i % 250 === 249 || i === steps.length - 1) {
        await writeTerminal(term, pending);
        pending = '';
        assert.deepEqual(terminalCells(term, grid), gridCells(grid), `screen differs from the frame after step ${i}`);
        if (grid.cursor) assert.deepEqual({ x: term.buffer.active.cursorX, y: term.buffer.active.cursorY }, grid.cursor, `cursor after step ${i}`);
      }
    }
    term.dispose();
  } finally {
    h.cleanup();
  }
});
