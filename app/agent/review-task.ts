// A review turn (/review, `codex exec review`): the diff of the target and the
// review instructions go to the model in a history of their own (the session's
// context, then the review request), so a large diff does not fill the
// conversation. The findings come back to the conversation afterwards as a
// user action and an answer, so the user can ask to fix them.
import type { ResponseItem } from '../model/items.js';
import type { ReviewTarget } from '../protocol/ops.js';
import { ReviewTargetError, targetDiff } from '../review/diff.js';
import { reviewHint, reviewPrompt } from '../review/prompt.js';
import { assistantMessage, currentContext, userActionMessage, userMessage } from './conversation.js';
import { runTask, type TaskHost } from './turn.js';

export interface PreparedReview {
  readonly hint: string;
  readonly prompt: string;
}

/** The review's prompt, or a sentence for the user saying why there is nothing to review. */
export async function prepareReview(cwd: string, target: ReviewTarget): Promise<PreparedReview | { error: string }> {
  if (target.type === 'custom' && !target.instructions.trim()) return { error: 'Review instructions cannot be empty.' };
  let diff: string;
  try {
    diff = await targetDiff(cwd, target);
  } catch (err) {
    if (err instanceof ReviewTargetError) return { error: err.message };
    throw err;
  }
  if (!diff.trim() && (target.type === 'uncommitted' || target.type === 'base_branch')) {
    return { error: target.type === 'uncommitted' ? 'Nothing to review: there are no uncommitted changes.' : `Nothing to review: no changes against '${target.branch}'.` };
  }
  return { hint: reviewHint(target), prompt: reviewPrompt(target, diff) };
}

/** Runs the review in its own history and returns the findings (the last answer). */
export async function runReview(host: TaskHost, signal: AbortSignal, review: PreparedReview): Promise<string | null> {
  const items: ResponseItem[] = [...currentContext(host.history()), userMessage(review.prompt)];
  const own: TaskHost = {
    ...host,
    history: () => items,
    record: (more) => void items.push(...more),
    // Messages typed meanwhile wait for the conversation: they start the next turn.
    takePendingInput: () => [],
    maybeAutoCompact: async () => undefined,
  };
  return runTask(own, signal, { quiet: true });
}

/** What the conversation keeps of a finished review. */
export function reviewOutcome(review: PreparedReview, findings: string): ResponseItem[] {
  return [userActionMessage(`The user ran a code review of ${review.hint}. Its findings:`), assistantMessage(findings)];
}
