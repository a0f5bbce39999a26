// One task (reference §4.8): a user input becomes one or more model requests.
// Each request sends the full history plus any input injected meanwhile; the
// returned items are recorded, their tool calls run one after another, and
// their outputs go back to the model until it answers without calling a tool.
import type { Config } from '../config/types.js';
import type { JsonSchema, ModelRequest, ResponseEvent, ResponseItem, StreamModel, ToolSpec } from '../model/items.js';
import { ModelError } from '../model/errors.js';
import { callOutput, isCall, isUserTurn, messageText } from './conversation.js';
import { reasoningParams, turnFamily } from './model-family.js';
import type { EventMsg, TokenUsage } from '../protocol/events.js';
import type { TurnContext } from './turn-context.js';

type Call = Extract<ResponseItem, { type: 'function_call' | 'custom_tool_call' | 'local_shell_call' }>;

/** What a task needs from its session. */
export interface TaskHost {
  readonly config: Config;
  readonly sessionId: string;
  readonly originator: string;
  readonly streamModel: StreamModel;
  /** Constrains the final answer (`text.format`). */
  readonly outputSchema?: JsonSchema;
  turnContext(): TurnContext;
  history(): readonly ResponseItem[];
  record(items: ResponseItem[]): void;
  emit(msg: EventMsg): void;
  /** Input the user submitted while this task ran; seen by the next request. */
  takePendingInput(): ResponseItem[];
  addTokenUsage(usage: TokenUsage): void;
  /** The tools offered on this request. */
  toolSpecs(ctx: TurnContext): ToolSpec[];
  /** Compacts the history first if the last request came near the context limit. */
  maybeAutoCompact(signal: AbortSignal): Promise<void>;
  /** Runs one tool call and returns the output text for the model. */
  runTool(call: Call, ctx: TurnContext, signal: AbortSignal): Promise<string>;
}

export interface TaskOptions {
  /** Replaces the base instructions (compaction). */
  instructions?: string;
  /** Offer no tools (compaction); also never auto-compacts. */
  noTools?: boolean;
  /** Show nothing to the front ends (automatic compaction's summary request). */
  quiet?: boolean;
}

export class TaskAborted extends Error {
  override name = 'TaskAborted';
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new TaskAborted('interrupted');
}

export function buildRequest(host: TaskHost, ctx: TurnContext, opts: TaskOptions): ModelRequest {
  const { config } = host;
  const family = turnFamily(config, ctx.model);
  const store = !config.disableResponseStorage;
  const reasoning = reasoningParams(family, ctx.effort, ctx.summary);
  const req: ModelRequest = {
    model: ctx.model,
    instructions: opts.instructions ?? ctx.baseInstructions,
    input: [...host.history()],
    tools: opts.noTools ? [] : host.toolSpecs(ctx),
    parallel_tool_calls: false,
    store,
    include: !store && reasoning ? ['reasoning.encrypted_content'] : [],
    prompt_cache_key: host.sessionId,
  };
  if (reasoning) req.reasoning = reasoning;
  if (family.verbosity && config.verbosity) req.text = { verbosity: config.verbosity };
  if (host.outputSchema && !opts.noTools) {
    req.text = { ...req.text, format: { type: 'json_schema', name: 'codex_output_schema', schema: host.outputSchema, strict: true } };
  }
  return req;
}

/** Streams one model request and returns its output items (only those of the attempt that completed). */
async function streamTurn(host: TaskHost, req: ModelRequest, signal: AbortSignal, quiet: boolean): Promise<ResponseItem[]> {
  const showRaw = host.config.showRawAgentReasoning;
  const emit = quiet ? () => undefined : (m: EventMsg) => host.emit(m);
  let items: ResponseItem[] = [];
  const events: AsyncIterable<ResponseEvent> = host.streamModel(host.config.provider, req, {
    signal,
    sessionId: host.sessionId,
    originator: host.originator,
    codexHome: host.config.codexHome,
    onRetry: (n) => host.emit({ type: 'stream_error', message: n.message }),
    onProgress: (message) => host.emit({ type: 'background_event', message }),
  });
  for await (const ev of events) {
    switch (ev.type) {
      case 'created':
        items = []; // a retried stream starts over
        break;
      case 'output_text_delta':
        emit({ type: 'agent_message_delta', delta: ev.delta });
        break;
      case 'reasoning_summary_delta':
        emit({ type: 'agent_reasoning_delta', delta: ev.delta });
        break;
      case 'reasoning_content_delta':
        if (showRaw) emit({ type: 'agent_reasoning_raw_content_delta', delta: ev.delta });
        break;
      case 'reasoning_summary_part_added':
        emit({ type: 'agent_reasoning_section_break' });
        break;
      case 'output_item_done':
        items.push(ev.item);
        break;
      case 'completed':
        if (ev.token_usage) host.addTokenUsage(ev.token_usage);
        return items;
      case 'output_item_added':
        if (ev.item.type === 'web_search_call') emit({ type: 'web_search_begin', call_id: ev.item.id ?? '' });
        break;
    }
  }
  return items;
}

/** Adds user input to the history; typed text is announced as user_message when it enters the conversation. */
export function recordInput(host: TaskHost, items: ResponseItem[]): void {
  for (const it of items) {
    host.record([it]);
    const text = isUserTurn(it) ? messageText(it) : '';
    if (text) host.emit({ type: 'user_message', message: text });
  }
}

/** Shows an output item to the front ends. */
function announce(host: TaskHost, item: ResponseItem): void {
  if (item.type === 'message' && item.role === 'assistant') {
    const text = messageText(item);
    if (text) host.emit({ type: 'agent_message', message: text });
  } else if (item.type === 'web_search_call') {
    host.emit({ type: 'web_search_end', call_id: item.id ?? '', query: item.action?.query ?? '' });
  } else if (item.type === 'reasoning') {
    for (const s of item.summary) host.emit({ type: 'agent_reasoning', text: s.text });
    if (host.config.showRawAgentReasoning) {
      for (const c of item.content ?? []) host.emit({ type: 'agent_reasoning_raw_content', text: c.text });
    }
  }
}

/**
 * Runs the task to the end. Returns the last agent message. Throws TaskAborted
 * when `signal` fires, and ModelError when the model request fails for good.
 */
export async function runTask(host: TaskHost, signal: AbortSignal, opts: TaskOptions = {}): Promise<string | null> {
  for (;;) {
    throwIfAborted(signal);
    if (!opts.noTools) await host.maybeAutoCompact(signal);
    recordInput(host, host.takePendingInput());
    const ctx = host.turnContext();
    let output: ResponseItem[];
    try {
      output = await streamTurn(host, buildRequest(host, ctx, opts), signal, opts.quiet === true);
    } catch (err) {
      if (signal.aborted || (err instanceof ModelError && err.kind === 'aborted')) throw new TaskAborted('interrupted');
      throw err;
    }
    let calledTools = false;
    // The final answer comes from the last model response only: a note sent
    // beside tool calls ("Let me check.") is progress, not the answer.
    let last: string | null = null;
    for (const item of output) {
      throwIfAborted(signal);
      host.record([item]);
      if (!opts.quiet) announce(host, item);
      if (item.type === 'message' && item.role === 'assistant') last = messageText(item) || last;
      if (!isCall(item)) continue;
      calledTools = true;
      const result = await host.runTool(item, ctx, signal);
      throwIfAborted(signal);
      host.record([callOutput(item, result)]);
    }
    if (!calledTools) return last;
  }
}
