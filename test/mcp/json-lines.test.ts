// The stdio framing: messages split anywhere across chunks, a line over the
// limit skipped without holding it (its id still found), bad lines reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonLineReader, type Frame } from '../../app/mcp/json-lines.js';

const feed = (reader: JsonLineReader, text: string, chunk: number): Frame[] => {
  const bytes = Buffer.from(text);
  const frames: Frame[] = [];
  for (let i = 0; i < bytes.length; i += chunk) frames.push(...reader.push(bytes.subarray(i, i + chunk)));
  return frames;
};

test('messages split at every possible point, CRLF and blank lines', () => {
  const text = '{"jsonrpc":"2.0","id":1,"method":"ping"}\r\n\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n';
  for (const size of [1, 2, 3, 7, 64, 4096]) {
    const frames = feed(new JsonLineReader(1000), text, size);
    assert.deepEqual(frames.map((f) => f.kind === 'message' && ('method' in f.message ? f.message.method : '')), ['ping', 'notifications/initialized'], `chunks of ${size}`);
  }
});

test('a line over the limit is one oversized frame naming its id; the stream stays in step', () => {
  const big = 'x'.repeat(5000);
  const sdkOrder = `{"method":"tools/call","params":{"arguments":{"prompt":"${big}","id":7}},"jsonrpc":"2.0","id":42}\n`;
  const idFirst = `{"jsonrpc":"2.0","id":"abc","method":"tools/call","params":{"p":"${big}"}}\n`;
  const noId = `{"jsonrpc":"2.0","method":"notifications/message","params":{"p":"${big}"}}\n`;
  const nestedOnly = `{"jsonrpc":"2.0","method":"x","params":{"p":"${big}","id":9}}\n`;
  const after = '{"jsonrpc":"2.0","id":2,"method":"ping"}\n';
  for (const size of [1000, 4096, 65536]) {
    const reader = new JsonLineReader(1000);
    const frames = feed(reader, sdkOrder + idFirst + noId + nestedOnly + after, size);
    assert.deepEqual(frames.map((f) => (f.kind === 'oversized' ? [f.bytes, f.id] : f.kind === 'message' ? 'ping' : f.kind)), [
      [sdkOrder.length - 1, 42],
      [idFirst.length - 1, 'abc'],
      [noId.length - 1, undefined],
      [nestedOnly.length - 1, undefined],
      'ping',
    ], `chunks of ${size}`);
  }
});

test('a line over the limit inside a single chunk is caught too', () => {
  const frames = new JsonLineReader(10).push(Buffer.from('{"jsonrpc":"2.0","id":3,"method":"long-method-name"}\n'));
  assert.deepEqual(frames, [{ kind: 'oversized', bytes: 52, id: 3 }]);
});

test('not JSON, and JSON that is not JSON-RPC, are invalid frames', () => {
  const frames = new JsonLineReader().push(Buffer.from('hello\n{"id":1}\n'));
  assert.equal(frames.length, 2);
  assert.match(frames[0]!.kind === 'invalid' ? frames[0]!.error : '', /^not JSON \(/);
  assert.deepEqual(frames[1], { kind: 'invalid', error: 'not a JSON-RPC 2.0 message' });
});
