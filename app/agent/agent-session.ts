// The session's state and the ops that act on it, one at a time in submission
// order: settings, approvals answered, history, /undo, review, fork, shutdown.
// The running task is session-task.ts's; starting a session is session.ts's.
import type { Config } from '../config/types.js';
import type { JsonSchema, ResponseItem, StreamModel } from '../model/items.js';
import { MESSAGES } from '../approvals/index.js';
import { ApprovalGate } from './approval-gate.js';
import { Checkpoints } from '../checkpoints/checkpoints.js';
import { checkpointDirFor } from '../checkpoints/log.js';
import { dropLastUserTurns, initialMessages, isUserTurn, userMessage, userTurnCount } from './conversation.js';
import { undoEvent, undoNote } from './file-undo.js';
import { prepareReview } from './review-task.js';
import { environmentContextMessage } from './environment-context.js';
import { EventBus, type EventListener } from './event-bus.js';
import { appendHistory, historyEntry, historyMetadata } from './history.js';
import { uuidv7 } from './ids.js';
import { baseInstructions } from './prompt.js';
import type { EventMsg } from '../protocol/events.js';
import type { InputItem, Op, ReviewTarget } from '../protocol/ops.js';
import { appendSessionName } from './session-index.js';
import { SessionTasks, type TaskSession } from './session-task.js';
import { describeIoError } from '../tools/apply-patch/io-error.js';
import { newSessionMeta, RolloutRecorder } from './rollout.js';
import { ToolRouter, type McpManager } from './tool-router.js';
import { applyOverride, environmentChanged, initialTurnContext, turnContextRecord, type TurnContext } from './turn-context.js';
import { userInputItems } from './user-input.js';

/** Events kept in the rollout besides the items (what a front end replays). */
const PERSISTED_EVENTS = new Set<EventMsg['type']>(['agent_message', 'user_message', 'token_count', 'agent_reasoning', 'turn_aborted', 'error']);

interface SessionParts {
  readonly config: Config;
  readonly rec: RolloutRecorder;
  readonly id: string;
  readonly originator: string;
  readonly streamModel: StreamModel;
  readonly mcp: McpManager | undefined;
  readonly outputSchema: JsonSchema | undefined;
  readonly recordHistory: boolean;
  /** The history so far (replayed on resume). */
  readonly items: ResponseItem[];
}

/** The session's state and its ops; the tasks it runs are session-task.ts's. */
export class AgentSession implements TaskSession {
  private readonly bus = new EventBus();
  private readonly gate = new ApprovalGate((msg) => this.emit(this.tasks.current?.subId ?? '', msg));
  readonly config: Config;
  readonly originator: string;
  readonly streamModel: StreamModel;
  private readonly mcp: McpManager | undefined;
  readonly outputSchema: JsonSchema | undefined;
  private readonly recordHistory: boolean;
  readonly tools: ToolRouter;
  rec: RolloutRecorder;
  private sessionId: string;
  items: ResponseItem[];
  ctx: TurnContext;
  private readonly tasks = new SessionTasks(this);
  private nextSub = 1;
  closed = false;
  private ops: Promise<void> = Promise.resolve();
  /** Checkpoints of the files turns change, kept beside the rollout (app/checkpoints). */
  readonly checkpoints: Checkpoints;

  constructor(p: SessionParts) {
    this.config = p.config;
    this.rec = this.watched(p.rec);
    this.sessionId = p.id;
    this.originator = p.originator;
    this.streamModel = p.streamModel;
    this.mcp = p.mcp;
    this.outputSchema = p.outputSchema;
    this.recordHistory = p.recordHistory;
    this.items = [...p.items];
    this.ctx = initialTurnContext(p.config, baseInstructions(p.config.baseInstructionsOverride));
    this.tools = new ToolRouter({ config: p.config, gate: this.gate, mcp: p.mcp });
    this.checkpoints = new Checkpoints(checkpointDirFor(p.rec.path));
  }

  get id(): string {
    return this.sessionId;
  }

  nextSubId(): string {
    return String(this.nextSub++);
  }

  /** A log that cannot be written (a full disk) is said once, as a warning, and the session goes on. */
  private watched(rec: RolloutRecorder): RolloutRecorder {
    rec.onWriteFailure = (message) => this.emit(this.tasks.current?.subId ?? '', { type: 'warning', message });
    return rec;
  }

  get rolloutPath(): string {
    return this.rec.path;
  }

  subscribe(listener: EventListener): () => void {
    return this.bus.subscribe(listener);
  }

  emit(id: string, msg: EventMsg): void {
    if (PERSISTED_EVENTS.has(msg.type)) this.rec.record('event_msg', msg);
    this.bus.emit({ id, msg });
  }

  record(items: ResponseItem[]): void {
    for (const it of items) {
      this.items.push(it);
      if (isUserTurn(it)) this.rec.materialize();
      this.rec.record('response_item', it);
    }
  }

  configured(initial?: ReturnType<typeof initialMessages>): void {
    const { logId, count } = historyMetadata(this.config.codexHome);
    this.emit('', {
      type: 'session_configured',
      session_id: this.sessionId,
      model: this.ctx.model,
      ...(this.ctx.effort ? { reasoning_effort: this.ctx.effort } : {}),
      history_log_id: logId,
      history_entry_count: count,
      ...(initial?.length ? { initial_messages: initial } : {}),
      rollout_path: this.rec.path,
    });
  }

  submit(op: Op): string {
    const id = this.nextSubId();
    // One op at a time, in submission order, after the caller got the id back
    // (an interrupt right after a user_input finds the task started). Tasks
    // themselves run outside this queue.
    this.ops = this.ops.then(() => this.handle(id, op)).catch((err: unknown) => {
      this.emit(id, { type: 'error', message: (err as Error).message });
    });
    return id;
  }

  private async handle(id: string, op: Op): Promise<void> {
    if (this.closed && op.type !== 'shutdown') return;
    switch (op.type) {
      case 'user_input':
        return this.userInput(id, op.items);
      case 'override_turn_context': {
        const next = applyOverride(this.ctx, op);
        const changed = environmentChanged(this.ctx, next);
        this.ctx = next;
        if (changed) this.record([userMessage(this.environmentContext())]);
        this.rec.record('turn_context', turnContextRecord(next));
        return;
      }
      case 'interrupt':
        this.tasks.current?.abort.abort();
        return;
      case 'exec_approval':
      case 'patch_approval': {
        const kind = op.type === 'exec_approval' ? 'exec' : 'patch';
        // `abort` refuses and ends the turn: the call is answered with the refusal
        // (not "aborted") when the next request goes out, after the user spoke.
        if (this.gate.answer(kind, op.id, op.decision) && op.decision === 'abort') {
          this.tasks.current?.refusals.set(op.id, kind === 'exec' ? MESSAGES.commandRejectedByUser : MESSAGES.patchRejectedByUser);
        }
        if (op.decision === 'abort') this.tasks.current?.abort.abort();
        return;
      }
      case 'add_to_history':
        if (this.config.historyPersistence !== 'none') appendHistory(this.config.codexHome, this.sessionId, op.text);
        return;
      case 'get_history_entry_request': {
        const entry = historyEntry(this.config.codexHome, op.log_id, op.offset);
        this.emit(id, { type: 'get_history_entry_response', offset: op.offset, log_id: op.log_id, ...(entry ? { entry } : {}) });
        return;
      }
      case 'list_mcp_tools':
        this.emit(id, { type: 'mcp_list_tools_response', servers: this.mcp?.statuses() ?? [] });
        return;
      case 'compact':
        await this.tasks.replace();
        this.tasks.start(id, [], { type: 'compact' });
        return;
      case 'fork':
        return this.fork(id, op.drop_user_turns, op.restore_files === true);
      case 'undo':
        return this.undo(id);
      case 'review':
        return this.review(id, op.target);
      case 'set_session_name':
        try {
          appendSessionName(this.config.codexHome, this.sessionId, op.name);
          this.emit(id, { type: 'background_event', message: `Session renamed to "${op.name}"` });
        } catch (err) {
          this.emit(id, { type: 'warning', message: `The session name could not be saved: ${describeIoError(err)}` });
        }
        return;
      case 'shutdown':
        return this.shutdown(id);
    }
  }

  private environmentContext(): string {
    return environmentContext(this.ctx);
  }

  private async userInput(id: string, input: InputItem[]): Promise<void> {
    const items = await userInputItems(input, this.ctx.cwd);
    const text = input.flatMap((i) => (i.type === 'text' ? [i.text] : [])).join('\n');
    if (text && this.recordHistory && this.config.historyPersistence !== 'none') appendHistory(this.config.codexHome, this.sessionId, text);
    if (this.tasks.current) {
      // Injected: the running task's next request sees it (user_message is emitted then).
      this.tasks.current.pending.push(...items);
      this.tasks.current.inputs.push(text);
      return;
    }
    this.tasks.start(id, items, { type: 'regular' }, text);
  }

  private async undo(id: string): Promise<void> {
    if (this.tasks.current) {
      this.emit(id, { type: 'undo_failed', message: 'Undo is not available while a turn runs: wait for it to end or interrupt it (Esc).', files: [] });
      return;
    }
    const outcome = await this.checkpoints.undo('last');
    const event = undoEvent(outcome, this.ctx.cwd);
    // The model's next request says what is back, so it does not build on edits that are gone.
    if (event.type === 'undo_completed') this.record([undoNote(event.files)]);
    this.emit(id, event);
  }

  private async review(id: string, target: ReviewTarget): Promise<void> {
    if (this.tasks.current) {
      this.emit(id, { type: 'error', message: 'A review cannot start while a turn runs.' });
      return;
    }
    const review = await prepareReview(this.ctx.cwd, target);
    if ('error' in review) {
      this.emit(id, { type: 'error', message: review.error });
      return;
    }
    this.tasks.start(id, [], { type: 'review', review });
  }

  private async fork(id: string, dropUserTurns: number, restoreFiles: boolean): Promise<void> {
    await this.tasks.replace();
    // The first dropped turn: files go back to their state before it, and its checkpoints stay behind.
    const firstDropped = userTurnCount(this.items) - dropUserTurns + 1;
    if (restoreFiles) this.emit(id, undoEvent(await this.checkpoints.undo({ fromTurn: firstDropped }), this.ctx.cwd));
    const kept = dropLastUserTurns(this.items, dropUserTurns);
    this.rec.close();
    this.sessionId = uuidv7();
    this.rec = this.watched(RolloutRecorder.create(this.config.codexHome, newSessionMeta(this.config, this.sessionId, this.originator)));
    this.checkpoints.moveTo(checkpointDirFor(this.rec.path), firstDropped);
    this.items = [];
    this.record(kept);
    const shown = initialMessages(kept);
    // The new log gets the conversation as events too, which is what a resume shows.
    for (const m of shown) this.rec.record('event_msg', m);
    this.configured(shown);
  }

  private async shutdown(id: string): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.tasks.current?.abort.abort();
      await this.tasks.current?.done;
      await this.mcp?.shutdown();
      this.checkpoints.close();
      this.rec.close();
    }
    this.emit(id, { type: 'shutdown_complete' });
  }

}

export function environmentContext(ctx: TurnContext): string {
  return environmentContextMessage({
    cwd: ctx.cwd, approvalPolicy: ctx.approvalPolicy, sandboxPolicy: ctx.sandboxPolicy,
    ...(process.env.SHELL ? { shell: process.env.SHELL } : {}),
  });
}
