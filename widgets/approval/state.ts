// The approval modal's state (reference §3.5, the numbered form), pure: which
// option is selected, how keys choose one, and the queue of requests that
// arrive while one is open. Keys reach this through the keymap machine as
// `select(n)` (number keys), `move(±1)` (arrows), `shortcut('y' | 'a' | 'n' |
// 'esc')` and Enter (`decision()`); `ApprovalModal.apply` maps the keymap's
// modal actions onto these. The third option (n / esc), like Ctrl+C, denies and
// ends the turn (the protocol's `abort`): the composer comes back so the user
// can say what to do instead, and the model hears the refusal with that message.
import type { FileChange } from '../diff/parse.js';

/** Structurally the agent protocol's ReviewDecision. */
export type ReviewDecision = 'approved' | 'approved_for_session' | 'denied' | 'abort';

export type ApprovalRequest =
  | { kind: 'exec'; id: string; command: readonly string[]; cwd?: string; reason?: string }
  | {
      kind: 'patch';
      id: string;
      changes: Readonly<Record<string, FileChange>>;
      reason?: string;
      grantRoot?: string;
      /** Paths under it are shown relative. */
      cwd?: string;
    };

export interface ApprovalOption {
  label: string;
  /** A line under the label: what choosing it grants beyond this request. */
  description?: string;
  key: 'y' | 'a' | 'esc';
  /** Further keys that choose this option. */
  aliases?: readonly string[];
  decision: ReviewDecision;
}

const EXEC_OPTIONS: readonly ApprovalOption[] = [
  { label: 'Yes, proceed', key: 'y', decision: 'approved' },
  { label: "Yes, and don't ask again for this command", key: 'a', decision: 'approved_for_session' },
  { label: 'No, and tell Codex what to do differently', key: 'esc', aliases: ['n'], decision: 'abort' },
];

/** The patch choices; only "don't ask again" grants the root, so only it says so. */
function patchOptions(grantRoot: string | undefined): readonly ApprovalOption[] {
  return [
    { label: 'Yes, proceed', key: 'y', decision: 'approved' },
    {
      label: "Yes, and don't ask again for these files", key: 'a', decision: 'approved_for_session',
      ...(grantRoot ? { description: `Also allows writes under ${grantRoot} for the rest of this session` } : {}),
    },
    { label: 'No, and tell Codex what to do differently', key: 'esc', aliases: ['n'], decision: 'abort' },
  ];
}

export function optionsFor(request: ApprovalRequest): readonly ApprovalOption[] {
  return request.kind === 'exec' ? EXEC_OPTIONS : patchOptions(request.grantRoot);
}

export class ApprovalState {
  readonly options: readonly ApprovalOption[];
  private index = 0;

  constructor(readonly request: ApprovalRequest) {
    this.options = optionsFor(request);
  }

  /** 0-based index of the highlighted option. */
  get selected(): number {
    return this.index;
  }

  /** Number key `n` (1-based); false when there is no such option. */
  select(n: number): boolean {
    if (!Number.isInteger(n) || n < 1 || n > this.options.length) return false;
    this.index = n - 1;
    return true;
  }

  /** Arrow keys; the selection wraps around. */
  move(delta: number): void {
    const n = this.options.length;
    this.index = (((this.index + delta) % n) + n) % n;
  }

  /** Enter: the highlighted option's decision. */
  decision(): ReviewDecision {
    return this.options[this.index]!.decision;
  }

  /** A letter key (case-insensitive) or esc: its decision, or undefined if no option has it. */
  shortcut(key: string): ReviewDecision | undefined {
    const k = key.toLowerCase();
    const i = this.options.findIndex((o) => o.key === k || o.aliases?.includes(k));
    if (i < 0) return undefined;
    this.index = i;
    return this.options[i]!.decision;
  }
}

/** Requests in arrival order; the first is the open one. */
export class ApprovalQueue<T extends { readonly request: ApprovalRequest } = ApprovalState> {
  private readonly items: T[] = [];

  constructor(private readonly make: (req: ApprovalRequest) => T) {}

  get current(): T | undefined {
    return this.items[0];
  }

  get size(): number {
    return this.items.length;
  }

  /** Adds a request; returns true when it became the open one. */
  push(request: ApprovalRequest): boolean {
    this.items.push(this.make(request));
    return this.items.length === 1;
  }

  /** Closes the open request with `decision`; the next one (if any) opens. */
  resolve(decision: ReviewDecision): { request: ApprovalRequest; decision: ReviewDecision; next: T | undefined } {
    const done = this.items.shift();
    if (!done) throw new Error('no approval request is open');
    return { request: done.request, decision, next: this.items[0] };
  }

  /** Drops every pending request (the turn ended or was interrupted); returns them. */
  clear(): ApprovalRequest[] {
    return this.items.splice(0).map((i) => i.request);
  }
}
