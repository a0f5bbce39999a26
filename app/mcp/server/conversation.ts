// One Codex conversation served over MCP: a Session plus the tool call that is
// currently driving it. Every session event goes to that call's client as a
// `codex/event` notification; approval requests become elicitations whose
// answers go back as exec_approval / patch_approval ops; the task's end
// resolves the call.
import type { Event } from '../../protocol/events.js';
import type { Op, ReviewDecision } from '../../protocol/ops.js';
import type { Session } from '../../agent/session.js';
import { logger } from '../../log.js';
import { decodeDecision, execElicitation, patchElicitation } from './elicitation.js';

const log = logger('codex_mcp_server::conversation');

export type RequestId = string | number;

/** How a conversation talks back to the client of one tools/call. */
export interface CallChannel {
  readonly requestId: RequestId;
  readonly signal: AbortSignal;
  notify(event: Event): Promise<void>;
  elicit(params: Record<string, unknown>): Promise<unknown>;
}

export interface CallOutcome {
  readonly text: string;
  readonly isError: boolean;
}

interface ActiveCall {
  readonly channel: CallChannel;
  readonly finish: (outcome: CallOutcome) => void;
  /** Errors before the task starts (e.g. an MCP server failing at session start) are not fatal. */
  taskStarted: boolean;
}

export class Conversation {
  private call: ActiveCall | undefined;
  private subscribed = false;

  constructor(readonly session: Session) {}

  get busy(): boolean {
    return this.call !== undefined;
  }

  /** Submits the prompt and resolves when its task completes, aborts or fails. */
  run(prompt: string, channel: CallChannel): Promise<CallOutcome> {
    if (this.call) return Promise.resolve({ text: `conversation ${this.session.id} is busy with another call`, isError: true });
    return new Promise<CallOutcome>((resolve) => {
      const onCancel = () => this.submit({ type: 'interrupt' });
      channel.signal.addEventListener('abort', onCancel, { once: true });
      this.call = {
        channel,
        taskStarted: false,
        finish: (outcome) => {
          channel.signal.removeEventListener('abort', onCancel);
          this.call = undefined;
          resolve(outcome);
        },
      };
      if (!this.subscribed) {
        this.subscribed = true;
        this.session.subscribe((e) => this.onEvent(e));
      }
      this.submit({ type: 'user_input', items: [{ type: 'text', text: prompt }] });
    });
  }

  /** Ends the session; resolves on shutdown_complete or after `timeoutMs`. */
  shutdown(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const off = this.session.subscribe((e) => {
        if (e.msg.type !== 'shutdown_complete') return;
        clearTimeout(timer);
        off();
        resolve();
      });
      this.submit({ type: 'shutdown' });
    });
  }

  private submit(op: Op): void {
    this.session.submit(op);
  }

  private onEvent(event: Event): void {
    const call = this.call;
    if (!call) {
      log.debug(`event ${event.msg.type} of conversation ${this.session.id} arrived with no call in progress`);
      return;
    }
    call.channel.notify(event).catch((e: unknown) => log.warn(`codex/event notification failed: ${(e as Error).message}`));
    const msg = event.msg;
    switch (msg.type) {
      case 'task_started':
        call.taskStarted = true;
        return;
      case 'exec_approval_request':
        void this.askApproval(call, execElicitation(msg, call.channel.requestId, event.id)).then((decision) =>
          this.submit({ type: 'exec_approval', id: msg.call_id, decision }));
        return;
      case 'apply_patch_approval_request':
        void this.askApproval(call, patchElicitation(msg, call.channel.requestId, event.id)).then((decision) =>
          this.submit({ type: 'patch_approval', id: msg.call_id, decision }));
        return;
      case 'task_complete':
        call.finish({ text: msg.last_agent_message ?? '', isError: false });
        return;
      case 'turn_aborted':
        call.finish({ text: `Turn aborted (${msg.reason})`, isError: true });
        return;
      case 'error':
        if (call.taskStarted) call.finish({ text: msg.message, isError: true });
        return;
      // Forwarded as codex/event notifications above; nothing else to do.
      case 'session_configured':
      case 'user_message':
      case 'agent_message_delta':
      case 'agent_message':
      case 'agent_reasoning_delta':
      case 'agent_reasoning':
      case 'agent_reasoning_raw_content_delta':
      case 'agent_reasoning_raw_content':
      case 'agent_reasoning_section_break':
      case 'exec_command_begin':
      case 'exec_command_output_delta':
      case 'exec_command_end':
      case 'patch_apply_begin':
      case 'patch_apply_end':
      case 'turn_diff':
      case 'mcp_tool_call_begin':
      case 'mcp_tool_call_end':
      case 'plan_update':
      case 'token_count':
      case 'background_event':
      case 'stream_error':
      case 'warning':
      case 'web_search_begin':
      case 'web_search_end':
      case 'turn_checkpoint':
      case 'undo_completed':
      case 'undo_failed':
      case 'entered_review_mode':
      case 'exited_review_mode':
      case 'get_history_entry_response':
      case 'mcp_list_tools_response':
      case 'shutdown_complete':
        return;
      default: {
        const unhandled: never = msg;
        return unhandled;
      }
    }
  }

  private async askApproval(call: ActiveCall, params: Record<string, unknown>): Promise<ReviewDecision> {
    try {
      return decodeDecision(await call.channel.elicit(params));
    } catch (e) {
      log.warn(`elicitation/create failed, treating the approval as denied: ${(e as Error).message}`);
      return 'denied';
    }
  }
}
