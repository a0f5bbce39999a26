// Events the agent loop emits to its front ends (TUI, exec, MCP server): one
// typed stream. Shapes follow reference §4.1; `type` tags are snake_case so
// events can be sent on the wire as they are.
import type { ReasoningEffort } from './policy.js';

export type FileChange =
  | { add: { content: string } }
  | { delete: { content: string } }
  | { update: { unified_diff: string; move_path?: string } };

/** Token counts of one response (reference §4.6 usage mapping), from the wire to the front ends. */
export interface TokenUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

/** What a token_count reports: the session's total, the last request's usage, the model's context window. */
export interface TokenInfo { total_token_usage: TokenUsage; last_token_usage: TokenUsage; model_context_window?: number }

export interface PlanItem { step: string; status: 'pending' | 'in_progress' | 'completed' }

export interface McpInvocation { server: string; tool: string; arguments?: unknown }

/** A prior conversation item replayed on resume, for front ends to render. */
export type InitialMessage =
  /** A user turn entered the conversation (submitted, or injected into the running task). */
  | { type: 'user_message'; message: string }
  | { type: 'agent_message'; message: string };

export type EventMsg =
  | {
      type: 'session_configured';
      session_id: string;
      model: string;
      reasoning_effort?: ReasoningEffort;
      history_log_id: number;
      history_entry_count: number;
      initial_messages?: InitialMessage[];
      rollout_path: string;
    }
  | { type: 'task_started'; model_context_window?: number }
  | { type: 'task_complete'; last_agent_message: string | null }
  | { type: 'turn_aborted'; reason: 'interrupted' | 'replaced' }
  /** A user turn entered the conversation (submitted, or injected into the running task). */
  | { type: 'user_message'; message: string }
  | { type: 'agent_message_delta'; delta: string }
  | { type: 'agent_message'; message: string }
  | { type: 'agent_reasoning_delta'; delta: string }
  | { type: 'agent_reasoning'; text: string }
  | { type: 'agent_reasoning_raw_content_delta'; delta: string }
  | { type: 'agent_reasoning_raw_content'; text: string }
  | { type: 'agent_reasoning_section_break' }
  | { type: 'exec_approval_request'; call_id: string; command: string[]; cwd: string; reason?: string }
  | {
      type: 'apply_patch_approval_request';
      call_id: string;
      changes: Record<string, FileChange>;
      reason?: string;
      grant_root?: string;
    }
  | { type: 'exec_command_begin'; call_id: string; command: string[]; cwd: string }
  | { type: 'exec_command_output_delta'; call_id: string; stream: 'stdout' | 'stderr'; chunk: string /* base64 */ }
  | {
      type: 'exec_command_end';
      call_id: string;
      stdout: string;
      stderr: string;
      aggregated_output: string;
      exit_code: number;
      duration_ms: number;
      formatted_output: string;
      /** True when the approval flow declined it, so the command never ran. */
      declined?: boolean;
    }
  | { type: 'patch_apply_begin'; call_id: string; auto_approved: boolean; changes: Record<string, FileChange> }
  | { type: 'patch_apply_end'; call_id: string; stdout: string; stderr: string; success: boolean }
  | { type: 'turn_diff'; unified_diff: string }
  /** The turn that just ended changed these files (paths relative to the cwd); /undo can put them back. */
  | { type: 'turn_checkpoint'; turn: number; files: string[] }
  /** Files put back by undo or a backtrack that restores files (paths relative to the cwd). */
  | { type: 'undo_completed'; files: string[] }
  /** Nothing was restored: `files` are those changed since the agent changed them (or empty, with the reason in `message`). */
  | { type: 'undo_failed'; message: string; files: string[] }
  /** A review turn starts; `hint` says what it reviews ("current changes", "commit abc1234"). */
  | { type: 'entered_review_mode'; hint: string }
  /** The review turn ended: its findings (null when it produced none, was interrupted or failed). */
  | { type: 'exited_review_mode'; findings: string | null }
  | { type: 'mcp_tool_call_begin'; call_id: string; invocation: McpInvocation }
  | {
      type: 'mcp_tool_call_end';
      call_id: string;
      invocation: McpInvocation;
      duration_ms: number;
      result: { Ok: { content: unknown[]; structuredContent?: unknown; isError?: boolean } } | { Err: string };
    }
  | { type: 'plan_update'; explanation?: string; plan: PlanItem[] }
  | {
      type: 'token_count';
      info: TokenInfo;
    }
  | { type: 'background_event'; message: string }
  /** Non-fatal, e.g. `Reconnecting... 1/5 (reason)`. */
  | { type: 'stream_error'; message: string }
  | { type: 'error'; message: string }
  /** A problem the session goes on after (an MCP server that exited); unlike `error` it fails nothing. */
  | { type: 'warning'; message: string }
  | { type: 'web_search_begin'; call_id: string }
  | { type: 'web_search_end'; call_id: string; query: string }
  | { type: 'get_history_entry_response'; offset: number; log_id: number; entry?: { session_id: string; ts: number; text: string } }
  | { type: 'mcp_list_tools_response'; servers: McpServerStatus[] }
  | { type: 'shutdown_complete' };

export interface McpServerStatus {
  name: string;
  state: 'starting' | 'ready' | 'failed';
  error?: string;
  tools: { name: string; qualified_name: string; description?: string }[];
}

export interface Event { id: string; msg: EventMsg }
