/**
 * Every way a HubSoft call can fail, as one error class the rest of the app switches on by `kind`.
 * Built only from safe data: never from an axios error, whose config carries the request headers
 * (the bearer token) and body (passwords, client secrets).
 */

export type HubsoftErrorKind =
  | 'auth'
  | 'permission'
  | 'validation'
  | 'business'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'parse'
  | 'ambiguous'
  | 'cancelled'
  /** A defect of ours met while calling (a TypeError): not the server's doing, not the network's. */
  | 'internal';

export interface HubsoftErrorDetails {
  /** HTTP method and path (no query string, no host) of the call that failed. */
  request?: string;
  /** The server's own `msg`, when it sent one. */
  serverMessage?: string;
  /** The server's `errors[]` (validation), flattened to strings. */
  errors?: string[];
  /** For kind 'parse': the dotted path of the field that could not be read. */
  field?: string;
  /** For kind 'parse': what was wrong with it, in plain words. */
  problem?: string;
  /**
   * For a write whose answer said success but could not be read: the change was applied, so it
   * must be read back, never sent again.
   */
  applied?: boolean;
}

export interface HubsoftErrorData {
  code: HubsoftErrorKind;
  message: string;
  status: number | null;
  retryAfterMs: number | null;
  details: HubsoftErrorDetails;
}

interface HubsoftErrorInit {
  status?: number | null;
  retryAfterMs?: number | null;
  details?: HubsoftErrorDetails;
  /** For kind 'internal': the defect, kept for the log (its stack); never sent over IPC. */
  cause?: unknown;
}

export class HubsoftError extends Error {
  readonly kind: HubsoftErrorKind;
  /** HTTP status when an answer arrived, else null. */
  readonly status: number | null;
  /** How long the server asked us to wait (429 `retry_after`), else null. */
  readonly retryAfterMs: number | null;
  readonly details: HubsoftErrorDetails;

  constructor(kind: HubsoftErrorKind, message: string, init: HubsoftErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'HubsoftError';
    this.kind = kind;
    this.status = init.status ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.details = init.details ?? {};
  }

  /** The shape that crosses IPC: plain data with a `code`. */
  toData(): HubsoftErrorData {
    return {
      code: this.kind,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      details: this.details,
    };
  }
}

export function isHubsoftError(value: unknown): value is HubsoftError {
  return value instanceof HubsoftError;
}

/** A field that could not be read: the message names it so support can see what the server sent. */
export function parseError(field: string, problem: string, request?: string): HubsoftError {
  return new HubsoftError(
    'parse',
    `Resposta inesperada do HubSoft: o campo "${field}" ${problem}.`,
    { details: { field, problem, ...(request ? { request } : {}) } },
  );
}

/** Portuguese messages for the agent, one per kind, used when the server gave none better. */
export const defaultMessages: Record<HubsoftErrorKind, string> = {
  auth: 'Sua sessão no HubSoft expirou ou as credenciais foram recusadas. Entre novamente.',
  permission: 'Seu usuário do HubSoft não tem permissão para esta operação.',
  validation: 'O HubSoft recusou os dados enviados.',
  business: 'O HubSoft recusou a operação.',
  not_found: 'O HubSoft não encontrou o registro pedido.',
  rate_limited: 'Muitas requisições ao HubSoft. Aguarde alguns segundos.',
  server: 'O servidor do HubSoft está com problemas. Tente novamente mais tarde.',
  network: 'Não foi possível conectar ao servidor do HubSoft.',
  timeout: 'O HubSoft demorou demais para responder.',
  parse: 'O HubSoft enviou uma resposta que não foi possível entender.',
  ambiguous:
    'A requisição foi enviada ao HubSoft, mas a resposta não chegou: não se sabe se foi aplicada.',
  cancelled: 'A operação foi cancelada.',
  internal: 'Erro interno do HubDesk ao falar com o HubSoft.',
};
