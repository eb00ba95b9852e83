/**
 * How a failed send is treated: which failures are the server refusing the action, which are
 * worth another try (and when), and which leave the outcome unknown so it must be read back.
 */
import { HubsoftError } from '../hubsoft/errors';

export interface RetryTiming {
  /** Delay before the first retry; it doubles with each counted attempt. */
  baseMs: number;
  /** The cap on that delay. */
  maxMs: number;
  /** How long to wait after the server refused the session (the session signs in again). */
  authWaitMs: number;
}

export const defaultRetryTiming: RetryTiming = {
  baseMs: 2_000,
  maxMs: 5 * 60_000,
  authWaitMs: 30_000,
};

/** Failures lasting this long since the first one stop being retried: the agent decides. */
export const attentionAfterMs = 24 * 60 * 60_000;

/** Read-backs that could not reach the server in a row before the agent is asked instead. */
export const maxReadBackFailures = 6;

export type FailureClass =
  /** The server refused the action (closed ticket, validation): it failed, the agent decides. */
  | 'refused'
  /** The server may have applied it: read back before anything is sent again. */
  | 'ambiguous'
  /** Server trouble or rate limit: retry later, counting an attempt. */
  | 'transient'
  /** The server could not be reached at all: wait for the network, at no cost. */
  | 'offline'
  /** The session was refused: wait for the new sign-in, at no cost. */
  | 'auth'
  /** The sender is stopping. */
  | 'cancelled'
  /** A defect on our side (a TypeError, the store): logged, and the agent decides. */
  | 'internal';

/** The action cannot be sent as it is, found here before asking the server (a vanished file). */
export class ActionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionRefused';
  }
}

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof ActionRefused) return 'refused';
  if (!(error instanceof HubsoftError)) return 'internal';
  switch (error.kind) {
    case 'validation':
    case 'business':
    case 'not_found':
    case 'permission':
      return 'refused';
    case 'ambiguous':
      return 'ambiguous';
    case 'parse':
      // A write whose success answer was unreadable was applied; anything else was not a write.
      return error.details.applied === true ? 'ambiguous' : 'transient';
    case 'network':
      return 'offline';
    // For writes the client turns these into 'ambiguous' once the request was sent.
    case 'timeout':
    case 'server':
    case 'rate_limited':
      return 'transient';
    case 'auth':
      return 'auth';
    case 'cancelled':
      return 'cancelled';
    case 'internal':
      return 'internal';
  }
}

/** Exponential in the attempt number, capped, half of it jittered so clients spread out. */
export function retryDelayMs(attempt: number, timing: RetryTiming, random: () => number): number {
  const ceiling = Math.min(timing.maxMs, timing.baseMs * 2 ** Math.max(attempt - 1, 0));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The text the agent reads for a failure: the client already uses the server's words for refusals. */
export function failureMessage(error: unknown): string {
  return error instanceof HubsoftError || error instanceof ActionRefused
    ? error.message
    : 'Erro inesperado ao enviar a ação.';
}

/** The code kept with a failed action: HubSoft's error kind, or what went wrong here. */
export function failureCode(error: unknown): string {
  if (error instanceof HubsoftError) return error.kind;
  return error instanceof ActionRefused ? 'refused' : 'internal';
}
