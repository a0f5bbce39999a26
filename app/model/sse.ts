// Server-sent events parser (WHATWG "event stream interpretation"), pure and
// incremental: feed text chunks split anywhere, get whole events back. Lines
// end in LF, CRLF or CR (a CR at the end of one chunk and an LF at the start of
// the next are one line break). Unlike the browser, `end()` also delivers a
// final event that was not followed by a blank line: servers that close the
// connection right after the last `data:` line must not lose it. And an
// `error:` line (llama.cpp's server reports failures that way, outside the
// standard fields) becomes an event of type `error` instead of being dropped.

export interface SseEvent {
  /** The `event:` field; `message` when absent. */
  event: string;
  /** `data:` lines joined with `\n`. */
  data: string;
  /** The last `id:` seen so far, if any. */
  id?: string;
}

/** The most a line, or an event's data, may hold: a stream without line breaks must not grow until memory runs out. */
export const SSE_MAX_BYTES = 16 * 1024 * 1024;

/** A line or an event over the cap: the stream is not one we can read. */
export class SseLimitError extends Error {
  override readonly name = 'SseLimitError';
}

export class SseParser {
  private pending = '';
  private skipLf = false;
  private started = false;
  private data: string[] = [];
  private dataSize = 0;
  private eventType = '';
  private lastId: string | undefined;

  /** `max` counts UTF-16 code units, which is bytes for the ASCII of JSON events. */
  constructor(private readonly max = SSE_MAX_BYTES) {}

  /** Parses a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    if (this.skipLf && text.length > 0) {
      this.skipLf = false;
      if (text[0] === '\n') start = 1;
    }
    const eol = /\r\n?|\n/g;
    eol.lastIndex = start;
    for (let m = eol.exec(text); m !== null; m = eol.exec(text)) {
      const line = this.pending + text.slice(start, m.index);
      this.pending = '';
      start = m.index + m[0].length;
      // A CR that ends the chunk may be the first half of a CRLF.
      if (m[0] === '\r' && start === text.length) this.skipLf = true;
      this.line(line, out);
    }
    this.pending += text.slice(start);
    if (this.pending.length > this.max) throw new SseLimitError(`SSE line longer than ${describeSize(this.max)} without a line break`);
    return out;
  }

  /** The stream ended: flushes a last unterminated line and event. */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.pending !== '') {
      const line = this.pending;
      this.pending = '';
      this.line(line, out);
    }
    this.dispatch(out);
    this.skipLf = false;
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') return this.dispatch(out);
    if (line[0] === ':') return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.dataSize += value.length + 1;
        if (this.dataSize > this.max) throw new SseLimitError(`SSE event longer than ${describeSize(this.max)} without an end (a blank line)`);
        break;
      case 'event': this.eventType = value; break;
      case 'id': if (!value.includes('\0')) this.lastId = value; break;
      case 'error':
        this.eventType = 'error';
        this.data.push(value);
        break;
      default: break; // `retry` and unknown fields do not concern a one-shot stream
    }
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length > 0) {
      const ev: SseEvent = { event: this.eventType || 'message', data: this.data.join('\n') };
      if (this.lastId !== undefined) ev.id = this.lastId;
      out.push(ev);
    }
    this.data = [];
    this.dataSize = 0;
    this.eventType = '';
  }
}

const describeSize = (n: number): string => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`);

/** Parses a whole SSE text at once (fixtures, tests). */
export function parseSse(text: string): SseEvent[] {
  const p = new SseParser();
  return [...p.push(text), ...p.end()];
}
