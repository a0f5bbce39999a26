// A TuiApp over a fake session for snapshot and property tests: ops are
// recorded, events are emitted by the test, the clock is manual. The config is
// loaded for real from an empty CODEX_HOME, then given a fixed working root so
// rendered paths are stable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config/index.js';
import type { Config } from '../../app/config/types.js';
import type { Event, EventMsg } from '../../app/protocol/events.js';
import type { Op } from '../../app/protocol/ops.js';
import { TuiApp, type AgentSession } from '../../app/tui/app.js';
import { installApprovals } from '../../app/tui/approval-overlay.js';
import { installBacktrack } from '../../app/tui/backtrack.js';
import { PagerOverlay } from '../../app/tui/pager.js';
import { installSlashCommands } from '../../app/tui/slash-actions.js';

export class FakeSession implements AgentSession {
  readonly id = '00000000-0000-4000-8000-000000000001';
  readonly rolloutPath = '/dev/null';
  readonly ops: Op[] = [];
  private listeners: ((e: Event) => void)[] = [];
  private seq = 0;

  submit(op: Op): string {
    this.ops.push(op);
    return String(++this.seq);
  }

  subscribe(l: (e: Event) => void): () => void {
    this.listeners.push(l);
    return () => (this.listeners = this.listeners.filter((x) => x !== l));
  }

  emit(msg: EventMsg): void {
    for (const l of [...this.listeners]) l({ id: String(this.seq), msg });
  }
}

export interface Harness {
  app: TuiApp;
  session: FakeSession;
  clock: { now: number };
  exited: () => boolean;
  notifications: string[];
  cleanup(): void;
}

export const FIXED_CWD = '/home/user/project';

export async function makeApp(tomlOverrides: string[] = [], extra: Partial<Config> = {}): Promise<Harness> {
  const home = mkdtempSync(join(tmpdir(), 'codex-tui-'));
  process.env.HOME = '/home/user';
  const loaded = await loadConfig({ codexHome: home, cliOverrides: tomlOverrides, env: { HOME: '/home/user' } });
  const config: Config = { ...loaded, cwd: FIXED_CWD, ...extra };
  const session = new FakeSession();
  const clock = { now: 1_000_000 };
  let exited = false;
  const notifications: string[] = [];
  const app = new TuiApp(session, config, {
    now: () => clock.now,
    requestFrame: () => undefined,
    exit: () => (exited = true),
    notify: (m) => notifications.push(m),
    historyEntry: () => undefined,
  }, '0.1.0');
  installSlashCommands(app, { newSession: async () => undefined });
  const approvals = installApprovals(app);
  app.onTaskEnd = () => approvals.clear();
  installBacktrack(app);
  app.onOpenTranscript = () => app.pushOverlay(new PagerOverlay('Transcript', app.transcript));
  await app.loadEventHandling(import('../../app/tui/agent-events.js'));
  app.attach();
  return { app, session, clock, exited: () => exited, notifications, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** The session_configured event a fresh session sends. */
export function configured(model = 'gpt-5'): Extract<EventMsg, { type: 'session_configured' }> {
  return { type: 'session_configured', session_id: '00000000-0000-4000-8000-000000000001', model, history_log_id: 0, history_entry_count: 0, rollout_path: '/dev/null' };
}

/** Runs `fn` on a configured app and cleans up. */
export async function withApp(fn: (h: Harness) => void | Promise<void>, overrides: string[] = []): Promise<void> {
  const h = await makeApp(overrides);
  try {
    h.session.emit(configured());
    await fn(h);
  } finally {
    h.cleanup();
  }
}
