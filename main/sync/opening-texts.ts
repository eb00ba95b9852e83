/**
 * Fills in the background the opening texts (`descricao_abertura`) that only the detail call
 * brings (fact 33), so search covers them too. It spends a fixed share of HubSoft's rate limit
 * (fact 19: 20 requests/s per API user, which the provider's other agents share): at most
 * `perSecond` detail calls, 2 by default, one at a time. The agent's own requests come first: it
 * waits while one is in flight. Offline it waits for the server. What is left to fill is read from
 * the cache (`detail_fetched_at`), so it resumes after a restart where it stopped. Order: the
 * agent's own tickets, then open ones, then the newest.
 */
import { sleep } from '../hubsoft/backoff';
import type { HubsoftClient } from '../hubsoft/client';
import type { RemoteTicket } from '../hubsoft/model';
import type { Store } from '../store/client';
import type { ConnectivitySignal } from './connectivity-signal';
import { isNetworkFailure, reportingOutcome } from './remote-call';
import { loggedFetch, type SyncLog } from './sync-log';
import { storeTicketDetail } from './ticket-detail';
import { endsTheRun, isTicketGone } from './ticket-failures';

/** Two detail calls a second: a tenth of HubSoft's 20 req/s, room for the agent and colleagues. */
export const defaultOpeningTextRate = 2;

export interface OpeningTextContext {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  signal: AbortSignal;
  log: SyncLog;
  userId: number | null;
  /** Detail calls per second at most. */
  perSecond: number;
  /** Resolves when none of the agent's own requests is in flight. */
  agentIdle(): Promise<void>;
  /** Tickets whose opening text was written, or which left the cache. */
  onChanged(keys: string[]): void;
}

/** Candidates read from the cache at a time: a few seconds of work at the default rate. */
const batchSize = 20;
const endpoint = 'GET /cliente/atendimento';

/**
 * Runs until every cached ticket has its opening text (or failed in this pass), or the signal
 * aborts. A ticket that fails is left for the next pass; one the server no longer has is gone.
 */
export async function fillOpeningTexts(context: OpeningTextContext): Promise<void> {
  const { store, connectivity, signal } = context;
  const spacingMs = Math.ceil(1000 / context.perSecond);
  const failedThisPass = new Set<string>();
  // Spaced from the end of the previous call, so the server sees two calls at least this far apart
  // whatever the network's jitter: the budget holds where it counts.
  let lastEndedAt = Number.NEGATIVE_INFINITY;

  for (;;) {
    const batch = (
      await store.openingTextCandidates({
        limit: batchSize + failedThisPass.size,
        ...(context.userId === null ? {} : { responsibleUserId: context.userId }),
      })
    ).filter((candidate) => !failedThisPass.has(candidate.key));
    if (batch.length === 0) return;
    for (const candidate of batch.slice(0, batchSize)) {
      await connectivity.whenOnline(signal);
      await context.agentIdle();
      const wait = lastEndedAt + spacingMs - performance.now();
      if (wait > 0) await sleep(wait, signal);
      // The agent may have started a request while this one waited for its turn.
      await context.agentIdle();
      const outcome = await fetchDetail(context, candidate.protocol);
      lastEndedAt = performance.now();
      if (outcome.kind === 'fetched') {
        await storeTicketDetail(store, outcome.remote);
      } else if (outcome.kind === 'gone') {
        await store.markTicketGone(candidate.key);
      } else {
        // Offline, connectivity now waits for the server and the ticket comes round again.
        if (!isNetworkFailure(outcome.error)) failedThisPass.add(candidate.key);
        continue;
      }
      context.onChanged([candidate.key]);
    }
  }
}

type DetailOutcome =
  { kind: 'fetched'; remote: RemoteTicket } | { kind: 'gone' } | { kind: 'failed'; error: unknown };

/** One detail call; failures that end the filler (signed out, cancelled) are thrown. */
async function fetchDetail(context: OpeningTextContext, protocol: string): Promise<DetailOutcome> {
  const { client, connectivity, signal, log } = context;
  try {
    const remote = await loggedFetch(
      log,
      { event: 'detail', endpoint, purpose: 'opening_text' },
      () => reportingOutcome(connectivity, () => client.getTicket(protocol, { signal })),
    );
    return { kind: 'fetched', remote };
  } catch (error) {
    if (isTicketGone(error)) return { kind: 'gone' };
    if (endsTheRun(error)) throw error;
    return { kind: 'failed', error };
  }
}
