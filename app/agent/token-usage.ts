// Token usage arithmetic (the session total is the sum of every request's
// usage) and how it is shown.
import type { TokenUsage } from '../protocol/events.js';

export const ZERO_USAGE: TokenUsage = {
  input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0,
};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    cached_input_tokens: a.cached_input_tokens + b.cached_input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    reasoning_output_tokens: a.reasoning_output_tokens + b.reasoning_output_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

// How the original shows usage (protocol.rs TokenUsage, FinalOutput): cached
// input is part of input_tokens, so it is shown beside the input, never added.

/** `1234567` → `1,234,567` (the original's format_with_separators, en-US). */
export function withSeparators(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function nonCachedInput(u: TokenUsage): number {
  return Math.max(0, u.input_tokens - Math.max(0, u.cached_input_tokens));
}

/** The one number shown for a session: input not served from the cache, plus output. */
export function blendedTotal(u: TokenUsage): number {
  return Math.max(0, nonCachedInput(u) + Math.max(0, u.output_tokens));
}

/** `Token usage: total=13 input=8 (+ 2 cached) output=5 (reasoning 1)`, as printed on exit. */
export function finalUsageLine(u: TokenUsage): string {
  const cached = u.cached_input_tokens > 0 ? ` (+ ${withSeparators(u.cached_input_tokens)} cached)` : '';
  const reasoning = u.reasoning_output_tokens > 0 ? ` (reasoning ${withSeparators(u.reasoning_output_tokens)})` : '';
  return `Token usage: total=${withSeparators(blendedTotal(u))} input=${withSeparators(nonCachedInput(u))}${cached} output=${withSeparators(u.output_tokens)}${reasoning}`;
}

/** `11845` → `11.8K`, `258400` → `258K`: three significant digits at most, trailing zeros dropped (the original's status card). */
export function compactTokens(n: number): string {
  const v = Math.max(0, Math.round(n));
  if (v < 1000) return String(v);
  const [scale, suffix] = v >= 1e12 ? [1e12, 'T'] : v >= 1e9 ? [1e9, 'B'] : v >= 1e6 ? [1e6, 'M'] : [1e3, 'K'];
  const scaled = v / scale;
  const digits = scaled < 10 ? 2 : scaled < 100 ? 1 : 0;
  const fixed = scaled.toFixed(digits);
  return `${digits ? fixed.replace(/\.?0+$/, '') : fixed}${suffix}`;
}

/**
 * Tokens every request carries whatever the user does (instructions, tool
 * schemas): 0.169 leaves them out of both sides of "% context left", so a
 * fresh session starts at 100% rather than at a figure nobody can raise.
 */
export const CONTEXT_BASELINE_TOKENS = 12_000;

/**
 * Percentage of the context window left with `tokens` in it (the footer's,
 * the status line's and /status's), as 0.169 computes it: the baseline is
 * taken off the window and the usage, the ratio rounded; a window no bigger
 * than the baseline shows 0.
 */
export function contextLeftPercent(tokens: number, window: number): number {
  if (window <= CONTEXT_BASELINE_TOKENS) return 0;
  const effective = window - CONTEXT_BASELINE_TOKENS;
  const used = Math.max(0, tokens - CONTEXT_BASELINE_TOKENS);
  return Math.max(0, Math.min(100, Math.round((Math.max(0, effective - used) / effective) * 100)));
}

/** Share of a model's context window the original reports as usable (effective_context_window_percent). */
const USABLE_WINDOW_PERCENT = 95;

/** The window token_count and task_started report: 95% of the model's, the rest kept for the reply (0.169 shows 95K for 100,000). */
export function reportedContextWindow(window: number): number {
  return Math.floor((window * USABLE_WINDOW_PERCENT) / 100);
}
