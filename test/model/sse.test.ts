import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SseLimitError, SseParser, parseSse, type SseEvent } from '../../app/model/sse.js';
import { cutAt } from '../support/cut.js';

function feed(chunks: string[]): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

test('single event with event type and data', () => {
  assert.deepEqual(parseSse('event: response.created\ndata: {"a":1}\n\n'), [
    { event: 'response.created', data: '{"a":1}' },
  ]);
});

test('events without a type are "message"; one leading space is stripped, not two', () => {
  assert.deepEqual(parseSse('data:x\n\ndata:  y\n\n'), [
    { event: 'message', data: 'x' },
    { event: 'message', data: ' y' },
  ]);
});

test('multi-line data is joined with newlines', () => {
  assert.deepEqual(parseSse('data: one\ndata: two\ndata:\ndata: four\n\n'), [
    { event: 'message', data: 'one\ntwo\n\nfour' },
  ]);
});

test('comments and unknown fields are ignored; id is kept', () => {
  assert.deepEqual(parseSse(': keep-alive\nretry: 100\nfoo: bar\nid: 7\ndata: d\n\n: tail\n\n'), [
    { event: 'message', data: 'd', id: '7' },
  ]);
});

test('CRLF and lone CR line endings', () => {
  assert.deepEqual(parseSse('data: a\r\n\r\ndata: b\r\rdata: c\r\n\n'), [
    { event: 'message', data: 'a' },
    { event: 'message', data: 'b' },
    { event: 'message', data: 'c' },
  ]);
});

test('CR at the end of a chunk followed by LF in the next is one line break', () => {
  assert.deepEqual(feed(['data: a\r', '\n\r', '\ndata: b\r', '\r']), [
    { event: 'message', data: 'a' },
    { event: 'message', data: 'b' },
  ]);
});

test('a blank line with no data dispatches nothing and resets the event type', () => {
  assert.deepEqual(parseSse('event: x\n\ndata: y\n\n'), [{ event: 'message', data: 'y' }]);
});

test('a final event without a blank line is delivered at end()', () => {
  assert.deepEqual(parseSse('data: a\n\nevent: last\ndata: b'), [
    { event: 'message', data: 'a' },
    { event: 'last', data: 'b' },
  ]);
  assert.deepEqual(parseSse('data: a\n'), [{ event: 'message', data: 'a' }]);
});

test('push returns events as soon as they are complete', () => {
  const p = new SseParser();
  assert.deepEqual(p.push('data: a\n'), []);
  assert.deepEqual(p.push('\nda'), [{ event: 'message', data: 'a' }]);
  assert.deepEqual(p.push('ta: b\n\n'), [{ event: 'message', data: 'b' }]);
  assert.deepEqual(p.end(), []);
});

test('a leading BOM is stripped once', () => {
  assert.deepEqual(feed(['\uFEFF', 'data: a\n\n']), [{ event: 'message', data: 'a' }]);
  assert.deepEqual(parseSse('\uFEFFdata: \uFEFFa\n\n'), [{ event: 'message', data: '\uFEFFa' }]);
});

test('a field without a colon has an empty value', () => {
  assert.deepEqual(parseSse('data\ndata\n\n'), [{ event: 'message', data: '\n' }]);
});

// ---- property: any stream, any line endings, any chunking → the same events

const lineText = fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
const eventArb = fc.record({
  event: fc.option(lineText.filter((s) => s !== '' && !s.startsWith(' ')), { nil: undefined }),
  data: fc.array(lineText, { minLength: 1, maxLength: 4 }),
  comment: fc.option(lineText, { nil: undefined }),
});
const eol = fc.constantFrom('\n', '\r\n', '\r');

test('property: random events, line endings and chunkings parse to the same events', () => {
  fc.assert(
    fc.property(
      fc.array(eventArb, { minLength: 1, maxLength: 6 }),
      fc.array(eol, { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 20 }),
      (events, eols, terminated, cuts) => {
        // Lines of the stream; '' is the blank line that ends an event.
        const lines: string[] = [];
        events.forEach((e, i) => {
          if (e.comment !== undefined) lines.push(`:${e.comment}`);
          if (e.event !== undefined) lines.push(`event: ${e.event}`);
          lines.push(...e.data.map((d) => `data: ${d}`));
          if (i < events.length - 1 || terminated) lines.push('');
        });
        let text = '';
        lines.forEach((line, i) => {
          text += line;
          if (i === lines.length - 1 && !terminated) return;
          let br = eols[i % eols.length]!;
          // CR then LF would read as one CRLF break: keep two breaks two.
          if (br === '\n' && text.endsWith('\r')) br = '\r\n';
          text += br;
        });
        const expected = events.map((e) => ({ event: e.event ?? 'message', data: e.data.join('\n') }));
        assert.deepEqual(feed(cutAt(text, cuts)), expected);
        assert.deepEqual(feed([...text]), expected); // one character at a time
      },
    ),
    { numRuns: 500 },
  );
});

test('an error: line (llama.cpp) is an event of type error', () => {
  assert.deepEqual(parseSse('error: {"code":500}\n\ndata: [DONE]\n\n'), [{ event: 'error', data: '{"code":500}' }, { event: 'message', data: '[DONE]' }]);
});

test('a line or an event over the cap is an SseLimitError; comments and finished events do not add up', () => {
  const p = new SseParser(10);
  assert.deepEqual(p.push(': keep-alive comment\n'.repeat(3)), []);
  assert.deepEqual(p.push('data: 12345\n\ndata: 12345\n\n').map((e) => e.data), ['12345', '12345']);
  assert.throws(() => p.push('data: 12345'), SseLimitError);
  const q = new SseParser(10);
  assert.throws(() => q.push('data: 1234\ndata: 56789\n'), { name: 'SseLimitError', message: 'SSE event longer than 10 bytes without an end (a blank line)' });
});
