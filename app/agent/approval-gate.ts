// Approvals are events answered by ops: a tool emits exec_approval_request /
// apply_patch_approval_request and waits here until the front end submits
// exec_approval / patch_approval with the same call id, or the task is interrupted.
import type { EventMsg } from '../protocol/events.js';
import type { ReviewDecision } from '../protocol/ops.js';

type Kind = 'exec' | 'patch';
type Request = Extract<EventMsg, { type: 'exec_approval_request' | 'apply_patch_approval_request' }>;

export class ApprovalGate {
  private readonly pending = new Map<string, { kind: Kind; resolve: (d: ReviewDecision) => void }>();

  constructor(private readonly emit: (msg: EventMsg) => void) {}

  /** Asks the front end; resolves 'abort' if `signal` fires first. */
  ask(request: Request, signal: AbortSignal): Promise<ReviewDecision> {
    const kind: Kind = request.type === 'exec_approval_request' ? 'exec' : 'patch';
    const key = `${kind}:${request.call_id}`;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve('abort');
      const onAbort = () => finish('abort');
      const finish = (d: ReviewDecision) => {
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(key);
        resolve(d);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(key, { kind, resolve: finish });
      this.emit(request);
    });
  }

  /** Delivers a decision; false when nothing waits for this id. */
  answer(kind: Kind, callId: string, decision: ReviewDecision): boolean {
    const p = this.pending.get(`${kind}:${callId}`);
    if (!p) return false;
    p.resolve(decision);
    return true;
  }
}
