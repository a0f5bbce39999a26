import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecOutcome } from '../../app/tools/exec.js';
import { formatShellOutput, MODEL_OUTPUT_MAX_BYTES, truncateForModel } from '../../app/tools/shell-output.js';

const outcome = (o: Partial<ExecOutcome>): ExecOutcome => ({
  exitCode: 0, stdout: '', stderr: '', aggregatedOutput: '', durationMs: 0, timedOut: false, timeoutMs: 10_000, aborted: false,
  aggregatedLines: (o.aggregatedOutput ?? '').split('\n').filter((l, i, a) => l || i < a.length - 1).length, ...o,
});
const numbered = (n: number, width = 0): string =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}`.padEnd(width, '.')).join('\n') + '\n';

test('the JSON shape with exit code and duration rounded to a tenth of a second', () => {
  const text = formatShellOutput(outcome({ aggregatedOutput: 'hello\n', exitCode: 2, durationMs: 1234 }));
  assert.equal(text, '{"output":"hello\\n","metadata":{"exit_code":2,"duration_seconds":1.2}}');
});

test('short output is unchanged', () => {
  const s = numbered(256);
  assert.equal(truncateForModel(s), s);
  assert.equal(truncateForModel(''), '');
});

test('more than 256 lines: first and last 128 lines with the omitted-lines marker', () => {
  const out = truncateForModel(numbered(300));
  const expected = `${numbered(128)}\n[... omitted 44 of 300 lines ...]\n\n${
    Array.from({ length: 128 }, (_, i) => `line ${i + 173}\n`).join('')}`;
  assert.equal(out, expected);
});

test('output the capture cap already cut: the marker counts every line the command wrote', () => {
  const kept = `${numbered(1000)}[... omitted 1998000 of 2000000 lines ...]\n${numbered(1000)}`;
  const { output } = JSON.parse(formatShellOutput(outcome({ aggregatedOutput: kept, aggregatedLines: 2_000_000 }))) as { output: string };
  assert.match(output, /\n\[\.\.\. omitted 1999744 of 2000000 lines \.\.\.\]\n\n/);
  assert.ok(output.startsWith('line 1\n'));
  assert.ok(output.endsWith('line 1000\n'));
});

test('long lines: at most 10 KiB, head and tail kept, omitted count honest', () => {
  const s = numbered(100, 200); // 100 lines of 200 chars = ~20 KB
  const out = truncateForModel(s);
  assert.ok(Buffer.byteLength(out) <= MODEL_OUTPUT_MAX_BYTES, `${Buffer.byteLength(out)} bytes`);
  assert.ok(out.startsWith('line 1.'));
  assert.ok(out.endsWith(`line 100${'.'.repeat(192)}\n`));
  const m = /\n\[\.\.\. omitted (\d+) of 100 lines \.\.\.\]\n\n/.exec(out);
  assert.ok(m, out.slice(5000, 5200));
  const shown = out.replace(m[0], '\n').split('\n').filter(Boolean).length;
  assert.ok(Math.abs(100 - Number(m[1]) - shown) <= 2, `omitted ${m[1]}, shown ${shown}`);
});

test('one huge line and multi-byte characters are cut at character boundaries', () => {
  const out = truncateForModel('é'.repeat(40_000));
  assert.ok(Buffer.byteLength(out) <= MODEL_OUTPUT_MAX_BYTES);
  assert.ok(!out.includes('\uFFFD'));
  assert.match(out, /^é+\n\[\.\.\. omitted 0 of 1 lines \.\.\.\]\n\né+$/);
});

test('a timeout is stated after the output; exit code 124', () => {
  const text = formatShellOutput(outcome({ aggregatedOutput: 'partial', exitCode: 124, timedOut: true, timeoutMs: 500, durationMs: 520 }));
  assert.deepEqual(JSON.parse(text), {
    output: 'partial\ncommand timed out after 500 milliseconds',
    metadata: { exit_code: 124, duration_seconds: 0.5 },
  });
});

test('a program that could not start: its reason and the exit code the front ends show', () => {
  assert.deepEqual(JSON.parse(formatShellOutput(outcome({ exitCode: 127, spawnError: 'nope: No such file or directory' }))), {
    output: 'nope: No such file or directory', metadata: { exit_code: 127, duration_seconds: 0 },
  });
});
