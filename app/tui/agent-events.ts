// Agent events → transcript cells and status. Streams: assistant and reasoning
// deltas grow the current cell until the final message; exec, patch and MCP
// calls are matched by call_id; the first **bold** line of the reasoning
// becomes the status header. Notifications go out when the terminal is unfocused.
import { StringDecoder } from 'node:string_decoder';
import type { EventMsg, McpServerStatus } from '../protocol/events.js';
import { contextLeftPercent } from '../agent/token-usage.js';
import type { HistoryCell } from '../../widgets/transcript/cell.js';
import { ExecCell } from '../../widgets/transcript/cells/exec.js';
import { SessionHeaderCell } from '../../widgets/transcript/cells/header.js';
import { McpToolCallCell } from '../../widgets/transcript/cells/mcp.js';
import { AssistantMessageCell, ReasoningCell, UserMessageCell } from '../../widgets/transcript/cells/message.js';
import { errorCell, infoCell, warningCell, webSearchCell } from '../../widgets/transcript/cells/notice.js';
import { PatchCell } from '../../widgets/transcript/cells/patch.js';
import { PlanCell } from '../../widgets/transcript/cells/plan.js';
import { ReviewCell } from '../../widgets/transcript/cells/review.js';
import { displayCommand } from '../../widgets/transcript/command.js';
import { truncate } from '../../widgets/base/text.js';
import type { TuiApp } from './app.js';
import { notificationText } from './notification-text.js';
import { composerKey } from './status-info.js';
import type { CallCell, EventState } from './event-state.js';

/** The state the mapping keeps, with the app whose widgets it updates. */
type State = EventState & { app: TuiApp };

// Events that show a retried stream is delivering again.
const PROGRESS = new Set<EventMsg['type']>([
  'agent_message_delta', 'agent_message', 'agent_reasoning_delta', 'agent_reasoning_raw_content_delta', 'agent_reasoning',
  'exec_command_begin', 'patch_apply_begin', 'mcp_tool_call_begin', 'web_search_begin', 'plan_update',
  'exec_approval_request', 'apply_patch_approval_request', 'token_count',
]);

export const INTERRUPTED_MESSAGE = 'Conversation interrupted - tell the model what to do differently';

/** The first `**bold**` run of a reasoning summary (the status header while working). */
export function reasoningHeader(text: string): string | undefined {
  const m = /\*\*([^*\n]+)\*\*/.exec(text);
  return m?.[1]?.trim() || undefined;
}

function notifyEnabled(app: TuiApp, kind: 'agent-turn-complete' | 'approval-requested'): boolean {
  const n = app.config.tui.notifications;
  return n === true || (Array.isArray(n) && n.includes(kind));
}

function notify(app: TuiApp, kind: 'agent-turn-complete' | 'approval-requested', message: string): void {
  if (!app.focused && notifyEnabled(app, kind)) app.host.notify(message);
}

/** Forget the streaming cells (they stay on screen as they are). */
function settleStreams(s: State): void {
  s.assistant = undefined;
  s.reasoning = undefined;
  s.reasoningText = '';
  s.unfinished = { assistant: [], reasoning: [] };
}

/** A retried stream starts the response over: what the failed attempt streamed goes. */
function dropUnfinished(s: State): void {
  const cells = s.app.transcript.cells;
  const at = [...s.unfinished.assistant, ...s.unfinished.reasoning].map((c) => cells.indexOf(c)).filter((i) => i >= 0);
  if (at.length) s.app.transcript.truncate(Math.min(...at));
  settleStreams(s);
}

function endTask(s: State): void {
  s.app.running = false;
  s.headerBeforeRetry = undefined;
  settleStreams(s);
  s.app.pendingInput.turnEnded();
  s.app.settings.refreshGitBranch();
  s.app.request({ type: 'task_end' });
}

/**
 * A reasoning item that did not stream: it came before the response's message
 * (the loop sends the items in order), so it goes above answer text that
 * streamed, such as reasoning a chat model's lone `</think>` showed to be
 * reasoning only once it had streamed as answer text.
 */
function addReasoningCell(s: State, cell: ReasoningCell): void {
  const at = s.unfinished.assistant[0] ? s.app.transcript.cells.indexOf(s.unfinished.assistant[0]) : -1;
  if (at < 0) s.app.addCell(cell);
  else s.app.transcript.insert(at, cell);
}

/** A tool call's cell; the streamed answer before it is complete. */
function beginCall(s: State, callId: string, cell: CallCell): void {
  s.calls.set(callId, cell);
  s.assistant = undefined;
  s.app.addCell(cell);
}

function endCall(s: State, callId: string): CallCell | undefined {
  const cell = s.calls.get(callId);
  s.calls.delete(callId);
  s.decoders.delete(`${callId}:stdout`);
  s.decoders.delete(`${callId}:stderr`);
  return cell;
}

/** A chunk of a command's output as text, continuing the bytes of earlier chunks of the same stream. */
function decodeChunk(s: State, msg: Extract<EventMsg, { type: 'exec_command_output_delta' }>): string {
  const key = `${msg.call_id}:${msg.stream}`;
  let decoder = s.decoders.get(key);
  if (!decoder) s.decoders.set(key, (decoder = new StringDecoder('utf8')));
  return decoder.write(Buffer.from(msg.chunk, 'base64'));
}

export function applyAgentEvent(s: State, msg: EventMsg): void {
  const { app } = s;
  if (s.headerBeforeRetry !== undefined && PROGRESS.has(msg.type)) {
    app.status.header = s.headerBeforeRetry;
    s.headerBeforeRetry = undefined;
  }
  switch (msg.type) {
    case 'session_configured': {
      app.statusBar.info = app.settings.withOverrides({ ...app.statusBar.info, model: msg.model, ...(msg.reasoning_effort ? { reasoningEffort: msg.reasoning_effort } : {}) });
      app.composer.history.setPersistent(msg.history_entry_count, (offset) => app.host.historyEntry(msg.history_log_id, offset));
      if (s.forkPending) {
        const fork = s.forkPending;
        s.forkPending = undefined;
        if (fork.kind === 'fork') {
          app.addCell(infoCell(`Forked: this conversation now continues as session ${msg.session_id}; the original stays resumable (codex resume ${fork.from})`));
        }
        return;
      }
      app.addCell(new SessionHeaderCell({
        version: app.version, model: msg.model, directory: app.config.cwd,
        ...(msg.reasoning_effort ? { reasoningEffort: msg.reasoning_effort } : {}),
        ...(process.env.HOME ? { home: process.env.HOME } : {}),
        hints: !msg.initial_messages?.length,
      }));
      for (const m of msg.initial_messages ?? []) {
        app.conversation.add(m.type === 'user_message' ? 'user' : 'assistant', m.message);
        app.addCell(m.type === 'user_message' ? new UserMessageCell(m.message) : new AssistantMessageCell(m.message));
      }
      for (const w of s.pendingWarnings.splice(0)) app.addCell(warningCell(w));
      return;
    }
    case 'task_started':
      s.headerBeforeRetry = undefined;
      app.running = true;
      app.status.start(app.host.now());
      return;
    case 'task_complete':
      endTask(s);
      notify(app, 'agent-turn-complete', msg.last_agent_message ? notificationText(msg.last_agent_message, 80) : 'Agent turn complete');
      app.turns.sendNextFollowUp();
      return;
    case 'turn_aborted':
      for (const c of s.calls.values()) if (c instanceof ExecCell && c.status === 'running') c.interrupt();
      s.calls.clear();
      s.decoders.clear();
      if (msg.reason === 'interrupted') {
        app.addCell(errorCell(INTERRUPTED_MESSAGE));
        // Messages typed while it ran, steered or queued, go back to the composer.
        app.turns.takeBackPendingInput();
      }
      endTask(s);
      return;
    case 'user_message': {
      app.pendingInput.echoed(msg.message);
      settleStreams(s);
      app.conversation.add('user', msg.message);
      app.addCell(new UserMessageCell(msg.message));
      return;
    }
    case 'agent_message_delta':
      if (!s.assistant) {
        s.assistant = new AssistantMessageCell();
        s.unfinished.assistant.push(s.assistant);
        app.addCell(s.assistant);
      }
      s.assistant.appendDelta(msg.delta);
      return;
    case 'agent_message': {
      app.conversation.add('assistant', msg.message);
      const cell = s.unfinished.assistant.shift();
      if (cell) cell.setText(msg.message);
      else app.addCell(new AssistantMessageCell(msg.message));
      if (!cell || s.assistant === cell) s.assistant = undefined;
      return;
    }
    case 'agent_reasoning_delta':
    case 'agent_reasoning_raw_content_delta':
      if (msg.type === 'agent_reasoning_raw_content_delta' && !app.config.showRawAgentReasoning) return;
      if (!s.reasoning) {
        s.reasoning = new ReasoningCell('', { hidden: app.config.hideAgentReasoning });
        s.reasoningText = '';
        s.unfinished.reasoning.push(s.reasoning);
        app.addCell(s.reasoning);
        // Text after this reasoning is a new message, below it.
        s.assistant = undefined;
      }
      s.reasoning.appendDelta(msg.delta);
      s.reasoningText += msg.delta;
      app.status.header = reasoningHeader(s.reasoningText) ?? app.status.header;
      return;
    case 'agent_reasoning':
    case 'agent_reasoning_raw_content': {
      if (msg.type === 'agent_reasoning_raw_content' && !app.config.showRawAgentReasoning) return;
      const cell = s.unfinished.reasoning.shift();
      if (cell) cell.setText(msg.text);
      else addReasoningCell(s, new ReasoningCell(msg.text, { hidden: app.config.hideAgentReasoning }));
      app.status.header = reasoningHeader(msg.text) ?? app.status.header;
      if (!cell || s.reasoning === cell) s.reasoning = undefined;
      return;
    }
    case 'agent_reasoning_section_break':
      s.reasoning = undefined;
      return;
    case 'exec_command_begin':
      beginCall(s, msg.call_id, new ExecCell(msg.command));
      return;
    case 'exec_command_output_delta': {
      const cell = s.calls.get(msg.call_id);
      if (cell instanceof ExecCell) cell.appendOutput(decodeChunk(s, msg));
      return;
    }
    case 'exec_command_end': {
      const cell = endCall(s, msg.call_id);
      if (!(cell instanceof ExecCell)) return;
      if (msg.declined) cell.decline();
      else cell.finish(msg.exit_code, msg.duration_ms, msg.aggregated_output);
      return;
    }
    case 'patch_apply_begin':
      beginCall(s, msg.call_id, new PatchCell(msg.changes, app.config.cwd, withKey(composerKey(app.keymap, 'open_transcript'))));
      return;
    case 'patch_apply_end': {
      const cell = endCall(s, msg.call_id);
      if (cell instanceof PatchCell) cell.finish(msg.success, msg.success ? msg.stdout : msg.stderr || msg.stdout);
      return;
    }
    case 'mcp_tool_call_begin':
      beginCall(s, msg.call_id, new McpToolCallCell(msg.invocation));
      return;
    case 'mcp_tool_call_end': {
      const cell = endCall(s, msg.call_id);
      if (cell instanceof McpToolCallCell) cell.finish(msg.duration_ms, msg.result);
      return;
    }
    case 'plan_update':
      app.addCell(new PlanCell(msg.plan, msg.explanation));
      return;
    case 'token_count': {
      app.tokenInfo = msg.info;
      app.statusBar.live.tokens = msg.info.total_token_usage.total_tokens;
      const win = msg.info.model_context_window;
      if (win) {
        app.statusBar.live.contextLeft = contextLeftPercent(msg.info.last_token_usage.total_tokens, win);
      }
      return;
    }
    case 'exec_approval_request':
      notify(app, 'approval-requested', `Approval requested: ${truncate(displayCommand(msg.command), 60)}`);
      app.request({ type: 'approval_request', request: msg });
      return;
    case 'apply_patch_approval_request': {
      const files = Object.keys(msg.changes);
      notify(app, 'approval-requested', files.length === 1 ? `Codex wants to edit ${files[0]}` : `Codex wants to edit ${files.length} files`);
      app.request({ type: 'approval_request', request: msg });
      return;
    }
    case 'background_event':
      app.addCell(infoCell(msg.message));
      return;
    case 'web_search_end':
      app.addCell(webSearchCell(msg.query));
      return;
    case 'stream_error':
      s.headerBeforeRetry ??= app.status.header;
      app.status.header = msg.message;
      dropUnfinished(s);
      return;
    case 'error':
      app.addCell(errorCell(msg.message));
      endTask(s);
      return;
    case 'warning':
      app.addCell(warningCell(msg.message));
      return;
    case 'mcp_list_tools_response':
      app.addCell(mcpListCell(msg.servers));
      return;
    case 'turn_diff':
      app.lastTurnDiff = msg.unified_diff;
      return;
    case 'turn_checkpoint':
      app.checkpointTurns = [...app.checkpointTurns.filter((t) => t < msg.turn), msg.turn];
      return;
    case 'undo_completed':
      app.addCell(infoCell(msg.files.length ? `Undo: restored ${msg.files.join(', ')}` : 'Undo: no files to restore'));
      return;
    case 'undo_failed':
      app.addCell(warningCell(msg.files.length ? `${msg.message}: ${msg.files.join(', ')}` : msg.message));
      return;
    case 'entered_review_mode':
      s.reviewHint = msg.hint;
      app.addCell(infoCell(`Reviewing ${msg.hint}…`));
      return;
    case 'exited_review_mode':
      if (msg.findings !== null) app.addCell(new ReviewCell(s.reviewHint ?? 'changes', msg.findings));
      s.reviewHint = undefined;
      return;
    case 'shutdown_complete':
      app.quit();
      return;
    // The search shows when it ends; the composer reads history.jsonl itself.
    case 'web_search_begin':
    case 'get_history_entry_response':
      return;
    default: {
      const _: never = msg;
      return _;
    }
  }
}

/** `{ expandKey }` when the transcript view has a key (exactOptionalPropertyTypes: no undefined). */
function withKey(key: string | undefined): { expandKey?: string } {
  return key ? { expandKey: key } : {};
}

function mcpListCell(servers: McpServerStatus[]): HistoryCell {
  if (!servers.length) return warningCell('No MCP servers configured. See the mcp_servers section of config.toml.');
  const lines: string[] = ['/mcp'];
  for (const s of servers) {
    lines.push(`  ${s.name} — ${s.state}${s.error ? `: ${s.error}` : ''}`);
    for (const t of s.tools) lines.push(`    ${t.qualified_name}${t.description ? ` — ${t.description}` : ''}`);
    if (!s.tools.length && s.state === 'ready') lines.push('    (no tools)');
  }
  return infoCell(lines.join('\n'));
}
