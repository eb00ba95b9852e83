/**
 * A ticket's `anexos_count`, the only trace HubSoft gives of its attachments (no endpoint lists
 * them). Only `/atendimento/paginado` rows carry it (fact 34): the detail and `/todos` do not. That
 * list filters by creation day, so the ticket is looked for among the rows of the day it was
 * opened.
 */
import type { HubsoftClient } from '../hubsoft/client';
import type { ServerTicket } from './server-ticket';

/** HubSoft's days are local days at UTC-03:00 (fact 47). */
const hubsoftOffsetMs = 3 * 60 * 60_000;
const rowsPerPage = 100;
/** A day busier than this many pages is not searched to the end: the count stays unknown. */
const maxPages = 20;

function localDay(iso: string): string {
  return new Date(Date.parse(iso) - hubsoftOffsetMs).toISOString().slice(0, 10);
}

/** Null when the server did not tell it (the row was not found, or carried no count). */
export async function attachmentCountOf(
  client: HubsoftClient,
  ticket: ServerTicket,
  signal?: AbortSignal,
): Promise<number | null> {
  const day = localDay(ticket.openedAt);
  for (let page = 0; page < maxPages; page += 1) {
    const result = await client.listTicketsPaginated({
      page,
      perPage: rowsPerPage,
      from: day,
      to: day,
      ...(signal ? { signal } : {}),
    });
    const row = result.tickets.find((candidate) => candidate.id === ticket.id);
    if (row) return row.attachmentCount;
    if (page >= result.lastPage) return null;
  }
  return null;
}
