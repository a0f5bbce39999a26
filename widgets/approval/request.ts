// The edges between the agent's approval events/ops and the modal, typed
// structurally (widgets do not import the agent): an `exec_approval_request` or
// `apply_patch_approval_request` event becomes an ApprovalRequest, and a
// decision becomes the `exec_approval` / `patch_approval` op answering it by call id.
import type { FileChange } from '../diff/parse.js';
import type { ApprovalRequest, ReviewDecision } from './state.js';

export type ApprovalEvent =
  | { type: 'exec_approval_request'; call_id: string; command: string[]; cwd: string; reason?: string }
  | { type: 'apply_patch_approval_request'; call_id: string; changes: Record<string, FileChange>; reason?: string; grant_root?: string };

export type ApprovalOp = { type: 'exec_approval' | 'patch_approval'; id: string; decision: ReviewDecision };

/** `cwd`: the session's working root, so patch paths are shown relative to it. */
export function approvalRequestFrom(ev: ApprovalEvent, cwd?: string): ApprovalRequest {
  if (ev.type === 'exec_approval_request') {
    return { kind: 'exec', id: ev.call_id, command: ev.command, cwd: ev.cwd, ...(ev.reason ? { reason: ev.reason } : {}) };
  }
  return {
    kind: 'patch',
    id: ev.call_id,
    changes: ev.changes,
    ...(ev.reason ? { reason: ev.reason } : {}),
    ...(ev.grant_root ? { grantRoot: ev.grant_root } : {}),
    ...(cwd ? { cwd } : {}),
  };
}

export function approvalOp(request: ApprovalRequest, decision: ReviewDecision): ApprovalOp {
  return { type: request.kind === 'exec' ? 'exec_approval' : 'patch_approval', id: request.id, decision };
}
