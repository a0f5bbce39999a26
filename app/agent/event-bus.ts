// One ordered stream of events per session. Events emitted before anyone
// subscribes are buffered and handed to the first subscriber, so a front end
// that subscribes after startSession() resolves still sees session_configured.
import { logger } from '../log.js';
import type { Event } from '../protocol/events.js';

const log = logger('codex_core::events');

export type EventListener = (e: Event) => void;

export class EventBus {
  private listeners: EventListener[] = [];
  private buffer: Event[] | undefined = [];

  emit(e: Event): void {
    if (this.buffer) {
      this.buffer.push(e);
      return;
    }
    for (const l of [...this.listeners]) deliver(l, e);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.push(listener);
    const pending = this.buffer;
    this.buffer = undefined;
    if (pending) for (const e of pending) deliver(listener, e);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}

/**
 * A front end that fails on an event (a printer, a widget) must not break the
 * task that emitted it: the tool already ran, and the history must say so.
 */
function deliver(listener: EventListener, e: Event): void {
  try {
    listener(e);
  } catch (err) {
    log.error(`a listener failed on ${e.msg.type}:`, err);
  }
}
