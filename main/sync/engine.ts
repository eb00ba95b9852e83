/**
 * The pull side of sync for one signed-in profile: configuration lists at start and daily, the
 * backfill until the window is cached, then an incremental run every few minutes and on demand.
 * One run at a time; a run asked for while one is going joins it. Offline, a run waits for the
 * server instead of failing; stopping aborts the requests in flight and waits for them.
 */
import { z } from 'zod';
import type { SyncStatus } from '../../preload/types';
import type { EventHub } from '../api/events';
import type { HubsoftClient } from '../hubsoft/client';
import { defaultMessages, HubsoftError, isHubsoftError } from '../hubsoft/errors';
import type { Store } from '../store/client';
import { StoreError } from '../store/errors';
import {
  loadBackfillState,
  nextBackfillJob,
  type BackfillJob,
  type BackfillState,
} from './backfill-checkpoint';
import { progressOf, runBackfill } from './backfill';
import { refreshConfigLists } from './config-refresh';
import type { Connectivity } from './connectivity';
import type { ConnectivitySignal } from './connectivity-signal';
import { DAY_MS, hubsoftDay } from './hubsoft-days';
import { runIncremental } from './incremental';
import { storeTicketDetail } from './ticket-detail';
import { reportingOutcome } from './remote-call';

export interface SyncEngine {
  /** Starts syncing: a run now, then one every interval. */
  start(): void;
  /** Cancels the requests in flight and waits for the run to end; the engine stays stopped. */
  stop(): Promise<void>;
  /** A run now, or the one already going; answers the status after it. */
  runNow(): Promise<SyncStatus>;
  status(): SyncStatus;
  /**
   * Opening a ticket: marks it viewed and fetches its full detail into the cache. Offline it
   * fails at once with a 'network' HubsoftError (the cached copy is still there to show).
   */
  refreshTicket(key: string): Promise<void>;
  /** Keeps `days` of tickets from now on, and starts a run that fetches what the cache lacks. */
  setWindowDays(days: number): Promise<void>;
  /** The agent's HubSoft user id when the server told it: whose tickets "mine" means. */
  readonly userId: number | null;
}

export interface SyncEngineDeps {
  store: Store;
  client: HubsoftClient;
  events: EventHub;
  connectivity: Connectivity | ConnectivitySignal;
  /** The profile whose cache `store` is. */
  profile: { id: string };
  userId?: number | null;
  now?: () => Date;
  /** Between the end of one run and the start of the next; 3 minutes by default. */
  intervalMs?: number;
  /** Open tickets whose detail each incremental run fetches again; 30 by default. */
  refreshLimit?: number;
}

export const windowDaysSetting = 'sync.windowDays';
export const incrementalCheckpointName = 'incremental';
const defaultWindowDays = 90;
const defaultIntervalMs = 3 * 60_000;
const defaultRefreshLimit = 30;
const configMaxAgeMs = DAY_MS;
/** How often the cached-ticket count is taken while pages pour in. */
const countEveryMs = 2_000;

const windowDays = z.number().int().min(1).max(3650);
const incrementalCheckpoint = z.object({
  lastStartedAt: z.iso.datetime(),
  lastFinishedAt: z.iso.datetime().nullable(),
});
type IncrementalCheckpoint = z.infer<typeof incrementalCheckpoint>;

function describeFailure(error: unknown): string {
  if (isHubsoftError(error) || error instanceof StoreError) return error.message;
  return 'Erro inesperado na sincronização.';
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { store, client, events, connectivity } = deps;
  const now = deps.now ?? (() => new Date());
  const intervalMs = deps.intervalMs ?? defaultIntervalMs;
  const userId = deps.userId ?? null;
  const lifetime = new AbortController();

  let state: Omit<SyncStatus, 'online'> = {
    running: false,
    phase: 'idle',
    progress: null,
    lastSyncAt: null,
    lastError: null,
    cachedTickets: 0,
    windowDays: defaultWindowDays,
    cacheRecovered: store.openReport.recovered ? store.openReport.copied : null,
    failedConfigLists: [],
  };
  let started = false;
  let stopped = false;
  let current: Promise<SyncStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let configFetchedAt: number | null = null;
  let countedAt = 0;

  const status = (): SyncStatus => ({ online: connectivity.online, ...state });

  function update(patch: Partial<Omit<SyncStatus, 'online'>>): void {
    state = { ...state, ...patch };
    if (!stopped) events.emit('sync', status());
  }

  async function countCached(): Promise<void> {
    countedAt = Date.now();
    const page = await store.listTickets({ status: 'all', includeServerDrafts: true, limit: 1 });
    state = { ...state, cachedTickets: page.total };
  }

  async function loadIncremental(): Promise<IncrementalCheckpoint | null> {
    const parsed = incrementalCheckpoint.safeParse(
      await store.getCheckpoint(incrementalCheckpointName),
    );
    return parsed.success ? parsed.data : null;
  }

  async function saveIncremental(checkpoint: IncrementalCheckpoint): Promise<void> {
    await store.setCheckpoint(incrementalCheckpointName, checkpoint);
  }

  async function backfill(startedAt: Date, signal: AbortSignal): Promise<void> {
    const setting = windowDays.safeParse(await store.getSetting(windowDaysSetting));
    const days = setting.success ? setting.data : defaultWindowDays;
    if (days !== state.windowDays) update({ windowDays: days });
    const backfillState: BackfillState = await loadBackfillState(store);
    const fromDay = hubsoftDay(new Date(startedAt.getTime() - days * DAY_MS));
    const job: BackfillJob | null = nextBackfillJob(
      backfillState,
      fromDay,
      hubsoftDay(startedAt),
      startedAt,
    );
    if (!job) return;
    update({ phase: 'backfill', progress: progressOf(job) });
    await runBackfill(
      {
        store,
        client,
        connectivity,
        signal,
        onPage: (progress) => {
          update({ progress });
          events.emit('tickets', { keys: 'all' });
          if (Date.now() - countedAt >= countEveryMs) {
            void countCached().then(
              () => update({}),
              () => undefined,
            );
          }
        },
      },
      backfillState,
      job,
    );
    // The first backfill's start is where incremental runs pick up new tickets.
    if (!(await loadIncremental())) {
      await saveIncremental({ lastStartedAt: job.startedAt, lastFinishedAt: null });
    }
  }

  /** Answers when it finished, or null when there is no backfill to continue from yet. */
  async function incremental(startedAt: Date, signal: AbortSignal): Promise<string | null> {
    const checkpoint = await loadIncremental();
    if (!checkpoint) return null;
    update({ phase: 'incremental', progress: null });
    await runIncremental(
      {
        store,
        client,
        connectivity,
        signal,
        now,
        userId,
        refreshLimit: deps.refreshLimit ?? defaultRefreshLimit,
        onChanged: (keys) => events.emit('tickets', { keys }),
      },
      new Date(checkpoint.lastStartedAt),
    );
    const finishedAt = now().toISOString();
    await saveIncremental({ lastStartedAt: startedAt.toISOString(), lastFinishedAt: finishedAt });
    return finishedAt;
  }

  async function run(): Promise<SyncStatus> {
    const signal = lifetime.signal;
    const startedAt = now();
    update({ running: true });
    let lastError: string | null = null;
    let syncedAt: string | null = null;
    try {
      if (configFetchedAt === null || startedAt.getTime() - configFetchedAt >= configMaxAgeMs) {
        update({ phase: 'config', progress: null });
        const failedConfigLists = await refreshConfigLists({ store, client, connectivity, signal });
        update({ failedConfigLists });
        configFetchedAt = startedAt.getTime();
      }
      await backfill(startedAt, signal);
      syncedAt = await incremental(startedAt, signal);
    } catch (error) {
      lastError = signal.aborted ? null : describeFailure(error);
    }
    if (!signal.aborted) await countCached().catch(() => undefined);
    update({
      running: false,
      phase: 'idle',
      progress: null,
      lastError,
      ...(syncedAt === null ? {} : { lastSyncAt: syncedAt }),
    });
    return status();
  }

  // The status carries `online`: its listeners hear of every change.
  const unsubscribe = connectivity.onChange(() => update({}));

  function schedule(delayMs: number): void {
    if (!started || stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runNow(), delayMs);
    timer.unref();
  }

  function runNow(): Promise<SyncStatus> {
    if (stopped) return Promise.resolve(status());
    if (!current) {
      if (timer) clearTimeout(timer);
      current = run().finally(() => {
        current = null;
        schedule(intervalMs);
      });
    }
    return current;
  }

  return {
    userId,

    start() {
      if (started || stopped) return;
      started = true;
      // What the cache holds already, for the status shown before the first run ends.
      void Promise.all([loadIncremental(), countCached()])
        .then(([checkpoint]) => {
          update({ lastSyncAt: state.lastSyncAt ?? checkpoint?.lastFinishedAt ?? null });
        })
        .catch(() => undefined);
      schedule(0);
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      lifetime.abort();
      await current;
    },

    runNow,
    status,

    async setWindowDays(days) {
      await store.setSetting(windowDaysSetting, windowDays.parse(days));
      update({ windowDays: days });
      void runNow().catch(() => undefined);
    },

    async refreshTicket(key) {
      await store.markTicketViewed(key);
      const ticket = await store.getTicket(key);
      const protocol = ticket?.protocol;
      if (protocol) {
        if (!connectivity.online) {
          throw new HubsoftError('network', defaultMessages.network);
        }
        const remote = await reportingOutcome(connectivity, () =>
          client.getTicket(protocol, { signal: lifetime.signal }),
        );
        await storeTicketDetail(store, remote);
      }
      events.emit('tickets', { keys: [key] });
    },
  };
}
