import { describe, expect, it } from 'vitest';
import { DueTimer, Wakeup } from '../../../main/outbox/wakeup';

const soon = (ms: number): string => new Date(Date.now() + ms).toISOString();

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('waking the send loop', () => {
  it('does not sleep through a kick that came while it was busy', async () => {
    const wakeup = new Wakeup();
    wakeup.notify();
    await wakeup.wait();
    let woke = false;
    void wakeup.wait().then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woke).toBe(false);
    wakeup.notify();
    await until(() => woke);
  });

  it('wakes for every retry that comes due, not only the earliest', async () => {
    const wakes: number[] = [];
    const timer = new DueTimer(
      () => wakes.push(Date.now()),
      () => new Date(),
    );
    const latest = soon(80);
    timer.wakeAt(latest);
    timer.wakeAt(soon(20));
    timer.wakeAt(soon(40));
    // Retries that come due together (a busy machine) may share one wake; the last one still
    // gets its own, after it is due.
    await until(() => wakes.some((at) => at >= Date.parse(latest)));
    timer.cancel();
  });

  it('forgets scheduled retries once cancelled', async () => {
    let woke = false;
    const timer = new DueTimer(
      () => (woke = true),
      () => new Date(),
    );
    timer.wakeAt(soon(10));
    timer.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(woke).toBe(false);
  });
});
