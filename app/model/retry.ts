// Retry timing: exponential backoff with jitter, and the server's own hint
// (`retry-after-ms`, `Retry-After` seconds or HTTP date, or "try again in 1.5s"
// inside an error message) when it gives one. Pure; the clock is a parameter.

/** The longest wait we honour from a server hint; beyond it we stop waiting on its word. */
export const MAX_HINT_MS = 300_000;

/** 200 ms × 2^(attempt−1) × jitter in [0.9, 1.1). `attempt` starts at 1. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = 200 * 2 ** Math.max(0, attempt - 1);
  return Math.round(base * (0.9 + 0.2 * random()));
}

type HeaderValue = string | string[] | undefined;
const first = (v: HeaderValue) => (Array.isArray(v) ? v[0] : v);

/** The delay a response asks for, in ms, or undefined. `headers` keys are lower-case (node:http). */
export function retryAfterMs(headers: Record<string, HeaderValue>, now: number = Date.now()): number | undefined {
  const ms = first(headers['retry-after-ms'])?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return clamp(Number(ms));
  const ra = first(headers['retry-after'])?.trim();
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return clamp(Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : clamp(date - now);
}

/** "Please try again in 1.5s" / "in 250ms" (rate limits reported inside `response.failed`). */
export function retryHintFromMessage(message: string): number | undefined {
  const m = /try again in\s+(\d+(?:\.\d+)?)\s*(ms|s|seconds?)\b/i.exec(message);
  if (!m) return undefined;
  const n = Number(m[1]);
  return clamp(m[2]!.toLowerCase() === 'ms' ? n : n * 1000);
}

function clamp(ms: number): number {
  return Math.min(MAX_HINT_MS, Math.max(0, Math.round(ms)));
}

export function reconnectMessage(attempt: number, max: number, reason: string): string {
  return `Reconnecting... ${attempt}/${max} (${reason})`;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
