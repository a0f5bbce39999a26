// Reads HTTP/1.1 responses off an upstream connection: the head as node's raw
// header list, then the body by its framing (Content-Length, chunked, or until
// the connection closes), handed on as slices of what the socket read. Pure:
// bytes in, callbacks out; the proxy's connection pool feeds it. Strict where
// a lenient reading could desynchronise the connection (RFC 9112): obs-fold,
// bare LF, conflicting lengths and malformed chunk sizes are errors, and a
// connection is reused only when its response was framed and complete.

/** Interim answers before the real one (100 Continue, 103 Early Hints) are skipped. */
export interface ResponseHead {
  readonly status: number;
  /** name, value, name, value, … as the upstream sent them. */
  readonly rawHeaders: string[];
}

export interface ReaderEvents {
  head(head: ResponseHead): void;
  data(chunk: Buffer): void;
  /** The body is complete. `reusable`: the connection may carry another request. */
  end(reusable: boolean): void;
}

/** Longest response head accepted (node's own limit is 16 KiB). */
export const MAX_HEAD = 64 * 1024;
const MAX_CHUNK_LINE = 4096;
const CRLF2 = Buffer.from('\r\n\r\n');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values as node's parser accepts them: no controls but HTAB.
const BAD_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;
// A whole header block of such lines, checked in one pass (the per-line checks name what failed).
const FIELDS = /^(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*(?:\r\n|$))*$/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;

/** `line` from `from` to `end`, without the spaces and tabs around it (optional whitespace). */
function trimOws(line: string, from: number, end: number): string {
  while (from < end && (line.charCodeAt(from) === 32 || line.charCodeAt(from) === 9)) from++;
  while (end > from && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return line.slice(from, end);
}

type State =
  | { kind: 'head' }
  | { kind: 'length'; left: number }
  | { kind: 'chunk-line' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'chunk-end' } // the CRLF after a chunk's data
  | { kind: 'trailers' }
  | { kind: 'until-close' }
  | { kind: 'done' };

export class ResponseReader {
  private state: State = { kind: 'head' };
  /** Bytes of a head, chunk-size line or trailer section not complete yet. */
  private pending: Buffer | undefined;
  private keepAlive = false;

  /** `headRequest`: the request was HEAD, so the response has no body whatever its headers say. */
  constructor(private readonly on: ReaderEvents, private readonly headRequest: boolean) {}

  /** Whether the body is being read until the connection closes (a close then ends it cleanly). */
  get endsAtClose(): boolean {
    return this.state.kind === 'until-close';
  }

  get done(): boolean {
    return this.state.kind === 'done';
  }

  /** Feeds bytes read from the connection; throws on a malformed response. */
  feed(buf: Buffer): void {
    let at = 0;
    if (this.pending) {
      buf = Buffer.concat([this.pending, buf]);
      this.pending = undefined;
    }
    while (at < buf.length) {
      const s = this.state;
      switch (s.kind) {
        case 'head': {
          const end = buf.indexOf(CRLF2, at);
          if (end < 0) return this.hold(buf, at, MAX_HEAD, 'response head');
          this.readHead(buf.toString('latin1', at, end));
          at = end + 4;
          break;
        }
        case 'length':
          at = this.pass(buf, at, s);
          if (s.left === 0) this.finish(this.keepAlive);
          break;
        case 'chunk-line': {
          const end = buf.indexOf('\r\n', at);
          if (end < 0) return this.hold(buf, at, MAX_CHUNK_LINE, 'chunk size line');
          const line = buf.toString('latin1', at, end);
          const m = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line);
          if (!m) throw new Error(`malformed chunk size line '${line.slice(0, 40)}'`);
          const size = parseInt(m[1]!, 16);
          at = end + 2;
          this.state = size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', left: size };
          break;
        }
        case 'chunk-data':
          at = this.pass(buf, at, s);
          if (s.left === 0) this.state = { kind: 'chunk-end' };
          break;
        case 'chunk-end': {
          if (buf.length - at < 2) return this.hold(buf, at, 2, 'chunk');
          if (buf[at] !== 13 || buf[at + 1] !== 10) throw new Error('chunk data not followed by CRLF');
          at += 2;
          this.state = { kind: 'chunk-line' };
          break;
        }
        case 'trailers': {
          // Trailer fields are dropped (the client's response is framed anew); only their end matters.
          if (buf.length - at >= 2 && buf[at] === 13 && buf[at + 1] === 10) {
            at += 2;
            this.finish(this.keepAlive);
            break;
          }
          const end = buf.indexOf(CRLF2, at);
          if (end < 0) return this.hold(buf, at, MAX_HEAD, 'trailer section');
          at = end + 4;
          this.finish(this.keepAlive);
          break;
        }
        case 'until-close':
          this.on.data(at === 0 ? buf : buf.subarray(at));
          return;
        case 'done':
          // Bytes nobody asked for: the connection cannot be trusted for another request.
          throw new Error('the upstream sent bytes after the end of its response');
      }
    }
  }

  /** The connection closed: fine when the body runs until close, an error otherwise. */
  closed(): void {
    if (this.state.kind === 'until-close') this.finish(false);
    else if (this.state.kind !== 'done') {
      throw new Error(this.state.kind === 'head' ? 'the upstream closed the connection before answering' : 'the upstream closed the connection before the body was complete');
    }
  }

  /** Hands on body bytes from `at`, as many as `s` has left; returns where they end. */
  private pass(buf: Buffer, at: number, s: { left: number }): number {
    const n = Math.min(s.left, buf.length - at);
    s.left -= n;
    this.on.data(buf.subarray(at, at + n));
    return at + n;
  }

  private hold(buf: Buffer, at: number, limit: number, what: string): void {
    if (buf.length - at > limit) throw new Error(`${what} longer than ${limit} bytes`);
    this.pending = buf.subarray(at);
  }

  private finish(reusable: boolean): void {
    this.state = { kind: 'done' };
    this.on.end(reusable);
  }

  private readHead(text: string): void {
    const eol = text.indexOf('\r\n');
    const statusLine = eol < 0 ? text : text.slice(0, eol);
    const m = STATUS_LINE.exec(statusLine);
    if (!m) throw new Error(`malformed status line '${statusLine.slice(0, 60)}'`);
    const status = Number(m[2]);
    if (status >= 100 && status < 200) {
      if (status === 101) throw new Error('unexpected 101 Switching Protocols');
      return; // interim: the real head follows
    }
    const block = eol < 0 ? '' : text.slice(eol + 2);
    if (!FIELDS.test(block)) throw badField(block);
    const rawHeaders: string[] = [];
    let length: string | undefined;
    let chunked = false;
    let transferEncoding = false;
    let sawClose = false;
    let sawKeepAlive = false;
    for (let at = 0; at < block.length;) {
      let end = block.indexOf('\r\n', at);
      if (end < 0) end = block.length;
      const colon = block.indexOf(':', at);
      const name = block.slice(at, colon);
      const value = trimOws(block, colon + 1, end);
      at = end + 2;
      rawHeaders.push(name, value);
      switch (name.length) {
        case 10:
          if (name.toLowerCase() === 'connection') {
            const tokens = value.toLowerCase().split(',').map((t) => t.trim());
            sawClose ||= tokens.includes('close');
            sawKeepAlive ||= tokens.includes('keep-alive');
          }
          break;
        case 14:
          if (name.toLowerCase() === 'content-length') {
            if (!/^\d{1,15}$/.test(value) || (length !== undefined && length !== value)) throw new Error(`invalid Content-Length '${value}'`);
            length = value;
          }
          break;
        case 17:
          if (name.toLowerCase() === 'transfer-encoding') {
            transferEncoding = true;
            chunked = /(?:^|,)[ \t]*chunked[ \t]*$/i.test(value);
          }
          break;
      }
    }
    // HTTP/1.0 closes unless it says keep-alive.
    const close = sawClose || (m[1] === '0' && !sawKeepAlive);
    this.keepAlive = !close;
    this.on.head({ status, rawHeaders });
    if (this.headRequest || status === 204 || status === 304) this.finish(!close);
    else if (transferEncoding) {
      // A length beside Transfer-Encoding is ignored, and the connection not reused (RFC 9112 §6.3).
      if (length !== undefined) this.keepAlive = false;
      this.state = chunked ? { kind: 'chunk-line' } : { kind: 'until-close' };
    } else if (length !== undefined) {
      const left = Number(length);
      if (left === 0) this.finish(!close);
      else this.state = { kind: 'length', left };
    } else this.state = { kind: 'until-close' };
  }
}

/** What is wrong with a header block FIELDS refused, naming the line. */
function badField(block: string): Error {
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) return new Error(`malformed header line '${line.slice(0, 60)}'`);
    if (BAD_VALUE.test(line.slice(colon + 1))) return new Error(`invalid character in header '${name}'`);
  }
  return new Error('malformed header block');
}
