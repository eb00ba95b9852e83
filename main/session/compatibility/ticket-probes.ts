/**
 * The ticket endpoints: both list paginators with the relations sync asks for, then one ticket's
 * detail and one customer search taken from the first list. Each answer is read by the app's own
 * parsers, so "works" means the app can use it, not only that it came back.
 */
import {
  readLaravelPage,
  readList,
  readTicketList,
  readZeroBasedPage,
} from '../../hubsoft/parse/payload';
import { customer } from '../../hubsoft/parse/customer';
import type { RemoteTicket } from '../../hubsoft';
import type { ProbeHttp } from './probe-http';
import {
  hasStringIds,
  reached,
  readEnvelope,
  skipped,
  unreadable,
  fieldOrThrow,
  type JsonObject,
  type ProbeTarget,
} from './inspect';
import type { CompatibilityEntry, DeviationCode } from './report';

const API = '/api/v1/integracao';

/** What sync asks for on every list call (issue 11: customers, responsible users, messages). */
const relations = {
  cliente_servico: 'relation_customer_missing',
  usuarios_responsaveis: 'relation_responsibles_missing',
  atendimento_mensagem: 'relation_messages_missing',
} as const satisfies Record<string, DeviationCode>;
const relacoes = Object.keys(relations).join(',');

/** Fact 37: the official detail sample sends `servico.id_cliente_servico` as a string. */
const detailStringIds = new Set(['atendimentos.servico.id_cliente_servico']);

export interface ListFindings {
  entry: CompatibilityEntry;
  /** The first ticket the app could read, for the detail and customer probes. */
  ticket: RemoteTicket | null;
}

/** The window the app backfills by default, as `/todos` requires dates on newer servers (fact 32). */
export function listWindow(now: Date): { data_inicio: string; data_fim: string } {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { data_inicio: day(new Date(now.getTime() - 90 * 86_400_000)), data_fim: day(now) };
}

export async function probeTodos(http: ProbeHttp, token: string, now: Date): Promise<ListFindings> {
  const path = `${API}/atendimento/todos`;
  const target: ProbeTarget = { probe: 'list_todos', endpoint: `GET ${path}` };
  const read = readEnvelope(
    target,
    await http.send({
      method: 'GET',
      path,
      token,
      query: { pagina: 0, itens_por_pagina: 5, relacoes, ...listWindow(now) },
    }),
  );
  if ('entry' in read) return { entry: read.entry, ticket: null };
  const { envelope } = read;
  try {
    const page = await readZeroBasedPage(envelope.body, target.endpoint, 0);
    const rows = Array.isArray(envelope.body.atendimentos) ? envelope.body.atendimentos : [];
    const deviations = [...relationDeviations(rows), ...idDeviations(envelope.body)];
    return {
      entry: reached(target, envelope, deviations, page.tickets.length),
      ticket: page.tickets[0] ?? null,
    };
  } catch (error) {
    return { entry: unreadable(target, envelope, fieldOrThrow(error)), ticket: null };
  }
}

/**
 * Page 2 of two-ticket pages asked as `pagina` only: a Laravel paginator that answers page 1 then
 * honours only `page` (which side the server takes is an open question of the facts, §11).
 */
export async function probePaginado(
  http: ProbeHttp,
  token: string,
  now: Date,
): Promise<CompatibilityEntry> {
  const perPage = 2;
  const path = `${API}/atendimento/paginado/${perPage}`;
  const target: ProbeTarget = {
    probe: 'list_paginado',
    endpoint: `GET ${API}/atendimento/paginado/:n`,
  };
  const read = readEnvelope(
    target,
    await http.send({
      method: 'GET',
      path,
      token,
      query: { pagina: 2, relacoes, ...listWindow(now) },
    }),
  );
  if ('entry' in read) return read.entry;
  const { envelope } = read;
  try {
    const page = await readLaravelPage(envelope.body, target.endpoint, 1);
    const paginator = (envelope.body.atendimentos ?? {}) as JsonObject;
    const rows = Array.isArray(paginator.data) ? paginator.data : [];
    const deviations = [...relationDeviations(rows), ...idDeviations(envelope.body)];
    if (paginator.current_page === 1 && Number(paginator.last_page) >= 2) {
      deviations.push('paginado_ignores_pagina');
    }
    return reached(target, envelope, deviations, page.tickets.length);
  } catch (error) {
    return unreadable(target, envelope, fieldOrThrow(error));
  }
}

/** The detail call the app makes when a ticket is opened, for a protocol from the list. */
export async function probeDetail(
  http: ProbeHttp,
  token: string,
  ticket: RemoteTicket | null,
): Promise<CompatibilityEntry> {
  const path = `${API}/cliente/atendimento`;
  const target: ProbeTarget = { probe: 'detail', endpoint: `GET ${path}` };
  if (!ticket) return skipped(target, 'no_ticket');
  const read = readEnvelope(
    target,
    await http.send({
      method: 'GET',
      path,
      token,
      query: {
        busca: 'protocolo',
        termo_busca: ticket.protocol,
        apenas_pendente: 'nao',
        relacoes: 'atendimento_mensagem',
      },
    }),
  );
  if ('entry' in read) return read.entry;
  const { envelope } = read;
  let found: RemoteTicket | undefined;
  try {
    found = readTicketList(envelope.body, target.endpoint).find(
      (candidate) => candidate.protocol === ticket.protocol,
    );
  } catch (error) {
    return unreadable(target, envelope, fieldOrThrow(error));
  }
  if (!found)
    return { ...reached(target, envelope, [], 0), outcome: 'failed', reason: 'not_found' };
  const rows = Array.isArray(envelope.body.atendimentos) ? envelope.body.atendimentos : [];
  const deviations: DeviationCode[] = [];
  if (rows.some((row) => isDateOnly((row as JsonObject).data_cadastro))) {
    deviations.push('detail_date_only');
  }
  if (rows.some((row) => !('atendimento_mensagem' in (row as JsonObject)))) {
    deviations.push('relation_messages_missing');
  }
  if (hasStringIds(envelope.body, detailStringIds)) deviations.push('ids_as_strings');
  return reached(target, envelope, deviations, rows.length);
}

/** Customer search as the new-ticket form uses it, by the code of the list ticket's customer. */
export async function probeCustomerSearch(
  http: ProbeHttp,
  token: string,
  ticket: RemoteTicket | null,
): Promise<CompatibilityEntry> {
  const path = `${API}/cliente`;
  const target: ProbeTarget = { probe: 'customer_search', endpoint: `GET ${path}` };
  if (!ticket) return skipped(target, 'no_ticket');
  const code = ticket.customer?.code;
  if (code == null) return skipped(target, 'no_customer');
  const read = readEnvelope(
    target,
    await http.send({
      method: 'GET',
      path,
      token,
      query: { busca: 'codigo_cliente', termo_busca: code, limit: 1 },
    }),
  );
  if ('entry' in read) return read.entry;
  const { envelope } = read;
  try {
    const customers = readList(envelope.body, 'clientes', customer, target.endpoint);
    const deviations: DeviationCode[] = hasStringIds(envelope.body) ? ['ids_as_strings'] : [];
    return reached(target, envelope, deviations, customers.length);
  } catch (error) {
    return unreadable(target, envelope, fieldOrThrow(error));
  }
}

function relationDeviations(rows: unknown[]): DeviationCode[] {
  const objects = rows.filter((row): row is JsonObject => typeof row === 'object' && row !== null);
  if (objects.length === 0) return [];
  const missing = (Object.keys(relations) as (keyof typeof relations)[]).filter((name) =>
    objects.some((row) => row[name] === undefined),
  );
  if (missing.length === Object.keys(relations).length) return ['relations_ignored'];
  return missing.map((name) => relations[name]);
}

function idDeviations(body: JsonObject): DeviationCode[] {
  return hasStringIds(body) ? ['ids_as_strings'] : [];
}

const dateOnly = /^\d{2}\/\d{2}\/\d{4}$/;

function isDateOnly(value: unknown): boolean {
  return typeof value === 'string' && dateOnly.test(value.trim());
}
