/**
 * The payloads around the records: pages of both paginators, single tickets, lists. Each reader
 * takes the answer's JSON object and returns typed data or throws a 'parse' HubsoftError naming the
 * field.
 */
import { z } from 'zod';
import { parseError } from '../errors';
import type { RemoteTicket, TicketPage } from '../model';
import { firstIssue, optionalNumber } from './fields';
import { skippedRows, type ParseProblem } from './problems';
import { remoteTicket } from './ticket';

/** Runs a schema and turns its first issue into a parse error naming the field. */
export function readWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  field: string,
  request: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = firstIssue(result.error, field);
  throw parseError(issue.field, issue.problem, request);
}

const count = optionalNumber;

/**
 * Tickets per slice between yields to the event loop: a 500-row page with messages takes tens of
 * milliseconds to read, which the main process cannot spend in one go (its lag budget is 50 ms).
 */
const TICKETS_PER_SLICE = 50;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One list row, or where it could not be read (endpoint and field path only). */
function readTicketRow(
  row: unknown,
  field: string,
  request: string,
): { ticket: RemoteTicket } | { skipped: ParseProblem } {
  const result = remoteTicket.safeParse(row);
  if (result.success) return { ticket: result.data };
  return { skipped: { endpoint: request, field: firstIssue(result.error, `${field}[]`).field } };
}

/**
 * Reads list rows a slice at a time. A row that cannot be read is left out, counted and reported
 * (endpoint and field path only): one bad row never refuses the page the other rows are on.
 */
export async function readTicketRows(
  rows: unknown[],
  field: string,
  request: string,
): Promise<RemoteTicket[]> {
  const tickets: RemoteTicket[] = [];
  for (let start = 0; start < rows.length; start += TICKETS_PER_SLICE) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(rows.length, start + TICKETS_PER_SLICE);
    for (let index = start; index < end; index += 1) {
      const read = readTicketRow(rows[index], field, request);
      if ('ticket' in read) tickets.push(read.ticket);
      else skippedRows.record(read.skipped);
    }
  }
  return tickets;
}

/** `/atendimento/todos`: 0-based `paginacao` beside `atendimentos[]`. */
const zeroBasedPage = z.looseObject({
  paginacao: z.looseObject({
    ultima_pagina: count,
    pagina_atual: count,
    total_registros: count,
  }),
  atendimentos: z.array(z.unknown()),
});

function zeroBasedPageOf(
  body: unknown,
  request: string,
  requestedPage: number,
): { rows: unknown[]; page: Omit<TicketPage, 'tickets'> } {
  const { paginacao, atendimentos } = readWith(zeroBasedPage, body, '', request);
  const total = paginacao.total_registros ?? atendimentos.length;
  return {
    rows: atendimentos,
    page: {
      page: paginacao.pagina_atual ?? requestedPage,
      lastPage: total === 0 ? -1 : (paginacao.ultima_pagina ?? requestedPage),
      total,
    },
  };
}

export async function readZeroBasedPage(
  body: unknown,
  request: string,
  requestedPage: number,
): Promise<TicketPage> {
  const { rows, page } = zeroBasedPageOf(body, request, requestedPage);
  return { ...page, tickets: await readTicketRows(rows, 'atendimentos', request) };
}

/**
 * The same, all at once, with the rows left out answered instead of recorded here: for the store
 * worker, whose event loop no agent waits on and whose tally is not the one diagnostics read.
 */
export function readZeroBasedPageNow(
  body: unknown,
  request: string,
  requestedPage: number,
): TicketPage & { skipped: ParseProblem[] } {
  const { rows, page } = zeroBasedPageOf(body, request, requestedPage);
  const tickets: RemoteTicket[] = [];
  const skipped: ParseProblem[] = [];
  for (const row of rows) {
    const read = readTicketRow(row, 'atendimentos', request);
    if ('ticket' in read) tickets.push(read.ticket);
    else skipped.push(read.skipped);
  }
  return { ...page, tickets, skipped };
}

/** `/atendimento/paginado/:n`: a Laravel paginator (1-based) under `atendimentos`. */
const laravelPage = z.looseObject({
  atendimentos: z.looseObject({
    current_page: count,
    last_page: count,
    total: count,
    data: z.array(z.unknown()),
  }),
});

export async function readLaravelPage(
  body: unknown,
  request: string,
  requestedPage: number,
): Promise<TicketPage> {
  const { atendimentos } = readWith(laravelPage, body, '', request);
  const total = atendimentos.total ?? atendimentos.data.length;
  const currentPage = atendimentos.current_page ?? requestedPage + 1;
  const lastPage = atendimentos.last_page ?? currentPage;
  return {
    tickets: await readTicketRows(atendimentos.data, 'atendimentos.data', request),
    page: currentPage - 1,
    lastPage: total === 0 ? -1 : lastPage - 1,
    total,
  };
}

/**
 * `{atendimentos: [...]}` (customer tickets: a ticket's detail, the outbox's read-back). Strict:
 * a row left out here would read as a ticket gone from the server.
 */
export function readTicketList(body: unknown, request: string): RemoteTicket[] {
  return (
    readWith(z.looseObject({ atendimentos: z.array(remoteTicket).nullish() }), body, '', request)
      .atendimentos ?? []
  );
}

/** `{atendimento: {...}}` (create, PUT). */
export function readSingleTicket(body: unknown, request: string): RemoteTicket {
  return readWith(z.looseObject({ atendimento: remoteTicket }), body, '', request).atendimento;
}

/** A list under a named key, each item read by `item`. */
export function readList<T>(body: unknown, key: string, item: z.ZodType<T>, request: string): T[] {
  return readWith(z.looseObject({ [key]: z.array(item) }), body, '', request)[key] as T[];
}
