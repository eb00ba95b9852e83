/**
 * Turns one HTTP answer into the JSON payload or a HubsoftError. HubSoft reports most failures as
 * HTTP 200 with `status: "error"`, spells success "success" or "suscess", answers with HTML error
 * pages from its web server, and sometimes cuts a body short: every case ends here as a kind.
 */
import { defaultMessages, HubsoftError, parseError, type HubsoftErrorKind } from './errors';

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
  retryAfterHeader: string | null;
}

export interface AnswerContext {
  /** "POST /api/v1/integracao/atendimento": what the error's details name. */
  request: string;
  /** Closing a ticket fails with a 4xx/5xx carrying the reason: a business rule, not an outage. */
  httpErrorsAreBusiness: boolean;
}

export type JsonObject = Record<string, unknown>;

/**
 * HubSoft's bodies nest a handful of levels. One nested thousands deep is garbage that would
 * overflow the stack of whatever walks it next (validation, the store, a structured clone).
 */
const maxBodyDepth = 64;

/** Walks without recursion, so the check itself cannot overflow. */
function nestedDeeperThan(root: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[root, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (depth > limit) return true;
    for (const child of Object.values(value as object)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeHtml(answer: HttpAnswer): boolean {
  return /html/i.test(answer.contentType) || /^\s*</.test(answer.body);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `errors` as strings, whether a list or Laravel's `{field: [messages]}`. */
function flattenErrors(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(flattenErrors);
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (typeof value === 'number') return [String(value)];
  if (isObject(value)) return Object.values(value).flatMap(flattenErrors);
  return [];
}

function serverMessage(body: JsonObject): string | undefined {
  return text(body.msg) ?? text(body.message) ?? text(body.error_description);
}

function retryAfterMs(body: JsonObject | null, header: string | null): number | null {
  const fromBody = body?.retry_after;
  const seconds =
    typeof fromBody === 'number' || typeof fromBody === 'string'
      ? Number(fromBody)
      : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : null;
}

function kindForStatus(status: number, context: AnswerContext): HubsoftErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return context.httpErrorsAreBusiness ? 'business' : 'server';
  return 'business';
}

function failure(
  kind: HubsoftErrorKind,
  status: number,
  context: AnswerContext,
  body: JsonObject | null,
  header: string | null,
): HubsoftError {
  const message = body ? serverMessage(body) : undefined;
  const errors = body ? flattenErrors(body.errors) : [];
  // Field errors make it validation only where servers put them: 200 "error" bodies, 400 and 422.
  // On close, a non-2xx is the server refusing by rule (an order in execution): business.
  const validationStatus =
    status < 300 || ((status === 400 || status === 422) && !context.httpErrorsAreBusiness);
  const finalKind =
    kind === 'business' && validationStatus && errors.length > 0 ? 'validation' : kind;
  // The server's words help with rules and validation; for auth/outages ours say what to do.
  const useServerWords =
    (finalKind === 'business' || finalKind === 'validation' || finalKind === 'not_found') &&
    message;
  return new HubsoftError(finalKind, useServerWords ? message : defaultMessages[finalKind], {
    status,
    retryAfterMs: finalKind === 'rate_limited' ? retryAfterMs(body, header) : null,
    details: {
      request: context.request,
      ...(message ? { serverMessage: message } : {}),
      ...(errors.length > 0 ? { errors } : {}),
    },
  });
}

/**
 * Fact 14: an unhandled exception answers HTTP 200 `status: "error"` plus Laravel's debug fields
 * (`file`, `line`, `trace`, often `code`). That is the server failing, like a 5xx, not a refusal:
 * reads retry it. A business refusal names no source file and no stack (an empty `trace` is not one).
 */
function carriesDebugFields(body: JsonObject): boolean {
  const hasSourceLine = typeof body.file === 'string' && body.line !== undefined;
  return hasSourceLine || (Array.isArray(body.trace) && body.trace.length > 0);
}

/** The JSON object of a successful answer; throws a HubsoftError for anything else. */
export function interpretAnswer(answer: HttpAnswer, context: AnswerContext): JsonObject {
  const { status } = answer;
  const ok = status >= 200 && status < 300;

  if (looksLikeHtml(answer)) {
    if (ok) {
      throw new HubsoftError('parse', 'O HubSoft respondeu com uma página HTML em vez de dados.', {
        status,
        details: { request: context.request, field: '(corpo)', problem: 'é uma página HTML' },
      });
    }
    const kind = kindForStatus(status, { ...context, httpErrorsAreBusiness: false });
    const message =
      kind === 'server'
        ? `O HubSoft respondeu com uma página de erro (HTTP ${status}).`
        : defaultMessages[kind];
    throw new HubsoftError(kind, message, {
      status,
      retryAfterMs: kind === 'rate_limited' ? retryAfterMs(null, answer.retryAfterHeader) : null,
      details: { request: context.request },
    });
  }

  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    if (!ok)
      throw failure(
        kindForStatus(status, { ...context, httpErrorsAreBusiness: false }),
        status,
        context,
        null,
        answer.retryAfterHeader,
      );
    const problem =
      answer.body.trim() === '' ? 'está vazio' : 'não é JSON válido (truncado ou malformado)';
    const error = parseError('(corpo)', problem, context.request);
    throw new HubsoftError('parse', error.message, { status, details: error.details });
  }

  if (typeof body === 'object' && body !== null && nestedDeeperThan(body, maxBodyDepth)) {
    const error = parseError(
      '(corpo)',
      `tem mais de ${maxBodyDepth} níveis de aninhamento`,
      context.request,
    );
    throw new HubsoftError('parse', error.message, { status, details: error.details });
  }

  if (!ok)
    throw failure(
      kindForStatus(status, context),
      status,
      context,
      isObject(body) ? body : null,
      answer.retryAfterHeader,
    );
  if (!isObject(body)) throw parseError('(corpo)', 'não é um objeto JSON', context.request);

  const outcome = typeof body.status === 'string' ? body.status.trim().toLowerCase() : body.status;
  if (outcome === 'error' && carriesDebugFields(body)) {
    throw new HubsoftError('server', defaultMessages.server, {
      status,
      details: { request: context.request, problem: 'exceção do servidor (campos de depuração)' },
    });
  }
  if (outcome === 'error')
    throw failure('business', status, context, body, answer.retryAfterHeader);
  if (outcome === undefined || outcome === 'success' || outcome === 'suscess') return body;
  throw parseError(
    'status',
    `tem o valor desconhecido ${JSON.stringify(body.status).slice(0, 30)}`,
    context.request,
  );
}
