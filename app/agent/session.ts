// The Session: the one agent loop every front end drives. Ops go in through
// submit(); one ordered stream of events comes out through subscribe().
// Tasks run in the background; interrupt, approvals and injected input act on
// the running task. See reference §4.1 and §4.8.
import type { Config } from '../config/types.js';
import type { JsonSchema, ResponseItem, StreamModel } from '../model/items.js';
import { ModelError } from '../model/errors.js';
import { MESSAGES } from '../approvals/index.js';
import { userInstructions, userInstructionsMessage } from './agents-md.js';
import { ApprovalGate } from './approval-gate.js';
import { autoCompactLimit, runCompaction } from './compact.js';
import { Checkpoints } from '../checkpoints/checkpoints.js';
import { checkpointDirFor } from '../checkpoints/log.js';
import { dropLastUserTurns, initialMessages, isUserTurn, lastEnvironmentContext, missingOutputs, userMessage, userTurnCount } from './conversation.js';
import { endTurnCheckpoint, undoEvent, undoNote } from './file-undo.js';
import { prepareReview, reviewOutcome, runReview, type PreparedReview } from './review-task.js';
import { environmentContextMessage } from './environment-context.js';
import { EventBus, type EventListener } from './event-bus.js';
import { appendHistory, historyEntry, historyMetadata } from './history.js';
import { uuidv7 } from './ids.js';
import { turnFamily, type ModelFamily } from './model-family.js';
import { notify } from './notify.js';
import { baseInstructions } from './prompt.js';
import type { EventMsg, TokenUsage } from '../protocol/events.js';
import type { InputItem, Op, ReviewTarget } from '../protocol/ops.js';
import { addUsage, ZERO_USAGE } from './token-usage.js';
import { appendSessionName } from './session-index.js';
import { describeIoError } from '../tools/apply-patch/io-error.js';
import { displayedMessages, newSessionMeta, readRollout, replayItems, RolloutRecorder } from './rollout.js';
import { ToolRouter, type McpManager } from './tool-router.js';
import { recordInput, runTask, TaskAborted, type TaskHost } from './turn.js';
import { applyOverride, environmentChanged, initialTurnContext, turnContextRecord, type TurnContext } from './turn-context.js';
import { userInputItems } from './user-input.js';
import { recoverUnfinishedPatches } from '../tools/apply-patch/index.js';

export { RolloutError } from './rollout.js';

export interface SessionOptions {
  /** Continue a recorded session: its items are replayed so the model sees them. */
  resume?: { rolloutPath: string };
  /** `originator` header and rollout field; default `codex_cli_rs` (exec passes `codex_exec`). */
  originator?: string;
  /** JSON Schema the final answer must follow (`exec --output-schema`). */
  outputSchema?: JsonSchema;
  /** API key for OpenAI-auth providers, before auth.json (exec's CODEX_API_KEY). */
  apiKey?: string;
  /**
   * Append submitted prompts to history.jsonl (default true). exec and the MCP
   * server do not, as in the original: scripted runs would flood the TUI's ↑ history.
   */
  recordHistory?: boolean;
}

export interface Session {
  readonly id: string;
  readonly rolloutPath: string;
  submit(op: Op): string;
  subscribe(listener: EventListener): () => void;
}

/** A task answers typed input, compacts the history, or reviews a diff in a history of its own. */
type TaskKind = { type: 'regular' } | { type: 'compact' } | { type: 'review'; review: PreparedReview };

interface RunningTask {
  readonly subId: string;
  readonly abort: AbortController;
  readonly inputs: string[];
  /** Calls the user refused with `abort`, and the output the model gets for each. */
  readonly refusals: Map<string, string>;
  pending: ResponseItem[];
  done: Promise<void>;
}

function originatorFor(config: Config, opts: SessionOptions): string {
  return process.env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE
    || config.toml.responses_originator_header_internal_override
    || opts.originator
    || 'codex_cli_rs';
}

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

class AgentSession implements Session {
  private readonly bus = new EventBus();
  private readonly gate = new ApprovalGate((msg) => this.emit(this.task?.subId ?? '', msg));
  readonly config: Config;
  readonly originator: string;
  private readonly streamModel: StreamModel;
  private readonly mcp: McpManager | undefined;
  private readonly outputSchema: JsonSchema | undefined;
  private readonly recordHistory: boolean;
  private readonly tools: ToolRouter;
  private rec: RolloutRecorder;
  private sessionId: string;
  private items: ResponseItem[];
  private ctx: TurnContext;
  private task: RunningTask | undefined;
  private nextSub = 1;
  private usage = ZERO_USAGE;
  /** Usage of the latest model request (what the next one starts from). */
  private lastUsage: TokenUsage | undefined;
  private closed = false;
  private ops: Promise<void> = Promise.resolve();
  /** Checkpoints of the files turns change, kept beside the rollout (app/checkpoints). */
  private readonly checkpoints: Checkpoints;

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

  /** The family of the model the next turn runs with. */
  private get family(): ModelFamily {
    return turnFamily(this.config, this.ctx.model);
  }

  get id(): string {
    return this.sessionId;
  }

  /** A log that cannot be written (a full disk) is said once, as a warning, and the session goes on. */
  private watched(rec: RolloutRecorder): RolloutRecorder {
    rec.onWriteFailure = (message) => this.emit(this.task?.subId ?? '', { type: 'warning', message });
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
    const id = String(this.nextSub++);
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
        this.task?.abort.abort();
        return;
      case 'exec_approval':
      case 'patch_approval': {
        const kind = op.type === 'exec_approval' ? 'exec' : 'patch';
        // `abort` refuses and ends the turn: the call is answered with the refusal
        // (not "aborted") when the next request goes out, after the user spoke.
        if (this.gate.answer(kind, op.id, op.decision) && op.decision === 'abort') {
          this.task?.refusals.set(op.id, kind === 'exec' ? MESSAGES.commandRejectedByUser : MESSAGES.patchRejectedByUser);
        }
        if (op.decision === 'abort') this.task?.abort.abort();
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
        await this.replaceTask();
        this.startTask(id, [], { type: 'compact' });
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
    if (this.task) {
      // Injected: the running task's next request sees it (user_message is emitted then).
      this.task.pending.push(...items);
      this.task.inputs.push(text);
      return;
    }
    this.startTask(id, items, { type: 'regular' }, text);
  }

  /** Starting a task while one runs (compaction) aborts the old one with reason `replaced`. */
  private async replaceTask(): Promise<void> {
    const t = this.task;
    if (!t) return;
    t.abort.abort('replaced');
    await t.done;
  }

  private startTask(subId: string, input: ResponseItem[], kind: TaskKind, text = ''): void {
    const task: RunningTask = { subId, abort: new AbortController(), inputs: text ? [text] : [], refusals: new Map(), pending: [], done: Promise.resolve() };
    this.task = task;
    task.done = this.runTask(task, input, kind).finally(() => {
      if (this.task === task) this.task = undefined;
      // Input injected after the last request of a finished task starts the next one;
      // an interrupted task drops it (front ends offer it back for editing).
      if (task.pending.length && !this.closed && !task.abort.signal.aborted) {
        this.startTask(String(this.nextSub++), task.pending, { type: 'regular' }, task.inputs.slice(1).join('\n'));
      }
    });
  }

  private host(task: RunningTask, tracker = this.tools.newTurn(this.ctx.cwd)): TaskHost {
    return {
      config: this.config,
      sessionId: this.sessionId,
      originator: this.originator,
      streamModel: this.streamModel,
      ...(this.outputSchema ? { outputSchema: this.outputSchema } : {}),
      turnContext: () => this.ctx,
      history: () => this.items,
      record: (items) => this.record(items),
      emit: (msg) => this.emit(task.subId, msg),
      takePendingInput: () => task.pending.splice(0),
      addTokenUsage: (last) => {
        this.usage = addUsage(this.usage, last);
        this.lastUsage = last;
        this.emit(task.subId, {
          type: 'token_count',
          info: {
            total_token_usage: this.usage, last_token_usage: last,
            ...(this.family.contextWindow ? { model_context_window: this.family.contextWindow } : {}),
          },
        });
      },
      toolSpecs: (ctx) => this.tools.specs(ctx),
      maybeAutoCompact: (signal) => this.maybeAutoCompact(task, signal),
      runTool: (call, ctx, signal) => this.tools.run(call, ctx, signal, {
        tracker, emit: (msg) => this.emit(task.subId, msg), inject: (items) => task.pending.push(...items), sessionLog: this.rec.path,
        checkpoint: async (cwd, paths) => {
          try {
            await this.checkpoints.beforeEdit(cwd, paths);
          } catch (err) {
            this.emit(task.subId, { type: 'warning', message: `No checkpoint of the files before this change (/undo cannot restore them): ${(err as Error).message}` });
          }
        },
      }),
    };
  }

  /** Automatic compaction (reference §4.9, later versions) before a request that would not fit. */
  private async maybeAutoCompact(task: RunningTask, signal: AbortSignal): Promise<void> {
    const limit = autoCompactLimit(this.config, this.family);
    if (limit === undefined || !this.lastUsage || this.lastUsage.total_tokens < limit) return;
    this.lastUsage = undefined;
    const { summary, replacement } = await runCompaction(this.host(task), signal, { auto: true });
    this.items = replacement;
    this.rec.record('compacted', { message: summary, replacement_history: replacement });
    this.emit(task.subId, { type: 'background_event', message: 'Context compacted' });
  }

  private async runTask(task: RunningTask, input: ResponseItem[], kind: TaskKind): Promise<void> {
    const emit = (msg: EventMsg) => this.emit(task.subId, msg);
    emit({ type: 'task_started', ...(this.family.contextWindow ? { model_context_window: this.family.contextWindow } : {}) });
    this.rec.record('turn_context', turnContextRecord(this.ctx));
    const host = this.host(task);
    try {
      if (kind.type === 'compact') {
        const { summary, replacement } = await runCompaction(host, task.abort.signal);
        this.items = replacement;
        this.rec.record('compacted', { message: summary, replacement_history: replacement });
        emit({ type: 'agent_message', message: 'Compact task completed' });
        emit({ type: 'task_complete', last_agent_message: null });
        return;
      }
      if (kind.type === 'review') {
        emit({ type: 'entered_review_mode', hint: kind.review.hint });
        const findings = await runReview(host, task.abort.signal, kind.review);
        if (findings) this.record(reviewOutcome(kind.review, findings));
        emit({ type: 'exited_review_mode', findings });
        emit({ type: 'task_complete', last_agent_message: findings });
        return;
      }
      recordInput(host, input);
      this.checkpoints.beginTurn(userTurnCount(this.items));
      const last = await runTask(host, task.abort.signal);
      await this.endCheckpoint(emit);
      emit({ type: 'task_complete', last_agent_message: last });
      notify(this.config.notify, {
        threadId: this.sessionId, turnId: task.subId, cwd: this.ctx.cwd,
        inputMessages: task.inputs.filter(Boolean), lastAssistantMessage: last,
      });
    } catch (err) {
      await this.endCheckpoint(emit);
      if (kind.type === 'review') emit({ type: 'exited_review_mode', findings: null });
      if (err instanceof TaskAborted || task.abort.signal.aborted) {
        this.record(missingOutputs(this.items, (id) => task.refusals.get(id)));
        emit({ type: 'turn_aborted', reason: task.abort.signal.reason === 'replaced' ? 'replaced' : 'interrupted' });
        return;
      }
      const message = err instanceof ModelError || err instanceof Error ? err.message : String(err);
      this.record(missingOutputs(this.items));
      emit({ type: 'error', message });
      emit({ type: 'task_complete', last_agent_message: null });
    }
  }

  /** Records what the turn changed (an interrupted or failed turn too), so /undo can put it back. */
  private async endCheckpoint(emit: (msg: EventMsg) => void): Promise<void> {
    const event = await endTurnCheckpoint(this.checkpoints, this.ctx.cwd);
    if (event) emit(event);
  }

  private async undo(id: string): Promise<void> {
    if (this.task) {
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
    if (this.task) {
      this.emit(id, { type: 'error', message: 'A review cannot start while a turn runs.' });
      return;
    }
    const review = await prepareReview(this.ctx.cwd, target);
    if ('error' in review) {
      this.emit(id, { type: 'error', message: review.error });
      return;
    }
    this.startTask(id, [], { type: 'review', review });
  }

  private async fork(id: string, dropUserTurns: number, restoreFiles: boolean): Promise<void> {
    await this.replaceTask();
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
      this.task?.abort.abort();
      await this.task?.done;
      await this.mcp?.shutdown();
      this.checkpoints.close();
      this.rec.close();
    }
    this.emit(id, { type: 'shutdown_complete' });
  }

}

function environmentContext(ctx: TurnContext): string {
  return environmentContextMessage({
    cwd: ctx.cwd, approvalPolicy: ctx.approvalPolicy, sandboxPolicy: ctx.sandboxPolicy,
    ...(process.env.SHELL ? { shell: process.env.SHELL } : {}),
  });
}

export async function startSession(config: Config, opts: SessionOptions = {}): Promise<Session> {
  const originator = originatorFor(config, opts);
  const client = await import('../model/client.js');
  const { apiKey } = opts;
  const streamModel: StreamModel = apiKey ? (p, r, o) => client.streamModel(p, r, { ...o, apiKey }) : client.streamModel;
  let mcp: McpManager | undefined;
  // Problems found while starting wait for the session; later ones (a server that exits) go out at once.
  const mcpEvents: EventMsg[] = [];
  let deliver = (m: EventMsg): void => void mcpEvents.push(m);
  if (Object.values(config.mcpServers).some((s) => s.enabled !== false)) {
    const { McpConnectionManager } = await import('../mcp/client/manager.js');
    mcp = await McpConnectionManager.start(config.mcpServers, {
      cwd: config.cwd,
      onEvent: (e) => deliver(
        e.kind === 'startup_failed' ? { type: 'error', message: e.message }
          : e.kind === 'server_exited' ? { type: 'warning', message: e.message }
            : { type: 'background_event', message: e.message },
      ),
    });
  }
  const common = { config, originator, streamModel, mcp, outputSchema: opts.outputSchema, recordHistory: opts.recordHistory !== false };
  let s: AgentSession;
  if (opts.resume) {
    const { meta, lines } = readRollout(opts.resume.rolloutPath);
    const items = replayItems(lines);
    s = new AgentSession({ ...common, rec: RolloutRecorder.append(opts.resume.rolloutPath), id: meta.id, items });
    // Calls cut off by the kill get their "aborted" outputs now.
    s.record(missingOutputs(items));
    // Resumed with other settings (`exec resume -s …`, another cwd): the model learns the new ones.
    const env = environmentContext(initialTurnContext(config, ''));
    if (lastEnvironmentContext(items) !== env) s.record([userMessage(env)]);
    s.configured(displayedMessages(lines) ?? initialMessages(items));
  } else {
    const id = uuidv7();
    const instructions = userInstructions({
      codexHome: config.codexHome, cwd: config.cwd,
      maxBytes: config.projectDocMaxBytes, fallbackFilenames: config.projectDocFallbackFilenames,
    });
    const rec = RolloutRecorder.create(config.codexHome, newSessionMeta(config, id, originator, instructions));
    s = new AgentSession({ ...common, rec, id, items: [] });
    // The context every new session starts with (reference §4.2).
    s.record([
      ...(instructions ? [userMessage(userInstructionsMessage(instructions))] : []),
      userMessage(environmentContext(initialTurnContext(config, ''))),
    ]);
    s.configured();
  }
  // A patch the last run did not live to finish is finished or undone before this one does anything.
  for (const message of recoverUnfinishedPatches(config.codexHome)) s.emit('', { type: 'warning', message });
  for (const m of mcpEvents) s.emit('', m);
  deliver = (m) => s.emit('', m);
  return s;
}
