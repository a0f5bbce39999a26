// What the event → cell mapping (agent-events.ts) remembers between events: the
// cells still streaming, running calls, pending warnings. Apart from the mapping
// so the app can hold and reset it without importing the mapping itself.
import type { StringDecoder } from 'node:string_decoder';
import type { HistoryCell } from '../../widgets/transcript/cell.js';
import type { AssistantMessageCell, ReasoningCell } from '../../widgets/transcript/cells/message.js';

export type CallCell = HistoryCell & { setSpinnerFrame?(frame: string): void };

export interface EventState {
  assistant: AssistantMessageCell | undefined;
  reasoning: ReasoningCell | undefined;
  reasoningText: string;
  /**
   * Cells streamed from deltas whose final event has not come yet, oldest
   * first: the final agent_message / agent_reasoning events (sent after the
   * whole response) complete them in this order, so a summary in two parts or
   * text–reasoning–text lands in the right cells.
   */
  unfinished: { assistant: AssistantMessageCell[]; reasoning: ReasoningCell[] };
  calls: Map<string, CallCell>;
  /** UTF-8 decoders of running commands' output, per call and stream: a character may be split across chunks. */
  decoders: Map<string, StringDecoder>;
  /** Config warnings (unknown keys …), shown once under the first session header. */
  pendingWarnings: string[];
  /**
   * A fork was submitted (backtrack, /fork): its session_configured must not
   * redraw the conversation already on screen; /fork says where it went instead.
   */
  forkPending: { kind: 'backtrack' } | { kind: 'fork'; from: string } | undefined;
  /** What the running review reviews (entered_review_mode), for its findings' cell. */
  reviewHint?: string | undefined;
  /** The status header a `Reconnecting…` stream error replaced, until the stream delivers again. */
  headerBeforeRetry?: string | undefined;
}
