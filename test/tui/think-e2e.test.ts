// End-to-end (the real CLI in a pty against the mock model server on the Chat
// wire): reasoning a model gives only by a lone closing `</think>` (its
// template opened the block) shows as a reasoning card above the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eFixture, quit, send } from './e2e-support.js';

const e2e = e2eFixture();

// A model known for it (its reasoning is held back until the tag) and one that is not (it streams as answer text first).
for (const model of ['deepseek-r1:8b', 'local-reasoner']) {
  test(`chat wire, ${model}: reasoning then a lone </think>: the reasoning card comes before the answer, which holds only what follows the tag`, async () => {
    e2e.mock.push({ output: [{ type: 'text', text: '', deltas: ['Weighing', ' the files.\n</th', 'ink>\n\nThe answer', ' is 42.'] }] });
    const { app } = e2e.start([], undefined, { wireApi: 'chat', model });
    await app.waitForText('Ask Codex');
    await send(app, 'what is it');
    await app.waitForText('The answer is 42.');
    await app.waitForNoText('Esc to interrupt');
    const rows = app.screen().split('\n');
    const reasoning = rows.findIndex((r) => r.includes('Weighing the files.'));
    const answer = rows.findIndex((r) => r.includes('The answer is 42.'));
    assert.ok(reasoning >= 0 && reasoning < answer, `the reasoning above the answer:\n${app.screen()}`);
    assert.equal(app.screen().split('Weighing').length, 2, `the reasoning shown once:\n${app.screen()}`);
    assert.doesNotMatch(app.screen(), /<\/?think>/);
    assert.equal(await quit(app), 0);
  });
}
