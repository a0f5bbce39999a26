// Where codex exec takes its prompt from, and when it refuses to start.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { messageTexts, scenario } from './support.js';

const ok = { output: [{ type: 'text' as const, text: 'ok' }] };

test('the prompt is read from stdin when absent or "-", and piped stdin is appended to an argument', () =>
  scenario([ok, ok, ok], async (mock, ws) => {
    const a = await runCodex(ws, ['exec'], { stdin: 'from stdin\n' });
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stderr, /^Reading prompt from stdin\.\.\.$/m);
    const b = await runCodex(ws, ['exec', '-'], { stdin: 'dash prompt' });
    assert.equal(b.code, 0, b.stderr);
    assert.doesNotMatch(b.stderr, /Reading prompt from stdin/);
    const c = await runCodex(ws, ['exec', 'summarize this'], { stdin: 'file contents' });
    assert.equal(c.code, 0, c.stderr);
    assert.equal(messageTexts(mock.requests[0]!.body.input).at(-1), 'user: from stdin\n');
    assert.equal(messageTexts(mock.requests[1]!.body.input).at(-1), 'user: dash prompt');
    assert.equal(messageTexts(mock.requests[2]!.body.input).at(-1), 'user: summarize this\n\n<stdin>\nfile contents\n</stdin>');
  }));

test('empty stdin and no prompt: the original message and exit 1', () =>
  scenario([], async (mock, ws) => {
    const r = await runCodex(ws, ['exec'], { stdin: '  \n' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^No prompt provided via stdin\.$/m);
  }));

test('outside a git repository exec refuses unless --skip-git-repo-check', () =>
  scenario([ok], { git: false }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Not inside a trusted directory and --skip-git-repo-check was not specified.\n');
    assert.equal(mock.requests.length, 0);
    const s = await runCodex(ws, ['exec', '--skip-git-repo-check', 'hi']);
    assert.equal(s.code, 0, s.stderr);
    assert.equal(s.stdout, 'ok\n');
  }));

test('an invalid config is reported with its location, exit 1', () =>
  scenario([], { config: 'approval_policy = "sometimes"' }, async (mock, ws) => {
    const r = await runCodex(ws, ['exec', 'hi']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /config\.toml:3:\d+: .*approval_policy/);
  }));

test('--output-schema errors name the file', () =>
  scenario([], async (mock, ws) => {
    const missing = join(ws.repo, 'missing.json');
    const a = await runCodex(ws, ['exec', '--output-schema', missing, 'hi']);
    assert.equal(a.code, 1);
    assert.match(a.stderr, new RegExp(`^Failed to read output schema file ${missing}: `, 'm'));
    const bad = join(ws.repo, 'bad.json');
    writeFileSync(bad, '{ nope');
    const b = await runCodex(ws, ['exec', '--output-schema', bad, 'hi']);
    assert.equal(b.code, 1);
    assert.match(b.stderr, new RegExp(`^Output schema file ${bad} is not valid JSON: `, 'm'));
    assert.equal(mock.requests.length, 0);
  }));
