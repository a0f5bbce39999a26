// The human printer of `codex exec` writes what commands print to a terminal:
// escape sequences must not act on it, and floods must stay bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HumanEventPrinter } from '../../app/exec/human-output.js';
import { printable } from '../../app/text/printable.js';

function printed(...msgs: Parameters<HumanEventPrinter['handle']>[0]['msg'][]): string {
  let out = '';
  const p = new HumanEventPrinter((t) => (out += t), false, { hideReasoning: false, version: '0' });
  for (const msg of msgs) p.handle({ id: '1', msg });
  return out;
}

test('command output reaches the terminal without escape sequences, progress bars collapsed, long lines cut', () => {
  const out = printed({
    type: 'exec_command_end', call_id: 'c', stdout: '', stderr: '', exit_code: 0, duration_ms: 5, formatted_output: '',
    aggregated_output: '\x1b]0;pwned title\x07\x1b[2Jcleared\n\x1b[31mred\x1b[0m\nDownloading  10%\rDownloading 100%\n' + 'x'.repeat(2000) + '\n',
  });
  assert.doesNotMatch(out, /\x1b|\x07|\r/);
  assert.match(out, /^cleared$/m);
  assert.match(out, /^red$/m);
  assert.match(out, /^Downloading 100%$/m);
  assert.match(out, /^x{500}… \(1500 more chars\)$/m);
});

test('a 150,000-line turn diff prints (it overflowed the call stack)', () => {
  const diff = `--- a/big.txt\n+++ b/big.txt\n@@ -1,150000 +1,150000 @@\n${Array.from({ length: 150_000 }, (_, i) => `-line ${i}\n+LINE ${i}`).join('\n')}\n`;
  const out = printed({ type: 'turn_diff', unified_diff: diff });
  assert.ok(out.split('\n').length > 300_000);
});

test('printable: a carriage return keeps what the terminal shows last; CRLF is a line break', () => {
  assert.equal(printable('a\r\nb'), 'a\nb');
  assert.equal(printable('0%\r50%\r100%\nnext'), '100%\nnext');
  assert.equal(printable('done\r'), 'done');
});
