// Wires approval requests to the approval modal (widgets/approval): requests
// queue in arrival order, the open one takes the 'modal' keymap mode, and the
// decision goes back to the loop as an exec_approval/patch_approval op (same
// call id) with a line in the transcript recording it. A turn that ends drops
// whatever was still waiting.
import type { ResolvedAction } from '../../keymaps/engine.js';
import { decisionCell } from '../../widgets/approval/history.js';
import { ApprovalModal } from '../../widgets/approval/modal.js';
import { ApprovalQueue, type ApprovalRequest, type ReviewDecision } from '../../widgets/approval/state.js';
import type { ApprovalRequestMsg } from './app-host.js';
import type { TuiApp } from './app.js';
import type { Overlay, OverlayResult } from './overlay.js';

export function toApprovalRequest(msg: ApprovalRequestMsg, cwd: string): ApprovalRequest {
  if (msg.type === 'exec_approval_request') {
    return { kind: 'exec', id: msg.call_id, command: msg.command, cwd: msg.cwd, ...(msg.reason ? { reason: msg.reason } : {}) };
  }
  return {
    kind: 'patch', id: msg.call_id, changes: msg.changes, cwd,
    ...(msg.reason ? { reason: msg.reason } : {}), ...(msg.grant_root ? { grantRoot: msg.grant_root } : {}),
  };
}

class ApprovalOverlay implements Overlay {
  readonly mode = 'modal';
  readonly placement = 'bottom';
  constructor(readonly widget: ApprovalModal, private readonly decide: (d: ReviewDecision) => void) {}

  handle(r: ResolvedAction): OverlayResult {
    const decision = this.widget.apply(r.action);
    if (decision) this.decide(decision);
    return 'handled';
  }
}

export interface Approvals {
  /** Queues a request; the first one opens the modal. */
  request(msg: ApprovalRequestMsg): void;
  /** The turn ended: drops what was still waiting. */
  clear(): void;
}

export function approvals(app: TuiApp): Approvals {
  const queue = new ApprovalQueue((req) => new ApprovalModal(req));
  let open: ApprovalOverlay | undefined;
  const show = (): void => {
    const current = queue.current;
    if (!current) return;
    open = new ApprovalOverlay(current, decide);
    app.pushOverlay(open);
  };
  function decide(decision: ReviewDecision): void {
    const { request, next } = queue.resolve(decision);
    app.submit({ type: request.kind === 'exec' ? 'exec_approval' : 'patch_approval', id: request.id, decision });
    app.addCell(decisionCell(request, decision));
    app.closeOverlay(open);
    open = undefined;
    if (next) show();
  }
  return {
    request(msg): void {
      if (queue.push(toApprovalRequest(msg, app.config.cwd))) show();
    },
    clear(): void {
      queue.clear();
      if (open) app.closeOverlay(open);
      open = undefined;
    },
  };
}
