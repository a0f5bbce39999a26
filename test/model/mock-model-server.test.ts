// The mock model server as a standalone process, as other developers' CLI tests and benches use it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mockProvider, run, text } from './helpers.js';

const script = fileURLToPath(new URL('../support/mock-model-server.ts', import.meta.url));

test('standalone: prints its URL, serves the script on both wires, logs requests, exits on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-mock-'));
  writeFileSync(join(dir, 'turns.json'), JSON.stringify({ turns: [{ output: [{ type: 'text', text: 'standalone' }] }], repeat: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--script', join(dir, 'turns.json'), '--log', join(dir, 'log.jsonl')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    for (const wireApi of ['responses', 'chat'] as const) {
      const r = await run(mockProvider(url, { wireApi }));
      assert.equal(r.error, undefined);
      assert.equal(text(r.events), 'standalone');
    }
    const log = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { wire: string; body: { model: string } });
    assert.deepEqual(log.map((l) => [l.wire, l.body.model]), [['responses', 'gpt-test'], ['chat', 'gpt-test']]);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
