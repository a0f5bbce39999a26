// End-to-end: images in the TUI (issue 15 item 2), the real CLI (dist/codex.js;
// build first) in a pty against the mock model server. A pasted (or, without
// bracketed paste, typed-as-a-burst) image path attaches the image; the
// request carries it as an input_image; Backspace takes the placeholder whole;
// an oversized image is refused with its size and the limit; `-i` attaches to
// the first prompt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_MAX_BYTES } from '../../app/agent/local-image.js';
import type { LoggedRequest } from '../support/mock-model-server.js';
import { pngBytes } from '../support/images.js';
import { spawnPty } from '../support/pty.js';
import { e2eFixture, quit } from './e2e-support.js';

const e2e = e2eFixture();

/** The content items of the last user message of a request. */
function lastUserContent(req: LoggedRequest): { type: string; text?: string; image_url?: string }[] {
  const items = (req.body.input ?? []) as { role?: string; content?: { type: string; text?: string; image_url?: string }[] }[];
  return items.filter((i) => i.role === 'user').at(-1)?.content ?? [];
}

const dataUrl = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`;

test('a pasted PNG path (spaces escaped) attaches the image: placeholder, input_image in the request, shown as sent', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'a tiny black picture' }] });
  const { ws, app } = e2e.start();
  const png = pngBytes(3, 2);
  const path = join(ws.repo, 'shot one.png');
  writeFileSync(path, png);
  await app.waitForText('Ask Codex');
  app.type('what is ');
  await app.waitForText('› what is');
  app.paste(path.replace(/ /g, '\\ '));
  await app.waitForText('› what is [image shot one.png 3×2]');
  app.type('this?');
  await app.waitForText('[image shot one.png 3×2] this?');
  app.key('enter');
  await app.waitForText('a tiny black picture');
  assert.deepEqual(lastUserContent(e2e.mock.requests.at(-1)!), [
    { type: 'input_text', text: 'what is [image shot one.png 3×2] this?' },
    { type: 'input_image', image_url: dataUrl(png) },
  ]);
  // The transcript's user message names the image it carried.
  assert.match(app.screen(), /› what is \[image shot one\.png 3×2\] this\?/);
  assert.equal(await quit(app), 0);
});

test('Backspace removes the placeholder whole; an oversized image is refused with its size and the limit', async () => {
  const { ws, app } = e2e.start();
  writeFileSync(join(ws.repo, 'pic.png'), pngBytes(1, 1));
  writeFileSync(join(ws.repo, 'big.png'), pngBytes(1, 1, IMAGE_MAX_BYTES + 1024 * 1024));
  await app.waitForText('Ask Codex');
  app.paste("'pic.png'");
  await app.waitForText('› [image pic.png 1×1]');
  app.key('backspace');
  app.key('backspace');
  await app.waitForText('Ask Codex to do anything');
  app.paste(`file://${join(ws.repo, 'big.png')}`);
  await app.waitForText('image big.png is 21 MiB; the limit is 20 MiB: not attached');
  assert.match(app.screen(), /› Ask Codex to do anything/, 'nothing was inserted');
  // Text that is not an image path stays text.
  app.paste('nope.png and more');
  await app.waitForText('› nope.png and more');
  app.key('ctrl+u');
  await app.waitForText('Ask Codex to do anything');
  assert.equal(await quit(app), 0);
});

test('without bracketed paste, a path arriving as a burst of keys attaches too', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'seen' }] });
  const { ws, app } = e2e.start([], undefined, undefined, { replies: false });
  const png = pngBytes(5, 4);
  writeFileSync(join(ws.repo, 'drop.png'), png);
  await app.waitForText('Ask Codex');
  app.write(`"${join(ws.repo, 'drop.png')}"`);
  await app.waitForText('› [image drop.png 5×4]');
  app.key('enter');
  await app.waitForText('seen');
  assert.deepEqual(lastUserContent(e2e.mock.requests.at(-1)!), [
    { type: 'input_text', text: '[image drop.png 5×4]' },
    { type: 'input_image', image_url: dataUrl(png) },
  ]);
  assert.equal(await quit(app), 0);
});

test('codex -i FILE PROMPT sends the image with the first prompt; -i alone attaches it to the draft; a bad one is an error', async () => {
  e2e.mock.push({ output: [{ type: 'text', text: 'first prompt answered' }] });
  const { ws, app } = e2e.start();
  const png = pngBytes(2, 2);
  writeFileSync(join(ws.repo, 'a.png'), png);
  app.dispose();
  const withPrompt = spawnPty(ws, ['-i', 'a.png', 'describe it']);
  try {
    await withPrompt.waitForText('first prompt answered');
    assert.deepEqual(lastUserContent(e2e.mock.requests.at(-1)!), [{ type: 'input_text', text: 'describe it' }, { type: 'input_image', image_url: dataUrl(png) }]);
    assert.equal(await quit(withPrompt), 0);
  } finally {
    withPrompt.dispose();
  }
  const draft = spawnPty(ws, ['-i', 'a.png']);
  try {
    await draft.waitForText('› [image a.png 2×2]');
    // Ctrl+C clears the draft first.
    draft.key('ctrl+c');
    await draft.waitForText('Ask Codex to do anything');
    assert.equal(await quit(draft), 0);
  } finally {
    draft.dispose();
  }
  const bad = spawnPty(ws, ['-i', 'missing.png']);
  try {
    assert.equal(await bad.exited(), 1);
    assert.match(bad.output(), /codex: --image: unable to read image .*missing\.png: ENOENT/);
  } finally {
    bad.dispose();
  }
});
