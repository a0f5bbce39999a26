// Manual compaction (reference §4.9): ask the model for a hand-over summary
// of the conversation, then continue from the session context plus that summary.
import type { ResponseItem } from '../model/items.js';
import { leadingContext, userMessage } from './conversation.js';
import { compactedHistoryMessage, compactInstructions } from './prompt.js';
import { runTask, type TaskHost } from './turn.js';

const TRIGGER = 'Summarize the conversation so far as instructed.';

export async function runCompaction(
  host: TaskHost,
  signal: AbortSignal,
): Promise<{ summary: string; replacement: ResponseItem[] }> {
  const context = leadingContext(host.history());
  host.record([userMessage(TRIGGER)]);
  const summary = (await runTask(host, signal, { instructions: compactInstructions(), noTools: true })) ?? '';
  signal.throwIfAborted();
  return { summary, replacement: [...context, userMessage(compactedHistoryMessage(summary))] };
}
