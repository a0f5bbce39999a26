// A wire is a strategy: everything that differs between the APIs a provider
// may speak (`wire_api`): the endpoint path, the headers it adds, the request
// body, the stream decoder and what tools it can carry. The client, the
// provider and the model family ask the wire instead of testing its name, so
// a third wire is one new file registered in wires.ts.
import type { ModelRequest, ResponseEvent } from './items.js';
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

export interface Wire {
  /** Path under the provider's base_url. */
  readonly path: string;
  /** Custom (freeform grammar) tools and native ones such as `local_shell` can be sent. */
  readonly customTools: boolean;
  /** Headers this wire adds to every request (the session id only where the API takes it). */
  headers(sessionId: string | undefined): Record<string, string>;
  /** The JSON request body. */
  body(request: ModelRequest): Record<string, unknown>;
  /** A fresh decoder for one response stream of `model`. */
  decoder(model: string): WireDecoder;
}

type Count = number | null | undefined;

/** Usage from a wire's counts; missing (or null) counts are 0 and a missing total is input + output. */
export function tokenUsage(input: Count, cached: Count, output: Count, reasoning: Count, total: Count): TokenUsage {
  const i = input ?? 0;
  const o = output ?? 0;
  return { input_tokens: i, cached_input_tokens: cached ?? 0, output_tokens: o, reasoning_output_tokens: reasoning ?? 0, total_tokens: total ?? i + o };
}
