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
  /** The first wait after going offline; it doubles with each probe, up to maxMs. */
  baseMs: number;
  /**
   * The longest wait between two probes, jitter included: the app notices the server within
   * about this long of it answering again.
   */
  maxMs: number;
  /** A probe still unanswered after this is given up (aborted); the next ones go on. */
  timeoutMs?: number;
}

/** Cancels a scheduled call. */
type CancelTimer = () => void;
export type ProbeTimer = (run: () => void, delayMs: number) => CancelTimer;

export interface ConnectivityOptions {
  /**
   * Resolves true when the server answered (anything), false when it could not be reached; gives
   * up when `signal` aborts.
   */
  probe?: (signal: AbortSignal) => Promise<boolean>;
  now?: () => Date;
  initialOnline?: boolean;
  probeBackoff?: ProbeBackoff;
  /** Schedules the next probe (setTimeout by default; tests watch the delays asked for). */
  probeTimer?: ProbeTimer;
}

/** Failures in a row before a busy connection is called offline: one failure may be a blip. */
const failuresToGoOffline = 2;
/**
 * A failure after this long without any answer from the server is believed at once: the last
 * proof of reachability is too old to outweigh it.
 */
const staleAfterMs = 30_000;
/** Issue 13: the app notices the server is back within about 5 s of it answering again. */
const defaultProbeBackoff: Required<ProbeBackoff> = {
  baseMs: 1_000,
  maxMs: 5_000,
  timeoutMs: 10_000,
};

/** Delay before probe number `attempt` (0 for the first): exponential, half of it jittered. */
function probeDelay(attempt: number, backoff: ProbeBackoff): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

const defaultProbeTimer: ProbeTimer = (run, delayMs) => {
  const timer = setTimeout(run, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

/** A probe that asks the server for its base URL: any HTTP answer means it is reachable. */
export function httpProbe(baseUrl: string): (signal: AbortSignal) => Promise<boolean> {
  return async (signal) => {
    try {
      const response = await fetch(baseUrl, { method: 'GET', signal });
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
  const backoff = { ...defaultProbeBackoff, ...options.probeBackoff };
  const probe = options.probe;
  const probeTimer = options.probeTimer ?? defaultProbeTimer;

  let online = options.initialOnline ?? true;
  let stopped = false;
  let failuresInARow = 0;
  let lastAnswerAt = now().getTime();
  let probeAttempt = 0;
  let cancelNextProbe: CancelTimer | null = null;
  /** Aborts the probes of one offline spell once it ends (online again, or stopped). */
  let spell: AbortController | null = null;
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
    cancelNextProbe?.();
    cancelNextProbe = null;
    probeAttempt = 0;
    spell?.abort();
    spell = null;
  }

  function scheduleProbe(delayMs?: number): void {
    if (!probe || stopped || online) return;
    cancelNextProbe?.();
    cancelNextProbe = probeTimer(startProbe, delayMs ?? probeDelay(probeAttempt, backoff));
  }

  /**
   * Starts a probe and schedules the next one at once, whatever this one does: a request hanging
   * on a dead link must not hold back the one that finds the server answering again.
   */
  function startProbe(): void {
    cancelNextProbe = null;
    if (!probe || stopped || online) return;
    probeAttempt += 1;
    // Probes overlap only while some hang, each for timeoutMs at most: a handful at a time.
    scheduleProbe();
    spell ??= new AbortController();
    const signal = AbortSignal.any([spell.signal, AbortSignal.timeout(backoff.timeoutMs)]);
    void Promise.resolve()
      .then(() => probe(signal))
      .catch(() => false)
      .then((reachable) => {
        if (stopped || online || !reachable) return;
        markAnswer();
        setOnline(true);
      });
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
