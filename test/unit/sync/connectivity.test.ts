import { describe, expect, it } from 'vitest';
import { createConnectivity } from '../../../main/sync/connectivity';

const quickProbe = { baseMs: 5, maxMs: 20 };

function until(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > 5_000) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 2);
  });
}

describe('connectivity', () => {
  it('goes offline after network failures in a row, not after one blip', () => {
    const connectivity = createConnectivity();
    connectivity.report('unreachable');
    expect(connectivity.online).toBe(true);
    connectivity.report('reachable');
    connectivity.report('unreachable');
    expect(connectivity.online).toBe(true);
    connectivity.report('unreachable');
    expect(connectivity.online).toBe(false);
    connectivity.stop();
  });

  it('believes one failure when the server has not answered for a long time', () => {
    let clock = Date.parse('2026-01-01T12:00:00Z');
    const connectivity = createConnectivity({ now: () => new Date(clock) });
    clock += 60_000;
    connectivity.report('unreachable');
    expect(connectivity.online).toBe(false);
    connectivity.stop();
  });

  it('comes back online when the probe reaches the server, and tells its listeners', async () => {
    let reachable = false;
    let probes = 0;
    const connectivity = createConnectivity({
      probe: () => {
        probes += 1;
        return Promise.resolve(reachable);
      },
      probeBackoff: quickProbe,
    });
    const changes: boolean[] = [];
    connectivity.onChange((online) => changes.push(online));
    connectivity.report('unreachable');
    connectivity.report('unreachable');
    await until(() => probes >= 3, 'a few failed probes');
    expect(connectivity.online).toBe(false);
    reachable = true;
    await connectivity.whenOnline();
    expect(changes).toEqual([false, true]);
    connectivity.stop();
  });

  it('treats an answer from the server, even an error, as reachable', () => {
    const connectivity = createConnectivity({ initialOnline: false });
    connectivity.report('reachable');
    expect(connectivity.online).toBe(true);
    connectivity.stop();
  });

  it('goes offline at once when the OS says so, and only probes when the OS says online', async () => {
    let probes = 0;
    const connectivity = createConnectivity({
      probe: () => {
        probes += 1;
        return Promise.resolve(probes >= 2);
      },
      probeBackoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    connectivity.setOsHint(false);
    expect(connectivity.online).toBe(false);
    connectivity.setOsHint(true);
    expect(connectivity.online).toBe(false);
    await until(() => probes === 1, 'the probe the OS hint asked for');
    expect(connectivity.online).toBe(false);
    connectivity.setOsHint(true);
    await connectivity.whenOnline();
    expect(probes).toBe(2);
    connectivity.stop();
  });

  it('lets a waiter give up with its abort signal, and releases waiters on stop', async () => {
    const connectivity = createConnectivity({ initialOnline: false });
    const controller = new AbortController();
    const aborted = connectivity.whenOnline(controller.signal);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'cancelled' });
    const stopped = connectivity.whenOnline();
    connectivity.stop();
    await expect(stopped).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
