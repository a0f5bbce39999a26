// One ordered stream of events per session. Events emitted before anyone
// subscribes are buffered and handed to the first subscriber, so a front end
// that subscribes after startSession() resolves still sees session_configured.
import type { Event } from './protocol.js';

export type EventListener = (e: Event) => void;

export class EventBus {
  private listeners: EventListener[] = [];
  private buffer: Event[] | undefined = [];

  emit(e: Event): void {
    if (this.buffer) {
      this.buffer.push(e);
      return;
    }
    for (const l of [...this.listeners]) l(e);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.push(listener);
    const pending = this.buffer;
    this.buffer = undefined;
    if (pending) for (const e of pending) listener(e);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
