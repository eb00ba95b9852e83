/**
 * How many tickets each sidebar view holds, counted by the main process from the cache. Recounted
 * when tickets change (the `tickets` event) or the saved views do; nothing polls.
 */
import type { TicketViewCounts } from '../../../../preload/types';
import { startOfToday } from '../format';
import { hubdesk } from '../hubdesk';
import { listQuery } from './inbox.svelte';
import { savedViews } from './saved-views.svelte';

/** A sync writes tickets in bursts of events: count once the burst settles. */
const settleMs = 300;

class ViewCountsStore {
  builtIn = $state.raw<TicketViewCounts | null>(null);
  /** Saved view name to its count. */
  saved = $state.raw<Record<string, number>>({});

  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  start(): () => void {
    // Opening texts filled in the background change no view's membership.
    const off = hubdesk().on('tickets', ({ textOnly }) => {
      if (!textOnly) this.schedule();
    });
    void this.load();
    return () => {
      off();
      if (this.timer) clearTimeout(this.timer);
    };
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, settleMs);
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    const views = savedViews.views;
    try {
      const [builtIn, ...totals] = await Promise.all([
        hubdesk().tickets.viewCounts({ dayStart: startOfToday() }),
        ...views.map((view) =>
          hubdesk()
            .tickets.list({ ...listQuery(view.filters), limit: 1 })
            .then((page) => page.total),
        ),
      ]);
      if (generation !== this.generation) return;
      this.builtIn = builtIn;
      this.saved = Object.fromEntries(views.map((view, index) => [view.name, totals[index] ?? 0]));
    } catch {
      // The counts are a hint beside the views: on a failed read the last ones stay, and the
      // next tickets event counts again. The list itself shows its own errors.
    }
  }
}

export const viewCounts = new ViewCountsStore();
