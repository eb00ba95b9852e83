/**
 * Every API call goes through here: rate limit, bearer token, the one re-authentication a 401
 * earns, retries for reads (and for 429s, which prove the server did nothing), and scrubbing of
 * secrets from whatever error leaves.
 */
import type { AxiosInstance } from 'axios';
import type { TokenManager } from './auth';
import { backoffDelay, sleep, type RetryPolicy } from './backoff';
import {
  defaultMessages,
  HubsoftError,
  type HubsoftErrorDetails,
  type HubsoftErrorKind,
} from './errors';
import type { TokenBucket } from './rate-limit';
import type { JsonObject } from './response';
import {
  describeRequest,
  sendOnce,
  sendOnceForBytes,
  type BytesReader,
  type HttpRequest,
} from './transport';

/** Failures a read may simply try again; 'parse' here is a cut or garbled body, not a schema miss. */
const retryableForReads = new Set<HubsoftErrorKind>([
  'network',
  'timeout',
  'server',
  'parse',
  'rate_limited',
]);

const REDACTED = '[oculto]';

function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/** The same error with every known secret removed from its message and details. */
export function redact(error: HubsoftError, secrets: string[]): HubsoftError {
  if (secrets.length === 0) return error;
  const details: HubsoftErrorDetails = Object.fromEntries(
    Object.entries(error.details).map(([key, value]: [string, unknown]) => [
      key,
      typeof value === 'string'
        ? scrub(value, secrets)
        : Array.isArray(value)
          ? value.map((item) => (typeof item === 'string' ? scrub(item, secrets) : item))
          : value,
    ]),
  );
  return new HubsoftError(error.kind, scrub(error.message, secrets), {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    details,
    cause: error.cause,
  });
}

export class Requester {
  constructor(
    private readonly http: AxiosInstance,
    private readonly auth: TokenManager,
    private readonly limiter: TokenBucket,
    private readonly policy: RetryPolicy,
    private readonly defaultTimeoutMs: number,
    /** `/oauth/token`'s own budget (fact 19), apart from the API's. */
    private readonly grantLimiter: TokenBucket,
    private readonly defaultDeadlineMs: number,
  ) {}

  async call(request: HttpRequest): Promise<JsonObject> {
    try {
      return await this.attempt(request, (withTimeout, token) =>
        sendOnce(this.http, withTimeout, token),
      );
    } catch (error) {
      throw redact(asHubsoftError(error, request), this.auth.secrets());
    }
  }

  /**
   * A read whose successful answer's bytes go to `read` unparsed (the store worker parses and
   * writes a list page). What `read` throws as a HubsoftError counts as the answer's failure and
   * is retried like one; anything else it throws leaves as it is, unretried.
   */
  async callForBytes<T>(request: HttpRequest, read: BytesReader<T>): Promise<T> {
    try {
      return await this.attempt(request, (withTimeout, token) =>
        sendOnceForBytes(this.http, withTimeout, token, async (answer) => {
          try {
            return await read(answer);
          } catch (error) {
            throw error instanceof HubsoftError ? error : new ReaderFailure(error);
          }
        }),
      );
    } catch (error) {
      if (error instanceof ReaderFailure) throw error.failure;
      throw redact(asHubsoftError(error, request), this.auth.secrets());
    }
  }

  /**
   * `POST /oauth/token`: rate-limited by its own bucket (the token endpoint allows 30/min), never
   * with a bearer. Only a 429 is retried; the body's own secrets are scrubbed from any failure.
   */
  async grant(body: Record<string, string>, signal?: AbortSignal): Promise<JsonObject> {
    const request: HttpRequest = {
      method: 'POST',
      path: '/oauth/token',
      body,
      // Nothing is created by a token request: a lost answer is a plain failure, not an unknown outcome.
      idempotent: true,
      signal,
      timeoutMs: this.defaultTimeoutMs,
      deadlineMs: this.defaultDeadlineMs,
    };
    const secrets = [body.password, body.client_secret, body.refresh_token, ...this.auth.secrets()];
    const known = secrets.filter(
      (value): value is string => typeof value === 'string' && value.length >= 4,
    );
    let failures = 0;
    for (;;) {
      await this.grantLimiter.take(signal);
      try {
        return await sendOnce(this.http, request, null);
      } catch (error) {
        const failure = asHubsoftError(error, request);
        failures += 1;
        if (failure.kind === 'rate_limited' && failures < this.policy.maxAttempts) {
          const delay = failure.retryAfterMs ?? backoffDelay(failures, this.policy);
          this.grantLimiter.pauseFor(delay);
          await sleep(delay, signal);
          continue;
        }
        throw redact(failure, known);
      }
    }
  }

  private async attempt<T>(
    request: HttpRequest,
    send: (request: HttpRequest, token: string) => Promise<T>,
  ): Promise<T> {
    const withTimeout = {
      ...request,
      timeoutMs: request.timeoutMs ?? this.defaultTimeoutMs,
      deadlineMs: request.deadlineMs ?? this.defaultDeadlineMs,
    };
    let reauthenticated = false;
    let failures = 0;
    for (;;) {
      const token = await this.auth.accessToken(request.signal);
      await this.limiter.take(request.signal);
      try {
        return await send(withTimeout, token);
      } catch (error) {
        if (error instanceof ReaderFailure) throw error;
        const failure = asHubsoftError(error, request);
        if (failure.kind === 'auth' && failure.status === 401) {
          if (reauthenticated) {
            throw new HubsoftError(
              'auth',
              'O HubSoft recusou o acesso mesmo após entrar de novo. Entre novamente.',
              failure,
            );
          }
          reauthenticated = true;
          await this.auth.renewAfterRejection(token, request.signal);
          continue;
        }
        failures += 1;
        const retryable =
          failure.kind === 'rate_limited' ||
          (request.idempotent && retryableForReads.has(failure.kind));
        if (!retryable || failures >= this.policy.maxAttempts) throw failure;
        const delay = failure.retryAfterMs ?? backoffDelay(failures, this.policy);
        if (failure.kind === 'rate_limited') this.limiter.pauseFor(delay);
        await sleep(delay, request.signal);
      }
    }
  }
}

/** Something other than the answer failed inside a bytes reader (the store): passed on as is. */
class ReaderFailure {
  constructor(readonly failure: unknown) {}
}

function asHubsoftError(error: unknown, request: HttpRequest): HubsoftError {
  if (error instanceof HubsoftError) return error;
  // A bug of ours, not a server answer nor the network: the message copies nothing that may hold
  // secrets; the defect itself stays as the cause, for the (scrubbed) log.
  return new HubsoftError('internal', defaultMessages.internal, {
    details: { request: describeRequest(request) },
    cause: error,
  });
}
