/** Main's side of the event channel: services emit, each shell forwards to its renderer. */
import type { EventName, Events } from '../../preload/contract';

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
