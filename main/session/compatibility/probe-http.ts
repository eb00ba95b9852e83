/**
 * The check's own HTTP: read-only GETs (and the one token request), one at a time, paced, within a
 * small request budget, so checking a busy tenant costs it a dozen requests and no burst. A 429 is
 * waited out once (its `retry_after`, capped) and slows the pace for what follows (fact 19). The
 * raw JSON comes back as it was sent, because the deviations are in what the parsers smooth over.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReasonCode } from './report';

export interface ProbeHttpOptions {
  baseUrl: string;
  /** Requests this check may send, retries included; default 14 (a dozen plus two retries). */
  budget?: number;
  /** Pause between requests; default 250 ms (4/s, a fraction of HubSoft's 20/s). */
  gapMs?: number;
  /** Longest wait a 429 may ask for; default 10 s. */
  maxRetryWaitMs?: number;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

export type ProbeAnswer =
  | {
      ok: true;
      status: number;
      /** The body as a JSON object; null when it is not one. */
      json: Record<string, unknown> | null;
      durationMs: number;
      /** A 429 came first and was waited out. */
      rateLimited: boolean;
    }
  | {
      ok: false;
      reason: Extract<ReasonCode, 'network' | 'rate_limited' | 'budget'>;
      status: number | null;
      durationMs: number | null;
    };

export interface ProbeRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number>;
  token?: string;
  body?: Record<string, string>;
}

export class ProbeHttp {
  private sent = 0;
  private lastSentAt = 0;
  private gapMs: number;
  private readonly budget: number;
  private readonly maxRetryWaitMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: ProbeHttpOptions) {
    this.gapMs = options.gapMs ?? 250;
    this.budget = options.budget ?? 14;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.sent;
  }

  async send(request: ProbeRequest): Promise<ProbeAnswer> {
    const started = performance.now();
    let rateLimited = false;
    for (;;) {
      if (this.sent >= this.budget)
        return { ok: false, reason: 'budget', status: null, durationMs: null };
      await this.pace();
      let response: Response;
      let text: string;
      try {
        response = await fetch(this.url(request), {
          method: request.method,
          headers: {
            accept: 'application/json',
            ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
            ...(request.body ? { 'content-type': 'application/json' } : {}),
          },
          body: request.body ? JSON.stringify(request.body) : undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = await response.text();
      } catch {
        return { ok: false, reason: 'network', status: null, durationMs: elapsed(started) };
      }
      const json = parseObject(text);
      if (response.status === 429) {
        if (rateLimited) {
          return { ok: false, reason: 'rate_limited', status: 429, durationMs: elapsed(started) };
        }
        rateLimited = true;
        // Slower from here on: the tenant is busy, and the agent's own work comes first.
        this.gapMs = Math.max(this.gapMs * 2, 500);
        await sleep(Math.min(this.maxRetryWaitMs, retryAfterMs(json, response.headers)));
        continue;
      }
      return {
        ok: true,
        status: response.status,
        json,
        durationMs: elapsed(started),
        rateLimited,
      };
    }
  }

  private url(request: ProbeRequest): string {
    const url = new URL(`${this.options.baseUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private async pace(): Promise<void> {
    const wait = this.lastSentAt + this.gapMs - Date.now();
    if (this.sent > 0 && wait > 0) await sleep(wait);
    this.sent += 1;
    this.lastSentAt = Date.now();
  }
}

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

function retryAfterMs(json: Record<string, unknown> | null, headers: Headers): number {
  const fromBody = json?.retry_after;
  const seconds = Number(
    typeof fromBody === 'number' || typeof fromBody === 'string'
      ? fromBody
      : headers.get('retry-after'),
  );
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
