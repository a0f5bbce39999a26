// MCP's stdio framing (one JSON-RPC message per line) with a size limit that
// costs one message, not the stream: a line over the limit is skipped as it
// arrives, keeping only its first and last bytes, so the reader stays in step
// and can still name the request it answers. Memory stays within the limit
// whatever the peer sends. Pure: bytes in, frames out.
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export type RequestId = string | number;

export type Frame =
  | { readonly kind: 'message'; readonly message: JSONRPCMessage }
  /** Not JSON, or JSON that is not a JSON-RPC message. */
  | { readonly kind: 'invalid'; readonly error: string }
  /** `id`: the request's id when the kept ends of the line show it at the top level. */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly id?: RequestId };

/** The SDK's own limit: larger messages are refused one by one. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of each end of a skipped line is kept to find its id. */
const KEPT_END_BYTES = 512;

const ID = String.raw`"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")`;
/** `{"id":…` or `{"jsonrpc":"2.0","id":…` at the start: the outermost object's key. */
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?${ID}`);
/** `…,"id":N}` at the very end (the SDK writes id last): a key of the outermost object. */
const ID_AT_END = new RegExp(String.raw`${ID}\s*\}\s*$`);

function requestId(head: string, tail: string): RequestId | undefined {
  const m = ID_AT_START.exec(head) ?? ID_AT_END.exec(tail);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as RequestId;
  } catch {
    return undefined;
  }
}

interface Skipping {
  bytes: number;
  head: Buffer;
  tail: Buffer;
}

export class JsonLineReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipping: Skipping | undefined;

  constructor(private readonly maxBytes = MAX_MESSAGE_BYTES) {}

  /** The frames completed by `chunk`, in order. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, nl === -1 ? chunk.length : nl);
      if (this.skipping) this.skip(piece);
      else {
        this.pending.push(piece);
        this.pendingBytes += piece.length;
        if (this.pendingBytes > this.maxBytes) this.startSkipping();
      }
      if (nl === -1) return frames;
      const frame = this.endLine();
      if (frame) frames.push(frame);
      start = nl + 1;
    }
  }

  private startSkipping(): void {
    const all = Buffer.concat(this.pending);
    this.skipping = {
      bytes: all.length,
      head: all.subarray(0, KEPT_END_BYTES),
      tail: Buffer.from(all.subarray(-KEPT_END_BYTES)),
    };
    this.pending = [];
    this.pendingBytes = 0;
  }

  private skip(piece: Buffer): void {
    const s = this.skipping!;
    s.bytes += piece.length;
    s.tail = Buffer.concat([s.tail, piece]).subarray(-KEPT_END_BYTES);
  }

  /** The finished line's frame; undefined for a blank line. */
  private endLine(): Frame | undefined {
    const s = this.skipping;
    if (s) {
      this.skipping = undefined;
      const id = requestId(s.head.toString('utf8'), s.tail.toString('utf8'));
      return { kind: 'oversized', bytes: s.bytes, ...(id !== undefined && { id }) };
    }
    const line = Buffer.concat(this.pending).toString('utf8').replace(/\r$/, '');
    this.pending = [];
    this.pendingBytes = 0;
    if (line.trim() === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      return { kind: 'invalid', error: `not JSON (${(err as Error).message})` };
    }
    const parsed = JSONRPCMessageSchema.safeParse(json);
    return parsed.success ? { kind: 'message', message: parsed.data } : { kind: 'invalid', error: 'not a JSON-RPC 2.0 message' };
  }
}
