// Operations a front end (TUI, exec, MCP server) submits to the agent loop.
// Shapes follow reference §4.1; `type` tags are snake_case so operations can
// be sent on the wire as they are.
import type { ApprovalPolicy, ReasoningEffort, ReasoningSummary, SandboxPolicy } from './policy.js';

export type InputItem =
  | { type: 'text'; text: string }
  | { type: 'image'; image_url: string }
  | { type: 'local_image'; path: string };

/** A typed message and the local images attached to it (`-i`, a pasted path), as one user turn's items. */
export function textWithImages(text: string, images: readonly string[]): InputItem[] {
  return [{ type: 'text', text }, ...images.map((path) => ({ type: 'local_image' as const, path }))];
}

export type ReviewDecision = 'approved' | 'approved_for_session' | 'denied' | 'abort';

/** What `/review` and `codex exec review` look at. */
export type ReviewTarget =
  /** The working tree and index against HEAD, untracked files included. */
  | { type: 'uncommitted' }
  /** The working tree against the merge base of HEAD and `branch`. */
  | { type: 'base_branch'; branch: string }
  | { type: 'commit'; sha: string; title?: string }
  /** The user's own instructions (with the uncommitted diff). */
  | { type: 'custom'; instructions: string };

export type Op =
  | { type: 'user_input'; items: InputItem[] }
  | {
      type: 'override_turn_context';
      cwd?: string;
      approval_policy?: ApprovalPolicy;
      sandbox_policy?: SandboxPolicy;
      model?: string;
      effort?: ReasoningEffort;
      summary?: ReasoningSummary;
    }
  | { type: 'interrupt' }
  | { type: 'exec_approval'; id: string; decision: ReviewDecision }
  | { type: 'patch_approval'; id: string; decision: ReviewDecision }
  /** Appends text to history.jsonl that was not submitted as user_input (user_input is recorded by the session itself). */
  | { type: 'add_to_history'; text: string }
  /** Looks up history.jsonl entry `offset` (0 = oldest) → get_history_entry_response. */
  | { type: 'get_history_entry_request'; offset: number; log_id: number }
  | { type: 'list_mcp_tools' }
  | { type: 'compact' }
  /**
   * Backtrack: drop the last `drop_user_turns` user turns and everything after them.
   * The conversation continues as a new session (new id, new rollout file): a fresh
   * session_configured with initial_messages announces it.
   */
  | { type: 'fork'; drop_user_turns: number; /** Also put back the files the dropped turns changed. */ restore_files?: boolean }
  /** `/rename NAME`: the session's title in the resume picker (saved in $CODEX_HOME/session_index.jsonl). */
  | { type: 'set_session_name'; name: string }
  /** Puts back the files the last turn that changed files changed → undo_completed / undo_failed. */
  | { type: 'undo' }
  /** Runs a review turn on the target's diff → entered_review_mode … exited_review_mode. */
  | { type: 'review'; target: ReviewTarget }
  | { type: 'shutdown' };

export interface Submission { id: string; op: Op }
