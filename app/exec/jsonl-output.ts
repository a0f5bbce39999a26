// `codex exec --json`: maps agent events to the thread/turn/item JSONL of
// reference §1.6 (0.169 shapes), one object per line. Pure: events in, lines out.
import type { Event, FileChange, PlanItem, TokenUsage } from '../protocol/events.js';
import { shellJoin } from '../text/shell-quote.js';

export interface Usage {
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
}

export type ThreadItem =
  | { id: string; type: 'agent_message'; text: string }
  | { id: string; type: 'reasoning'; text: string }
  | {
      id: string;
      type: 'command_execution';
      command: string;
      aggregated_output: string;
      exit_code: number | null;
      status: 'in_progress' | 'completed' | 'failed' | 'declined';
    }
  | { id: string; type: 'file_change'; changes: { path: string; kind: 'add' | 'delete' | 'update' }[]; status: 'completed' | 'failed' }
  | {
      id: string;
      type: 'mcp_tool_call';
      server: string;
      tool: string;
      arguments: unknown;
      result: { content: unknown[]; structured_content: unknown } | null;
      error: { message: string } | null;
      status: 'in_progress' | 'completed' | 'failed';
    }
  | { id: string; type: 'todo_list'; items: { text: string; completed: boolean }[] }
  | { id: string; type: 'web_search'; query: string }
  | { id: string; type: 'error'; message: string };

export type ThreadEvent =
  | { type: 'thread.started'; thread_id: string }
  | { type: 'turn.started' }
  | { type: 'turn.completed'; usage: Usage }
  | { type: 'turn.failed'; error: { message: string } }
  | { type: 'item.started' | 'item.updated' | 'item.completed'; item: ThreadItem }
  | { type: 'error'; message: string };

const zeroUsage = (): Usage => ({
  input_tokens: 0, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0,
});

function changeKind(c: FileChange): 'add' | 'delete' | 'update' {
  return 'add' in c ? 'add' : 'delete' in c ? 'delete' : 'update';
}

function todoItems(plan: PlanItem[]): { text: string; completed: boolean }[] {
  return plan.map((p) => ({ text: p.step, completed: p.status === 'completed' }));
}

export class JsonlEventMapper {
  private nextItem = 0;
  private usage = zeroUsage();
  private failure: { message: string } | undefined;
  private running = new Map<string, ThreadItem>();
  private patches = new Map<string, Record<string, FileChange>>();
  private todo: Extract<ThreadItem, { type: 'todo_list' }> | undefined;

  private id(): string {
    return `item_${this.nextItem++}`;
  }

  /** Config warnings, shown like 0.169 shows its own: completed `error` items before the turn. */
  warning(message: string): ThreadEvent[] {
    return [{ type: 'item.completed', item: { id: this.id(), type: 'error', message } }];
  }

  map(e: Event): ThreadEvent[] {
    const m = e.msg;
    switch (m.type) {
      case 'session_configured':
        return [{ type: 'thread.started', thread_id: m.session_id }];
      case 'task_started':
        this.usage = zeroUsage();
        this.failure = undefined;
        this.todo = undefined;
        return [{ type: 'turn.started' }];
      case 'agent_message':
        return [{ type: 'item.completed', item: { id: this.id(), type: 'agent_message', text: m.message } }];
      // A review's findings are its answer.
      case 'exited_review_mode':
        return m.findings === null ? [] : [{ type: 'item.completed', item: { id: this.id(), type: 'agent_message', text: m.findings } }];
      case 'agent_reasoning':
        return [{ type: 'item.completed', item: { id: this.id(), type: 'reasoning', text: m.text } }];
      case 'exec_command_begin':
        return this.start(m.call_id, {
          id: this.id(), type: 'command_execution', command: shellJoin(m.command),
          aggregated_output: '', exit_code: null, status: 'in_progress',
        });
      case 'exec_command_end': {
        const started = this.finish(m.call_id, 'command_execution');
        if (!started) return [];
        const status = m.declined ? 'declined' : m.exit_code === 0 ? 'completed' : 'failed';
        return [{
          type: 'item.completed',
          item: { ...started, aggregated_output: m.aggregated_output, exit_code: m.declined ? null : m.exit_code, status },
        }];
      }
      case 'patch_apply_begin':
        this.patches.set(m.call_id, m.changes);
        return [];
      case 'patch_apply_end': {
        const changes = this.patches.get(m.call_id) ?? {};
        this.patches.delete(m.call_id);
        return [{
          type: 'item.completed',
          item: {
            id: this.id(), type: 'file_change',
            changes: Object.entries(changes).map(([path, c]) => ({ path, kind: changeKind(c) })),
            status: m.success ? 'completed' : 'failed',
          },
        }];
      }
      case 'mcp_tool_call_begin':
        return this.start(m.call_id, {
          id: this.id(), type: 'mcp_tool_call', server: m.invocation.server, tool: m.invocation.tool,
          arguments: m.invocation.arguments ?? null, result: null, error: null, status: 'in_progress',
        });
      case 'mcp_tool_call_end': {
        const started = this.finish(m.call_id, 'mcp_tool_call');
        if (!started) return [];
        const ok = 'Ok' in m.result ? m.result.Ok : undefined;
        const failed = !ok || ok.isError === true;
        return [{
          type: 'item.completed',
          item: {
            ...started,
            result: ok ? { content: ok.content, structured_content: ok.structuredContent ?? null } : null,
            error: 'Err' in m.result ? { message: m.result.Err } : null,
            status: failed ? 'failed' : 'completed',
          },
        }];
      }
      case 'plan_update': {
        if (!this.todo) {
          this.todo = { id: this.id(), type: 'todo_list', items: todoItems(m.plan) };
          return [{ type: 'item.started', item: { ...this.todo } }];
        }
        this.todo = { ...this.todo, items: todoItems(m.plan) };
        return [{ type: 'item.updated', item: { ...this.todo } }];
      }
      case 'web_search_end':
        return [{ type: 'item.completed', item: { id: this.id(), type: 'web_search', query: m.query } }];
      case 'token_count':
        this.addUsage(m.info.last_token_usage);
        return [];
      case 'stream_error':
        return [{ type: 'error', message: m.message }];
      case 'warning':
        return this.warning(m.message);
      case 'error':
        this.failure = { message: m.message };
        return [{ type: 'error', message: m.message }];
      case 'task_complete': {
        const out: ThreadEvent[] = [];
        if (this.todo) out.push({ type: 'item.completed', item: this.todo });
        this.todo = undefined;
        out.push(this.failure ? { type: 'turn.failed', error: this.failure } : { type: 'turn.completed', usage: this.usage });
        return out;
      }
      // No JSONL event for these (0.169 emits none).
      case 'turn_aborted':
      case 'user_message':
      case 'agent_message_delta':
      case 'agent_reasoning_delta':
      case 'agent_reasoning_raw_content_delta':
      case 'agent_reasoning_raw_content':
      case 'agent_reasoning_section_break':
      case 'exec_approval_request':
      case 'apply_patch_approval_request':
      case 'exec_command_output_delta':
      case 'turn_diff':
      case 'background_event':
      case 'turn_checkpoint':
      case 'undo_completed':
      case 'undo_failed':
      case 'entered_review_mode':
      case 'web_search_begin':
      case 'get_history_entry_response':
      case 'mcp_list_tools_response':
      case 'shutdown_complete':
        return [];
      default: {
        const unhandled: never = m;
        return unhandled;
      }
    }
  }

  private start(callId: string, item: ThreadItem): ThreadEvent[] {
    this.running.set(callId, item);
    return [{ type: 'item.started', item }];
  }

  /** The item a begin event started for this call, if it has the expected type. */
  private finish<T extends ThreadItem['type']>(callId: string, type: T): Extract<ThreadItem, { type: T }> | undefined {
    const started = this.running.get(callId);
    this.running.delete(callId);
    return started?.type === type ? (started as Extract<ThreadItem, { type: T }>) : undefined;
  }

  private addUsage(u: TokenUsage): void {
    this.usage.input_tokens += u.input_tokens;
    this.usage.cached_input_tokens += u.cached_input_tokens;
    this.usage.output_tokens += u.output_tokens;
    this.usage.reasoning_output_tokens += u.reasoning_output_tokens;
  }
}
