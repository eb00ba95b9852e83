/**
 * A latch the send loop sleeps on: anything that may have made work sendable (a kick, a finished
 * delivery, a retry coming due, stop) notifies it. A notification that arrives while the loop is
 * busy is kept, so the loop looks again instead of sleeping through it.
 */
export class Wakeup {
  private pending = false;
  private waiters: (() => void)[] = [];

  notify(): void {
    this.pending = true;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Forgets notifications seen so far: the caller is about to look at the queue anyway. */
  clear(): void {
    this.pending = false;
  }

  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(() => {
        this.pending = false;
        resolve();
      });
    });
  }
}

/** Wakes the loop each time a scheduled retry comes due, with one timer for the earliest. */
export class DueTimer {
  private readonly due = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Number.POSITIVE_INFINITY;

  constructor(
    private readonly onDue: () => void,
    private readonly now: () => Date,
  ) {}

  /** Makes sure the loop wakes at `iso` (ISO 8601). */
  wakeAt(iso: string | null): void {
    if (iso === null) return;
    const at = Date.parse(iso);
    if (!Number.isFinite(at)) return;
    this.due.add(at);
    this.arm();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Number.POSITIVE_INFINITY;
    this.due.clear();
  }

  private arm(): void {
    const earliest = Math.min(...this.due);
    if (earliest >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = earliest;
    // A few ms late on purpose: the store compares due times with its own clock.
    const delay = Math.max(earliest - this.now().getTime(), 0) + 5;
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = null;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now().getTime();
    for (const at of this.due) if (at <= now) this.due.delete(at);
    this.onDue();
    if (this.due.size > 0) this.arm();
  }
}
