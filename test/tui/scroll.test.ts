// Frames whose rows moved are scrolled by the terminal (scroll.ts): the screen
// must come out exactly as a repaint from scratch would draw it, text and
// colours, whatever moved and whatever changed besides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CellGrid } from '../../widgets/base/grid.js';
import type { Style } from '../../widgets/base/types.js';
import { loadTheme } from '../../app/tui/theme-files.js';
import { FrameWriter } from '../../app/tui/renderer/frame-writer.js';
import { Palette } from '../../app/tui/renderer/palette.js';
import { findScroll } from '../../app/tui/renderer/scroll.js';
import { newTerminal, screenColors, screenLines, writeTerminal } from '../support/screen.js';

const palette = new Palette(loadTheme('dark'), 'truecolor');
const STYLES: (Style | undefined)[] = [undefined, { fg: 'error', bold: true }, { fg: 'text', bg: 'user.bg' }, { underline: true }];

type Row = { text: string; style: number } | null;

function grid(width: number, rows: readonly Row[]): CellGrid {
  const g = new CellGrid(width, rows.length);
  rows.forEach((r, y) => r && g.writeText(0, y, r.text, STYLES[r.style]));
  return g;
}

test('a transcript pushed up by a streamed line under a fixed composer: one scroll of the transcript rows, then the new line', () => {
  const rows = (from: number): Row[] => [...Array.from({ length: 30 }, (_, i) => ({ text: `line ${from + i} of the answer`, style: 0 })), null, { text: '› composer', style: 2 }, { text: 'status', style: 1 }];
  const prev = grid(80, rows(0));
  const next = grid(80, rows(1));
  assert.deepEqual(findScroll(prev, next), { top: 0, bottom: 29, by: 1 });
  const w = new FrameWriter(palette);
  w.render(prev);
  const bytes = w.render(next);
  assert.match(bytes, /\x1b\[1;30r\x1b\[S\x1b\[r/);
  assert.ok(bytes.length < 80, `one row written, not thirty (${bytes.length} bytes)`);
  // Scrolling back the other way: SD.
  assert.deepEqual(findScroll(next, prev), { top: 0, bottom: 29, by: -1 });
});

test('no scroll when too few rows would be spared, or when nothing moved', () => {
  const a = grid(20, [{ text: 'a', style: 0 }, { text: 'b', style: 0 }, { text: 'c', style: 0 }, null, null]);
  const b = grid(20, [{ text: 'b', style: 0 }, { text: 'c', style: 0 }, { text: 'd', style: 0 }, null, null]);
  assert.equal(findScroll(a, b), undefined);
  assert.equal(findScroll(a, a), undefined);
});

const row: fc.Arbitrary<Row> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 8, arbitrary: fc.record({ text: fc.array(fc.constantFrom('a', 'b', 'c', ' ', '你', '👍'), { minLength: 1, maxLength: 14 }).map((cs) => cs.join('')), style: fc.integer({ min: 0, max: STYLES.length - 1 }) }) },
);

test('property: after any move of a band and any other changes, the terminal shows what a repaint from scratch shows', async () => {
  let scrolls = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 4, max: 24 }),
      fc.array(row, { minLength: 4, maxLength: 20 }),
      fc.nat(), fc.nat(), fc.integer({ min: 1, max: 8 }), fc.boolean(),
      fc.array(fc.tuple(fc.nat(), row), { maxLength: 4 }),
      fc.array(row, { maxLength: 8 }),
      async (width, before, a, b, d, up, edits, fill) => {
        const by = up ? d : -d;
        const h = before.length;
        const top = a % Math.ceil(h / 2);
        const bottom = h - 1 - (b % Math.ceil((h - top) / 3));
        const after = before.slice();
        // Move rows top..bottom by `by`, new rows (from `fill`) where they leave a gap.
        for (let y = top; y <= bottom; y++) {
          const src = y + by;
          after[y] = src >= top && src <= bottom ? before[src]! : fill[y % (fill.length || 1)] ?? null;
        }
        for (const [at, r] of edits) after[at % h] = r;
        if (findScroll(grid(width, before), grid(width, after))) scrolls++;
        const w = new FrameWriter(palette);
        const term = newTerminal(width, h);
        const fresh = newTerminal(width, h);
        try {
          await writeTerminal(term, w.render(grid(width, before)));
          await writeTerminal(term, w.render(grid(width, after)));
          await writeTerminal(fresh, new FrameWriter(palette).render(grid(width, after)));
          // A written space and a never-written cell look the same.
          const text = (t: typeof term): string[] => screenLines(t).map((l) => l.trimEnd());
          assert.deepEqual(text(term), text(fresh));
          assert.equal(screenColors(term), screenColors(fresh));
        } finally {
          term.dispose();
          fresh.dispose();
        }
      },
    ),
    { numRuns: 400, seed: 20261207 },
  );
  assert.ok(scrolls > 150, `the runs exercise scrolling (${scrolls} of 400 scrolled)`);
});
