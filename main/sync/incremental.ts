/**
 * What changed since the last run. HubSoft has no "changed since" filter, so three reads cover it:
 * tickets created since the last run, tickets closed since then (`tipo_data=data_fechamento`),
 * and the full detail of a bounded number of cached open tickets, the ones the agent viewed or is
 * responsible for first (status changes, new messages and reassignments show only there).
 */
import { isHubsoftError } from '../hubsoft/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { Store } from '../store/client';
import type { ConnectivitySignal } from './connectivity-signal';
import { hubsoftDay } from './hubsoft-days';
import { syncListRelations } from './list-relations';
import { callWhenOnline } from './remote-call';
import { storeTicketDetail } from './ticket-detail';

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
  /** Cached tickets that were written, as they are written. */
  onChanged(keys: string[]): void;
}

/** Clocks drift and a run can start while a ticket is being saved on the server. */
const overlapMs = 10 * 60_000;
/** Fact 49: with relations integrators page by 100; 500 can time out. */
const listPageSize = 100;

export async function runIncremental(context: IncrementalContext, since: Date): Promise<void> {
  const fromDay = hubsoftDay(new Date(since.getTime() - overlapMs));
  const today = hubsoftDay(context.now());
  for (const dateField of ['created', 'closed'] as const) {
    await listDays(context, dateField, fromDay, today);
  }
  await refreshOpenTickets(context);
}

async function listDays(
  context: IncrementalContext,
  dateField: 'created' | 'closed',
  from: string,
  to: string,
): Promise<void> {
  const { store, client, connectivity, signal } = context;
  for (let page = 0; ; page += 1) {
    const answer = await callWhenOnline(connectivity, signal, (callSignal) =>
      client.listTickets({
        page,
        perPage: listPageSize,
        from,
        to,
        dateField,
        relations: [...syncListRelations],
        signal: callSignal,
      }),
    );
    if (answer.tickets.length > 0)
      context.onChanged(await store.upsertRemoteTickets(answer.tickets));
    if (page >= answer.lastPage) return;
  }
}

async function refreshOpenTickets(context: IncrementalContext): Promise<void> {
  const { store, client, connectivity, signal } = context;
  const candidates = await store.ticketsToRefresh({
    limit: context.refreshLimit,
    ...(context.userId === null ? {} : { responsibleUserId: context.userId }),
  });
  const refreshed: string[] = [];
  for (const candidate of candidates) {
    const protocol = (await store.getTicket(candidate.key))?.protocol;
    if (!protocol) continue;
    try {
      const remote = await callWhenOnline(connectivity, signal, (callSignal) =>
        client.getTicket(protocol, { signal: callSignal }),
      );
      await storeTicketDetail(store, remote);
      refreshed.push(candidate.key);
    } catch (error) {
      // Gone from the server (or not visible to this user): nothing to refresh, keep going.
      if (!isHubsoftError(error) || error.kind !== 'not_found') throw error;
    }
  }
  if (refreshed.length > 0) context.onChanged(refreshed);
}
