// What every tool handler gets for one call.
import type { SessionApprovals } from '../approvals/session-approvals.js';
import type { Config } from '../config/types.js';
import type { RootPins } from '../sandbox/pins.js';
import type { ResponseItem } from '../model/items.js';
import type { ApprovalGate } from './approval-gate.js';
import type { EventMsg } from '../protocol/events.js';
import type { TurnContext } from './turn-context.js';
import type { TurnDiffTracker } from './turn-diff.js';

export interface ToolEnv {
  readonly config: Config;
  readonly ctx: TurnContext;
  readonly callId: string;
  readonly signal: AbortSignal;
  readonly gate: ApprovalGate;
  readonly approvals: SessionApprovals;
  /** The session's writable roots, pinned at its start (app/sandbox/pins.ts). */
  readonly sandboxRoots: RootPins;
  readonly tracker: TurnDiffTracker;
  /** The session's log; apply_patch keeps its commit journal beside it. */
  readonly sessionLog: string;
  emit(msg: EventMsg): void;
  /**
   * Call before the tool may write files: saves a checkpoint of `cwd`'s work
   * tree (once a turn) and of `paths` (a patch's files, absolute). Never
   * throws: a checkpoint that cannot be saved is a warning and the tool runs.
   */
  checkpoint(cwd: string, paths?: readonly string[]): Promise<void>;
  /** Adds items the model sees from its next request on (view_image's picture). */
  inject(items: ResponseItem[]): void;
}
