/**
 * The outbox sender: sends queued actions to HubSoft while the server is reachable, one action at
 * a time per ticket and several tickets at once, under the client's rate limit. The store decides
 * what is sendable (the oldest open action of each ticket, due, its ticket's create sent); this
 * loop fills the free slots with it and sleeps until something changes.
 *
 * On start, actions still 'sending' were in flight when the app stopped: their outcome is unknown,
 * so they are read back before anything else happens on their tickets.
 */
import type { EventHub } from '../api/events';
import type { HubsoftClient } from '../hubsoft/client';
import type { Store } from '../store/client';
import type { OutboxAction } from '../store/types';
import type { ConnectivitySignal } from '../sync/connectivity-signal';
import type { OutboxCounts } from '../../preload/types';
import { silentLog, type OutboxLog } from './attempt-log';
import { ChangeNotifier } from './change-notifier';
import {
  deliver,
  type DeliveryContext,
  type DeliveryMode,
  type UploadProgressEvent,
} from './deliver';
import { defaultRetryTiming, type RetryTiming } from './retry-policy';
import { DueTimer, Wakeup } from './wakeup';

export type { UploadProgressEvent } from './deliver';

export interface OutboxSenderDeps {
  store: Store;
  client: HubsoftClient;
  events: EventHub;
  connectivity: ConnectivitySignal;
  /** The profile's staging folder: staged files are only ever deleted inside it. */
  stagingDir: string;
  now?: () => Date;
  random?: () => number;
  /** Tickets sent to at once; default 4. */
  concurrency?: number;
  /** Backoff timing; tests shorten it. */
  retry?: Partial<RetryTiming>;
  /** The app's logger: a line per attempt, defects with their stack. */
  log?: OutboxLog;
}

export interface OutboxSender {
  start(): void;
  /** Aborts what is in flight and waits for it to be recorded; 'sending' is read back next start. */
  stop(): Promise<void>;
  /** Something was queued or retried: look at the queue now. */
  kick(): void;
  counts(): Promise<OutboxCounts>;
  /** Actions changed outside the sender (queued, retried, edited, discarded): tell the UI. */
  changed(keys: string[]): void;
  onUploadProgress(listener: (event: UploadProgressEvent) => void): () => void;
}

const openStates = ['queued', 'sending', 'failed', 'needs_attention'] as const;
/** After a delivery could not even record its outcome (the store failing), before trying more. */
const pauseAfterDefectMs = 1_000;

interface Running {
  controller: AbortController;
  loop: Promise<void>;
}

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { store, connectivity } = deps;
  const now = deps.now ?? (() => new Date());
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const timing: RetryTiming = { ...defaultRetryTiming, ...deps.retry };
  const wakeup = new Wakeup();
  const dueTimer = new DueTimer(() => wakeup.notify(), now);
  const inFlight = new Map<number, Promise<void>>();
  const progressListeners = new Set<(event: UploadProgressEvent) => void>();
  let running: Running | null = null;

  const counts = async (): Promise<OutboxCounts> => {
    const open = await store.listActions({ states: [...openStates] });
    const result: OutboxCounts = { queued: 0, sending: 0, failed: 0, needsAttention: 0 };
    for (const action of open) {
      if (action.state === 'queued') result.queued += 1;
      else if (action.state === 'sending') result.sending += 1;
      else if (action.state === 'failed') result.failed += 1;
      else if (action.state === 'needs_attention') result.needsAttention += 1;
    }
    return result;
  };
  const notifier = new ChangeNotifier(deps.events, counts);

  function contextFor(signal: AbortSignal): DeliveryContext {
    return {
      store,
      client: deps.client,
      connectivity,
      stagingDir: deps.stagingDir,
      timing,
      now,
      random: deps.random ?? Math.random,
      signal,
      changed: (keys) => notifier.changed(keys),
      retryAt: (iso) => dueTimer.wakeAt(iso),
      progress: (event) => {
        for (const listener of progressListeners) listener(event);
      },
      log: deps.log ?? silentLog,
    };
  }

  function launch(action: OutboxAction, mode: DeliveryMode, ctx: DeliveryContext): void {
    const work = deliver(action, ctx, mode)
      .catch(() => new Promise<void>((resolve) => setTimeout(resolve, pauseAfterDefectMs)))
      .finally(() => {
        inFlight.delete(action.id);
        wakeup.notify();
      });
    inFlight.set(action.id, work);
  }

  async function pump(signal: AbortSignal): Promise<void> {
    const ctx = contextFor(signal);
    const interrupted = await store.listActions({ states: ['sending'] });
    for (const action of await store.listActions({ states: ['queued'] })) {
      dueTimer.wakeAt(action.nextAttemptAt);
    }
    while (!signal.aborted) {
      if (!connectivity.online) {
        const cameOnline = await connectivity.whenOnline(signal).then(
          () => true,
          () => false,
        );
        // A connectivity that was stopped refuses every wait: sleep until kicked or stopped.
        if (!cameOnline && !signal.aborted) await wakeup.wait();
        continue;
      }
      const free = concurrency - inFlight.size;
      if (free > 0) {
        wakeup.clear();
        const picked: { action: OutboxAction; mode: DeliveryMode }[] = interrupted
          .splice(0, free)
          .map((action) => ({ action, mode: 'recover' }));
        if (picked.length < free) {
          const sendable = await store.nextSendableActions(free + inFlight.size);
          for (const action of sendable) {
            if (picked.length >= free) break;
            if (!inFlight.has(action.id)) picked.push({ action, mode: 'send' });
          }
        }
        if (signal.aborted) break;
        for (const { action, mode } of picked) launch(action, mode, ctx);
        if (picked.length > 0) continue;
      }
      await wakeup.wait();
    }
  }

  return {
    start() {
      if (running) return;
      const controller = new AbortController();
      const loop = pump(controller.signal).catch(() => {
        // The store closed under the loop (sign-out): nothing more can be sent from here.
      });
      running = { controller, loop };
    },

    async stop() {
      const current = running;
      if (!current) return;
      running = null;
      current.controller.abort();
      wakeup.notify();
      dueTimer.cancel();
      await current.loop;
      await Promise.allSettled([...inFlight.values()]);
      await notifier.flush();
    },

    kick() {
      wakeup.notify();
    },

    counts,

    changed(keys) {
      notifier.changed(keys);
    },

    onUploadProgress(listener) {
      progressListeners.add(listener);
      return () => {
        progressListeners.delete(listener);
      };
    },
  };
}
