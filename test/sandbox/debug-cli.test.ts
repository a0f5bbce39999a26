// `codex debug landlock|seatbelt` through the real CLI (dist/codex.js) with the real bwrap.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { collect } from './support.js';
import { missingTool } from '../support/tools.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// CODEX_TEST_CLI points at another build of the CLI (e.g. while dist/ is being rebuilt).
const CLI = process.env['CODEX_TEST_CLI'] ?? join(root, 'dist', 'codex.js');
const base = mkdtempSync(join(tmpdir(), 'codex-debug-'));
const ws = join(base, 'ws');
const home = join(base, 'home');
// Not under /tmp, which --full-auto makes writable.
const outside = mkdtempSync('/var/tmp/codex-debug-outside-');
mkdirSync(ws);
mkdirSync(home);
after(() => {
  rmSync(base, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function codex(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ws,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, CODEX_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, 30_000);
}

test('debug landlock runs read-only: writes fail with the command\'s own exit code and message', { skip: missingTool('bwrap') }, async () => {
  const r = await codex(['debug', 'landlock', '--', '/bin/sh', '-c', 'echo out; touch denied.txt']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, 'out\n');
  assert.match(r.stderr, /touch: cannot touch 'denied.txt': Read-only file system/);
  assert.equal(existsSync(join(ws, 'denied.txt')), false);
});

test('debug landlock --full-auto may write the working root but not outside it', { skip: missingTool('bwrap') }, async () => {
  const r = await codex(['debug', 'landlock', '--full-auto', '/bin/sh', '-c', `echo ok > made.txt && touch ${join(outside, 'outside.txt')}`]);
  assert.equal(r.code, 1);
  assert.equal(readFileSync(join(ws, 'made.txt'), 'utf8'), 'ok\n');
  assert.equal(existsSync(join(outside, 'outside.txt')), false);
});

test('debug landlock --full-auto honours sandbox_workspace_write.writable_roots from -c', { skip: missingTool('bwrap') }, async () => {
  const r = await codex(['debug', 'landlock', '--full-auto', '-c', `sandbox_workspace_write.writable_roots=["${outside}"]`,
    '--', '/bin/sh', '-c', `echo extra > ${join(outside, 'extra.txt')}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(outside, 'extra.txt'), 'utf8'), 'extra\n');
});

test('debug landlock exits with the command\'s status', { skip: missingTool('bwrap') }, async () => {
  const r = await codex(['debug', 'landlock', '--', '/bin/sh', '-c', 'exit 42']);
  assert.equal(r.code, 42);
});

test('debug landlock with a command that does not exist exits 127 like a shell', { skip: missingTool('bwrap') }, async () => {
  const r = await codex(['debug', 'landlock', '--', 'no-such-program-xyz']);
  assert.equal(r.code, 127, r.stderr);
  assert.match(r.stderr, /no-such-program-xyz: command not found/);
});

test('debug seatbelt on Linux says it needs macOS', async () => {
  const r = await codex(['debug', 'seatbelt', '--', '/bin/true']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /codex debug seatbelt: this sandbox needs macOS/);
});

test('debug landlock --help says it runs the bubblewrap sandbox', async () => {
  const r = await codex(['debug', 'landlock', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /bubblewrap/);
});

test('debug landlock passes stdin through to the command and keeps stdout and stderr apart', { skip: missingTool('bwrap') }, async () => {
  const child = spawn(process.execPath, [CLI, 'debug', 'landlock', '--', '/bin/sh', '-c', 'tr a-z A-Z; echo to-stderr >&2'], {
    cwd: ws,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, CODEX_HOME: home },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end('piped input\n');
  const r = await collect(child, 30_000);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'PIPED INPUT\n');
  assert.equal(r.stderr, 'to-stderr\n');
});
