import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { CellGrid } from '../../widgets/base/grid.js';
import { loadTheme } from '../../app/tui/theme-files.js';
import { parseTheme, resolveColor, THEME_TOKENS, BUILTIN_THEMES } from '../../widgets/base/theme.js';
import { FrameWriter } from '../../app/tui/renderer/frame-writer.js';
import { detectColorDepth, Palette, to16, to256 } from '../../app/tui/renderer/palette.js';
import { Renderer } from '../../app/tui/renderer/renderer.js';
import { newTerminal, screenLines, writeTerminal } from '../support/screen.js';

const dark = loadTheme('dark');
const strip = (s: string): string => s.replace(/^\x1b\[\?2026h/, '').replace(/\x1b\[\?2026l$/, '');

test('every frame is one synchronized update; an unchanged frame writes nothing', () => {
  const w = new FrameWriter(new Palette(dark, 'truecolor'));
  const g = new CellGrid(10, 3);
  g.writeText(0, 0, 'hello');
  const first = w.render(g);
  assert.ok(first.startsWith('\x1b[?2026h') && first.endsWith('\x1b[?2026l'));
  assert.equal(w.render(g), '');
});

test('only changed cells are written, with a short cursor move', () => {
  const w = new FrameWriter(new Palette(dark, 'truecolor'));
  const g = new CellGrid(40, 5);
  g.writeText(0, 2, 'the quick brown fox');
  w.render(g);
  g.writeText(4, 2, 'QUICK');
  assert.equal(strip(w.render(g)), '\x1b[3;5HQUICK');
  g.writeText(16, 2, 'F');
  // The terminal cursor is still on that row: a relative move.
  assert.equal(strip(w.render(g)), '\x1b[7CF');
  g.writeText(17, 2, 'OX');
  // Already there: no move at all.
  assert.equal(strip(w.render(g)), 'OX');
  g.writeText(21, 2, '!');
  // A gap of two unchanged cells in the same style: re-sending them is shorter than a move.
  assert.equal(strip(w.render(g)), '  !');
});

test('style changes emit SGR once per run and the colour depth shapes it', () => {
  const g = new CellGrid(10, 1);
  g.writeText(0, 0, 'ab', { fg: 'error', bold: true });
  const tc = strip(new FrameWriter(new Palette(dark, 'truecolor')).render(g));
  assert.match(tc, /\x1b\[0;1;38;2;255;95;95mab/);
  assert.match(strip(new FrameWriter(new Palette(dark, '256')).render(g)), /\x1b\[0;1;38;5;203mab/);
  assert.match(strip(new FrameWriter(new Palette(dark, '16')).render(g)), /\x1b\[0;1;9[0-7]mab/);
  assert.match(strip(new FrameWriter(new Palette(dark, 'none')).render(g)), /\x1b\[0;1mab/);
});

test('without colours a selection (the selection background) is drawn in reverse video', async () => {
  const g = new CellGrid(10, 2);
  g.writeText(0, 0, 'picked', { fg: 'selection', bg: 'selection.bg' });
  g.writeText(0, 1, 'plain', { fg: 'text', bg: 'user.bg' });
  const term = newTerminal(10, 2);
  await writeTerminal(term, new FrameWriter(new Palette(dark, 'none')).render(g));
  const line = (y: number) => term.buffer.active.getLine(y)!;
  assert.ok(line(0).getCell(0)!.isInverse(), 'the selected row stands out');
  assert.ok(!line(1).getCell(0)!.isInverse());
  term.dispose();
  assert.doesNotMatch(new Palette(dark, 'truecolor').sgr(0), /;7/);
});

test('a terminal that draws an emoji cluster wider than its two columns: the next cell is rewritten, the row stays aligned', async () => {
  // xterm-headless uses Unicode 6 widths: the ZWJ family is three columns there.
  const g = new CellGrid(10, 1);
  g.writeText(0, 0, 'a👨‍👩‍👧 b');
  const w = new FrameWriter(new Palette(dark, 'truecolor'));
  const term = newTerminal(10, 1);
  await writeTerminal(term, w.render(g));
  const line = term.buffer.active.getLine(0)!;
  assert.equal(line.getCell(3)!.getChars() || ' ', ' ', 'the cell after the cluster is blank as in the frame');
  assert.equal(line.getCell(4)!.getChars(), 'b');
  // Only the cluster changes in the next frame: its neighbour is covered again.
  g.writeText(1, 0, '👩‍👩‍👦');
  await writeTerminal(term, w.render(g));
  assert.equal(line.getCell(3)!.getChars() || ' ', ' ');
  term.dispose();
});

test('colour depth from the environment; NO_COLOR wins', () => {
  assert.equal(detectColorDepth({ COLORTERM: 'truecolor', TERM: 'xterm-256color' }), 'truecolor');
  assert.equal(detectColorDepth({ TERM: 'xterm-256color' }), '256');
  assert.equal(detectColorDepth({ TERM: 'xterm' }), '16');
  assert.equal(detectColorDepth({ TERM: 'xterm-256color', COLORTERM: 'truecolor', NO_COLOR: '1' }), 'none');
  assert.equal(to256('#ff5f5f'), 203);
  assert.equal(to256('#808080'), 244);
  assert.equal(to16('#ff0000'), 9);
});

test('themes: both built-ins define every token; dotted tokens fall back to their parent; errors name file and key', () => {
  for (const name of BUILTIN_THEMES) {
    const t = loadTheme(name);
    for (const token of THEME_TOKENS) assert.ok(token in t.colors, `${name} lacks ${token}`);
  }
  assert.equal(resolveColor(dark, 'diff.add.missing'), dark.colors['diff.add']);
  assert.equal(resolveColor(dark, 'text'), undefined);
  const custom = parseTheme('{"extends":"dark","colors":{"accent":"#010203"}}', 'mine.json', loadTheme);
  assert.equal(custom.colors.accent, '#010203');
  assert.equal(custom.colors.error, dark.colors.error);
  assert.throws(() => parseTheme('{"colors":{"accent":"red"}}', 'bad.json', loadTheme), /bad\.json: key "colors\.accent": expected "#rrggbb" or "default", got "red"/);
  assert.throws(() => parseTheme('{', 'broken.json', loadTheme), /broken\.json: not valid JSON/);
  assert.throws(() => loadTheme('nope'), /tui\.theme: unknown theme "nope"/);
});

test('wide characters replaced by narrow ones and back leave no garbage on a real terminal', async () => {
  const w = new FrameWriter(new Palette(dark, 'truecolor'));
  const term = newTerminal(12, 2);
  const g = new CellGrid(12, 2);
  const frames = [['你好世界ab'], ['x你y好z'], ['abcdefghijkl'], ['界界界界界界'], ['a']];
  for (const [text] of frames) {
    g.clear();
    g.writeText(0, 0, text!);
    await writeTerminal(term, w.render(g));
    assert.equal(screenLines(term)[0]!.trimEnd(), g.rowText(0).trimEnd(), `after "${text}"`);
  }
  term.dispose();
});

test('resize repaints the whole screen without stale cells', async () => {
  const w = new FrameWriter(new Palette(dark, 'truecolor'));
  let term = newTerminal(20, 4);
  const g = new CellGrid(20, 4);
  g.fill({ x: 0, y: 0, width: 20, height: 4 }, '#');
  await writeTerminal(term, w.render(g));
  g.resize(10, 3);
  g.writeText(0, 0, 'small');
  term.resize(10, 3);
  await writeTerminal(term, w.render(g));
  assert.deepEqual(screenLines(term), ['small', '', '']);
  term.dispose();
  term = newTerminal(1, 1);
  term.dispose();
});

test('the renderer coalesces requests into one paint and skips empty frames', async () => {
  let writes = 0;
  let text = 'a';
  const r = new Renderer({ write: () => writes++ }, new Palette(dark, 'truecolor'), 10, 2, (g) => g.writeText(0, 0, text), { inputMs: 0 });
  // With no minimum interval a request paints on setImmediate; one queued after it runs after the paint.
  const painted = () => new Promise((res) => setImmediate(res));
  for (let i = 0; i < 100; i++) r.request();
  await painted();
  assert.equal(r.stats.frames, 1);
  assert.equal(writes, 1);
  r.request();
  await painted();
  assert.equal(r.stats.frames, 2);
  assert.equal(writes, 1, 'nothing changed, nothing written');
  text = 'b';
  r.paint();
  assert.equal(writes, 2);
  r.dispose();
});

test('frames for keys come within inputMs of the last one; frames for output once per backgroundMs, and a key pulls a later one forward', () => {
  mock.timers.enable({ apis: ['setTimeout', 'setImmediate', 'Date'], now: 1000 });
  try {
    const r = new Renderer({ write: () => undefined }, new Palette(dark, 'truecolor'), 10, 2, () => undefined, { inputMs: 8, backgroundMs: 16, now: () => Date.now() });
    r.paint();
    // Output streaming in: one frame 16 ms after the last, however many deltas.
    for (let i = 0; i < 50; i++) r.request('background');
    mock.timers.tick(15);
    assert.equal(r.stats.frames, 1);
    mock.timers.tick(1);
    assert.equal(r.stats.frames, 2);
    // A key 2 ms later: its echo comes 8 ms after the last frame, not 16, and later output joins that frame.
    r.request('background');
    mock.timers.tick(2);
    r.request('input');
    r.request('background');
    mock.timers.tick(5);
    assert.equal(r.stats.frames, 2);
    mock.timers.tick(1);
    assert.equal(r.stats.frames, 3);
    mock.timers.tick(100);
    assert.equal(r.stats.frames, 3, 'nothing more was asked for');
    // A key long after the last frame paints at once.
    r.request('input');
    mock.timers.tick(0);
    assert.equal(r.stats.frames, 4);
    r.dispose();
  } finally {
    mock.timers.reset();
  }
});
