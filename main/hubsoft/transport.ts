/**
 * One HTTP attempt with axios, and nothing of axios beyond this file: its errors carry the request
 * config and headers (the bearer token, the body with passwords), so they are mapped here to
 * HubsoftErrors built from safe data only, and the original is dropped.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { cancelledError } from './backoff';
import { defaultMessages, HubsoftError } from './errors';
import { interpretAnswer, type HttpAnswer, type JsonObject } from './response';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number | null;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Path under the base URL, e.g. "/api/v1/integracao/atendimento/todos". */
  path: string;
  query?: Record<string, string | number>;
  /** A JSON body, or multipart FormData for uploads. */
  body?: unknown;
  /**
   * True for reads (safe to retry). False for create, message, close, attach, edit: once such a
   * request was sent, a lost answer means the outcome is unknown ('ambiguous').
   */
  idempotent: boolean;
  /** See AnswerContext.httpErrorsAreBusiness. */
  httpErrorsAreBusiness?: boolean;
  /** axios's idle timer: how long the connection may stay silent. */
  timeoutMs?: number;
  /**
   * The wall-clock limit on the whole request, answer included: a server trickling a byte every
   * few seconds never trips the idle timer (issue 15).
   */
  deadlineMs?: number;
  signal?: AbortSignal;
  onUploadProgress?: (progress: UploadProgress) => void;
}

/** Failures that happen before a single byte reaches the server. */
const neverSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);
const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * About twenty times the largest page HubSoft sends (500 tickets with relations, 1.5 MB): a
 * bigger answer is broken or hostile, and is dropped before it can fill the memory.
 */
const maxResponseBytes = 32 * 1024 * 1024;

export function createHttp(baseUrl: string): AxiosInstance {
  return axios.create({
    baseURL: baseUrl.replace(/\/+$/, ''),
    // Raw text: the response layer tells HTML pages and truncated JSON apart from real data.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    maxBodyLength: Infinity,
    maxContentLength: maxResponseBytes,
    headers: { Accept: 'application/json' },
  });
}

export function describeRequest(request: HttpRequest): string {
  return `${request.method} ${request.path}`;
}

interface WrittenRequest {
  writableFinished?: boolean;
}

function wasFullySent(error: unknown, code: string): boolean {
  if (neverSentCodes.has(code)) return false;
  const request = (error as { request?: WrittenRequest }).request;
  // Unknown is treated as sent: for a create or a message, "maybe" must not become "no".
  return request?.writableFinished !== false;
}

/** Maps a thrown axios/Node error to a HubsoftError, keeping nothing from the original. */
function transportFailure(
  error: unknown,
  request: HttpRequest,
  pastDeadline: boolean,
): HubsoftError {
  const code = (error as { code?: unknown }).code;
  const errorCode = typeof code === 'string' ? code : '';
  const details = { request: describeRequest(request) };
  const sent = wasFullySent(error, errorCode);
  if (!request.idempotent && sent) {
    return new HubsoftError('ambiguous', defaultMessages.ambiguous, { details });
  }
  if (pastDeadline) {
    const seconds = Math.round((request.deadlineMs ?? 0) / 1000);
    return new HubsoftError(
      'timeout',
      `O HubSoft não terminou de responder em ${seconds} s; a requisição foi interrompida.`,
      { details },
    );
  }
  if (axios.isCancel(error) || errorCode === 'ERR_CANCELED') return cancelledError();
  if (errorCode === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(String(error))) {
    const problem = `passa de ${maxResponseBytes / (1024 * 1024)} MB e foi descartado`;
    return new HubsoftError(
      'parse',
      `O HubSoft enviou uma resposta grande demais (mais de ${maxResponseBytes / (1024 * 1024)} MB); ela foi descartada.`,
      { details: { ...details, field: '(corpo)', problem } },
    );
  }
  if (timeoutCodes.has(errorCode))
    return new HubsoftError('timeout', defaultMessages.timeout, { details });
  return new HubsoftError('network', defaultMessages.network, { details });
}

/**
 * The answer's body as bytes, for a reader that works on them elsewhere (the store worker reads
 * and writes a list page in one go). Nothing here has looked inside the body yet.
 */
export interface AnswerBytes {
  status: number;
  contentType: string;
  bytes: Uint8Array;
}

/** Reads a 2xx JSON answer's bytes; a HubsoftError it throws is treated as the answer's own. */
export type BytesReader<T> = (answer: AnswerBytes) => Promise<T>;

/** Sends once; answers the payload object or throws a HubsoftError (never an axios error). */
export async function sendOnce(
  http: AxiosInstance,
  request: HttpRequest,
  bearer: string | null,
): Promise<JsonObject> {
  const answer = await receive(http, request, bearer, 'text');
  return interpret(request, { ...answer, body: answer.text });
}

/**
 * Sends once and hands a successful answer's bytes to `read` without parsing them here; an
 * error status or an HTML page is read here as `sendOnce` reads it. Only for reads.
 */
export async function sendOnceForBytes<T>(
  http: AxiosInstance,
  request: HttpRequest,
  bearer: string | null,
  read: BytesReader<T>,
): Promise<T> {
  const answer = await receive(http, request, bearer, 'bytes');
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok && !looksLikeHtml(answer.contentType, answer.bytes)) {
    return read({ status: answer.status, contentType: answer.contentType, bytes: answer.bytes });
  }
  const body = new TextDecoder().decode(answer.bytes);
  interpret(request, { ...answer, body });
  // interpretAnswer throws for every error status and HTML page; a 2xx never comes here.
  throw new HubsoftError('internal', defaultMessages.internal, {
    details: { request: describeRequest(request) },
  });
}

/** Whether the body starts like an HTML page (after whitespace), or says it is one. */
function looksLikeHtml(contentType: string, bytes: Uint8Array): boolean {
  if (/html/i.test(contentType)) return true;
  for (const byte of bytes) {
    // space, tab, newline, carriage return
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x3c; // '<'
  }
  return false;
}

interface Received {
  status: number;
  contentType: string;
  retryAfterHeader: string | null;
}

async function receive(
  http: AxiosInstance,
  request: HttpRequest,
  bearer: string | null,
  as: 'text',
): Promise<Received & { text: string }>;
async function receive(
  http: AxiosInstance,
  request: HttpRequest,
  bearer: string | null,
  as: 'bytes',
): Promise<Received & { bytes: Uint8Array }>;
async function receive(
  http: AxiosInstance,
  request: HttpRequest,
  bearer: string | null,
  as: 'text' | 'bytes',
): Promise<Received & { text?: string; bytes?: Uint8Array }> {
  if (request.signal?.aborted) throw cancelledError();
  // One controller for the caller's signal and the deadline; the listener goes with the request,
  // so a long-lived caller signal (the sync engine's) does not collect one per request.
  const controller = new AbortController();
  let pastDeadline = false;
  const timer =
    request.deadlineMs === undefined
      ? null
      : setTimeout(() => {
          pastDeadline = true;
          controller.abort();
        }, request.deadlineMs);
  const forwardAbort = () => controller.abort();
  request.signal?.addEventListener('abort', forwardAbort, { once: true });
  let response: AxiosResponse<unknown>;
  try {
    response = await http.request<unknown>({
      method: request.method,
      url: request.path,
      params: request.query,
      data: request.body,
      timeout: request.timeoutMs,
      signal: controller.signal,
      headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
      ...(as === 'bytes' ? { responseType: 'arraybuffer' } : {}),
      onUploadProgress: request.onUploadProgress
        ? (event) =>
            request.onUploadProgress?.({ sentBytes: event.loaded, totalBytes: event.total ?? null })
        : undefined,
    });
  } catch (error) {
    throw transportFailure(error, request, pastDeadline && !request.signal?.aborted);
  } finally {
    if (timer) clearTimeout(timer);
    request.signal?.removeEventListener('abort', forwardAbort);
  }
  const header = (name: string): string | null => {
    const value: unknown = response.headers[name];
    return typeof value === 'string' ? value : null;
  };
  const received: Received = {
    status: response.status,
    contentType: header('content-type') ?? '',
    retryAfterHeader: header('retry-after'),
  };
  const data = response.data;
  if (as === 'text') return { ...received, text: typeof data === 'string' ? data : '' };
  return { ...received, bytes: data instanceof Uint8Array ? data : new Uint8Array(0) };
}

function interpret(request: HttpRequest, answer: HttpAnswer): JsonObject {
  const context = {
    request: describeRequest(request),
    httpErrorsAreBusiness: request.httpErrorsAreBusiness ?? false,
  };
  try {
    return interpretAnswer(answer, context);
  } catch (error) {
    if (
      !request.idempotent &&
      error instanceof HubsoftError &&
      !provesNothingApplied(error, request)
    ) {
      throw new HubsoftError('ambiguous', defaultMessages.ambiguous, {
        status: error.status,
        details: error.details,
      });
    }
    throw error;
  }
}

/**
 * Whether a failed write's answer proves the server applied nothing, so it may be sent again
 * blindly. Production HubSoft sits behind nginx (top of hubsoft-facts.md): a 504 page comes while
 * PHP goes on and commits, a 502/503 before or after, so a 5xx, an HTML page or an unreadable body
 * says nothing. Only HubSoft's own refusals do: HTTP 200 `status:error` (fact 12), 400/422
 * validation, 401/403 from the auth layer before the body is read, 429 from the rate limiter, 404
 * for a route or record that does not exist, and a close's 4xx JSON refusal (fact 15).
 */
function provesNothingApplied(error: HubsoftError, request: HttpRequest): boolean {
  const { status } = error;
  if (status === null || error.kind === 'parse') return false;
  if (status >= 200 && status < 300)
    return error.kind === 'business' || error.kind === 'validation';
  if ([400, 401, 403, 404, 422, 429].includes(status)) return true;
  // A close refused by rule with HubSoft's JSON (fact 15). A 5xx may still have come after the
  // commit: that one is read back, and fails with the server's words only if it did not apply.
  return status < 500 && request.httpErrorsAreBusiness === true && error.kind === 'business';
}
