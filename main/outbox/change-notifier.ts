/**
 * Tells the UI what the outbox changed: the tickets whose pending state moved and the new counts.
 * Changes are gathered for a moment and sent together, so a burst of sends costs the renderer
 * one reload, not hundreds.
 */
import type { EventHub } from '../api/events';
import type { OutboxCounts } from '../../preload/types';

const gatherMs = 150;

export class ChangeNotifier {
  private readonly keys = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: EventHub,
    private readonly counts: () => Promise<OutboxCounts>,
  ) {}

  changed(keys: readonly string[]): void {
    for (const key of keys) this.keys.add(key);
    this.timer ??= setTimeout(() => void this.flush(), gatherMs);
  }

  /** Sends what was gathered now; used on stop so the last change is not lost. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const keys = [...this.keys];
    this.keys.clear();
    if (keys.length > 0) this.events.emit('tickets', { keys });
    try {
      this.events.emit('outbox', await this.counts());
    } catch {
      // The store is closing with the workspace: nobody is left to show the counts to.
    }
  }
}
