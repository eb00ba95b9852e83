/**
 * Online or offline, judged from what real HubSoft requests experienced plus the OS hint.
 * Network failures in a row turn it offline; any answer from the server (even an error body)
 * proves the server reachable. While offline a probe with capped, jittered backoff looks for the
 * server, so nothing else has to spend attempts finding out.
 */
import { cancelledError } from '../hubsoft/backoff';
import type { ConnectivitySignal } from './connectivity-signal';

export interface Connectivity extends ConnectivitySignal {
  /**
   * The OS's view (Electron's net.isOnline and online/offline events). "Offline" is believed at
   * once: the link is gone. "Online" is only a reason to probe now: a link is not a server.
   */
  setOsHint(online: boolean): void;
  /** Stops probing and releases every waiter with a cancellation. */
  stop(): void;
}

export interface ProbeBackoff {
  baseMs: number;
  maxMs: number;
}

export interface ConnectivityOptions {
  /** Resolves true when the server answered (anything), false when it could not be reached. */
  probe?: () => Promise<boolean>;
  now?: () => Date;
  initialOnline?: boolean;
  probeBackoff?: ProbeBackoff;
}

/** Failures in a row before a busy connection is called offline: one failure may be a blip. */
const failuresToGoOffline = 2;
/**
 * A failure after this long without any answer from the server is believed at once: the last
 * proof of reachability is too old to outweigh it.
 */
const staleAfterMs = 30_000;
const defaultProbeBackoff: ProbeBackoff = { baseMs: 1_000, maxMs: 60_000 };

/** Delay before probe number `attempt` (0 for the first): exponential, half of it jittered. */
function probeDelay(attempt: number, backoff: ProbeBackoff): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A probe that asks the server for its base URL: any HTTP answer means it is reachable. */
export function httpProbe(baseUrl: string, timeoutMs = 5_000): () => Promise<boolean> {
  return async () => {
    try {
      const response = await fetch(baseUrl, {
        method: 'GET',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  };
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  detach: () => void;
}

export function createConnectivity(options: ConnectivityOptions = {}): Connectivity {
  const now = options.now ?? (() => new Date());
  const backoff = options.probeBackoff ?? defaultProbeBackoff;
  const probe = options.probe;

  let online = options.initialOnline ?? true;
  let stopped = false;
  let failuresInARow = 0;
  let lastAnswerAt = now().getTime();
  let probeAttempt = 0;
  let probeTimer: NodeJS.Timeout | null = null;
  let probing = false;
  let probeAgainAtOnce = false;
  const listeners = new Set<(online: boolean) => void>();
  const waiters = new Set<Waiter>();

  function setOnline(next: boolean): void {
    if (online === next || stopped) return;
    online = next;
    if (next) {
      cancelProbe();
      for (const waiter of [...waiters]) {
        waiter.detach();
        waiter.resolve();
      }
    } else {
      probeAttempt = 0;
      scheduleProbe();
    }
    for (const listener of [...listeners]) listener(next);
  }

  function cancelProbe(): void {
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = null;
    probeAttempt = 0;
  }

  function scheduleProbe(delayMs?: number): void {
    if (!probe || stopped || online) return;
    if (probing) {
      probeAgainAtOnce = delayMs === 0;
      return;
    }
    if (probeTimer) clearTimeout(probeTimer);
    const delay = delayMs ?? probeDelay(probeAttempt, backoff);
    probeTimer = setTimeout(() => void runProbe(), delay);
    probeTimer.unref();
  }

  async function runProbe(): Promise<void> {
    if (!probe) return;
    probeTimer = null;
    probing = true;
    const reachable = await Promise.resolve()
      .then(probe)
      .catch(() => false);
    probing = false;
    if (stopped || online) return;
    if (reachable) {
      markAnswer();
      setOnline(true);
      return;
    }
    probeAttempt += 1;
    const atOnce = probeAgainAtOnce;
    probeAgainAtOnce = false;
    scheduleProbe(atOnce ? 0 : undefined);
  }

  function markAnswer(): void {
    failuresInARow = 0;
    lastAnswerAt = now().getTime();
  }

  const connectivity: Connectivity = {
    get online() {
      return online;
    },

    report(outcome) {
      if (stopped) return;
      if (outcome === 'reachable') {
        markAnswer();
        setOnline(true);
        return;
      }
      failuresInARow += 1;
      const stale = now().getTime() - lastAnswerAt >= staleAfterMs;
      if (failuresInARow >= failuresToGoOffline || stale) setOnline(false);
    },

    whenOnline(signal) {
      if (online) return Promise.resolve();
      if (stopped || signal?.aborted) return Promise.reject(cancelledError());
      return new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          waiter.detach();
          reject(cancelledError());
        };
        const waiter: Waiter = {
          resolve,
          reject,
          detach: () => {
            waiters.delete(waiter);
            signal?.removeEventListener('abort', onAbort);
          },
        };
        waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },

    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    setOsHint(osOnline) {
      if (stopped) return;
      if (!osOnline) {
        failuresInARow = 0;
        setOnline(false);
        return;
      }
      if (online) return;
      // Without a probe there is nothing to check with: the next real request will judge.
      if (!probe) {
        setOnline(true);
        return;
      }
      probeAttempt = 0;
      scheduleProbe(0);
    },

    stop() {
      if (stopped) return;
      cancelProbe();
      stopped = true;
      listeners.clear();
      for (const waiter of [...waiters]) {
        waiter.detach();
        waiter.reject(cancelledError());
      }
    },
  };
  // Starting offline (the OS said so at launch): look for the server right away.
  if (!online) scheduleProbe(0);
  return connectivity;
}
