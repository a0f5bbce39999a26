// Compaction (reference §4.9): ask the model for a hand-over summary of the
// conversation, then continue from the session context plus that summary.
// Manual (`compact` op) keeps only the summary; automatic compaction, when a
// request came near the context limit, also keeps the latest user messages.
import type { Config } from '../config/types.js';
import type { ResponseItem } from '../model/items.js';
import { currentContext, isUserTurn, messageText, userMessage } from './conversation.js';
import type { ModelFamily } from './model-family.js';
import { compactedHistoryMessage, compactInstructions } from './prompt.js';
import { runTask, type TaskHost } from './turn.js';

const TRIGGER = 'Summarize the conversation so far as instructed.';
/** About 20k tokens of the most recent user messages survive an automatic compaction. */
const KEPT_USER_CHARS = 80_000;

/** The most recent user turns within `budget` characters, oldest first. */
export function recentUserTurns(items: readonly ResponseItem[], budget = KEPT_USER_CHARS): ResponseItem[] {
  const kept: ResponseItem[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (!isUserTurn(it)) continue;
    budget -= messageText(it).length;
    if (budget < 0) break;
    kept.unshift(it);
  }
  return kept;
}

export async function runCompaction(
  host: TaskHost,
  signal: AbortSignal,
  opts: { auto?: boolean } = {},
): Promise<{ summary: string; replacement: ResponseItem[] }> {
  const items = [...host.history()];
  host.record([userMessage(TRIGGER)]);
  const summary = (await runTask(host, signal, { instructions: compactInstructions(), noTools: true, quiet: opts.auto === true })) ?? '';
  signal.throwIfAborted();
  const kept = opts.auto ? recentUserTurns(items) : [];
  return { summary, replacement: [...currentContext(items), ...kept, userMessage(compactedHistoryMessage(summary))] };
}

/** model_auto_compact_token_limit (≤ 0 turns it off), or 90% of the model's context window. */
export function autoCompactLimit(config: Pick<Config, 'toml'>, family: Pick<ModelFamily, 'contextWindow'>): number | undefined {
  const set = config.toml.model_auto_compact_token_limit;
  if (set !== undefined) return set > 0 ? set : undefined;
  return family.contextWindow ? Math.floor(family.contextWindow * 0.9) : undefined;
}
