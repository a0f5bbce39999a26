// Collects a stream's bytes within a memory cap: the first half of the cap
// and the most recent half are kept; what falls between is counted, not kept.
// The cut is made at line ends near the edges of the kept halves, and a marker
// line says how many lines (or, for a cut inside a long line, bytes) are missing.
import { StringDecoder } from 'node:string_decoder';
import { isContinuationByte } from './utf8.js';

const NL = 0x0a;

/** Lines in `buf` as Rust's `str::lines` counts them (a final unterminated line counts). */
function linesIn(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, i + 1)) n++;
  return buf.length && buf[buf.length - 1] !== NL ? n + 1 : n;
}

export class CappedBuffer {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  private droppedBytes = 0;
  /** The last byte dropped: a newline there means the tail starts a line. */
  private lastDropped: number | undefined;
  private newlines = 0;
  private lastByte: number | undefined;
  private readonly half: number;

  constructor(cap: number) {
    this.half = Math.max(1, Math.floor(cap / 2));
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, i + 1)) this.newlines++;
    this.lastByte = chunk[chunk.length - 1];
    if (this.headBytes < this.half) {
      const take = chunk.subarray(0, this.half - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tailBytes > this.half) {
      const first = this.tail[0]!;
      const excess = this.tailBytes - this.half;
      const drop = Math.min(first.length, excess);
      this.lastDropped = first[drop - 1];
      if (drop === first.length) this.tail.shift();
      else this.tail[0] = first.subarray(drop);
      this.tailBytes -= drop;
      this.droppedBytes += drop;
    }
  }

  /** Bytes that did not fit and are missing from text(). */
  get dropped(): number {
    return this.droppedBytes;
  }

  /** Lines of everything pushed, kept or not. */
  get lines(): number {
    return this.lastByte !== undefined && this.lastByte !== NL ? this.newlines + 1 : this.newlines;
  }

  text(): string {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    if (!this.droppedBytes) return Buffer.concat([head, tail]).toString('utf8');
    // Whole lines, unless that would drop much of what was kept (a long line is cut inside instead).
    const slack = this.half >> 2;
    const headEnd = head.lastIndexOf(NL) + 1; // 0: no line ends in the head
    const tailStart = this.lastDropped === NL ? 0 : tail.indexOf(NL) + 1 || -1; // -1: no line starts in the tail
    const wholeLines = headEnd > 0 && head.length - headEnd <= slack
      && tailStart >= 0 && tailStart <= slack && tailStart < tail.length;
    if (wholeLines) {
      const keptHead = head.subarray(0, headEnd);
      const keptTail = tail.subarray(tailStart);
      const omitted = this.lines - linesIn(keptHead) - linesIn(keptTail);
      return `${keptHead.toString('utf8')}[... omitted ${omitted} of ${this.lines} lines ...]\n${keptTail.toString('utf8')}`;
    }
    // Cut inside a line, at character boundaries.
    const keptHead = new StringDecoder('utf8').write(head); // holds back a split last character
    let start = 0;
    while (start < tail.length && isContinuationByte(tail[start])) start++;
    const total = this.headBytes + this.droppedBytes + this.tailBytes;
    const omitted = total - Buffer.byteLength(keptHead) - (tail.length - start);
    return `${keptHead}\n[... omitted ${omitted} of ${total} bytes ...]\n${tail.subarray(start).toString('utf8')}`;
  }
}
