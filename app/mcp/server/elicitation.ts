// Approvals as MCP elicitations (reference §6.2): the request the server sends
// for an exec or patch approval, and the decision decoded from the answer.
import { shellJoin } from '../../text/shell-quote.js';
import type { EventMsg } from '../../protocol/events.js';
import type { ReviewDecision } from '../../protocol/ops.js';

type ExecRequest = Extract<EventMsg, { type: 'exec_approval_request' }>;
type PatchRequest = Extract<EventMsg, { type: 'apply_patch_approval_request' }>;
type RequestId = string | number;

const EMPTY_FORM = { type: 'object', properties: {} } as const;

export function execElicitation(ev: ExecRequest, toolCallId: RequestId, eventId: string) {
  return {
    message: `Allow Codex to run \`${shellJoin(ev.command)}\` in \`${ev.cwd}\`?`,
    requestedSchema: EMPTY_FORM,
    codex_elicitation: 'exec-approval',
    codex_mcp_tool_call_id: toolCallId,
    codex_event_id: eventId,
    codex_call_id: ev.call_id,
    codex_command: ev.command,
    codex_cwd: ev.cwd,
  };
}

export function patchElicitation(ev: PatchRequest, toolCallId: RequestId, eventId: string) {
  const question = 'Allow Codex to apply proposed code changes?';
  return {
    message: ev.reason ? `${ev.reason}\n${question}` : question,
    requestedSchema: EMPTY_FORM,
    codex_elicitation: 'patch-approval',
    codex_mcp_tool_call_id: toolCallId,
    codex_event_id: eventId,
    codex_call_id: ev.call_id,
    ...(ev.reason !== undefined && { codex_reason: ev.reason }),
    ...(ev.grant_root !== undefined && { codex_grant_root: ev.grant_root }),
    codex_changes: ev.changes,
  };
}

const DECISIONS: readonly ReviewDecision[] = ['approved', 'approved_for_session', 'denied', 'abort'];
const isDecision = (v: unknown): v is ReviewDecision => typeof v === 'string' && (DECISIONS as readonly string[]).includes(v);

/**
 * `{decision}` as the original expects; `{action: "accept", content: {decision}}` from
 * clients that answer in the standard elicitation shape. Anything else is `denied`.
 */
export function decodeDecision(result: unknown): ReviewDecision {
  if (typeof result !== 'object' || result === null) return 'denied';
  const r = result as { decision?: unknown; content?: { decision?: unknown } };
  if (isDecision(r.decision)) return r.decision;
  if (isDecision(r.content?.decision)) return r.content.decision;
  return 'denied';
}
