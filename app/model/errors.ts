// The one error type the model client throws. `kind` lets callers decide what
// to show or whether the turn can go on; `message` is the user-facing text.

export type ModelErrorKind =
  /** env_key set in config but the variable is missing or empty; no auth available. */
  | 'auth'
  /** A 4xx other than 429: the server rejected the request; not retried. */
  | 'http_status'
  /** request_max_retries used up (5xx, 429 or connect errors). */
  | 'retry_limit'
  /** stream_max_retries used up (stream cut, idle timeout, response.failed). */
  | 'stream'
  /** 429 usage_limit_reached / usage_not_included, insufficient_quota, context window exceeded. */
  | 'fatal'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** --oss: Ollama is not reachable. */
  | 'unreachable';

export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** HTTP status when the error came from a response. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A broken stream (cut, idle, `response.failed`, a Chat stream without
 * `[DONE]`): retried up to stream_max_retries, then surfaced as a
 * `ModelError('stream')`. Internal to the client and its decoders.
 */
export class StreamError extends Error {
  override readonly name = 'StreamError';
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}
