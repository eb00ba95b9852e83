/**
 * The admin API, which only the simulator has (tests and benchmarks outside the repository use it):
 *
 * - `POST /__sim/reset` `{seed?, tickets?}`: a fresh dataset (tokens stay valid).
 * - `POST /__sim/faults` `{latencyMs?, jitterMs?, errorRate?, htmlErrorRate?, malformedRate?,
 *   resetRate?, timeoutAfterCommitRate?, rateLimit?: {perSecond, burst} | null, revokeTokens?}`:
 *   replaces the fault set (see faults.ts); `{}` clears it. A bad body is a 400 naming the problem.
 * - `GET /__sim/state`: `{seed, generatedTickets, createdTickets, tickets: [...]}` with every ticket
 *   as stored (messages, attachments without bytes, service orders; times in UTC ms), streamed,
 *   letting other requests in between.
 *
 * Every admin request passes `admin-guard.ts` first (own Host, JSON bodies); demo mode does not
 * mount these routes at all.
 *   `?only=changed` keeps the tickets the API created or changed; `?protocol=P` keeps that one.
 * - `POST /__sim/delete` `{protocol}`: soft-deletes that ticket, as an operator would: it leaves
 *   the lists and its detail answers HTTP 200 `status:error` "Atendimento não encontrado". 404
 *   when there is no such ticket.
 * - `POST /__sim/message` `{protocol, text, userId?}`: another agent (`userId`, default Bianca
 *   Couto) writes on that ticket in HubSoft's own screens; answers `{ok, id}`, 404 when there is no
 *   such ticket. Reads show it like any message, with no author (fact 35).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { faultsBodySchema } from '../faults';
import { readBody } from '../http-io';
import type { TicketRecord } from '../records';
import type { SimState } from '../state';

const MAX_TICKETS = 1_000_000;

/**
 * Records written between two turns of the event loop. A fast reader keeps the socket writable,
 * so waiting for 'drain' alone never yields: a 1M-ticket read then held every other request.
 */
const RECORDS_PER_TURN = 200;

export const resetBodySchema = z
  .object({
    seed: z.number().int().min(0).max(0xffffffff),
    tickets: z.number().int().min(0).max(MAX_TICKETS),
  })
  .partial()
  .strict();

export const deleteBodySchema = z.object({ protocol: z.string().regex(/^\d{15,20}$/) }).strict();

export const messageBodySchema = z
  .object({
    protocol: z.string().regex(/^\d{15,20}$/),
    text: z.string().min(1).max(10_000),
    userId: z.number().int().positive().optional(),
  })
  .strict();

export interface StateFilter {
  only?: 'changed';
  protocol?: string;
}

/** The tickets a state request asks for, one at a time so 200,000 never sit in memory together. */
export function* selectTickets(state: SimState, filter: StateFilter): Generator<TicketRecord> {
  const dataset = state.dataset;
  if (filter.protocol !== undefined) {
    const record = dataset.findByProtocol(filter.protocol);
    if (record) yield record;
    return;
  }
  const ids = filter.only === 'changed' ? dataset.changedIds() : dataset.ids();
  for (const id of ids) {
    const record = dataset.get(id);
    if (record) yield record;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

async function streamState(
  state: SimState,
  res: ServerResponse,
  filter: StateFilter,
): Promise<void> {
  const dataset = state.dataset;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(`{"seed":${dataset.seed},"generatedTickets":${dataset.ticketCount},"tickets":[`);
  let written = 0;
  for (const record of selectTickets(state, filter)) {
    const ok = res.write(`${written === 0 ? '' : ','}${JSON.stringify(record)}`);
    written += 1;
    if (!ok) await once(res, 'drain');
    else if (written % RECORDS_PER_TURN === 0) await nextTurn();
    if (res.destroyed) return;
  }
  res.end(']}');
}

export async function handleAdmin(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/$/, '')}`;
  if (route === 'GET /__sim/state') {
    const only = url.searchParams.get('only');
    if (only !== null && only !== 'changed') {
      sendJson(res, 400, { error: 'invalid_filter', message: 'only must be "changed"' });
      return;
    }
    const protocol = url.searchParams.get('protocol') ?? undefined;
    await streamState(state, res, { ...(only ? { only } : {}), ...(protocol ? { protocol } : {}) });
    return;
  }
  if (
    route !== 'POST /__sim/reset' &&
    route !== 'POST /__sim/faults' &&
    route !== 'POST /__sim/delete' &&
    route !== 'POST /__sim/message'
  ) {
    sendJson(res, 404, { error: 'not_found', message: `no admin route ${route}` });
    return;
  }
  let body: unknown;
  try {
    body = await readBody(req);
  } catch (error) {
    sendJson(res, 400, { error: 'invalid_body', message: (error as Error).message });
    return;
  }
  if (route === 'POST /__sim/delete') {
    const parsed = deleteBodySchema.safeParse(body);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid_delete', message: describe(parsed.error) });
      return;
    }
    const deleted = state.deleteTicket(parsed.data.protocol);
    sendJson(
      res,
      deleted ? 200 : 404,
      deleted ? { ok: true } : { error: 'not_found', message: 'no such ticket' },
    );
    return;
  }
  if (route === 'POST /__sim/message') {
    const parsed = messageBodySchema.safeParse(body);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid_message', message: describe(parsed.error) });
      return;
    }
    const { protocol, text, userId } = parsed.data;
    const message = state.addMessageByOther(protocol, text, userId);
    if (message) sendJson(res, 200, { ok: true, id: message.id });
    else sendJson(res, 404, { error: 'not_found', message: 'no such ticket' });
    return;
  }
  if (route === 'POST /__sim/reset') {
    const parsed = resetBodySchema.safeParse(body);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'invalid_reset', message: describe(parsed.error) });
      return;
    }
    const seed = parsed.data.seed ?? state.dataset.seed;
    const tickets = parsed.data.tickets ?? state.dataset.ticketCount;
    state.reset(seed, tickets);
    sendJson(res, 200, { ok: true, seed, tickets });
    return;
  }
  const parsed = faultsBodySchema.safeParse(body);
  if (!parsed.success) {
    sendJson(res, 400, { error: 'invalid_faults', message: describe(parsed.error) });
    return;
  }
  sendJson(res, 200, { ok: true, faults: state.setFaults(parsed.data) });
}
