// The Chat Completions wire (reference §4.7), for `wire_api = "chat"`
// providers: history items and tools become chat messages and function tools;
// streamed chunks are aggregated back into Responses items (message,
// reasoning, function_call) so the agent sees one shape whatever the wire.
// 0.169 no longer speaks this wire; where the last one that did hid a chat
// server's reasoning (raw content, shown only with show_raw_agent_reasoning)
// and sent no effort, here the reasoning is what the server chose to show, so
// it is the summary, shown as the Responses one is, and the effort goes as
// Chat's `reasoning_effort` whenever the Responses wire would send one.
// Reasoning a server streams as `<think>…</think>` in the content, or as
// `…</think>` where the model's template opened the block, counts as
// reasoning too (think-tags.ts).
import { z } from 'zod';
import { logger } from '../log.js';
import { fatalError, ModelError, StreamError } from './errors.js';
import type { ContentItem, ModelRequest, ResponseEvent, ResponseItem, ToolSpec } from './items.js';
import type { TokenUsage } from '../protocol/events.js';
import type { SseEvent } from './sse.js';
import { templateOpensThink, ThinkSplitter, type ContentPart } from './think-tags.js';
import { tokenUsage, type Wire, type WireDecoder } from './wire.js';

const log = logger('codex_core::model');

interface ChatToolCall { id: string; type: 'function'; function: { name: string; arguments: string } }
type ChatContent = string | ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];
export type ChatMessage =
  | { role: 'system' | 'user' | 'assistant'; content: ChatContent | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

function content(parts: ContentItem[]): ChatContent {
  const text = parts.flatMap((p) => (p.type === 'input_image' ? [] : [p.text])).join('');
  if (!parts.some((p) => p.type === 'input_image')) return text;
  return parts.map((p) => (p.type === 'input_image' ? { type: 'image_url', image_url: { url: p.image_url } } : { type: 'text', text: p.text }));
}

/** The leading system message, then the history; consecutive calls share one assistant message. */
export function chatMessages(instructions: string, input: ResponseItem[]): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: instructions }];
  const call = (id: string, name: string, args: string) => {
    const tc: ChatToolCall = { id, type: 'function', function: { name, arguments: args } };
    const last = out[out.length - 1]!;
    if (last.role === 'assistant') (last.tool_calls ??= []).push(tc);
    else out.push({ role: 'assistant', content: null, tool_calls: [tc] });
  };
  for (const item of input) {
    switch (item.type) {
      case 'message':
        // Many chat servers know only system/user/assistant.
        out.push({ role: item.role === 'developer' ? 'system' : item.role, content: content(item.content) });
        break;
      case 'function_call': call(item.call_id, item.name, item.arguments); break;
      case 'custom_tool_call': call(item.call_id, item.name, item.input); break;
      case 'local_shell_call': call(item.call_id ?? item.id ?? '', 'local_shell', JSON.stringify(item.action)); break;
      case 'function_call_output':
      case 'custom_tool_call_output':
        out.push({ role: 'tool', tool_call_id: item.call_id, content: item.output });
        break;
      case 'reasoning':
      case 'web_search_call':
        break; // not representable on this wire
    }
  }
  return out;
}

/** Only function tools exist on the Chat wire. */
export function chatTools(tools: ToolSpec[]): object[] {
  return tools.flatMap((t) =>
    t.type === 'function'
      ? [{ type: 'function', function: { name: t.name, description: t.description, strict: t.strict, parameters: t.parameters } }]
      : [],
  );
}

export function chatBody(r: ModelRequest): Record<string, unknown> {
  const tools = chatTools(r.tools);
  const format = r.text?.format;
  return {
    model: r.model,
    messages: chatMessages(r.instructions, r.input),
    stream: true,
    // Servers (Ollama, vLLM, LM Studio) send usage only when asked; token counts and auto-compaction need it.
    stream_options: { include_usage: true },
    ...(tools.length > 0 && { tools }),
    ...(r.reasoning?.effort && { reasoning_effort: r.reasoning.effort }),
    // --output-schema: the Chat form of text.format.
    ...(format && { response_format: { type: 'json_schema', json_schema: { name: format.name, schema: format.schema, strict: format.strict } } }),
  };
}

// Chunks are checked at the edge: a provider that sends a wrong type (say,
// arguments as an object) is a stream error naming the field, not a call with
// "[object Object]" arguments or a TypeError deep in the decoder.
const chatUsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
});
type ChatUsage = z.infer<typeof chatUsageSchema>;

const chatErrorSchema = z.union([
  z.string(),
  z.object({ message: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish(), type: z.string().nullish() }),
]);

const chatChunkSchema = z.object({
  id: z.string().nullish(),
  error: chatErrorSchema.nullish(),
  usage: chatUsageSchema.nullish(),
  choices: z.array(z.object({
    delta: z.object({
      content: z.string().nullish(),
      reasoning: z.union([z.string(), z.object({ text: z.string().nullish() })]).nullish(),
      reasoning_content: z.string().nullish(),
      tool_calls: z.array(z.object({
        index: z.number().int().nullish(),
        id: z.string().nullish(),
        // Some gateways (and Ollama's native shape) send the arguments already parsed.
        function: z.object({ name: z.string().nullish(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish() }).nullish(),
      })).nullish(),
    }).nullish(),
    finish_reason: z.string().nullish(),
  })).nullish(),
});

function describeChunkIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'chunk'}: ${i.message}`).join('; ');
}

const TRANSIENT = /overloaded|rate.?limit|try again|temporar|unavailable|timed? ?out/i;
const CONTEXT = /context (length|window|size)|maximum context|too many tokens|exceeds the available context/i;

/**
 * An error the server sent inside the stream (`data: {"error": …}`, or
 * llama.cpp's `error:` field). Mostly the request itself is wrong (context
 * too long, unknown model): retrying would only resend it, so it is fatal
 * unless it reads as a passing condition.
 */
function streamFailure(error: z.infer<typeof chatErrorSchema>): Error {
  const message = typeof error === 'string' ? error : (error.message ?? 'error event in chat stream');
  const code = typeof error === 'string' ? undefined : (error.code ?? error.type);
  const known = fatalError(code) ?? (CONTEXT.test(message) ? fatalError('context_length_exceeded') : undefined);
  if (known) return new ModelError('fatal', `${known.message} (${message})`);
  return TRANSIENT.test(message) ? new StreamError(message) : new ModelError('fatal', `the model server reported an error: ${message}`);
}

function mapUsage(u: ChatUsage): TokenUsage {
  return tokenUsage(u.prompt_tokens, u.prompt_tokens_details?.cached_tokens, u.completion_tokens, u.completion_tokens_details?.reasoning_tokens, u.total_tokens);
}

export class ChatDecoder implements WireDecoder {
  private text = '';
  private reasoning = '';
  /** `<think>` reasoning at the start of the content (think-tags.ts). */
  private readonly think: ThinkSplitter;
  /** Tool calls in the order they began. */
  private calls: { index: number | undefined; id: string; name: string; arguments: string }[] = [];
  private responseId = '';
  private usage: TokenUsage | undefined;
  private finished = false;
  private flushed = false;
  private sawDone = false;

  /** `model`: the model asked for, which tells how it marks reasoning in the content. */
  constructor(model: string) {
    this.think = new ThinkSplitter(templateOpensThink(model));
  }

  get done(): boolean {
    return this.sawDone;
  }

  push(ev: SseEvent): ResponseEvent[] {
    if (ev.event === 'error') {
      let payload: unknown = ev.data;
      try {
        payload = JSON.parse(ev.data);
      } catch { /* plain text */ }
      const parsed = chatErrorSchema.safeParse(payload);
      throw streamFailure(parsed.success ? parsed.data : ev.data);
    }
    if (ev.data.trim() === '[DONE]') {
      this.sawDone = true;
      return [];
    }
    let raw: unknown;
    try {
      raw = JSON.parse(ev.data);
    } catch {
      log.warn('skipping SSE event that is not JSON:', ev.data.slice(0, 200));
      return [];
    }
    if (typeof raw !== 'object' || raw === null) return [];
    const parsed = chatChunkSchema.safeParse(raw);
    if (!parsed.success) throw new StreamError(`malformed chat completion chunk: ${describeChunkIssues(parsed.error)}`);
    const chunk = parsed.data;
    if (chunk.error) throw streamFailure(chunk.error);
    if (chunk.id) this.responseId = chunk.id;
    if (chunk.usage) this.usage = mapUsage(chunk.usage);
    const out: ResponseEvent[] = [];
    const choice = chunk.choices?.[0];
    const d = choice?.delta;
    if (d) {
      if (typeof d.content === 'string' && d.content !== '') this.content(this.think.push(d.content), out);
      const r = typeof d.reasoning === 'string' ? d.reasoning : (d.reasoning?.text ?? d.reasoning_content ?? '');
      if (r) this.content([{ kind: 'reasoning', text: r }], out);
      for (const tc of d.tool_calls ?? []) {
        const acc = this.slot(tc.index ?? undefined, tc.id ?? undefined);
        if (tc.id) acc.id = tc.id;
        // Assigned, not appended: some servers repeat the name in every delta.
        if (tc.function?.name) acc.name = tc.function.name;
        const args = tc.function?.arguments;
        if (typeof args === 'string') acc.arguments += args;
        else if (args) acc.arguments += JSON.stringify(args);
      }
    }
    if (choice?.finish_reason === 'length') {
      throw new ModelError('fatal', "The model's reply was cut off at its output limit (finish_reason: length). Raise the server's context or output limit (Ollama: num_ctx) or ask for less at a time.");
    }
    if (choice?.finish_reason) {
      this.finished = true;
      out.push(...this.flush());
    }
    return out;
  }

  /** Answer text and reasoning as they stream, aggregated for the items. */
  private content(parts: readonly ContentPart[], out: ResponseEvent[]): void {
    for (const p of parts) {
      switch (p.kind) {
        case 'text':
          this.text += p.text;
          out.push({ type: 'output_text_delta', delta: p.text });
          break;
        case 'reasoning':
          this.reasoning += p.text;
          out.push({ type: 'reasoning_summary_delta', delta: p.text });
          break;
        case 'reclassify':
          // Already streamed as answer text: the finished items put it right (the message replaces what streamed).
          this.reasoning += this.reasoning ? this.text : this.text.trimStart();
          this.text = '';
          break;
      }
    }
  }

  /**
   * The call a tool_calls delta continues. By `index` as the API defines it;
   * a delta with another `id` than its slot holds starts a new call (Ollama
   * sends every parallel call at index 0), and without an index a delta
   * continues the last call unless its id says otherwise (older Ollama).
   */
  private slot(index: number | undefined, id: string | undefined) {
    const differs = (c: { id: string }) => id !== undefined && id !== '' && c.id !== '' && c.id !== id;
    const same = index !== undefined ? this.calls.findLast((c) => c.index === index) : this.calls.at(-1);
    if (same && !differs(same)) return same;
    const call = { index, id: '', name: '', arguments: '' };
    this.calls.push(call);
    return call;
  }

  /** The aggregated items, once: reasoning, then the assistant message, then the calls in the order they began. */
  private flush(): ResponseEvent[] {
    if (this.flushed) return [];
    this.flushed = true;
    const out: ResponseEvent[] = [];
    this.content(this.think.end(), out);
    const items: ResponseItem[] = [];
    if (this.reasoning) items.push({ type: 'reasoning', id: '', summary: [{ type: 'summary_text', text: this.reasoning }] });
    if (this.text) items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: this.text }] });
    this.calls.forEach((c, n) => {
      // A no-argument call may come with "" arguments, which servers refuse when it is sent back.
      const args = c.arguments.trim() === '' ? '{}' : c.arguments;
      items.push({ type: 'function_call', name: c.name, arguments: args, call_id: c.id || `call_${n}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}` });
    });
    return [...out, ...items.map((item): ResponseEvent => ({ type: 'output_item_done', item }))];
  }

  finish(): ResponseEvent[] {
    if (!this.finished && !this.sawDone) throw new StreamError('stream closed before [DONE]');
    return [...this.flush(), { type: 'completed', response_id: this.responseId, ...(this.usage && { token_usage: this.usage }) }];
  }
}

export const CHAT_WIRE: Wire = {
  path: '/chat/completions',
  // Only function tools exist on the Chat Completions API.
  customTools: false,
  headers: () => ({}),
  body: chatBody,
  decoder: (model) => new ChatDecoder(model),
};
