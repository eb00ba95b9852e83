/**
 * The part of an action kind that runs inside the store worker, in the outbox's transactions:
 * how queueing it shows locally (a pending message, changed fields, a local ticket), how that is
 * taken back and shown again, and what the server's acceptance changes in the cache.
 */
import type { FieldFold } from '../store/ticket-fields';
import type { TicketWrites } from '../store/ticket-writes';
import type { ActionKind, OutboxAction, PayloadByKind, SentOutcome } from '../store/types';

export type ActionOf<K extends ActionKind> = Extract<OutboxAction, { kind: K }>;

export interface LocalPlacement {
  ticketKey: string;
  /** The local row the action shows as pending (the message a reply adds), if any. */
  localRef: string | null;
}

export interface StoreSide<K extends ActionKind> {
  /** A kind that makes its own ticket: later actions on that ticket wait until it is sent. */
  createsTicket?: true;
  /**
   * Before the row is written: the ticket it belongs to (`ticketKey` is null for a kind that
   * creates its ticket) and its local row. Throws when the ticket is not in the cache.
   */
  place(
    tickets: TicketWrites,
    ticketKey: string | null,
    payload: PayloadByKind[K],
    now: string,
  ): LocalPlacement;
  /** Its effect on the ticket's own fields, folded over the server's while it is open. */
  fields?: (payload: PayloadByKind[K], createdAt: string) => FieldFold;
  /** The agent discarded it or the server refused it. */
  undo(tickets: TicketWrites, action: ActionOf<K>): void;
  /** The agent sends it again, maybe edited: shown again; a new local row is answered. */
  reapply(tickets: TicketWrites, action: ActionOf<K>, now: string): { localRef?: string };
  /** The server accepted it. */
  sent(tickets: TicketWrites, action: ActionOf<K>, outcome: SentOutcome): void;
}
