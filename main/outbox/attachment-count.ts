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

/**
 * Null when the server did not tell it (the row was not found, or carried no count). A ticket
 * opened here has the time it was queued, not the server's: when its day does not hold it, the
 * days since are searched too.
 */
export async function attachmentCountOf(
  client: HubsoftClient,
  ticket: ServerTicket,
  now: Date,
  signal?: AbortSignal,
): Promise<number | null> {
  const day = localDay(ticket.openedAt);
  const today = localDay(now.toISOString());
  const found = await countInRows(client, ticket.id, day, day, signal);
  if (found !== undefined || day >= today) return found ?? null;
  return (await countInRows(client, ticket.id, day, today, signal)) ?? null;
}

/** undefined: no row of that id among the tickets opened between `from` and `to`. */
async function countInRows(
  client: HubsoftClient,
  ticketId: number,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<number | null | undefined> {
  for (let page = 0; page < maxPages; page += 1) {
    const result = await client.listTicketsPaginated({
      page,
      perPage: rowsPerPage,
      from,
      to,
      ...(signal ? { signal } : {}),
    });
    const row = result.tickets.find((candidate) => candidate.id === ticketId);
    if (row) return row.attachmentCount;
    if (page >= result.lastPage) return undefined;
  }
  return undefined;
}
