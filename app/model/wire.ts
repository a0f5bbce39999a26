// What the client needs from a wire (Responses or Chat): a pure decoder from
// SSE events to ResponseEvents that knows when the response is complete, and
// the usage shape both map their counts into.
import type { ResponseEvent } from './items.js';
import type { TokenUsage } from '../protocol/events.js';
import type { SseEvent } from './sse.js';

export interface WireDecoder {
  /** The response is complete; the rest of the stream can be dropped. */
  readonly done: boolean;
  /** Decodes one event. Throws StreamError (retry) or ModelError (fatal). */
  push(ev: SseEvent): ResponseEvent[];
  /** The stream ended: the final events, or StreamError if it ended too early. */
  finish(): ResponseEvent[];
}

type Count = number | null | undefined;

/** Usage from a wire's counts; missing (or null) counts are 0 and a missing total is input + output. */
export function tokenUsage(input: Count, cached: Count, output: Count, reasoning: Count, total: Count): TokenUsage {
  const i = input ?? 0;
  const o = output ?? 0;
  return { input_tokens: i, cached_input_tokens: cached ?? 0, output_tokens: o, reasoning_output_tokens: reasoning ?? 0, total_tokens: total ?? i + o };
}
