// Scrolling you can see: scrolled up, the transcript's last row says so,
// counts what arrived below since, and names the key back to the latest;
// typing keeps the draft and the place, sending jumps to the bottom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrollMarkerText } from '../../widgets/layout/scroll-marker.js';
import { expectScreen, renderScreen } from '../support/screen.js';
import { withApp, type Harness } from './harness.js';

const key = (h: Harness, k: string, text?: string): void => h.app.handleInput([{ type: 'key', key: k, ...(text ? { text } : {}) }]);

function conversation(h: Harness, turns: number, from = 0): void {
  for (let i = from; i < from + turns; i++) {
    h.session.emit({ type: 'user_message', message: `question ${i}` });
    h.session.emit({ type: 'agent_message', message: `answer ${i}, on one line` });
  }
}

test('scrollMarkerText: new lines when some arrived, else what is below; the key when there is one', () => {
  assert.equal(scrollMarkerText(12, 30, '⌃End'), '↓ 12 new lines · ⌃End to jump to the latest');
  assert.equal(scrollMarkerText(0, 1, '⌃End'), '↓ 1 more line · ⌃End to jump to the latest');
  assert.equal(scrollMarkerText(1, 5, undefined), '↓ 1 new line');
});

test('PgUp shows the marker; what arrives is counted; ⌃End returns to the latest and the marker goes', async () => {
  await withApp(async (h) => {
    conversation(h, 12);
    const opts = { cols: 80, rows: 24 };
    const bottom = await renderScreen(h.app, opts);
    assert.doesNotMatch(bottom.text, /↓/);
    key(h, 'pageup');
    const up = await expectScreen('tui/scrolled-up', h.app, { ...opts, colors: true });
    assert.match(up.text, /↓ \d+ more lines · ⌃End to jump to the latest/);
    // Two more turns arrive: 2 × (user, answer) cells of one row each, with gaps.
    conversation(h, 2, 12);
    const more = await expectScreen('tui/scrolled-up-new-lines', h.app, opts);
    assert.match(more.text, /↓ 8 new lines · ⌃End to jump to the latest/);
    assert.equal(more.lines.slice(0, 15).join('\n'), up.lines.slice(0, 15).join('\n'), 'the view stays where it was');
    key(h, 'ctrl+end');
    const back = await renderScreen(h.app, opts);
    assert.doesNotMatch(back.text, /↓/);
    assert.match(back.text, /answer 13, on one line/);
  });
});

test('typing while scrolled up keeps the draft and the place; sending jumps to the bottom', async () => {
  await withApp(async (h) => {
    conversation(h, 12);
    const opts = { cols: 80, rows: 24 };
    await renderScreen(h.app, opts);
    key(h, 'pageup');
    const up = await renderScreen(h.app, opts);
    // Typed (not a paste burst): the keys come apart in time.
    for (const ch of 'next') {
      h.clock.now += 200;
      key(h, ch, ch);
    }
    const typed = await renderScreen(h.app, opts);
    assert.match(typed.text, /↓ \d+ more lines/);
    assert.equal(typed.lines[2], up.lines[2], 'typing does not scroll');
    assert.match(typed.text, /› next/);
    key(h, 'enter');
    const sent = await renderScreen(h.app, opts);
    assert.doesNotMatch(sent.text, /↓/);
    assert.equal(h.session.ops.filter((o) => o.type === 'user_input').length, 1);
  });
});

const mouse = (h: Harness, action: 'press' | 'drag' | 'release', x: number, y: number): void => h.app.handleInput([{ type: 'mouse', action, x, y }]);

test('a left-button drag over the transcript highlights the text; the release copies it (the wheel still scrolls)', async () => {
  await withApp(async (h) => {
    conversation(h, 3);
    const opts = { cols: 80, rows: 24 };
    const before = await renderScreen(h.app, opts);
    const y = before.lines.findIndex((l) => l.startsWith('• answer 1'));
    const y2 = before.lines.findIndex((l) => l.startsWith('› question 2'));
    mouse(h, 'press', 2, y);
    mouse(h, 'drag', 10, y2);
    const dragging = await expectScreen('tui/selection', h.app, { ...opts, colors: true });
    assert.deepEqual(h.clipboard, [], 'nothing is copied before the release');
    assert.match(dragging.colors, new RegExp(`r${y} c2-\\d+ fg=#\\w+ bg=#\\w+`), 'the selected cells are highlighted');
    mouse(h, 'release', 11, y2);
    assert.deepEqual(h.clipboard, ['answer 1, on one line\n\n› question 2']);
    assert.match((await renderScreen(h.app, opts)).text, /Copied 35 characters/);
    // A click without a drag copies nothing; the wheel scrolls as before.
    mouse(h, 'press', 5, y);
    mouse(h, 'release', 5, y);
    assert.equal(h.clipboard.length, 1);
    h.app.handleInput([{ type: 'wheel', direction: 'up', x: 5, y }]);
  });
});
