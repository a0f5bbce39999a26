// The conversation history the model sees (resent in full every request), and
// the questions the loop asks of it: which calls still lack an output, where
// the user turns start (fork), what a front end shows on resume.
import type { ResponseItem } from '../model/items.js';
import { COMPACTED_HISTORY_PREFIX } from './prompt.js';
import type { InitialMessage } from '../protocol/events.js';

type Call = Extract<ResponseItem, { type: 'function_call' | 'custom_tool_call' | 'local_shell_call' }>;

const USER_INSTRUCTIONS = '<user_instructions>';
const ENVIRONMENT_CONTEXT = '<environment_context>';
/** What the user did outside the conversation that the model must know: an undo, a review. */
export const USER_ACTION = '<user_action>';
/** Messages the session adds itself: before the first user turn, on context changes, after a compaction, after a user action. */
const CONTEXT_PREFIXES = [USER_INSTRUCTIONS, ENVIRONMENT_CONTEXT, COMPACTED_HISTORY_PREFIX, USER_ACTION];

export function messageText(item: ResponseItem): string {
  if (item.type !== 'message') return '';
  return item.content.map((c) => ('text' in c ? c.text : '')).join('');
}

export function userMessage(text: string): ResponseItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

export function assistantMessage(text: string): ResponseItem {
  return { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] };
}

/** A context message telling the model what the user did (`<user_action>…</user_action>`). */
export function userActionMessage(text: string): ResponseItem {
  return userMessage(`${USER_ACTION}\n${text}\n</user_action>`);
}

/** How many user turns the history holds: the number of the turn a new task is. */
export function userTurnCount(items: readonly ResponseItem[]): number {
  return items.filter(isUserTurn).length;
}

/** A user message typed by the user (not context the session injected). */
export function isUserTurn(item: ResponseItem): boolean {
  if (item.type !== 'message' || item.role !== 'user') return false;
  const text = messageText(item).trimStart();
  return !CONTEXT_PREFIXES.some((p) => text.startsWith(p));
}

export function callId(item: Call): string {
  return item.call_id ?? ('id' in item && item.id ? item.id : '');
}

export function isCall(item: ResponseItem): item is Call {
  return item.type === 'function_call' || item.type === 'custom_tool_call' || item.type === 'local_shell_call';
}

/** The output item answering `call`. */
export function callOutput(call: Call, output: string): ResponseItem {
  return call.type === 'custom_tool_call'
    ? { type: 'custom_tool_call_output', call_id: call.call_id, output }
    : { type: 'function_call_output', call_id: callId(call), output };
}

/**
 * Outputs for every call that has none (after an interrupt), so the API
 * accepts the history: `aborted`, or what `outputFor` says for that call id
 * (a refusal the user gave while ending the turn).
 */
export function missingOutputs(items: readonly ResponseItem[], outputFor: (callId: string) => string | undefined = () => undefined): ResponseItem[] {
  const answered = new Set<string>();
  for (const it of items) {
    if (it.type === 'function_call_output' || it.type === 'custom_tool_call_output') answered.add(it.call_id);
  }
  return items.filter(isCall).filter((c) => !answered.has(callId(c))).map((c) => callOutput(c, outputFor(callId(c)) ?? 'aborted'));
}

/** History cut before the `n`-th user turn counted from the end (n ≥ 1); n = 0 keeps everything. */
export function dropLastUserTurns(items: readonly ResponseItem[], n: number): ResponseItem[] {
  if (n <= 0) return [...items];
  let seen = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    if (isUserTurn(items[i]!) && ++seen === n) return items.slice(0, i);
  }
  return leadingContext(items);
}

/** The session's context messages before the first user turn. */
export function leadingContext(items: readonly ResponseItem[]): ResponseItem[] {
  const first = items.findIndex(isUserTurn);
  return items.slice(0, first < 0 ? items.length : first).filter((it) => it.type === 'message' && !isUserTurn(it));
}

/**
 * The context a compacted history starts from: the user instructions and the
 * latest environment context (the settings in force now, not those at the
 * start), without an earlier compaction's summary (the new one covers it).
 */
export function currentContext(items: readonly ResponseItem[]): ResponseItem[] {
  const instructions = leadingContext(items).filter((it) => messageText(it).trimStart().startsWith(USER_INSTRUCTIONS));
  const env = lastEnvironmentContext(items);
  return [...instructions, ...(env !== undefined ? [userMessage(env)] : [])];
}

/** What front ends render for a resumed or forked session. */
export function initialMessages(items: readonly ResponseItem[]): InitialMessage[] {
  const out: InitialMessage[] = [];
  for (const it of items) {
    if (isUserTurn(it)) out.push({ type: 'user_message', message: messageText(it) });
    else if (it.type === 'message' && it.role === 'assistant') out.push({ type: 'agent_message', message: messageText(it) });
  }
  return out;
}

/** The text of the last <environment_context> message the model saw, if any. */
export function lastEnvironmentContext(items: readonly ResponseItem[]): string | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (it.type !== 'message' || it.role !== 'user') continue;
    const text = messageText(it);
    if (text.trimStart().startsWith(ENVIRONMENT_CONTEXT)) return text;
  }
  return undefined;
}
