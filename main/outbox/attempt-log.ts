/**
 * What the outbox writes to the app's log (pino, scrubbed before every write): one line per
 * attempt, a send or a read-back, with ids, outcome, HTTP status and duration, never the agent's
 * text or the server's answer; and defects of ours with their stack.
 */
import { HubsoftError } from '../hubsoft/errors';
import type { ActionKind } from '../store/types';

/** The part of a pino logger the outbox uses. */
export interface OutboxLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLog: OutboxLog = {
  info: () => undefined,
  error: () => undefined,
};

/** 'look': the look before sending (look-before-send.ts). */
export type AttemptStep = 'send' | 'read_back' | 'look';

export interface AttemptRecord {
  actionId: number;
  kind: ActionKind;
  /** The action's attempt count when this step ran. */
  attempt: number;
  step: AttemptStep;
  /** 'sent', a read-back verdict ('missing', 'unproven') or the failure class. */
  outcome: string;
  startedAt: number;
  finishedAt: number;
  /** What failed, if the step did: the line keeps only its HTTP status. */
  error?: unknown;
}

export function logAttempt(log: OutboxLog, record: AttemptRecord): void {
  log.info(
    {
      actionId: record.actionId,
      kind: record.kind,
      attempt: record.attempt,
      step: record.step,
      outcome: record.outcome,
      httpStatus: record.error instanceof HubsoftError ? record.error.status : null,
      durationMs: record.finishedAt - record.startedAt,
    },
    'outbox attempt',
  );
}

/** The error that shows the defect: what the HubSoft client wrapped, or the thrown error itself. */
export function defectOf(error: unknown): unknown {
  return error instanceof HubsoftError && error.cause !== undefined ? error.cause : error;
}
