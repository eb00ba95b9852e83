/**
 * What changed since the last run. HubSoft has no "changed since" filter, so three reads cover it:
 * tickets created since the last run, tickets closed since then (`tipo_data=data_fechamento`),
 * and the full detail of a bounded number of cached open tickets, the ones the agent viewed or is
 * responsible for first (status changes, new messages and reassignments show only there).
 *
 * One item's failure never stops the run: a list page that fails leaves the window to be read
 * again next run; a ticket the server no longer has is marked gone; a ticket that fails otherwise
 * is tried again on a later run, after a backoff. Only a failure that no other item would escape
 * (signed out, cancelled, the cache failing) ends it.
 */
import type { HubsoftClient } from '../hubsoft/client';
import type { Store } from '../store/client';
import type { ConnectivitySignal } from './connectivity-signal';
import { hubsoftDay } from './hubsoft-days';
import { syncListRelations } from './list-relations';
import { callWhenOnline } from './remote-call';
import { loggedFetch, type SyncLog } from './sync-log';
import { storeTicketDetail } from './ticket-detail';
import {
  endsTheRun,
  isTicketGone,
  loadRefreshRetries,
  saveRefreshRetries,
  waitingForRetry,
  withFailure,
  withoutKey,
  type RefreshRetries,
} from './ticket-failures';

export interface IncrementalContext {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  signal: AbortSignal;
  now: () => Date;
  /** The agent's HubSoft user id, so their tickets are refreshed before others. */
  userId: number | null;
  /** Open tickets whose detail is fetched again per run. */
  refreshLimit: number;
  log: SyncLog;
  /** Cached tickets that were written (or left the cache), as it happens. */
  onChanged(keys: string[]): void;
}

export interface IncrementalReport {
  /** Every list page answered, so the next run may start its window from this one. */
  listsComplete: boolean;
  /** List pages that failed in this run. */
  failedPages: number;
  /** Open tickets that could not be refreshed and wait for a retry. */
  unrefreshedTickets: number;
  /** Tickets found deleted on the server. */
  goneTickets: number;
}

/** Clocks drift and a run can start while a ticket is being saved on the server. */
const overlapMs = 10 * 60_000;
/** Fact 49: with relations integrators page by 100; 500 can time out. */
const listPageSize = 100;
const listEndpoint = 'GET /atendimento/todos';
const detailEndpoint = 'GET /cliente/atendimento';

export async function runIncremental(
  context: IncrementalContext,
  since: Date,
): Promise<IncrementalReport> {
  const fromDay = hubsoftDay(new Date(since.getTime() - overlapMs));
  const today = hubsoftDay(context.now());
  let failedPages = 0;
  for (const dateField of ['created', 'closed'] as const) {
    if (!(await listDays(context, dateField, fromDay, today))) failedPages += 1;
  }
  const refresh = await refreshOpenTickets(context);
  return { listsComplete: failedPages === 0, failedPages, ...refresh };
}

/** Answers false when a page failed: the pages after it are left for the next run. */
async function listDays(
  context: IncrementalContext,
  dateField: 'created' | 'closed',
  from: string,
  to: string,
): Promise<boolean> {
  const { store, client, connectivity, signal, log } = context;
  for (let page = 0; ; page += 1) {
    let answer;
    try {
      answer = await loggedFetch(
        log,
        { event: 'page', endpoint: listEndpoint, dateField, page, size: listPageSize },
        () =>
          callWhenOnline(connectivity, signal, (callSignal) =>
            // The store worker reads and writes the page from its bytes (list-page-bytes.ts).
            client.listTicketsInto(
              {
                page,
                perPage: listPageSize,
                from,
                to,
                dateField,
                relations: [...syncListRelations],
                signal: callSignal,
              },
              (bytes) => store.writeTicketListPage(bytes),
            ),
          ),
      );
    } catch (error) {
      if (endsTheRun(error)) throw error;
      return false;
    }
    if (answer.written.length > 0) context.onChanged(answer.written);
    if (page >= answer.lastPage) return true;
  }
}

async function refreshOpenTickets(
  context: IncrementalContext,
): Promise<{ unrefreshedTickets: number; goneTickets: number }> {
  const { store, client, connectivity, signal, log } = context;
  await store.sweepGoneTickets();
  const candidates = await store.ticketsToRefresh({
    limit: context.refreshLimit,
    ...(context.userId === null ? {} : { responsibleUserId: context.userId }),
  });
  const previous = await loadRefreshRetries(store);
  // Only this run's candidates are tracked: a ticket that closed or left the cache is not owed.
  let retries: RefreshRetries = Object.fromEntries(
    candidates.flatMap((candidate) => {
      const entry = previous[candidate.key];
      return entry ? [[candidate.key, entry]] : [];
    }),
  );
  const changed: string[] = [];
  let goneTickets = 0;
  try {
    for (const candidate of candidates) {
      if (waitingForRetry(retries, candidate.key, context.now())) continue;
      const protocol = (await store.getTicket(candidate.key))?.protocol;
      if (!protocol) continue;
      try {
        const remote = await loggedFetch(
          log,
          { event: 'detail', endpoint: detailEndpoint, ticketId: candidate.id, purpose: 'refresh' },
          () =>
            callWhenOnline(connectivity, signal, (callSignal) =>
              client.getTicket(protocol, { signal: callSignal }),
            ),
        );
        await storeTicketDetail(store, remote);
        retries = withoutKey(retries, candidate.key);
      } catch (error) {
        if (isTicketGone(error)) {
          await store.markTicketGone(candidate.key);
          retries = withoutKey(retries, candidate.key);
          goneTickets += 1;
        } else if (endsTheRun(error)) {
          throw error;
        } else {
          retries = withFailure(retries, candidate.key, context.now());
          continue;
        }
      }
      changed.push(candidate.key);
    }
  } finally {
    await saveRefreshRetries(store, retries);
    if (changed.length > 0) context.onChanged(changed);
  }
  return { unrefreshedTickets: Object.keys(retries).length, goneTickets };
}
