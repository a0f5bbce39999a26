// The session's tasks: one runs at a time, in the background of the op queue.
// A task answers typed input, compacts the history, or reviews a diff; this
// module starts it, gives it its TaskHost (token usage, automatic compaction,
// the checkpoint hook before each edit) and ends it (complete, aborted, failed).
import type { Config } from '../config/types.js';
import type { JsonSchema, ResponseItem, StreamModel } from '../model/items.js';
import { ModelError } from '../model/errors.js';
import type { Checkpoints } from '../checkpoints/checkpoints.js';
import { autoCompactLimit, runCompaction } from './compact.js';
import { missingOutputs, userTurnCount } from './conversation.js';
import { endTurnCheckpoint } from './file-undo.js';
import { reviewOutcome, runReview, type PreparedReview } from './review-task.js';
import { turnFamily, type ModelFamily } from './model-family.js';
import { notify } from './notify.js';
import type { EventMsg, TokenUsage } from '../protocol/events.js';
import { addUsage, reportedContextWindow, ZERO_USAGE } from './token-usage.js';
import type { RolloutRecorder } from './rollout.js';
import type { ToolRouter } from './tool-router.js';
import { recordInput, runTask, TaskAborted, type TaskHost } from './turn.js';
import { turnContextRecord, type TurnContext } from './turn-context.js';

/** A task answers typed input, compacts the history, or reviews a diff in a history of its own. */
export type TaskKind = { type: 'regular' } | { type: 'compact' } | { type: 'review'; review: PreparedReview };

export interface RunningTask {
  readonly subId: string;
  readonly abort: AbortController;
  readonly inputs: string[];
  /** Calls the user refused with `abort`, and the output the model gets for each. */
  readonly refusals: Map<string, string>;
  pending: ResponseItem[];
  done: Promise<void>;
}

/** What a task reads and changes of the session it runs in. */
export interface TaskSession {
  readonly config: Config;
  readonly id: string;
  readonly originator: string;
  readonly streamModel: StreamModel;
  readonly outputSchema: JsonSchema | undefined;
  readonly tools: ToolRouter;
  readonly rec: RolloutRecorder;
  /** Checkpoints of the files turns change, kept beside the rollout (app/checkpoints). */
  readonly checkpoints: Checkpoints;
  readonly ctx: TurnContext;
  readonly closed: boolean;
  items: ResponseItem[];
  emit(id: string, msg: EventMsg): void;
  record(items: ResponseItem[]): void;
  /** The id of an op the session starts by itself (the follow-up task). */
  nextSubId(): string;
}

export class SessionTasks {
  /** The running task, if any. */
  current: RunningTask | undefined;
  private usage = ZERO_USAGE;
  /** Usage of the latest model request (what the next one starts from). */
  private lastUsage: TokenUsage | undefined;

  constructor(private readonly s: TaskSession) {}

  /** The family of the model the next turn runs with. */
  private get family(): ModelFamily {
    return turnFamily(this.s.config, this.s.ctx.model);
  }

  /** Starting a task while one runs (compaction) aborts the old one with reason `replaced`. */
  async replace(): Promise<void> {
    const t = this.current;
    if (!t) return;
    t.abort.abort('replaced');
    await t.done;
  }

  start(subId: string, input: ResponseItem[], kind: TaskKind, text = ''): void {
    const task: RunningTask = { subId, abort: new AbortController(), inputs: text ? [text] : [], refusals: new Map(), pending: [], done: Promise.resolve() };
    this.current = task;
    task.done = this.run(task, input, kind).finally(() => {
      if (this.current === task) this.current = undefined;
      // Input injected after the last request of a finished task starts the next one;
      // an interrupted task drops it (front ends offer it back for editing).
      if (task.pending.length && !this.s.closed && !task.abort.signal.aborted) {
        this.start(this.s.nextSubId(), task.pending, { type: 'regular' }, task.inputs.slice(1).join('\n'));
      }
    });
  }

  private host(task: RunningTask, tracker = this.s.tools.newTurn(this.s.ctx.cwd)): TaskHost {
    const s = this.s;
    return {
      config: s.config,
      sessionId: s.id,
      originator: s.originator,
      streamModel: s.streamModel,
      ...(s.outputSchema ? { outputSchema: s.outputSchema } : {}),
      turnContext: () => s.ctx,
      history: () => s.items,
      record: (items) => s.record(items),
      emit: (msg) => s.emit(task.subId, msg),
      takePendingInput: () => task.pending.splice(0),
      addTokenUsage: (last) => {
        this.usage = addUsage(this.usage, last);
        this.lastUsage = last;
        s.emit(task.subId, {
          type: 'token_count',
          info: {
            total_token_usage: this.usage, last_token_usage: last,
            ...this.windowField(),
          },
        });
      },
      toolSpecs: (ctx) => s.tools.specs(ctx),
      maybeAutoCompact: (signal) => this.maybeAutoCompact(task, signal),
      runTool: (call, ctx, signal) => s.tools.run(call, ctx, signal, {
        tracker, emit: (msg) => s.emit(task.subId, msg), inject: (items) => task.pending.push(...items), sessionLog: s.rec.path,
        checkpoint: async (cwd, paths) => {
          try {
            await s.checkpoints.beforeEdit(cwd, paths);
          } catch (err) {
            s.emit(task.subId, { type: 'warning', message: `No checkpoint of the files before this change (/undo cannot restore them): ${(err as Error).message}` });
          }
        },
      }),
    };
  }

  /** Automatic compaction (reference §4.9, later versions) before a request that would not fit. */
  private async maybeAutoCompact(task: RunningTask, signal: AbortSignal): Promise<void> {
    const limit = autoCompactLimit(this.s.config, this.family);
    if (limit === undefined || !this.lastUsage || this.lastUsage.total_tokens < limit) return;
    this.lastUsage = undefined;
    const { summary, replacement } = await runCompaction(this.host(task), signal, { auto: true });
    this.s.items = replacement;
    this.s.rec.record('compacted', { message: summary, replacement_history: replacement });
    this.s.emit(task.subId, { type: 'background_event', message: 'Context compacted' });
  }

  /** `model_context_window` for task_started and token_count, when the model's window is known. */
  private windowField(): { model_context_window?: number } {
    return this.family.contextWindow ? { model_context_window: reportedContextWindow(this.family.contextWindow) } : {};
  }

  private async run(task: RunningTask, input: ResponseItem[], kind: TaskKind): Promise<void> {
    const s = this.s;
    const emit = (msg: EventMsg) => s.emit(task.subId, msg);
    emit({ type: 'task_started', ...this.windowField() });
    s.rec.record('turn_context', turnContextRecord(s.ctx));
    const host = this.host(task);
    try {
      if (kind.type === 'compact') {
        const { summary, replacement } = await runCompaction(host, task.abort.signal);
        s.items = replacement;
        s.rec.record('compacted', { message: summary, replacement_history: replacement });
        emit({ type: 'agent_message', message: 'Compact task completed' });
        emit({ type: 'task_complete', last_agent_message: null });
        return;
      }
      if (kind.type === 'review') {
        emit({ type: 'entered_review_mode', hint: kind.review.hint });
        const findings = await runReview(host, task.abort.signal, kind.review);
        if (findings) s.record(reviewOutcome(kind.review, findings));
        emit({ type: 'exited_review_mode', findings });
        emit({ type: 'task_complete', last_agent_message: findings });
        return;
      }
      recordInput(host, input);
      s.checkpoints.beginTurn(userTurnCount(s.items));
      const last = await runTask(host, task.abort.signal);
      await this.endCheckpoint(emit);
      emit({ type: 'task_complete', last_agent_message: last });
      notify(s.config.notify, {
        threadId: s.id, turnId: task.subId, cwd: s.ctx.cwd,
        inputMessages: task.inputs.filter(Boolean), lastAssistantMessage: last,
      });
    } catch (err) {
      await this.endCheckpoint(emit);
      if (kind.type === 'review') emit({ type: 'exited_review_mode', findings: null });
      if (err instanceof TaskAborted || task.abort.signal.aborted) {
        s.record(missingOutputs(s.items, (id) => task.refusals.get(id)));
        emit({ type: 'turn_aborted', reason: task.abort.signal.reason === 'replaced' ? 'replaced' : 'interrupted' });
        return;
      }
      const message = err instanceof ModelError || err instanceof Error ? err.message : String(err);
      s.record(missingOutputs(s.items));
      emit({ type: 'error', message });
      emit({ type: 'task_complete', last_agent_message: null });
    }
  }

  /** Records what the turn changed (an interrupted or failed turn too), so /undo can put it back. */
  private async endCheckpoint(emit: (msg: EventMsg) => void): Promise<void> {
    const event = await endTurnCheckpoint(this.s.checkpoints, this.s.ctx.cwd);
    if (event) emit(event);
  }
}
