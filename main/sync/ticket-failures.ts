/**
 * What one ticket's or one page's failure means for a sync run. A ticket the server no longer
 * has is gone; a failure that says the whole session or run is over (signed out, cancelled, the
 * cache itself failing) stops the run; anything else is this one item's problem: it is retried on
 * a later run, after a backoff, and the rest of the run goes on.
 */
import { z } from 'zod';
import { isHubsoftError } from '../hubsoft/errors';
import type { Store } from '../store/client';
import type { JsonValue } from '../store/types';

/**
 * Fact 16 and the design: a deleted ticket's detail answers HTTP 200 `status:error` "Atendimento
 * não encontrado" (a refusal to the client); an empty answer for its protocol is the
 * client's own `not_found`.
 */
export function isTicketGone(error: unknown): boolean {
  if (!isHubsoftError(error)) return false;
  // The client's own "not in the answer" has no HTTP status; a 404 is a missing route, not a
  // missing ticket, and must not empty the cache.
  if (error.kind === 'not_found') return error.status === null;
  // With its `errors` array the client calls that answer a validation error.
  const refused = error.kind === 'business' || error.kind === 'validation';
  return refused && /n[ãa]o\s+encontrad[oa]/i.test(error.details.serverMessage ?? '');
}

/** Failures no other item would escape: they end the run. */
export function endsTheRun(error: unknown): boolean {
  if (!isHubsoftError(error)) return true;
  return error.kind === 'auth' || error.kind === 'cancelled';
}

export const refreshRetriesCheckpoint = 'sync.refreshRetries';

const retryEntry = z.object({ attempts: z.number().int().min(1), retryAt: z.iso.datetime() });
const retriesSchema = z.record(z.string(), retryEntry);
export type RefreshRetries = z.infer<typeof retriesSchema>;

/** First retry after a minute, doubling to at most six hours, a quarter of it jittered. */
const firstRetryMs = 60_000;
const maxRetryMs = 6 * 3_600_000;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxRetryMs, firstRetryMs * 2 ** (attempts - 1));
  return Math.round(ceiling * (0.75 + random() * 0.25));
}

export async function loadRefreshRetries(store: Store): Promise<RefreshRetries> {
  const parsed = retriesSchema.safeParse(await store.getCheckpoint(refreshRetriesCheckpoint));
  return parsed.success ? parsed.data : {};
}

export async function saveRefreshRetries(store: Store, retries: RefreshRetries): Promise<void> {
  await store.setCheckpoint(refreshRetriesCheckpoint, retries as unknown as JsonValue);
}

/** The ticket failed once more: when it may be tried again. */
export function withFailure(retries: RefreshRetries, key: string, now: Date): RefreshRetries {
  const attempts = (retries[key]?.attempts ?? 0) + 1;
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
  return { ...retries, [key]: { attempts, retryAt } };
}

export function withoutKey(retries: RefreshRetries, key: string): RefreshRetries {
  if (!(key in retries)) return retries;
  return Object.fromEntries(Object.entries(retries).filter(([name]) => name !== key));
}

export function waitingForRetry(retries: RefreshRetries, key: string, now: Date): boolean {
  const entry = retries[key];
  return entry !== undefined && Date.parse(entry.retryAt) > now.getTime();
}
