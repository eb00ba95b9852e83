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
import { defaultOpeningTextRate, fillOpeningTexts } from './opening-texts';
import { reportingOutcome } from './remote-call';
import { failureFields, silentLog, type SyncLog } from './sync-log';
import { storeTicketDetail } from './ticket-detail';
import { endsTheRun, isTicketGone } from './ticket-failures';

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
  /** The scrubbed logger (main/log/logger.ts); nothing is logged without one. */
  log?: SyncLog;
  /**
   * Detail calls per second the background opening-text filler may spend; 2 by default (see
   * opening-texts.ts). 0 turns the filler off.
   */
  openingTextsPerSecond?: number;
}

export const windowDaysSetting = 'sync.windowDays';
const goneMessage = 'Este atendimento foi excluído no HubSoft e saiu da caixa de entrada.';
const detailRequest = 'GET /api/v1/integracao/cliente/atendimento';
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
  const log = deps.log ?? silentLog;
  const openingTextsPerSecond = deps.openingTextsPerSecond ?? defaultOpeningTextRate;

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
    notRefreshed: { tickets: 0, pages: 0 },
    searchIndex: null,
  };
  let started = false;
  let stopped = false;
  let current: Promise<SyncStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let configFetchedAt: number | null = null;
  /** The run asked for while another was under way; it starts when that one ends. */
  let followUp: Promise<SyncStatus> | null = null;
  let countedAt = 0;
  /** The agent's own requests in flight (opening a ticket): background work waits for them. */
  let agentRequests = 0;
  let agentIdleWaiters: (() => void)[] = [];
  let filling: Promise<void> | null = null;

  const status = (): SyncStatus => ({ online: connectivity.online, ...state });

  function update(patch: Partial<Omit<SyncStatus, 'online'>>): void {
    state = { ...state, ...patch };
    if (!stopped) events.emit('sync', status());
  }

  async function countCached(): Promise<void> {
    countedAt = Date.now();
    const [page, coverage] = await Promise.all([
      store.listTickets({ status: 'all', includeServerDrafts: true, limit: 1 }),
      store.openingTextCoverage(),
    ]);
    state = { ...state, cachedTickets: page.total, searchIndex: coverage };
  }

  function agentIdle(): Promise<void> {
    if (agentRequests === 0) return Promise.resolve();
    return new Promise((resolve) => agentIdleWaiters.push(resolve));
  }

  async function asAgentRequest<T>(request: () => Promise<T>): Promise<T> {
    agentRequests += 1;
    try {
      return await request();
    } finally {
      agentRequests -= 1;
      if (agentRequests === 0) {
        const waiters = agentIdleWaiters;
        agentIdleWaiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  /** Starts the opening-text filler after a run, unless it is already going or turned off. */
  function fillInBackground(): void {
    if (filling || stopped || openingTextsPerSecond <= 0) return;
    filling = fillOpeningTexts({
      store,
      client,
      connectivity,
      signal: lifetime.signal,
      log,
      userId,
      perSecond: openingTextsPerSecond,
      agentIdle,
      onChanged: (keys) => {
        events.emit('tickets', { keys, textOnly: true });
        if (Date.now() - countedAt >= countEveryMs) {
          void countCached().then(
            () => update({}),
            () => undefined,
          );
        }
      },
    })
      .catch((error: unknown) => {
        if (!lifetime.signal.aborted) {
          log.warn(
            { event: 'detail', purpose: 'opening_text', ...failureFields(error) },
            'opening-text filler stopped',
          );
        }
      })
      .then(() => (lifetime.signal.aborted ? undefined : countCached()))
      .then(
        () => update({}),
        () => undefined,
      )
      .finally(() => {
        filling = null;
      });
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

  /** Answers how many pages could not be fetched in this run (they are retried on the next). */
  async function backfill(startedAt: Date, signal: AbortSignal): Promise<number> {
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
    if (!job) return 0;
    update({ phase: 'backfill', progress: progressOf(job) });
    let failedPages = 0;
    await runBackfill(
      {
        store,
        client,
        connectivity,
        signal,
        log,
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
    ).catch((error: unknown) => {
      // The job stays in its checkpoint and resumes on the next run; the rest of this run goes on.
      if (signal.aborted || endsTheRun(error)) throw error;
      failedPages = 1;
    });
    // The first backfill's start is where incremental runs pick up new tickets.
    if (!(await loadIncremental())) {
      await saveIncremental({ lastStartedAt: job.startedAt, lastFinishedAt: null });
    }
    return failedPages;
  }

  /**
   * Answers when it finished and what it could not refresh, or null when there is no backfill to
   * continue from yet.
   */
  async function incremental(
    startedAt: Date,
    signal: AbortSignal,
  ): Promise<{ finishedAt: string; failedPages: number; unrefreshedTickets: number } | null> {
    const checkpoint = await loadIncremental();
    if (!checkpoint) return null;
    update({ phase: 'incremental', progress: null });
    const report = await runIncremental(
      {
        store,
        client,
        connectivity,
        signal,
        now,
        userId,
        refreshLimit: deps.refreshLimit ?? defaultRefreshLimit,
        log,
        onChanged: (keys) => events.emit('tickets', { keys }),
      },
      new Date(checkpoint.lastStartedAt),
    );
    const finishedAt = now().toISOString();
    // A list page that failed leaves the window where it was, so the next run reads it again.
    await saveIncremental({
      lastStartedAt: report.listsComplete ? startedAt.toISOString() : checkpoint.lastStartedAt,
      lastFinishedAt: finishedAt,
    });
    return {
      finishedAt,
      failedPages: report.failedPages,
      unrefreshedTickets: report.unrefreshedTickets,
    };
  }

  async function run(): Promise<SyncStatus> {
    const signal = lifetime.signal;
    const startedAt = now();
    const runStartedMs = performance.now();
    update({ running: true });
    log.info({ event: 'run', outcome: 'started' }, 'sync run');
    let lastError: string | null = null;
    let syncedAt: string | null = null;
    let notRefreshed: SyncStatus['notRefreshed'] | null = null;
    let failure: unknown = null;
    try {
      if (configFetchedAt === null || startedAt.getTime() - configFetchedAt >= configMaxAgeMs) {
        update({ phase: 'config', progress: null });
        const failedConfigLists = await refreshConfigLists({
          store,
          client,
          connectivity,
          signal,
          log,
        });
        update({ failedConfigLists });
        configFetchedAt = startedAt.getTime();
        if (!stopped) events.emit('config', { failedLists: failedConfigLists.length });
      }
      const backfillFailedPages = await backfill(startedAt, signal);
      const report = await incremental(startedAt, signal);
      if (report) {
        syncedAt = report.finishedAt;
        notRefreshed = {
          tickets: report.unrefreshedTickets,
          pages: backfillFailedPages + report.failedPages,
        };
      }
    } catch (error) {
      failure = error;
      lastError = signal.aborted ? null : describeFailure(error);
    }
    log[failure === null ? 'info' : 'warn'](
      {
        event: 'run',
        durationMs: Math.round(performance.now() - runStartedMs),
        ...(failure === null ? { outcome: 'ok', httpStatus: null } : failureFields(failure)),
        notRefreshedTickets: notRefreshed?.tickets ?? null,
        notRefreshedPages: notRefreshed?.pages ?? null,
      },
      'sync run finished',
    );
    if (!signal.aborted) await countCached().catch(() => undefined);
    update({
      running: false,
      phase: 'idle',
      progress: null,
      lastError,
      ...(syncedAt === null ? {} : { lastSyncAt: syncedAt }),
      ...(notRefreshed === null ? {} : { notRefreshed }),
    });
    if (started && failure === null) fillInBackground();
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
      return current;
    }
    // A run under way may have read the lists already, and the agent asked for what the server
    // holds now: one more run follows it. Asked again meanwhile, that same follow-up answers.
    followUp ??= current
      .catch(() => undefined)
      .then(() => {
        followUp = null;
        return runNow();
      });
    return followUp;
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
      await Promise.all([current, filling]);
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
        try {
          const remote = await asAgentRequest(() =>
            reportingOutcome(connectivity, () =>
              client.getTicket(protocol, { signal: lifetime.signal }),
            ),
          );
          await storeTicketDetail(store, remote);
        } catch (error) {
          if (!isTicketGone(error)) throw error;
          // Deleted on the server: it leaves the inbox (kept while it has pending actions).
          await store.markTicketGone(key);
          events.emit('tickets', { keys: [key] });
          throw new HubsoftError('not_found', goneMessage, { details: { request: detailRequest } });
        }
      }
      events.emit('tickets', { keys: [key] });
    },
  };
}
