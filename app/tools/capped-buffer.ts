// Collects a stream's bytes within a memory cap: the first half of the cap
// and the most recent half are kept; what falls between is counted, not kept.
export class CappedBuffer {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  private droppedBytes = 0;
  private readonly half: number;

  constructor(cap: number) {
    this.half = Math.max(1, Math.floor(cap / 2));
  }

  push(chunk: Buffer): void {
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
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.droppedBytes += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        this.droppedBytes += excess;
      }
    }
  }

  /** Bytes that did not fit and are missing from text(). */
  get dropped(): number {
    return this.droppedBytes;
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    return this.droppedBytes ? `${head}\n[... ${this.droppedBytes} bytes not kept ...]\n${tail}` : head + tail;
  }
}
