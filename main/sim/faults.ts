/**
 * Faults injected on purpose, set by `POST /__sim/faults`. Each body replaces the previous set; `{}`
 * clears every fault (the start-up latency and the default rate limit come back).
 *
 * Per request, in this order, each with its own probability:
 * - resetRate: the socket is destroyed before anything is done;
 * - htmlErrorRate: a proxy's 502/503 HTML page, nothing is done;
 * - errorRate: HTTP 500 with HubSoft's error body and debug fields, nothing is done;
 * - debugErrorRate: the same body with HTTP 200, as an unhandled exception answers (fact 14),
 *   nothing is done;
 * - timeoutAfterCommitRate: the request is carried out, then never answered (held until close());
 * - malformedRate: the request is carried out (a write is applied) and its JSON answer is cut short,
 *   with HTTP 200.
 * Writes only (POST/PUT to the API, not a listing by POST), each with its own probability, as the
 * nginx in front of production tenants does:
 * - gatewayTimeoutRate: the write is carried out, then the gateway answers 504 with its HTML page
 *   (PHP was too slow for it, but went on and committed);
 * - badGatewayRate: the gateway answers 502 with its HTML page, the backend never sees the write.
 * `rateLimit: null` turns the API rate limit off; `revokeTokens: true` revokes every token issued
 * so far, once. `ignoreClosingReason: true` closes tickets with the default reason whatever the
 * body names: a tenant that answers "success" without doing what was asked (fact 57).
 */
import { z } from 'zod';
import type { RateLimit } from './rate-limit';
import { Rng } from './random';

const rate = z.number().min(0).max(1);

export const faultsBodySchema = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000),
    jitterMs: z.number().int().min(0).max(120_000),
    errorRate: rate,
    debugErrorRate: rate,
    htmlErrorRate: rate,
    malformedRate: rate,
    resetRate: rate,
    timeoutAfterCommitRate: rate,
    gatewayTimeoutRate: rate,
    badGatewayRate: rate,
    rateLimit: z
      .object({ perSecond: z.number().positive(), burst: z.number().int().min(1) })
      .strict()
      .nullable(),
    revokeTokens: z.boolean(),
    ignoreClosingReason: z.boolean(),
  })
  .partial()
  .strict();

export type FaultsBody = z.infer<typeof faultsBodySchema>;

export type FaultOutcome =
  'reset' | 'html' | 'error' | 'debugError' | 'timeoutAfterCommit' | 'malformed' | 'none';

/** What the gateway in front of HubSoft does to a write. */
export type GatewayOutcome = 'timeoutAfterCommit' | 'badGateway' | 'none';

export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  debugErrorRate: number;
  htmlErrorRate: number;
  malformedRate: number;
  resetRate: number;
  timeoutAfterCommitRate: number;
  gatewayTimeoutRate: number;
  badGatewayRate: number;
  /** null: no API rate limit. */
  rateLimit: RateLimit | null;
  ignoreClosingReason: boolean;
}

export function settingsFrom(
  body: FaultsBody,
  baseline: { latencyMs: number; rateLimit: RateLimit },
): FaultSettings {
  return {
    latencyMs: body.latencyMs ?? baseline.latencyMs,
    jitterMs: body.jitterMs ?? 0,
    errorRate: body.errorRate ?? 0,
    debugErrorRate: body.debugErrorRate ?? 0,
    htmlErrorRate: body.htmlErrorRate ?? 0,
    malformedRate: body.malformedRate ?? 0,
    resetRate: body.resetRate ?? 0,
    timeoutAfterCommitRate: body.timeoutAfterCommitRate ?? 0,
    gatewayTimeoutRate: body.gatewayTimeoutRate ?? 0,
    badGatewayRate: body.badGatewayRate ?? 0,
    rateLimit: body.rateLimit === undefined ? baseline.rateLimit : body.rateLimit,
    ignoreClosingReason: body.ignoreClosingReason ?? false,
  };
}

export class FaultDice {
  private readonly rng: Rng;

  constructor(
    readonly settings: FaultSettings,
    seed: number,
  ) {
    this.rng = Rng.for(seed, 'faults', 0);
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.settings;
    return latencyMs + (jitterMs > 0 ? Math.floor(this.rng.next() * jitterMs) : 0);
  }

  /** Which page a failing proxy shows: 502 or 503. */
  proxyStatus(): 502 | 503 {
    return this.rng.next() < 0.5 ? 502 : 503;
  }

  outcome(): FaultOutcome {
    const s = this.settings;
    const order: [FaultOutcome, number][] = [
      ['reset', s.resetRate],
      ['html', s.htmlErrorRate],
      ['error', s.errorRate],
      ['debugError', s.debugErrorRate],
      ['timeoutAfterCommit', s.timeoutAfterCommitRate],
      ['malformed', s.malformedRate],
    ];
    for (const [outcome, probability] of order) {
      if (probability > 0 && this.rng.next() < probability) return outcome;
    }
    return 'none';
  }

  /** Drawn only for writes, and only when a gateway rate is set: other seeds' dice stay as they were. */
  gateway(): GatewayOutcome {
    const s = this.settings;
    if (s.gatewayTimeoutRate > 0 && this.rng.next() < s.gatewayTimeoutRate) {
      return 'timeoutAfterCommit';
    }
    if (s.badGatewayRate > 0 && this.rng.next() < s.badGatewayRate) return 'badGateway';
    return 'none';
  }
}

/** The page nginx shows for a gateway failure, byte for byte in its usual form. */
export function gatewayErrorPage(status: 502 | 503 | 504): string {
  const titles = {
    502: '502 Bad Gateway',
    503: '503 Service Temporarily Unavailable',
    504: '504 Gateway Time-out',
  };
  const title = titles[status];
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
