// The proxy's response reader: heads and bodies as the upstream frames them,
// fed in every split a socket may deliver, and the malformed responses that
// must not be passed on (or leave the connection to be reused).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseReader, type ResponseHead } from '../../app/proxy/response-reader.js';

interface Read { heads: ResponseHead[]; body: string; ended?: boolean; reusable?: boolean }

/** Feeds `parts` (then a close, when `close`), returning what came out, or the error thrown. */
function read(parts: (string | Buffer)[], opts: { head?: boolean; close?: boolean } = {}): Read | Error {
  const out: Read = { heads: [], body: '' };
  const reader = new ResponseReader({
    head: (h) => out.heads.push(h),
    data: (c) => (out.body += c.toString('latin1')),
    end: (reusable) => {
      out.ended = true;
      out.reusable = reusable;
    },
  }, opts.head ?? false);
  try {
    for (const p of parts) reader.feed(Buffer.from(p as string, 'latin1'));
    if (opts.close) reader.closed();
  } catch (e) {
    return e as Error;
  }
  return out;
}

/** The same bytes split at every position: the result must not depend on where reads end. */
function everySplit(text: string, opts: { head?: boolean; close?: boolean } = {}): Read | Error {
  const whole = read([text], opts);
  for (let i = 1; i < text.length; i++) assert.deepEqual(read([text.slice(0, i), text.slice(i)], opts), whole, `split at ${i}`);
  return whole;
}

test('Content-Length: head as a raw list, body exactly that long, connection reusable', () => {
  const r = everySplit('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-A: 1\r\nx-a:  2 \r\nContent-Length: 5\r\n\r\nhello');
  assert.deepEqual(r, {
    heads: [{ status: 200, rawHeaders: ['Content-Type', 'application/json', 'X-A', '1', 'x-a', '2', 'Content-Length', '5'] }],
    body: 'hello', ended: true, reusable: true,
  });
});

test('chunked: chunks, extensions and trailers are read and dropped; the body is the data', () => {
  const r = everySplit('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\nB\r\nworld!!!!!!\r\n0\r\nTrailer-A: x\r\n\r\n');
  assert.ok(!(r instanceof Error));
  assert.equal(r.body, 'hello world!!!!!!');
  assert.deepEqual([r.ended, r.reusable], [true, true]);
  assert.deepEqual(everySplit('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'), {
    heads: [{ status: 200, rawHeaders: ['Transfer-Encoding', 'chunked'] }], body: '', ended: true, reusable: true,
  });
});

test('interim 100/103 heads are skipped; HEAD, 204 and 304 have no body whatever their headers say', () => {
  const r = everySplit('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok');
  assert.ok(!(r instanceof Error));
  assert.deepEqual(r.heads.map((h) => h.status), [201]);
  assert.equal(r.body, 'ok');
  assert.deepEqual(read(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'], { head: true }), {
    heads: [{ status: 200, rawHeaders: ['Content-Length', '10'] }], body: '', ended: true, reusable: true,
  });
  for (const status of [204, 304]) {
    const x = read([`HTTP/1.1 ${status} X\r\nContent-Length: 10\r\n\r\n`]);
    assert.ok(!(x instanceof Error) && x.ended && x.body === '', String(status));
  }
});

test('without a length the body runs until the connection closes, and the connection is not reused', () => {
  const r = everySplit('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it', { close: true });
  assert.deepEqual(r, { heads: [{ status: 200, rawHeaders: ['Content-Type', 'text/plain'] }], body: 'all of it', ended: true, reusable: false });
  // Transfer-Encoding that does not end in chunked is framed by the close too.
  const gz = read(['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz'], { close: true });
  assert.ok(!(gz instanceof Error) && gz.body === 'xyz' && gz.reusable === false);
});

test('Connection: close, HTTP/1.0, and a length beside Transfer-Encoding leave the connection unused after', () => {
  const reusable = (text: string) => {
    const r = read([text]);
    assert.ok(!(r instanceof Error), text);
    assert.equal(r.ended, true, text);
    return r.reusable;
  };
  assert.equal(reusable('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'), false);
  assert.equal(reusable('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'), false);
  assert.equal(reusable('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'), true);
  assert.equal(reusable('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'), false);
});

test('malformed responses are errors, not guesses', () => {
  const cases: [string, RegExp, boolean?][] = [
    ['HTTP/1.1 200 OK\r\nX: a\r\n folded\r\nContent-Length: 0\r\n\r\n', /malformed header line/],
    ['HTTP/1.1 200 OK\r\nBad Name: a\r\n\r\n', /malformed header line/],
    ['HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n', /invalid character/],
    // Bare LF line ends are not HTTP/1.1's: the head never ends.
    ['HTTP/1.1 200 OK\nContent-Length: 0\n\n', /before answering/, true],
    ['HTTP/2 200\r\n\r\n', /malformed status line/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', /invalid Content-Length/],
    ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /invalid Content-Length/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /malformed chunk size/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n', /not followed by CRLF/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabc', /bytes after the end/],
    ['HTTP/1.1 101 Switching Protocols\r\n\r\n', /101/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab', /before the body was complete/, true],
    ['HTTP/1.1 200 OK\r\n', /before answering/, true],
  ];
  for (const [text, error, close] of cases) {
    const r = read([text], { close });
    assert.ok(r instanceof Error, `${JSON.stringify(text)} was accepted`);
    assert.match(r.message, error, JSON.stringify(text));
  }
  // A head that never ends is cut at the limit instead of growing without bound.
  const endless = read(['HTTP/1.1 200 OK\r\n', `X: ${'a'.repeat(70_000)}`]);
  assert.ok(endless instanceof Error && /response head longer than/.test(endless.message));
});
