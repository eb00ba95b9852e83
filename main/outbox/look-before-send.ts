/**
 * The look before sending (issue 12; Help Scout calls theirs Traffic Cop). A reply or a close that
 * waited (queued while offline, or more than a minute old when its turn comes) answers the ticket
 * as the agent saw it then. Before it goes out, the ticket is fetched with the detail call the
 * read-back uses; if someone else wrote meanwhile, nothing is sent: the action waits for the agent
 * with the new messages, to send anyway, edit or discard.
 *
 * "Someone else": HubSoft's reads name no author (fact 35), but it records the API user as the
 * author of what the app sends (fact 29), and the app keeps every message it sent under the local
 * id it was queued with, and every reply it sent in the outbox. So the agent's own messages are
 * the cached ones without an `m:` id, and those with the text of a sent reply.
 *
 * Called from one place, `deliver()`, after the action is marked sending and before any send.
 */
import { HubsoftError } from '../hubsoft/errors';
import type { HubsoftClient } from '../hubsoft/client';
import type { RemoteMessage } from '../hubsoft/model';
import type { Store } from '../store/client';
import { lookedKinds, newMessagesError, type LookBaseline } from '../store/look-before';
import type { NewMessage, OutboxAction } from '../store/types';
import type { ConnectivitySignal } from '../sync/connectivity-signal';
import { storeTicketDetail } from '../sync/ticket-detail';
import { logAttempt, type AttemptStep, type OutboxLog } from './attempt-log';
import { classifyFailure } from './retry-policy';
import { serverTicketOf } from './server-ticket';

/** The store setting (Configurações › Fila de envio) that turns the look off; on when unset. */
export const lookBeforeSendingSetting = 'outbox.lookBeforeSending';

/** An action older than this when its turn comes may answer a conversation that moved on. */
export const waitedAfterMs = 60_000;

/** Server and app clocks differ by this much at most, as the read-back assumes. */
const clockSlackMs = 5 * 60_000;

/** What the look needs of the delivery; `DeliveryContext` has it all. */
export interface LookContext {
  store: Store;
  client: HubsoftClient;
  connectivity: ConnectivitySignal;
  now: () => Date;
  signal: AbortSignal;
  changed(keys: string[]): void;
  log: OutboxLog;
}

export async function lookBeforeSendingEnabled(store: Store): Promise<boolean> {
  return (await store.getSetting(lookBeforeSendingSetting)) !== false;
}

/**
 * True when the action was held for the agent (the caller sends nothing). Throws what the
 * detail fetch threw when the server could not be asked, to be retried like any failed try.
 */
export async function heldForNewMessages(action: OutboxAction, ctx: LookContext): Promise<boolean> {
  if (!lookedKinds.includes(action.kind)) return false;
  const baseline = await ctx.store.getActionLookBaseline(action.id);
  // Queued before looks existed, or the agent chose "send anyway": no (second) look.
  if (!baseline || baseline.approved) return false;
  const waited =
    baseline.offline || ctx.now().getTime() - Date.parse(baseline.takenAt) > waitedAfterMs;
  if (!waited || !(await lookBeforeSendingEnabled(ctx.store))) return false;
  const target = await serverTicketOf(ctx.store, action.ticketKey);
  if (!target?.protocol) return false;

  const step: AttemptStep = 'look';
  const line = { actionId: action.id, kind: action.kind, attempt: action.attempts, step };
  const startedAt = Date.now();
  let found: NewMessage[];
  try {
    const remote = await ctx.client.getTicket(target.protocol, { signal: ctx.signal });
    ctx.connectivity.report('reachable');
    const own = await ownMessages(action, ctx.store);
    // What the look found is what the ticket shows from now on, the new messages included.
    await storeTicketDetail(ctx.store, remote);
    // Without its messages the answer cannot tell: the action goes as the agent asked.
    found = remote.messages ? newSince(remote.messages, baseline, own) : [];
  } catch (error) {
    const failure = classifyFailure(error);
    logAttempt(ctx.log, { ...line, outcome: failure, startedAt, finishedAt: Date.now(), error });
    // The server answered without the ticket (deleted, refused): the send meets the same answer
    // and settles the action with it. Anything else is tried again like a failed send.
    if (failure === 'refused' && error instanceof HubsoftError) return false;
    throw error;
  }
  const outcome = found.length > 0 ? 'new_messages' : 'none';
  logAttempt(ctx.log, { ...line, outcome, startedAt, finishedAt: Date.now() });
  return hold(action, found, ctx);
}

/** Holds the action for the agent when someone else wrote; true when it did. */
async function hold(action: OutboxAction, found: NewMessage[], ctx: LookContext): Promise<boolean> {
  if (found.length === 0) return false;
  await ctx.store.markActionNeedsAttention(action.id, newMessagesError(found));
  ctx.changed([action.ticketKey]);
  return true;
}

/** Whitespace differences are the server's doing, not a different text. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What this app sent on the ticket: the server ids its messages keep under the local id they were
 * queued with, and the texts of its sent replies (a reply whose answer was lost may be known only
 * by the server's copy, stored by a sync before the read-back confirmed it).
 */
async function ownMessages(action: OutboxAction, store: Store): Promise<OwnMessages> {
  const [cached, actions] = await Promise.all([
    store.getTicket(action.ticketKey),
    store.listActions({ ticketKey: action.ticketKey, states: ['sent'] }),
  ]);
  const ids = new Set<number>();
  for (const message of cached?.messages ?? []) {
    if (message.id !== null && !message.localId.startsWith('m:')) ids.add(message.id);
  }
  const texts = new Set<string>();
  for (const sent of actions) if (sent.kind === 'reply') texts.add(normalized(sent.payload.text));
  return { ids, texts };
}

interface OwnMessages {
  ids: Set<number>;
  texts: Set<string>;
}

/**
 * Messages above the newest one the agent had seen, written by someone else; oldest first. When
 * the cache held none of the ticket's messages, those written since the agent wrote count (the
 * server's clock may be off by a few minutes; reconcile.ts allows the same).
 */
function newSince(
  messages: RemoteMessage[],
  baseline: LookBaseline,
  own: OwnMessages,
): NewMessage[] {
  const seen = baseline.seenMessageId;
  const writtenAt = Date.parse(baseline.takenAt) - clockSlackMs;
  return messages
    .filter((message) =>
      seen === null ? Date.parse(message.createdAt) >= writtenAt : message.id > seen,
    )
    .filter((message) => !own.ids.has(message.id) && !own.texts.has(normalized(message.text)))
    .sort((a, b) => a.id - b.id)
    .map(({ id, text, createdAt }) => ({ id, text, createdAt }));
}
