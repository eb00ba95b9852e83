/**
 * What the timeline tells beyond messages: who opened the ticket (contact, phone, origin) and how
 * it was closed (reason, text), from what the cache keeps and, where the detail's presentation
 * shape only names things (`motivo_fechamento`, fact 37), from the server's own object.
 */
import type { ConfigItem, OutboxAction, Ticket } from '../../../preload/types';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function id(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : null;
}

function labelOf(items: readonly ConfigItem[] | undefined, itemId: number | null): string | null {
  if (itemId === null) return null;
  return items?.find((item) => item.id === itemId)?.label ?? null;
}

export interface OpeningContact {
  name: string | null;
  phone: string | null;
  origin: string | null;
}

/** The contact who asked for the ticket, with the origin's label from the config lists. */
export function openingContact(
  ticket: Ticket,
  origins: readonly ConfigItem[] | undefined,
): OpeningContact | null {
  const contact = ticket.contact;
  if (!contact) return null;
  const origin = labelOf(origins, contact.originId);
  return contact.name || contact.phone || origin
    ? { name: contact.name, phone: contact.phone, origin }
    : null;
}

export interface Closing {
  /** ISO 8601 UTC, with its precision from the ticket. */
  at: string;
  reason: string | null;
  text: string | null;
  /** Closed here and not yet confirmed by HubSoft. */
  pending: boolean;
}

/**
 * How the ticket was closed: the close this app queued (while it is not yet confirmed) or what
 * the server says. Model rows give the reason's id, the presentation shape its label (fact 37).
 */
export function closingOf(
  ticket: Ticket,
  reasons: readonly ConfigItem[] | undefined,
): Closing | null {
  if (ticket.closedAt === null) return null;
  const queued = ticket.pending.find(
    (action): action is Extract<OutboxAction, { kind: 'close' }> => action.kind === 'close',
  );
  if (queued) {
    return {
      at: ticket.closedAt,
      reason: labelOf(reasons, queued.payload.reasonId ?? null),
      text: text(queued.payload.description),
      pending: true,
    };
  }
  const reasonId = ticket.closing.reasonId ?? id(ticket.raw.id_motivo_fechamento_atendimento);
  return {
    at: ticket.closedAt,
    reason: labelOf(reasons, reasonId) ?? text(ticket.raw.motivo_fechamento),
    text: text(ticket.closing.description) ?? text(ticket.raw.descricao_fechamento),
    pending: false,
  };
}

/**
 * Whether a message was written by the agent through this app. HubSoft's message rows name no
 * author (fact 35); it records the API user as `id_usuario` on what the app sends (fact 29), and
 * the app keeps the local id each of its messages was queued with, while the server's own rows
 * are `m:<id>`.
 */
export function isOwnMessage(localId: string): boolean {
  return !localId.startsWith('m:');
}
