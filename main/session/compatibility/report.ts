/**
 * The compatibility report and its small vocabulary: which probe ran against which endpoint, how it
 * went, and which deviations from HubSoft as the facts describe it were found. Codes only, no
 * words: the renderer says them in Portuguese or English, and the diagnostics bundle keeps the
 * codes. Nothing here holds a secret or customer data: endpoints, counts, statuses and durations.
 */
import { z } from 'zod';

export const probeNames = [
  'sign_in',
  'list_todos',
  'list_paginado',
  'detail',
  'config_ticket_types',
  'config_ticket_statuses',
  'config_closing_reasons',
  'config_contact_origins',
  'config_availability_periods',
  'config_service_order_types',
  'config_technicians',
  'customer_search',
] as const;
export type ProbeName = (typeof probeNames)[number];

/**
 * What a probe found beyond "answered as the facts say". 'usual' ones are what every real HubSoft
 * does and the app expects (the entry still works); the others are this server's own deviations.
 */
export const deviationKinds = {
  /** Fact 11: the documented typo of "success"; accepted. */
  status_suscess: 'deviation',
  /** Fact 45: ids as JSON strings; coerced to numbers. */
  ids_as_strings: 'deviation',
  /** Fact 19: HTTP 429 met; the check waited `retry_after` and slowed its pace. */
  rate_limited: 'deviation',
  /** Fact 32: none of the relations asked for came back: `relacoes` is ignored. */
  relations_ignored: 'deviation',
  /** List rows without `cliente_servico` although asked: the inbox shows no customers. */
  relation_customer_missing: 'deviation',
  /** Rows without `usuarios_responsaveis`: "só os meus" relies on `id_usuario_responsavel`. */
  relation_responsibles_missing: 'deviation',
  /** Rows without `atendimento_mensagem`: messages are searchable once the ticket is opened. */
  relation_messages_missing: 'deviation',
  /** Fact 31 open question: `paginado` honours only Laravel's `page`; sync uses `/todos`. */
  paginado_ignores_pagina: 'deviation',
  /** §5: periods keyed `id_disponibilidade` instead of `id_periodo_dia`; read the same. */
  periods_legacy_key: 'deviation',
  /** Facts 37/46: the detail's dates are date-only; the list's exact times are kept. */
  detail_date_only: 'usual',
  /** Fact 3: no refresh_token; the app signs in again with the password (or asks for it). */
  no_refresh_token: 'usual',
  /** The server holds no item for this list. */
  empty: 'usual',
} as const satisfies Record<string, 'usual' | 'deviation'>;
export type DeviationCode = keyof typeof deviationKinds;
const deviationCodes = Object.keys(deviationKinds) as [DeviationCode, ...DeviationCode[]];

/** Why a probe failed or did not run. */
export const reasonCodes = [
  /** No answer: DNS, refused, TLS, timeout. */
  'network',
  /** An HTTP status that is not HubSoft's way of answering this call. */
  'http_status',
  /** HTTP 200 with `status: "error"`. */
  'refused',
  /** The body is not a JSON object (an HTML page, a cut answer). */
  'not_json',
  /** The app's parser could not read it (`field` names where): that data is unavailable. */
  'unreadable',
  /** Still HTTP 429 after waiting once. */
  'rate_limited',
  /** The detail answer did not hold the protocol asked for. */
  'not_found',
  /** Skipped: the request budget was spent. */
  'budget',
  /** Skipped: the list had no ticket to take a protocol or a customer from. */
  'no_ticket',
  /** Skipped: the list's rows carry no customer to search for. */
  'no_customer',
  /** Skipped: the password is not kept, so the open session's token was used. */
  'no_password',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export const compatibilityEntry = z.object({
  probe: z.enum(probeNames),
  /** "GET /api/v1/integracao/atendimento/todos": method and path, no query, no host. */
  endpoint: z.string(),
  outcome: z.enum(['works', 'deviations', 'failed', 'skipped']),
  deviations: z.array(z.enum(deviationCodes)),
  reason: z.enum(reasonCodes).nullable(),
  /** For 'unreadable': the dotted path of the field, never its value. */
  field: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  /** Of the last attempt, including any wait after a 429. */
  durationMs: z.number().int().nonnegative().nullable(),
  /** Items the answer held (tickets, list items, customers). */
  count: z.number().int().nonnegative().nullable(),
});
export type CompatibilityEntry = z.infer<typeof compatibilityEntry>;
export type CompatibilityOutcome = CompatibilityEntry['outcome'];

export const compatibilityReport = z.object({
  checkedAt: z.iso.datetime(),
  /** HTTP requests sent, retries included. */
  requests: z.number().int().nonnegative(),
  entries: z.array(compatibilityEntry),
});
export type CompatibilityReport = z.infer<typeof compatibilityReport>;

/** 'works' when every deviation found is one every HubSoft has. */
export function outcomeOf(deviations: readonly DeviationCode[]): 'works' | 'deviations' {
  return deviations.every((code) => deviationKinds[code] === 'usual') ? 'works' : 'deviations';
}
