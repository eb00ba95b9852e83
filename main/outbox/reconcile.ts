/**
 * Reading back an action whose outcome is unknown: the request went out and no answer came (or
 * the app died while it was in flight). HubSoft has no idempotency keys, so the only way to avoid
 * a duplicate ticket or message is to look at what the server has now:
 * - create: the service's recent tickets, matched by the start of the opening text (the server
 *   appends its own suffix), opened since the action was queued (to the day: that list has no
 *   time), and not already claimed by another ticket created here;
 * - reply: the ticket's messages, the same text at or after the action's time;
 * - close: whether the ticket is closed; update: whether it shows the new values (by label: the
 *   detail names the status and type instead of giving their ids, fact 37);
 * - attach: `anexos_count` (a `/paginado` row, fact 34) against the count saved on the action's
 *   row just before the upload started.
 * Only what is proven missing is sent again; anything the server's answer cannot settle is
 * 'unproven' and goes to the agent. Reads that fail for network reasons throw, to be retried.
 * A ticket whose detail the server no longer has is 'gone': whatever the write did, it did it to
 * a deleted ticket, so there is nothing to send again and nothing to duplicate.
 */
import { HubsoftError } from '../hubsoft/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { ConfigListName, RemoteTicket } from '../hubsoft/model';
import type { Store } from '../store/client';
import type { OutboxAction, SentOutcome } from '../store/types';
import { attachBaseline } from './attach-baseline';
import { attachmentCountOf } from './attachment-count';
import { isTicketGone } from '../sync/ticket-failures';
import { classifyFailure } from './retry-policy';
import { serverTicketOf, type ServerTicket } from './server-ticket';

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

/** Server and app clocks differ; a match may be this much older than the action itself. */
const clockSlackMs = 5 * 60_000;
const dayMs = 24 * 60 * 60_000;
/** `cliente/atendimento` answers at most this many tickets per call. */
const customerTicketsLimit = 50;

const missing: ReadBackVerdict = { verdict: 'missing' };

/** The ticket's detail said the server no longer has it. */
class TicketGone extends Error {}

/**
 * The ticket's full detail. Fact 16 and the design: a deleted ticket's detail answers HTTP 200
 * `status:error` "Atendimento não encontrado", with no debug fields. Only this read proves a
 * ticket gone: the write's own answer carries Laravel's debug fields (fact 14), as any crash does.
 */
async function detailOf(protocol: string, deps: ReadBackDeps): Promise<RemoteTicket> {
  try {
    return await deps.client.getTicket(protocol, { signal: deps.signal });
  } catch (error) {
    if (isTicketGone(error)) throw new TicketGone();
    throw error;
  }
}

function unproven(reason: string): ReadBackVerdict {
  return { verdict: 'unproven', reason };
}

/** Whitespace differences are the server's doing, not a different text. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function since(action: OutboxAction): number {
  return Date.parse(action.createdAt) - clockSlackMs;
}

/** HubSoft's naive dates are local time at UTC-03:00. */
const hubsoftOffsetMs = 3 * 60 * 60_000;

/**
 * Whether a ticket was opened at or after `earliest`. The customer's ticket list gives only the
 * day it was opened (local midnight): then the day is compared, not the time.
 */
function openedSince(openedAt: string, earliest: number): boolean {
  const opened = Date.parse(openedAt);
  const dayOnly = (opened - hubsoftOffsetMs) % dayMs === 0;
  if (!dayOnly) return opened >= earliest;
  const earliestDay = earliest - ((earliest - hubsoftOffsetMs) % dayMs);
  return opened >= earliestDay;
}

export async function readBack(action: OutboxAction, deps: ReadBackDeps): Promise<ReadBackVerdict> {
  try {
    switch (action.kind) {
      case 'create':
        return await readBackCreate(action, deps);
      case 'reply':
        return await readBackReply(action, deps);
      case 'close':
        return await readBackTicket(action, deps, (ticket) =>
          ticket.closedAt !== null ? { verdict: 'sent', outcome: {} } : missing,
        );
      case 'update':
        return await readBackUpdate(action, deps);
      case 'attach':
        return await readBackAttach(action, deps);
    }
  } catch (error) {
    if (error instanceof TicketGone) return { verdict: 'gone' };
    // The server answered, but not with the ticket: nothing more can be learnt by asking again.
    if (classifyFailure(error) === 'refused' && error instanceof HubsoftError) {
      return unproven(`o HubSoft não mostrou o atendimento para conferência (${error.message})`);
    }
    throw error;
  }
}

async function readBackCreate(
  action: Extract<OutboxAction, { kind: 'create' }>,
  { store, client, signal }: ReadBackDeps,
): Promise<ReadBackVerdict> {
  const after = since(action);
  const tickets = await client.listCustomerTickets({
    by: 'id_cliente_servico',
    term: String(action.payload.serviceId),
    onlyPending: false,
    limit: customerTicketsLimit,
    // Local days start at most a day before UTC ones: a day earlier is always wide enough.
    from: new Date(after - dayMs).toISOString().slice(0, 10),
    signal,
  });
  const text = normalized(action.payload.description);
  const candidates = tickets
    .filter((ticket) => normalized(ticket.description ?? '').startsWith(text))
    .filter((ticket) => openedSince(ticket.openedAt, after))
    .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt) || a.id - b.id);
  for (const candidate of candidates) {
    // A ticket another offline create already claimed is that one's, not this one's.
    const owner = await store.findTicketKey(candidate.id);
    if (owner === null || owner === action.ticketKey || !owner.startsWith('local:')) {
      return {
        verdict: 'sent',
        outcome: { ticket: { id: candidate.id, protocol: candidate.protocol } },
      };
    }
  }
  if (tickets.length >= customerTicketsLimit) {
    return unproven('o cliente tem atendimentos demais para conferir se este foi aberto');
  }
  return missing;
}

async function readBackReply(
  action: Extract<OutboxAction, { kind: 'reply' }>,
  deps: ReadBackDeps,
): Promise<ReadBackVerdict> {
  const target = await serverTicketOf(deps.store, action.ticketKey);
  if (!target?.protocol) return unproven('o atendimento não tem protocolo para conferência');
  const ticket = await detailOf(target.protocol, deps);
  if (ticket.messages === null)
    return unproven('o HubSoft não mostrou as mensagens do atendimento');
  const cached = await deps.store.getTicket(action.ticketKey);
  const text = normalized(action.payload.text);
  const after = since(action);
  for (const message of ticket.messages) {
    if (normalized(message.text) !== text || Date.parse(message.createdAt) < after) continue;
    const holder = cached?.messages.find((local) => local.id === message.id);
    // The same text sent by another reply of ours belongs to that reply.
    if (holder && holder.localId !== action.localRef && !holder.localId.startsWith('m:')) continue;
    // A copy sync already stored under the server's id keeps that id; ours is only confirmed.
    const messageId = holder && holder.localId !== action.localRef ? undefined : message.id;
    const outcome = { messageId, messageCreatedAt: message.createdAt };
    return { verdict: 'sent', outcome: messageId === undefined ? {} : outcome };
  }
  return missing;
}

async function readBackTicket(
  action: OutboxAction,
  deps: ReadBackDeps,
  judge: (ticket: RemoteTicket) => ReadBackVerdict,
): Promise<ReadBackVerdict> {
  const target = await serverTicketOf(deps.store, action.ticketKey);
  if (!target?.protocol) return unproven('o atendimento não tem protocolo para conferência');
  return judge(await detailOf(target.protocol, deps));
}

type UpdatePayload = Extract<OutboxAction, { kind: 'update' }>['payload'];

/** Accents count; spacing and letter case are the server's doing. */
function sameLabel(a: string, b: string): boolean {
  return normalized(a).toLowerCase() === normalized(b).toLowerCase();
}

/**
 * What the detail must show for the asked id: the detail is the presentation shape, with labels
 * instead of ids (fact 37), so the id goes through the cached configuration list. Null when the
 * label cannot tell (the id is not in the list, or another id shares its label).
 */
async function expectedLabel(
  list: ConfigListName,
  wantedId: number,
  deps: ReadBackDeps,
): Promise<string | null> {
  const cached = await deps.store.getConfigList(list);
  const items = cached?.items.some((item) => item.id === wantedId)
    ? cached.items
    : await deps.client.getConfigList(list, { signal: deps.signal });
  const wanted = items.find((item) => item.id === wantedId);
  if (!wanted) return null;
  const shared = items.some((item) => item.id !== wantedId && sameLabel(item.label, wanted.label));
  return shared ? null : wanted.label;
}

/** Whether one field shows the asked value: by id when the answer has ids, else by label. */
async function showsValue(
  shownId: number | null,
  shownLabel: string | null,
  list: ConfigListName,
  wantedId: number,
  deps: ReadBackDeps,
): Promise<boolean | 'unknown'> {
  if (shownId !== null) return shownId === wantedId;
  if (shownLabel === null) return 'unknown';
  const label = await expectedLabel(list, wantedId, deps);
  return label === null ? 'unknown' : sameLabel(label, shownLabel);
}

async function readBackUpdate(
  action: Extract<OutboxAction, { kind: 'update' }>,
  deps: ReadBackDeps,
): Promise<ReadBackVerdict> {
  const target = await serverTicketOf(deps.store, action.ticketKey);
  if (!target?.protocol) return unproven('o atendimento não tem protocolo para conferência');
  const ticket = await detailOf(target.protocol, deps);
  const payload: UpdatePayload = action.payload;
  const checks: (boolean | 'unknown')[] = [];
  if (payload.statusId != null) {
    checks.push(
      await showsValue(
        ticket.status?.id ?? ticket.statusId,
        ticket.labels?.status ?? null,
        'ticketStatuses',
        payload.statusId,
        deps,
      ),
    );
  }
  if (payload.typeId != null) {
    checks.push(
      await showsValue(
        ticket.type?.id ?? ticket.typeId,
        ticket.labels?.type ?? null,
        'ticketTypes',
        payload.typeId,
        deps,
      ),
    );
  }
  if (payload.description != null) {
    checks.push(normalized(ticket.description ?? '') === normalized(payload.description));
  }
  if (checks.includes(false)) return missing;
  if (checks.includes('unknown')) {
    return unproven('o HubSoft não mostrou o status ou o tipo de um jeito que permita conferir');
  }
  return { verdict: 'sent', outcome: {} };
}

async function readBackAttach(
  action: Extract<OutboxAction, { kind: 'attach' }>,
  deps: ReadBackDeps,
): Promise<ReadBackVerdict> {
  const baseline = await attachBaseline(deps.store, action.id);
  // The baseline is saved before any upload starts: without one, nothing was ever sent.
  if (baseline === null) return missing;
  const before = baseline.count;
  const target = await serverTicketOf(deps.store, action.ticketKey);
  if (!target) return unproven('o atendimento não está mais no cache para conferência');
  if (before === null) {
    await requireDetail(target, deps);
    return unproven('não se sabe quantos anexos o atendimento tinha antes do envio');
  }
  const count = await attachmentCountOf(deps.client, target, deps.now(), deps.signal);
  if (count === null) {
    await requireDetail(target, deps);
    return unproven('o HubSoft não informou a quantidade de anexos');
  }
  if (count === before) return missing;
  if (count >= before + action.payload.stagedIds.length) return { verdict: 'sent', outcome: {} };
  return unproven(
    `o atendimento tinha ${before} anexo(s) e agora tem ${count}; não se sabe quais chegaram`,
  );
}

/**
 * A ticket missing from the list rows may have been deleted: its detail says so (read by
 * `readBack` as 'gone'); a ticket that is still there leaves the count unknown.
 */
async function requireDetail(target: ServerTicket, deps: ReadBackDeps): Promise<void> {
  if (target.protocol) await detailOf(target.protocol, deps);
}
