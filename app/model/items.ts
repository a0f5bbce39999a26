// The model wire contract: Responses API items (the history the agent keeps and
// resends in full every turn), the request the agent builds, and the events the
// client streams back (reference §4.5–4.7). Schemas validate what comes off the
// wire; types are inferred from them so the two never drift apart.
import { z } from 'zod';
import type { ReasoningEffort, ReasoningSummary } from '../protocol/policy.js';
import type { Verbosity } from '../config/schema.js';
import type { ModelProviderInfo } from '../config/types.js';
import type { TokenUsage } from '../protocol/events.js';

// ---------------------------------------------------------------- content

export const contentItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input_text'), text: z.string() }),
  z.object({ type: z.literal('output_text'), text: z.string() }),
  z.object({ type: z.literal('input_image'), image_url: z.string() }),
]);
export type ContentItem = z.infer<typeof contentItemSchema>;

// ---------------------------------------------------------------- items

const messageSchema = z.object({
  type: z.literal('message'),
  id: z.string().optional(),
  role: z.enum(['user', 'assistant', 'developer', 'system']),
  content: z.array(contentItemSchema),
});

const reasoningSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })).default([]),
  /** Raw reasoning (gpt-oss); shown only with show_raw_agent_reasoning. */
  content: z.array(z.object({ type: z.enum(['reasoning_text', 'text']), text: z.string() })).optional(),
  encrypted_content: z.string().nullable().optional(),
});

const functionCallSchema = z.object({
  type: z.literal('function_call'),
  id: z.string().optional(),
  name: z.string(),
  /** JSON text exactly as the model produced it; may be malformed (the tool reports that). */
  arguments: z.string(),
  call_id: z.string(),
});

const functionCallOutputSchema = z.object({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.string(),
});

const customToolCallSchema = z.object({
  type: z.literal('custom_tool_call'),
  id: z.string().optional(),
  status: z.string().optional(),
  name: z.string(),
  /** Free-form text (e.g. a patch for the freeform apply_patch tool). */
  input: z.string(),
  call_id: z.string(),
});

const customToolCallOutputSchema = z.object({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string(),
  output: z.string(),
});

export const localShellActionSchema = z.object({
  type: z.literal('exec'),
  command: z.array(z.string()),
  timeout_ms: z.number().int().nullable().optional(),
  working_directory: z.string().nullable().optional(),
  env: z.record(z.string(), z.string()).nullable().optional(),
  user: z.string().nullable().optional(),
});

const localShellCallSchema = z.object({
  type: z.literal('local_shell_call'),
  id: z.string().optional(),
  /** The API sets call_id; some providers only send id, which then stands in for it. */
  call_id: z.string().optional(),
  status: z.enum(['completed', 'in_progress', 'incomplete']),
  action: localShellActionSchema,
});

const webSearchCallSchema = z.object({
  type: z.literal('web_search_call'),
  id: z.string().optional(),
  status: z.string().optional(),
  action: z.looseObject({ type: z.string(), query: z.string().optional() }).optional(),
});

/** One item of the conversation history, as sent in `input` and received in `output_item.done`. */
export const responseItemSchema = z.discriminatedUnion('type', [
  messageSchema,
  reasoningSchema,
  functionCallSchema,
  functionCallOutputSchema,
  customToolCallSchema,
  customToolCallOutputSchema,
  localShellCallSchema,
  webSearchCallSchema,
]);
export type ResponseItem = z.infer<typeof responseItemSchema>;
export type MessageItem = z.infer<typeof messageSchema>;
export type ReasoningItem = z.infer<typeof reasoningSchema>;
export type FunctionCallItem = z.infer<typeof functionCallSchema>;
export type FunctionCallOutputItem = z.infer<typeof functionCallOutputSchema>;
export type CustomToolCallItem = z.infer<typeof customToolCallSchema>;
export type CustomToolCallOutputItem = z.infer<typeof customToolCallOutputSchema>;
export type LocalShellCallItem = z.infer<typeof localShellCallSchema>;
export type WebSearchCallItem = z.infer<typeof webSearchCallSchema>;

// ---------------------------------------------------------------- tools

export type JsonSchema = { readonly [key: string]: unknown };

/** Tool specs in Responses API form. The Chat wire sends only the `function` ones. */
export type ToolSpec =
  | { type: 'function'; name: string; description: string; strict: boolean; parameters: JsonSchema }
  | {
      type: 'custom';
      name: string;
      description: string;
      format: { type: 'grammar'; syntax: 'lark' | 'regex'; definition: string } | { type: 'text' };
    }
  | { type: 'local_shell' }
  | { type: 'web_search'; external_web_access?: boolean };

// ---------------------------------------------------------------- request

export interface ModelRequest {
  model: string;
  /** Base instructions; the Chat wire sends them as the leading system message. */
  instructions: string;
  /** The full history, resent every turn (no previous_response_id). */
  input: ResponseItem[];
  tools: ToolSpec[];
  parallel_tool_calls: boolean;
  /** Reasoning model families, or any model the user chose an effort for; `summary: 'none'` is dropped by the caller. */
  reasoning?: { effort?: ReasoningEffort; summary?: Exclude<ReasoningSummary, 'none'> };
  /** GPT-5 family verbosity and/or `--output-schema`. */
  text?: {
    verbosity?: Verbosity;
    format?: { type: 'json_schema'; name: string; schema: JsonSchema; strict: boolean };
  };
  /** `!disable_response_storage` for API keys. */
  store: boolean;
  /** e.g. `["reasoning.encrypted_content"]` when store is false and reasoning is on. */
  include: string[];
  /** The conversation id. */
  prompt_cache_key?: string;
}

// ---------------------------------------------------------------- events


/**
 * What `streamModel` yields. `created` starts every attempt: when a broken
 * stream is retried, a fresh `created` follows and the consumer must drop the
 * partial output (deltas and items) of the previous attempt. `completed` is
 * always last and only comes once the server finished the response.
 */
export type ResponseEvent =
  | { type: 'created' }
  /** Only forwarded for web_search_call (→ WebSearchBegin). */
  | { type: 'output_item_added'; item: ResponseItem }
  | { type: 'output_text_delta'; delta: string }
  | { type: 'reasoning_summary_delta'; delta: string }
  | { type: 'reasoning_content_delta'; delta: string }
  | { type: 'reasoning_summary_part_added' }
  /** The authoritative item: message, reasoning, function/custom/local-shell call, web search. */
  | { type: 'output_item_done'; item: ResponseItem }
  | { type: 'completed'; response_id: string; token_usage?: TokenUsage };

/** A retry the client is about to make; `message` is what front ends show. */
export interface RetryNotice {
  /** `request`: HTTP connect error/5xx/429; `stream`: the stream broke before completion. */
  kind: 'request' | 'stream';
  attempt: number;
  max: number;
  delayMs: number;
  reason: string;
  /** `Reconnecting... n/N (reason)` */
  message: string;
}

export interface StreamOptions {
  signal?: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
  /** Work before the request that takes a while (pulling an `--oss` model), in a line. */
  onProgress?: (message: string) => void;
  /** Conversation id: the `session_id` header. */
  sessionId?: string;
  /** `originator` header; default `codex_cli_rs`. */
  originator?: string;
  /** Where auth.json lives (built-in openai provider). */
  codexHome?: string;
  /** Environment for env_key / env_http_headers; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** A key that wins over auth.json and OPENAI_API_KEY for OpenAI-auth providers (exec's CODEX_API_KEY). */
  apiKey?: string;
}

/** Implemented by `streamModel` in `app/model/client.ts`; errors are `ModelError` (`app/model/errors.ts`). */
export type StreamModel = (
  provider: ModelProviderInfo,
  request: ModelRequest,
  opts?: StreamOptions,
) => AsyncIterable<ResponseEvent>;
