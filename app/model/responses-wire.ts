// The Responses API wire (reference §4.5, §4.6): the request body, and a pure
// decoder from SSE events to ResponseEvents. `response.completed` is held back
// and emitted by finish(), so a stream that breaks first is a StreamError.
import { z } from 'zod';
import { logger } from '../log.js';
import { fatalError, StreamError } from './errors.js';
import { responseItemSchema, type ModelRequest, type ResponseEvent, type ResponseItem } from './items.js';
import { type TokenUsage } from '../protocol/events.js';
import { retryHintFromMessage } from './retry.js';
import type { SseEvent } from './sse.js';
import { tokenUsage, type Wire, type WireDecoder } from './wire.js';

const log = logger('codex_core::model');

/**
 * An item as it goes back to the API. Output items keep the `id` the server
 * gave them in the history, but only reasoning is sent with it: with
 * `store: false` nothing was stored under those ids, and the API answers 404
 * "Item with id … not found" for a message or call that names one.
 */
export function inputItem(item: ResponseItem): ResponseItem {
  if (item.type === 'reasoning' || !('id' in item) || item.id === undefined) return item;
  const { id, ...rest } = item;
  // A local_shell_call whose provider only sent `id` is answered under that id.
  return item.type === 'local_shell_call' && item.call_id === undefined ? { ...rest, call_id: id } as ResponseItem : rest as ResponseItem;
}

export function responsesBody(r: ModelRequest): Record<string, unknown> {
  return {
    model: r.model,
    instructions: r.instructions,
    input: r.input.map(inputItem),
    tools: r.tools,
    tool_choice: 'auto',
    parallel_tool_calls: r.parallel_tool_calls,
    ...(r.reasoning && { reasoning: r.reasoning }),
    store: r.store,
    stream: true,
    include: r.include,
    ...(r.prompt_cache_key !== undefined && { prompt_cache_key: r.prompt_cache_key }),
    ...(r.text && { text: r.text }),
  };
}

const wireUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens: z.number().nullish(),
  output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
  total_tokens: z.number().nullish(),
});
type WireUsage = z.infer<typeof wireUsageSchema>;
/** The part of `response.completed` the client keeps, checked at the edge. */
const completedSchema = z.object({ id: z.string().nullish(), usage: wireUsageSchema.nullish() });

export function mapResponsesUsage(u: WireUsage): TokenUsage {
  return tokenUsage(u.input_tokens, u.input_tokens_details?.cached_tokens, u.output_tokens, u.output_tokens_details?.reasoning_tokens, u.total_tokens);
}

const CONTENT_TYPES = new Set(['input_text', 'output_text', 'input_image']);

function parseItem(raw: unknown, what: string): ResponseItem | undefined {
  // A message keeps its text even when it also carries parts we do not model (e.g. refusal).
  const m = raw as { type?: unknown; content?: unknown };
  if (m?.type === 'message' && Array.isArray(m.content)) {
    raw = { ...m, content: m.content.filter((c: { type?: unknown }) => CONTENT_TYPES.has(String(c?.type))) };
  }
  const r = responseItemSchema.safeParse(raw);
  if (r.success) return r.data;
  log.debug(`ignoring ${what} item the client does not know:`, JSON.stringify(raw)?.slice(0, 500));
  return undefined;
}

/** `response.failed`: fatal conditions end the turn; anything else is retried like a cut stream. */
function failure(error: { code?: string; type?: string; message?: string } | undefined): Error {
  const message = error?.message ?? 'response.failed event received';
  return fatalError(error?.code) ?? fatalError(error?.type) ?? new StreamError(message, retryHintFromMessage(message));
}

export class ResponsesDecoder implements WireDecoder {
  private completed: Extract<ResponseEvent, { type: 'completed' }> | undefined;

  get done(): boolean {
    return this.completed !== undefined;
  }

  push(ev: SseEvent): ResponseEvent[] {
    let data: { type?: string; [k: string]: unknown };
    try {
      data = JSON.parse(ev.data) as typeof data;
    } catch {
      log.warn('skipping SSE event that is not JSON:', ev.data.slice(0, 200));
      return [];
    }
    if (typeof data !== 'object' || data === null) return [];
    const type = data.type ?? ev.event;
    const delta = typeof data.delta === 'string' ? data.delta : '';
    switch (type) {
      case 'response.output_text.delta': return [{ type: 'output_text_delta', delta }];
      case 'response.reasoning_summary_text.delta': return [{ type: 'reasoning_summary_delta', delta }];
      case 'response.reasoning_text.delta': return [{ type: 'reasoning_content_delta', delta }];
      case 'response.reasoning_summary_part.added': return [{ type: 'reasoning_summary_part_added' }];
      case 'response.output_item.added': {
        const raw = data.item as { type?: string } | undefined;
        if (raw?.type !== 'web_search_call') return [];
        const item = parseItem(raw, 'added');
        return item ? [{ type: 'output_item_added', item }] : [];
      }
      case 'response.output_item.done': {
        const item = parseItem(data.item, 'output');
        return item ? [{ type: 'output_item_done', item }] : [];
      }
      case 'response.completed': {
        const parsed = completedSchema.safeParse(data.response ?? {});
        if (!parsed.success) {
          const where = parsed.error.issues.map((i) => `response.${i.path.join('.')}: ${i.message}`).join('; ');
          throw new StreamError(`malformed response.completed event: ${where}`);
        }
        const resp = parsed.data;
        this.completed = {
          type: 'completed',
          response_id: resp.id ?? '',
          ...(resp.usage && { token_usage: mapResponsesUsage(resp.usage) }),
        };
        return [];
      }
      case 'response.failed': {
        const resp = (data.response ?? {}) as { error?: { code?: string; type?: string; message?: string } };
        throw failure(resp.error);
      }
      case 'error': {
        // The API's stream-level error event (and llama.cpp's `error:` line): its message, not "stream closed".
        const e = data as { code?: unknown; type?: unknown; message?: unknown };
        throw failure({ ...(typeof e.code === 'string' && { code: e.code }), ...(typeof e.message === 'string' && { message: e.message }) });
      }
      case 'response.incomplete': {
        const resp = (data.response ?? {}) as { incomplete_details?: { reason?: string } | null };
        throw new StreamError(`Incomplete response returned, reason: ${resp.incomplete_details?.reason ?? 'unknown'}`);
      }
      default: return []; // created, in_progress, *.done, argument deltas: nothing the agent needs
    }
  }

  finish(): ResponseEvent[] {
    if (!this.completed) throw new StreamError('stream closed before response.completed');
    return [this.completed];
  }
}

export const RESPONSES_WIRE: Wire = {
  path: '/responses',
  customTools: true,
  headers: (sessionId) => ({ 'openai-beta': 'responses=experimental', ...(sessionId ? { session_id: sessionId } : {}) }),
  body: responsesBody,
  decoder: () => new ResponsesDecoder(),
};
