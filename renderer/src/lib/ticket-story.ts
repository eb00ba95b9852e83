/**
 * What the timeline tells beyond messages: who opened the ticket (contact, phone, origin) and how
 * it was closed (reason, text). Read leniently from the server's own object in the shapes HubSoft
 * answers with, and from the actions this app queued for the ticket, since the detail call's
 * presentation shape names neither the contact nor the closing reason's id (facts 23, 27, 37).
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

/**
 * The contact who asked for the ticket. The raw model (PUT's answer, fact 27) carries
 * `nome_contato`, `telefone_contato` and `id_origem_contato`; a ticket opened from this app
 * knows them from its own create action.
 */
export function openingContact(
  ticket: Ticket,
  actions: readonly OutboxAction[],
  origins: readonly ConfigItem[] | undefined,
): OpeningContact | null {
  const create = actions.find(
    (action): action is Extract<OutboxAction, { kind: 'create' }> =>
      action.kind === 'create' && action.ticketKey === ticket.key,
  );
  const name = text(ticket.raw.nome_contato) ?? text(create?.payload.name);
  const phone = text(ticket.raw.telefone_contato) ?? text(create?.payload.phone);
  const originId = id(ticket.raw.id_origem_contato) ?? create?.payload.contactOriginId ?? null;
  const origin = labelOf(origins, originId) ?? text(ticket.raw.origem_contato);
  return name || phone || origin ? { name, phone, origin } : null;
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
