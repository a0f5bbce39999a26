// The one error type the model client throws. `kind` lets callers decide what
// to show or whether the turn can go on; `message` is the user-facing text.

export type ModelErrorKind =
  /** env_key set in config but the variable is missing or empty; no auth available. */
  | 'auth'
  /** A 4xx other than 429: the server rejected the request; not retried. */
  | 'http_status'
  /** request_max_retries used up (5xx, 429 or connect errors). */
  | 'retry_limit'
  /** stream_max_retries used up (stream cut, idle timeout, response.failed), or a line or event over the SSE cap. */
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

/** Error codes that retrying cannot fix (a 429 body's `error.type`/`code`, or `response.failed`'s code). */
export function fatalError(code: unknown, status?: number): ModelError | undefined {
  switch (code) {
    case 'usage_limit_reached': return new ModelError('fatal', "You've hit your usage limit. Try again later.", status);
    case 'usage_not_included': return new ModelError('fatal', 'To use Codex with your ChatGPT plan, upgrade to Plus: https://openai.com/chatgpt/pricing.', status);
    case 'insufficient_quota': return new ModelError('fatal', 'Quota exceeded. Check your plan and billing details.', status);
    case 'context_length_exceeded':
      return new ModelError('fatal', "Codex ran out of room in the model's context window. Start a new conversation or clear earlier history before retrying.", status);
    default: return undefined;
  }
}
