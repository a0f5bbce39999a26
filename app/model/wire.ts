// What the client needs from a wire (Responses or Chat): a pure decoder from
// SSE events to ResponseEvents that knows when the response is complete.
import type { ResponseEvent } from './items.js';
import type { SseEvent } from './sse.js';

export interface WireDecoder {
  /** The response is complete; the rest of the stream can be dropped. */
  readonly done: boolean;
  /** Decodes one event. Throws StreamError (retry) or ModelError (fatal). */
  push(ev: SseEvent): ResponseEvent[];
  /** The stream ended: the final events, or StreamError if it ended too early. */
  finish(): ResponseEvent[];
}
