// Lets the first frame paint before the agent session exists: starting a
// session (loading the agent, tools, AGENTS.md, MCP servers) takes longer than
// drawing the screen. Operations submitted meanwhile (an initial [PROMPT],
// early typing) queue here and go to the real session when it arrives.
import type { Event } from '../protocol/events.js';
import type { Op } from '../protocol/ops.js';
import type { AgentSession } from './app-host.js';

export class PendingSession implements AgentSession {
  private queued: Op[] = [];
  /** Early subscribers; `off` is the real session's unsubscribe once it arrived. */
  private listeners: { listener: (e: Event) => void; off?: () => void }[] = [];
  private real: AgentSession | undefined;

  get id(): string {
    return this.real?.id ?? '';
  }

  get rolloutPath(): string {
    return this.real?.rolloutPath ?? '';
  }

  submit(op: Op): string {
    if (this.real) return this.real.submit(op);
    this.queued.push(op);
    return '';
  }

  subscribe(listener: (e: Event) => void): () => void {
    if (this.real) return this.real.subscribe(listener);
    const entry: { listener: (e: Event) => void; off?: () => void } = { listener };
    this.listeners.push(entry);
    // Unsubscribing after the hand-over must reach the real session (/new detaches the app).
    return () => {
      if (entry.off) entry.off();
      else this.listeners = this.listeners.filter((l) => l !== entry);
    };
  }

  /** Hands over to the started session: subscribers first (so no event is missed), then the queued ops. */
  resolve(session: AgentSession): void {
    this.real = session;
    for (const l of this.listeners) l.off = session.subscribe(l.listener);
    this.listeners = [];
    for (const op of this.queued.splice(0)) session.submit(op);
  }
}
