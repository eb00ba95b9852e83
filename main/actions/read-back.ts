/**
 * What every kind's read-back shares. HubSoft has no idempotency keys, so after a write whose
 * answer was lost the only way to avoid a duplicate is to look at what the server has now. Only
 * what is proven missing is sent again; anything the server's answer cannot settle is
 * 'unproven' and goes to the agent. Reads that fail for network reasons throw, to be retried.
 */
import type { HubsoftClient } from '../hubsoft/client';
import type { RemoteTicket } from '../hubsoft/model';
import { serverTicketOf } from '../outbox/server-ticket';
import type { Store } from '../store/client';
import type { OutboxAction, SentOutcome } from '../store/types';
import { isTicketGone } from '../sync/ticket-failures';

export type ReadBackVerdict =
  | { verdict: 'sent'; outcome: SentOutcome }
  | { verdict: 'missing' }
  | { verdict: 'unproven'; reason: string }
  | { verdict: 'gone' };

export interface ReadBackDeps {
  store: Store;
  client: HubsoftClient;
  now: () => Date;
  signal?: AbortSignal;
}

export const missing: ReadBackVerdict = { verdict: 'missing' };

export function unproven(reason: string): ReadBackVerdict {
  return { verdict: 'unproven', reason };
}

/** The ticket's detail said the server no longer has it: `readBack` answers 'gone'. */
export class TicketGone extends Error {}

/** Server and app clocks differ; a match may be this much older than the action itself. */
const clockSlackMs = 5 * 60_000;

/** The earliest a server record made by this action can be dated. */
export function since(action: OutboxAction): number {
  return Date.parse(action.createdAt) - clockSlackMs;
}

/** Whitespace differences are the server's doing, not a different text. */
export function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The ticket's full detail. Fact 16 and the design: a deleted ticket's detail answers HTTP 200
 * `status:error` "Atendimento não encontrado", with no debug fields. Only this read proves a
 * ticket gone: the write's own answer carries Laravel's debug fields (fact 14), as any crash does.
 */
export async function detailOf(protocol: string, deps: ReadBackDeps): Promise<RemoteTicket> {
  try {
    return await deps.client.getTicket(protocol, { signal: deps.signal });
  } catch (error) {
    if (isTicketGone(error)) throw new TicketGone();
    throw error;
  }
}

/** The detail of the action's ticket, or why it cannot be read. */
export async function actionTicketDetail(
  action: OutboxAction,
  deps: ReadBackDeps,
): Promise<RemoteTicket | ReadBackVerdict> {
  const target = await serverTicketOf(deps.store, action.ticketKey);
  if (!target?.protocol) return unproven('o atendimento não tem protocolo para conferência');
  return detailOf(target.protocol, deps);
}

export function isVerdict(value: RemoteTicket | ReadBackVerdict): value is ReadBackVerdict {
  return 'verdict' in value;
}
