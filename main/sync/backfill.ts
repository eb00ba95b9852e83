/**
 * The first (or widened) fill of the cache: `/atendimento/todos` by creation date over the job's
 * days, a few pages in flight (the client's token bucket keeps them under the rate limit), each
 * page written in its own transaction and then recorded in the checkpoint, so a crash loses at
 * most the pages in flight and a restart continues where the checkpoint says. The list is oldest
 * first, so a one-row call learns its length and the pages are asked from the end: the newest
 * tickets reach the inbox first.
 */
import { isHubsoftError } from '../hubsoft/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { WrittenListPage } from '../hubsoft/list-page-bytes';
import type { TicketListQuery } from '../hubsoft/requests';
import type { Store } from '../store/client';
import {
  saveBackfillState,
  withJobFinished,
  withJobProgress,
  type BackfillJob,
  type BackfillState,
} from './backfill-checkpoint';
import type { ConnectivitySignal } from './connectivity-signal';
import { syncListRelations } from './list-relations';
import { PagePlan, type PlannedPage } from './page-plan';
import { callWhenOnline, isNetworkFailure, reportingOutcome } from './remote-call';
import { loggedFetch, type SyncLog } from './sync-log';

export interface BackfillProgress {
  done: number;
  total: number | null;
}

export interface BackfillContext {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  signal: AbortSignal;
  log: SyncLog;
  /** After each page is written and checkpointed. */
  onPage(progress: BackfillProgress): void;
}

/** Pages in flight: enough to hide latency; the client's token bucket keeps the pace. */
const concurrency = 4;
/** Network failures in a row, while online, before the job stops for this run. */
const failureLimit = 12;

export function progressOf(job: BackfillJob): BackfillProgress {
  const plan = new PagePlan(job.plan);
  return { done: plan.covered, total: plan.knownTotal };
}

/** Runs the job to its end and answers the checkpoint state with the job finished. */
export async function runBackfill(
  context: BackfillContext,
  state: BackfillState,
  job: BackfillJob,
): Promise<BackfillState> {
  const { store, client, connectivity } = context;
  const plan = new PagePlan(job.plan);
  const local = new AbortController();
  const signal = AbortSignal.any([context.signal, local.signal]);
  let current = state;
  let failuresInARow = 0;

  const listQuery = (
    page: number,
    size: number,
    withRelations: boolean,
    callSignal: AbortSignal,
  ): TicketListQuery => ({
    page,
    perPage: size,
    from: job.from,
    to: job.to,
    dateField: 'created',
    relations: withRelations ? [...syncListRelations] : [],
    signal: callSignal,
  });

  /** How many tickets the window holds: one row, no relations (fact 31 answers the total). */
  const countWindow = async (): Promise<void> => {
    const answer = await loggedFetch(
      context.log,
      { event: 'page', endpoint: 'GET /atendimento/todos', page: 0, size: 1 },
      () =>
        callWhenOnline(connectivity, signal, (callSignal) =>
          client.listTickets(listQuery(0, 1, false, callSignal)),
        ),
    );
    plan.learnTotal(answer.total);
    current = withJobProgress(current, job, plan.snapshot());
    await saveBackfillState(store, current);
  };

  /**
   * One page, its bytes read and written by the store worker (the main thread never parses a
   * page); the server's answer time, not the write's, tunes the page size.
   */
  const fetchPage = async (page: PlannedPage): Promise<void> => {
    await connectivity.whenOnline(signal);
    const startedAt = performance.now();
    let answeredAt = startedAt;
    let answer: WrittenListPage<string[]>;
    try {
      answer = await loggedFetch(
        context.log,
        { event: 'page', endpoint: 'GET /atendimento/todos', page: page.page, size: page.size },
        () =>
          reportingOutcome(connectivity, () =>
            client.listTicketsInto(listQuery(page.page, page.size, true, signal), (bytes) => {
              answeredAt = performance.now();
              return store.writeTicketListPage(bytes);
            }),
          ),
      );
    } catch (error) {
      const timedOut = isHubsoftError(error) && error.kind === 'timeout';
      plan.fail(page, timedOut ? 'timeout' : 'other');
      failuresInARow += 1;
      // Offline waits happen before the request; a failure here is worth counting.
      if (!isNetworkFailure(error) || failuresInARow >= failureLimit) throw error;
      return;
    }
    const durationMs = answeredAt - startedAt;
    failuresInARow = 0;
    plan.complete(page, { total: answer.total, durationMs });
    current = withJobProgress(current, job, plan.snapshot());
    await saveBackfillState(store, current);
    context.onPage({ done: plan.covered, total: plan.knownTotal });
  };

  if (plan.knownTotal === null) await countWindow();
  const inFlight = new Set<Promise<void>>();
  try {
    for (;;) {
      while (inFlight.size < concurrency) {
        const page = plan.next();
        if (!page) break;
        const task: Promise<void> = fetchPage(page).finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
  } catch (error) {
    local.abort();
    await Promise.allSettled(inFlight);
    throw error;
  }
  const finished = withJobFinished(current, job);
  await saveBackfillState(store, finished);
  return finished;
}
