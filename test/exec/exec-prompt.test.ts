// Where codex exec takes its prompt from, and when it refuses to start.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { messageTexts, scenario } from './support.js';

const ok = { output: [{ type: 'text' as const, text: 'ok' }] };

test('the prompt is read from stdin when absent or "-", and piped stdin is appended to an argument', () =>
  scenario([ok, ok, ok, ok], async (mock, ws) => {
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
    // `git diff | codex exec "review this"`: stdin's own final newline is not doubled (the original's format).
    const d = await runCodex(ws, ['exec', 'review this'], { stdin: '+added line\n' });
    assert.equal(d.code, 0, d.stderr);
    assert.equal(messageTexts(mock.requests[3]!.body.input).at(-1), 'user: review this\n\n<stdin>\n+added line\n</stdin>');
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

test('--add-dir makes another directory writable under workspace-write', () =>
  scenario([
    { output: [{ type: 'custom_tool_call', name: 'apply_patch', call_id: 'p', input: '*** Begin Patch\n*** Add File: ../extra/made.txt\n+x\n*** End Patch' }] },
    { output: [{ type: 'text', text: 'ok' }] },
  ], async (mock, ws) => {
    const extra = join(ws.repo, '..', 'extra');
    mkdirSync(extra);
    const r = await runCodex(ws, ['exec', '-s', 'workspace-write', '--add-dir', extra, '-c', 'sandbox_workspace_write.exclude_slash_tmp=true', '-c', 'sandbox_workspace_write.exclude_tmpdir_env_var=true', 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(extra, 'made.txt'), 'utf8'), 'x\n');
    assert.match(String(mock.requests[0]!.body.input?.[0] && JSON.stringify(mock.requests[0]!.body.input[0])), /<root>[^<]*extra<\/root>/);
  }));
