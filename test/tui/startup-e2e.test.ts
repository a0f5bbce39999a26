// End-to-end: keys typed the instant the first frame appears behave as they do
// a second later. The interactions (slash commands, the `@` picker) load after
// the first frame; before createTui held keys until they were wired, `/quit`
// typed at once went to the model as a prompt and `@READ` opened no picker in
// some starts. Twenty starts each, keys written as soon as the screen shows
// the composer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eFixture, quit } from './e2e-support.js';

const e2e = e2eFixture();
const STARTS = 20;
const FIRST_FRAME = 'Ask Codex to do anything';

test(`/quit + Enter typed at the first frame quits, in ${STARTS} of ${STARTS} starts`, async () => {
  for (let i = 0; i < STARTS; i++) {
    const { app } = e2e.start();
    app.writeWhenShown(FIRST_FRAME, '/quit\r');
    assert.equal(await app.exited(20_000), 0, `start ${i + 1}`);
  }
  assert.equal(e2e.mock.requests.length, 0, 'nothing was sent to the model');
});

test(`@READ typed at the first frame opens the file picker, in ${STARTS} of ${STARTS} starts`, async () => {
  for (let i = 0; i < STARTS; i++) {
    const { ws, app } = e2e.start();
    writeFileSync(join(ws.repo, 'README.md'), '# hi\n');
    app.writeWhenShown(FIRST_FRAME, '@READ');
    await app.waitForText(/^› README\.md/m, 20_000);
    assert.equal(await quitFromPicker(app), 0, `start ${i + 1}`);
  }
});

/** Esc closes the picker, Ctrl+U clears the draft, then the usual idle quit. */
async function quitFromPicker(app: ReturnType<typeof e2e.start>['app']): Promise<number> {
  app.key('esc');
  await app.waitForNoText(/^› README\.md/m);
  app.key('ctrl+u');
  await app.waitForText(FIRST_FRAME);
  return quit(app);
}
